import type { Kysely, Transaction } from 'kysely';
import type { User } from '../../accounts/accounts.model.js';
import type { UserService } from '../../accounts/users.service.js';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import { MINUTE, type Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Database, Db } from '../../db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import type { Mailer } from '../../mail/mailer.js';
import type { Sealer } from '../../mail/sealer.js';
import { secondFactorChangedEmail, type SecondFactorChange } from '../../mail/templates/second-factor-changed.js';
import type { SettingsService } from '../../settings/settings.service.js';
import { SITE_NAMES, type SiteId } from '../../site-id.js';
import { hashPassword, verifyPassword } from '../password/hashing.js';
import type { SessionService } from '../session/session.service.js';
import { canonicalRecoveryCode, generateRecoveryCodes } from './recovery-codes.js';
import { secondFactorsRepository } from './second-factors.repository.js';
import { formatManualKey, generateTotpSecret, matchingTotpStep, totpUri } from './totp.js';

/** How long the set-up page stays valid: time to install an app and scan the code. */
const ENROLMENT_TTL_MS = 30 * MINUTE;
const ENROLMENT_PURPOSE = 'hearth totp enrolment';

export interface SecondFactorStatus {
  enabledAt: Date;
  recoveryCodesLeft: number;
}

/** What the set-up page shows; `ticket` goes back with the confirmation code. */
export interface EnrolmentOffer {
  ticket: string;
  uri: string;
  manualKey: string;
}

export type CodeCheck = 'ok' | 'wrong' | 'replayed';

export type EnrolmentResult<T> =
  | { ok: true; recoveryCodes: string[]; then: T }
  | { ok: false; reason: 'wrong-code' | 'expired' };

/**
 * The second factor: a TOTP authenticator app plus ten single-use recovery codes. The TOTP secret is
 * sealed with the site's key; each accepted code's time step is remembered so a code works once.
 */
