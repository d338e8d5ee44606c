import { sql, type Insertable, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { Database, Db, UsersTable } from '../db/schema.js';
import type { AgencyFilter, NewUser, StoredEmail, User, UserChanges } from './accounts.model.js';
import { toUser } from './user-row.js';

/** The columns of the fields given; a field left out (undefined) leaves its column as it is. */
function toColumns(changes: UserChanges): Updateable<UsersTable> {
  return {
    first_name: changes.firstName,
    last_name: changes.lastName,
    email: changes.email,
    is_volunteer: changes.isVolunteer,
    role: changes.role,
    password_hash: changes.passwordHash,
    password_is_temporary: changes.passwordIsTemporary,
    password_set_at: changes.passwordSetAt,
    password_expires_at: changes.passwordExpiresAt,
    failed_login_count: changes.failedLoginCount,
    locked_until: changes.lockedUntil,
    deactivated_at: changes.deactivatedAt,
    last_login_at: changes.lastLoginAt,
    updated_at: changes.updatedAt,
  };
}

function toNewRow(user: NewUser): Insertable<UsersTable> {
  return {
    username: user.username,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
    is_volunteer: user.isVolunteer,
    role: user.role,
    password_hash: user.passwordHash,
    password_is_temporary: user.passwordIsTemporary,
    password_set_at: user.passwordSetAt,
    password_expires_at: user.passwordExpiresAt,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

/**
 * The only place that writes the users table. (Two lists read it in joins of their own: an agency's staff in
 * access/memberships.repository.ts, and the Training reset's count of accounts kept.)
 */
export const usersRepository = {
  async findById(db: Db, id: number): Promise<User | undefined> {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  },

  /** Case-insensitive: usernames are unique by lower(username). */
  async usernamesByIds(db: Db, ids: readonly number[]): Promise<{ id: number; username: string }[]> {
    if (ids.length === 0) return [];
    return db.selectFrom('users').select(['id', 'username']).where('id', 'in', [...ids]).execute();
  },

  async findByUsername(db: Db, username: string): Promise<User | undefined> {
    const row = await db
      .selectFrom('users')
      .selectAll()
      .where(sql`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
    return row && toUser(row);
  },

  /** Every stored email with its account, by username. */
  async listEmails(db: Db): Promise<StoredEmail[]> {
    const rows = await db.selectFrom('users').select(['id', 'username', 'email']).where('email', 'is not', null).orderBy('username').execute();
    return rows.map((row) => ({ id: row.id, username: row.username, email: row.email! }));
  },

  /** Locks the row for the rest of the transaction, so racing changes to one account run one after another. */
  async findByIdForUpdate(trx: Transaction<Database>, id: number): Promise<User | undefined> {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    return row && toUser(row);
  },

  async usernameTaken(db: Db, username: string): Promise<boolean> {
    const row = await db
      .selectFrom('users')
      .select('id')
      .where(sql`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
    return row !== undefined;
  },

  async insert(db: Db, user: NewUser): Promise<User> {
    return toUser(await db.insertInto('users').values(toNewRow(user)).returningAll().executeTakeFirstOrThrow());
  },

  /** The update, not run and returning nothing: for a caller that batches it with other writes. */
  updateQuery(db: Db, id: number, changes: UserChanges) {
    return db.updateTable('users').set(toColumns(changes)).where('id', '=', id);
  },

  async update(db: Db, id: number, changes: UserChanges): Promise<User> {
    return toUser(await db.updateTable('users').set(toColumns(changes)).where('id', '=', id).returningAll().executeTakeFirstOrThrow());
  },

  /**
   * Counts a failed sign-in and, from the threshold on, makes the account wait: 1, 2, 4 … minutes,
   * doubling with each failure past the threshold, up to maxMinutes. Returns undefined, counting
   * nothing, when the account already waits. One statement, so of racing failures exactly one starts
   * a wait, and it costs no more than the one write a wrong password always cost (S15's timing).
   */
  async countFailedLogin(db: Db, id: number, now: Date, lockout: { threshold: number; maxMinutes: number }): Promise<User | undefined> {
    const failures = sql<number>`failed_login_count + 1`;
    const minutes = sql<number>`least(power(2, least(${failures} - ${lockout.threshold}, 20)), ${lockout.maxMinutes})::int`;
    const row = await db
      .updateTable('users')
      .set({
        failed_login_count: failures,
        locked_until: sql<Date | null>`case when ${failures} >= ${lockout.threshold} then ${now}::timestamptz + make_interval(mins => ${minutes}) else locked_until end`,
      })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .returningAll()
      .executeTakeFirst();
    return row && toUser(row);
  },

  async search(
    db: Db,
    options: { query?: string; status?: 'active' | 'locked' | 'deactivated'; agency?: AgencyFilter; now: Date; limit: number; offset: number },
  ): Promise<User[]> {
    let query = db.selectFrom('users').selectAll();
    const text = options.query?.trim().toLowerCase();
    if (text) {
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb(sql`lower(username)`, 'like', like),
          eb(sql`lower(first_name || ' ' || last_name)`, 'like', like),
          eb(sql`lower(coalesce(email, ''))`, 'like', like),
        ]),
      );
    }
    if (options.agency?.kind === 'agency') query = query.where('id', 'in', memberIds(db, options.agency.organizationId));
    if (options.agency?.kind === 'none') query = query.where('id', 'not in', memberIds(db, null));
    if (options.status === 'deactivated') query = query.where('deactivated_at', 'is not', null);
    if (options.status === 'locked') {
      query = query.where('deactivated_at', 'is', null).where('locked_until', '>', options.now);
    }
    if (options.status === 'active') {
      query = query
        .where('deactivated_at', 'is', null)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', options.now)]));
    }
    const rows = await query.orderBy(sql`lower(username)`).limit(options.limit).offset(options.offset).execute();
    return rows.map(toUser);
  },

  async countAdmins(db: Db): Promise<number> {
    const row = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('role', '=', 'admin')
      .where('deactivated_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};

/**
 * The ids of the users who work for this agency, or for any (not deleted) agency when it is null: a subquery
 * for `where id in …`. Memberships are written by access/memberships.repository.ts.
 */
function memberIds(db: Db, organizationId: string | null) {
  let query = db
    .selectFrom('user_organizations')
    .innerJoin('organizations', 'organizations.organization_id', 'user_organizations.organization_id')
    .select('user_organizations.user_id')
    .where('organizations.date_deleted', 'is', null);
  if (organizationId !== null) query = query.where('user_organizations.organization_id', '=', organizationId);
  return query;
}
