import { sql, type Kysely } from 'kysely';

/**
 * 3.08 Disabling condition kept consistent with 4.05–4.10 (HUD data dictionary): when a disability record makes it
 * Yes, Hearth sets it to Yes and keeps here the answer that was given (No, doesn't know, prefers not to answer, not
 * collected), so that it comes back once no record makes it Yes any more. Null: 3.08 is the answer given.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('enrollments')
    .addColumn('disabling_condition_given', 'smallint', (c) => c.check(sql`disabling_condition_given in (0, 8, 9, 99)`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('enrollments').dropColumn('disabling_condition_given').execute();
}
