import { sql, type Kysely } from 'kysely';

/**
 * Client profiles: one row per person, mapping 1:1 to HUD's Client.csv (FY2026) so an export is a
 * straight mapping. The *_norm and *_key columns are search helpers kept up to date by the clients
 * service (normalized letters, and a Soundex key for typo-tolerant matching); they are plain btree
 * indexes so the same migration serves PGlite and PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('clients')
    // 32 random hex characters: stable and reveals nothing about the person.
    .addColumn('personal_id', 'text', (c) => c.primaryKey().check(sql`personal_id ~ '^[0-9a-f]{32}$'`))
    .addColumn('first_name', 'text')
    .addColumn('middle_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('name_suffix', 'text')
    .addColumn('name_data_quality', 'smallint', (c) => c.notNull().check(sql`name_data_quality in (1, 2, 8, 9, 99)`))
    .addColumn('ssn', 'text', (c) => c.check(sql`ssn ~ '^[0-9x]{9}$'`))
    .addColumn('ssn_data_quality', 'smallint', (c) => c.notNull().check(sql`ssn_data_quality in (1, 2, 8, 9, 99)`))
    .addColumn('dob', 'date')
    .addColumn('dob_data_quality', 'smallint', (c) => c.notNull().check(sql`dob_data_quality in (1, 2, 8, 9, 99)`))
    .addColumn('am_ind_ak_native', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`am_ind_ak_native in (0, 1)`))
    .addColumn('asian', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`asian in (0, 1)`))
    .addColumn('black_af_american', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`black_af_american in (0, 1)`))
    .addColumn('hispanic_latinao', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`hispanic_latinao in (0, 1)`))
    .addColumn('mid_east_n_african', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`mid_east_n_african in (0, 1)`))
    .addColumn('native_hi_pacific', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`native_hi_pacific in (0, 1)`))
    .addColumn('white', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`white in (0, 1)`))
    .addColumn('race_none', 'smallint', (c) => c.check(sql`race_none in (8, 9, 99)`))
    .addColumn('additional_race_ethnicity', 'text')
    .addColumn('sex', 'smallint', (c) => c.check(sql`sex in (0, 1, 8, 9, 99)`))
    .addColumn('veteran_status', 'smallint', (c) => c.notNull().check(sql`veteran_status in (0, 1, 8, 9, 99)`))
    .addColumn('date_created', 'timestamptz', (c) => c.notNull())
    .addColumn('date_updated', 'timestamptz', (c) => c.notNull())
    // HUD's UserID: the username of whoever last changed the row.
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('date_deleted', 'timestamptz')
    // Search helpers (never shown): lowercase letters only, accents folded; Soundex of each.
    .addColumn('first_name_norm', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_name_norm', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('first_name_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_name_key', 'text', (c) => c.notNull().defaultTo(''))
    // The last 4 SSN digits when all four are known, for "last 4" searches without scanning SSNs.
    .addColumn('ssn_last4', 'text')
    .addCheckConstraint('clients_race_none_only_without_race', sql`
      race_none is null or (am_ind_ak_native + asian + black_af_american + hispanic_latinao
                            + mid_east_n_african + native_hi_pacific + white) = 0`)
    .execute();

  // text_pattern_ops lets `like 'smi%'` use the index whatever the database's collation.
  await sql`create index clients_last_name_norm_idx on clients (last_name_norm text_pattern_ops)`.execute(db);
  await sql`create index clients_first_name_norm_idx on clients (first_name_norm text_pattern_ops)`.execute(db);
  await db.schema.createIndex('clients_last_name_key_idx').on('clients').column('last_name_key').execute();
  await db.schema.createIndex('clients_first_name_key_idx').on('clients').column('first_name_key').execute();
  await db.schema.createIndex('clients_dob_idx').on('clients').column('dob').execute();
  await db.schema.createIndex('clients_ssn_last4_idx').on('clients').column('ssn_last4').execute();
  await db.schema.createIndex('clients_ssn_idx').on('clients').column('ssn').execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations are forward-only.');
}
