#!/usr/bin/env node
// `npm test`: the lint (scripts/lint.mjs), then every *.test.ts under test/ and e2e/, on Node's built-in test
// runner (through tsx). Extra arguments are passed through, e.g. `npm test -- --test-name-pattern=S31`, or a list
// of files, which runs those files alone, without the lint.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function find(dir) {
  let files = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return files;
  }
  for (const entry of entries.sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) files = files.concat(find(full));
    else if (entry.endsWith('.test.ts')) files.push(full);
  }
  return files;
}

const args = process.argv.slice(2);
const explicit = args.filter((a) => a.endsWith('.ts'));
const options = args.filter((a) => !a.endsWith('.ts'));
const files = explicit.length > 0 ? explicit : [...find('test'), ...find('e2e')];
if (explicit.length === 0) {
  const lint = spawnSync(process.execPath, ['scripts/lint.mjs'], { stdio: 'inherit' });
  if (lint.status !== 0) process.exit(lint.status ?? 1);
}
const concurrency = process.env.HEARTH_TEST_CONCURRENCY ?? '2';
const backend = process.env.HEARTH_TEST_DATABASE_URL ? 'PostgreSQL (HEARTH_TEST_DATABASE_URL)' : 'PGlite (embedded)';
console.log(`Running ${files.length} test files on ${backend}, Node ${process.version}`);
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-force-exit', '--test-timeout=600000', ...options, ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
