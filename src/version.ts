import fs from 'node:fs';

/** Hearth's version, from package.json: shown by `hearth --version` and written into HUD exports. */
export function hearthVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
