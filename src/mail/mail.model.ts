import type { MailStatus } from '../db/schema.js';

/** A queued message the worker has leased for one delivery attempt. */
export interface ClaimedMail {
  id: number;
  recipient: string;
  template: string;
  subject: string;
  /** Encrypted at rest; null once sent or abandoned. */
  sealedBody: string | null;
  attempts: number;
}

/** What the admin screen shows; never the body. */
export interface MailSummary {
  id: number;
  recipient: string;
  template: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}
