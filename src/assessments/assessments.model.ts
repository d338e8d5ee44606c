import type { ChronicStatus } from '../hud/chronic-homelessness.js';
import type { AnnualStatus } from '../hud/annual-assessment.js';
import type { CollectionPoint, ProgramElement } from '../hud/collection-rules.js';
import type { BenefitFlag, IncomeAmount, IncomeFlag, InsuranceFlag } from '../hud/assessment-code-lists.js';
import type { ClientSummary } from '../clients/clients.model.js';

/** HUD DataCollectionStage (5.03.1) of a stage-based record: 1 start, 2 update, 3 exit, 5 annual. */
export type StageCode = 1 | 2 | 3 | 5;

/**
 * 4.02 Income and sources. Flags are HUD's list 1.7 (0 No, 1 Yes); amounts are monthly, in cents (HUD's M+,
 * two decimals). With "from any source" 8, 9 or 99 every source and amount is null.
 */
export type IncomeFields = {
  incomeFromAnySource: number | null;
  /** Computed: the sum of the amounts (0 when no income), never typed. */
  totalMonthlyIncome: number | null;
  otherIncomeSourceIdentify: string | null;
} & Record<IncomeFlag, number | null> &
  Record<IncomeAmount, number | null>;

/** 4.03 Non-cash benefits. */
export type BenefitsFields = {
  benefitsFromAnySource: number | null;
  otherBenefitsSourceIdentify: string | null;
} & Record<BenefitFlag, number | null>;

/** 4.04 Health insurance (the HOPWA reasons, W3, are not collected: they stay null). */
export type InsuranceFields = {
  insuranceFromAnySource: number | null;
  otherInsuranceIdentify: string | null;
} & Record<InsuranceFlag, number | null>;

/** 4.11 Domestic violence (the RHY fields of HealthAndDV.csv are not collected: they stay null). */
export interface DomesticViolenceFields {
  domesticViolenceSurvivor: number;
  /** 4.11.A, only for a survivor. */
  whenOccurred: number | null;
  /** 4.11.B, only for a survivor. */
  currentlyFleeing: number | null;
}

/** One of 4.05–4.10 (HUD Disabilities.csv, one row per type). */
export interface DisabilityAnswer {
  /** 1.3: 5 physical, 6 developmental, 7 chronic health, 8 HIV/AIDS, 9 mental health, 10 substance use. */
  disabilityType: number;
  /** 1.8, or 4.10.2 for substance use. */
  disabilityResponse: number;
  /** "Long-continued … impairs", only for types 5, 7, 9 and 10 with a positive response. */
  indefiniteAndImpairs: number | null;
}

/**
 * One member's answers at one stage: the elements the project asks of this member, each null when not asked.
 * Saved as one IncomeBenefits row (4.02–4.04), one HealthAndDV row (4.11) and one Disabilities row per type.
 */
export interface StageAnswers {
  income: IncomeFields | null;
  benefits: BenefitsFields | null;
  insurance: InsuranceFields | null;
  disabilities: DisabilityAnswer[];
  domesticViolence: DomesticViolenceFields | null;
}

export interface RecordBookkeeping {
  dateCreated: Date;
  dateUpdated: Date;
  /** HUD UserID. */
  userId: string;
}

/** Where a stage record belongs: HUD's EnrollmentID, PersonalID, InformationDate and DataCollectionStage. */
export interface StageKey {
  enrollmentId: string;
  personalId: string;
  /** YYYY-MM-DD */
  informationDate: string;
  dataCollectionStage: StageCode;
}

/** An IncomeBenefits.csv row. */
export interface IncomeBenefitsRecord extends StageKey, RecordBookkeeping {
  incomeBenefitsId: string;
  income: IncomeFields | null;
  benefits: BenefitsFields | null;
  insurance: InsuranceFields | null;
}

/** A HealthAndDV.csv row. */
export interface HealthAndDvRecord extends StageKey, RecordBookkeeping, DomesticViolenceFields {
  healthAndDvId: string;
}

/** A Disabilities.csv row. */
export interface DisabilityRecord extends StageKey, RecordBookkeeping, DisabilityAnswer {
  disabilitiesId: string;
}

/** Every record of one member at one stage and date, as the history shows it and a correction edits it. */
export interface StageRecord extends StageKey {
  answers: StageAnswers;
  dateUpdated: Date;
  userId: string;
}

/** A member of the household as a stage form sees them. */
export interface StageMember {
  enrollmentId: string;
  personalId: string;
  client: ClientSummary;
  isHead: boolean;
  entryDate: string;
  exitDate: string | null;
  /** 3.08 Disabling condition on the enrollment. */
  disablingCondition: number;
  /** 18 or over on the information date (null: date of birth unknown). */
  adult: boolean | null;
  /** The elements asked of this member at this stage, in HUD's order. */
  elements: ProgramElement[];
  /** Set when the stage cannot be recorded for this member now (already recorded, not present …). */
  unavailable: string | null;
}

/** What a stage form asks: for whom, which elements, and on which date. */
export interface StageForm {
  enrollmentId: string;
  householdId: string;
  projectName: string;
  stage: CollectionPoint;
  /** The information date when HUD fixes it (start: each entry date; exit: each exit date); else null (typed). */
  fixedDate: boolean;
  members: StageMember[];
  /** For the annual assessment: the household's window on today. */
  annual: AnnualStatus | null;
}

/** One member's typed answers, as strings from the form (field name → value or values). */
export type MemberAnswersInput = Readonly<Record<string, string | readonly string[]>>;

export interface StageInput {
  /** Typed, for update and annual assessment; ignored for start and exit. */
  informationDate: string;
  /** By EnrollmentID: the members whose answers are sent. */
  members: Readonly<Record<string, MemberAnswersInput>>;
}

/** An enrollment's section: the household's annual standing, chronic status, and each member's records by date. */
export interface AssessmentOverview {
  enrollmentId: string;
  projectId: string;
  isOpen: boolean;
  canChange: boolean;
  /** Null when the household has left, or before a head of household is known. */
  annual: AnnualStatus | null;
  chronic: { member: ChronicStatus; household: ChronicStatus } | null;
  /** The stages that can be recorded now for someone in the household. */
  stagesOpen: CollectionPoint[];
  members: { enrollmentId: string; client: ClientSummary; isHead: boolean; records: StageRecord[] }[];
}

/** A household whose annual assessment is due or overdue, for the project's list. */
export interface AnnualDue {
  householdId: string;
  headEnrollmentId: string;
  head: ClientSummary;
  entryDate: string;
  status: AnnualStatus;
}

/** A generated Training record: one member's answers at one stage, with its ids and when it was "entered". */
export interface GeneratedStage extends StageKey {
  answers: StageAnswers;
  ids: { incomeBenefitsId: string; healthAndDvId: string; disabilitiesIds: Readonly<Partial<Record<number, string>>> };
  dateCreated: Date;
  userId: string;
}
