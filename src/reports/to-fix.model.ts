/**
 * A "to fix" list (issue 15, item 5): for one user, the clients whose enrollments they recorded, each with the
 * elements the Data Quality report (Q6a–Q6d, Q6f) flags as missing or invalid, and where to fix each.
 */
import type { StaffMember } from '../access/access.model.js';
import type { DrillDownClient } from './report-runs.model.js';

/**
 * Where a flagged element is fixed: the client's record, the enrollment's entry answers, its exit, its assessments
 * (income at a stage), or its page.
 */
export type FixPlace = 'client' | 'entry' | 'exit' | 'assessments' | 'enrollment';

/** One element the Data Quality report flags for a client. */
export interface ToFixIssue {
  /** The table that flags it ("Q6a"). */
  question: string;
  /** The table's row, as HUD labels it ("Social Security Number (3.02)"). */
  element: string;
  /** What is wrong, as the table's column says it ("Information Missing"). */
  problem: string;
  fix: FixPlace;
}

/** A client (the enrollment the report counts) and what to fix. */
export interface ToFixClient {
  client: DrillDownClient;
  issues: ToFixIssue[];
}

export interface ToFixList {
  /** Whose recorded enrollments the list covers. */
  subject: StaffMember;
  /** The period (YYYY-MM-DD, both inclusive). */
  from: string;
  to: string;
  /** The clients the viewer may see, by name. */
  clients: ToFixClient[];
  /** How many more clients have something to fix, in agencies whose enrollments the viewer may not see. */
  hidden: number;
  /** The users whose lists the viewer may pick (their own first); empty for a case manager. */
  choices: StaffMember[];
}
