import { sql, type Selectable } from 'kysely';
import type { EnrollmentScope } from '../access/access-policy.js';
import type { Db, ReportRunsTable } from '../db/schema.js';
import { encodeMembers } from './cell-members.js';
import type { ReportCell, ReportTable } from './report.model.js';
import type { DrillDownClient, ReportableProject, ReportRun } from './report-runs.model.js';

/*
 * The report_runs and report_run_tables tables (migration 0022) and report_run_enrollments (0023). Dates are read
 * back as `YYYY-MM-DD` text.
 */

/** Enrollments numbered per insert statement: a few hundred kilobytes of parameters each. */
const NUMBERED_PER_INSERT = 10_000;

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

type RunRow = Omit<Selectable<ReportRunsTable>, 'period_from' | 'period_to'> & { period_from: string; period_to: string; requested_by_name: string | null };

function selectRuns(db: Db) {
  return db
    .selectFrom('report_runs')
    .leftJoin('users', 'users.id', 'report_runs.requested_by')
    .selectAll('report_runs')
    .select([
      day('report_runs.period_from').as('period_from'),
      day('report_runs.period_to').as('period_to'),
      sql<string | null>`users.first_name || ' ' || users.last_name`.as('requested_by_name'),
    ]);
}

function toRun(r: RunRow): ReportRun {
  return {
    id: r.id,
    params: { kind: r.kind, from: r.period_from, to: r.period_to, projectIds: r.project_ids, cocCode: r.coc_code },
    requestedBy: r.requested_by,
    requestedByName: r.requested_by === null ? 'hearth report (command line)' : (r.requested_by_name ?? ''),
    requestedAt: r.requested_at,
    status: r.status,
    generator: r.generator,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    questionsDone: r.questions_done,
    questionsTotal: r.questions_total,
    currentQuestion: r.current_question,
    failure: r.failure,
  };
}

function selectProjects(db: Db) {
  return db
    .selectFrom('projects')
    .innerJoin('organizations', 'organizations.organization_id', 'projects.organization_id')
    .select(['projects.project_id', 'projects.project_name', 'projects.project_type', 'projects.organization_id', 'organizations.organization_name'])
    .where('projects.date_deleted', 'is', null)
    .orderBy(sql`lower(organizations.organization_name)`)
    .orderBy(sql`lower(projects.project_name)`)
    .orderBy('projects.project_id');
}

const toProject = (r: { project_id: string; project_name: string; project_type: number | null; organization_id: string; organization_name: string }): ReportableProject => ({
  projectId: r.project_id,
  projectName: r.project_name,
  projectType: r.project_type,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
});

