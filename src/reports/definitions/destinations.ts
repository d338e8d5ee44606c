/**
 * §1.13 destinations (3.12.1, FY2026) as the exit-destination tables read them (Q23c, Q25i, Q27f1): the code counted,
 * HUD's sections, and which destinations are positive or excluded for a project type.
 */
import { DESTINATIONS, RENTAL_SUBSIDY_TYPES, RENTAL_WITH_SUBSIDY } from '../../hud/enrollment-code-lists.js';

const PERMANENT = [422, 423, 426, 410, 435, 421, 411];
const STREET_OUTREACH = 4;
const OUTREACH_POSITIVE = new Set([101, 118, 215, 204, 205, 225, 314, 312, 313, 302, 327, 332, ...PERMANENT]);
const OUTREACH_EXCLUDED = new Set([206, 329, 24]);
const POSITIVE = new Set(PERMANENT);
const EXCLUDED = new Set([215, 206, 225, 24]);

/** The destination as counted: a code HUD does not allow, or 435 without a valid subsidy type, is "data not collected" (99). */
export function reportedDestination(destination: number | null, subsidyType: number | null): number | null {
  if (destination === null) return null;
  if (!DESTINATIONS.includes(destination)) return 99;
  if (destination === RENTAL_WITH_SUBSIDY && (subsidyType === null || !RENTAL_SUBSIDY_TYPES.includes(subsidyType))) return 99;
  return destination;
}

/** Positive housing destinations: street outreach counts shelter and temporary places too; every other type (HP as PSH), permanent only. */
export function isPositiveDestination(destination: number | null, projectType: number): boolean {
  if (destination === null) return false;
  return (projectType === STREET_OUTREACH ? OUTREACH_POSITIVE : POSITIVE).has(destination);
}

/** Destinations that take a leaver out of the percentage's denominator (institutions, death). */
export function isExcludedDestination(destination: number | null, projectType: number): boolean {
  if (destination === null) return false;
  return (projectType === STREET_OUTREACH ? OUTREACH_EXCLUDED : EXCLUDED).has(destination);
}

/** §1.13's groups of 3.12.1 by code range, in HUD's order, as Q23e labels them. */
export const DESTINATION_GROUPS = [
  { label: 'Homeless Situations', min: 100, max: 199 },
  { label: 'Institutional Situations', min: 200, max: 299 },
  { label: 'Temporary Situations', min: 300, max: 399 },
  { label: 'Permanent Situations', min: 400, max: 499 },
  { label: 'Other Situations', min: 0, max: 99 },
] as const;

/** The group of a destination as counted (reportedDestination); none recorded is "Other" (data not collected). */
export function destinationGroup(destination: number | null): (typeof DESTINATION_GROUPS)[number] {
  const code = destination ?? 99;
  return DESTINATION_GROUPS.find((g) => code >= g.min && code <= g.max) ?? DESTINATION_GROUPS[4];
}
