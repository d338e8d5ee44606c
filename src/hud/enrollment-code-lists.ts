/**
 * HUD HMIS code lists (FY2026) for Enrollment.csv and Exit.csv: relationship to the head of household,
 * living situations (prior living situation 3.917 and destination 3.12), rental subsidies and the 3.917
 * answers. Codes are HUD's, so a stored value is the value an export writes; labels are HUD's wording
 * (FY2026 CSV specification, Appendix B). The allowed sets are the same as the checks in migration 0006.
 */
import { NO_YES_MISSING, NO_YES_REASONS_FOR_MISSING_DATA, type CodeList } from './code-lists.js';

/** 3.15.1 RelationshipToHoH. */
export const RELATIONSHIP_TO_HOH = {
  1: 'Self (Head of Household)',
  2: "Head of household's child",
  3: "Head of household's spouse or partner",
  4: "Head of household's other relation member",
  5: 'Other: non-relation member',
  99: 'Data not collected',
} as const satisfies CodeList;

export const HEAD_OF_HOUSEHOLD = 1;
/** HUD's FY2026 label of relationship 1, as messages quote it. */
export const HEAD_OF_HOUSEHOLD_LABEL = RELATIONSHIP_TO_HOH[HEAD_OF_HOUSEHOLD];
/** The relationships a member other than the head may have, in HUD's order. */
export const MEMBER_RELATIONSHIPS = [2, 3, 4, 5, 99] as const;

export type LivingSituationGroup = 'homeless' | 'institutional' | 'temporary' | 'permanent' | 'other';

/** 3.12.1 Living situation, grouped as HUD groups them (the order of each group is HUD's). */
export const LIVING_SITUATION_GROUPS: readonly { group: LivingSituationGroup; label: string; codes: readonly number[] }[] = [
  { group: 'homeless', label: 'Homeless situations', codes: [116, 101, 118] },
  { group: 'institutional', label: 'Institutional situations', codes: [215, 206, 207, 225, 204, 205] },
  { group: 'temporary', label: 'Temporary housing situations', codes: [302, 329, 314, 332, 312, 313, 327, 336, 335] },
  { group: 'permanent', label: 'Permanent housing situations', codes: [422, 423, 426, 410, 435, 421, 411] },
  { group: 'other', label: 'Other', codes: [30, 17, 24, 37, 8, 9, 99] },
];

/** 3.12.1 Living situation. */
export const LIVING_SITUATION = {
  116: 'Place not meant for habitation (e.g., a vehicle, an abandoned building, bus/train/subway station/airport or anywhere outside)',
  101: 'Emergency shelter, including hotel or motel paid for with emergency shelter voucher, Host Home shelter',
  118: 'Safe Haven',
  215: 'Foster care home or foster care group home',
  206: 'Hospital or other residential non-psychiatric medical facility',
  207: 'Jail, prison, or juvenile detention facility',
  225: 'Long-term care facility or nursing home',
  204: 'Psychiatric hospital or other psychiatric facility',
  205: 'Substance abuse treatment facility or detox center',
  302: 'Transitional housing for homeless persons (including homeless youth)',
  329: 'Residential project or halfway house with no homeless criteria',
  314: 'Hotel or motel paid for without emergency shelter voucher',
  332: 'Host Home (non-crisis)',
  312: 'Staying or living with family, temporary tenure (e.g. room, apartment, or house)',
  313: 'Staying or living with friends, temporary tenure (e.g. room, apartment, or house)',
  327: 'Moved from one HOPWA funded project to HOPWA TH',
  336: "Staying or living in a friend's room, apartment, or house",
  335: "Staying or living in a family member's room, apartment, or house",
  422: 'Staying or living with family, permanent tenure',
  423: 'Staying or living with friends, permanent tenure',
  426: 'Moved from one HOPWA funded project to HOPWA PH',
  410: 'Rental by client, no ongoing housing subsidy',
  435: 'Rental by client, with ongoing housing subsidy',
  421: 'Owned by client, with ongoing housing subsidy',
  411: 'Owned by client, no ongoing housing subsidy',
  30: 'No exit interview completed',
  17: 'Other',
  24: 'Deceased',
  37: 'Worker unable to determine',
  8: "Client doesn't know",
  9: 'Client prefers not to answer',
  99: 'Data not collected',
} as const satisfies CodeList;

/** 3.917.1: the 3.12.1 values HUD allows as a prior living situation (not 312, 313, 327, 422, 423, 426, 30, 17, 24, 37). */
export const PRIOR_LIVING_SITUATIONS: readonly number[] = [
  116, 101, 118, 215, 206, 207, 225, 204, 205, 302, 329, 314, 332, 336, 335, 410, 435, 421, 411, 8, 9, 99,
];
/** 3.12: the 3.12.1 values HUD allows as a destination (not 336, 335, 37). */
export const DESTINATIONS: readonly number[] = [
  116, 101, 118, 215, 206, 207, 225, 204, 205, 302, 329, 314, 332, 312, 313, 327, 422, 423, 426, 410, 435, 421, 411, 30, 17, 24, 8, 9, 99,
];

