import type { Kysely, Transaction } from 'kysely';
import { usersRepository } from '../../accounts/users.repository.js';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Database, User } from '../../db/schema.js';
import { ValidationError } from '../../errors.js';
import type { Mailer } from '../../mail/mailer.js';
import { passwordChangedEmail } from '../../mail/templates/password-changed.js';
import { SITE_NAMES, type SiteId } from '../../site-id.js';
import { hashPassword, verifyPassword } from './hashing.js';
import { userPasswordExpiresAt } from './expiry.js';
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
  ) {}

  /** Validates a new password for this user and returns its argon2id hash; throws PasswordPolicyError. */
  async prepare(user: User, newPassword: string, confirmation: string): Promise<string> {
    if (typeof newPassword !== 'string' || newPassword.length === 0) {
      throw new ValidationError('Enter a new password.', { newPassword: ['Enter a new password.'] });
    }
    const policy = checkPasswordPolicy(newPassword, {
      username: user.username,
      firstName: user.first_name,
      lastName: user.last_name,
    });
    if (!policy.ok) throw new PasswordPolicyError(policy.failed, policy.messages);
    if (newPassword !== confirmation) {
      throw new ValidationError('The two passwords do not match.', {
        confirmPassword: ['The two passwords do not match. Type the same new password in both spaces.'],
      });
    }
    const previous = await usersRepository.recentPasswordHashes(this.db, user.id, PASSWORD_HISTORY_SIZE);
    if (user.password_hash) previous.push(user.password_hash); // includes a temporary password
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
    const updated = await usersRepository.update(trx, user.id, {
      password_hash: hash,
      password_is_temporary: false,
      password_set_at: now,
      password_expires_at: userPasswordExpiresAt(now, this.config),
      failed_login_count: 0,
      locked_until: null,
      updated_at: now,
    });
    await usersRepository.addPasswordHistory(trx, user.id, hash, now, PASSWORD_HISTORY_SIZE);
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
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
}
