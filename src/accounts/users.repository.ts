import { sql, type Transaction } from 'kysely';
import { membershipsRepository } from '../access/memberships.repository.js';
import type { Database, Db, NewUser, User, UserUpdate } from '../db/schema.js';
import type { AgencyFilter } from './accounts.service.js';

/** The only place that reads or writes the users and password_history tables. */
export const usersRepository = {
  findById(db: Db, id: number): Promise<User | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Case-insensitive: usernames are unique by lower(username). */
  findByUsername(db: Db, username: string): Promise<User | undefined> {
    return db
      .selectFrom('users')
      .selectAll()
      .where(sql`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
  },

  /** Locks the row for the rest of the transaction, so racing changes to one account run one after another. */
  findByIdForUpdate(trx: Transaction<Database>, id: number): Promise<User | undefined> {
    return trx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  async usernameTaken(db: Db, username: string): Promise<boolean> {
    const row = await db
      .selectFrom('users')
      .select('id')
      .where(sql`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
    return row !== undefined;
  },

  insert(db: Db, user: NewUser): Promise<User> {
    return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Db, id: number, changes: UserUpdate): Promise<User> {
    return db.updateTable('users').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  async recordFailedLogin(db: Db, id: number, lockedUntil: (failures: number) => Date | null): Promise<User> {
    const row = await db
      .updateTable('users')
      .set((eb) => ({ failed_login_count: eb('failed_login_count', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const until = lockedUntil(row.failed_login_count);
    if (!until) return row;
    return db.updateTable('users').set({ locked_until: until }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  search(
    db: Db,
    options: { query?: string; status?: 'active' | 'locked' | 'deactivated'; agency?: AgencyFilter; now: Date; limit: number; offset: number },
  ) {
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
    // Who works where is read through the memberships repository, the one owner of user_organizations.
    if (options.agency?.kind === 'agency') query = query.where('id', 'in', membershipsRepository.memberIdsQuery(db, options.agency.organizationId));
    if (options.agency?.kind === 'none') query = query.where('id', 'not in', membershipsRepository.memberIdsQuery(db, null));
    if (options.status === 'deactivated') query = query.where('deactivated_at', 'is not', null);
    if (options.status === 'locked') {
      query = query.where('deactivated_at', 'is', null).where('locked_until', '>', options.now);
    }
    if (options.status === 'active') {
      query = query
        .where('deactivated_at', 'is', null)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', options.now)]));
    }
    return query.orderBy(sql`lower(username)`).limit(options.limit).offset(options.offset).execute();
  },

  listAll(db: Db): Promise<User[]> {
    return db.selectFrom('users').selectAll().orderBy(sql`lower(username)`).execute();
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

  recentPasswordHashes(db: Db, userId: number, count: number): Promise<string[]> {
    return db
      .selectFrom('password_history')
      .select('password_hash')
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(count)
      .execute()
      .then((rows) => rows.map((r) => r.password_hash));
  },

  async addPasswordHistory(db: Db, userId: number, hash: string, at: Date, keep: number): Promise<void> {
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
