import { sql } from 'kysely';
import { upsertMany } from '../../db/bulk-insert.js';
import { hudBookkeepingColumns as bookkeeping, type HudBookkeepingValues } from '../../db/hud-timestamps.js';
import type { Database, Db } from '../../db/schema.js';
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
      const { rows } = await sql<{ source_id: string; hearth_id: string }>`select source_id, hearth_id from import_source_ids
        where source = ${source} and hud_file = ${hudFile} and source_id = any(${sourceIds.slice(start, start + ID_BATCH)}::text[])`.execute(db);
      for (const row of rows) found.set(row.source_id, row.hearth_id);
    }
    return found;
  },

  /**
   * The Hearth id of each source id, in one statement per batch: the id it was given before, or else the one
   * proposed here, which is then remembered (source id → Hearth id, for all of them).
   */
  async giveHearthIds(db: Db, entry: { source: string; hudFile: string; proposed: readonly (readonly [string, string])[]; now: Date }): Promise<Map<string, string>> {
    const given = new Map<string, string>();
    for (let start = 0; start < entry.proposed.length; start += ID_BATCH) {
      const batch = entry.proposed.slice(start, start + ID_BATCH);
      // `do update` with the value it has, so that the rows already there are returned too.
      const { rows } = await sql<{ source_id: string; hearth_id: string }>`insert into import_source_ids (source, hud_file, source_id, hearth_id, date_created)
        select ${entry.source}, ${entry.hudFile}, s, h, ${entry.now}::timestamptz
        from unnest(${batch.map(([sourceId]) => sourceId)}::text[], ${batch.map(([, hearthId]) => hearthId)}::text[]) as p(s, h)
        on conflict (source, hud_file, source_id) do update set hearth_id = import_source_ids.hearth_id
        returning source_id, hearth_id`.execute(db);
      for (const row of rows) given.set(row.source_id, row.hearth_id);
    }
    return given;
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
    const values = rows.map(({ dateCreated, dateUpdated, userId, dateDeleted, ...columns }) => ({
      columns: { ...columns, user_id: userId },
      bookkeeping: { dateCreated, dateUpdated, dateDeleted },
    }));
    await upsertMany(db, target as { table: keyof Database & string; key: string }, values, { timeZone, now });
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
