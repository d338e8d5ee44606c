import { sql, type Kysely } from 'kysely';
import { hudBookkeepingColumns as bookkeeping, hudBookkeepingColumns, type HudBookkeepingValues } from '../../db/hud-timestamps.js';
import type { Db } from '../../db/schema.js';
import type { ImportedOrganization, ImportedProject } from './hud-csv-import.model.js';

/** The import's writes: rows under the Hearth ids the source ids were given (import_source_ids, migration 0014). */
export const hudCsvImportRepository = {
  async upsertOrganization(db: Db, o: ImportedOrganization, timeZone: string, now: Date): Promise<void> {
    const values = {
      organization_name: o.organizationName,
      victim_service_provider: o.victimServiceProvider,
      organization_common_name: o.organizationCommonName,
      ...bookkeeping(o, timeZone, now),
    };
    await db
      .insertInto('organizations')
      .values({ organization_id: o.organizationId, ...values })
      .onConflict((oc) => oc.column('organization_id').doUpdateSet(values))
      .execute();
  },

  async upsertProject(db: Db, p: ImportedProject, timeZone: string, now: Date): Promise<void> {
    const values = {
      organization_id: p.organizationId,
      project_name: p.projectName,
      project_common_name: p.projectCommonName,
      operating_start_date: p.operatingStartDate,
      operating_end_date: p.operatingEndDate,
      continuum_project: p.continuumProject,
      project_type: p.projectType,
      housing_type: p.housingType,
      rrh_sub_type: p.rrhSubType,
      residential_affiliation: p.residentialAffiliation,
      target_population: p.targetPopulation,
      hopwa_med_assisted_living_fac: p.hopwaMedAssistedLivingFac,
      pit_count: p.pitCount,
      ...bookkeeping(p, timeZone, now),
    };
    await db
      .insertInto('projects')
      .values({ project_id: p.projectId, ...values })
      .onConflict((oc) => oc.column('project_id').doUpdateSet(values))
      .execute();
  },
};

/** Source ids looked up per statement. */
const ID_BATCH = 5_000;

/** The import's bulk writes: id mappings by the thousand, and any HUD file's rows through its mapping table. */
export const hudCsvImportBulkRepository = {
  /** The Hearth ids already given to these source ids (source id → Hearth id). */
  async hearthIdsOf(db: Db, source: string, hudFile: string, sourceIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let start = 0; start < sourceIds.length; start += ID_BATCH) {
      const rows = await db
        .selectFrom('import_source_ids')
        .select(['source_id', 'hearth_id'])
        .where('source', '=', source)
        .where('hud_file', '=', hudFile)
        .where('source_id', 'in', sourceIds.slice(start, start + ID_BATCH))
        .execute();
      for (const row of rows) found.set(row.source_id, row.hearth_id);
    }
    return found;
  },

  async rememberHearthIds(db: Db, entry: { source: string; hudFile: string; ids: readonly (readonly [string, string])[]; now: Date }): Promise<void> {
    for (let start = 0; start < entry.ids.length; start += ID_BATCH) {
      await db
        .insertInto('import_source_ids')
        .values(entry.ids.slice(start, start + ID_BATCH).map(([sourceId, hearthId]) => ({
          source: entry.source,
          hud_file: entry.hudFile,
          source_id: sourceId,
          hearth_id: hearthId,
          date_created: entry.now,
        })))
        .onConflict((oc) => oc.columns(['source', 'hud_file', 'source_id']).doNothing())
        .execute();
    }
  },

  /**
   * Rows of one HUD file into its table (hud-csv-export-sources.ts names it), by the table's column names: new keys
   * inserted, known ones updated in every column. Bookkeeping date-times are HUD's, in the site's time zone.
   */
  async upsertRows(
    db: Db,
    target: { table: string; key: string },
    rows: readonly (Record<string, unknown> & HudBookkeepingValues)[],
    timeZone: string,
    now: Date,
  ): Promise<void> {
    if (rows.length === 0) return;
    const values = rows.map(({ dateCreated, dateUpdated, userId, dateDeleted, ...columns }) => ({
      ...columns,
      ...hudBookkeepingColumns({ dateCreated, dateUpdated, userId, dateDeleted }, timeZone, now),
    }));
    const updated = Object.keys(values[0]!).filter((c) => c !== target.key);
    await (db as Kysely<any>)
      .insertInto(target.table)
      .values(values)
      .onConflict((oc) => oc.column(target.key).doUpdateSet((eb) => Object.fromEntries(updated.map((c) => [c, eb.ref(`excluded.${c}`)]))))
      .execute();
  },

  /**
   * A savepoint inside the import's transaction: a row the database refuses (one of Hearth's rules HUD does not
   * have) is rolled back alone and reported, and the rest of the import goes on.
   */
  async savepoint(db: Db, name: string): Promise<void> {
    await sql`savepoint ${sql.id(name)}`.execute(db);
  },

  async rollbackToSavepoint(db: Db, name: string): Promise<void> {
    await sql`rollback to savepoint ${sql.id(name)}`.execute(db);
  },

  async releaseSavepoint(db: Db, name: string): Promise<void> {
    await sql`release savepoint ${sql.id(name)}`.execute(db);
  },
};
