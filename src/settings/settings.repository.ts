import type { Transaction } from 'kysely';
import type { Database, Db } from '../db/schema.js';

/** The only place that reads or writes site_settings (one text value per key). */
export const settingsRepository = {
  async get(db: Db, key: string): Promise<string | undefined> {
    const row = await settingsRepository.getQuery(db, key).executeTakeFirst();
    return row?.value;
  },

  /** The value, as a single-value read (src/db/read-batch.ts). */
  getQuery(db: Db, key: string) {
    return db.selectFrom('site_settings').select('value').where('key', '=', key);
  },

  /** Locks the row (when it exists) until the transaction ends, so two administrators' changes apply in turn. */
  async getForUpdate(trx: Transaction<Database>, key: string): Promise<string | undefined> {
    const row = await trx.selectFrom('site_settings').select('value').where('key', '=', key).forUpdate().executeTakeFirst();
    return row?.value;
  },

  async set(db: Db, key: string, value: string, at: Date): Promise<void> {
    await db
      .insertInto('site_settings')
      .values({ key, value, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
      .execute();
  },
};
