import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * The rest of a project's HUD set-up, each table column for column one FY2026 CSV file (snake_case of the CSV
 * names, in HUD's order; ExportID is written by the export, not stored), so the export is a straight mapping:
 *
 * - funders: Funder.csv (2.06 funding sources);
 * - inventories: Inventory.csv (2.07 bed and unit inventory);
 * - affiliations: Affiliation.csv (2.02.B/C, the residential projects a services-only project is affiliated with);
 * - hmis_participations: HMISParticipation.csv (2.08);
 * - ce_participations: CEParticipation.csv (2.09).
 *
 * HUD's list and format rules are repeated here as checks. Rules that span rows (periods that must not overlap,
 * inventory within the operating period, a CoC code the project has) belong to the project set-up service.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const funders = sql.raw(FUNDERS.join(', '));
  await db.schema
    .createTable('funders')
    .addColumn('funder_id', 'text', (c) => c.primaryKey().check(sql`length(funder_id) between 1 and 32`))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id'))
    .addColumn('funder', 'integer', (c) => c.notNull().check(sql`funder in (${funders})`))
    .addColumn('other_funder', 'text', (c) => c.check(sql`length(other_funder) between 1 and 100`))
    .addColumn('grant_id', 'text', (c) => c.notNull().check(sql`length(grant_id) between 1 and 100`))
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date')
    .$call(bookkeeping)
    .addCheckConstraint('funders_other_funder_iff_46', sql`(funder = 46) = (other_funder is not null)`)
    .addCheckConstraint('funders_dates', sql`end_date is null or end_date >= start_date`)
    .execute();
  await db.schema.createIndex('funders_project_idx').on('funders').column('project_id').execute();

  await db.schema
    .createTable('inventories')
    .addColumn('inventory_id', 'text', (c) => c.primaryKey().check(sql`length(inventory_id) between 1 and 32`))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id'))
    .addColumn('coc_code', 'text', (c) => c.notNull().check(sql`coc_code ~ '^[A-Z]{2}-[0-9]{3}$'`))
    .addColumn('household_type', 'integer', (c) => c.notNull().check(sql`household_type in (1, 3, 4)`))
    .addColumn('availability', 'integer', (c) => c.check(sql`availability in (1, 2, 3)`))
    .addColumn('unit_inventory', 'integer', (c) => c.notNull().check(sql`unit_inventory >= 0`))
    .addColumn('bed_inventory', 'integer', (c) => c.notNull().check(sql`bed_inventory >= 0`))
    .addColumn('ch_vet_bed_inventory', 'integer', (c) => c.check(sql`ch_vet_bed_inventory >= 0`))
    .addColumn('youth_vet_bed_inventory', 'integer', (c) => c.check(sql`youth_vet_bed_inventory >= 0`))
    .addColumn('vet_bed_inventory', 'integer', (c) => c.check(sql`vet_bed_inventory >= 0`))
    .addColumn('ch_youth_bed_inventory', 'integer', (c) => c.check(sql`ch_youth_bed_inventory >= 0`))
    .addColumn('youth_bed_inventory', 'integer', (c) => c.check(sql`youth_bed_inventory >= 0`))
    .addColumn('ch_bed_inventory', 'integer', (c) => c.check(sql`ch_bed_inventory >= 0`))
    .addColumn('other_bed_inventory', 'integer', (c) => c.check(sql`other_bed_inventory >= 0`))
    .addColumn('es_bed_type', 'integer', (c) => c.check(sql`es_bed_type in (1, 2, 3)`))
    .addColumn('inventory_start_date', 'date', (c) => c.notNull())
    .addColumn('inventory_end_date', 'date')
    .$call(bookkeeping)
    // HUD: the bed categories are mutually exclusive and sum to the total bed inventory.
    .addCheckConstraint(
      'inventories_beds_sum',
      sql`bed_inventory = coalesce(ch_vet_bed_inventory, 0) + coalesce(youth_vet_bed_inventory, 0) + coalesce(vet_bed_inventory, 0)
        + coalesce(ch_youth_bed_inventory, 0) + coalesce(youth_bed_inventory, 0) + coalesce(ch_bed_inventory, 0) + coalesce(other_bed_inventory, 0)`,
    )
    .addCheckConstraint('inventories_dates', sql`inventory_end_date is null or inventory_end_date >= inventory_start_date`)
    .execute();
  await db.schema.createIndex('inventories_project_idx').on('inventories').columns(['project_id', 'coc_code']).execute();

  await db.schema
    .createTable('affiliations')
    .addColumn('affiliation_id', 'text', (c) => c.primaryKey().check(sql`length(affiliation_id) between 1 and 32`))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id'))
    .addColumn('res_project_id', 'text', (c) => c.notNull().references('projects.project_id'))
    .$call(bookkeeping)
    .addCheckConstraint('affiliations_not_itself', sql`project_id <> res_project_id`)
    .execute();
  await sql`create unique index affiliations_once_idx on affiliations (project_id, res_project_id) where date_deleted is null`.execute(db);
  await db.schema.createIndex('affiliations_res_project_idx').on('affiliations').column('res_project_id').execute();

  await db.schema
    .createTable('hmis_participations')
    .addColumn('hmis_participation_id', 'text', (c) => c.primaryKey().check(sql`length(hmis_participation_id) between 1 and 32`))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id'))
    .addColumn('hmis_participation_type', 'integer', (c) => c.notNull().check(sql`hmis_participation_type in (0, 1, 2)`))
    .addColumn('hmis_participation_status_start_date', 'date', (c) => c.notNull())
    .addColumn('hmis_participation_status_end_date', 'date')
    .$call(bookkeeping)
    .addCheckConstraint(
      'hmis_participations_dates',
      sql`hmis_participation_status_end_date is null or hmis_participation_status_end_date >= hmis_participation_status_start_date`,
    )
    .execute();
  await db.schema.createIndex('hmis_participations_project_idx').on('hmis_participations').column('project_id').execute();

  await db.schema
    .createTable('ce_participations')
    .addColumn('ce_participation_id', 'text', (c) => c.primaryKey().check(sql`length(ce_participation_id) between 1 and 32`))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id'))
    .addColumn('access_point', 'integer', (c) => c.notNull().check(sql`access_point in (0, 1)`))
    .addColumn('prevention_assessment', 'integer', (c) => c.check(sql`prevention_assessment in (0, 1)`))
    .addColumn('crisis_assessment', 'integer', (c) => c.check(sql`crisis_assessment in (0, 1)`))
    .addColumn('housing_assessment', 'integer', (c) => c.check(sql`housing_assessment in (0, 1)`))
    .addColumn('direct_services', 'integer', (c) => c.check(sql`direct_services in (0, 1)`))
    .addColumn('receives_referrals', 'integer', (c) => c.notNull().check(sql`receives_referrals in (0, 1)`))
    .addColumn('ce_participation_status_start_date', 'date', (c) => c.notNull())
    .addColumn('ce_participation_status_end_date', 'date')
    .$call(bookkeeping)
    // HUD: the four "provided by CE" answers are non-null when AccessPoint = 1 (0 when not selected).
    .addCheckConstraint(
      'ce_participations_access_point_answers',
      sql`access_point = 0 or (prevention_assessment is not null and crisis_assessment is not null
        and housing_assessment is not null and direct_services is not null)`,
    )
    .addCheckConstraint(
      'ce_participations_dates',
      sql`ce_participation_status_end_date is null or ce_participation_status_end_date >= ce_participation_status_start_date`,
    )
    .execute();
  await db.schema.createIndex('ce_participations_project_idx').on('ce_participations').column('project_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations are forward-only.');
}

/** HUD's bookkeeping columns, last in every file: who changed the row when, and its delete instruction. */
function bookkeeping(table: CreateTableBuilder<string, any>): CreateTableBuilder<string, any> {
  return table
    .addColumn('date_created', 'timestamptz', (c) => c.notNull())
    .addColumn('date_updated', 'timestamptz', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('date_deleted', 'timestamptz');
}

// 2.06.1: FY2026's codes, and the retired 12, 32, 47, 48 and 49, which imported records may still carry.
const FUNDERS = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 30, 32, 33, 34, 35, 36, 37, 38, 39, 40,
  41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56,
];
