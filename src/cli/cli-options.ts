import fs from 'node:fs';
import path from 'node:path';
import type { ValidationError } from '../errors.js';
import { UsageError } from './cli-io.js';

/** A repeatable option of ids: each use adds its values, which may also be separated by commas. */
export const collectIds = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)];

/** A request the service refuses is a command typed wrong: each message names the option its field comes from. */
export function usageErrorOf(error: ValidationError, fieldOptions: Readonly<Record<string, string>>): UsageError {
  const messages = Object.entries(error.fieldErrors).flatMap(([field, list]) => list.map((m) => `${fieldOptions[field] ?? field}: ${m}`));
  return new UsageError(messages.length > 0 ? messages.join('; ') : error.message);
}

/** The absolute path of --out, refused before any work when it exists or its folder does not. */
export function newOutputFile(typed: string): string {
  const out = path.resolve(typed);
  if (fs.existsSync(out)) throw new UsageError(`--out: ${typed} already exists; choose a new file name`);
  if (!fs.existsSync(path.dirname(out))) throw new UsageError(`--out: the folder ${path.dirname(typed)} does not exist`);
  return out;
}
