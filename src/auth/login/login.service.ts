import type { Kysely } from 'kysely';
import { usernameKey } from '../../accounts/username.js';
import { usersRepository } from '../../accounts/users.repository.js';
import type { AuditLog } from '../../audit/audit-log.js';
import { addMs, MINUTE, type Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Database, User } from '../../db/schema.js';
import { isExpired } from '../password/expiry.js';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../password/hashing.js';
import type { SessionMeta, SessionService } from '../session/session.service.js';
import type { Throttle } from '../throttle/throttle.js';

export type LoginResult =
  /** Wrong password, unknown user, deactivated, spent or lapsed temporary password: all look the same. */
  | { kind: 'failed' }
  /** Only told to someone who typed the correct password. */
  | { kind: 'locked'; until: Date }
  | { kind: 'signed-in'; token: string; user: User }
  | { kind: 'must-change-password'; token: string; user: User; reason: 'temporary' | 'expired' };

/** Usernames and passwords longer than this are not looked up or hashed at all. */
const MAX_USERNAME_LENGTH = 200;
const MAX_PASSWORD_LENGTH = 1024;

export class LoginService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly config: Config,
    private readonly audit: AuditLog,
    private readonly sessions: SessionService,
    private readonly throttle: Throttle,
  ) {}

  async login(usernameInput: string, password: string, meta: SessionMeta): Promise<LoginResult> {
    const actor = { userId: null, username: null, ip: meta.ip };
    await this.throttle.assertLoginAllowed(meta.ip);
    const key = usernameKey(usernameInput.slice(0, MAX_USERNAME_LENGTH));
    const user = key ? await usersRepository.findByUsername(this.db, key) : undefined;
    const tooLong = password.length > MAX_PASSWORD_LENGTH;
    // Always one argon2 verification, so an unknown username takes as long as a wrong password.
    const valid =
      (await verifyPassword(user?.password_hash ?? (await dummyHash()), tooLong ? '' : password)) &&
      !tooLong &&
      user?.password_hash != null;

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

    if (user.deactivated_at) {
      await this.audit.record(this.db, { event: 'login.failed', actor: userActor, subject, details: { reason: 'deactivated' } });
      return { kind: 'failed' };
    }
    if (user.locked_until && now < user.locked_until) {
      // Attempts while locked neither count nor extend the lock.
      await this.audit.record(this.db, { event: 'login.failed', actor: userActor, subject, details: { reason: 'locked' } });
      return valid ? { kind: 'locked', until: user.locked_until } : { kind: 'failed' };
    }
    if (!valid) {
      await this.recordFailure(user, userActor);
      return { kind: 'failed' };
    }
    if (user.password_is_temporary && isExpired(user.password_expires_at, now)) {
      await this.audit.record(this.db, {
        event: 'login.failed',
        actor: userActor,
        subject,
        details: { reason: 'temporary password already used or lapsed' },
      });
      return { kind: 'failed' };
    }

    const reason = user.password_is_temporary ? 'temporary' : isExpired(user.password_expires_at, now) ? 'expired' : null;
    const rehash = !reason && needsRehash(user.password_hash!) ? await hashPassword(password) : null;
    const token = await this.db.transaction().execute(async (trx) => {
      await usersRepository.update(trx, user.id, {
        failed_login_count: 0,
        locked_until: null,
        last_login_at: now,
        // A temporary password is spent by this login, whatever happens next.
        ...(reason === 'temporary' ? { password_expires_at: now } : {}),
        ...(rehash ? { password_hash: rehash } : {}),
      });
      await this.audit.record(trx, {
        event: 'login.succeeded',
        actor: userActor,
        subject,
        details: reason ? { passwordChangeRequired: reason } : {},
      });
      if (reason === 'expired') await this.audit.record(trx, { event: 'password.expired', actor: userActor, subject });
      if (rehash) await this.audit.record(trx, { event: 'password.rehashed', actor: userActor, subject });
      return this.sessions.create(trx, user.id, reason ? 'password_change' : 'full', meta);
    });
    return reason ? { kind: 'must-change-password', token, user, reason } : { kind: 'signed-in', token, user };
  }

  /** A wrong password anywhere (login or the current-password field) counts towards the lockout. */
  async recordFailure(user: User, actor: { userId: number; username: string; ip: string | null }) {
    const now = this.clock.now();
    const threshold = this.config.lockoutThreshold;
    const updated = await usersRepository.recordFailedLogin(this.db, user.id, (failures) => {
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
      details: { reason: 'wrong password', consecutiveFailures: updated.failed_login_count },
    });
    if (updated.locked_until && updated.failed_login_count >= threshold) {
      await this.audit.record(this.db, {
        event: 'login.locked',
        actor,
        subject,
        details: { lockedUntil: updated.locked_until.toISOString(), consecutiveFailures: updated.failed_login_count },
      });
    }
  }
}
