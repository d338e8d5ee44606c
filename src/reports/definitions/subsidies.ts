/**
 * §3 Q23d's rows, which Q25j (veterans) and Q27f2 (youth) repeat for their people: leavers who exited to 435 "Rental by
 * client, with ongoing housing subsidy", by 3.12.A subsidy type in HUD's order. Homelessness prevention leavers
 * (project type 12) are left out (Data Lab); a 435 without a valid subsidy type is counted as "data not collected"
 * in the destination tables (§1.13), so it has no subsidy row here either.
 */
import type { CodeList } from '../../hud/code-lists.js';
import { RENTAL_SUBSIDY_TYPE, RENTAL_SUBSIDY_TYPES, RENTAL_WITH_SUBSIDY } from '../../hud/enrollment-code-lists.js';
import { reportedDestination } from './destinations.js';

const HOMELESSNESS_PREVENTION = 12;

/** The subsidy-type rows: HUD's label (3.12.A) and code, in HUD's order (not numeric). */
export const SUBSIDY_TYPE_ROWS: readonly { code: number; label: string }[] = RENTAL_SUBSIDY_TYPES.map((code) => ({
  code,
  label: (RENTAL_SUBSIDY_TYPE as CodeList)[code]!,
}));

/** The subsidy type a leaver is counted under, or null when they are not in these tables' universe. */
export function exitSubsidyType(destination: number | null, subsidyType: number | null, projectType: number): number | null {
  if (projectType === HOMELESSNESS_PREVENTION) return null;
  return reportedDestination(destination, subsidyType) === RENTAL_WITH_SUBSIDY ? subsidyType : null;
}
