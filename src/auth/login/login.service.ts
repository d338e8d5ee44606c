import type { Kysely } from 'kysely';
import type { User } from '../../accounts/accounts.model.js';
import { isLocked } from '../../accounts/account-status.js';
import { usernameKey } from '../../accounts/username.js';
import type { UserService } from '../../accounts/users.service.js';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { BatchedWrite } from '../../db/write-batch.js';
import type { Mailer } from '../../mail/mailer.js';
import { accountLockedEmail } from '../../mail/templates/account-locked.js';
import { SITE_NAMES, type SiteId } from '../../site-id.js';
import type { DeviceMeta } from '../devices/device.service.js';
import { isExpired } from '../password/expiry.js';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../password/hashing.js';
import type { SecondFactorService } from '../second-factor/second-factor.service.js';
import type { Session } from '../session/session.model.js';
import type { SessionService } from '../session/session.service.js';
import type { Throttle } from '../throttle/throttle.js';
import { passwordChangeReason, type SignInFlow, type StartedSession } from './sign-in-flow.js';

export type LoginResult =
  /** Wrong password, unknown user, deactivated, waiting, spent or lapsed temporary password: all look the same. */
  | { kind: 'failed' }
  /** The password was right; `session.kind` says which step comes next ('full' when none). */
  | { kind: 'password-accepted'; user: User; session: StartedSession };

export type SecondFactorMethod = 'authenticator app' | 'recovery code';

export type SecondFactorResult =
  | { kind: 'wrong-code'; replayed: boolean }
  /** Too many wrong codes (or passwords): the account waits, and its sessions, this step's included, have ended. */
  | { kind: 'signed-out' }
  | { kind: 'code-accepted'; user: User; session: StartedSession; recoveryCodesLeft: number | null };

/** The answer to a current-password field inside a session. */
export type PasswordConfirmation =
  | 'confirmed'
  | 'wrong'
  /** The account waits (after this failure or earlier ones): every session of it has ended, the asking one too. */
  | 'signed-out';

/** A failure counted towards the lockout: the account afterwards, and whether it now waits. */
export interface CountedFailure {
  user: User;
  locked: boolean;
}

/** Usernames and passwords longer than this are not looked up or hashed at all. */
const MAX_USERNAME_LENGTH = 200;
const MAX_PASSWORD_LENGTH = 1024;
/** Users' ids start at 1: an update of this id touches no row. */
const NO_SUCH_USER_ID = 0;

const CODE_FAILURE_REASONS = {
  'authenticator app': { wrong: 'wrong authentication code', replayed: 'authentication code already used' },
  'recovery code': { wrong: 'wrong recovery code', replayed: 'recovery code already used' },
} as const;

