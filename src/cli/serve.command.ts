import type { Command } from 'commander';

/** `hearth serve`: runs the web server in this process (src/server.ts starts it when imported). */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the Hearth web server for the configured sites')
    .addHelpText(
      'after',
      `
Configured by environment variables, among them:
  PORT (3000), HOST (127.0.0.1), HEARTH_DATA_DIR (./data), HEARTH_SITES (training,live),
  HEARTH_PUBLIC_URL, HEARTH_LIVE_DATABASE_URL / HEARTH_TRAINING_DATABASE_URL, SMTP_URL, LOG_LEVEL.
While it runs, the other hearth commands reach its embedded databases through a local socket.
Stop it with Ctrl-C or SIGTERM.

Examples:
  $ hearth serve
  $ PORT=8080 HEARTH_SITES=live hearth serve`,
    )
    .action(async () => {
      // Importing is starting: server.ts awaits main() at its top level, then signal handlers keep it alive.
      await import('../server.js');
    });
}
