import type { Kysely } from 'kysely';
import { pendingMigrations } from '../db/migrate.js';
import type { Database } from '../db/schema.js';
import { mailBacklog } from '../mail/outbox.js';
import type { SiteId } from '../site-id.js';

export interface SiteReadiness {
  site: SiteId;
  ready: boolean;
  /** Why the site is not ready; absent when it is. Never an error's own text (it may quote a statement). */
  reason?: string;
}

export interface Readiness {
  ready: boolean;
  sites: SiteReadiness[];
}

/** A database that does not answer within this time counts as unreachable. */
const CHECK_TIMEOUT_MS = 3_000;

/**
 * Whether this instance should be sent traffic (/readyz): every site's database answers and has every migration
 * this version of Hearth knows, and no site's outbox holds more than `maxQueuedMail` messages (mail that is not
 * leaving: SMTP down, or no worker running). Liveness (/healthz) is separate and touches no database, so a
 * database outage takes instances out of the proxy's rotation without their being restarted.
 */
export async function checkReadiness(
  sites: readonly { id: SiteId; db: Kysely<Database> }[],
  maxQueuedMail: number,
): Promise<Readiness> {
  const results = await Promise.all(sites.map((site) => checkSite(site, maxQueuedMail)));
  return { ready: results.every((r) => r.ready), sites: results };
}

async function checkSite(site: { id: SiteId; db: Kysely<Database> }, maxQueuedMail: number): Promise<SiteReadiness> {
  let pending: string[];
  let queued: number;
  try {
    pending = await withTimeout(pendingMigrations(site.db));
    ({ queued } = await withTimeout(mailBacklog(site.db)));
  } catch {
    return { site: site.id, ready: false, reason: 'database unreachable' };
  }
  if (pending.length > 0) {
    return { site: site.id, ready: false, reason: `database not migrated: ${pending.length} migrations to apply (${pending.join(', ')})` };
  }
  if (queued > maxQueuedMail) {
    return { site: site.id, ready: false, reason: `${queued} messages waiting in the outbox (more than ${maxQueuedMail})` };
  }
  return { site: site.id, ready: true };
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