/** 3.12.1 "Rental by client, with ongoing housing subsidy": the one value that asks for the subsidy type (3.12.A). */
export const RENTAL_WITH_SUBSIDY = 435;
/** 3.12.1 "Other": the one destination that asks for a description (OtherDestination). */
export const OTHER_DESTINATION = 17;

/** 3.12.A RentalSubsidyType (also DestinationSubsidyType), asked only with living situation 435. */
export const RENTAL_SUBSIDY_TYPE = {
  428: 'GPD TIP housing subsidy',
  419: 'VASH housing subsidy',
  431: 'RRH or equivalent subsidy',
  433: 'HCV voucher (tenant or project based) (not dedicated)',
  434: 'Public housing unit',
  420: 'Rental by client, with other ongoing housing subsidy',
  436: 'Housing Stability Voucher',
  437: 'Family Unification Program Voucher (FUP)',
  438: 'Foster Youth to Independence Initiative (FYI)',
  439: 'Permanent Supportive Housing',
  440: 'Other permanent housing dedicated for formerly homeless persons',
} as const satisfies CodeList;
/** HUD's order of 3.12.A (not numeric). */
export const RENTAL_SUBSIDY_TYPES: readonly number[] = [428, 419, 431, 433, 434, 420, 436, 437, 438, 439, 440];

/** 3.917.2 LengthOfStay, in HUD's order (shortest first). */
export const LENGTH_OF_STAY = {
  10: 'One night or less',
  11: 'Two to six nights',
  2: 'One week or more, but less than one month',
  3: 'One month or more, but less than 90 days',
  4: '90 days or more but less than one year',
  5: 'One year or longer',
  8: "Client doesn't know",
  9: 'Client prefers not to answer',
  99: 'Data not collected',
} as const satisfies CodeList;
export const LENGTHS_OF_STAY: readonly number[] = [10, 11, 2, 3, 4, 5, 8, 9, 99];

/** 3.917.4 TimesHomelessPastThreeYears. */
export const TIMES_HOMELESS_PAST_THREE_YEARS = {
  1: 'One time',
  2: 'Two times',
  3: 'Three times',
  4: 'Four or more times',
  8: "Client doesn't know",
  9: 'Client prefers not to answer',
  99: 'Data not collected',
} as const satisfies CodeList;

/** 3.917.5 MonthsHomelessPastThreeYears (101 = one month … 112 = twelve, 113 = more than twelve). */
export const MONTHS_HOMELESS_PAST_THREE_YEARS = {
  101: '1 month (this time is the first month)',
  102: '2 months',
  103: '3 months',
  104: '4 months',
  105: '5 months',
  106: '6 months',
  107: '7 months',
  108: '8 months',
  109: '9 months',
  110: '10 months',
  111: '11 months',
  112: '12 months',
  113: 'More than 12 months',
  8: "Client doesn't know",
  9: 'Client prefers not to answer',
  99: 'Data not collected',
} as const satisfies CodeList;
export const MONTHS_HOMELESS: readonly number[] = [101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 8, 9, 99];

/** 1.8, used by DisablingCondition (3.08). */
export const DISABLING_CONDITION = NO_YES_REASONS_FOR_MISSING_DATA;
/** 1.7, used by LOSUnderThreshold and PreviousStreetESSH. */
export const NO_YES_DATA_NOT_COLLECTED = NO_YES_MISSING;

/**
 * Project types whose clients are asked the date homelessness started and the times and months homeless
 * whatever their prior living situation: Emergency Shelter (0, 1), Street Outreach (4) and Safe Haven (8).
 */
export const STREET_ESSH_PROJECT_TYPES: ReadonlySet<number> = new Set([0, 1, 4, 8]);

export function livingSituationGroup(code: number): LivingSituationGroup {
  return LIVING_SITUATION_GROUPS.find((g) => g.codes.includes(code))?.group ?? 'other';
}

const MISSING = new Set([8, 9, 99]);

/** Client doesn't know, prefers not to answer, data not collected. */
export function isMissingAnswer(code: number): boolean {
  return MISSING.has(code);
}

/**
 * HUD 3.917 field 3, computed rather than asked: did the client stay less than 90 days (institutional
 * situation) or less than 7 nights (temporary, permanent or other situation, 8/9/99 included: HUD's 2B covers
 * "Temporary, Permanent, or Other", and Eva check 41 reads 0–99 as other)? Null when the question does not
 * apply (homeless, or no living situation) and 99 when the length of stay was not given.
 */
export function losUnderThreshold(livingSituation: number | null, lengthOfStay: number | null): 0 | 1 | 99 | null {
  if (livingSituation === null) return null;
  const group = livingSituationGroup(livingSituation);
  if (group === 'homeless') return null;
  if (lengthOfStay === null || isMissingAnswer(lengthOfStay)) return 99;
  const under = group === 'institutional' ? [10, 11, 2, 3] : [10, 11];
  return under.includes(lengthOfStay) ? 1 : 0;
}
