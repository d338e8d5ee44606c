import type { CodeList } from './code-lists.js';

/**
 * The code lists of the elements recorded when they happen (FY2026): 4.12 current living situation, 4.14 bed
 * nights, 4.19 coordinated entry assessments, 4.20 coordinated entry events (reference hud-psde-rules.md
 * §2.6–§2.11).
 */

/** Services.csv RecordType (1.4) and TypeProvided (4.14) of a bed night. */
export const BED_NIGHT_RECORD_TYPE = 200;
export const BED_NIGHT_TYPE_PROVIDED = 200;

/** 4.12.2: the 3.12.1 values HUD allows as a current living situation (not 312, 313, 327, 422, 423, 426, 30, 24). */
export const CURRENT_LIVING_SITUATIONS: readonly number[] = [
  116, 101, 118, 215, 206, 207, 225, 204, 205, 302, 329, 314, 332, 336, 335, 410, 435, 421, 411, 17, 37, 8, 9, 99,
];

/**
 * 4.12.B "going to have to leave within 14 days" is asked for these situations: the dictionary's "17, 37, and all
 * responses between 200 and 499" (Open Path does the same; HUD's CSV note leaves out 17 and 37).
 */
export function asksLeaveWithin14Days(situation: number): boolean {
  return situation === 17 || situation === 37 || (situation >= 200 && situation < 500);
}

/** 4.19.3 */
export const ASSESSMENT_TYPE = { 1: 'Phone', 2: 'Virtual', 3: 'In person' } as const satisfies CodeList;
/** 4.19.4 */
export const ASSESSMENT_LEVEL = { 1: 'Crisis needs assessment', 2: 'Housing needs assessment' } as const satisfies CodeList;
/** 4.19.7 */
export const PRIORITIZATION_STATUS = { 1: 'Placed on prioritization list', 2: 'Not placed on prioritization list' } as const satisfies CodeList;

/** 4.20.2 Event, FY2026 labels. */
export const EVENT_TYPE = {
  1: 'Referral to Prevention Assistance project',
  2: 'Problem Solving/Diversion/Rapid Resolution intervention or service',
  3: 'Referral to scheduled Coordinated Entry Crisis Needs Assessment',
  4: 'Referral to scheduled Coordinated Entry Housing Needs Assessment',
  5: 'Referral to Post-placement/follow-up case management',
  6: 'Referral to Street Outreach project or services',
  7: 'Referral to Housing Navigation project or services',
  8: 'Referral to Non-continuum services: Ineligible for continuum services',
  9: 'Referral to Non-continuum services: No availability in continuum services',
  10: 'Referral to Emergency Shelter bed opening',
  11: 'Referral to Transitional Housing bed/unit opening',
  12: 'Referral to Joint TH-RRH project/unit/resource opening',
  13: 'Referral to RRH project resource opening',
  14: 'Referral to PSH project resource opening',
  15: 'Referral to Other PH project/unit/resource opening',
  16: 'Referral to emergency assistance/flex fund/furniture assistance',
  17: 'Referral to Emergency Housing Voucher (EHV)',
  18: 'Referral to a Housing Stability Voucher',
} as const satisfies CodeList;

/** The events offered on the form: 17 (EHV) is no longer selectable since FY2024 v1.3, but is kept when imported. */
export const SELECTABLE_EVENTS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18];

/** 4.20.D */
export const REFERRAL_RESULT = {
  1: 'Successful referral: client accepted',
  2: 'Unsuccessful referral: client rejected',
  3: 'Unsuccessful referral: provider rejected',
} as const satisfies CodeList;

/** 4.20.A is asked for event 2; 4.20.B for event 5; 4.20.C for events 10–15; 4.20.D for events 10–15 and 18. */
export const asksProblemSolvingResult = (event: number): boolean => event === 2;
export const asksCaseManagementAfter = (event: number): boolean => event === 5;
export const asksPlacementLocation = (event: number): boolean => event >= 10 && event <= 15;
export const asksReferralResult = (event: number): boolean => (event >= 10 && event <= 15) || event === 18;
