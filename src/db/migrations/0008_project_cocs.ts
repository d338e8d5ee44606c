import { sql, type Kysely } from 'kysely';

/**
 * 2.03 Continuum of Care information: the CoCs a project operates in, column for column HUD's ProjectCoC.csv
 * (FY2026, snake_case of the CSV names; ExportID is written by the export, not stored). Their codes are the
 * option list of 3.16 EnrollmentCoC, and an Inventory row names one of them. HUD's formats are repeated here as
 * checks, so no other path can store what an export would reject.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('project_cocs')
    .addColumn('project_coc_id', 'text', (c) => c.primaryKey().check(sql`length(project_coc_id) between 1 and 32`))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id'))
    // Upper case, as enrollments.enrollment_coc: one spelling, so the two always match.
    .addColumn('coc_code', 'text', (c) => c.notNull().check(sql`coc_code ~ '^[A-Z]{2}-[0-9]{3}$'`))
    .addColumn('geocode', 'text', (c) => c.notNull().check(sql`geocode ~ '^[0-9]{6}$'`))
    .addColumn('address1', 'text', (c) => c.check(sql`length(address1) between 1 and 100`))
    .addColumn('address2', 'text', (c) => c.check(sql`length(address2) between 1 and 100`))
    .addColumn('city', 'text', (c) => c.check(sql`length(city) between 1 and 50`))
    .addColumn('state', 'text', (c) => c.check(sql`state ~ '^[A-Z]{2}$'`))
    .addColumn('zip', 'text', (c) => c.check(sql`zip ~ '^[0-9]{5}$'`))
    .addColumn('geography_type', 'integer', (c) => c.check(sql`geography_type in (1, 2, 3, 99)`))
    .addColumn('date_created', 'timestamptz', (c) => c.notNull())
    .addColumn('date_updated', 'timestamptz', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('date_deleted', 'timestamptz')
    .execute();
  // One record per CoC and project: (ProjectID, CoCCode) is what Enrollment and Inventory rows point at.
  await sql`create unique index project_cocs_one_per_code_idx on project_cocs (project_id, coc_code) where date_deleted is null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations are forward-only.');
}
