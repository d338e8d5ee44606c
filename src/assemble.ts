import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { buildApp } from './app.js';
import { defaultHashConcurrency } from './auth/password/hash-limiter.js';
import { configureHashing } from './auth/password/hashing.js';
import { RedisAttemptCounter } from './auth/throttle/attempt-counter.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { openServerDatabase, siteDataDir, type SiteDatabase } from './db/database.js';
import { loggerOptions } from './http/logging.js';
import { mailBacklog } from './mail/outbox.js';
import { watchSite } from './metrics/metrics.js';
import type { MailTransport } from './mail/transport.js';
import type { MailWorker } from './mail/worker.js';
import type { SiteId } from './site-id.js';
import { startSite, type RunningSite, type SiteServices } from './sites/site-services.js';

/** What the server takes from its surroundings; tests, benchmarks and fault tests put in their own. */
export interface HearthDeps {
  /** Default: the system clock. */
  clock?: Clock;
  /** Default: pino on stdout, at config.logLevel. */
  logger?: Logger;
  /**
   * Databases already open and migrated, by site; they stay the caller's to close. A site without one gets
   * openServerDatabase(): PostgreSQL by URL, or the embedded database under the data folder.
   */
  databases?: Partial<Record<SiteId, SiteDatabase>>;
  /** Default: SMTP when config.smtpUrl is set, otherwise .eml files under the site's data folder. */
  mailTransport?: (site: SiteId) => MailTransport;
  /** How often each mail worker looks for due messages when nothing nudges it (default 2 s). */
  mailPollMs?: number;
  /**
   * Where attempt counters live: this Redis client (the caller's to close) under `keyPrefix:<site>`. Without it,
   * Hearth connects to config.redisUrl if set, and otherwise counts in each site's database.
   */
  redis?: { client: Redis; keyPrefix: string };
}

/** One running site: its services, its mail worker and its database. */
export interface AssembledSite {
  id: SiteId;
  services: SiteServices;
  worker: MailWorker;
  database: SiteDatabase;
}

export interface Hearth {
  app: FastifyInstance;
  config: Config;
  /** In the order of config.sites. */
  sites: readonly AssembledSite[];
  /** Closes the app, stops the mail workers, and closes what assembleHearth opened (never what it was given). */
  close(): Promise<void>;
}

/**
 * Assembles Hearth from a config: opens each site's database (or takes the one given), starts each site (its
 * services and mail worker), and builds the Fastify app. The server, the tests and the benchmarks all start
 * Hearth through here, so they run the same wiring. It does not listen.
 */
export async function assembleHearth(config: Config, deps: HearthDeps = {}): Promise<Hearth> {
  const clock = deps.clock ?? systemClock;
  const log = deps.logger ?? pino(loggerOptions(config));
  // The hash limiter is process-wide; every assembly sets it from its config, as the server always has.
  configureHashing({ maxConcurrent: config.hashConcurrency || defaultHashConcurrency(), maxQueue: config.hashQueue });

  const ownedRedis = !deps.redis && config.redisUrl ? connectRedis(config.redisUrl, log) : null;
  const redis = deps.redis ?? (ownedRedis ? { client: ownedRedis, keyPrefix: config.redisKeyPrefix } : null);
  const ownedDatabases: SiteDatabase[] = [];
  const running: (RunningSite & { database: SiteDatabase })[] = [];
  let app: FastifyInstance | undefined;
  const unwatch: (() => void)[] = [];
  const close = async () => {
    for (const stop of unwatch) stop();
    await app?.close();
    for (const site of running) await site.stop();
    ownedRedis?.disconnect();
    for (const database of ownedDatabases) await database.close();
  };

  try {
    for (const id of config.sites) {
      let database = deps.databases?.[id];
      if (!database) {
        database = await openServerDatabase(config, id);
        ownedDatabases.push(database);
      }
      const site = startSite({
        id,
        db: database.db,
        config,
        clock,
        siteDir: siteDataDir(config, id),
        log: log.child({ site: id }),
        transport: deps.mailTransport?.(id),
        pollMs: deps.mailPollMs,
        counter: redis ? new RedisAttemptCounter(redis.client, `${redis.keyPrefix}:${id}`, clock) : undefined,
      });
      running.push({ ...site, database });
      const watched = database;
      unwatch.push(watchSite({ id, clock, mailBacklog: () => mailBacklog(watched.db), database: () => watched.stats?.() }));
    }
    app = await buildApp({ config, sites: running.map((s) => s.services), logger: log, redis });
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }

  return {
    app,
    config,
    sites: running.map((s) => ({ id: s.services.id, services: s.services, worker: s.worker, database: s.database })),
    close,
  };
}

function connectRedis(url: string, log: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: false });
  redis.on('error', (error) => log.warn({ err: error }, 'redis unavailable'));
  return redis;
}
