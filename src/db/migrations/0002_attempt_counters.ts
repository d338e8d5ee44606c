import type { Kysely } from 'kysely';

/** Sliding-window counters (failed logins and reset requests per client address) when Redis is not configured. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attempt_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attempt_events_lookup_idx').on('attempt_events').columns(['bucket', 'key', 'at']).execute();
  await db.schema.createIndex('attempt_events_at_idx').on('attempt_events').column('at').execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations are forward-only.');
}
