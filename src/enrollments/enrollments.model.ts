import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Db } from '../db/schema.js';
import type { ClientSummary } from '../clients/clients.model.js';
import type { ValidationError } from '../errors.js';
import type { ProjectSummary } from '../projects/projects.model.js';

/**
 * What enrollments ask of projects, whose service answers (ProjectService). Each takes the caller's transaction,
 * and then holds the project's row until it commits.
 */
export interface ProjectsForEnrollments {
  /** 2.03: the project's CoC codes, sorted: the options of 3.16 Enrollment CoC. */
  cocCodesOf(projectId: string, db?: Db): Promise<string[]>;
  /**
   * Refuses (a ForbiddenError saying why) a project whose agency is a victim service provider: under VAWA they hold
   * no client data in an HMIS. Given the transaction that writes a stay, it keeps the agency from becoming one meanwhile.
   */
  assertAcceptsClients(projectId: string, db?: Db): Promise<void>;
}

/** One member's entry data once it follows HUD's rules, as stored (Enrollment.csv columns). */
export interface MemberEntryFields {
  relationshipToHoH: number;
  disablingCondition: number;
  livingSituation: number | null;
  rentalSubsidyType: number | null;
  lengthOfStay: number | null;
  /** Computed from the living situation and the length of stay (HUD 3.917 field 3), never typed. */
  losUnderThreshold: number | null;
  previousStreetEssh: number | null;
  /** YYYY-MM-DD */
  dateToStreetEssh: string | null;
  timesHomelessPastThreeYears: number | null;
  monthsHomelessPastThreeYears: number | null;
}

/** An exit's answers once they follow HUD's rules (Exit.csv columns). */
export interface ExitFields {
  /** YYYY-MM-DD */
  exitDate: string;
  destination: number;
  destinationSubsidyType: number | null;
  otherDestination: string | null;
}

/**
 * A stay of one client in one project: HUD Enrollment.csv, the columns Hearth collects. Calendar dates are
 * `YYYY-MM-DD`. Deleted enrollments never leave the repository.
 */
export interface Enrollment extends MemberEntryFields {
  enrollmentId: string;
  personalId: string;
  projectId: string;
  entryDate: string;
  householdId: string;
  /**
   * 3.16: the CoC the head of household was in at project start, one of the project's 2.03 codes. Every member
   * carries the head's; null only on stays recorded before Hearth asked it (or checked in at a shelter with several).
   */
  enrollmentCoc: string | null;
  /** Permanent housing: the day the household moved into its own unit. */
  moveInDate: string | null;
  dateCreated: Date;
  dateUpdated: Date;
  /** HUD UserID: the username of whoever last changed it. */
  userId: string;
}

/** How a stay ended: HUD Exit.csv. At most one live exit per enrollment. */
export interface Exit extends ExitFields {
  exitId: string;
  enrollmentId: string;
  personalId: string;
  dateCreated: Date;
  dateUpdated: Date;
  userId: string;
}

/** An enrollment with what every page shows next to it. */
export interface EnrollmentSummary {
  enrollmentId: string;
  personalId: string;
  householdId: string;
  relationshipToHoH: number;
  entryDate: string;
  exitDate: string | null;
  destination: number | null;
  project: ProjectSummary;
  client: ClientSummary;
  householdSize: number;
}

/** A stay of a client in a project, from entry to exit (null while it goes on). */
export interface Stay {
  enrollmentId: string;
  entryDate: string;
  exitDate: string | null;
}

/** A stay that stands in the way of a new or changed one: the page links to it. */
export interface StayConflict extends Stay {
  personalId: string;
  clientName: string;
}

export interface ProjectChoice extends ProjectSummary {
  /** The operating end date has passed: old project data, still open to late (back-dated) entries. */
  ended: boolean;
}

export interface PlannedMember {
  client: ClientSummary;
  /** Age on the entry date, when the date of birth is known. */
  age: number | null;
}

/** A household checked and ready for its members' entry data (step two of enrolling). */
export interface HouseholdPlan {
  project: ProjectSummary;
  entryDate: string;
  members: PlannedMember[];
  /** The project's 2.03 CoC codes: the choices of the head's 3.16 Enrollment CoC (never empty). */
  cocCodes: string[];
}

/** Step one of enrolling as the form sends it (a GET form: choosing changes nothing stored). */
export interface HouseholdStepInput {
  /** The client enrolled from their profile: always in the household. */
  client: string;
  /** null when the form did not send it (first visit): the only project, or none, is chosen. */
  projectId: string | null;
  /** null when the form did not send it (first visit): today. */
  entryDate: string | null;
  /** Members already in the household, and those chosen from a search. */
  members: readonly string[];
  remove: readonly string[];
  /** A PersonalID typed to add a member. */
  addId: string;
  /** Continue to step two once the household holds together. */
  proceed: boolean;
}

/** What step one holds: exactly what was chosen or typed, so a refused step comes back as it was sent. */
export interface HouseholdStepValues {
  projectId: string;
  entryDate: string;
  /** The other members (the client enrolled from the profile is always in the household). */
  others: ClientSummary[];
  /** What was typed in the PersonalID box, when it could not be added. */
  addId: string;
}

/** Where step one leads: step two with a checked household, or step one again (refused when `problem` is set). */
export type HouseholdStep =
  | { kind: 'plan'; client: ClientSummary; plan: HouseholdPlan; entryDateTyped: string }
  | { kind: 'household'; client: ClientSummary; projects: ProjectChoice[]; values: HouseholdStepValues; problem: ValidationError | null };

export interface EnrollmentDetail {
  enrollment: Enrollment;
  client: ClientSummary;
  project: ProjectSummary;
  exit: Exit | null;
  /** Every member of the household (this one included), the head first. */
  household: EnrollmentSummary[];
  /** The viewer may change it (entry data, exits, household). */
  canChange: boolean;
}

/** A client's stays in one project. */
export interface ProjectEnrollments {
  project: ProjectSummary;
  enrollments: EnrollmentSummary[];
}

export interface RosterHousehold {
  householdId: string;
  members: EnrollmentSummary[];
}

/** A project's households, current or (with `past`) all of them. */
export interface Roster {
  project: ProjectSummary;
  past: boolean;
  households: RosterHousehold[];
  truncated: boolean;
}

/** Who leaves: one member, or everyone of the household still enrolled. */
export type ExitScope = 'member' | 'household';

/** The dates recorded on an enrollment when they happen: 3.20 housing move-in date and 4.13 date of engagement. */
export interface EnrollmentOccurrenceDates {
  enrollmentId: string;
  moveInDate: string | null;
  dateOfEngagement: string | null;
}

/** A member an exit is about to end, with the exit date it will carry. */
export interface Leaving {
  enrollmentId: string;
  /** YYYY-MM-DD; today's date while the typed exit date is refused, so the rest can still be checked. */
  exitDate: string;
}

/**
 * What another feature saves with an exit, in the exit's own submit and transaction (the exit-stage answers of
 * src/assessments/). It checks its part with the exit, adding its refusals to the exit's (so one 422 shows both),
 * and returns the writer the exit runs once everything is accepted. Declared here, given by the caller, so
 * that enrollments never import the feature.
 */
export type AlongsideExit = (
  trx: Transaction<Database>,
  detail: EnrollmentDetail,
  leaving: readonly Leaving[],
  errors: Record<string, string[]>,
) => Promise<() => Promise<void>>;
