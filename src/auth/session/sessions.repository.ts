import type { Selectable } from 'kysely';
import type { Db, SessionsTable } from '../../db/schema.js';
import type { Session } from './session.model.js';

function toSession(row: Selectable<SessionsTable>): Session {
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    kind: row.kind,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

/** The only place that reads or writes the sessions table. */
export const sessionsRepository = {
  async insert(db: Db, session: Session): Promise<void> {
    await db
      .insertInto('sessions')
      .values({
        token_hash: session.tokenHash,
        user_id: session.userId,
        kind: session.kind,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
        expires_at: session.expiresAt,
        ip: session.ip,
        user_agent: session.userAgent,
      })
      .execute();
  },

  async findByHash(db: Db, tokenHash: string): Promise<Session | undefined> {
    const row = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && toSession(row);
  },

  async touch(db: Db, tokenHash: string, at: Date): Promise<void> {
    await db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
  },

  async deleteByHash(db: Db, tokenHash: string): Promise<void> {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  },

  async listActiveForUser(db: Db, userId: number, now: Date, idleSince: Date): Promise<Session[]> {
    const rows = await db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('expires_at', '>', now)
      .where('last_seen_at', '>', idleSince)
      .orderBy('last_seen_at', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toSession);
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
