/**
 * HUD FY2026 code lists of project set-up (2.03–2.09), numbered and labelled as HUD's "CSV Lists", so a stored
 * value is the value an export writes. Sources: /work/shared/reference/hud-hmis-csv.md §4 and
 * hud-psde-rules.md §3.1; labels checked against Open Path's FY2026 lists (lib/data/2026_hud_lists.json), which
 * write HUD's en dashes as hyphens.
 */
import type { Code, CodeList } from './code-lists.js';

/** 2.03.4 GeographyType. HUD's ZIP crosswalk would fill it in; without it, the user chooses. */
export const GEOGRAPHY_TYPE = {
  1: 'Urban',
  2: 'Suburban',
  3: 'Rural',
  99: 'Unknown / data not collected',
} as const satisfies CodeList;

export type GeographyTypeCode = Code<typeof GEOGRAPHY_TYPE>;

/**
 * 2.06.1 Funder, FY2026 (hud-psde-rules.md §3.1): what the funding-source form offers. 38–42 are written in
 * full as HUD's list has them ("VA: Grant Per Diem – …"); 46 keeps HUD's "(Please Specify)".
 */
export const FUNDER = {
  1: 'HUD: CoC – Homelessness Prevention (High Performing Comm. Only)',
  2: 'HUD: CoC – Permanent Supportive Housing',
  3: 'HUD: CoC – Rapid Re-Housing',
  4: 'HUD: CoC – Supportive Services Only',
  5: 'HUD: CoC – Transitional Housing',
  6: 'HUD: CoC – Safe Haven',
  7: 'HUD: CoC – Single Room Occupancy (SRO)',
  8: 'HUD: ESG – Emergency Shelter (operating and/or essential services)',
  9: 'HUD: ESG – Homelessness Prevention',
  10: 'HUD: ESG – Rapid Rehousing',
  11: 'HUD: ESG – Street Outreach',
  13: 'HUD: HOPWA – Hotel/Motel Vouchers',
  14: 'HUD: HOPWA – Housing Information',
  15: 'HUD: HOPWA – Permanent Housing (facility based or TBRA)',
  16: 'HUD: HOPWA – Permanent Housing Placement',
  17: 'HUD: HOPWA – Short-Term Rent, Mortgage, Utility assistance',
  18: 'HUD: HOPWA – Short-Term Supportive Facility',
  19: 'HUD: HOPWA – Transitional Housing (facility based or TBRA)',
  20: 'HUD: HUD/VASH',
  21: 'HHS: PATH – Street Outreach & Supportive Services Only',
  22: 'HHS: RHY – Basic Center Program (prevention and shelter)',
  23: 'HHS: RHY – Maternity Group Home for Pregnant and Parenting Youth',
  24: 'HHS: RHY – Transitional Living Program',
  25: 'HHS: RHY – Street Outreach Project',
  26: 'HHS: RHY – Demonstration Project',
  27: 'VA: CRS Contract Residential Services',
  30: 'VA: Community Contract Safe Haven Program',
  33: 'VA: Supportive Services for Veteran Families',
  34: 'N/A',
  35: 'HUD: Pay for Success',
  36: 'HUD: Public and Indian Housing (PIH) Programs',
  37: 'VA: Grant Per Diem – Bridge Housing',
  38: 'VA: Grant Per Diem – Low Demand',
  39: 'VA: Grant Per Diem – Hospital to Housing',
  40: 'VA: Grant Per Diem – Clinical Treatment',
  41: 'VA: Grant Per Diem – Service Intensive Transitional Housing',
  42: 'VA: Grant Per Diem – Transition in Place',
  43: 'HUD: CoC – Youth Homeless Demonstration Program (YHDP)',
  44: 'HUD: CoC – Joint Component TH/RRH',
  45: 'VA: Grant Per Diem – Case Management/Housing Retention',
  46: 'Local or Other Funding Source (Please Specify)',
  50: 'HUD: HOME',
  51: 'HUD: HOME (ARP)',
  52: 'HUD: PIH (Emergency Housing Voucher)',
  53: 'HUD: ESG – RUSH',
  54: 'HUD: Unsheltered Special NOFO',
  55: 'HUD: Rural Special NOFO',
  56: 'HUD: CoC Builds',
} as const satisfies CodeList;

/**
 * 2.06.1 codes FY2026 no longer offers (hud-psde-rules.md §3.1). Records that have them (imported, or entered
 * before) stay readable and correctable; new records cannot choose them.
 */
export const RETIRED_FUNDER = {
  12: 'HUD: Rural Housing Stability Assistance Program (retired)',
  32: 'VA: Compensated Work Therapy Transitional Residence (retired)',
  47: 'HUD: ESG-CV (retired)',
  48: 'HUD: HOPWA-CV (retired)',
  49: 'HUD: CoC – Joint Component RRH/PSH (retired)',
} as const satisfies CodeList;

/** 2.06.1 46: the one funder that needs OtherFunder. */
export const OTHER_FUNDER = 46;

/** 2.07.4 HouseholdType. */
export const HOUSEHOLD_TYPE = {
  1: 'Households without children',
  3: 'Households with at least one adult and one child',
  4: 'Households with only children',
} as const satisfies CodeList;

/** 2.07.5 BedType (ESBedType), emergency shelters only. */
export const BED_TYPE = {
  1: 'Facility-based',
  2: 'Voucher',
  3: 'Other',
} as const satisfies CodeList;

/** 2.07.6 Availability, emergency shelters only. */
export const AVAILABILITY = {
  1: 'Year-round',
  2: 'Seasonal',
  3: 'Overflow',
} as const satisfies CodeList;

/** 2.08.1 HMISParticipationType. */
export const HMIS_PARTICIPATION_TYPE = {
  0: 'Not Participating',
  1: 'HMIS Participating',
  2: 'Comparable Database Participating',
} as const satisfies CodeList;

export type FunderCode = Code<typeof FUNDER> | Code<typeof RETIRED_FUNDER>;
export type HouseholdTypeCode = Code<typeof HOUSEHOLD_TYPE>;
export type BedTypeCode = Code<typeof BED_TYPE>;
export type AvailabilityCode = Code<typeof AVAILABILITY>;
export type HmisParticipationTypeCode = Code<typeof HMIS_PARTICIPATION_TYPE>;
