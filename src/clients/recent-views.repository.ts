import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { RecentClient } from './clients.model.js';

/**
 * "My recent clients" (client_recent_views). Besides this file, only a merge moves rows to the record kept
 * (client-merge.repository.ts), and the Training reset's truncate empties the table.
 */
export const recentViewsRepository = {
  /** Records that the user opened the client now (one row per user and client: the latest opening). */
  async touch(db: Db, userId: number, personalId: string, viewedAt: Date): Promise<void> {
    await db
      .insertInto('client_recent_views')
      .values({ user_id: userId, personal_id: personalId, viewed_at: viewedAt })
      .onConflict((oc) => oc.columns(['user_id', 'personal_id']).doUpdateSet({ viewed_at: (eb) => eb.ref('excluded.viewed_at') }))
      .execute();
  },

  /** Keeps only the user's `keep` latest rows, so the table stays small however many clients they open. */
  async prune(db: Db, userId: number, keep: number): Promise<void> {
    await db
      .deleteFrom('client_recent_views')
      .where('user_id', '=', userId)
      .where('personal_id', 'not in', (eb) =>
        eb
          .selectFrom('client_recent_views')
          .select('personal_id')
          .where('user_id', '=', userId)
          .orderBy('viewed_at', 'desc')
          .orderBy('personal_id')
          .limit(keep),
      )
      .execute();
  },

  /** The user's latest openings of clients that still exist (not deleted or merged away), newest first. */
  async listFor(db: Db, userId: number, limit: number): Promise<RecentClient[]> {
    const rows = await db
      .selectFrom('client_recent_views as v')
      .innerJoin('clients as c', 'c.personal_id', 'v.personal_id')
      .select(['c.personal_id', 'c.first_name', 'c.middle_name', 'c.last_name', 'c.name_suffix', 'v.viewed_at'])
      .select(sql<string | null>`to_char(c.dob, 'YYYY-MM-DD')`.as('dob'))
      .where('v.user_id', '=', userId)
      .where('c.date_deleted', 'is', null)
      .orderBy('v.viewed_at', 'desc')
      .orderBy('c.personal_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      personalId: r.personal_id,
      firstName: r.first_name,
      middleName: r.middle_name,
      lastName: r.last_name,
      nameSuffix: r.name_suffix,
      dob: r.dob,
      viewedAt: r.viewed_at,
    }));
  },
};
