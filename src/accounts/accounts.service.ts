import type { Kysely, Transaction } from 'kysely';
import type { AccessService } from '../access/access.service.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { changedFields } from '../audit/changed-fields.js';
import { temporaryPasswordExpiresAt } from '../auth/password/expiry.js';
import { hashPassword } from '../auth/password/hashing.js';
import { generateTemporaryPassword } from '../auth/password/policy.js';
import type { ResetService } from '../auth/reset/reset.service.js';
import type { SessionService } from '../auth/session/session.service.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { accountStatus, type AccountStatus } from './account-status.js';
import type { AgencyFilter, Role, StoredEmail, User } from './accounts.model.js';
import { isPlainEmailAddress, normalizeEmail, PLAIN_EMAIL_RULE } from './email-address.js';
import { baseUsername, nextAvailableUsername, normalizeRequestedUsername, UsernameError } from './username.js';
import { usersRepository } from './users.repository.js';

export interface AccountInput {
  firstName: string;
  lastName: string;
  email?: string | null;
  isVolunteer?: boolean;
  role: Role;
  /**
   * The agencies (OrganizationIDs) the person works for, saved with the account in one transaction and
   * audited as account.agencies_changed. Left out, an update keeps the agencies as they are.
   */
  organizationIds?: readonly string[];
}

export interface CreateAccountInput extends AccountInput {
  /** A specifically requested username; otherwise first initial + last name. */
  username?: string | null;
}

export interface IssuedPassword {
  user: User;
  /** Shown once to the administrator; never stored or logged. */
  temporaryPassword: string;
}

/** Audit entries name an account's changed fields by their columns, as they always have. */
const AUDITED_FIELD_NAMES = { firstName: 'first_name', lastName: 'last_name', isVolunteer: 'is_volunteer' } as const;

const NAME_MAX = 100;

import { ROLES } from '../access/access-policy.js';

export { ROLE_NAMES, ROLES } from '../access/access-policy.js';

function validateAccount(input: AccountInput): { firstName: string; lastName: string; email: string | null; isVolunteer: boolean } {
  const errors: Record<string, string[]> = {};
  const firstName = String(input.firstName ?? '').trim();
  const lastName = String(input.lastName ?? '').trim();
  const email = normalizeEmail(String(input.email ?? '')) || null;
  const isVolunteer = input.isVolunteer === true;
  if (!firstName) errors.firstName = ['Enter a first name.'];
  else if (firstName.length > NAME_MAX) errors.firstName = [`Use at most ${NAME_MAX} characters.`];
  if (!lastName) errors.lastName = ['Enter a last name.'];
  else if (lastName.length > NAME_MAX) errors.lastName = [`Use at most ${NAME_MAX} characters.`];
  if (/[\u0000-\u001f\u007f]/.test(firstName + lastName)) {
    errors.lastName = [...(errors.lastName ?? []), 'Names cannot contain control characters.'];
  }
  if (email && !isPlainEmailAddress(email)) errors.email = [PLAIN_EMAIL_RULE];
  if (!email && !isVolunteer) errors.email = ['Enter the work email address. Only volunteers may have no email.'];
  if (!ROLES.includes(input.role)) errors.role = ['Choose a role.'];
  if (Object.keys(errors).length > 0) throw new ValidationError('Please correct the highlighted fields.', errors);
  return { firstName, lastName, email, isVolunteer };
}

