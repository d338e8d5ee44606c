import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { hashingStats } from '../auth/password/hashing.js';
import type { Clock } from '../clock.js';
import type { DatabaseStats } from '../db/database.js';
import type { SiteId } from '../site-id.js';

/**
 * Hearth's Prometheus metrics, one registry per process (a process is what Prometheus scrapes). No label ever
 * carries client data or a username: labels are site ids, route patterns (`/live/clients/:personalId`, never
 * the address asked for), HTTP methods and status codes, and the fixed outcome names below.
 */
export const registry = new Registry();
// Process and Node.js metrics, among them the event loop's lag (nodejs_eventloop_lag_seconds and percentiles).
collectDefaultMetrics({ register: registry });

export const httpDuration = new Histogram({
  name: 'hearth_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by route pattern',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/** The outcomes of a password step, as the audit log names them (login.succeeded …). */
export const LOGIN_OUTCOMES = ['succeeded', 'second_factor_required', 'failed'] as const;
export type LoginOutcome = (typeof LOGIN_OUTCOMES)[number];

const logins = new Counter({
  name: 'hearth_logins_total',
  help: 'Sign-in attempts by outcome (succeeded, second_factor_required, failed)',
  labelNames: ['site', 'outcome'] as const,
  registers: [registry],
});

const lockouts = new Counter({
  name: 'hearth_lockouts_total',
  help: 'Accounts made to wait after repeated failed sign-ins',
  labelNames: ['site'] as const,
  registers: [registry],
});

const mailQueued = new Counter({
  name: 'hearth_mail_queued_total',
  help: 'Messages written to the outbox (one whose transaction then rolled back included)',
  labelNames: ['site'] as const,
  registers: [registry],
});

export function countLogin(site: SiteId, outcome: LoginOutcome): void {
  logins.inc({ site, outcome });
}

export function countLockout(site: SiteId): void {
  lockouts.inc({ site });
}

export function countQueuedMail(site: SiteId): void {
  mailQueued.inc({ site });
}

/** What the gauges read from one running site when Prometheus scrapes. */
export interface WatchedSite {
  id: SiteId;
  clock: Clock;
  /** Messages waiting in the outbox, and when the oldest was queued. */
  mailBacklog(): Promise<{ queued: number; oldestQueuedAt: Date | null }>;
  database(): DatabaseStats | undefined;
}

const watched = new Set<WatchedSite>();

/** Adds a site's gauges to the metrics until the returned function is called (when the site stops). */
export function watchSite(site: WatchedSite): () => void {
  watched.add(site);
  return () => watched.delete(site);
}

type Backlogs = Map<SiteId, { queued: number; ageSeconds: number }>;
let reading: Promise<Backlogs> | undefined;

/** Each site's outbox, read once per scrape for the two gauges that show it (the registry asks them at once). */
function readBacklogs(): Promise<Backlogs> {
  reading ??= (async () => {
    const backlogs: Backlogs = new Map();
    await Promise.all(
      [...watched].map(async (site) => {
        try {
          const { queued, oldestQueuedAt } = await site.mailBacklog();
          const age = oldestQueuedAt ? (site.clock.now().getTime() - oldestQueuedAt.getTime()) / 1000 : 0;
          backlogs.set(site.id, { queued, ageSeconds: Math.max(0, age) });
        } catch {
          // The database is down: the site's series are left out, and /readyz says why.
        }
      }),
    );
    return backlogs;
  })().finally(() => {
    reading = undefined;
  });
  return reading;
}

/** Each watched site's database statistics of one driver. */
function databaseStats<D extends DatabaseStats['driver']>(driver: D): [SiteId, Extract<DatabaseStats, { driver: D }>][] {
  return [...watched].flatMap((site) => {
    const stats = site.database();
    return stats?.driver === driver ? [[site.id, stats as Extract<DatabaseStats, { driver: D }>]] : [];
  });
}

new Gauge({
  name: 'hearth_password_hash_queue',
  help: 'Password hashes running and waiting for a slot (HEARTH_HASH_CONCURRENCY, HEARTH_HASH_QUEUE)',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    const { running, waiting } = hashingStats();
    this.set({ state: 'running' }, running);
    this.set({ state: 'waiting' }, waiting);
  },
});

new Gauge({
  name: 'hearth_mail_outbox_queued',
  help: 'Messages waiting in the outbox to be sent',
  labelNames: ['site'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const [site, { queued }] of await readBacklogs()) this.set({ site }, queued);
  },
});

new Gauge({
  name: 'hearth_mail_outbox_oldest_age_seconds',
  help: 'Age of the oldest message waiting in the outbox (0 when none waits)',
  labelNames: ['site'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const [site, { ageSeconds }] of await readBacklogs()) this.set({ site }, ageSeconds);
  },
});

new Gauge({
  name: 'hearth_db_pool_connections',
  help: 'PostgreSQL pool connections, open in all (total) and idle',
  labelNames: ['site', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [site, stats] of databaseStats('postgres')) {
      this.set({ site, state: 'total' }, stats.total);
      this.set({ site, state: 'idle' }, stats.idle);
    }
  },
});

new Gauge({
  name: 'hearth_db_pool_waiting',
  help: 'Queries waiting for a PostgreSQL connection from the pool',
  labelNames: ['site'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [site, stats] of databaseStats('postgres')) this.set({ site }, stats.waiting);
  },
});

new Gauge({
  name: 'hearth_db_queries_in_flight',
  help: 'Embedded database (PGlite): queries and transactions running or waiting their turn',
  labelNames: ['site'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [site, stats] of databaseStats('pglite')) this.set({ site }, stats.inFlight);
  },
});
