import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';
import type { ImportedBookkeeping, ImportedOrganization, ImportedProject } from './hud-csv-import.model.js';

/** A HUD date-time of the site's zone as a timestamp; an empty one is `now`. */
const at = (value: string | null, timeZone: string, now: Date) =>
  value === null ? sql<Date>`${now}::timestamptz` : sql<Date>`(${value}::timestamp at time zone ${timeZone})`;

function bookkeeping(row: ImportedBookkeeping, timeZone: string, now: Date) {
  return {
    date_created: at(row.dateCreated, timeZone, now),
    date_updated: at(row.dateUpdated, timeZone, now),
    user_id: row.userId,
    date_deleted: row.dateDeleted === null ? null : at(row.dateDeleted, timeZone, now),
  };
}

/** The import's writes: rows under the Hearth ids the source ids were given (import_source_ids, migration 0014). */
export const hudCsvImportRepository = {
  async hearthIdOf(db: Db, source: string, hudFile: string, sourceId: string): Promise<string | null> {
    const row = await db
      .selectFrom('import_source_ids')
      .select('hearth_id')
      .where('source', '=', source)
      .where('hud_file', '=', hudFile)
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
    return row?.hearth_id ?? null;
  },

  async rememberHearthId(db: Db, entry: { source: string; hudFile: string; sourceId: string; hearthId: string; now: Date }): Promise<void> {
    await db
      .insertInto('import_source_ids')
      .values({ source: entry.source, hud_file: entry.hudFile, source_id: entry.sourceId, hearth_id: entry.hearthId, date_created: entry.now })
      .onConflict((oc) => oc.columns(['source', 'hud_file', 'source_id']).doNothing())
      .execute();
  },

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
