import type { Db } from '../../db/schema.js';

/** The only place that reads or writes known_devices. */
export const knownDevicesRepository = {
  /** Updates last_seen_at; false when the user has never signed in from this device. */
  async touch(db: Db, userId: number, deviceHash: string, at: Date, userAgent: string | null): Promise<boolean> {
    const row = await knownDevicesRepository.touchQuery(db, userId, deviceHash, at, userAgent).returning('user_id').executeTakeFirst();
    return row !== undefined;
  },

  /** The touch, not run: for a caller that batches it with other writes. */
  touchQuery(db: Db, userId: number, deviceHash: string, at: Date, userAgent: string | null) {
    return db
      .updateTable('known_devices')
      .set({ last_seen_at: at, user_agent: userAgent })
      .where('user_id', '=', userId)
      .where('device_hash', '=', deviceHash);
  },

  /** The user's id when they have signed in from this device, as a single-value read (src/db/read-batch.ts). */
  knownQuery(db: Db, userId: number, deviceHash: string) {
    return db.selectFrom('known_devices').select('user_id').where('user_id', '=', userId).where('device_hash', '=', deviceHash);
  },

  async countForUser(db: Db, userId: number): Promise<number> {
    const row = await db
      .selectFrom('known_devices')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async insert(db: Db, userId: number, deviceHash: string, at: Date, userAgent: string | null): Promise<void> {
    await db
      .insertInto('known_devices')
      .values({ user_id: userId, device_hash: deviceHash, first_seen_at: at, last_seen_at: at, user_agent: userAgent })
      .onConflict((oc) => oc.columns(['user_id', 'device_hash']).doUpdateSet({ last_seen_at: at }))
      .execute();
  },

  /** Keeps the `keep` most recently used devices of the user. */
  async prune(db: Db, userId: number, keep: number): Promise<void> {
    const kept = db
      .selectFrom('known_devices')
      .select('device_hash')
      .where('user_id', '=', userId)
      .orderBy('last_seen_at', 'desc')
      .limit(keep);
    await db.deleteFrom('known_devices').where('user_id', '=', userId).where('device_hash', 'not in', kept).execute();
  },
};
