/**
 * What the HUD report questions read: the records of every enrollment active in the report (as loaded by
 * reports.repository.ts) and, per client, the facts of HUD's shared definitions computed once (universe.ts).
 * Dates are calendar days, `YYYY-MM-DD`.
 */
import type { ChronicStatus } from '../hud/chronic-homelessness.js';
import type { ReportParams } from './report.model.js';

/** §1.3: adult (18+), child (0–17), or unknown age split by DOBDataQuality (8/9 vs 99/none). */
export type AgeGroup = 'adult' | 'child' | 'dont-know' | 'not-collected';

/** §1.4, in the order of HUD's columns after Total. */
export type HouseholdType = 'adults-only' | 'adults-and-children' | 'children-only' | 'unknown';

/** §1.10: an answer as the tables count it. */
export type AnswerBucket = 'answered' | 'dont-know' | 'not-collected';

/**
 * §1.11 at one stage: the record used (null when none), its total and earned monthly income (null when unknown),
 * and why it is unknown.
 */
export interface IncomeAtStage {
  record: IncomeRecord | null;
  total: number | null;
  earned: number | null;
  /** When total is null: DK/PNTA (IncomeFromAnySource 8/9) or not collected (everything else). */
  unknown: 'dont-know' | 'not-collected' | null;
}

export interface ReportProject {
  projectId: string;
  projectName: string;
  organizationId: string;
  organizationName: string;
  victimServiceProvider: number;
  projectType: number | null;
  rrhSubType: number | null;
  residentialAffiliation: number | null;
  operatingEndDate: string | null;
  cocs: { cocCode: string; geocode: string }[];
  /** 2.06 funders with their grant dates. */
  funders: { funder: number; startDate: string; endDate: string | null }[];
  /** 2.02.C: the residential projects a service project is affiliated with. */
  affiliatedProjectIds: string[];
  /** 2.09 CE participation periods. */
  ceParticipations: { accessPoint: number; startDate: string; endDate: string | null; dateUpdated: Date }[];
}

/** Client.csv, without names or SSN: only what the data-quality rules need to know of them. */
export interface ReportClient {
  personalId: string;
  hasFirstName: boolean;
  hasLastName: boolean;
  nameDataQuality: number;
  ssnBlank: boolean;
  /** SSN present but not a plausible issued number (Q6a's "data issue"). */
  ssnInvalid: boolean;
  ssnDataQuality: number;
  dob: string | null;
  dobDataQuality: number;
  /** The seven race columns = 1, in RACE_FIELDS order (am_ind_ak_native … white). */
  races: boolean[];
  raceNone: number | null;
  sex: number | null;
  veteranStatus: number;
  /** The day the client record was created (site time zone). */
  createdOn: string;
}

export interface IncomeRecord {
  informationDate: string;
  dataCollectionStage: number;
  incomeFromAnySource: number | null;
  totalMonthlyIncome: number | null;
  /** The 15 income source flags and amounts, in INCOME_SOURCES order. */
  sources: (number | null)[];
  amounts: (number | null)[];
  benefitsFromAnySource: number | null;
  /** The 6 benefit flags, in BENEFIT_SOURCES order. */
  benefits: (number | null)[];
  insuranceFromAnySource: number | null;
  /** The 10 insurance flags, in INSURANCE_SOURCES order. */
  insurance: (number | null)[];
}

export interface DisabilityRecord {
  informationDate: string;
  dataCollectionStage: number;
  disabilityType: number;
  disabilityResponse: number;
  indefiniteAndImpairs: number | null;
}

export interface HealthAndDvRecord {
  informationDate: string;
  dataCollectionStage: number;
  domesticViolenceSurvivor: number | null;
  whenOccurred: number | null;
  dateUpdated: Date;
}

