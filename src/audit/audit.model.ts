import type { AuditEvent } from './events.js';

/** One entry of the audit log as it is read back. */
export interface AuditRecord {
  id: string;
  occurredAt: Date;
  site: string;
  event: string;
  actorUserId: number | null;
  actorUsername: string | null;
  subjectUserId: number | null;
  subjectUsername: string | null;
  clientPersonalId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** An entry about to be written: the database numbers it. */
export type NewAuditRecord = Omit<AuditRecord, 'id'>;

export interface AuditFilter {
  event?: AuditEvent;
  /** Any of these events. */
  events?: readonly AuditEvent[];
  /** Only entries about this user (the subject), e.g. for their own Security page. */
  subjectUserId?: number;
  /** Only entries made by this user (the actor): an administrator reading what one user did. */
  actorUserId?: number;
  /** Only entries about this client (PersonalID). */
  clientPersonalId?: string;
  /** Only entries about any of these clients: one person's history, with the records merged into theirs. */
  clientPersonalIds?: readonly string[];
  /** Matches the actor's or the subject's username. */
  username?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  beforeId?: string;
}