export const reportRunsRepository = {
  async insert(db: Db, run: Pick<ReportRun, 'id' | 'requestedBy' | 'requestedAt' | 'params' | 'status'>): Promise<void> {
    const { params } = run;
    await db
      .insertInto('report_runs')
      .values({
        id: run.id,
        kind: params.kind,
        period_from: params.from,
        period_to: params.to,
        project_ids: sql<string[]>`${[...params.projectIds]}::text[]` as unknown as string[],
        coc_code: params.cocCode,
        requested_by: run.requestedBy,
        requested_at: run.requestedAt,
        status: run.status,
        generator: null,
        started_at: null,
        finished_at: null,
        current_question: null,
        failure: null,
      })
      .execute();
  },

  async find(db: Db, id: string): Promise<ReportRun | undefined> {
    const row = await selectRuns(db).where('report_runs.id', '=', id).executeTakeFirst();
    return row && toRun(row as RunRow);
  },

  /** The newest first. */
  async list(db: Db, limit: number): Promise<ReportRun[]> {
    const rows = await selectRuns(db).orderBy('report_runs.requested_at', 'desc').orderBy('report_runs.id').limit(limit).execute();
    return rows.map((r) => toRun(r as RunRow));
  },

  /** Takes the oldest queued run for this worker (no other can take it too). */
  async claimNext(db: Db, now: Date): Promise<ReportRun | undefined> {
    const { rows } = await sql<{ id: string }>`
      update report_runs set status = 'running', started_at = ${now}
      where id = (select id from report_runs where status = 'queued' order by requested_at, id limit 1 for update skip locked)
      returning id`.execute(db);
    return rows[0] ? this.find(db, rows[0].id) : undefined;
  },

  async start(db: Db, id: string, at: Date, generator: string, questionsTotal: number): Promise<void> {
    await db.updateTable('report_runs').set({ status: 'running', started_at: at, generator, questions_total: questionsTotal, questions_done: 0 }).where('id', '=', id).execute();
  },

  async progress(db: Db, id: string, questionsDone: number, currentQuestion: string | null): Promise<void> {
    await db.updateTable('report_runs').set({ questions_done: questionsDone, current_question: currentQuestion }).where('id', '=', id).execute();
  },

  /**
   * The run's tables, then the run marked done, together. The enrollments behind the counts are numbered in id
   * order (report_run_enrollments) and each count keeps its members as encoded ordinals.
   */
  async done(db: Db, id: string, at: Date, tables: readonly ReportTable[]): Promise<void> {
    const members = new Set<string>();
    for (const table of tables) for (const r of table.rows) for (const cell of r.cells) for (const e of cell.enrollmentIds ?? []) members.add(e);
    const numbered = [...members].sort();
    const ordinals = new Map(numbered.map((e, i) => [e, i]));
    for (let start = 0; start < numbered.length; start += NUMBERED_PER_INSERT) {
      const chunk = numbered.slice(start, start + NUMBERED_PER_INSERT);
      const positions = chunk.map((_, i) => start + i);
      await sql`insert into report_run_enrollments (run_id, ordinal, enrollment_id)
        select ${id}, t.ordinal, t.enrollment_id from unnest(${positions}::int[], ${chunk}::text[]) as t(ordinal, enrollment_id)`.execute(db);
    }
    const stored = (cell: ReportCell): ReportCell =>
      cell.enrollmentIds === undefined ? cell : { value: cell.value, members: encodeMembers(cell.enrollmentIds.map((e) => ordinals.get(e)!)) };
    let position = 0;
    for (const table of tables) {
      position += 1;
      const content = { ...table, rows: table.rows.map((r) => ({ label: r.label, cells: r.cells.map(stored) })) };
      await db.insertInto('report_run_tables').values({ run_id: id, position, question: table.question, content: JSON.stringify(content) }).execute();
    }
    await db.updateTable('report_runs').set({ status: 'done', finished_at: at, current_question: null, questions_done: tables.length }).where('id', '=', id).execute();
  },

  async failed(db: Db, id: string, at: Date, failure: string): Promise<void> {
    await db.updateTable('report_runs').set({ status: 'failed', finished_at: at, failure, current_question: null }).where('id', '=', id).execute();
  },

  /** Runs a stopped server left running: they never finish now. */
  async running(db: Db): Promise<string[]> {
    return (await db.selectFrom('report_runs').select('id').where('status', '=', 'running').execute()).map((r) => r.id);
  },

  async tables(db: Db, id: string): Promise<ReportTable[]> {
    const rows = await db.selectFrom('report_run_tables').select('content').where('run_id', '=', id).orderBy('position').execute();
    return rows.map((r) => parseTable(r.content));
  },

  async table(db: Db, id: string, question: string): Promise<ReportTable | undefined> {
    const row = await db.selectFrom('report_run_tables').select('content').where('run_id', '=', id).where('question', '=', question).executeTakeFirst();
    return row && parseTable(row.content);
  },

  /** The enrollment ids a kept run numbered so (ordinals from a cell's members), in ordinal order. */
  async numberedEnrollments(db: Db, id: string, ordinals: readonly number[]): Promise<string[]> {
    if (ordinals.length === 0) return [];
    const { rows } = await sql<{ enrollment_id: string }>`
      select enrollment_id from report_run_enrollments
      where run_id = ${id} and ordinal = any(${[...ordinals]}::int[]) order by ordinal`.execute(db);
    return rows.map((r) => r.enrollment_id);
  },

  /** Projects of the agencies in the scope, by agency then name. */
  async projectsIn(db: Db, scope: EnrollmentScope): Promise<ReportableProject[]> {
    let query = selectProjects(db);
    if (scope.kind === 'organizations') {
      if (scope.organizationIds.length === 0) return [];
      query = query.where('projects.organization_id', 'in', [...scope.organizationIds]);
    }
    return (await query.execute()).map(toProject);
  },

  async projects(db: Db, projectIds: readonly string[]): Promise<ReportableProject[]> {
    if (projectIds.length === 0) return [];
    return (await selectProjects(db).where('projects.project_id', 'in', [...projectIds]).execute()).map(toProject);
  },

  /** The enrollments behind a count, with their client and project, by client name (deleted ones left out). */
  async drillDownClients(db: Db, enrollmentIds: readonly string[]): Promise<DrillDownClient[]> {
    if (enrollmentIds.length === 0) return [];
    const rows = await db
      .selectFrom('enrollments as e')
      .innerJoin('clients as c', 'c.personal_id', 'e.personal_id')
      .innerJoin('projects as p', 'p.project_id', 'e.project_id')
      .leftJoin('exits as x', (join) => join.onRef('x.enrollment_id', '=', 'e.enrollment_id').on('x.date_deleted', 'is', null))
      .select([
        'e.enrollment_id',
        'e.personal_id',
        'e.household_id',
        'c.first_name',
        'c.last_name',
        'p.project_id',
        'p.project_name',
        'p.organization_id',
        day('e.entry_date').as('entry_date'),
        day('x.exit_date').as('exit_date'),
      ])
      .where('e.enrollment_id', 'in', [...enrollmentIds])
      .where('e.date_deleted', 'is', null)
      .orderBy('c.last_name_norm')
      .orderBy('c.first_name_norm')
      .orderBy('e.enrollment_id')
      .execute();
    return rows.map((r) => ({
      enrollmentId: r.enrollment_id,
      personalId: r.personal_id,
      householdId: r.household_id,
      clientName: [r.first_name, r.last_name].filter(Boolean).join(' ') || '(no name)',
      projectId: r.project_id,
      projectName: r.project_name,
      organizationId: r.organization_id,
      entryDate: r.entry_date,
      exitDate: r.exit_date,
    }));
  },
};

/** JSON columns come back parsed from PostgreSQL and PGlite alike; a string is parsed once more for safety. */
function parseTable(content: unknown): ReportTable {
  return (typeof content === 'string' ? JSON.parse(content) : content) as ReportTable;
}
