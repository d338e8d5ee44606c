/**
 * Every HUD code list the FY2026 HMIS CSV names (reference `hud-csv-files.md` §4, "List" column), by HUD's list
 * number, for what the export writes and what an import checks. Lists Hearth already keeps for its forms come from
 * `src/hud/` (one source for a stored code and an exported one); the others are codes only, taken from HUD's FY2026
 * "CSV Lists" as Open Path files them (greenriver/hmis-warehouse `lib/data/2026_hud_lists.json`). Where the sources
 * differ, the comment of the list says which one is followed.
 */
import {
  HOPWA_MED_ASSISTED_LIVING_FAC,
  HOUSING_TYPE,
  NO_YES,
  NO_YES_MISSING,
  NO_YES_REASONS_FOR_MISSING_DATA,
  PROJECT_TYPE,
  RRH_SUBTYPE,
  TARGET_POPULATION,
} from '../hud/code-lists.js';
import { DOB_DATA_QUALITY, NAME_DATA_QUALITY, RACE_NONE, SEX, SSN_DATA_QUALITY } from '../hud/client-code-lists.js';
import {
  LENGTH_OF_STAY,
  LIVING_SITUATION,
  MONTHS_HOMELESS_PAST_THREE_YEARS,
  RELATIONSHIP_TO_HOH,
  RENTAL_SUBSIDY_TYPE,
  TIMES_HOMELESS_PAST_THREE_YEARS,
} from '../hud/enrollment-code-lists.js';
import { GEOGRAPHY_TYPE } from '../hud/project-code-lists.js';

/** A code of a list: an integer, except VAMC station numbers (V6.1), which HUD writes as text such as `589A4`. */
export type HudCode = number | string;

export interface HudCodeList {
  /** HUD's list number, e.g. `3.12.1`. */
  id: string;
  /** HUD's name of the list. */
  name: string;
  codes: readonly HudCode[];
}

const MISSING = [8, 9, 99] as const;
const codesOfList = (list: Readonly<Record<number, string>>): number[] => Object.keys(list).map(Number);
const list = (id: string, name: string, codes: readonly HudCode[]): HudCodeList => ({ id, name, codes });

