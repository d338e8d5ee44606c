/**
 * HUD reports (CoC APR, ESG CAPER, HMIS Data Quality report): what a run is asked for and what it produces.
 * The questions compute ReportTables from the report's universe; the pages, the drill-down, the Sage zip, the CSV
 * downloads and the stored runs only ever see these types.
 */
export type ReportKind = 'apr' | 'caper' | 'dq';

export interface ReportParams {
  kind: ReportKind;
  /** Report start and end dates (YYYY-MM-DD), both inclusive. */
  from: string;
  to: string;
  /** Hearth project ids, never empty. */
  projectIds: string[];
  /** The CoC code the report is for (Q4a), e.g. "XX-500", or null for every CoC of the projects. */
  cocCode: string | null;
}

/** One cell: its value and, for a count of people or households, the enrollments behind it (the drill-down). */
export interface ReportCell {
  value: number | string | null;
  /** Hearth enrollment ids behind a count, ascending; absent for labels, money, averages and percentages. */
  enrollmentIds?: string[];
  /**
   * A kept run's count instead: the same enrollments as ordinals in the run's numbering of them, encoded
   * (cell-members.ts), so that a run over many clients stays small; decoded only for a drill-down.
   */
  members?: string;
}

/** Whether a cell counts people or households (and so leads to the clients behind it). */
export const isCount = (cell: ReportCell): boolean => cell.enrollmentIds !== undefined || cell.members !== undefined;

export interface ReportRow {
  /** Column A: the row's label, exactly as HUD's specification spells it. */
  label: string;
  /** One cell per column after column A. */
  cells: ReportCell[];
}

/** A table laid out as HUD's specification lays it out. */
export interface ReportTable {
  /** As Sage names the file, without ".csv": "Q5a", "Q22a1". */
  question: string;
  title: string;
  /** The header row: header[0] is column A's header (often ""), then one per column of cells. */
  header: string[];
  rows: ReportRow[];
}

export interface ReportResult {
  params: ReportParams;
  /** Hearth's version (src/version.ts) and the specification followed, e.g. "Hearth 0.1.0, FY2026 APR spec". */
  generator: string;
  /** ISO timestamp. */
  generatedAt: string;
  tables: ReportTable[];
}

/** One module per question, named as the specification names it. U is the report universe (universe.ts). */
export interface ReportQuestion<U> {
  id: string;
  title: string;
  /** The reports this table belongs to. */
  reports: readonly ReportKind[];
  compute(universe: U, params: ReportParams): ReportTable;
}
