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
