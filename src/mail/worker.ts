import type { Kysely } from 'kysely';
import { isPlainEmailAddress } from '../accounts/email-address.js';
import { addMs, MINUTE, type Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import type { ClaimedMail } from './mail.model.js';
import { openMailBody, type MailBody } from './outbox.js';
import { claimDueMail, markMailAbandoned, markMailFailed, markMailSent } from './outbox.repository.js';
import type { Sealer } from './sealer.js';
import type { MailTransport } from './transport.js';

export interface MailWorkerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface MailWorkerOptions {
  db: Kysely<Database>;
  sealer: Sealer;
  transport: MailTransport;
  clock: Clock;
  from: string;
  log: MailWorkerLog;
  pollMs?: number;
  maxAttempts?: number;
}

/** Longer than any one send can take with the transport's timeouts, so a lease never runs out mid-send. */
export const LEASE_MS = 2 * MINUTE;
const BATCH_SIZE = 20;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 15 * MINUTE;
const MAX_ERROR_LENGTH = 200;

/** 5 s, 10 s, 20 s … doubling per failed attempt, never more than 15 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

type Outcome = 'sent' | 'failed' | 'skipped';

/**
 * Delivers the outbox: claims due messages, sends each over the transport, and records the result.
 * An SMTP outage only delays mail: failures are retried with backoff until maxAttempts.
 */
export class MailWorker {
  readonly #db: Kysely<Database>;
  readonly #sealer: Sealer;
  readonly #transport: MailTransport;
  readonly #clock: Clock;
  readonly #from: string;
  readonly #log: MailWorkerLog;
  readonly #pollMs: number;
  readonly #maxAttempts: number;

  #started = false;
  #timer: NodeJS.Timeout | undefined;
  #loopRun: Promise<unknown> | undefined;
  #runAgain = false;
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(options: MailWorkerOptions) {
    this.#db = options.db;
    this.#sealer = options.sealer;
    this.#transport = options.transport;
    this.#clock = options.clock;
    this.#from = options.from;
    this.#log = options.log;
    this.#pollMs = options.pollMs ?? 2_000;
    this.#maxAttempts = options.maxAttempts ?? 12;
  }

  /** Polls the outbox until stop(); the timer never keeps the process alive on its own. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#schedule(0);
  }

  /** Stops polling and waits for a pass in progress to finish recording its results. */
  async stop(): Promise<void> {
    this.#started = false;
    this.#runAgain = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Asks for a pass right away (after enqueueing); many nudges at once make one pass. No-op unless started. */
  nudge(): void {
    if (!this.#started) return;
    if (this.#loopRun) this.#runAgain = true;
    else this.#schedule(0);
  }

  /** One pass over everything due now; never throws. */
  deliverDue(): Promise<{ sent: number; failed: number }> {
    const run = this.#deliverDue();
    this.#inFlight.add(run);
    void run.finally(() => this.#inFlight.delete(run));
    return run;
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#tick(), ms);
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    this.#timer = undefined;
    if (!this.#started || this.#loopRun) return;
    do {
      this.#runAgain = false;
      this.#loopRun = this.deliverDue();
      try {
        await this.#loopRun;
      } finally {
        this.#loopRun = undefined;
      }
    } while (this.#started && this.#runAgain);
    if (this.#started) this.#schedule(this.#pollMs);
  }

  async #deliverDue(): Promise<{ sent: number; failed: number }> {
    const totals = { sent: 0, failed: 0 };
    for (;;) {
      let claimed: ClaimedMail[];
      try {
        const now = this.#clock.now();
        claimed = await claimDueMail(this.#db, now, addMs(now, LEASE_MS), BATCH_SIZE);
      } catch (error) {
        this.#log.warn({ err: describeError(error) }, 'mail outbox could not be read; will try again');
        return totals;
      }
      for (const mail of claimed) {
        const outcome = await this.#deliver(mail);
        if (outcome === 'sent') totals.sent += 1;
        else if (outcome === 'failed') totals.failed += 1;
      }
      if (claimed.length < BATCH_SIZE) return totals;
    }
  }

  async #deliver(mail: ClaimedMail): Promise<Outcome> {
    const attempts = mail.attempts + 1;
    const context = { mailId: mail.id, template: mail.template };

    let body: MailBody;
    try {
      if (mail.sealedBody === null) throw new Error('no body');
      body = openMailBody(this.#sealer, mail.sealedBody);
    } catch {
      // Retrying cannot help: the body was lost or the sealing key (HEARTH_SECRET_KEY or key file) changed.
      return this.#abandon(mail, attempts, 'message body could not be opened (was the mail key changed?)');
    }
    if (!isPlainEmailAddress(mail.recipient)) {
      // Queued for an address stored before addresses were checked strictly: a list or a display name
      // would send it to someone else as well. `hearth user check-emails` lists such accounts.
      return this.#abandon(mail, attempts, 'the recipient is not one plain email address');
    }

    try {
      await this.#transport.send({ from: this.#from, to: mail.recipient, subject: mail.subject, ...body });
    } catch (error) {
      const lastError = describeError(error);
      if (attempts >= this.#maxAttempts) {
        await this.#record(context, () => markMailAbandoned(this.#db, mail.id, { attempts, lastError }));
        this.#log.error({ ...context, attempts, error: lastError }, 'mail abandoned after repeated failures');
      } else {
        const nextAttemptAt = addMs(this.#clock.now(), retryDelayMs(attempts));
        await this.#record(context, () => markMailFailed(this.#db, mail.id, { attempts, lastError, nextAttemptAt }));
        this.#log.warn({ ...context, attempts, error: lastError, retryAt: nextAttemptAt }, 'mail delivery failed; will retry');
      }
      return 'failed';
    }

    this.#log.info(context, 'mail sent');
    await this.#record(context, () => markMailSent(this.#db, mail.id, attempts, this.#clock.now()));
    return 'sent';
  }

  async #abandon(mail: ClaimedMail, attempts: number, lastError: string): Promise<Outcome> {
    const context = { mailId: mail.id, template: mail.template };
    await this.#record(context, () => markMailAbandoned(this.#db, mail.id, { attempts, lastError }));
    this.#log.error({ ...context, attempts, error: lastError }, 'mail abandoned');
    return 'failed';
  }

  /** A result that cannot be written is retried when the lease runs out (a sent message may then go twice). */
  async #record(context: { mailId: number; template: string }, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.#log.warn({ ...context, err: describeError(error) }, 'mail delivery result could not be saved');
    }
  }
}

/**
 * A one-line reason for the admin screen and the log: the error's code and message, with e-mail
 * addresses removed (servers echo recipients), cut to 200 characters. SMTP credentials were
 * already removed by the transport.
 */
function describeError(error: unknown): string {
  const source = error as { code?: unknown; message?: unknown } | null;
  const message = typeof source?.message === 'string' ? source.message : String(error);
  const code = typeof source?.code === 'string' || typeof source?.code === 'number' ? String(source.code) : '';
  const text = (code && !message.startsWith(code) ? `${code}: ${message}` : message)
    .replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '<address>')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
