/**
 * Where the CLI writes. Results go to stdout and nothing else may: `--json` output is piped into
 * scripts, so anything a library prints while a command runs is sent to stderr instead.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** A wrong argument or a missing choice: the person typed the command wrong (exit status 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Flattens a message onto one line, so every error the CLI prints is exactly one line. */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

export function errorLine(message: string): string {
  return `hearth: ${oneLine(message)}\n`;
}

/** The real stdout, kept before stray writes to it are redirected. */
export function processIo(): CliIo {
  const writeStdout = process.stdout.write.bind(process.stdout);
  // `hearth user list | head` closes the pipe early: stop quietly, as other command-line tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  return {
    out: (text) => void writeStdout(text),
    err: (text) => void process.stderr.write(text),
  };
}

/** From here on, anything else written to stdout (console.log, a library's notices) goes to stderr. */
export function redirectStrayStdout(): void {
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
}
