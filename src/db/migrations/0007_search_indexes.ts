import type { Kysely } from 'kysely';

/**
 * Client search finds a name typed with one part right and the other mistyped (a slip that changes its
 * Soundex key, as near-duplicate records often are): the part typed right is matched exactly, the other by
 * the keys one slip away. These indexes answer that in the index itself, on PGlite and PostgreSQL alike,
 * instead of reading every row with the exact part (see bench/README.md, bench:search).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('clients_last_name_first_key_idx').on('clients').columns(['last_name_norm', 'first_name_key']).execute();
  await db.schema.createIndex('clients_first_name_last_key_idx').on('clients').columns(['first_name_norm', 'last_name_key']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations are forward-only.');
}
