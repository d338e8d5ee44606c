import { sql, type Kysely } from 'kysely';

/**
 * Issue 11, findings 1 and 17.
 *
 * 3.16 Enrollment CoC is now asked at entry and stored for every member (the head's). Stays recorded before have
 * none: where the project operates in one CoC only, that is the household's, as the export used to fill it in.
 *
 * HUD's UserID (S32) was the username, which may have 40 characters and may change: every HUD record's `user_id`
 * that names an account by its username now names it by its id (hudUserId). Usernames start with a letter, so no
 * username is ever an id, and values naming no account (the system, the command line, imports) stay as they are.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update enrollments e set enrollment_coc = sole.coc_code
    from (select project_id, min(coc_code) as coc_code from project_cocs where date_deleted is null
          group by project_id having count(distinct coc_code) = 1) sole
    where e.project_id = sole.project_id and e.enrollment_coc is null`.execute(db);

  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = current_schema() and column_name = 'user_id' and data_type = 'text'
    order by table_name`.execute(db);
  for (const { table_name: table } of rows) {
    await sql`update ${sql.table(table)} t set user_id = u.id::text from users u where t.user_id = u.username`.execute(db);
  }
}

export async function down(): Promise<void> {
  // The CoCs filled in are correct data: nothing to undo.
}
