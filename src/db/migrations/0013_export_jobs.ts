import { sql, type Kysely } from 'kysely';

/**
 * HUD CSV exports asked for on the Exports page: a job each, run in the background by the server (src/exports/).
 * A job is queued, then running (with its progress), then done (its zip kept under the site's data folder until it
 * expires) or failed. The request is kept as asked; who asked is checked again by the access policy when it runs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('export_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[0-9a-f]{32}$'`))
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('project_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('coc_code', 'text')
    .addColumn('period_type', 'integer')
    .addColumn('directive', 'text', (c) => c.notNull().check(sql`directive in ('full', 'delta')`))
    .addColumn('hash', 'boolean', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'done', 'failed', 'expired')`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('current_file', 'text')
    .addColumn('rows_written', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failure', 'text')
    .addColumn('export_id', 'text')
    .addColumn('clients', 'integer')
    .addColumn('enrollments', 'integer')
    .addColumn('file_size', 'bigint')
    .addColumn('expires_at', 'timestamptz')
    .execute();
  await sql`create index export_jobs_status_idx on export_jobs (status, requested_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations are forward-only.');
}
