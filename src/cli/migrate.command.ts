import { Option, type Command } from 'commander';
import { loadConfig } from '../config.js';
import { migrationsAppliedSince } from '../db/migrate.js';
import { SITE_IDS, SITE_NAMES, type SiteId } from '../site-id.js';
import type { CliIo } from './cli-io.js';
import { withSiteDatabase } from './open-site.js';

/** `hearth migrate`: brings each site's database schema up to date (opening a database always does). */
export function registerMigrateCommand(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('bring the database of every configured site (or one, with --site) up to date')
    .addOption(new Option('--site <site>', 'only this site').choices(SITE_IDS))
    .addHelpText(
      'after',
      `
Safe to run at any time, also while the server runs; the server migrates at start as well.

Examples:
  $ hearth migrate
  $ hearth migrate --site live`,
    )
    .action(async (options: { site?: SiteId }) => {
      const config = loadConfig();
      const sites = options.site ? [options.site] : config.sites;
      for (const site of sites) {
        const startedAt = new Date();
        await withSiteDatabase(
          site,
          async (database) => {
            const applied = await migrationsAppliedSince(database.db, startedAt);
            const done = applied.length > 0 ? `applied ${applied.join(', ')}` : 'already up to date';
            io.out(`${SITE_NAMES[site]}: ${done} (database: ${database.description}).\n`);
          },
          config,
        );
      }
    });
}
