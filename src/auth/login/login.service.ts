import type { Kysely } from 'kysely';
import type { User } from '../../accounts/accounts.model.js';
import { usernameKey } from '../../accounts/username.js';
import type { UserService } from '../../accounts/users.service.js';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import { addMs, MINUTE, type Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { Mailer } from '../../mail/mailer.js';
import type { DeviceMeta } from '../devices/device.service.js';
import { isExpired } from '../password/expiry.js';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../password/hashing.js';
import type { SecondFactorService } from '../second-factor/second-factor.service.js';
import type { Session } from '../session/session.model.js';
import type { SessionService } from '../session/session.service.js';
import type { Throttle } from '../throttle/throttle.js';
import { passwordChangeReason, type SignInFlow, type StartedSession } from './sign-in-flow.js';

export type LoginResult =
  /** Wrong password, unknown user, deactivated, spent or lapsed temporary password: all look the same. */
  | { kind: 'failed' }
  /** Only told to someone who typed the correct password. */
  | { kind: 'locked'; until: Date }
  /** The password was right; `session.kind` says which step comes next ('full' when none). */
  | { kind: 'password-accepted'; user: User; session: StartedSession };

export type SecondFactorMethod = 'authenticator app' | 'recovery code';

export type SecondFactorResult =
  | { kind: 'wrong-code'; replayed: boolean }
  /** Too many wrong codes (or passwords): the step's session has been ended. */
  | { kind: 'locked'; until: Date }
  | { kind: 'code-accepted'; user: User; session: StartedSession; recoveryCodesLeft: number | null };

/** Usernames and passwords longer than this are not looked up or hashed at all. */
const MAX_USERNAME_LENGTH = 200;
const MAX_PASSWORD_LENGTH = 1024;

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
  ) {}

  async login(usernameInput: string, password: string, meta: DeviceMeta): Promise<LoginResult> {
    const actor = { userId: null, username: null, ip: meta.ip };
    await this.throttle.assertLoginAllowed(meta.ip);
    const key = usernameKey(usernameInput.slice(0, MAX_USERNAME_LENGTH));
    const user = key ? await this.users.findByUsername(key) : undefined;
    const tooLong = password.length > MAX_PASSWORD_LENGTH;
    // Always one argon2 verification, so an unknown username takes as long as a wrong password.
    const valid =
      (await verifyPassword(user?.passwordHash ?? (await dummyHash()), tooLong ? '' : password)) &&
      !tooLong &&
      user?.passwordHash != null;

    if (!valid) await this.throttle.recordLoginFailure(meta.ip);
    if (!user) {
      await this.audit.record(this.db, {
        event: 'login.failed',
        actor,
        details: { reason: 'unknown username', attemptedUsername: key.slice(0, 64) },
      });
      return { kind: 'failed' };
    }
    const subject = { id: user.id, username: user.username };
    const userActor = { userId: user.id, username: user.username, ip: meta.ip };
    const now = this.clock.now();

    if (user.deactivatedAt) {
      await this.audit.record(this.db, { event: 'login.failed', actor: userActor, subject, details: { reason: 'deactivated' } });
      return { kind: 'failed' };
    }
    if (user.lockedUntil && now < user.lockedUntil) {
      // Attempts while locked neither count nor extend the lock.
      await this.audit.record(this.db, { event: 'login.failed', actor: userActor, subject, details: { reason: 'locked' } });
      return valid ? { kind: 'locked', until: user.lockedUntil } : { kind: 'failed' };
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
    const session = await this.db.transaction().execute(async (trx) => {
      const next = await this.flow.nextKind(trx, user, 'password');
      const codeFollows = next === 'second_factor';
      const changes = {
        // With a code still to come, the failure count stands: otherwise the password alone would buy
        // unlimited guesses at the code, a few at a time.
        ...(codeFollows ? {} : { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now }),
        // A temporary password is spent by this login, whatever happens next.
        ...(reason === 'temporary' ? { passwordExpiresAt: now } : {}),
        ...(rehash ? { passwordHash: rehash } : {}),
      };
      if (Object.keys(changes).length > 0) await this.users.update(trx, user.id, changes);
      await this.audit.record(trx, {
        event: codeFollows ? 'login.second_factor_required' : 'login.succeeded',
        actor: userActor,
        subject,
        details: reason ? { passwordChangeRequired: reason } : {},
      });
      if (reason === 'expired') await this.audit.record(trx, { event: 'password.expired', actor: userActor, subject });
      if (rehash) await this.audit.record(trx, { event: 'password.rehashed', actor: userActor, subject });
      return this.flow.advance(trx, user, 'password', meta, next);
    });
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
    if (user.lockedUntil && now < user.lockedUntil) {
      await this.audit.record(this.db, { event: 'login.failed', actor, subject, details: { reason: 'locked' } });
      await this.sessions.endSession(this.db, auth.session);
      return { kind: 'locked', until: user.lockedUntil };
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
      const updated = await this.recordFailure(user, actor, CODE_FAILURE_REASONS[method][check]);
      if (updated.lockedUntil && now < updated.lockedUntil) {
        await this.sessions.endSession(this.db, auth.session);
        return { kind: 'locked', until: updated.lockedUntil };
      }
      return { kind: 'wrong-code', replayed: check === 'replayed' };
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

  /** For actions that need the current password again; a wrong one counts towards the lockout. */
  async confirmCurrentPassword(user: User, password: string, actor: Actor): Promise<boolean> {
    if (user.passwordHash && password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(user.passwordHash, password))) {
      return true;
    }
    await this.recordFailure(user, { userId: user.id, username: user.username, ip: actor.ip });
    return false;
  }

  /** A wrong password or code anywhere (login, code step, a current-password field) counts towards the lockout. */
  async recordFailure(
    user: User,
    actor: { userId: number; username: string; ip: string | null },
    reason = 'wrong password',
  ): Promise<User> {
    const now = this.clock.now();
    const threshold = this.config.lockoutThreshold;
    const updated = await this.users.recordFailedLogin(user.id, (failures) => {
      if (failures < threshold) return null;
      // 1, 2, 4 … minutes, capped: each failure past the threshold doubles the wait.
      const minutes = Math.min(2 ** Math.min(failures - threshold, 20), this.config.lockoutMaxMinutes);
      return addMs(now, minutes * MINUTE);
    });
    const subject = { id: user.id, username: user.username };
    await this.audit.record(this.db, {
      event: 'login.failed',
      actor,
      subject,
      details: { reason, consecutiveFailures: updated.failedLoginCount },
    });
    if (updated.lockedUntil && updated.failedLoginCount >= threshold) {
      await this.audit.record(this.db, {
        event: 'login.locked',
        actor,
        subject,
        details: { lockedUntil: updated.lockedUntil.toISOString(), consecutiveFailures: updated.failedLoginCount },
      });
    }
    return updated;
  }
}
