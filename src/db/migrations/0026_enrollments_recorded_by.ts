import { sql, type Kysely } from 'kysely';

/**
 * Issue 15 item 5: a case manager's "to fix" list, and its count on their home page, start from the enrollments
 * they recorded (HUD UserID). Without an index that is a scan of every enrollment on each view of a home page.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index enrollments_user_idx on enrollments (user_id, entry_date) where date_deleted is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists enrollments_user_idx`.execute(db);
}
