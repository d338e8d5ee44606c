import { sql, type Kysely } from 'kysely';

/**
 * Client search finds a name typed with one part right and the other mistyped (a slip that changes its
 * Soundex key, as near-duplicate records often are): the part typed right is matched exactly, the other by
 * the keys one slip away. These indexes answer that in the index itself, on PGlite and PostgreSQL alike,
 * instead of reading every row with the exact part (see bench/README.md, bench:search).
 *
 * text_pattern_ops, like the name indexes of 0005: such an index can never serve an ORDER BY on the name,
 * so the planner cannot pick it to walk all clients in name order looking for a rare name under a LIMIT.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index clients_last_name_first_key_idx on clients (last_name_norm text_pattern_ops, first_name_key)`.execute(db);
  await sql`create index clients_first_name_last_key_idx on clients (first_name_norm text_pattern_ops, last_name_key)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations are forward-only.');
}
