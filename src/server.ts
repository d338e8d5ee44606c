import path from 'node:path';
import { assembleHearth, type Hearth } from './assemble.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirBusyError } from './db/data-dir-lock.js';
import { siteDataDir } from './db/database.js';
import { ensurePrivateDir, makeTreePrivate, restrictUmask } from './files/private-files.js';
import { loggerOptions } from './http/logging.js';
import { buildMetricsServer } from './metrics/metrics.routes.js';
import { pino } from 'pino';

/** Starts Hearth (see assemble.ts) and listens. Stops cleanly on SIGINT/SIGTERM. */
export async function main(): Promise<void> {
  restrictUmask();
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
  // An install from before Hearth kept its files private, or one loosened by hand, is repaired before use.
  const loosened = makeTreePrivate(config.dataDir);
  ensurePrivateDir(config.dataDir);
  if (loosened > 0) {
    log.warn(
      { dataDir: config.dataDir, corrected: loosened },
      `file permissions repaired: ${loosened} files and folders in the data folder were open to other users of this machine; now only this account can use them`,
    );
  }
  let hearth: Hearth | undefined;
  try {
    hearth = await assembleHearth(config, { logger: log });
    await hearth.app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await hearth?.close().catch(() => {});
    if (error instanceof DataDirBusyError) {
      console.error(`hearth: ${error.message} Stop it first, or set HEARTH_DATA_DIR to another folder.`);
      process.exit(1);
    }
    throw error;
  }
  const running = hearth;
  const { app } = running;
  const metrics = config.metricsPort ? await buildMetricsServer() : undefined;
  if (metrics) {
    await metrics.listen({ port: config.metricsPort, host: config.host });
    app.log.info({ port: config.metricsPort, host: config.host }, 'metrics served at /metrics on their own port');
  }
  for (const site of running.sites) {
    app.log.info(
      { site: site.id, database: site.database.description, mail: config.smtpUrl ? 'SMTP' : path.join(siteDataDir(config, site.id), 'mail') },
      `${site.id} site ready at ${config.publicUrl}/${site.id}/`,
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await metrics?.close();
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

await main();
