import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import { enqueueMail, type OutgoingMail } from './outbox.js';
import type { Sealer } from './sealer.js';

/** What the rest of Hearth sees of mail: write to the outbox inside your transaction, then nudge the worker. */
export class Mailer {
  constructor(
    private readonly sealer: Sealer,
    private readonly clock: Clock,
    private readonly onQueued: () => void = () => {},
  ) {}

  async enqueue(db: Kysely<Database> | Transaction<Database>, mail: OutgoingMail): Promise<void> {
    await enqueueMail(db, this.sealer, this.clock, mail);
  }

  /** Call after the transaction that queued mail has committed. */
  nudge(): void {
    this.onQueued();
  }
}
