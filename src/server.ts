import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { configureHashing } from './auth/password/hashing.js';
import { defaultHashConcurrency } from './auth/password/hash-limiter.js';
import { RedisAttemptCounter } from './auth/throttle/attempt-counter.js';
import { buildApp } from './app.js';
import { loggerOptions } from './http/logging.js';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { openServerDatabase, siteDataDir, type SiteDatabase } from './db/database.js';
import { DataDirBusyError } from './db/data-dir-lock.js';
import { startSite, type RunningSite } from './sites/site-services.js';

/** Starts Hearth: opens and migrates each site's database, starts mail delivery, listens. Stops cleanly on SIGINT/SIGTERM. */
export async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`hearth: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const log = pino(loggerOptions(config));
  configureHashing({ maxConcurrent: config.hashConcurrency || defaultHashConcurrency(), maxQueue: config.hashQueue });
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: false }) : null;
  redis?.on('error', (error) => log.warn({ err: { message: error.message } }, 'redis unavailable'));
  const databases: SiteDatabase[] = [];
  const running: RunningSite[] = [];
  const closeAll = async () => {
    for (const site of running) await site.stop();
    redis?.disconnect();
    for (const db of databases) await db.close();
  };
  let app;
  try {
    for (const id of config.sites) {
      const database = await openServerDatabase(config, id);
      databases.push(database);
      running.push(
        startSite({
          id,
          db: database.db,
          config,
          clock: systemClock,
          siteDir: siteDataDir(config, id),
          log: log.child({ site: id }),
          counter: redis ? new RedisAttemptCounter(redis, `hearth:${id}`, systemClock) : undefined,
        }),
      );
    }
    app = await buildApp({ config, sites: running.map((s) => s.services), logger: log });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await closeAll().catch(() => {});
    if (error instanceof DataDirBusyError) {
      console.error(`hearth: ${error.message} Stop it first, or set HEARTH_DATA_DIR to another folder.`);
      process.exit(1);
    }
    throw error;
  }
  for (const [i, id] of config.sites.entries()) {
    app.log.info(
      { site: id, database: databases[i]!.description, mail: config.smtpUrl ? 'SMTP' : path.join(siteDataDir(config, id), 'mail') },
      `${id} site ready at ${config.publicUrl}/${id}/`,
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await closeAll();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

await main();
