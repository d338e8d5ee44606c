import type { Kysely } from 'kysely';
import type { User } from '../../accounts/accounts.model.js';
import { isPlainEmailAddress, normalizeEmail } from '../../accounts/email-address.js';
import { usernameKey } from '../../accounts/username.js';
import type { UserService } from '../../accounts/users.service.js';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import { addMs, MINUTE, type Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Database, Db } from '../../db/schema.js';
import { DomainError } from '../../errors.js';
import type { Mailer } from '../../mail/mailer.js';
import { passwordResetEmail } from '../../mail/templates/password-reset.js';
import { SITE_NAMES, type SiteId } from '../../site-id.js';
import type { PasswordService } from '../password/password.service.js';
import type { Throttle } from '../throttle/throttle.js';
import { generateToken, hashToken, looksLikeToken } from '../tokens.js';
import { resetTokensRepository } from './reset-tokens.repository.js';

export class ResetLinkInvalidError extends DomainError {
  constructor() {
    super('This password reset link has expired or has already been used. Ask for a new one.');
  }
}

/** Why no link goes out for this account and email, or null when one may. */
function refusalFor(user: User, email: string): string | null {
  if (user.deactivatedAt) return 'account deactivated';
  if (!user.email) return 'no email on file';
  // Stored before addresses were checked strictly: a list or a display name could send the link elsewhere.
  if (!isPlainEmailAddress(user.email)) return 'email on file is not one plain address';
  return normalizeEmail(user.email) === email ? null : 'email does not match';
}

export function resetLink(config: Pick<Config, 'publicUrl'>, site: SiteId, token: string): string {
  // Built from configuration only, never from the request's Host header.
  return `${config.publicUrl}/${site}/reset/${token}`;
}

/** "Lost password": a single-use, short-lived link sent to the registered work email. */
export class ResetService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly site: SiteId,
    private readonly clock: Clock,
    private readonly config: Config,
    private readonly audit: AuditLog,
    private readonly mailer: Mailer,
    private readonly passwords: PasswordService,
    private readonly throttle: Throttle,
    private readonly users: UserService,
  ) {}

  /**
   * Sends a link when the username and email match an active account. The caller shows the same
   * screen whatever happened, so the result is only for tests and logs.
   */
  async request(usernameInput: string, emailInput: string, ip: string | null): Promise<'sent' | 'not-sent'> {
    await this.throttle.assertResetAllowed(ip);
    const key = usernameKey(usernameInput.slice(0, 200));
    const email = normalizeEmail(emailInput).slice(0, 320);
    const user = key ? await this.users.findByUsername(key) : undefined;
    const actor: Actor = { userId: null, username: null, ip };
    const notSent = async (db: Kysely<Database>, outcome: string) => {
      await this.audit.record(db, {
        event: 'reset.requested',
        actor,
        subject: user ? { id: user.id, username: user.username } : null,
        details: { outcome, ...(user ? {} : { attemptedUsername: key.slice(0, 64) }) },
      });
      return 'not-sent' as const;
    };
    const refusal = user ? refusalFor(user, email) : 'unknown username';
    if (!user || refusal) return notSent(this.db, refusal!);
    if (!(await this.throttle.mayEmailAccount(user.id))) {
      return notSent(this.db, 'too many requests for this account; no email sent');
    }
    const token = generateToken();
    const now = this.clock.now();
    const expiresAt = addMs(now, this.config.resetTokenTtlMinutes * MINUTE);
    const sent = await this.db.transaction().execute(async (trx) => {
      // Checked again under the row lock: an email change or deactivation racing this request wins cleanly.
      const current = await this.users.lockForChange(trx, user.id);
      const lateRefusal = current ? refusalFor(current, email) : 'unknown username';
      if (!current || lateRefusal) return lateRefusal ?? 'unknown username';
      await resetTokensRepository.replaceForUser(trx, current.id, hashToken(token), now, expiresAt);
      const message = passwordResetEmail({
        siteName: SITE_NAMES[this.site],
        username: current.username,
        requestedAt: now,
        timeZone: this.config.timeZone,
        link: resetLink(this.config, this.site, token),
        validMinutes: this.config.resetTokenTtlMinutes,
        supportEmail: this.config.supportEmail,
      });
      await this.mailer.enqueue(trx, { to: current.email!, template: 'password-reset', ...message });
      await this.audit.record(trx, {
        event: 'reset.requested',
        actor,
        subject: { id: current.id, username: current.username },
        details: { outcome: 'link sent' },
      });
      return null;
    });
    if (sent !== null) return notSent(this.db, sent);
    this.mailer.nudge();
    return 'sent';
  }

  /** Opening the link only looks; it never spends it (mail scanners open links). */
  async findUserForToken(token: string): Promise<User> {
    if (!looksLikeToken(token)) throw new ResetLinkInvalidError();
    const userId = await resetTokensRepository.usableBy(this.db, hashToken(token), this.clock.now());
    const user = userId === null ? undefined : await this.users.findById(userId);
    if (!user || user.deactivatedAt) throw new ResetLinkInvalidError();
    return user;
  }

  /**
   * Sets the new password. A password that fails the policy leaves the link usable; of two racing
   * submissions exactly one wins. The user is not signed in: they log in with the new password.
   */
  async complete(token: string, newPassword: string, confirmation: string, ip: string | null): Promise<User> {
    const user = await this.findUserForToken(token);
    const hash = await this.passwords.prepare(user, newPassword, confirmation);
    const updated = await this.db.transaction().execute(async (trx) => {
      // The user row first, then the token: the same lock order as every administrative change.
      const current = await this.users.lockForChange(trx, user.id);
      if (!current || current.deactivatedAt) throw new ResetLinkInvalidError();
      const userId = await resetTokensRepository.spend(trx, hashToken(token), this.clock.now());
      if (userId !== user.id) throw new ResetLinkInvalidError();
      await resetTokensRepository.cancelForUser(trx, user.id);
      return this.passwords.apply(trx, current, hash, 'reset', { userId: user.id, username: user.username, ip });
    });
    this.mailer.nudge();
    return updated;
  }

  /** Every link of the user stops working (a new password issued, a changed email, a deactivated account). */
  cancelLinks(db: Db, userId: number): Promise<void> {
    return resetTokensRepository.cancelForUser(db, userId);
  }
}