export class SecondFactorService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'timeZone' | 'supportEmail'>,
    private readonly audit: AuditLog,
    private readonly mailer: Mailer,
    private readonly sealer: Sealer,
    private readonly settings: SettingsService,
    private readonly site: SiteId,
    private readonly users: UserService,
    private readonly sessions: SessionService,
  ) {}

  /** Read in a batch (readBatch), it gives the user's id when they have a second factor, null otherwise. */
  enrolledRead(db: Db, userId: number) {
    return secondFactorsRepository.existsQuery(db, userId);
  }

  isEnrolled(userId: number, db: Db = this.db): Promise<boolean> {
    return secondFactorsRepository.exists(db, userId);
  }

  async status(userId: number): Promise<SecondFactorStatus | null> {
    const factor = await secondFactorsRepository.find(this.db, userId);
    if (!factor) return null;
    return { enabledAt: factor.enabledAt, recoveryCodesLeft: await secondFactorsRepository.countUnusedRecoveryCodes(this.db, userId) };
  }

  /** Whether the user may turn their second factor off (not when the site's policy requires one). */
  async mayRemove(user: User): Promise<boolean> {
    return !(await this.settings.requiresSecondFactor(user.role));
  }

  /**
   * A fresh secret for the set-up page. Nothing is stored until the user proves their app works: the
   * secret travels in a sealed ticket (bound to the user and the time), so GET changes no state and a
   * form can only ever confirm a secret Hearth generated.
   */
  offerEnrolment(user: User): EnrolmentOffer {
    const secret = generateTotpSecret();
    const ticket = this.sealer.seal(JSON.stringify({ p: ENROLMENT_PURPOSE, u: user.id, s: secret, t: this.clock.now().getTime() }));
    return this.describe(user, secret, ticket);
  }

  /** The same offer again (after a mistyped code), or null when the ticket is not valid for this user now. */
  reopenEnrolment(user: User, ticket: string): EnrolmentOffer | null {
    const secret = this.openTicket(user, ticket);
    return secret ? this.describe(user, secret, ticket) : null;
  }

  /**
   * Turns the second factor on when `code` matches the offered secret: stores it sealed, makes ten
   * recovery codes (returned once, stored hashed), audits and emails. `then` runs in the same
   * transaction (a forced enrolment starts the user's full session there).
   */
  async confirmEnrolment<T>(
    user: User,
    ticket: string,
    code: string,
    actor: Actor,
    then: (trx: Transaction<Database>) => Promise<T>,
  ): Promise<EnrolmentResult<T>> {
    const secret = this.openTicket(user, ticket);
    if (!secret) return { ok: false, reason: 'expired' };
    const step = matchingTotpStep(secret, code, this.clock.now());
    if (step === null) return { ok: false, reason: 'wrong-code' };
    const recoveryCodes = generateRecoveryCodes();
    const hashes = await Promise.all(recoveryCodes.map((c) => hashPassword(canonicalRecoveryCode(c)!)));
    const now = this.clock.now();
    const result = await this.db.transaction().execute(async (trx) => {
      await this.users.lockForChange(trx, user.id);
      if (await secondFactorsRepository.exists(trx, user.id)) {
        throw new ConflictError('A second factor is already set up for your account.');
      }
      await secondFactorsRepository.save(trx, {
        userId: user.id,
        totpSecretSealed: this.sealSecret(user.id, secret),
        // The code that proved the set-up cannot be used again to sign in.
        lastUsedStep: step,
        enabledAt: now,
      });
      await secondFactorsRepository.replaceRecoveryCodes(trx, user.id, hashes, now);
      await this.audit.record(trx, { event: 'second_factor.enabled', actor, subject: subjectOf(user), details: { method: 'authenticator app' } });
      await this.notify(trx, user, 'enabled');
      return then(trx);
    });
    this.mailer.nudge();
    return { ok: true, recoveryCodes, then: result };
  }

  /** Checks an authenticator code at sign-in; an accepted code's step is used up. */
  async checkTotp(user: User, code: string): Promise<CodeCheck> {
    const factor = await secondFactorsRepository.find(this.db, user.id);
    if (!factor) return 'wrong';
    const step = matchingTotpStep(this.openSecret(user.id, factor.totpSecretSealed), code, this.clock.now());
    if (step === null) return 'wrong';
    return (await secondFactorsRepository.claimStep(this.db, user.id, step)) ? 'ok' : 'replayed';
  }

  /** Spends a recovery code at sign-in; returns how many are left, or null when it matched none. */
  async useRecoveryCode(user: User, input: string, actor: Actor): Promise<{ remaining: number } | null> {
    const canonical = canonicalRecoveryCode(input);
    if (!canonical) return null;
    const unused = await secondFactorsRepository.unusedRecoveryCodes(this.db, user.id);
    for (const code of unused) {
      if (!(await verifyPassword(code.codeHash, canonical))) continue;
      if (!(await secondFactorsRepository.markRecoveryCodeUsed(this.db, code.id, this.clock.now()))) return null;
      const remaining = unused.length - 1;
      await this.audit.record(this.db, {
        event: 'second_factor.recovery_code_used',
        actor,
        subject: subjectOf(user),
        details: { remaining },
      });
      return { remaining };
    }
    return null;
  }

  /** Ten new recovery codes (shown once); the old ones stop working. The caller checked the password. */
  async regenerateRecoveryCodes(user: User, actor: Actor): Promise<string[]> {
    const recoveryCodes = generateRecoveryCodes();
    const hashes = await Promise.all(recoveryCodes.map((c) => hashPassword(canonicalRecoveryCode(c)!)));
    await this.db.transaction().execute(async (trx) => {
      await this.users.lockForChange(trx, user.id);
      if (!(await secondFactorsRepository.exists(trx, user.id))) {
        throw new ConflictError('Set up an authenticator app first; recovery codes come with it.');
      }
      await secondFactorsRepository.replaceRecoveryCodes(trx, user.id, hashes, this.clock.now());
      await this.audit.record(trx, { event: 'second_factor.recovery_codes_regenerated', actor, subject: subjectOf(user) });
      await this.notify(trx, user, 'recovery-codes');
    });
    this.mailer.nudge();
    return recoveryCodes;
  }

  /** The user turns their own second factor off (the caller checked the password). */
  async remove(user: User, actor: Actor): Promise<void> {
    if (!(await this.mayRemove(user))) {
      throw new ForbiddenError(
        'Your HMIS administrators require a second factor on this site, so it cannot be turned off. If you have a new phone, ask the HMIS Administration Team to reset it; you will then set it up again when you next sign in.',
      );
    }
    await this.db.transaction().execute(async (trx) => {
      await this.users.lockForChange(trx, user.id);
      if (!(await secondFactorsRepository.delete(trx, user.id))) throw new ConflictError('No second factor is set up for your account.');
      await this.audit.record(trx, { event: 'second_factor.disabled', actor, subject: subjectOf(user) });
      await this.notify(trx, user, 'disabled');
    });
    this.mailer.nudge();
  }

  /**
   * An administrator (or the CLI) removes a user's authenticator app and recovery codes, e.g. after a
   * lost phone. The user's sessions end; at the next sign-in they set one up again if the policy asks.
   */
  async reset(userId: number, actor: Actor): Promise<User> {
    const user = await this.db.transaction().execute(async (trx) => {
      const user = await this.users.lockForChange(trx, userId);
      if (!user) throw new NotFoundError('No such user.');
      if (!(await secondFactorsRepository.delete(trx, user.id))) {
        throw new ConflictError(`${user.username} has no second factor to reset.`);
      }
      await this.sessions.endAllForUser(trx, user.id);
      await this.audit.record(trx, {
        event: 'second_factor.reset',
        actor,
        subject: subjectOf(user),
        details: { resetBy: actor.username },
      });
      await this.notify(trx, user, 'reset');
      return user;
    });
    this.mailer.nudge();
    return user;
  }

  private describe(user: User, secret: string, ticket: string): EnrolmentOffer {
    return { ticket, uri: totpUri(secret, `Hearth ${SITE_NAMES[this.site]}`, user.username), manualKey: formatManualKey(secret) };
  }

  private openTicket(user: User, ticket: string): string | null {
    try {
      const value = JSON.parse(this.sealer.open(ticket)) as { p?: unknown; u?: unknown; s?: unknown; t?: unknown };
      const age = this.clock.now().getTime() - Number(value.t);
      const fresh = age >= 0 && age <= ENROLMENT_TTL_MS;
      return value.p === ENROLMENT_PURPOSE && value.u === user.id && typeof value.s === 'string' && fresh ? value.s : null;
    } catch {
      return null; // altered, truncated or sealed with another key
    }
  }

  /** The user id is sealed with the secret, so a sealed secret copied to another account's row is refused. */
  private sealSecret(userId: number, secret: string): string {
    return this.sealer.seal(JSON.stringify({ u: userId, s: secret }));
  }

  private openSecret(userId: number, sealed: string): string {
    const value = JSON.parse(this.sealer.open(sealed)) as { u?: unknown; s?: unknown };
    if (value.u !== userId || typeof value.s !== 'string') throw new Error('A stored TOTP secret belongs to another account.');
    return value.s;
  }

  private async notify(trx: Transaction<Database>, user: User, change: SecondFactorChange): Promise<void> {
    if (!user.email) return;
    const message = secondFactorChangedEmail({
      siteName: SITE_NAMES[this.site],
      username: user.username,
      changedAt: this.clock.now(),
      timeZone: this.config.timeZone,
      change,
      supportEmail: this.config.supportEmail,
    });
    await this.mailer.enqueue(trx, { to: user.email, template: 'second-factor-changed', ...message });
  }
}

function subjectOf(user: User) {
  return { id: user.id, username: user.username };
}
