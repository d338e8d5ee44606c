import { sql, type Kysely } from 'kysely';

/**
 * HUD reports (APR, CAPER, Data Quality) asked for on the Reports page or by `hearth report`: a run each, computed
 * in the background by the server (src/reports/). A run is queued, then running (with the question it is on), then
 * done or failed. Its parameters, who asked (null: the command line's operator), when, and the generator that
 * computed it are kept with it; its tables are kept one row each, as JSON with the enrollments behind every count
 * (the drill-down), so a past run can be shown and downloaded again exactly as it was computed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_runs')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[0-9a-f]{32}$'`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('apr', 'caper', 'dq')`))
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('project_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('coc_code', 'text')
    .addColumn('requested_by', 'integer', (c) => c.references('users.id'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'done', 'failed')`))
    .addColumn('generator', 'text')
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('questions_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('questions_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('current_question', 'text')
    .addColumn('failure', 'text')
    .execute();
  await sql`create index report_runs_status_idx on report_runs (status, requested_at)`.execute(db);
  await db.schema
    .createTable('report_run_tables')
    .addColumn('run_id', 'text', (c) => c.notNull().references('report_runs.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_run_tables_pk', ['run_id', 'question'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations are forward-only.');
}
