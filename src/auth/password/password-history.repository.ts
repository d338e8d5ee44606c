import type { Db } from '../../db/schema.js';

/** The only place that reads or writes password_history: the hashes of a user's last passwords, never reused. */
export const passwordHistoryRepository = {
  async recentHashes(db: Db, userId: number, count: number): Promise<string[]> {
    const rows = await db
      .selectFrom('password_history')
      .select('password_hash')
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(count)
      .execute();
    return rows.map((r) => r.password_hash);
  },

  /** Adds a hash and keeps only the user's `keep` most recent ones. */
  async add(db: Db, userId: number, hash: string, at: Date, keep: number): Promise<void> {
    await db.insertInto('password_history').values({ user_id: userId, password_hash: hash, created_at: at }).execute();
    const keepIds = db
      .selectFrom('password_history')
      .select('id')
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(keep);
    await db.deleteFrom('password_history').where('user_id', '=', userId).where('id', 'not in', keepIds).execute();
  },
};
