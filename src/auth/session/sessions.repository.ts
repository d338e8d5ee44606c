import type { Insertable } from 'kysely';
import type { Db, Session, SessionsTable, User } from '../../db/schema.js';

export const sessionsRepository = {
  async insert(db: Db, session: Insertable<SessionsTable>): Promise<void> {
    await db.insertInto('sessions').values(session).execute();
  },

  async findWithUser(db: Db, tokenHash: string): Promise<{ session: Session; user: User } | undefined> {
    const session = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    if (!session) return undefined;
    const user = await db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
    return user ? { session, user } : undefined;
  },

  async touch(db: Db, tokenHash: string, at: Date): Promise<void> {
    await db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
  },

  async deleteByHash(db: Db, tokenHash: string): Promise<void> {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  },

  listActiveForUser(db: Db, userId: number, now: Date, idleSince: Date): Promise<Session[]> {
    return db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('expires_at', '>', now)
      .where('last_seen_at', '>', idleSince)
      .orderBy('last_seen_at', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
  },

  async deleteForUserExcept(db: Db, userId: number, keepHash: string): Promise<number> {
    const result = await db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('token_hash', '<>', keepHash)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  async deleteForUser(db: Db, userId: number): Promise<void> {
    await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  },
};
