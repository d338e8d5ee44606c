import { sql, type Kysely } from 'kysely';
import { lastNameTail } from '../../clients/name-matching.js';

/**
 * Client search that finds the person (issue 10):
 *
 * - pg_trgm, for trigram similarity: a name mistyped in its first letters (Kristopher, Jerald) changes its Soundex
 *   key, but keeps most of its trigrams. GIN indexes on both normalized names let a first and a last name that are
 *   both a little off be found through the index. pg_trgm is a trusted extension (PostgreSQL 13 and later): a user
 *   with CREATE on the database may create it. Where the application's user may not, a DBA creates it once, in a
 *   schema on the application's search_path (README, "Running on PostgreSQL"); `if not exists` then leaves it be.
 *   PGlite loads it from its contrib bundle (src/db/database.ts).
 * - last_name_tail_norm: the last word of a last name of several words ("garcia" of "López García"), so that the
 *   second surname typed alone finds the person, by index. Kept by the clients repository (clientColumns) like the
 *   other *_norm columns; filled here for existing clients with the same function (name-matching.ts).
 *
 * text_pattern_ops, as in 0005 and 0007: such an index never serves an ORDER BY on the name.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await db.schema.alterTable('clients').addColumn('last_name_tail_norm', 'text', (c) => c.notNull().defaultTo('')).execute();
  await fillLastNameTails(db);
  await sql`create index clients_last_name_tail_first_key_idx on clients (last_name_tail_norm text_pattern_ops, first_name_key)`.execute(db);
  await sql`create index clients_first_name_trgm_idx on clients using gin (first_name_norm gin_trgm_ops)`.execute(db);
  await sql`create index clients_last_name_trgm_idx on clients using gin (last_name_norm gin_trgm_ops)`.execute(db);
}

const BATCH = 5_000;

/** Fills last_name_tail_norm for the clients written before this migration (exported for its test). */
export async function fillLastNameTails(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('clients')
      .select(['personal_id', 'last_name'])
      .where('personal_id', '>', after)
      .orderBy('personal_id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.personal_id;
    const tails = rows.map((r) => ({ id: r.personal_id as string, tail: lastNameTail(r.last_name as string | null) })).filter((r) => r.tail);
    if (tails.length === 0) continue;
    await sql`
      update clients set last_name_tail_norm = t.tail
        from unnest(${tails.map((t) => t.id)}::text[], ${tails.map((t) => t.tail)}::text[]) as t(id, tail)
       where clients.personal_id = t.id`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations are forward-only.');
}
