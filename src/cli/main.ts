import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { restrictUmask } from '../files/private-files.js';
import { messageForLog } from '../http/logging.js';
import { DataDirBusyError } from '../db/data-dir-lock.js';
import { DomainError, ValidationError } from '../errors.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, errorLine, processIo, redirectStrayStdout, type CliIo } from './cli-io.js';
import { registerBackupCommands } from './backup.command.js';
import { registerExportCommand } from './export.command.js';
import { registerReportCommand } from './report.command.js';
import { registerImportCommand } from './import.command.js';
import { registerMigrateCommand } from './migrate.command.js';
import { registerServeCommand } from './serve.command.js';
import { registerTrainingCommands } from './training.command.js';
import { registerUserCommands } from './user.commands.js';
import { hearthVersion } from '../version.js';

/** The option each account field comes from, so a validation message names what to fix. */
const FIELD_OPTIONS: Record<string, string> = {
  firstName: '--first-name',
  lastName: '--last-name',
  email: '--email',
  role: '--role',
  username: '--username',
  agencies: '--agency',
};

export function buildProgram(io: CliIo): Command {
  const program = new Command('hearth')
    .description('Hearth HMIS: run the server, migrate the databases, administer user accounts and refill the Training site')
    .version(hearthVersion(), '-V, --version', 'print the version')
    // Set before any subcommand is added: subcommands copy these settings from their parent.
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      outputError: (text, write) => write(errorLine(text.replace(/^error:\s*/, ''))),
    })
    .addHelpText(
      'after',
      `
Settings come from environment variables (see \`hearth serve --help\`). Every command has --help.

Examples:
  $ hearth serve
  $ hearth migrate
  $ hearth user create --site live --first-name Jane --last-name Doe --email jane.doe@agency.example --role admin
  $ hearth user list --site live
  $ hearth training reset
  $ hearth export --site live --from 2025-10-01 --to 2026-09-30 --out fy2026.zip
  $ hearth import --site live --dry-run other-hmis.zip
  $ hearth report apr --site live --from 2025-10-01 --to 2026-09-30 --out apr.zip
  $ hearth backup --site live --out live-2026-12-01.backup
  $ hearth restore --site live live-2026-12-01.backup`,
    );
  // The server logs to stdout; every other command keeps stdout for its result alone.
  program.hook('preAction', (_program, command) => {
    if (command.name() !== 'serve') redirectStrayStdout();
  });
  registerServeCommand(program);
  registerMigrateCommand(program, io);
  registerUserCommands(program, io);
  registerTrainingCommands(program, io);
  registerExportCommand(program, io);
  registerImportCommand(program, io);
  registerReportCommand(program, io);
  registerBackupCommands(program, io);
  return program;
}

/** Runs one command line and returns its exit status: 0 done, 1 failed, 2 used wrongly. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv]);
    return EXIT_OK;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander has already written its message (one line, through outputError) or the help text.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
    if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    return EXIT_USAGE;
  }
  if (error instanceof UsageError || error instanceof ConfigError) {
    io.err(errorLine(error.message));
    return EXIT_USAGE;
  }
  if (error instanceof ValidationError) {
    const messages = Object.entries(error.fieldErrors).flatMap(([field, list]) =>
      list.map((message) => (FIELD_OPTIONS[field] ? `${FIELD_OPTIONS[field]}: ${message}` : message)),
    );
    io.err(errorLine(messages.length > 0 ? messages.join('; ') : error.message));
    return EXIT_FAILED;
  }
  if (error instanceof DomainError) {
    io.err(errorLine(error.message));
    return EXIT_FAILED;
  }
  if (error instanceof DataDirBusyError) {
    io.err(errorLine(`${error.message} Try again when it has finished.`));
    return EXIT_FAILED;
  }
  // Like a log line, this may be kept (cron mail, a terminal log): no value from a failed statement in it.
  io.err(errorLine(`unexpected error: ${messageForLog(error)}`));
  if (process.env.HEARTH_DEBUG === '1' && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
  return EXIT_FAILED;
}

// Whatever a command writes (a new database, the outbox key) is private from the start.
restrictUmask();
const status = await runCli(process.argv, processIo());
// A failed command may leave a half-opened database or server holding the event loop: end now.
if (status !== EXIT_OK) process.exit(status);
