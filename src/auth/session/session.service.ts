import type { Kysely } from 'kysely';
import type { User } from '../../accounts/accounts.model.js';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import { addMs, HOUR, MINUTE, type Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Database, Db } from '../../db/schema.js';
import { executeWriteBatch, type BatchedWrite } from '../../db/write-batch.js';
import { generateToken, hashToken, looksLikeToken } from '../tokens.js';
import type { Session, SessionKind } from './session.model.js';
import { sessionsRepository } from './sessions.repository.js';

export interface SessionMeta {
  ip: string | null;
  userAgent: string | null;
}

export type SessionCheck =
  | { status: 'valid'; session: Session; user: User }
  | { status: 'timed-out'; user: User; reason: 'idle' | 'absolute' }
  | { status: 'none' };

/** Last activity is recorded at most once a minute, so that most page views write nothing. */
const TOUCH_INTERVAL_MS = MINUTE;

/** Server-side sessions: the browser holds a random 256-bit token, the database only its SHA-256. */
export class SessionService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours'>,
    private readonly audit: AuditLog,
  ) {}

  async create(db: Db, userId: number, kind: SessionKind, meta: SessionMeta): Promise<string> {
    const { token, write } = this.createWrite(db, userId, kind, meta);
    await executeWriteBatch(db, [write]);
    return token;
  }

  /** A new session's token, and its insert as a write to batch with the other writes of a sign-in step. */
  createWrite(db: Db, userId: number, kind: SessionKind, meta: SessionMeta): { token: string; write: BatchedWrite } {
    const token = generateToken();
    const now = this.clock.now();
    const query = sessionsRepository.insertQuery(db, {
      tokenHash: hashToken(token),
      userId,
      kind,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: addMs(now, this.config.sessionAbsoluteHours * HOUR),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    return { token, write: { query } };
  }

  async check(token: string | undefined): Promise<SessionCheck> {
    if (!looksLikeToken(token)) return { status: 'none' };
    const now = this.clock.now();
    const found = await sessionsRepository.findWithUserAndTouch(this.db, hashToken(token), {
      at: now,
      seenBefore: addMs(now, -TOUCH_INTERVAL_MS),
      idleSince: addMs(now, -this.config.sessionIdleMinutes * MINUTE),
    });
    if (!found) return { status: 'none' };
    const { session, user } = found;
    const idleLimit = addMs(session.lastSeenAt, this.config.sessionIdleMinutes * MINUTE);
    const reason = now >= session.expiresAt ? 'absolute' : now >= idleLimit ? 'idle' : undefined;
    if (reason || user.deactivatedAt) {
      await sessionsRepository.deleteByHash(this.db, session.tokenHash);
      return reason ? { status: 'timed-out', user, reason } : { status: 'none' };
    }
    return { status: 'valid', session, user };
  }

  async end(token: string): Promise<void> {
    if (looksLikeToken(token)) await sessionsRepository.deleteByHash(this.db, hashToken(token));
  }

  endAllForUser(db: Db, userId: number): Promise<void> {
    return sessionsRepository.deleteForUser(db, userId);
  }

  /** Ends one session (the current one, when a sign-in step is replaced by the next). */
  endSession(db: Db, session: Session): Promise<void> {
    return sessionsRepository.deleteByHash(db, session.tokenHash);
  }

  /** The user's sessions that have not timed out, most recently active first. */
  listActiveForUser(userId: number): Promise<Session[]> {
    const now = this.clock.now();
    const idleSince = addMs(now, -this.config.sessionIdleMinutes * MINUTE);
    return sessionsRepository.listActiveForUser(this.db, userId, now, idleSince);
  }

  /** "Sign out everywhere else": every session of the user but `keep` ends, and the audit log says how many. */
  async endOthers(user: Pick<User, 'id' | 'username'>, keep: Session, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const ended = await sessionsRepository.deleteForUserExcept(trx, user.id, keep.tokenHash);
      await this.audit.record(trx, {
        event: 'session.ended_others',
        actor,
        subject: { id: user.id, username: user.username },
        details: { sessionsEnded: ended },
      });
    });
  }
}
