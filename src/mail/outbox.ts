import type { Clock } from '../clock.js';
import type { Db } from '../db/schema.js';
import { insertQueuedMail, outboxBacklog } from './outbox.repository.js';
import type { Sealer } from './sealer.js';

export interface OutgoingMail {
  to: string;
  /** Which template produced the message, e.g. 'password-reset'; logged and shown to admins. */
  template: string;
  subject: string;
  text: string;
  html?: string;
}

/** What is sealed into a queued message's body. */
export interface MailBody {
  text: string;
  html?: string;
}

/**
 * Queues a message for the mail worker. Pass the transaction of the action that causes the mail,
 * so the mail exists exactly when the action committed; nudge the worker after the commit.
 */
export async function enqueueMail(
  db: Db,
  sealer: Sealer,
  clock: Clock,
  mail: OutgoingMail,
): Promise<number> {
  const body: MailBody = { text: mail.text, html: mail.html };
  const sealedBody = sealer.seal(JSON.stringify(body));
  return insertQueuedMail(db, { recipient: mail.to, template: mail.template, subject: mail.subject, sealedBody, now: clock.now() });
}

/** How much mail waits to be sent: the readiness check and the metrics watch it. */
export function mailBacklog(db: Db): Promise<{ queued: number; oldestQueuedAt: Date | null }> {
  return outboxBacklog(db);
}

/** The inverse of the sealing in enqueueMail; throws if the body was altered or the key changed. */
export function openMailBody(sealer: Sealer, sealedBody: string): MailBody {
  const parsed: unknown = JSON.parse(sealer.open(sealedBody));
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as MailBody).text !== 'string') {
    throw new Error('Outbox body is not a mail body.');
  }
  const { text, html } = parsed as MailBody;
  return typeof html === 'string' ? { text, html } : { text };
}
