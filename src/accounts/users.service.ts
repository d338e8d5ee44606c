import type { Kysely, Transaction } from 'kysely';
import type { Database, Db } from '../db/schema.js';
import type { BatchedWrite } from '../db/write-batch.js';
import type { User, UserChanges } from './accounts.model.js';
import { usersRepository } from './users.repository.js';

/**
 * The user records, for the features that sign users in and keep their accounts safe (auth/): they read and
 * change users only through this service. Administration of accounts, with its own rules, is AccountService.
 */
export class UserService {
  constructor(private readonly db: Kysely<Database>) {}

  findById(id: number, db: Db = this.db): Promise<User | undefined> {
    return usersRepository.findById(db, id);
  }

  /** Case-insensitive: usernames are unique by lower(username). */
  findByUsername(username: string, db: Db = this.db): Promise<User | undefined> {
    return usersRepository.findByUsername(db, username);
  }

  /** The user's row locked for the rest of the transaction, so racing changes to one account run one after another. */
  lockForChange(trx: Transaction<Database>, id: number): Promise<User | undefined> {
    return usersRepository.findByIdForUpdate(trx, id);
  }

  /** The same change as a write to batch with others (executeWriteBatch). */
  updateWrite(db: Db, id: number, changes: UserChanges): BatchedWrite {
    return { query: usersRepository.updateQuery(db, id, changes) };
  }

  update(db: Db, id: number, changes: UserChanges): Promise<User> {
    return usersRepository.update(db, id, changes);
  }

  /**
   * Counts one more failure in a row and, from the threshold on, makes the account wait (1, 2, 4 … minutes, up
   * to maxMinutes). Undefined, counting nothing, when the account already waits.
   */
  countFailedLogin(id: number, now: Date, lockout: { threshold: number; maxMinutes: number }): Promise<User | undefined> {
    return usersRepository.countFailedLogin(this.db, id, now, lockout);
  }
}
