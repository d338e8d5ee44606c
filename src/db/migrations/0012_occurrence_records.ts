import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * The program-specific data elements recorded when they happen (not at a collection stage), each table column
 * for column one FY2026 CSV file (snake_case of the CSV names, in HUD's order; ExportID is written by the export):
 *
 * - services: Services.csv. Hearth records 4.14 bed nights there (RecordType 200, TypeProvided 200,
 *   DateProvided = the night): at most one live bed night per enrollment and night (a unique index).
 * - current_living_situations: CurrentLivingSituation.csv (4.12), one row per contact.
 * - assessments, assessment_questions, assessment_results: Assessment.csv and its two children (4.19).
 * - events: Event.csv (4.20).
 * - enrollments.date_of_engagement: Enrollment.csv DateOfEngagement (4.13), at most one per enrollment.
 *
 * HUD's list and dependency rules are repeated here as checks; rules that need the enrollment (dates within the
 * stay, who is asked) belong to the services.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('enrollments').addColumn('date_of_engagement', 'date').execute();
  await sql`alter table enrollments add constraint enrollments_engagement_not_before_entry
            check (date_of_engagement is null or date_of_engagement >= entry_date)`.execute(db);

  await db.schema
    .createTable('services')
    .addColumn('services_id', 'text', (c) => c.primaryKey().check(sql`length(services_id) between 1 and 32`))
    .$call(enrollmentColumns)
    .addColumn('date_provided', 'date', (c) => c.notNull())
    .addColumn('record_type', 'integer', (c) => c.notNull().check(sql`record_type in (141, 142, 143, 144, 151, 152, 161, 200, 210, 300)`))
    .addColumn('type_provided', 'integer', (c) => c.notNull())
    .addColumn('other_type_provided', 'text', (c) => c.check(sql`length(other_type_provided) between 1 and 50`))
    .addColumn('moving_on_other_type', 'text', (c) => c.check(sql`length(moving_on_other_type) between 1 and 50`))
    .addColumn('sub_type_provided', 'integer')
    .addColumn('fa_amount', 'numeric(12, 2)')
    .addColumn('fa_start_date', 'date')
    .addColumn('fa_end_date', 'date')
    .addColumn('referral_outcome', 'integer')
    .$call(bookkeeping)
    .addCheckConstraint('services_bed_night_type', sql`record_type <> 200 or type_provided = 200`)
    .execute();
  await db.schema.createIndex('services_enrollment_idx').on('services').columns(['enrollment_id', 'date_provided']).execute();
  await sql`create unique index services_one_bed_night_idx on services (enrollment_id, date_provided)
            where record_type = 200 and date_deleted is null`.execute(db);
  // The check-in screen asks "who slept here last night" of one project and night.
  await db.schema.createIndex('services_night_idx').on('services').columns(['date_provided', 'record_type']).execute();

  const situations = sql.raw(CURRENT_LIVING_SITUATIONS.join(', '));
  const subsidies = sql.raw(RENTAL_SUBSIDY_TYPES.join(', '));
  const leaveSituations = sql.raw(LEAVE_14_DAYS_SITUATIONS.join(', '));
  await db.schema
    .createTable('current_living_situations')
    .addColumn('current_living_sit_id', 'text', (c) => c.primaryKey().check(sql`length(current_living_sit_id) between 1 and 32`))
    .$call(enrollmentColumns)
    .addColumn('information_date', 'date', (c) => c.notNull())
    .addColumn('current_living_situation', 'integer', (c) => c.notNull().check(sql`current_living_situation in (${situations})`))
    .addColumn('cls_subsidy_type', 'integer', (c) => c.check(sql`cls_subsidy_type in (${subsidies})`))
    .addColumn('verified_by', 'text', (c) => c.check(sql`length(verified_by) between 1 and 200`))
    .addColumn('leave_situation_14_days', 'integer', (c) => c.check(sql`leave_situation_14_days in (0, 1, 8, 9, 99)`))
    .addColumn('subsequent_residence', 'integer', (c) => c.check(sql`subsequent_residence in (0, 1, 8, 9, 99)`))
    .addColumn('resources_to_obtain', 'integer', (c) => c.check(sql`resources_to_obtain in (0, 1, 8, 9, 99)`))
    .addColumn('lease_own_60_day', 'integer', (c) => c.check(sql`lease_own_60_day in (0, 1, 8, 9, 99)`))
    .addColumn('moved_two_or_more', 'integer', (c) => c.check(sql`moved_two_or_more in (0, 1, 8, 9, 99)`))
    .addColumn('location_details', 'text', (c) => c.check(sql`length(location_details) between 1 and 250`))
    .$call(bookkeeping)
    .addCheckConstraint('cls_subsidy_only_for_435', sql`cls_subsidy_type is null or current_living_situation = 435`)
    .addCheckConstraint('cls_leave_only_when_asked', sql`leave_situation_14_days is null or current_living_situation in (${leaveSituations})`)
    .addCheckConstraint(
      'cls_14_day_block_only_when_leaving',
      sql`leave_situation_14_days = 1 or (subsequent_residence is null and resources_to_obtain is null
        and lease_own_60_day is null and moved_two_or_more is null)`,
    )
    .execute();
  await db.schema.createIndex('current_living_situations_enrollment_idx').on('current_living_situations').columns(['enrollment_id', 'information_date']).execute();

  await db.schema
    .createTable('assessments')
    .addColumn('assessment_id', 'text', (c) => c.primaryKey().check(sql`length(assessment_id) between 1 and 32`))
    .$call(enrollmentColumns)
    .addColumn('assessment_date', 'date', (c) => c.notNull())
    .addColumn('assessment_location', 'text', (c) => c.notNull().check(sql`length(assessment_location) between 1 and 250`))
    .addColumn('assessment_type', 'integer', (c) => c.notNull().check(sql`assessment_type in (1, 2, 3)`))
    .addColumn('assessment_level', 'integer', (c) => c.notNull().check(sql`assessment_level in (1, 2)`))
    .addColumn('prioritization_status', 'integer', (c) => c.notNull().check(sql`prioritization_status in (1, 2)`))
    .$call(bookkeeping)
    .execute();
  await db.schema.createIndex('assessments_enrollment_idx').on('assessments').columns(['enrollment_id', 'assessment_date']).execute();

  await db.schema
    .createTable('assessment_questions')
    .addColumn('assessment_question_id', 'text', (c) => c.primaryKey().check(sql`length(assessment_question_id) between 1 and 32`))
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.assessment_id'))
    .$call(enrollmentColumns)
    .addColumn('assessment_question_group', 'text', (c) => c.check(sql`length(assessment_question_group) between 1 and 250`))
    .addColumn('assessment_question_order', 'integer')
    .addColumn('assessment_question', 'text', (c) => c.notNull().check(sql`length(assessment_question) between 1 and 250`))
    .addColumn('assessment_answer', 'text', (c) => c.check(sql`length(assessment_answer) between 1 and 500`))
    .$call(bookkeeping)
    .execute();
  await db.schema.createIndex('assessment_questions_assessment_idx').on('assessment_questions').column('assessment_id').execute();

  await db.schema
    .createTable('assessment_results')
    .addColumn('assessment_result_id', 'text', (c) => c.primaryKey().check(sql`length(assessment_result_id) between 1 and 32`))
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.assessment_id'))
    .$call(enrollmentColumns)
    .addColumn('assessment_result_type', 'text', (c) => c.notNull().check(sql`length(assessment_result_type) between 1 and 250`))
    .addColumn('assessment_result', 'text', (c) => c.check(sql`length(assessment_result) between 1 and 250`))
    .$call(bookkeeping)
    .execute();
  await db.schema.createIndex('assessment_results_assessment_idx').on('assessment_results').column('assessment_id').execute();

  await db.schema
    .createTable('events')
    .addColumn('event_id', 'text', (c) => c.primaryKey().check(sql`length(event_id) between 1 and 32`))
    .$call(enrollmentColumns)
    .addColumn('event_date', 'date', (c) => c.notNull())
    .addColumn('event', 'integer', (c) => c.notNull().check(sql`event between 1 and 18`))
    .addColumn('prob_sol_div_rr_result', 'integer', (c) => c.check(sql`prob_sol_div_rr_result in (0, 1, 99)`))
    .addColumn('referral_case_manage_after', 'integer', (c) => c.check(sql`referral_case_manage_after in (0, 1, 99)`))
    .addColumn('location_crisis_or_ph_housing', 'text', (c) => c.check(sql`length(location_crisis_or_ph_housing) between 1 and 250`))
    .addColumn('referral_result', 'integer', (c) => c.check(sql`referral_result in (1, 2, 3)`))
    .addColumn('result_date', 'date')
    .$call(bookkeeping)
    .addCheckConstraint('events_prob_sol_only_for_2', sql`prob_sol_div_rr_result is null or event = 2`)
    .addCheckConstraint('events_case_manage_only_for_5', sql`referral_case_manage_after is null or event = 5`)
    .addCheckConstraint('events_location_only_for_10_15', sql`location_crisis_or_ph_housing is null or event between 10 and 15`)
    .addCheckConstraint('events_result_only_for_10_15_18', sql`referral_result is null or event between 10 and 15 or event = 18`)
    .addCheckConstraint('events_result_date_only_with_result', sql`result_date is null or referral_result is not null`)
    .execute();
  await db.schema.createIndex('events_enrollment_idx').on('events').columns(['enrollment_id', 'event_date']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations are forward-only.');
}

