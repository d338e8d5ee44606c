#!/usr/bin/env node
// `npm run lint`: the layer rules of docs/architecture.md, in two parts.
//  1. dependency-cruiser (.dependency-cruiser.cjs) checks the imports: no cycles, no page or route below the web
//     layer, Kysely values only in repositories and src/db/, no other feature's repository, sites/ as the root.
//  2. Queries outside repositories and src/db/. A service may hold a Kysely or Transaction through a type-only
//     import (to open a transaction), which no import rule can tell from one that writes a query with it, so
//     this script looks for the query builder's entry points in the code itself.
// Violations recorded in the baseline (.dependency-cruiser-known-violations.json) are listed but pass: new ones
// fail. `npm run lint -- --update-baseline` records today's violations; delete the file when none are left.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const BASELINE = '.dependency-cruiser-known-violations.json';
const CRUISED = ['src', 'bin', 'scripts', 'test', 'e2e', 'bench'];
const QUERY_RULE = 'only-repositories-build-queries';
/** How the baseline names a file that builds queries (dependency-cruiser's entries name a module here). */
const QUERY_TARGET = 'kysely (a query built here)';
/** The query builder's ways in: a query from the instance or a transaction, or raw SQL. */
const QUERY_CALL = /\.(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)\(|\bsql(<[^>]*>)?`|\bsql\.(raw|ref|id|lit|val|join|table)\(/;

process.chdir(ROOT);
const update = process.argv.includes('--update-baseline');
const known = existsSync(BASELINE) ? JSON.parse(readFileSync(BASELINE, 'utf8')) : [];

function depcruise(args) {
  const bin = realpathSync(path.join('node_modules', '.bin', 'depcruise'));
  return spawnSync(process.execPath, [bin, ...CRUISED, '--config', '.dependency-cruiser.cjs', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function sourceFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return sourceFiles(full);
      return /\.tsx?$/.test(entry) ? [full.split(path.sep).join('/')] : [];
    });
}

/** Lines outside repositories and src/db/ that build a query, as baseline-style violations. */
function queriesOutsideRepositories() {
  const found = [];
  for (const file of sourceFiles('src')) {
    if (file.endsWith('.repository.ts') || file.startsWith('src/db/')) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (QUERY_CALL.test(line) && !/^\s*(\/\/|\*)/.test(line)) {
          found.push({ type: 'dependency', from: file, to: QUERY_TARGET, line: i + 1, text: line.trim() });
        }
      });
  }
  return found;
}

const isKnownQuery = (v) =>
  known.some((k) => k.rule?.name === QUERY_RULE && k.from === v.from && k.to === QUERY_TARGET);

if (update) {
  const cruise = depcruise(['--output-type', 'baseline']);
  if (cruise.status !== 0 && !cruise.stdout) process.exit(cruise.status ?? 1);
  const files = [...new Set(queriesOutsideRepositories().map((v) => v.from))];
  const baseline = [
    ...JSON.parse(cruise.stdout),
    ...files.map((from) => ({
      type: 'dependency',
      from,
      to: QUERY_TARGET,
      rule: { severity: 'error', name: QUERY_RULE },
    })),
  ];
  writeFileSync(BASELINE, `${JSON.stringify(baseline, null, 2)}\n`);
  console.log(`lint: ${baseline.length} known violations recorded in ${BASELINE}`);
  process.exit(0);
}

// dependency-cruiser gets its own entries of the baseline only: the others would look stale to it.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'hearth-lint-'));
const cruiseKnown = path.join(tmp, 'known-violations.json');
writeFileSync(cruiseKnown, JSON.stringify(known.filter((k) => k.to !== QUERY_TARGET)));
let cruise;
try {
  cruise = depcruise(['--ignore-known', cruiseKnown, '--output-type', 'err-long']);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.stdout.write(cruise.stdout);

const queries = queriesOutsideRepositories();
const fresh = queries.filter((v) => !isKnownQuery(v));
const ignored = queries.length - fresh.length;
for (const v of fresh) {
  console.log(`  error ${QUERY_RULE}: ${v.from}:${v.line} builds a query outside a repository\n      ${v.text}`);
}
console.log(
  `lint: ${fresh.length} queries outside repositories and src/db/` +
    (ignored > 0 ? ` (${ignored} more in files of the baseline, ${BASELINE})` : ''),
);
process.exit(cruise.status !== 0 || fresh.length > 0 ? 1 : 0);
