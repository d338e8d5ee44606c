import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';

/** The only place that reads or writes attempt_events: one row per counted event, by bucket and key. */
export const attemptEventsRepository = {
  async insert(db: Db, bucket: string, key: string, at: Date): Promise<void> {
    await db.insertInto('attempt_events').values({ bucket, key, at }).execute();
  },

  async deleteBefore(db: Db, before: Date): Promise<void> {
    await db.deleteFrom('attempt_events').where('at', '<', before).execute();
  },

  async countSince(db: Db, bucket: string, key: string, since: Date): Promise<number> {
    const row = await db
      .selectFrom('attempt_events')
      .select(sql<string>`count(*)`.as('n'))
      .where('bucket', '=', bucket)
      .where('key', '=', key)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** The time of the oldest event since `since`, or null when there is none. */
  async oldestSince(db: Db, bucket: string, key: string, since: Date): Promise<Date | null> {
    const row = await db
      .selectFrom('attempt_events')
      .select(sql<Date | null>`min(at)`.as('oldest'))
      .where('bucket', '=', bucket)
      .where('key', '=', key)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    return row.oldest ? new Date(row.oldest) : null;
  },

  async clear(db: Db, bucket: string, key: string): Promise<void> {
    await db.deleteFrom('attempt_events').where('bucket', '=', bucket).where('key', '=', key).execute();
  },
};