/** Every record names its enrollment and client, as HUD's files do (EnrollmentID, PersonalID). */
function enrollmentColumns(table: CreateTableBuilder<string, any>): CreateTableBuilder<string, any> {
  return table
    .addColumn('enrollment_id', 'text', (c) => c.notNull().references('enrollments.enrollment_id'))
    .addColumn('personal_id', 'text', (c) => c.notNull().references('clients.personal_id'));
}

/** HUD's bookkeeping columns, last in every file: who changed the row when, and its delete instruction. */
function bookkeeping(table: CreateTableBuilder<string, any>): CreateTableBuilder<string, any> {
  return table
    .addColumn('date_created', 'timestamptz', (c) => c.notNull())
    .addColumn('date_updated', 'timestamptz', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('date_deleted', 'timestamptz');
}

// Frozen copies of the lists as they are today: a migration never changes with the code.
const CURRENT_LIVING_SITUATIONS = [116, 101, 118, 215, 206, 207, 225, 204, 205, 302, 329, 314, 332, 336, 335, 410, 435, 421, 411, 17, 37, 8, 9, 99];
const LEAVE_14_DAYS_SITUATIONS = [215, 206, 207, 225, 204, 205, 302, 329, 314, 332, 336, 335, 410, 435, 421, 411, 17, 37];
const RENTAL_SUBSIDY_TYPES = [428, 419, 431, 433, 434, 420, 436, 437, 438, 439, 440];
