import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/schema.js';
import type { ClaimedMail, MailSummary } from './mail.model.js';

/* The only place that reads or writes mail_outbox: queued by enqueueMail (outbox.ts), delivered by the worker. */

/** Queues a message, its body already sealed; returns its id. */
export async function insertQueuedMail(
  db: Db,
  mail: { recipient: string; template: string; subject: string; sealedBody: string; now: Date },
): Promise<number> {
  const row = await db
    .insertInto('mail_outbox')
    .values({
      recipient: mail.recipient,
      template: mail.template,
      subject: mail.subject,
      sealed_body: mail.sealedBody,
      status: 'queued',
      attempts: 0,
      next_attempt_at: mail.now,
      created_at: mail.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Leases up to `limit` due messages by pushing their next attempt to `leaseUntil`, in one statement.
 * SKIP LOCKED lets several servers claim at once without waiting on or double-claiming each other's
 * rows, and no transaction stays open while the worker talks to the SMTP server. A worker that dies
 * mid-send leaves its messages to be claimed again when the lease runs out.
 */
export async function claimDueMail(
  db: Kysely<Database>,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedMail[]> {
  const rows = await db
    .updateTable('mail_outbox')
    .set({ next_attempt_at: leaseUntil })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mail_outbox')
        .select('id')
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .where('status', '=', 'queued')
    .returning(['id', 'recipient', 'template', 'subject', 'sealed_body', 'attempts'])
    .execute();
  return rows
    .sort((a, b) => a.id - b.id)
    .map((r) => ({ id: r.id, recipient: r.recipient, template: r.template, subject: r.subject, sealedBody: r.sealed_body, attempts: r.attempts }));
}

/** Delivered: the body is erased, since nothing needs it any more and it may hold a reset link. */
export async function markMailSent(db: Kysely<Database>, id: number, attempts: number, sentAt: Date): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ status: 'sent', attempts, sent_at: sentAt, sealed_body: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function markMailFailed(
  db: Kysely<Database>,
  id: number,
  failure: { attempts: number; lastError: string; nextAttemptAt: Date },
): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ attempts: failure.attempts, last_error: failure.lastError, next_attempt_at: failure.nextAttemptAt })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
}

/** Given up: the body is erased too; a reset link in it would have expired long before anyone retried by hand. */
export async function markMailAbandoned(
  db: Kysely<Database>,
  id: number,
  failure: { attempts: number; lastError: string },
): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ status: 'abandoned', attempts: failure.attempts, last_error: failure.lastError, sealed_body: null })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
}

/** Messages still to be sent, and when the oldest of them was queued. */
export async function outboxBacklog(db: Db): Promise<{ queued: number; oldestQueuedAt: Date | null }> {
  const row = await db
    .selectFrom('mail_outbox')
    .select((eb) => [eb.fn.countAll<string>().as('queued'), eb.fn.min('created_at').as('oldest')])
    .where('status', '=', 'queued')
    .executeTakeFirstOrThrow();
  return { queued: Number(row.queued), oldestQueuedAt: row.oldest ? new Date(row.oldest) : null };
}

export async function listRecentMail(db: Kysely<Database>, limit = 100): Promise<MailSummary[]> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['id', 'recipient', 'template', 'subject', 'status', 'attempts', 'created_at', 'sent_at', 'last_error'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    recipient: r.recipient,
    template: r.template,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    lastError: r.last_error,
  }));
}
