/** The Open Path fixture sets (../shared/hud-fixtures), zipped on the fly into a temporary folder (tests only). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ZipFile } from 'yazl';

export const FIXTURES = path.resolve('../shared/hud-fixtures');
export const FY2026_ENROLLMENT = 'openpath-fy2026-enrollment';
export const FY2024_ENROLLMENT = 'openpath-fy2024-enrollment';
export const FY2026_VALIDATION = 'openpath-fy2026-validation';

export function tempFolder(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `hearth-${name}-`));
}

/**
 * A zip of a fixture set, flat as HUD wants it, written into `dir`. `change` rewrites a file's text (by entry name)
 * or, returning null, leaves the file out.
 */
export async function zipFixture(set: string, dir: string, change: (name: string, text: string) => string | null = (_, t) => t): Promise<string> {
  const zip = new ZipFile();
  for (const name of fs.readdirSync(path.join(FIXTURES, set)).filter((n) => n.endsWith('.csv')).sort()) {
    const text = change(name, fs.readFileSync(path.join(FIXTURES, set, name), 'utf8'));
    if (text !== null) zip.addBuffer(Buffer.from(text, 'utf8'), name);
  }
  const file = path.join(dir, `${set}-${fs.readdirSync(dir).length}.zip`);
  const written = new Promise<void>((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(file)).on('finish', resolve).on('error', reject));
  zip.end();
  await written;
  return file;
}
