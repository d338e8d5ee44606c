import type { Kysely } from 'kysely';
import { addMs, HOUR, MINUTE, type Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Database, Db, Session, SessionKind, User } from '../../db/schema.js';
import { generateToken, hashToken, looksLikeToken } from '../tokens.js';
import { sessionsRepository } from './sessions.repository.js';

export interface SessionMeta {
  ip: string | null;
  userAgent: string | null;
}

export type SessionCheck =
  | { status: 'valid'; session: Session; user: User }
  | { status: 'timed-out'; user: User; reason: 'idle' | 'absolute' }
  | { status: 'none' };

/** Last-activity writes are skipped when the previous one is this recent, to keep page views read-only. */
const TOUCH_INTERVAL_MS = 30_000;

/** Server-side sessions: the browser holds a random 256-bit token, the database only its SHA-256. */
export class SessionService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours'>,
  ) {}

  async create(db: Db, userId: number, kind: SessionKind, meta: SessionMeta): Promise<string> {
    const token = generateToken();
    const now = this.clock.now();
    await sessionsRepository.insert(db, {
      token_hash: hashToken(token),
      user_id: userId,
      kind,
      created_at: now,
      last_seen_at: now,
      expires_at: addMs(now, this.config.sessionAbsoluteHours * HOUR),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    });
    return token;
  }

  async check(token: string | undefined): Promise<SessionCheck> {
    if (!looksLikeToken(token)) return { status: 'none' };
    const found = await sessionsRepository.findWithUser(this.db, hashToken(token));
    if (!found) return { status: 'none' };
    const { session, user } = found;
    const now = this.clock.now();
    const idleLimit = addMs(session.last_seen_at, this.config.sessionIdleMinutes * MINUTE);
    const reason = now >= session.expires_at ? 'absolute' : now >= idleLimit ? 'idle' : undefined;
    if (reason || user.deactivated_at) {
      await sessionsRepository.deleteByHash(this.db, session.token_hash);
      return reason ? { status: 'timed-out', user, reason } : { status: 'none' };
    }
    if (now.getTime() - session.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) {
      await sessionsRepository.touch(this.db, session.token_hash, now);
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
    return sessionsRepository.deleteByHash(db, session.token_hash);
  }

  /** The user's sessions that have not timed out, most recently active first. */
  listActiveForUser(userId: number): Promise<Session[]> {
    const now = this.clock.now();
    const idleSince = addMs(now, -this.config.sessionIdleMinutes * MINUTE);
    return sessionsRepository.listActiveForUser(this.db, userId, now, idleSince);
  }

  /** "Sign out everywhere else": every session of the user but `keep`; returns how many ended. */
  endOthers(db: Db, userId: number, keep: Session): Promise<number> {
    return sessionsRepository.deleteForUserExcept(db, userId, keep.token_hash);
  }
}
