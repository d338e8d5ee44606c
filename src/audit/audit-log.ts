import type { Clock } from '../clock.js';
import type { Db } from '../db/schema.js';
import type { SiteId } from '../site-id.js';
import type { BatchedWrite } from '../db/write-batch.js';
import type { AuditFilter, AuditRecord, NewAuditRecord } from './audit.model.js';
import { auditRepository } from './audit.repository.js';
import type { AuditEvent } from './events.js';
import { countLockout, countLogin } from '../metrics/metrics.js';

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

/** The append-only audit log of one site (the database refuses updates and deletes). */
export class AuditLog {
  constructor(
    private readonly site: SiteId,
    private readonly clock: Clock,
  ) {}

  async record(db: Db, entry: AuditEntry): Promise<void> {
    await auditRepository.insert(db, this.toRecord(entry));
    this.count(entry);
  }

  /** The entry as a write to batch with others (executeWriteBatch); it is counted once the batch has run. */
  write(db: Db, entry: AuditEntry): BatchedWrite {
    return { query: auditRepository.insertQuery(db, this.toRecord(entry)), afterWrite: () => this.count(entry) };
  }

  private toRecord(entry: AuditEntry): NewAuditRecord {
    return {
      occurredAt: this.clock.now(),
      site: this.site,
      event: entry.event,
      actorUserId: entry.actor.userId,
      actorUsername: entry.actor.username,
      subjectUserId: entry.subject?.id ?? null,
      subjectUsername: entry.subject?.username ?? null,
      ip: entry.actor.ip,
      clientPersonalId: entry.client ?? null,
      details: entry.details ?? {},
    };
  }

  private count(entry: AuditEntry): void {
    // Sign-ins are counted where they are recorded, so the metrics and the audit log cannot disagree.
    if (entry.event === 'login.succeeded') countLogin(this.site, 'succeeded');
    else if (entry.event === 'login.second_factor_required') countLogin(this.site, 'second_factor_required');
    else if (entry.event === 'login.failed') countLogin(this.site, 'failed');
    else if (entry.event === 'login.locked') countLockout(this.site);
  }

  list(db: Db, filter: AuditFilter = {}): Promise<AuditRecord[]> {
    return auditRepository.list(db, filter);
  }
}
