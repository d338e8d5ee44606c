import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  canRunReports,
  canSeeEnrollmentsOf,
  canSeeReportRun,
  reportScope,
  type EnrollmentScope,
  type Viewer,
} from '../access/access-policy.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { parseDate } from '../clients/client-fields.js';
import { calendarDate, type Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { hearthVersion } from '../version.js';
import { questionsOf } from './questions/index.js';
import { decodeMembers } from './cell-members.js';
import { isCount, type ReportCell, type ReportKind, type ReportParams, type ReportResult, type ReportTable } from './report.model.js';
import { reportRunsRepository as repo } from './report-runs.repository.js';
import {
  DRILL_DOWN_LISTED,
  REPORT_KINDS,
  type CellClients,
  type DataQualityDrillDown,
  type DataQualityView,
  type DrillDown,
  type DrillDownClient,
  type ReportFormInput,
  type ReportableProject,
  type ReportRun,
  type ReportRunView,
  type ReportRunWithTables,
} from './report-runs.model.js';
import { sageZip, tableCsv } from './sage-zip.js';
import { loadUniverse } from './universe.js';

export const NOT_A_REPORTER = 'Only HMIS administrators and agency managers can run HUD reports.';
const NO_SUCH_RUN = 'There is no such report.';
const LISTED = 50;
const DRILL_DOWN_CHUNK = 5_000;
const COC_CODE = /^[A-Z]{2}-[0-9]{3}$/;

export interface ReportLog {
  error(details: object, message: string): void;
}

/** What a run reports as it goes: the question it is on, and how many are done. */
export type ReportProgress = (progress: { done: number; total: number; question: string | null }) => void | Promise<void>;

/**
 * HUD reports from live data: the Reports page's runs and `hearth report`. A request is checked at once (the kind,
 * the period, the projects against the access policy), kept as a run, and computed in the background by the
 * server's report worker, one at a time; a run the server stopped in the middle of is marked failed on the next
 * start. A finished run keeps its tables (with the enrollments behind each count), so it is shown and downloaded
 * again exactly as computed. Every request, download and drill-down is audited; a drill-down names only the
 * clients whose enrollments the viewer may see.
 */
export class ReportService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly timeZone: string,
    private readonly onQueued: () => void = () => {},
  ) {}

  /** The projects the viewer may report on, by agency. */
  async reportableProjects(viewer: Viewer): Promise<ReportableProject[]> {
    const scope = reportScope(viewer);
    if (scope === null) throw new ForbiddenError(NOT_A_REPORTER);
    return repo.projectsIn(this.db, scope);
  }

  /** Every project's id (`hearth report` without --project). */
  async allProjectIds(): Promise<string[]> {
    return (await repo.projectsIn(this.db, { kind: 'all' })).map((p) => p.projectId);
  }

  /** Checks a request's parameters (ValidationError per field) and the scope's right to its projects. */
  async checkParams(input: ReportFormInput, scope: EnrollmentScope): Promise<ReportParams> {
    const errors: Record<string, string[]> = {};
    const kind = REPORT_KINDS.find((k) => k.kind === input.kind)?.kind;
    if (!kind) errors.kind = ['Choose the APR, the CAPER or the Data Quality report.'];
    const from = parseDate(input.from.trim());
    const to = parseDate(input.to.trim());
    if (!from) errors.from = ['Enter the report start date as a real date, like 10/01/2025.'];
    if (!to) errors.to = ['Enter the report end date as a real date, like 09/30/2026.'];
    else if (from && to < from) errors.to = ['The report must end on or after its start date.'];
    const cocCode = input.cocCode.trim() === '' ? null : input.cocCode.trim().toUpperCase();
    if (cocCode !== null && !COC_CODE.test(cocCode)) errors.cocCode = ['A CoC code is two letters, a dash and three digits, like XX-501.'];
    const projectIds = [...new Set(input.projectIds)];
    if (projectIds.length === 0) errors.projectIds = ['Choose at least one project.'];
    else {
      const found = await repo.projects(this.db, projectIds);
      const allowed = found.filter((p) => scope.kind === 'all' || scope.organizationIds.includes(p.organizationId));
      if (allowed.length !== projectIds.length) errors.projectIds = ['Choose among the projects listed: some of these do not exist or are not yours to report on.'];
    }
    if (Object.keys(errors).length > 0) throw new ValidationError('The report could not be started: please correct the fields below.', errors);
    return { kind: kind!, from: from!, to: to!, projectIds: projectIds.sort(), cocCode };
  }

  /** Queues a report after checking it; throws ValidationError (the form) or ForbiddenError. */
  async request(viewer: Viewer, actor: Actor, input: ReportFormInput): Promise<ReportRun> {
    const scope = reportScope(viewer);
    if (scope === null) throw new ForbiddenError(NOT_A_REPORTER);
    const params = await this.checkParams(input, scope);
    const id = randomBytes(16).toString('hex');
    await this.db.transaction().execute(async (trx) => {
      await repo.insert(trx, { id, requestedBy: viewer.userId, requestedAt: this.clock.now(), params, status: 'queued' });
      await this.audit.record(trx, { event: 'report.requested', actor, details: { run: id, kind: params.kind, from: params.from, to: params.to, projects: params.projectIds.length } });
    });
    this.onQueued();
    return (await repo.find(this.db, id))!;
  }

  /** The runs the viewer may see, newest first. */
  async list(viewer: Viewer): Promise<ReportRunView[]> {
    if (!canRunReports(viewer)) throw new ForbiddenError(NOT_A_REPORTER);
    const runs = await repo.list(this.db, LISTED * 4);
    const views = await this.withProjects(runs);
    return views.filter((v) => canSeeReportRun(viewer, organizationsOf(v))).slice(0, LISTED);
  }

  /** A run and, once done, its tables. */
  async run(viewer: Viewer, id: string): Promise<ReportRunWithTables> {
    const view = await this.visibleRun(viewer, id);
    const tables = view.run.status === 'done' ? await repo.tables(this.db, id) : [];
    return { ...view, tables };
  }

  /** The finished run as Sage's zip; the download is audited. */
  async sageZip(viewer: Viewer, actor: Actor, id: string): Promise<{ zip: Buffer; fileName: string }> {
    const { run, tables } = await this.finishedRun(viewer, id);
    await this.audit.record(this.db, { event: 'report.downloaded', actor, details: { run: id, file: 'sage-zip' } });
    return { zip: await sageZip(tables, run.finishedAt ?? this.clock.now()), fileName: `${run.params.kind}-${run.params.from}-${run.params.to}-${id.slice(0, 8)}.zip` };
  }

  /** One table of a finished run as CSV; the download is audited. */
  async tableCsv(viewer: Viewer, actor: Actor, id: string, question: string): Promise<{ csv: string; fileName: string }> {
    const table = await this.finishedTable(viewer, id, question);
    await this.audit.record(this.db, { event: 'report.downloaded', actor, details: { run: id, file: `${table.question}.csv` } });
    return { csv: tableCsv(table), fileName: `${table.question}-${id.slice(0, 8)}.csv` };
  }

  /**
   * The clients behind one count (row as the spreadsheet numbers it, 2 for the first row of values; column a letter
   * from B): those the viewer may see by the enrollment rule, listed; the others counted. Audited, without names.
   */
  async drillDown(viewer: Viewer, actor: Actor, id: string, question: string, row: number, column: string): Promise<DrillDown> {
    const { run } = await this.visibleRun(viewer, id);
    const table = await this.finishedTable(viewer, id, question);
    const enrollmentsOf = async (cell: ReportCell) => cell.enrollmentIds ?? (await repo.numberedEnrollments(this.db, id, decodeMembers(cell.members!)));
    return { run, ...(await this.cellClients(viewer, actor, table, row, column, { run: id }, enrollmentsOf)) };
  }

  /**
   * The Data Quality tables (Q5a, Q6a–f) of one project the viewer may report on, computed live over a period
   * (by default the twelve months to today): the same questions and universe as a kept run.
   */
  async dataQuality(viewer: Viewer, projectId: string, period: { from?: string; to?: string }): Promise<DataQualityView> {
    const scope = reportScope(viewer);
    if (scope === null) throw new ForbiddenError(NOT_A_REPORTER);
    const [project] = projectId.length <= 64 ? await repo.projects(this.db, [projectId]) : [];
    if (!project || (scope.kind !== 'all' && !scope.organizationIds.includes(project.organizationId))) throw new NotFoundError('There is no such project among yours.');
    const today = calendarDate(this.clock.now(), this.timeZone);
    const input = { kind: 'dq', from: period.from ?? yearBefore(today), to: period.to ?? today, projectIds: [projectId], cocCode: '' };
    const params = await this.checkParams(input, scope).catch((error: unknown) => {
      if (!(error instanceof ValidationError)) throw error;
      const reasons = Object.values(error.fieldErrors).flat();
      throw new ValidationError(`This period cannot be shown: ${reasons.join(' ')}`, error.fieldErrors);
    });
    const { tables } = await this.compute(params);
    return { project, params, tables };
  }

  /** The clients behind one count of a project's live Data Quality tables: the same rule and audit as a run's. */
  async dataQualityDrillDown(
    viewer: Viewer,
    actor: Actor,
    projectId: string,
    period: { from?: string; to?: string },
    question: string,
    row: number,
    column: string,
  ): Promise<DataQualityDrillDown> {
    const view = await this.dataQuality(viewer, projectId, period);
    const table = view.tables.find((t) => t.question === question);
    if (!table) throw new NotFoundError('The Data Quality report has no such table.');
    const details = { project: projectId, from: view.params.from, to: view.params.to };
    return { ...view, ...(await this.cellClients(viewer, actor, table, row, column, details, async (cell) => cell.enrollmentIds!)) };
  }

  /**
   * The clients behind one cell (`enrollmentsOf` reads a count's enrollments: a kept run's from its numbering):
   * listed when the viewer may see their enrollments, otherwise counted; audited.
   */
  private async cellClients(
    viewer: Viewer,
    actor: Actor,
    table: ReportTable,
    row: number,
    column: string,
    details: object,
    enrollmentsOf: (cell: ReportCell) => Promise<string[]>,
  ): Promise<CellClients> {
    const tableRow = table.rows[row - 2];
    const cellIndex = column.length === 1 ? column.charCodeAt(0) - 'B'.charCodeAt(0) : -1;
    const cell = tableRow?.cells[cellIndex];
    if (!tableRow || !cell || !isCount(cell)) throw new NotFoundError('This cell of the table is not a count of clients.');
    const enrollmentIds = await enrollmentsOf(cell);
    const visible: DrillDownClient[] = [];
    let found = 0;
    for (let i = 0; i < enrollmentIds.length; i += DRILL_DOWN_CHUNK) {
      const clients = await repo.drillDownClients(this.db, enrollmentIds.slice(i, i + DRILL_DOWN_CHUNK));
      found += clients.length;
      visible.push(...clients.filter((c) => canSeeEnrollmentsOf(viewer, c.organizationId)));
    }
    visible.sort((a, b) => a.clientName.localeCompare(b.clientName) || a.enrollmentId.localeCompare(b.enrollmentId));
    await this.audit.record(this.db, {
      event: 'report.drilled_down',
      actor,
      details: { ...details, question: table.question, cell: `${column}${row}`, listed: Math.min(visible.length, DRILL_DOWN_LISTED), hidden: found - visible.length },
    });
    return {
      table,
      cell: `${column}${row}`,
      rowLabel: tableRow.label,
      columnLabel: table.header[cellIndex + 1] ?? '',
      count: enrollmentIds.length,
      clients: visible.slice(0, DRILL_DOWN_LISTED),
      hidden: found - visible.length,
    };
  }

  /** Computes a report (the worker and `hearth report` alike): every question of its kind, in Sage's order. */
  async compute(params: ReportParams, progress: ReportProgress = () => {}): Promise<ReportResult> {
    const questions = questionsOf(params.kind);
    const universe = await loadUniverse(this.db, params, this.clock, this.timeZone);
    const tables: ReportTable[] = [];
    for (const question of questions) {
      await progress({ done: tables.length, total: questions.length, question: question.id });
      tables.push(question.compute(universe, params));
    }
    await progress({ done: tables.length, total: questions.length, question: null });
    return { params, generator: generatorOf(params.kind), generatedAt: this.clock.now().toISOString(), tables };
  }

  /** `hearth report`: a run kept like the page's, computed at once; returns it with its Sage zip. */
  async runNow(actor: Actor, input: ReportFormInput, progress: ReportProgress = () => {}): Promise<{ run: ReportRun; result: ReportResult; zip: Buffer }> {
    const params = await this.checkParams(input, { kind: 'all' });
    const id = randomBytes(16).toString('hex');
    await repo.insert(this.db, { id, requestedBy: null, requestedAt: this.clock.now(), params, status: 'running' });
    await this.audit.record(this.db, { event: 'report.requested', actor, details: { run: id, kind: params.kind, from: params.from, to: params.to, projects: params.projectIds.length } });
    const result = await this.execute(id, params, progress);
    return { run: (await repo.find(this.db, id))!, result, zip: await sageZip(result.tables, this.clock.now()) };
  }

  /** Marks the runs a stopped server left running as failed. */
  async failInterrupted(): Promise<number> {
    const ids = await repo.running(this.db);
    for (const id of ids) await repo.failed(this.db, id, this.clock.now(), 'Hearth stopped while this report was running. Start it again.');
    return ids.length;
  }

  /** Computes the oldest queued run, if any; false when none was waiting. Never throws for the run's own failure. */
  async runNext(log: ReportLog): Promise<boolean> {
    const run = await repo.claimNext(this.db, this.clock.now());
    if (!run) return false;
    try {
      await this.execute(run.id, run.params);
    } catch (error) {
      if (!(error instanceof DomainError)) log.error({ err: error, run: run.id }, 'report failed');
      const failure = error instanceof DomainError ? error.message : 'An unexpected error stopped this report; it is in the server’s log.';
      await repo.failed(this.db, run.id, this.clock.now(), failure);
    }
    return true;
  }

  /** Nothing to delete: runs are kept (the interface the background worker expects). */
  async deleteExpired(): Promise<number> {
    return 0;
  }

  private async execute(id: string, params: ReportParams, progress: ReportProgress = () => {}): Promise<ReportResult> {
    await repo.start(this.db, id, this.clock.now(), generatorOf(params.kind), questionsOf(params.kind).length);
    const result = await this.compute(params, async (p) => {
      await repo.progress(this.db, id, p.done, p.question);
      await progress(p);
    });
    await this.db.transaction().execute(async (trx) => {
      await repo.done(trx, id, this.clock.now(), result.tables);
      await this.audit.record(trx, { event: 'report.written', actor: { userId: null, username: null, ip: null }, details: { run: id, tables: result.tables.length } });
    });
    return result;
  }

  private async visibleRun(viewer: Viewer, id: string): Promise<ReportRunView> {
    if (!canRunReports(viewer)) throw new ForbiddenError(NOT_A_REPORTER);
    const run = /^[0-9a-f]{32}$/.test(id) ? await repo.find(this.db, id) : undefined;
    if (!run) throw new NotFoundError(NO_SUCH_RUN);
    const [view] = await this.withProjects([run]);
    if (!canSeeReportRun(viewer, organizationsOf(view!))) throw new NotFoundError(NO_SUCH_RUN);
    return view!;
  }

  private async finishedRun(viewer: Viewer, id: string): Promise<ReportRunWithTables> {
    const found = await this.run(viewer, id);
    if (found.run.status !== 'done') throw new NotFoundError('This report is not ready yet.');
    return found;
  }

  private async finishedTable(viewer: Viewer, id: string, question: string): Promise<ReportTable> {
    const { run } = await this.visibleRun(viewer, id);
    if (run.status !== 'done') throw new NotFoundError('This report is not ready yet.');
    const table = /^Q[0-9]{1,2}[a-z]?[0-9]?$/.test(question) ? await repo.table(this.db, id, question) : undefined;
    if (!table) throw new NotFoundError('This report has no such table.');
    return table;
  }

  private async withProjects(runs: readonly ReportRun[]): Promise<ReportRunView[]> {
    const projects = new Map((await repo.projects(this.db, [...new Set(runs.flatMap((r) => r.params.projectIds))])).map((p) => [p.projectId, p]));
    return runs.map((run) => ({ run, projects: run.params.projectIds.map((id) => projects.get(id)).filter((p): p is ReportableProject => p !== undefined) }));
  }
}

/** The day a year before `day`, plus one: the first day of the twelve months ending on `day`. */
export function yearBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The agencies a run covers (a deleted project's agency is unknown, so only administrators see such a run). */
function organizationsOf(view: ReportRunView): string[] {
  const known = view.projects.map((p) => p.organizationId);
  return known.length === view.run.params.projectIds.length ? [...new Set(known)] : ['(deleted project)'];
}

export function generatorOf(kind: ReportKind): string {
  return `Hearth ${hearthVersion()}, FY2026 ${kind === 'caper' ? 'ESG CAPER' : kind === 'dq' ? 'HMIS Data Quality' : 'CoC APR'} spec`;
}

