/** Command-line options: what every bench takes (--database-url, --json, --help) and how numbers are read. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A wrong option: the bench prints the message and its usage, and exits with status 2. */
export class UsageError extends Error {}

const COMMON_OPTIONS = {
  'database-url': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses argv with the bench's own options besides the common ones; --help prints the usage and exits.
 * The database URL comes from --database-url or the HEARTH_BENCH_DATABASE_URL environment variable.
 */
export function parseBenchArgs<T extends OptionsConfig>(argv: string[], options: T, usage: () => string) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  const common = values as { 'database-url'?: string; json: boolean; help: boolean };
  if (common.help) {
    console.log(usage());
    process.exit(0);
  }
  const databaseUrl = common['database-url']?.trim() || process.env.HEARTH_BENCH_DATABASE_URL?.trim() || undefined;
  return { values, databaseUrl, json: common.json };
}

/** A --name value above 0 and at most `max`, whole unless `integer` is false; `_` or `,` may group digits. */
export function positiveOption(name: string, raw: string | undefined, fallback: number, max: number, integer = true): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isFinite(value) || value <= 0 || value > max || (integer && !Number.isInteger(value))) {
    throw new UsageError(
      `--${name} must be a ${integer ? 'whole ' : ''}number above 0 and at most ${max.toLocaleString('en-US')} (got "${raw}").`,
    );
  }
  return value;
}
