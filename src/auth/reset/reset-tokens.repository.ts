import type { Transaction } from 'kysely';
import type { Database, Db } from '../../db/schema.js';

/** The only place that reads or writes password_reset_tokens (stored as SHA-256 hashes, never the links). */
export const resetTokensRepository = {
  /** Issuing a new link spends every older one: only the newest link works. */
  async replaceForUser(db: Db, userId: number, tokenHash: string, createdAt: Date, expiresAt: Date): Promise<void> {
    await db.deleteFrom('password_reset_tokens').where('user_id', '=', userId).execute();
    await db
      .insertInto('password_reset_tokens')
      .values({ token_hash: tokenHash, user_id: userId, created_at: createdAt, expires_at: expiresAt, used_at: null })
      .execute();
  },

  /** The user a link is for, while it is unused and unexpired; null otherwise. */
  async usableBy(db: Db, tokenHash: string, now: Date): Promise<number | null> {
    const row = await db
      .selectFrom('password_reset_tokens')
      .select('user_id')
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row?.user_id ?? null;
  },

  /** Spends the token if it is still usable and returns its user; null when another request got there first. */
  async spend(trx: Transaction<Database>, tokenHash: string, now: Date): Promise<number | null> {
    const row = await trx
      .updateTable('password_reset_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst();
    return row?.user_id ?? null;
  },

  async cancelForUser(db: Db, userId: number): Promise<void> {
    await db.deleteFrom('password_reset_tokens').where('user_id', '=', userId).execute();
  },
};
