import type { Kysely, Transaction } from 'kysely';
import type { User } from '../../accounts/accounts.model.js';
import type { Clock } from '../../clock.js';
import type { Database, Db } from '../../db/schema.js';
import { readBatch } from '../../db/read-batch.js';
import { executeWriteBatch, type BatchedWrite } from '../../db/write-batch.js';
import { policyRequiresSecondFactor, secondFactorPolicyOf, type SettingsService } from '../../settings/settings.service.js';
import type { SiteId } from '../../site-id.js';
import type { DeviceMeta, DeviceService } from '../devices/device.service.js';
import { isExpired } from '../password/expiry.js';
import type { SecondFactorService } from '../second-factor/second-factor.service.js';
import type { SessionKind } from '../session/session.model.js';
import type { SessionService } from '../session/session.service.js';

/**
 * Signing in is a short state machine. After the password, each step gets its own session kind, which
 * reaches only that step's page (and logout); the last step ends in a full session:
 *
 *   password ─▶ second_factor ─▶ password_change ─▶ second_factor_enrolment ─▶ full
 *
 * Steps that do not apply are skipped: the code only when an authenticator app is set up; the
 * password change only for a temporary or expired password; the enrolment only when the site's
 * policy requires a second factor and the user has none. Every step change issues a new session
 * token, so no token outlives the step it was issued for.
 */
export type SignInStep = 'password' | 'second_factor' | 'password_change' | 'second_factor_enrolment';

export interface StartedSession {
  kind: SessionKind;
  token: string;
  /** Set when the sign-in is complete (a full session): the device cookie to (re)set. */
  deviceToken: string | null;
}

/** Why a correct password still has to be changed before anything else, if it does. */
export function passwordChangeReason(user: User, now: Date): 'temporary' | 'expired' | null {
  if (user.passwordIsTemporary) return 'temporary';
  return isExpired(user.passwordExpiresAt, now) ? 'expired' : null;
}

/** Where a session of each kind belongs. */
export function stepPath(site: SiteId, kind: SessionKind, next?: string): string {
  switch (kind) {
    case 'full':
      return next ?? `/${site}/`;
    case 'second_factor':
      return `/${site}/login/code`;
    case 'password_change':
      return `/${site}/password/expired`;
    case 'second_factor_enrolment':
      return `/${site}/security/second-factor/enrol`;
  }
}

/** What decides the steps after a correct password, read in one statement. */
export interface PasswordStepFacts {
  enrolled: boolean;
  requiresSecondFactor: boolean;
  /** The browser's device token (a new one when it sent none) and whether the user has signed in from it before. */
  device: { token: string; hash: string; known: boolean };
}

export class SignInFlow {
  constructor(
    private readonly clock: Clock,
    private readonly sessions: SessionService,
    private readonly secondFactors: SecondFactorService,
    private readonly settings: SettingsService,
    private readonly devices: DeviceService,
  ) {}

  /** The step after `completed`, or 'full' when none is left. */
  async nextKind(db: Db, user: User, completed: SignInStep): Promise<SessionKind> {
    const enrolled = await this.secondFactors.isEnrolled(user.id, db);
    if (completed === 'password' && enrolled) return 'second_factor';
    if ((completed === 'password' || completed === 'second_factor') && passwordChangeReason(user, this.clock.now())) {
      return 'password_change';
    }
    if (!enrolled && (await this.settings.requiresSecondFactor(user.role, db))) return 'second_factor_enrolment';
    return 'full';
  }

  /**
   * Everything the step after a correct password depends on, in one statement (src/db/read-batch.ts): whether
   * the user has a second factor, the site's policy, and whether the browser is one of the user's devices.
   */
  async readAfterPassword(db: Kysely<Database>, user: User, meta: DeviceMeta): Promise<PasswordStepFacts> {
    const device = this.devices.identify(meta);
    const read = await readBatch(db, {
      enrolled: this.secondFactors.enrolledRead(db, user.id),
      policy: this.settings.secondFactorPolicyRead(db),
      device: this.devices.knownRead(db, user.id, device),
    });
    return {
      enrolled: read.enrolled !== null,
      requiresSecondFactor: policyRequiresSecondFactor(secondFactorPolicyOf(read.policy), user.role),
      device: { ...device, known: read.device !== null },
    };
  }

  /** The step after the password: nextKind(…, 'password') from facts already read. */
  kindAfterPassword(user: User, facts: PasswordStepFacts): SessionKind {
    if (facts.enrolled) return 'second_factor';
    if (passwordChangeReason(user, this.clock.now())) return 'password_change';
    return facts.requiresSecondFactor ? 'second_factor_enrolment' : 'full';
  }

  /**
   * Starts the session after the password together with the caller's own writes (the user's counters, the audit
   * rows) and the device's record: one statement, atomic, without a transaction's round trips. A complete
   * sign-in from a browser the user has not used before takes advance()'s transaction instead, which remembers
   * the device and may send a "new sign-in" email.
   */
  async advanceAfterPassword(
    db: Kysely<Database>,
    user: User,
    meta: DeviceMeta,
    kind: SessionKind,
    facts: PasswordStepFacts,
    writes: readonly BatchedWrite[],
  ): Promise<StartedSession> {
    if (kind === 'full' && !facts.device.known) {
      return db.transaction().execute(async (trx) => {
        await executeWriteBatch(trx, writes);
        return this.advance(trx, user, 'password', meta, kind);
      });
    }
    const session = this.sessions.createWrite(db, user.id, kind, meta);
    const device = kind === 'full' ? this.devices.touchWrite(db, user.id, facts.device, meta) : null;
    await executeWriteBatch(db, [...writes, session.write, ...(device ? [device] : [])]);
    return { kind, token: session.token, deviceToken: kind === 'full' ? facts.device.token : null };
  }

  /** Starts the session for the step after `completed`, in the caller's transaction. */
  async advance(
    trx: Transaction<Database>,
    user: User,
    completed: SignInStep,
    meta: DeviceMeta,
    /** The caller's own nextKind(…) result for the same user and step, to spare two queries. */
    known?: SessionKind,
  ): Promise<StartedSession> {
    const kind = known ?? (await this.nextKind(trx, user, completed));
    const token = await this.sessions.create(trx, user.id, kind, meta);
    // Only a completed sign-in counts for "new device" emails; the steps before it prove too little.
    const deviceToken = kind === 'full' ? await this.devices.recognise(trx, user, meta) : null;
    return { kind, token, deviceToken };
  }
}
