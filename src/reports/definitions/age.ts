import { wholeYears } from '../../hud/calendar-days.js';
import type { AgeGroup } from '../universe.model.js';

/**
 * §1.3: age in whole years (birthday arithmetic) on the later of the report start and the project start; null
 * when the DOB is unknown or later than that day.
 */
export function reportAge(dob: string | null, entryDate: string, reportStart: string): number | null {
  if (dob === null) return null;
  const age = wholeYears(dob, entryDate > reportStart ? entryDate : reportStart);
  return age < 0 ? null : age;
}

/** Adult 18+, child 0–17; an unknown age is "doesn't know / prefers not to answer" only when DOBDataQuality says so. */
export function ageGroup(age: number | null, dobDataQuality: number | null): AgeGroup {
  if (age !== null) return age >= 18 ? 'adult' : 'child';
  return dobDataQuality === 8 || dobDataQuality === 9 ? 'dont-know' : 'not-collected';
}

export interface AgeBracket {
  label: string;
  min: number;
  max: number;
}

/** The age brackets of Q11 (and, from 18 on, Q25d and Q26d). */
export const AGE_BRACKETS: readonly AgeBracket[] = [
  { label: 'Under 5', min: 0, max: 4 },
  { label: '5-12', min: 5, max: 12 },
  { label: '13-17', min: 13, max: 17 },
  { label: '18-24', min: 18, max: 24 },
  { label: '25-34', min: 25, max: 34 },
  { label: '35-44', min: 35, max: 44 },
  { label: '45-54', min: 45, max: 54 },
  { label: '55-64', min: 55, max: 64 },
  { label: '65+', min: 65, max: Number.POSITIVE_INFINITY },
];

/** Q25d's brackets: veterans are adults. */
export const ADULT_AGE_BRACKETS: readonly AgeBracket[] = AGE_BRACKETS.filter((b) => b.min >= 18);

/** Q26d's brackets: every child in one row, then the adult brackets. */
export const CHRONIC_AGE_BRACKETS: readonly AgeBracket[] = [{ label: '0 - 17', min: 0, max: 17 }, ...ADULT_AGE_BRACKETS];
