/** 4.19 Coordinated entry assessment (HUD Assessment.csv). Dates `YYYY-MM-DD`, codes HUD's 4.19 lists. */
export interface CeAssessmentFields {
  assessmentDate: string;
  assessmentLocation: string;
  assessmentType: number;
  assessmentLevel: number;
  prioritizationStatus: number;
}

/** 4.20 Coordinated entry event (HUD Event.csv); the dependents are null unless the event asks them. */
export interface CeEventFields {
  eventDate: string;
  event: number;
  probSolDivRrResult: number | null;
  referralCaseManageAfter: number | null;
  locationCrisisOrPhHousing: string | null;
  referralResult: number | null;
  resultDate: string | null;
}

interface Recorded {
  enrollmentId: string;
  personalId: string;
  dateCreated: Date;
  dateUpdated: Date;
  userId: string;
}

export interface CeAssessment extends CeAssessmentFields, Recorded {
  assessmentId: string;
}

export interface CeEvent extends CeEventFields, Recorded {
  eventId: string;
}

export type CeAssessmentInput = Record<keyof CeAssessmentFields, string>;
export type CeEventInput = Record<keyof CeEventFields, string>;

export const EMPTY_ASSESSMENT: CeAssessmentInput = { assessmentDate: '', assessmentLocation: '', assessmentType: '', assessmentLevel: '', prioritizationStatus: '' };
export const EMPTY_EVENT: CeEventInput = {
  eventDate: '',
  event: '',
  probSolDivRrResult: '',
  referralCaseManageAfter: '',
  locationCrisisOrPhHousing: '',
  referralResult: '',
  resultDate: '',
};

/** The enrollment page's section: the head of household's assessments and events, latest first. */
export interface CoordinatedEntrySection {
  enrollmentId: string;
  assessments: CeAssessment[];
  events: CeEvent[];
  canRecord: boolean;
}
