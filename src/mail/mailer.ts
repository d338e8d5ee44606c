import type { Clock } from '../clock.js';
import type { Db } from '../db/schema.js';
import { countQueuedMail } from '../metrics/metrics.js';
import type { SiteId } from '../site-id.js';
import { enqueueMail, type OutgoingMail } from './outbox.js';
import type { Sealer } from './sealer.js';

/** What the rest of Hearth sees of mail: write to the outbox inside your transaction, then nudge the worker. */
export class Mailer {
  constructor(
    private readonly sealer: Sealer,
    private readonly clock: Clock,
    private readonly onQueued: () => void = () => {},
    /** The site whose outbox this is, for the metrics. */
    private readonly site?: SiteId,
  ) {}

  /** Messages queued since the last nudge: a nudge with nothing queued costs the worker no query. */
  #queued = 0;

  async enqueue(db: Db, mail: OutgoingMail): Promise<void> {
    await enqueueMail(db, this.sealer, this.clock, mail);
    this.#queued += 1;
    if (this.site) countQueuedMail(this.site);
  }

  /**
   * Call after the transaction that may have queued mail has committed. Does nothing when no mail was
   * queued (most logins); a message committed after a nudge is still found by the worker's poll.
   */
  nudge(): void {
    if (this.#queued === 0) return;
    this.#queued = 0;
    this.onQueued();
  }
}
