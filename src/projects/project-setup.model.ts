/**
 * A project's set-up records, each a row of one HUD file (FY2026): ProjectCoC (2.03), Funder (2.06), Inventory
 * (2.07), Affiliation (2.02.C), HMISParticipation (2.08) and CEParticipation (2.09). Dates
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

/** 2.06 Funding source: one grant (HUD Funder.csv). Several per project, current and historical. */
export interface Funder extends FunderFields, RecordBookkeeping {
  funderId: string;
  projectId: string;
}

export interface FunderFields {
  /** 2.06.1. */
  funder: number;
  /** Only with 46 "Local or Other Funding Source". */
  otherFunder: string | null;
  grantId: string;
  startDate: string;
  endDate: string | null;
}

/** 2.07 Bed and unit inventory of one household type in one CoC, for a period (HUD Inventory.csv). */
export interface Inventory extends InventoryFields, RecordBookkeeping {
  inventoryId: string;
  projectId: string;
}

/** The seven dedicated-bed counts and the non-dedicated beds: HUD's categories, which sum to the total. */
export const BED_CATEGORIES = [
  'chVetBedInventory',
  'youthVetBedInventory',
  'vetBedInventory',
  'chYouthBedInventory',
  'youthBedInventory',
  'chBedInventory',
  'otherBedInventory',
] as const;

export type BedCategory = (typeof BED_CATEGORIES)[number];

export interface InventoryFields extends Record<BedCategory, number> {
  /** One of the project's 2.03 CoC codes. */
  cocCode: string;
  householdType: number;
  /** 2.07.6, emergency shelters only (project types 0 and 1). */
  availability: number | null;
  unitInventory: number;
  /** The sum of the bed categories. */
  bedInventory: number;
  /** 2.07.5, emergency shelters only. */
  esBedType: number | null;
  inventoryStartDate: string;
  inventoryEndDate: string | null;
}

/** 2.02.C: a residential project a services-only project is affiliated with (HUD Affiliation.csv). */
export interface Affiliation extends RecordBookkeeping {
  affiliationId: string;
  /** The services-only project (type 6, or 13 with subtype 1). */
  projectId: string;
  /** The residential project. */
  resProjectId: string;
}

/** An affiliation with the residential project's name, as the project page lists it. */
export interface AffiliationWithProject extends Affiliation {
  resProjectName: string;
}

/** 2.08 HMIS participation over a period (HUD HMISParticipation.csv). */
export interface HmisParticipation extends HmisParticipationFields, RecordBookkeeping {
  hmisParticipationId: string;
  projectId: string;
}

export interface HmisParticipationFields {
  hmisParticipationType: number;
  /** HMISParticipationStatusStartDate. */
  startDate: string;
  /** HMISParticipationStatusEndDate. */
  endDate: string | null;
}

/** 2.09 Coordinated entry participation over a period (HUD CEParticipation.csv). */
export interface CeParticipation extends CeParticipationFields, RecordBookkeeping {
  ceParticipationId: string;
  projectId: string;
}

export interface CeParticipationFields {
  accessPoint: number;
  /**
   * The four "provided by the CE project" answers, 0 or 1 each. Hearth writes 0 when the project is no access
   * point; records from elsewhere may leave them empty then, as HUD allows.
   */
  preventionAssessment: number | null;
  crisisAssessment: number | null;
  housingAssessment: number | null;
  directServices: number | null;
  receivesReferrals: number;
  /** CEParticipationStatusStartDate. */
  startDate: string;
  /** CEParticipationStatusEndDate. */
  endDate: string | null;
}

/** Everything set up for one project, as its page shows it. */
export interface ProjectSetup {
  cocs: ProjectCoc[];
  funders: Funder[];
  inventories: Inventory[];
  affiliations: AffiliationWithProject[];
  hmisParticipations: HmisParticipation[];
  ceParticipations: CeParticipation[];
}

/** Set-up records as they are written (an affiliation without the residential project's name): Training data. */
export type ProjectSetupRecords = Omit<ProjectSetup, 'affiliations'> & { affiliations: Affiliation[] };
