/**
 * HUD HMIS CSV FY2026 code lists for Client.csv (see ../shared/reference/hud-hmis-csv.md, section 4).
 * Values are the exact HUD codes; labels are HUD's wording. Stored as these integers so an FY2026
 * Client.csv export is a straight mapping.
 */

import { NO_YES_REASONS_FOR_MISSING_DATA } from './code-lists.js';

export type CodeList = Readonly<Record<number, string>>;

/** The "reasons for missing data" shared by most lists (8, 9, 99). */
export const CLIENT_DOESNT_KNOW = 8;
export const CLIENT_PREFERS_NOT_TO_ANSWER = 9;
export const DATA_NOT_COLLECTED = 99;
export const MISSING_DATA_REASONS: CodeList = {
  8: "Client doesn't know",
  9: 'Client prefers not to answer',
  99: 'Data not collected',
};

export function isMissingDataReason(code: number): boolean {
  return code === CLIENT_DOESNT_KNOW || code === CLIENT_PREFERS_NOT_TO_ANSWER || code === DATA_NOT_COLLECTED;
}

/** 3.01.5 NameDataQuality */
export const NAME_DATA_QUALITY: CodeList = {
  1: 'Full name reported',
  2: 'Partial, street name, or code name reported',
  ...MISSING_DATA_REASONS,
};

/** 3.02.2 SSNDataQuality */
export const SSN_DATA_QUALITY: CodeList = {
  1: 'Full SSN reported',
  2: 'Approximate or partial SSN reported',
  ...MISSING_DATA_REASONS,
};

/** 3.03.2 DOBDataQuality */
export const DOB_DATA_QUALITY: CodeList = {
  1: 'Full DOB reported',
  2: 'Approximate or partial DOB reported',
  ...MISSING_DATA_REASONS,
};

/** 3.04 Race and ethnicity: one Client.csv column each, 1 = selected, 0 = not (list 1.10). */
export const RACE_FIELDS = [
  { column: 'am_ind_ak_native', csv: 'AmIndAKNative', label: 'American Indian, Alaska Native, or Indigenous' },
  { column: 'asian', csv: 'Asian', label: 'Asian or Asian American' },
  { column: 'black_af_american', csv: 'BlackAfAmerican', label: 'Black, African American, or African' },
  { column: 'hispanic_latinao', csv: 'HispanicLatinao', label: 'Hispanic/Latina/o' },
  { column: 'mid_east_n_african', csv: 'MidEastNAfrican', label: 'Middle Eastern or North African' },
  { column: 'native_hi_pacific', csv: 'NativeHIPacific', label: 'Native Hawaiian or Pacific Islander' },
  { column: 'white', csv: 'White', label: 'White' },
] as const;

export type RaceColumn = (typeof RACE_FIELDS)[number]['column'];

/** 1.6 RaceNone: why no race was recorded (non-null only when every race column is 0). */
export const RACE_NONE: CodeList = { ...MISSING_DATA_REASONS };

/** 4.21 Sex (FY2026; replaces FY2024's gender columns). */
export const SEX: CodeList = {
  0: 'Female',
  1: 'Male',
  ...MISSING_DATA_REASONS,
};

/**
 * 3.07 VeteranStatus: list 1.8 No/Yes/Reasons for missing data (code-lists.ts names it; list 1.7 NO_YES_MISSING,
 * without 8 and 9, is another list).
 */
export const VETERAN_STATUS: CodeList = NO_YES_REASONS_FOR_MISSING_DATA;

/** The list's codes in a stable order: the meaningful answers first, then 8, 9, 99. */
export function codesOf(list: CodeList): number[] {
  return Object.keys(list)
    .map(Number)
    .sort((a, b) => a - b);
}

export function labelOf(list: CodeList, code: number | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return list[code] ?? `Unknown code ${code}`;
}
