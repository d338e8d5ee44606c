import type { Selectable } from 'kysely';
import type { User } from '../../accounts/accounts.model.js';
import { toUser } from '../../accounts/user-row.js';
import type { Db, SessionsTable, UsersTable } from '../../db/schema.js';
import type { Session } from './session.model.js';

const USER_COLUMNS = [
  'id',
  'username',
  'first_name',
  'last_name',
  'email',
  'is_volunteer',
  'role',
  'password_hash',
  'password_is_temporary',
  'password_set_at',
  'password_expires_at',
  'failed_login_count',
  'locked_until',
  'deactivated_at',
  'last_login_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof UsersTable)[];

/** When a session lookup also records activity: only if the last record is older than `seenBefore`, and still valid. */
export interface Touch {
  at: Date;
  seenBefore: Date;
  /** A session last seen before this has idled out: it is not touched (the caller ends it). */
  idleSince: Date;
}

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
    await sessionsRepository.insertQuery(db, session).execute();
  },

  /** The insert, not run: for a caller that batches it with other writes. */
  insertQuery(db: Db, session: Session) {
    return db
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
      });
  },

  /**
   * The session and its user, and the activity touch, in one statement: a data-modifying CTE updates last_seen_at
   * only when due, and the select beside it reads the row as it was before (so the idle check sees the previous
   * activity).
   */
  async findWithUserAndTouch(db: Db, tokenHash: string, touch: Touch): Promise<{ session: Session; user: User } | undefined> {
    const row = await db
      .with('touched', (qb) =>
        qb
          .updateTable('sessions')
          .set({ last_seen_at: touch.at })
          .where('token_hash', '=', tokenHash)
          .where('last_seen_at', '<=', touch.seenBefore)
          .where('last_seen_at', '>', touch.idleSince)
          .where('expires_at', '>', touch.at)
          .returning('token_hash'),
      )
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('sessions')
      .select(USER_COLUMNS.map((c) => `users.${c} as user_${c}` as const))
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    const userRow = Object.fromEntries(USER_COLUMNS.map((c) => [c, row[`user_${c}`]])) as Selectable<UsersTable>;
    return { session: toSession(row), user: toUser(userRow) };
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
