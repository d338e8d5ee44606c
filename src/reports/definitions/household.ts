import type { AgeGroup, HouseholdType } from '../universe.model.js';

/**
 * §1.4, from the ages of every member of the household active in the report, in HUD's precedence: an adult and a
 * child → with children and adults; else anyone of unknown age → unknown; else adults only; else children only.
 */
export function householdType(members: readonly AgeGroup[]): HouseholdType {
  const adults = members.includes('adult');
  const children = members.includes('child');
  if (adults && children) return 'adults-and-children';
  if (members.some((g) => g === 'dont-know' || g === 'not-collected')) return 'unknown';
  return adults ? 'adults-only' : 'children-only';
}

/** The household-type columns after Total, in HUD's order, with their headers. */
export const HOUSEHOLD_TYPE_COLUMNS: readonly { type: HouseholdType; header: string }[] = [
  { type: 'adults-only', header: 'Without Children' },
  { type: 'adults-and-children', header: 'With Children and Adults' },
  { type: 'children-only', header: 'With Only Children' },
  { type: 'unknown', header: 'Unknown Household Type' },
];
