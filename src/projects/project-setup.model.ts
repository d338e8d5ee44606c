/**
 * A project's set-up records, each a row of one HUD file (FY2026): ProjectCoC (2.03), and more to come. Dates
 * are calendar days, `YYYY-MM-DD`; codes are HUD's lists. Every record carries HUD's bookkeeping: when it was
 * created and last changed, and by whom (UserID). Deleted records never leave the repository.
 */

/** Who changed a record, and when. */
export interface RecordBookkeeping {
  dateCreated: Date;
  dateUpdated: Date;
  /** HUD UserID. */
  userId: string;
}

/** 2.03 Continuum of Care information: one CoC the project operates in (HUD ProjectCoC.csv). */
export interface ProjectCoc extends ProjectCocFields, RecordBookkeeping {
  projectCocId: string;
  projectId: string;
}

export interface ProjectCocFields {
  /** HUD's CoC code, e.g. `XX-501`: two upper-case letters, a dash, three digits. */
  cocCode: string;
  /** Six digits. */
  geocode: string;
  address1: string | null;
  address2: string | null;
  city: string | null;
  /** USPS code, upper case. */
  state: string | null;
  /** Five digits. */
  zip: string | null;
  geographyType: number | null;
}
