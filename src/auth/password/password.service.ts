import type { Kysely, Transaction } from 'kysely';
import type { User } from '../../accounts/accounts.model.js';
import type { UserService } from '../../accounts/users.service.js';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { ValidationError } from '../../errors.js';
import type { Mailer } from '../../mail/mailer.js';
import { passwordChangedEmail } from '../../mail/templates/password-changed.js';
import { SITE_NAMES, type SiteId } from '../../site-id.js';
import type { DeviceMeta } from '../devices/device.service.js';
import type { SignInFlow, StartedSession } from '../login/sign-in-flow.js';
import type { SessionService } from '../session/session.service.js';
import { hashPassword, verifyPassword } from './hashing.js';
import { userPasswordExpiresAt } from './expiry.js';
import { passwordHistoryRepository } from './password-history.repository.js';
import { PasswordPolicyError } from './password-policy-error.js';
import { checkPasswordPolicy, NOT_REUSED_MESSAGE, PASSWORD_HISTORY_SIZE } from './policy.js';

export type PasswordChangeHow = 'change' | 'forced change' | 'reset';

/**
 * The one path by which a user's own password is set (voluntary change, forced change, reset).
 * Checks happen before any transaction, since argon2 is slow; the write happens in the caller's transaction.
 */
export class PasswordService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly config: Config,
    private readonly audit: AuditLog,
    private readonly mailer: Mailer,
    private readonly site: SiteId,
    private readonly users: UserService,
    private readonly sessions: SessionService,
    private readonly signIn: SignInFlow,
  ) {}

  /** Validates a new password for this user and returns its argon2id hash; throws PasswordPolicyError. */
  async prepare(user: User, newPassword: string, confirmation: string): Promise<string> {
    if (typeof newPassword !== 'string' || newPassword.length === 0) {
      throw new ValidationError('Enter a new password.', { newPassword: ['Enter a new password.'] });
    }
    const policy = checkPasswordPolicy(newPassword, {
      username: user.username,
      firstName: user.firstName,
      lastName: user.lastName,
    });
    if (!policy.ok) throw new PasswordPolicyError(policy.failed, policy.messages);
    if (newPassword !== confirmation) {
      throw new ValidationError('The two passwords do not match.', {
        confirmPassword: ['The two passwords do not match. Type the same new password in both spaces.'],
      });
    }
    const previous = await passwordHistoryRepository.recentHashes(this.db, user.id, PASSWORD_HISTORY_SIZE);
    if (user.passwordHash) previous.push(user.passwordHash); // includes a temporary password
    for (const old of previous) {
      if (await verifyPassword(old, newPassword)) throw new PasswordPolicyError(['notReused'], [NOT_REUSED_MESSAGE]);
    }
    return hashPassword(newPassword);
  }

  /**
   * Stores a prepared hash as the user's own password: a fresh 60-day period, the history updated,
   * any lock lifted, every session of the user ended (the caller starts a new one if it signs them in).
   */
  async apply(trx: Transaction<Database>, user: User, hash: string, how: PasswordChangeHow, actor: Actor): Promise<User> {
    const now = this.clock.now();
    const updated = await this.users.update(trx, user.id, {
      passwordHash: hash,
      passwordIsTemporary: false,
      passwordSetAt: now,
      passwordExpiresAt: userPasswordExpiresAt(now, this.config),
      failedLoginCount: 0,
      lockedUntil: null,
      updatedAt: now,
    });
    await passwordHistoryRepository.add(trx, user.id, hash, now, PASSWORD_HISTORY_SIZE);
    await this.sessions.endAllForUser(trx, user.id);
    await this.audit.record(trx, {
      event: how === 'reset' ? 'reset.completed' : 'password.changed',
      actor,
      subject: { id: user.id, username: user.username },
      details: { how },
    });
    if (user.email) {
      const message = passwordChangedEmail({
        siteName: SITE_NAMES[this.site],
        username: user.username,
        changedAt: now,
        timeZone: this.config.timeZone,
        how,
        supportEmail: this.config.supportEmail,
      });
      await this.mailer.enqueue(trx, { to: user.email, template: 'password-changed', ...message });
    }
    return updated;
  }

  /**
   * The signed-in user's own new password (a voluntary change, or the forced change of a sign-in). Every
   * session of theirs ends and one starts here: a full one after a voluntary change, the next sign-in step
   * after a forced one.
   */
  async changeOwn(
    user: User,
    newPassword: string,
    confirmation: string,
    how: Exclude<PasswordChangeHow, 'reset'>,
    meta: DeviceMeta,
  ): Promise<StartedSession> {
    const hash = await this.prepare(user, newPassword, confirmation);
    const actor = { userId: user.id, username: user.username, ip: meta.ip };
    const started = await this.db.transaction().execute(async (trx) => {
      const updated = await this.apply(trx, user, hash, how, actor);
      if (how === 'forced change') return this.signIn.advance(trx, updated, 'password_change', meta);
      return { kind: 'full' as const, token: await this.sessions.create(trx, user.id, 'full', meta), deviceToken: null };
    });
    this.mailer.nudge();
    return started;
  }
}
