import { sql, type Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database, Db } from '../db/schema.js';
import type { SiteId } from '../site-id.js';
import type { AuditEvent } from './events.js';

export interface Actor {
  userId: number | null;
  username: string | null;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: null, ip: null };

export interface AuditEntry {
  event: AuditEvent;
  actor: Actor;
  subject?: { id: number; username: string } | null;
  /** The client (PersonalID) the entry is about: set for every view, change, reveal, merge of client data. */
  client?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

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

/** The append-only audit log of one site (the database refuses updates and deletes). */
export class AuditLog {
  constructor(
    private readonly site: SiteId,
    private readonly clock: Clock,
  ) {}

  async record(db: Db, entry: AuditEntry): Promise<void> {
    await db
      .insertInto('audit_log')
      .values({
        occurred_at: this.clock.now(),
        site: this.site,
        event: entry.event,
        actor_user_id: entry.actor.userId,
        actor_username: entry.actor.username,
        subject_user_id: entry.subject?.id ?? null,
        subject_username: entry.subject?.username ?? null,
        ip: entry.actor.ip,
        client_personal_id: entry.client ?? null,
        details: JSON.stringify(entry.details ?? {}),
      })
      .execute();
  }

  async list(db: Kysely<Database>, filter: AuditFilter = {}): Promise<AuditRecord[]> {
    let query = db
      .selectFrom('audit_log')
      .select([
        sql<string>`id::text`.as('id'),
        'occurred_at',
        'site',
        'event',
        'actor_user_id',
        'actor_username',
        'subject_user_id',
        'subject_username',
        'client_personal_id',
        'ip',
        'details',
      ])
      .orderBy('audit_log.id', 'desc')
      .limit(Math.min(filter.limit ?? 100, 500));
    if (filter.event) query = query.where('event', '=', filter.event);
    if (filter.events) query = filter.events.length > 0 ? query.where('event', 'in', [...filter.events]) : query.where(sql<boolean>`false`);
    if (filter.subjectUserId !== undefined) query = query.where('subject_user_id', '=', filter.subjectUserId);
    if (filter.actorUserId !== undefined) query = query.where('actor_user_id', '=', filter.actorUserId);
    if (filter.clientPersonalId !== undefined) query = query.where('client_personal_id', '=', filter.clientPersonalId);
    if (filter.clientPersonalIds) {
      query = filter.clientPersonalIds.length > 0 ? query.where('client_personal_id', 'in', [...filter.clientPersonalIds]) : query.where(sql<boolean>`false`);
    }
    if (filter.username) {
      const name = filter.username.toLowerCase();
      query = query.where((eb) =>
        eb.or([eb(sql`lower(actor_username)`, '=', name), eb(sql`lower(subject_username)`, '=', name)]),
      );
    }
    if (filter.from) query = query.where('occurred_at', '>=', filter.from);
    if (filter.to) query = query.where('occurred_at', '<', filter.to);
    if (filter.beforeId) query = query.where(sql`audit_log.id`, '<', sql`${filter.beforeId}::bigint`);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at,
      site: r.site,
      event: r.event,
      actorUserId: r.actor_user_id,
      actorUsername: r.actor_username,
      subjectUserId: r.subject_user_id,
      subjectUsername: r.subject_username,
      clientPersonalId: r.client_personal_id,
      ip: r.ip,
      details: r.details,
    }));
  }
}
