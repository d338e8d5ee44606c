import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as accounts from './migrations/0001_accounts.js';
import * as attemptCounters from './migrations/0002_attempt_counters.js';
import * as secondFactor from './migrations/0003_second_factor.js';
import * as organizationsProjects from './migrations/0004_organizations_projects.js';
import * as clients from './migrations/0005_clients.js';
import * as rolesEnrollments from './migrations/0006_roles_enrollments.js';
import * as searchIndexes from './migrations/0007_search_indexes.js';
import * as projectCocs from './migrations/0008_project_cocs.js';
import * as searchTrigrams from './migrations/0009_search_trigrams.js';
import * as projectSetup from './migrations/0010_project_setup.js';
import * as stageRecords from './migrations/0011_stage_records.js';
import * as occurrenceRecords from './migrations/0012_occurrence_records.js';
import * as exportJobs from './migrations/0013_export_jobs.js';
import * as importSourceIds from './migrations/0014_import_source_ids.js';
import * as enrollmentCocUserIds from './migrations/0015_enrollment_coc_user_ids.js';
import * as disablingConditionGiven from './migrations/0016_disabling_condition_given.js';
import * as reportRuns from './migrations/0022_report_runs.js';
import * as reportRunEnrollments from './migrations/0023_report_run_enrollments.js';
import * as enrollmentsRecordedBy from './migrations/0026_enrollments_recorded_by.js';

/** Migrations are listed here (not read from disk) so they work the same from source, a bundle or the CLI. */
const migrations: Record<string, Migration> = {
  '0001_accounts': accounts,
  '0002_attempt_counters': attemptCounters,
  '0003_second_factor': secondFactor,
  '0004_organizations_projects': organizationsProjects,
  '0005_clients': clients,
  '0006_roles_enrollments': rolesEnrollments,
  '0007_search_indexes': searchIndexes,
  '0008_project_cocs': projectCocs,
  '0009_search_trigrams': searchTrigrams,
  '0010_project_setup': projectSetup,
  '0011_stage_records': stageRecords,
  '0012_occurrence_records': occurrenceRecords,
  '0013_export_jobs': exportJobs,
  '0014_import_source_ids': importSourceIds,
  '0015_enrollment_coc_user_ids': enrollmentCocUserIds,
  '0016_disabling_condition_given': disablingConditionGiven,
  '0022_report_runs': reportRuns,
  '0023_report_run_enrollments': reportRunEnrollments,
  '0026_enrollments_recorded_by': enrollmentsRecordedBy,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** `schema` names where Kysely keeps its own migration tables, when not `public` (tests use one schema each). */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * The migrations this version of Hearth has that the database has not applied: none once it is migrated. An
 * older Hearth started against a newer database sees none either (it does not know the newer ones). The table is
 * found through the search path, as Hearth's other queries find theirs.
 */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const { rows: exists } = await sql<{ found: string | null }>`select to_regclass('kysely_migration')::text as found`.execute(db);
  const applied = exists[0]?.found
    ? new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name))
    : new Set<string>();
  return Object.keys(migrations).filter((name) => !applied.has(name));
}

/**
 * Opening the database has already migrated it; Kysely's own bookkeeping table tells which
 * migrations that run applied (its timestamps are written by this process's clock).
 */
export async function migrationsAppliedSince(db: Kysely<any>, since: Date): Promise<string[]> {
  const { rows } = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name`.execute(db);
  return rows.filter((r) => new Date(r.timestamp).getTime() >= since.getTime()).map((r) => r.name);
}
