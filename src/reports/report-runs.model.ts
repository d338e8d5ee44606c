import type { ReportRunStatus } from '../db/schema.js';
import type { ReportKind, ReportParams, ReportTable } from './report.model.js';

export type { ReportRunStatus };

/** A report asked for on the Reports page or by `hearth report`, and where it stands. */
export interface ReportRun {
  id: string;
  params: ReportParams;
  /** Null when `hearth report` ran it. */
  requestedBy: number | null;
  requestedByName: string;
  requestedAt: Date;
  status: ReportRunStatus;
  /** Hearth's version and the specification followed, once it ran. */
  generator: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  questionsDone: number;
  questionsTotal: number;
  currentQuestion: string | null;
  failure: string | null;
}

/** A run with its projects, as the pages show it. */
export interface ReportRunView {
  run: ReportRun;
  projects: ReportableProject[];
}

/** A finished run and its tables. */
export interface ReportRunWithTables extends ReportRunView {
  tables: ReportTable[];
}

/** The new-report form as typed. */
export interface ReportFormInput {
  kind: string;
  from: string;
  to: string;
  projectIds: string[];
  cocCode: string;
}

export const EMPTY_REPORT_FORM: ReportFormInput = { kind: 'apr', from: '', to: '', projectIds: [], cocCode: '' };

export const REPORT_KINDS: readonly { kind: ReportKind; name: string; hint: string }[] = [
  { kind: 'apr', name: 'CoC APR', hint: 'Annual Performance Report of Continuum of Care projects, for Sage.' },
  { kind: 'caper', name: 'ESG CAPER', hint: 'Consolidated Annual Performance and Evaluation Report of ESG projects, for Sage.' },
  { kind: 'dq', name: 'HMIS Data Quality report', hint: 'The APR’s questions 5 and 6: missing, contradictory and late data.' },
];

export const reportKindName = (kind: ReportKind): string => REPORT_KINDS.find((k) => k.kind === kind)!.name;

/** A project a report may cover. */
export interface ReportableProject {
  projectId: string;
  projectName: string;
  projectType: number | null;
  organizationId: string;
  organizationName: string;
}

/** One client behind a count, as the drill-down lists them. */
export interface DrillDownClient {
  enrollmentId: string;
  personalId: string;
  householdId: string;
  clientName: string;
  projectId: string;
  projectName: string;
  organizationId: string;
  entryDate: string;
  exitDate: string | null;
}

/** The clients behind one cell of a table, wherever the table was computed. */
export interface CellClients {
  table: ReportTable;
  /** The cell as a spreadsheet names it ("C4") and its row and column labels. */
  cell: string;
  rowLabel: string;
  columnLabel: string;
  count: number;
  /** The clients the viewer may see (the enrollment rule of the access policy). */
  clients: DrillDownClient[];
  /** How many more are counted there, in agencies whose enrollments the viewer may not see. */
  hidden: number;
}

/** The clients behind one cell of a kept run's table. */
export interface DrillDown extends CellClients {
  run: ReportRun;
}

/** A project's Data Quality tables, computed live over a period. */
export interface DataQualityView {
  project: ReportableProject;
  params: ReportParams;
  tables: ReportTable[];
}

/** The clients behind one count of a project's live Data Quality tables. */
export type DataQualityDrillDown = DataQualityView & CellClients;

/** At most this many clients are listed behind one count (the rest are counted). */
export const DRILL_DOWN_LISTED = 500;

/** A cell's column as a spreadsheet names it: the first cell is in column B (column A holds the row labels). */
export const columnLetter = (cellIndex: number): string => String.fromCharCode('B'.charCodeAt(0) + cellIndex);
