/**
 * HUD HMIS code lists (FY2026), exactly as the CSV specification numbers and labels them, so that a stored
 * value is the value an export writes. Source: /work/shared/reference/hud-hmis-csv.md, section 4 "Code lists";
 * each list names its data-standards number.
 */

/** A HUD list: integer code → label. */
export type CodeList = Readonly<Record<number, string>>;

/** The codes of one list, as a type: `Code<typeof PROJECT_TYPE>` is 0 | 1 | 2 | … */
export type Code<L extends CodeList> = keyof L & number;

/** Reference §4, list 1.7 No/Yes/Missing. */
export const NO_YES_MISSING = {
  0: 'No',
  1: 'Yes',
  99: 'Data not collected',
} as const satisfies CodeList;

/** Reference §4, list 1.8 No/Yes/Reasons for missing data. */
export const NO_YES_REASONS_FOR_MISSING_DATA = {
  0: 'No',
  1: 'Yes',
  8: "Client doesn't know",
  9: 'Client prefers not to answer',
  99: 'Data not collected',
} as const satisfies CodeList;

/** Reference §4, list 1.10 No/Yes (VictimServiceProvider, ContinuumProject, ResidentialAffiliation). */
export const NO_YES = {
  0: 'No',
  1: 'Yes',
} as const satisfies CodeList;

/** Reference §4, list 2.02.6 ProjectType (there is no 5). */
export const PROJECT_TYPE = {
  0: 'Emergency Shelter – Entry Exit',
  1: 'Emergency Shelter – Night-by-Night',
  2: 'Transitional Housing',
  3: 'PH – Permanent Supportive Housing',
  4: 'Street Outreach',
  6: 'Services Only',
  7: 'Other',
  8: 'Safe Haven',
  9: 'PH – Housing Only',
  10: 'PH – Housing with Services (no disability required for entry)',
  11: 'Day Shelter',
  12: 'Homelessness Prevention',
  13: 'PH – Rapid Re-Housing',
  14: 'Coordinated Entry',
} as const satisfies CodeList;

/** Reference §4, list 2.02.A RRHSubType. */
export const RRH_SUBTYPE = {
  1: 'RRH: Services Only',
  2: 'RRH: Housing with or without services',
} as const satisfies CodeList;

/** Reference §4, list 2.02.D HousingType. */
export const HOUSING_TYPE = {
  1: 'Site-based – single site',
  2: 'Site-based – clustered / multiple sites',
  3: 'Tenant-based – scattered site',
} as const satisfies CodeList;

/** Reference §4, list 2.02.7 TargetPopulation. */
export const TARGET_POPULATION = {
  1: 'DV: Survivor of Domestic Violence',
  3: 'HIV: Persons with HIV/AIDS',
  4: 'NA: Not applicable',
} as const satisfies CodeList;

/** Reference §4, list 2.02.8 HOPWAMedAssistedLivingFac. */
export const HOPWA_MED_ASSISTED_LIVING_FAC = {
  0: 'No',
  1: 'Yes',
  2: 'Non-HOPWA Funded Project',
} as const satisfies CodeList;

export type ProjectTypeCode = Code<typeof PROJECT_TYPE>;
export type HousingTypeCode = Code<typeof HOUSING_TYPE>;
export type RrhSubTypeCode = Code<typeof RRH_SUBTYPE>;
export type NoYesCode = Code<typeof NO_YES>;

/** 2.02.6: PH – Rapid Re-Housing, the one project type that needs an RRH subtype (reference §3, Project). */
export const RAPID_RE_HOUSING: ProjectTypeCode = 13;

export function isCode<L extends CodeList>(list: L, value: unknown): value is Code<L> {
  return typeof value === 'number' && Number.isInteger(value) && Object.hasOwn(list, value);
}

/** The label of a code; an unknown code is shown as itself rather than hidden. */
export function label<L extends CodeList>(list: L, code: number | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return isCode(list, code) ? list[code]! : `Unknown code ${code}`;
}

/** The codes of a list in HUD's numeric order, e.g. for a select. */
export function codesOf<L extends CodeList>(list: L): Code<L>[] {
  return Object.keys(list)
    .map(Number)
    .sort((a, b) => a - b) as Code<L>[];
}
