import type { Db } from '../db/schema.js';

/** An agency: HUD Organization.csv, the columns Hearth keeps. Deleted agencies never leave the repository. */
export interface Organization {
  organizationId: string;
  organizationName: string;
  organizationCommonName: string | null;
  /** HUD No/Yes (0/1). */
  victimServiceProvider: number;
  dateCreated: Date;
  dateUpdated: Date;
  /** HUD UserID: the username of whoever last changed it. */
  userId: string;
}

/** A project of an agency: HUD Project.csv. Dates are calendar days, `YYYY-MM-DD`; codes are HUD's lists. */
export interface Project {
  projectId: string;
  organizationId: string;
  projectName: string;
  projectCommonName: string | null;
  operatingStartDate: string;
  /** Null while the project operates; once passed, the project is old project data. */
  operatingEndDate: string | null;
  continuumProject: number;
  projectType: number | null;
  housingType: number | null;
  rrhSubType: number | null;
  residentialAffiliation: number | null;
  targetPopulation: number | null;
  hopwaMedAssistedLivingFac: number | null;
  pitCount: number | null;
  dateCreated: Date;
  dateUpdated: Date;
  userId: string;
}

/** A project with its agency's name, as lists of enrollments show it. */
export type ProjectSummary = Pick<
  Project,
  'projectId' | 'projectName' | 'projectType' | 'organizationId' | 'operatingStartDate' | 'operatingEndDate'
> &
  Pick<Organization, 'organizationName'>;

/** An agency's own fields, as typed and checked (what creating or changing it sets). */
export type OrganizationFields = Pick<Organization, 'organizationName' | 'organizationCommonName' | 'victimServiceProvider'>;

/** A project's descriptor (2.02) as typed and checked: everything but PITCount, which only the HIC fills. */
export type ProjectFields = Pick<
  Project,
  | 'projectName'
  | 'projectCommonName'
  | 'operatingStartDate'
  | 'operatingEndDate'
  | 'continuumProject'
  | 'projectType'
  | 'housingType'
  | 'rrhSubType'
  | 'residentialAffiliation'
  | 'targetPopulation'
  | 'hopwaMedAssistedLivingFac'
>;

export interface OrganizationWithProjects {
  organization: Organization;
  /** Operating today or later (no end date, or an end date not yet passed). */
  current: Project[];
  /** Old project data: the operating end date has passed. */
  ended: Project[];
}

/**
 * What projects ask of enrollments, whose service answers: stays are the enrollments feature's data. Each count
 * takes the caller's transaction, so it sees what that transaction sees.
 */
export interface StaysInProjects {
  /**
   * Stays in the project that would fall outside these operating dates: begun before `start`, or, with an
   * `end`, begun after it, exited after it, or still open.
   */
  countStaysOutside(projectId: string, period: { start: string; end: string | null }, db?: Db): Promise<number>;
  /** Enrollments in the projects of this agency: the client data it holds in Hearth. */
  countEnrollmentsOfAgency(organizationId: string, db?: Db): Promise<number>;
  /** Enrollments in the project whose 3.16 EnrollmentCoC is this code. */
  countEnrollmentsInCoc(projectId: string, cocCode: string, db?: Db): Promise<number>;
}
