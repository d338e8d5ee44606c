import type { Kysely } from 'kysely';

/**
 * A kept run's drill-down, stored compactly: the enrollments behind its counts are numbered once per run
 * (ordinal → enrollment id, in enrollment id order), and each count cell of report_run_tables keeps its members
 * as encoded ordinals (src/reports/cell-members.ts) instead of a list of ids. A 20,000-client APR's run took about
 * 75 MB as JSON lists of ids; numbered, 3.9 MB (bench:reports, bench/README.md). Runs kept by 0022 with lists of ids are still read as they are.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_run_enrollments')
    .addColumn('run_id', 'text', (c) => c.notNull().references('report_runs.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('enrollment_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_run_enrollments_pk', ['run_id', 'ordinal'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations are forward-only.');
}
