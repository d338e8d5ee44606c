import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { AuditFilter, AuditRecord, NewAuditRecord } from './audit.model.js';

/** The only place that reads or writes audit_log, which the database keeps append-only. */
export const auditRepository = {
  async insert(db: Db, record: NewAuditRecord): Promise<void> {
    await auditRepository.insertQuery(db, record).execute();
  },

  /** The insert, not run: for a caller that batches it with other writes (src/db/write-batch.ts). */
  insertQuery(db: Db, record: NewAuditRecord) {
    return db
      .insertInto('audit_log')
      .values({
        occurred_at: record.occurredAt,
        site: record.site,
        event: record.event,
        actor_user_id: record.actorUserId,
        actor_username: record.actorUsername,
        subject_user_id: record.subjectUserId,
        subject_username: record.subjectUsername,
        ip: record.ip,
        client_personal_id: record.clientPersonalId,
        details: JSON.stringify(record.details),
      });
  },

  async list(db: Db, filter: AuditFilter = {}): Promise<AuditRecord[]> {
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
};