export class LoginService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly config: Config,
    private readonly audit: AuditLog,
    private readonly sessions: SessionService,
    private readonly throttle: Throttle,
    private readonly secondFactors: SecondFactorService,
    private readonly flow: SignInFlow,
    private readonly mailer: Mailer,
    private readonly users: UserService,
    private readonly site: SiteId,
  ) {}

  async login(usernameInput: string, password: string, meta: DeviceMeta): Promise<LoginResult> {
    const actor = { userId: null, username: null, ip: meta.ip };
    await this.throttle.assertLoginAllowed(meta.ip);
    const key = usernameKey(usernameInput.slice(0, MAX_USERNAME_LENGTH));
    const user = key ? await this.users.findByUsername(key) : undefined;
    const now = this.clock.now();
    const locked = user !== undefined && isLocked(user, now);
    const tooLong = password.length > MAX_PASSWORD_LENGTH;
    // Always one argon2 verification, so an unknown username takes as long as a wrong password. An account
    // that waits has its guess checked against the same dummy hash: it can never be right, so a guesser
    // with many addresses cannot tell from any answer when a guess was right.
    const hash = locked ? null : (user?.passwordHash ?? null);
    const valid = (await verifyPassword(hash ?? (await dummyHash()), tooLong ? '' : password)) && !tooLong && hash !== null;

    if (!valid) await this.throttle.recordLoginFailure(meta.ip);
    if (!user) {
      // The same statements as a wrong password for an account (S15): the failure count's update, here of no
      // row, so the database's round trip does not tell which usernames exist.
      await this.users.countFailedLogin(NO_SUCH_USER_ID, now, { threshold: this.config.lockoutThreshold, maxMinutes: this.config.lockoutMaxMinutes });
      await this.audit.record(this.db, {
        event: 'login.failed',
        actor,
        details: { reason: 'unknown username', attemptedUsername: key.slice(0, 64) },
      });
      return { kind: 'failed' };
    }
    const subject = { id: user.id, username: user.username };
    const userActor = { userId: user.id, username: user.username, ip: meta.ip };

    if (user.deactivatedAt) {
      await this.audit.record(this.db, { event: 'login.failed', actor: userActor, subject, details: { reason: 'deactivated' } });
      return { kind: 'failed' };
    }
    if (locked) {
      // Attempts while it waits neither count nor extend the wait, and no answer says that it waits.
      await this.audit.record(this.db, { event: 'login.failed', actor: userActor, subject, details: { reason: 'locked' } });
      return { kind: 'failed' };
    }
    if (!valid) {
      await this.recordFailure(user, userActor);
      return { kind: 'failed' };
    }
    if (user.passwordIsTemporary && isExpired(user.passwordExpiresAt, now)) {
      await this.audit.record(this.db, {
        event: 'login.failed',
        actor: userActor,
        subject,
        details: { reason: 'temporary password already used or lapsed' },
      });
      return { kind: 'failed' };
    }

    const reason = passwordChangeReason(user, now);
    const rehash = !reason && needsRehash(user.passwordHash!) ? await hashPassword(password) : null;
    const facts = await this.flow.readAfterPassword(this.db, user, meta);
    const next = this.flow.kindAfterPassword(user, facts);
    const codeFollows = next === 'second_factor';
    const changes = {
      // With a code still to come, the failure count stands: otherwise the password alone would buy
      // unlimited guesses at the code, a few at a time.
      ...(codeFollows ? {} : { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now }),
      // A temporary password is spent by this login, whatever happens next.
      ...(reason === 'temporary' ? { passwordExpiresAt: now } : {}),
      ...(rehash ? { passwordHash: rehash } : {}),
    };
    // This bookkeeping and the new session are written in one statement (advanceAfterPassword).
    const writes: BatchedWrite[] = [];
    if (Object.keys(changes).length > 0) writes.push(this.users.updateWrite(this.db, user.id, changes));
    writes.push(
      this.audit.write(this.db, {
        event: codeFollows ? 'login.second_factor_required' : 'login.succeeded',
        actor: userActor,
        subject,
        details: reason ? { passwordChangeRequired: reason } : {},
      }),
    );
    if (reason === 'expired') writes.push(this.audit.write(this.db, { event: 'password.expired', actor: userActor, subject }));
    if (rehash) writes.push(this.audit.write(this.db, { event: 'password.rehashed', actor: userActor, subject }));
    const session = await this.flow.advanceAfterPassword(this.db, user, meta, next, facts, writes);
    this.mailer.nudge();
    return { kind: 'password-accepted', user, session };
  }

  /**
   * The authentication-code step: `auth` is the 'second_factor' session the password step started.
   * A wrong code counts towards the same lockout as a wrong password.
   */
  async loginWithSecondFactor(
    auth: { session: Session; user: User },
    method: SecondFactorMethod,
    code: string,
    meta: DeviceMeta,
  ): Promise<SecondFactorResult> {
    await this.throttle.assertLoginAllowed(meta.ip);
    const { user } = auth;
    const actor = { userId: user.id, username: user.username, ip: meta.ip };
    const subject = { id: user.id, username: user.username };
    const now = this.clock.now();
    if (isLocked(user, now)) {
      await this.audit.record(this.db, { event: 'login.failed', actor, subject, details: { reason: 'locked' } });
      await this.sessions.endAllForUser(this.db, user.id);
      return { kind: 'signed-out' };
    }

    let check: 'ok' | 'wrong' | 'replayed';
    let recoveryCodesLeft: number | null = null;
    if (method === 'authenticator app') {
      check = await this.secondFactors.checkTotp(user, code);
    } else {
      const used = await this.secondFactors.useRecoveryCode(user, code, actor);
      check = used ? 'ok' : 'wrong';
      recoveryCodesLeft = used?.remaining ?? null;
    }
    if (check !== 'ok') {
      await this.throttle.recordLoginFailure(meta.ip);
      const failure = await this.recordFailure(user, actor, CODE_FAILURE_REASONS[method][check]);
      return failure.locked ? { kind: 'signed-out' } : { kind: 'wrong-code', replayed: check === 'replayed' };
    }

    const reason = passwordChangeReason(user, now);
    const session = await this.db.transaction().execute(async (trx) => {
      await this.sessions.endSession(trx, auth.session);
      await this.users.update(trx, user.id, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
      await this.audit.record(trx, {
        event: 'login.succeeded',
        actor,
        subject,
        details: { secondFactor: method, ...(reason ? { passwordChangeRequired: reason } : {}) },
      });
      return this.flow.advance(trx, user, 'second_factor', meta);
    });
    this.mailer.nudge();
    return { kind: 'code-accepted', user, session, recoveryCodesLeft };
  }

  /**
   * For actions that need the current password again (changing it, the second factor, recovery codes).
   * Guessing it from inside a session is guessing a password: a wrong one counts towards the account's
   * lockout and the address's limit, the wait it may start ends every session of the account (the
   * guesser's too), and while the account waits no password is checked at all.
   */
  async confirmCurrentPassword(user: User, password: string, actor: Actor): Promise<PasswordConfirmation> {
    await this.throttle.assertLoginAllowed(actor.ip);
    const userActor = { userId: user.id, username: user.username, ip: actor.ip };
    if (isLocked(user, this.clock.now())) {
      // Its sessions ended when the wait began; one that raced that ends now.
      await this.audit.record(this.db, { event: 'login.failed', actor: userActor, subject: { id: user.id, username: user.username }, details: { reason: 'locked' } });
      await this.sessions.endAllForUser(this.db, user.id);
      return 'signed-out';
    }
    if (user.passwordHash && password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(user.passwordHash, password))) {
      return 'confirmed';
    }
    await this.throttle.recordLoginFailure(actor.ip);
    const failure = await this.recordFailure(user, userActor, 'wrong current password');
    return failure.locked ? 'signed-out' : 'wrong';
  }

  /**
   * A wrong password or code anywhere (login, code step, a current-password field) counts towards the
   * lockout. The failure that starts a wait ends every session of the account and emails its owner;
   * a failure while the account already waits (a racing attempt) neither counts nor extends the wait,
   * so each wait sends one email.
   */
  async recordFailure(
    user: User,
    actor: { userId: number; username: string; ip: string | null },
    reason = 'wrong password',
  ): Promise<CountedFailure> {
    const now = this.clock.now();
    const subject = { id: user.id, username: user.username };
    const lockout = { threshold: this.config.lockoutThreshold, maxMinutes: this.config.lockoutMaxMinutes };
    const updated = await this.users.countFailedLogin(user.id, now, lockout);
    if (!updated) {
      await this.audit.record(this.db, { event: 'login.failed', actor, subject, details: { reason: 'locked' } });
      return { user, locked: true };
    }
    await this.audit.record(this.db, {
      event: 'login.failed',
      actor,
      subject,
      details: { reason, consecutiveFailures: updated.failedLoginCount },
    });
    if (!isLocked(updated, now)) return { user: updated, locked: false };
    await this.db.transaction().execute(async (trx) => {
      await this.audit.record(trx, {
        event: 'login.locked',
        actor,
        subject,
        details: { lockedUntil: updated.lockedUntil!.toISOString(), consecutiveFailures: updated.failedLoginCount },
      });
      await this.sessions.endAllForUser(trx, user.id);
      if (!updated.email) return;
      const message = accountLockedEmail({
        siteName: SITE_NAMES[this.site],
        username: updated.username,
        lockedAt: now,
        lockedUntil: updated.lockedUntil!,
        timeZone: this.config.timeZone,
        ip: actor.ip,
        supportEmail: this.config.supportEmail,
      });
      await this.mailer.enqueue(trx, { to: updated.email, template: 'account-locked', ...message });
    });
    this.mailer.nudge();
    return { user: updated, locked: true };
  }
}
