import { sql, type Kysely } from 'kysely';

/**
 * Who works where, and the stays of clients in projects.
 *
 * - Roles: the single "user" role becomes "case_manager"; "agency_manager" is new. What each role may see is
 *   decided in one place, src/access/access-policy.ts.
 * - user_organizations: the agencies (HUD organizations) a user works for.
 * - enrollments and exits: HUD Enrollment.csv and Exit.csv (FY2026), the columns Hearth collects, snake_case of
 *   the CSV names so an export is a straight mapping. HUD's list rules are repeated as checks.
 * - clients.merged_into: a client merged into another keeps its row (deleted) pointing at the one kept.
 * - client_recent_views: the "my recent clients" list on the home page.
 * - audit_log.client_personal_id: which client an entry is about, so administrators can read one client's
 *   history (and one user's) without scanning the log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop constraint if exists users_role_check`.execute(db);
  await sql`update users set role = 'case_manager' where role = 'user'`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('admin', 'agency_manager', 'case_manager'))`.execute(db);

  await db.schema
    .createTable('user_organizations')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.organization_id'))
    .addColumn('date_created', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_organizations_pk', ['user_id', 'organization_id'])
    .execute();
  await db.schema.createIndex('user_organizations_organization_idx').on('user_organizations').column('organization_id').execute();

  await db.schema
    .alterTable('clients')
    .addColumn('merged_into', 'text', (c) => c.references('clients.personal_id'))
    .execute();
  await sql`alter table clients add constraint clients_merged_is_deleted check (merged_into is null or date_deleted is not null)`.execute(db);

  const living = sql.raw(PRIOR_LIVING_SITUATIONS.join(', '));
  const destinations = sql.raw(DESTINATIONS.join(', '));
  const subsidies = sql.raw(RENTAL_SUBSIDY_TYPES.join(', '));
  await db.schema
    .createTable('enrollments')
    .addColumn('enrollment_id', 'text', (c) => c.primaryKey().check(sql`enrollment_id ~ '^[0-9a-f]{32}$'`))
    .addColumn('personal_id', 'text', (c) => c.notNull().references('clients.personal_id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id'))
    .addColumn('entry_date', 'date', (c) => c.notNull())
    // Generated at each project start, shared by every member of the household, never reused.
    .addColumn('household_id', 'text', (c) => c.notNull().check(sql`household_id ~ '^[0-9a-f]{32}$'`))
    .addColumn('relationship_to_hoh', 'smallint', (c) => c.notNull().check(sql`relationship_to_hoh in (1, 2, 3, 4, 5, 99)`))
    .addColumn('enrollment_coc', 'text', (c) => c.check(sql`enrollment_coc ~ '^[A-Z]{2}-[0-9]{3}$'`))
    .addColumn('living_situation', 'smallint', (c) => c.check(sql`living_situation in (${living})`))
    .addColumn('rental_subsidy_type', 'smallint', (c) => c.check(sql`rental_subsidy_type in (${subsidies})`))
    .addColumn('length_of_stay', 'smallint', (c) => c.check(sql`length_of_stay in (10, 11, 2, 3, 4, 5, 8, 9, 99)`))
    .addColumn('los_under_threshold', 'smallint', (c) => c.check(sql`los_under_threshold in (0, 1, 99)`))
    .addColumn('previous_street_essh', 'smallint', (c) => c.check(sql`previous_street_essh in (0, 1, 99)`))
    .addColumn('date_to_street_essh', 'date')
    .addColumn('times_homeless_past_three_years', 'smallint', (c) => c.check(sql`times_homeless_past_three_years in (1, 2, 3, 4, 8, 9, 99)`))
    .addColumn('months_homeless_past_three_years', 'smallint', (c) =>
      c.check(sql`months_homeless_past_three_years in (101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 8, 9, 99)`),
    )
    .addColumn('disabling_condition', 'smallint', (c) => c.notNull().check(sql`disabling_condition in (0, 1, 8, 9, 99)`))
    .addColumn('move_in_date', 'date')
    .addColumn('date_created', 'timestamptz', (c) => c.notNull())
    .addColumn('date_updated', 'timestamptz', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('date_deleted', 'timestamptz')
    .addCheckConstraint('enrollments_subsidy_only_for_435', sql`rental_subsidy_type is null or living_situation = 435`)
    .addCheckConstraint('enrollments_street_date_not_after_entry', sql`date_to_street_essh is null or date_to_street_essh <= entry_date`)
    .addCheckConstraint('enrollments_move_in_not_before_entry', sql`move_in_date is null or move_in_date >= entry_date`)
    .execute();
  await db.schema.createIndex('enrollments_personal_idx').on('enrollments').column('personal_id').execute();
  await db.schema.createIndex('enrollments_project_idx').on('enrollments').columns(['project_id', 'entry_date']).execute();
  await db.schema.createIndex('enrollments_household_idx').on('enrollments').column('household_id').execute();
  // Exactly one head of household per stay: at most one here, at least one checked by the enrollments service.
  await sql`create unique index enrollments_one_head_idx on enrollments (household_id)
            where relationship_to_hoh = 1 and date_deleted is null`.execute(db);

  await db.schema
    .createTable('exits')
    .addColumn('exit_id', 'text', (c) => c.primaryKey().check(sql`exit_id ~ '^[0-9a-f]{32}$'`))
    .addColumn('enrollment_id', 'text', (c) => c.notNull().references('enrollments.enrollment_id'))
    .addColumn('personal_id', 'text', (c) => c.notNull().references('clients.personal_id'))
    .addColumn('exit_date', 'date', (c) => c.notNull())
    .addColumn('destination', 'smallint', (c) => c.notNull().check(sql`destination in (${destinations})`))
    .addColumn('destination_subsidy_type', 'smallint', (c) => c.check(sql`destination_subsidy_type in (${subsidies})`))
    .addColumn('other_destination', 'text', (c) => c.check(sql`length(other_destination) between 1 and 50`))
    .addColumn('date_created', 'timestamptz', (c) => c.notNull())
    .addColumn('date_updated', 'timestamptz', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('date_deleted', 'timestamptz')
    .addCheckConstraint('exits_subsidy_only_for_435', sql`(destination = 435) = (destination_subsidy_type is not null)`)
    .addCheckConstraint('exits_other_only_for_17', sql`other_destination is null or destination = 17`)
    .execute();
  // At most one exit per enrollment (HUD); a deleted exit makes room for a corrected one.
  await sql`create unique index exits_one_per_enrollment_idx on exits (enrollment_id) where date_deleted is null`.execute(db);
  await db.schema.createIndex('exits_personal_idx').on('exits').column('personal_id').execute();

  await db.schema
    .createTable('client_recent_views')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('personal_id', 'text', (c) => c.notNull().references('clients.personal_id').onDelete('cascade'))
    .addColumn('viewed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('client_recent_views_pk', ['user_id', 'personal_id'])
    .execute();
  await db.schema.alterTable('audit_log').addColumn('client_personal_id', 'text').execute();
  await db.schema.createIndex('audit_log_client_idx').on('audit_log').columns(['client_personal_id', 'id']).execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_user_id', 'id']).execute();

  await db.schema.createIndex('client_recent_views_user_idx').on('client_recent_views').columns(['user_id', 'viewed_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations are forward-only.');
}

// 3.12.1 values allowed as 3.917 prior living situation (HUD excludes 312, 313, 327, 422, 423, 426, 30, 17, 24, 37).
const PRIOR_LIVING_SITUATIONS = [116, 101, 118, 215, 206, 207, 225, 204, 205, 302, 329, 314, 332, 336, 335, 410, 435, 421, 411, 8, 9, 99];
// 3.12.1 values allowed as 3.12 destination (HUD excludes 336, 335, 37).
const DESTINATIONS = [
  116, 101, 118, 215, 206, 207, 225, 204, 205, 302, 329, 314, 332, 312, 313, 327, 422, 423, 426, 410, 435, 421, 411, 30, 17, 24, 8, 9, 99,
];
// 3.12.A
const RENTAL_SUBSIDY_TYPES = [428, 419, 431, 433, 434, 420, 436, 437, 438, 439, 440];
