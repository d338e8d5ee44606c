import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * The stage-based program-specific elements, each table column for column one FY2026 CSV file (snake_case of the
 * CSV names, in HUD's order; ExportID is written by the export), one row per enrollment, stage and information
 * date, exactly as HUD's files hold them:
 *
 * - income_benefits: IncomeBenefits.csv (4.02 income, 4.03 non-cash benefits, 4.04 health insurance, and the
 *   federal partners' W3 and P4 columns of the same row);
 * - health_and_dv: HealthAndDV.csv (4.11 domestic violence, and RHY's R7–R10 columns);
 * - disabilities: Disabilities.csv (4.05–4.10, one row per disability type, with HOPWA's W4 columns).
 *
 * HUD allows at most one record at project start and one at exit per enrollment (per type, for disabilities);
 * partial unique indexes say so, beside one record per enrollment, stage and date.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('income_benefits')
    .addColumn('income_benefits_id', 'text', (c) => c.primaryKey().check(sql`length(income_benefits_id) between 1 and 32`))
    .$call(stageKey)
    .addColumn('income_from_any_source', 'smallint', (c) => c.check(sql`income_from_any_source in (0, 1, 8, 9, 99)`))
    .addColumn('total_monthly_income', 'numeric(12, 2)', (c) => c.check(sql`total_monthly_income >= 0`))
    .$call((t) => INCOME_SOURCES.reduce((table, [flag, amount]) => table.$call(yesNo(flag)).$call(money(amount)), t))
    .addColumn('other_income_source_identify', 'text', (c) => c.check(sql`length(other_income_source_identify) between 1 and 50`))
    .addColumn('benefits_from_any_source', 'smallint', (c) => c.check(sql`benefits_from_any_source in (0, 1, 8, 9, 99)`))
    .$call((t) => BENEFITS.reduce((table, flag) => table.$call(yesNo(flag)), t))
    .addColumn('other_benefits_source_identify', 'text', (c) => c.check(sql`length(other_benefits_source_identify) between 1 and 50`))
    .addColumn('insurance_from_any_source', 'smallint', (c) => c.check(sql`insurance_from_any_source in (0, 1, 8, 9, 99)`))
    .$call((t) => INSURANCE.reduce((table, [flag, reason]) => table.$call(yesNo(flag)).$call(reason ? code(reason, [1, 2, 3, 4, 8, 9, 99]) : (x) => x), t))
    .addColumn('other_insurance_identify', 'text', (c) => c.check(sql`length(other_insurance_identify) between 1 and 50`))
    .$call(code('adap', [0, 1, 8, 9, 99]))
    .$call(code('no_adap_reason', [1, 2, 3, 8, 9, 99]))
    .$call(code('ryan_white_med_dent', [0, 1, 8, 9, 99]))
    .$call(code('no_ryan_white_reason', [1, 2, 3, 8, 9, 99]))
    .$call(code('connection_with_soar', [0, 1, 8, 9, 99]))
    .$call(stage)
    .$call(bookkeeping)
    .addCheckConstraint('income_benefits_other_identify', sql`other_income_source_identify is null or other_income_source = 1`)
    .addCheckConstraint('income_benefits_other_benefits_identify', sql`other_benefits_source_identify is null or other_benefits_source = 1`)
    .addCheckConstraint('income_benefits_other_insurance_identify', sql`other_insurance_identify is null or other_insurance = 1`)
    .execute();
  await stageIndexes(db, 'income_benefits', []);

  await db.schema
    .createTable('health_and_dv')
    .addColumn('health_and_dv_id', 'text', (c) => c.primaryKey().check(sql`length(health_and_dv_id) between 1 and 32`))
    .$call(stageKey)
    .$call(code('domestic_violence_survivor', [0, 1, 8, 9, 99]))
    .$call(code('when_occurred', [1, 2, 3, 4, 8, 9, 99]))
    .$call(code('currently_fleeing', [0, 1, 8, 9, 99]))
    .$call(code('general_health_status', [1, 2, 3, 4, 5, 8, 9, 99]))
    .$call(code('dental_health_status', [1, 2, 3, 4, 5, 8, 9, 99]))
    .$call(code('mental_health_status', [1, 2, 3, 4, 5, 8, 9, 99]))
    .$call(code('pregnancy_status', [0, 1, 8, 9, 99]))
    .addColumn('due_date', 'date')
    .$call(stage)
    .$call(bookkeeping)
    .addCheckConstraint('health_and_dv_dv_dependents', sql`domestic_violence_survivor = 1 or (when_occurred is null and currently_fleeing is null)`)
    .execute();
  await stageIndexes(db, 'health_and_dv', []);

  await db.schema
    .createTable('disabilities')
    .addColumn('disabilities_id', 'text', (c) => c.primaryKey().check(sql`length(disabilities_id) between 1 and 32`))
    .$call(stageKey)
    .addColumn('disability_type', 'smallint', (c) => c.notNull().check(sql`disability_type in (5, 6, 7, 8, 9, 10)`))
    .addColumn('disability_response', 'smallint', (c) => c.notNull().check(sql`disability_response in (0, 1, 2, 3, 8, 9, 99)`))
    .$call(code('indefinite_and_impairs', [0, 1, 8, 9, 99]))
    .$call(code('t_cell_count_available', [0, 1, 8, 9, 99]))
    .addColumn('t_cell_count', 'integer', (c) => c.check(sql`t_cell_count between 0 and 1500`))
    .$call(code('t_cell_source', [1, 2, 3]))
    .$call(code('viral_load_available', [0, 1, 2, 8, 9, 99]))
    .addColumn('viral_load', 'integer', (c) => c.check(sql`viral_load >= 0`))
    .$call(code('viral_load_source', [1, 2, 3]))
    .$call(code('anti_retroviral', [0, 1, 8, 9, 99]))
    .$call(stage)
    .$call(bookkeeping)
    // 4.10.2's 2 and 3 are answers of substance use only; developmental disability and HIV/AIDS ask no "impairs".
    .addCheckConstraint('disabilities_response_list', sql`disability_type = 10 or disability_response in (0, 1, 8, 9, 99)`)
    .addCheckConstraint('disabilities_impairs_only_when_asked', sql`indefinite_and_impairs is null or (disability_type not in (6, 8) and disability_response in (1, 2, 3))`)
    .execute();
  await stageIndexes(db, 'disabilities', ['disability_type']);
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations are forward-only.');
}

/** One record per enrollment, stage and date; at most one at project start and one at exit (per type). */
async function stageIndexes(db: Kysely<any>, table: string, extra: string[]): Promise<void> {
  const columns = sql.raw(['enrollment_id', ...extra].join(', '));
  await sql`create unique index ${sql.raw(`${table}_per_date_idx`)} on ${sql.table(table)} (${columns}, data_collection_stage, information_date)
            where date_deleted is null`.execute(db);
  await sql`create unique index ${sql.raw(`${table}_one_start_exit_idx`)} on ${sql.table(table)} (${columns}, data_collection_stage)
            where date_deleted is null and data_collection_stage in (1, 3)`.execute(db);
  await sql`create index ${sql.raw(`${table}_personal_idx`)} on ${sql.table(table)} (personal_id)`.execute(db);
}

type Table = CreateTableBuilder<string, any>;

function stageKey(table: Table): Table {
  return table
    .addColumn('enrollment_id', 'text', (c) => c.notNull().references('enrollments.enrollment_id'))
    .addColumn('personal_id', 'text', (c) => c.notNull().references('clients.personal_id'))
    .addColumn('information_date', 'date', (c) => c.notNull());
}

function stage(table: Table): Table {
  return table.addColumn('data_collection_stage', 'smallint', (c) => c.notNull().check(sql`data_collection_stage in (1, 2, 3, 5)`));
}

function code(column: string, codes: readonly number[]) {
  return (table: Table): Table => table.addColumn(column, 'smallint', (c) => c.check(sql`${sql.ref(column)} in (${sql.raw(codes.join(', '))})`));
}

function yesNo(column: string) {
  return code(column, [0, 1, 99]);
}

function money(column: string) {
  return (table: Table): Table => table.addColumn(column, 'numeric(12, 2)', (c) => c.check(sql`${sql.ref(column)} >= 0`));
}

/** HUD's bookkeeping columns, last in every file: who changed the row when, and its delete instruction. */
function bookkeeping(table: Table): Table {
  return table
    .addColumn('date_created', 'timestamptz', (c) => c.notNull())
    .addColumn('date_updated', 'timestamptz', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('date_deleted', 'timestamptz');
}

// Frozen here as they were when this migration was written (HUD's FY2026 order).
const INCOME_SOURCES: readonly [string, string][] = [
  ['earned', 'earned_amount'],
  ['unemployment', 'unemployment_amount'],
  ['ssi', 'ssi_amount'],
  ['ssdi', 'ssdi_amount'],
  ['va_disability_service', 'va_disability_service_amount'],
  ['va_disability_non_service', 'va_disability_non_service_amount'],
  ['private_disability', 'private_disability_amount'],
  ['workers_comp', 'workers_comp_amount'],
  ['tanf', 'tanf_amount'],
  ['ga', 'ga_amount'],
  ['soc_sec_retirement', 'soc_sec_retirement_amount'],
  ['pension', 'pension_amount'],
  ['child_support', 'child_support_amount'],
  ['alimony', 'alimony_amount'],
  ['other_income_source', 'other_income_amount'],
];
const BENEFITS = ['snap', 'wic', 'tanf_child_care', 'tanf_transportation', 'other_tanf', 'other_benefits_source'];
const INSURANCE: readonly [string, string | null][] = [
  ['medicaid', 'no_medicaid_reason'],
  ['medicare', 'no_medicare_reason'],
  ['schip', 'no_schip_reason'],
  ['vha_services', 'no_vha_reason'],
  ['employer_provided', 'no_employer_provided_reason'],
  ['cobra', 'no_cobra_reason'],
  ['private_pay', 'no_private_pay_reason'],
  ['state_health_ins', 'no_state_health_ins_reason'],
  ['indian_health_services', 'no_indian_health_services_reason'],
  ['other_insurance', null],
];
