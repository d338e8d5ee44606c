import { sql, type Selectable } from 'kysely';
import type { Db, ExportJobsTable } from '../db/schema.js';
import type { ExportJob } from './exports.model.js';

/* The export_jobs table (migration 0013). Dates of the period are read back as `YYYY-MM-DD` text. */

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

type JobRow = Omit<Selectable<ExportJobsTable>, 'period_from' | 'period_to'> & { period_from: string; period_to: string; requested_by_name: string | null };

function selectJobs(db: Db) {
  return db
    .selectFrom('export_jobs')
    .leftJoin('users', 'users.id', 'export_jobs.requested_by')
    .selectAll('export_jobs')
    .select([
      day('export_jobs.period_from').as('period_from'),
      day('export_jobs.period_to').as('period_to'),
      sql<string | null>`users.first_name || ' ' || users.last_name`.as('requested_by_name'),
    ]);
}

function toJob(r: JobRow): ExportJob {
  return {
    id: r.id,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name ?? '',
    requestedAt: r.requested_at,
    request: {
      from: r.period_from,
      to: r.period_to,
      projectIds: r.project_ids,
      cocCode: r.coc_code,
      periodType: r.period_type as 1 | 3 | 4 | null,
      directive: r.directive,
      hash: r.hash,
    },
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    currentFile: r.current_file,
    rowsWritten: r.rows_written,
    failure: r.failure,
    exportId: r.export_id,
    clients: r.clients,
    enrollments: r.enrollments,
    fileSize: r.file_size === null ? null : Number(r.file_size),
    expiresAt: r.expires_at,
  };
}

export const exportJobsRepository = {
  async insert(db: Db, job: Pick<ExportJob, 'id' | 'requestedBy' | 'requestedAt' | 'request'>): Promise<void> {
    const { request } = job;
    await db
      .insertInto('export_jobs')
      .values({
        id: job.id,
        requested_by: job.requestedBy,
        requested_at: job.requestedAt,
        period_from: request.from,
        period_to: request.to,
        project_ids: sql<string[]>`${[...request.projectIds]}::text[]` as unknown as string[],
        coc_code: request.cocCode,
        period_type: request.periodType,
        directive: request.directive,
        hash: request.hash,
        status: 'queued',
        started_at: null,
        finished_at: null,
        current_file: null,
        failure: null,
        export_id: null,
        clients: null,
        enrollments: null,
        file_size: null,
        expires_at: null,
      })
      .execute();
  },

  async find(db: Db, id: string): Promise<ExportJob | undefined> {
    const row = await selectJobs(db).where('export_jobs.id', '=', id).executeTakeFirst();
    return row && toJob(row as JobRow);
  },

  /** The newest first; only this user's when `requestedBy` is given. */
  async list(db: Db, requestedBy: number | null, limit: number): Promise<ExportJob[]> {
    let query = selectJobs(db).orderBy('export_jobs.requested_at', 'desc').orderBy('export_jobs.id').limit(limit);
    if (requestedBy !== null) query = query.where('export_jobs.requested_by', '=', requestedBy);
    return (await query.execute()).map((r) => toJob(r as JobRow));
  },

  /** Takes the oldest queued job for this worker (no other can take it too). */
  async claimNext(db: Db, now: Date): Promise<ExportJob | undefined> {
    const { rows } = await sql<{ id: string }>`
      update export_jobs set status = 'running', started_at = ${now}
      where id = (select id from export_jobs where status = 'queued' order by requested_at, id limit 1 for update skip locked)
      returning id`.execute(db);
    return rows[0] ? this.find(db, rows[0].id) : undefined;
  },

  async progress(db: Db, id: string, currentFile: string, rowsWritten: number): Promise<void> {
    await db.updateTable('export_jobs').set({ current_file: currentFile, rows_written: rowsWritten }).where('id', '=', id).execute();
  },

  async done(db: Db, id: string, result: { at: Date; exportId: string; clients: number; enrollments: number; rowsWritten: number; fileSize: number; expiresAt: Date }): Promise<void> {
    await db
      .updateTable('export_jobs')
      .set({
        status: 'done',
        finished_at: result.at,
        export_id: result.exportId,
        clients: result.clients,
        enrollments: result.enrollments,
        rows_written: result.rowsWritten,
        file_size: result.fileSize,
        expires_at: result.expiresAt,
        current_file: null,
      })
      .where('id', '=', id)
      .execute();
  },

  async failed(db: Db, id: string, at: Date, failure: string): Promise<void> {
    await db.updateTable('export_jobs').set({ status: 'failed', finished_at: at, failure, current_file: null }).where('id', '=', id).execute();
  },

  /** Jobs a stopped server left running: they never finish now. */
  async running(db: Db): Promise<string[]> {
    return (await db.selectFrom('export_jobs').select('id').where('status', '=', 'running').execute()).map((r) => r.id);
  },

  async expiredBy(db: Db, now: Date): Promise<ExportJob[]> {
    const rows = await selectJobs(db).where('export_jobs.status', '=', 'done').where('export_jobs.expires_at', '<=', now).execute();
    return rows.map((r) => toJob(r as JobRow));
  },

  async markExpired(db: Db, id: string): Promise<void> {
    await db.updateTable('export_jobs').set({ status: 'expired' }).where('id', '=', id).execute();
  },
};
