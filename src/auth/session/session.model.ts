import type { SessionKind } from '../../db/schema.js';

export type { SessionKind } from '../../db/schema.js';

/** A server-side session. The browser holds the token; only its SHA-256 (`tokenHash`) is stored. */
export interface Session {
  tokenHash: string;
  userId: number;
  kind: SessionKind;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}
