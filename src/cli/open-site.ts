import os from 'node:os';
import type { Actor } from '../audit/audit-log.js';
import { systemClock } from '../clock.js';
import { loadConfig, type Config } from '../config.js';
import { openCliDatabase, siteDataDir, type SiteDatabase } from '../db/database.js';
import { createSiteServices, siteSealer, type SiteServices } from '../sites/site-services.js';
import { SITE_IDS, isSiteId, type SiteId } from '../site-id.js';
import { UsageError } from './cli-io.js';

/** The --site value of a command that changes data: required, so nobody edits Live by accident. */
export function chosenSite(value: unknown): SiteId {
  if (typeof value !== 'string' || !isSiteId(value)) {
    throw new UsageError(`choose ${SITE_IDS.map((s) => `--site ${s}`).join(' or ')}`);
  }
  return value;
}

function enabledSite(config: Config, site: SiteId): SiteId {
  if (!config.sites.includes(site)) {
    throw new UsageError(`the ${site} site is not enabled here (HEARTH_SITES=${config.sites.join(',')})`);
  }
  return site;
}

/** Opens one site's database (through the running server when there is one), and always closes it. */
export async function withSiteDatabase<T>(
  site: SiteId,
  fn: (database: SiteDatabase, config: Config) => Promise<T>,
  config: Config = loadConfig(),
): Promise<T> {
  const database = await openCliDatabase(config, enabledSite(config, site));
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

/** Runs fn with one site's services, wired as the server wires them. */
export function withSite<T>(site: SiteId, fn: (services: SiteServices) => Promise<T>): Promise<T> {
  return withSiteDatabase(site, (database, config) =>
    fn(
      createSiteServices({
        id: site,
        db: database.db,
        config,
        clock: systemClock,
        sealer: siteSealer(config, siteDataDir(config, site)),
      }),
    ),
  );
}

/** Who the audit log names for CLI actions: the operating-system account that ran the command. */
export function cliActor(): Actor {
  let name: string;
  try {
    name = os.userInfo().username;
  } catch {
    // Some containers run as a uid with no passwd entry.
    name = process.env.USER ?? process.env.LOGNAME ?? `uid-${process.getuid?.() ?? 'unknown'}`;
  }
  return { userId: null, username: `cli:${name}`, ip: null };
}