/** One enrollment active in the report, with all its records. */
export interface ReportEnrollment {
  enrollmentId: string;
  personalId: string;
  projectId: string;
  householdId: string;
  relationshipToHoh: number;
  enrollmentCoc: string | null;
  entryDate: string;
  /** The exit, only when it falls within the report (a later exit makes a stayer and is disregarded). */
  exitDate: string | null;
  destination: number | null;
  destinationSubsidyType: number | null;
  /** As recorded (the report's own rules are applied in definitions/move-in.ts). */
  moveInDate: string | null;
  dateOfEngagement: string | null;
  livingSituation: number | null;
  lengthOfStay: number | null;
  losUnderThreshold: number | null;
  previousStreetEssh: number | null;
  dateToStreetEssh: string | null;
  timesHomelessPastThreeYears: number | null;
  monthsHomelessPastThreeYears: number | null;
  disablingCondition: number | null;
  /** The days the enrollment and the exit records were created (site time zone), for timeliness (Q6e). */
  createdOn: string;
  exitCreatedOn: string | null;
  incomes: IncomeRecord[];
  disabilities: DisabilityRecord[];
  healthAndDv: HealthAndDvRecord[];
  /** 4.12 contacts: their dates and situations, in date order. */
  contacts: { informationDate: string; currentLivingSituation: number }[];
  /** 4.14 bed nights (Services RecordType 200) on or after entry, distinct, sorted. */
  bedNights: string[];
  /** C2 Moving On assistance (Services RecordType 300). */
  movingOnServices: { dateProvided: string; typeProvided: number }[];
}

/** An earlier or other stay of a reported client in a reported project (for Q6b's overlapping stays). */
export interface OtherStay {
  enrollmentId: string;
  personalId: string;
  projectId: string;
  entryDate: string;
  exitDate: string | null;
}

/** What the repository loads for a report. */
export interface ReportRecords {
  projects: ReportProject[];
  clients: ReportClient[];
  /** Every enrollment active in the report by Method 1, in the chosen projects (night-by-night filtered later). */
  enrollments: ReportEnrollment[];
  /** Every live stay of the reported clients in the chosen projects. */
  stays: OtherStay[];
}

/** One reported client: their latest active enrollment, and HUD's shared definitions applied to it. */
export interface ReportPerson {
  enrollment: ReportEnrollment;
  client: ReportClient;
  project: ReportProject;
  projectType: number;
  /** Age at the later of project start and report start; null when unknown. */
  age: number | null;
  ageGroup: AgeGroup;
  isHead: boolean;
  isAdult: boolean;
  isChild: boolean;
  /** Adult or head of household. */
  isAdultOrHead: boolean;
  householdType: HouseholdType;
  isLeaver: boolean;
  isStayer: boolean;
  /** Days of participation (§1.6; bed nights for night-by-night shelters). */
  lengthOfStay: number;
  /** The member's housing move-in date by HUD's three rules, in PSH/RRH only; null when not moved in. */
  moveInDate: string | null;
  /** The head of household's move-in date (§1.7), which the members' are derived from; null when none counts. */
  householdMoveInDate: string | null;
  chronic: ChronicStatus;
  isVeteran: boolean;
  isYouth: boolean;
  isParentingYouth: boolean;
  /** In the data-quality universe: street outreach clients only once engaged by the report end. */
  inDqUniverse: boolean;
  /** Heads of household (and adult stayers in their households) 365 days or more in the project. */
  isLongStayer: boolean;
  income: { start: IncomeAtStage; annual: IncomeAtStage; exit: IncomeAtStage };
  /** Whether this stayer needs an annual assessment in the report (§1.11). */
  annualRequired: boolean;
  veteranAnswer: AnswerBucket;
}

export interface ReportUniverse {
  params: ReportParams;
  loadedAt: Date;
  projects: Map<string, ReportProject>;
  /** One per client, sorted by enrollment id. */
  people: ReportPerson[];
  /** Every active enrollment (including the earlier ones of a client in two households), by household. */
  households: Map<string, ReportEnrollment[]>;
  stays: OtherStay[];
}