/** Administration of user accounts. Administrators issue temporary passwords; they never set or see a user's own. */
export class AccountService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly config: Config,
    private readonly audit: AuditLog,
    private readonly access: AccessService,
    private readonly sessions: SessionService,
    private readonly reset: ResetService,
  ) {}

  /**
   * The usernames of the accounts these HUD UserIDs name (hudUserId: an account's id), in one query, for the "by …"
   * lines of a page. A UserID that names no account (the system, the command line, data imported) is left out.
   */
  async usernamesOf(hudUserIds: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
    const ids = [...new Set(hudUserIds.filter((id): id is string => typeof id === 'string' && /^[0-9]{1,15}$/.test(id)).map(Number))];
    const users = await usersRepository.usernamesByIds(this.db, ids);
    return new Map(users.map((u) => [String(u.id), u.username]));
  }

  /** The conventional username for a new account: first initial + last name, with a number if taken. */
  async suggestUsername(firstName: string, lastName: string): Promise<string> {
    return nextAvailableUsername(baseUsername(firstName, lastName), (c) => usersRepository.usernameTaken(this.db, c));
  }

  async create(input: CreateAccountInput, actor: Actor): Promise<IssuedPassword> {
    const valid = validateAccount(input);
    let username: string;
    try {
      username = input.username?.trim()
        ? normalizeRequestedUsername(input.username)
        : await this.suggestUsername(valid.firstName, valid.lastName);
    } catch (error) {
      if (error instanceof UsernameError) throw new ValidationError(error.message, { username: [error.message] });
      throw error;
    }
    if (await usersRepository.usernameTaken(this.db, username)) {
      throw new ValidationError(`The username ${username} is already taken.`, {
        username: [`The username ${username} is already taken. Choose another, or leave it empty for a suggestion.`],
      });
    }
    const temporaryPassword = generateTemporaryPassword();
    const hash = await hashPassword(temporaryPassword);
    const now = this.clock.now();
    try {
      const user = await this.db.transaction().execute(async (trx) => {
        const user = await usersRepository.insert(trx, {
          username,
          firstName: valid.firstName,
          lastName: valid.lastName,
          email: valid.email,
          isVolunteer: valid.isVolunteer,
          role: input.role,
          passwordHash: hash,
          passwordIsTemporary: true,
          passwordSetAt: now,
          passwordExpiresAt: temporaryPasswordExpiresAt(now, this.config),
          createdAt: now,
          updatedAt: now,
        });
        const subject = { id: user.id, username: user.username };
        await this.audit.record(trx, { event: 'account.created', actor, subject, details: { role: user.role, volunteer: user.isVolunteer } });
        await this.audit.record(trx, { event: 'password.temporary_issued', actor, subject });
        if (input.organizationIds?.length) await this.access.setOrganizations(user, input.organizationIds, actor, trx);
        return user;
      });
      return { user, temporaryPassword };
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new ConflictError(`The username ${username} was just taken by someone else. Please try again.`);
      }
      throw error;
    }
  }

  /**
   * A new one-time password for the user, generated here and shown once. It replaces their password,
   * ends their sessions and cancels their reset links.
   */
  async issueTemporaryPassword(userId: number, actor: Actor): Promise<IssuedPassword> {
    const temporaryPassword = generateTemporaryPassword();
    const hash = await hashPassword(temporaryPassword);
    const user = await this.change(userId, async (trx, user, now) => {
      const updated = await usersRepository.update(trx, user.id, {
        passwordHash: hash,
        passwordIsTemporary: true,
        passwordSetAt: now,
        passwordExpiresAt: temporaryPasswordExpiresAt(now, this.config),
        updatedAt: now,
      });
      await this.sessions.endAllForUser(trx, user.id);
      await this.reset.cancelLinks(trx, user.id);
      await this.audit.record(trx, {
        event: 'password.temporary_issued',
        actor,
        subject: { id: user.id, username: user.username },
        details: { issuedBy: actor.username },
      });
      return updated;
    });
    return { user, temporaryPassword };
  }

  async update(userId: number, input: AccountInput, actor: Actor): Promise<User> {
    const valid = validateAccount(input);
    return this.change(userId, async (trx, user, now) => {
      if (user.role === 'admin' && input.role !== 'admin') await this.ensureAnotherAdmin(trx, user);
      const changes = {
        firstName: valid.firstName,
        lastName: valid.lastName,
        email: valid.email,
        isVolunteer: valid.isVolunteer,
        role: input.role,
      };
      const changed = changedFields(user, changes, AUDITED_FIELD_NAMES);
      let updated = user;
      if (changed.length > 0) {
        updated = await usersRepository.update(trx, user.id, { ...changes, updatedAt: now });
        // A changed email must not receive links sent to the old one.
        if (changed.includes('email')) await this.reset.cancelLinks(trx, user.id);
        await this.audit.record(trx, {
          event: 'account.changed',
          actor,
          subject: { id: user.id, username: user.username },
          details: { fields: changed.join(', '), ...(changed.includes('role') ? { role: input.role } : {}) },
        });
      }
      // Audited on its own (account.agencies_changed), and only when the list really changes.
      if (input.organizationIds) await this.access.setOrganizations(user, input.organizationIds, actor, trx);
      return updated;
    });
  }

  async deactivate(userId: number, actor: Actor): Promise<User> {
    if (actor.userId === userId) throw new ForbiddenError('You cannot deactivate your own account.');
    return this.change(userId, async (trx, user, now) => {
      if (user.deactivatedAt) return user;
      if (user.role === 'admin') await this.ensureAnotherAdmin(trx, user);
      const updated = await usersRepository.update(trx, user.id, { deactivatedAt: now, updatedAt: now });
      await this.sessions.endAllForUser(trx, user.id);
      await this.reset.cancelLinks(trx, user.id);
      await this.audit.record(trx, { event: 'account.deactivated', actor, subject: { id: user.id, username: user.username } });
      return updated;
    });
  }

  async reactivate(userId: number, actor: Actor): Promise<User> {
    return this.change(userId, async (trx, user, now) => {
      if (!user.deactivatedAt) return user;
      const updated = await usersRepository.update(trx, user.id, {
        deactivatedAt: null,
        failedLoginCount: 0,
        lockedUntil: null,
        updatedAt: now,
      });
      await this.audit.record(trx, { event: 'account.reactivated', actor, subject: { id: user.id, username: user.username } });
      return updated;
    });
  }

  async unlock(userId: number, actor: Actor): Promise<User> {
    return this.change(userId, async (trx, user, now) => {
      const updated = await usersRepository.update(trx, user.id, { failedLoginCount: 0, lockedUntil: null, updatedAt: now });
      await this.audit.record(trx, { event: 'account.unlocked', actor, subject: { id: user.id, username: user.username } });
      return updated;
    });
  }

  async get(userId: number): Promise<User> {
    const user = await usersRepository.findById(this.db, userId);
    if (!user) throw new NotFoundError('No such user.');
    return user;
  }

  async getByUsername(username: string): Promise<User> {
    const user = await usersRepository.findByUsername(this.db, username.trim());
    if (!user) throw new NotFoundError(`No user named ${username.trim()}.`);
    return user;
  }

  search(options: { query?: string; status?: AccountStatus; agency?: AgencyFilter; limit?: number; offset?: number } = {}): Promise<User[]> {
    return usersRepository.search(this.db, {
      query: options.query,
      status: options.status,
      agency: options.agency,
      now: this.clock.now(),
      limit: Math.min(options.limit ?? 50, 200),
      offset: Math.max(options.offset ?? 0, 0),
    });
  }

  status(user: User): AccountStatus {
    return accountStatus(user, this.clock.now());
  }

  /**
   * Accounts whose stored email is not one plain address (saved before addresses were checked
   * strictly): no mail goes to them until an administrator enters one address.
   */
  async withUnusableEmail(): Promise<StoredEmail[]> {
    const stored = await usersRepository.listEmails(this.db);
    return stored.filter((row) => !isPlainEmailAddress(row.email));
  }

  private async ensureAnotherAdmin(trx: Transaction<Database>, user: User): Promise<void> {
    if (!user.deactivatedAt && (await usersRepository.countAdmins(trx)) <= 1) {
      throw new ConflictError(`${user.username} is the only active HMIS administrator; make someone else an administrator first.`);
    }
  }

  /** Runs a change with the user's row locked, so racing administrative actions apply one after another. */
  private async change(
    userId: number,
    fn: (trx: Transaction<Database>, user: User, now: Date) => Promise<User>,
  ): Promise<User> {
    return this.db.transaction().execute(async (trx) => {
      const user = await usersRepository.findByIdForUpdate(trx, userId);
      if (!user) throw new NotFoundError('No such user.');
      return fn(trx, user, this.clock.now());
    });
  }
}
