import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config.js';
import { backupEmbedded, backupPostgres, MissingProgramError, restoreEmbedded, restorePostgres, serverConnections } from '../db/backup.js';
import { readLock } from '../db/data-dir-lock.js';
import { redactUrl, siteDataDir } from '../db/database.js';
import { SITE_IDS, SITE_NAMES, type SiteId } from '../site-id.js';
import { ConflictError } from '../errors.js';
import { UsageError, type CliIo } from './cli-io.js';
import { chosenSite } from './open-site.js';

/** A program the command needs is missing: a set-up problem, reported like a usage error (exit 2). */
class SetupError extends UsageError {}

function enabledSite(config: Config, value: unknown): SiteId {
  const site = chosenSite(value);
  if (!config.sites.includes(site)) throw new UsageError(`the ${site} site is not enabled here (HEARTH_SITES=${config.sites.join(',')})`);
  return site;
}

async function setup<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MissingProgramError) throw new SetupError(error.message);
    throw error;
  }
}

/** `hearth backup` and `hearth restore`: a consistent copy of one site's database, and putting one back. */
export function registerBackupCommands(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description("write a consistent copy of one site's database to a file (also while the server runs)")
    .requiredOption('--site <site>', `the site: ${SITE_IDS.join(' or ')}`)
    .requiredOption('--out <file>', 'the backup file to write (never replaced: choose a new name)')
    .addHelpText(
      'after',
      `
The embedded database is copied through the running server (it waits for requests in progress, not for the
users), or directly when no server runs. PostgreSQL is dumped with pg_dump (the postgresql-client package, of
the server's version or newer). The file is readable by this account only.

Examples:
  $ hearth backup --site live --out /var/backups/hearth/live-$(date +%F).backup`,
    )
    .action(async (options: { site?: string; out: string }) => {
      const config = loadConfig();
      const site = enabledSite(config, options.site);
      const out = path.resolve(options.out);
      if (fs.existsSync(out)) throw new UsageError(`${out} already exists: choose a new file name`);
      const url = config.databaseUrls[site];
      if (url) {
        const { bytes } = await setup(() => backupPostgres(url, out));
        io.out(`${SITE_NAMES[site]}: backed up ${redactUrl(url)} with pg_dump into ${out} (${bytes} bytes).\n`);
      } else {
        const { through, bytes } = await backupEmbedded(siteDataDir(config, site), out);
        const how = through === 'server' ? 'through the running server' : 'directly (no server running)';
        io.out(`${SITE_NAMES[site]}: backed up the embedded database ${how} into ${out} (${bytes} bytes).\n`);
      }
    });

  program
    .command('restore')
    .description("replace one site's database with a backup (the server must be stopped)")
    .requiredOption('--site <site>', `the site: ${SITE_IDS.join(' or ')}`)
    .option('--yes', 'do not ask for confirmation (for scripts)')
    .argument('<file>', 'a file written by hearth backup')
    .addHelpText(
      'after',
      `
Everything the site's database holds now is replaced by the backup. Stop the server first: restore refuses
while a server uses the site. The embedded database it replaces is kept beside it (pgdata.before-restore-*).

Examples:
  $ hearth restore --site live /var/backups/hearth/live-2026-12-01.backup`,
    )
    .action(async (file: string, options: { site?: string; yes?: boolean }) => {
      const config = loadConfig();
      const site = enabledSite(config, options.site);
      const backup = path.resolve(file);
      if (!fs.existsSync(backup)) throw new UsageError(`${backup} does not exist`);
      const url = config.databaseUrls[site];
      const dir = siteDataDir(config, site);
      if (url) {
        const servers = await serverConnections(url);
        if (servers > 0) {
          throw new ConflictError(`a Hearth server is using ${redactUrl(url)} (${servers} connections): stop every server of the ${site} site first`);
        }
      } else {
        const holder = readLock(dir);
        if (holder) throw new ConflictError(`a Hearth process (pid ${holder.pid}) is using ${dir}: stop the server first`);
      }
      const where = url ? redactUrl(url) : dir;
      if (!options.yes && !(await confirmed(site, where, io))) {
        throw new ConflictError(`not restored: confirm by typing the site's name, or pass --yes`);
      }
      if (url) {
        await setup(() => restorePostgres(url, backup));
        io.out(`${SITE_NAMES[site]}: restored ${redactUrl(url)} from ${backup}.\n`);
      } else {
        const { kept } = await restoreEmbedded(dir, backup, new Date().toISOString().replace(/[:.]/g, '-'));
        io.out(`${SITE_NAMES[site]}: restored ${dir} from ${backup}.${kept ? ` The database it replaced is kept in ${kept}.` : ''}\n`);
      }
    });
}

/** Asks on the terminal; with no terminal (a script) and no --yes, the answer is no. */
async function confirmed(site: SiteId, where: string, io: CliIo): Promise<boolean> {
  io.err(`This replaces everything in the ${SITE_NAMES[site]} site's database (${where}) with the backup.\nType "${site}" to go on: `);
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return answer.trim() === site;
  } finally {
    rl.close();
  }
}
