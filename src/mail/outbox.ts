import type { Clock } from '../clock.js';
import type { Db } from '../db/schema.js';
import type { Sealer } from './sealer.js';

export interface OutgoingMail {
  to: string;
  /** Which template produced the message, e.g. 'password-reset'; logged and shown to admins. */
  template: string;
  subject: string;
  text: string;
  html?: string;
}

/** What is sealed into `mail_outbox.sealed_body`. */
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
  const now = clock.now();
  const body: MailBody = { text: mail.text, html: mail.html };
  const row = await db
    .insertInto('mail_outbox')
    .values({
      recipient: mail.to,
      template: mail.template,
      subject: mail.subject,
      sealed_body: sealer.seal(JSON.stringify(body)),
      status: 'queued',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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
