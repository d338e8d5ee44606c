import { sql, type Kysely } from 'kysely';

/**
 * Second factor (TOTP and recovery codes), the site-wide policy that may require it, remembered
 * devices for "new sign-in" emails, and two more session kinds for the steps between password and
 * a full session.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table sessions drop constraint sessions_kind_check`.execute(db);
  await sql`
    alter table sessions add constraint sessions_kind_check
    check (kind in ('full', 'password_change', 'second_factor', 'second_factor_enrolment'))`.execute(db);

  await db.schema
    .createTable('second_factors')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    // Sealed (AES-256-GCM) with the site's key: a database dump alone cannot produce codes.
    .addColumn('totp_secret_sealed', 'text', (c) => c.notNull())
    // The highest 30-second step a code was accepted for; codes for it or earlier steps are refused.
    .addColumn('last_used_step', 'integer')
    .addColumn('enabled_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('recovery_codes_user_idx').on('recovery_codes').column('user_id').execute();

  await db.schema
    .createTable('known_devices')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // SHA-256 of the device cookie, like session tokens.
    .addColumn('device_hash', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addPrimaryKeyConstraint('known_devices_pkey', ['user_id', 'device_hash'])
    .execute();

  await db.schema
    .createTable('site_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations are forward-only.');
}