/** The lists by number. */
export const HUD_CODE_LISTS: Readonly<Record<string, HudCodeList>> = Object.fromEntries(
  [
    list('1.1', 'ExportPeriodType', [1, 3, 4]),
    list('1.2', 'ExportDirective', [1, 2, 3]),
    list('1.3', 'DisabilityType', [5, 6, 7, 8, 9, 10]),
    list('1.4', 'RecordType', [141, 142, 143, 144, 151, 152, 161, 200, 210, 300]),
    list('1.5', 'HashStatus', [1, 2, 3, 4]),
    list('1.6', 'RaceNone', codesOfList(RACE_NONE)),
    list('1.7', 'NoYesMissing', codesOfList(NO_YES_MISSING)),
    list('1.8', 'NoYesReasonsForMissingData', codesOfList(NO_YES_REASONS_FOR_MISSING_DATA)),
    list('1.9', 'SourceType', [1, 2, 3, 4]),
    list('1.10', 'NoYes', codesOfList(NO_YES)),
    list('2.02.6', 'ProjectType', codesOfList(PROJECT_TYPE)),
    list('2.02.7', 'TargetPopulation', codesOfList(TARGET_POPULATION)),
    list('2.02.8', 'HOPWAMedAssistedLivingFac', codesOfList(HOPWA_MED_ASSISTED_LIVING_FAC)),
    list('2.02.A', 'RRHSubType', codesOfList(RRH_SUBTYPE)),
    list('2.02.D', 'HousingType', codesOfList(HOUSING_TYPE)),
    list('2.03.4', 'GeographyType', codesOfList(GEOGRAPHY_TYPE)),
    list('2.06.1', 'FundingSource', [
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 30, 32, 33, 34, 35, 36,
      37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 55, 56,
    ]),
    list('2.07.4', 'HouseholdType', [1, 3, 4]),
    list('2.07.5', 'BedType', [1, 2, 3]),
    list('2.07.6', 'Availability', [1, 2, 3]),
    list('2.08.1', 'HMISParticipationType', [0, 1, 2]),
    list('3.01.5', 'NameDataQuality', codesOfList(NAME_DATA_QUALITY)),
    list('3.02.2', 'SSNDataQuality', codesOfList(SSN_DATA_QUALITY)),
    list('3.03.2', 'DOBDataQuality', codesOfList(DOB_DATA_QUALITY)),
    // One list for prior living situation (3.917), destination (3.12) and current living situation (4.12); each
    // column excludes some of it (HudColumn.excluded).
    list('3.12.1', 'LivingSituation', codesOfList(LIVING_SITUATION)),
    list('3.12.A', 'RentalSubsidyType', codesOfList(RENTAL_SUBSIDY_TYPE)),
    list('3.15.1', 'RelationshipToHoH', codesOfList(RELATIONSHIP_TO_HOH)),
    list('3.917.2', 'ResidencePriorLengthOfStay', codesOfList(LENGTH_OF_STAY)),
    list('3.917.4', 'TimesHomelessPastThreeYears', codesOfList(TIMES_HOMELESS_PAST_THREE_YEARS)),
    list('3.917.5', 'MonthsHomelessPastThreeYears', codesOfList(MONTHS_HOMELESS_PAST_THREE_YEARS)),
    list('4.04.A', 'ReasonNotInsured', [1, 2, 3, 4, ...MISSING]),
    list('4.10.2', 'DisabilityResponse', [0, 1, 2, 3, ...MISSING]),
    list('4.11.A', 'WhenDVOccurred', [1, 2, 3, 4, ...MISSING]),
    list('4.14', 'BedNight', [200]),
    list('4.19.3', 'AssessmentType', [1, 2, 3]),
    list('4.19.4', 'AssessmentLevel', [1, 2]),
    list('4.19.7', 'PrioritizationStatus', [1, 2]),
    list('4.20.2', 'EventType', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]),
    list('4.20.D', 'ReferralResult', [1, 2, 3]),
    // The reference's 4.21 (with 8, 9, 99), which Hearth's client form keeps; Open Path's list has 0 and 1 only.
    list('4.21', 'Sex', codesOfList(SEX)),
    // Open Path also lists 6 (post-exit), which FY2024 files carry for RHY aftercare.
    list('5.03.1', 'DataCollectionStage', [1, 2, 3, 5, 6]),
    list('C2.2', 'MovingOnAssistance', [1, 2, 3, 4, 5]),
    list('C3.2', 'CurrentSchoolAttended', [0, 1, 2, ...MISSING]),
    list('C3.A', 'MostRecentEdStatus', [0, 1, 2, 3, 4, 5, 6, 7, ...MISSING]),
    list('C3.B', 'CurrentEdStatus', [0, 1, 2, 3, 4, ...MISSING]),
    list('P1.2', 'PATHServices', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14]),
    list('P2.2', 'PATHReferral', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
    list('P2.A', 'PATHReferralOutcome', [1, 2, 3]),
    list('P3.A', 'ReasonNotEnrolled', [1, 2, 3]),
    list('R1.1', 'ReferralSource', [1, 2, 7, 8, 9, 11, 18, 28, 30, 34, 35, 37, 38, 39, 99]),
    list('R2.A', 'ReasonNoServices', [1, 2, 3, 4, 99]),
    list('R4.1', 'LastGradeCompleted', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 99]),
    list('R5.1', 'SchoolStatus', [1, 2, 3, 4, 5, 6, 7, ...MISSING]),
    list('R6.A', 'EmploymentType', [1, 2, 3, 99]),
    list('R6.B', 'NotEmployedReason', [1, 2, 3, 99]),
    list('R7.1', 'HealthStatus', [1, 2, 3, 4, 5, ...MISSING]),
    list('R11.A', 'RHYNumberofYears', [1, 2, 3, 99]),
    list('R14.2', 'RHYServices', [2, 5, 6, 7, 8, 10, 12, 13, 14, 17, 18, 26, 27, 28, 29]),
    list('R15.B', 'CountExchangeForSex', [1, 2, 3, 4, ...MISSING]),
    list('R17.1', 'ProjectCompletionStatus', [1, 2, 3]),
    // Open Path files two lists under R17.A (early exit 1–5, expelled 1–6); EarlyExitReason is asked when the
    // client was expelled (R17.1 = 3), so the expelled reasons.
    list('R17.A', 'ExpelledReason', [1, 2, 3, 4, 5, 6]),
    list('R19.A', 'WorkerResponse', [0, 1, 2]),
    list('R20.2', 'AftercareProvided', [0, 1, 9]),
    list('V1.11', 'MilitaryBranch', [1, 2, 3, 4, 6, 7, ...MISSING]),
    list('V1.12', 'DischargeStatus', [1, 2, 4, 5, 6, 7, ...MISSING]),
    // 10 (Healthcare navigation) is new in FY2026.
    list('V2.2', 'SSVFServices', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    list('V2.A', 'SSVFSubType3', [1, 2, 3, 4]),
    list('V2.B', 'SSVFSubType4', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]),
    list('V2.C', 'SSVFSubType5', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
    list('V3.3', 'SSVFFinancialAssistance', [1, 2, 3, 4, 5, 8, 9, 10, 12, 14, 15, 16, 17, 18]),
    // FY2026 renumbers V3.3 as V3.4; the sources give no FY2026 codes, so V3.3's.
    list('V3.4', 'SSVFFinancialAssistance', [1, 2, 3, 4, 5, 8, 9, 10, 12, 14, 15, 16, 17, 18]),
    list('V4.1', 'PercentAMI', [1, 2, 3, 4, 99]),
    list('V6.1', 'VamcStationNumber', [
      '402', '405', '436', '437', '438', '442', '459', '460', '463', '501', '502', '503', '504', '506', '508', '509', '512',
      '515', '516', '517', '518', '519', '520', '521', '523', '526', '528', '529', '531', '534', '537', '538', '539', '540',
      '541', '542', '544', '546', '548', '549', '550', '552', '553', '554', '556', '557', '558', '561', '562', '564', '565',
      '568', '570', '573', '575', '578', '580', '581', '583', '585', '586', '589', '590', '593', '595', '596', '598', '600',
      '603', '605', '607', '608', '610', '612', '613', '614', '618', '619', '620', '621', '623', '626', '629', '630', '631',
      '632', '635', '636', '637', '640', '642', '644', '646', '648', '649', '650', '652', '653', '654', '655', '656', '657',
      '658', '659', '660', '662', '663', '664', '666', '667', '668', '671', '672', '673', '674', '675', '676', '678', '679',
      '687', '688', '689', '691', '692', '693', '695', '740', '756', '757', '459GE', '528A5', '528A6', '528A7', '528A8',
      '589A4', '589A5', '589A6', '589A7', '636A6', '636A8', '657A4', '657A5', '99',
    ]),
    list('V7.A', 'TimeToHousingLoss', [0, 1, 2, 3, 99]),
    list('V7.B', 'AnnualPercentAMI', [0, 1, 2, 3, 99]),
    list('V7.C', 'LiteralHomelessHistory', [0, 1, 2, 99]),
    list('V7.G', 'EvictionHistory', [0, 1, 2, 99]),
    list('V7.I', 'IncarceratedAdult', [0, 1, 2, 99]),
    list('V7.O', 'DependentUnder6', [0, 1, 2, 99]),
    // HUD-VASH voucher tracking (Services RecordType 210); Open Path files it as V8.1.
    list('V8.2', 'VoucherTracking', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    list('V9.1', 'CmExitReason', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]),
    list('V10', 'MentalHealthConsultation', [1, 2, 3, 4]),
    list('W1.2', 'HOPWAServices', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]),
    // HOPWA financial assistance (Services RecordType 151); Open Path files it as V2.3.
    list('W2.2', 'HOPWAFinancialAssistance', [1, 2, 3, 4, 7]),
    list('W3', 'NoAssistanceReason', [1, 2, 3, 4, ...MISSING]),
    list('W4.3', 'ViralLoadAvailable', [0, 1, 2, ...MISSING]),
    list('W4.B', 'TCellSourceViralLoadSource', [1, 2, 3]),
    list('W5.1', 'HousingAssessmentAtExit', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 99]),
    list('W5.AB', 'SubsidyInformation', [1, 2, 3, 4, 11, 12]),
    // FY2024 only (Enrollment.SexualOrientation, Client gender columns' "none", C4 preferred language).
    list('R3.1', 'SexualOrientation', [1, 2, 3, 4, 5, 6, ...MISSING]),
  ].map((l) => [l.id, l]),
);

/** Whether `code` is in list `id`; an unknown list id is a programming error. */
export function isHudCode(id: string, code: HudCode): boolean {
  const found = HUD_CODE_LISTS[id];
  if (!found) throw new Error(`No HUD code list ${id}`);
  return found.codes.includes(typeof found.codes[0] === 'string' ? String(code) : code);
}
