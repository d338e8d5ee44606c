#!/usr/bin/env node
// `npm run bench:start`: the time from starting Hearth to its first 200 on /readyz, for both sites, on PGlite and
// (when HEARTH_BENCH_DATABASE_URL or HEARTH_TEST_DATABASE_URL names a PostgreSQL) on PostgreSQL. Each start is timed
// as `npm start` runs it (compiled JavaScript in dist/, built beforehand) and, as the baseline in the same run, the way
// Hearth used to start (TypeScript compiled at runtime by tsx). A restart is measured: the data folder or databases
// exist and are migrated, as on a server; the first start of a fresh install (creating and migrating the embedded
// databases) is printed once. Every figure is the median of RUNS starts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureBuilt, ROOT } from '../scripts/build.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const PORT = 3990;
const pgUrl = process.env.HEARTH_BENCH_DATABASE_URL ?? process.env.HEARTH_TEST_DATABASE_URL;

const COMMANDS = {
  compiled: [path.join(ROOT, 'dist/server.js')],
  'tsx (baseline)': ['--import', 'tsx', path.join(ROOT, 'src/server.ts')],
};

/** Starts the server, polls /readyz every 20 ms, and stops it at the first 200; returns the milliseconds. */
async function timeToReady(args, env) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(PORT), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error(`the server exited before it was ready:\n${stderr}`);
      try {
        const res = await fetch(`http://127.0.0.1:${PORT}/readyz`);
        if (res.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (exited ? resolve() : child.once('exit', resolve)));
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(label, env) {
  const figures = {};
  for (const [name, args] of Object.entries(COMMANDS)) {
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push(await timeToReady(args, env));
    figures[name] = median(times);
  }
  const [compiled, baseline] = Object.values(figures);
  console.log(
    `${label}: compiled ${Math.round(compiled)} ms, tsx ${Math.round(baseline)} ms to ready (ratio compiled/tsx ${(compiled / baseline).toFixed(2)}, median of ${RUNS})`,
  );
}

await ensureBuilt();
console.log(`Node ${process.version}, ${os.availableParallelism()} CPUs, load average ${os.loadavg()[0].toFixed(1)} at start`);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-start-'));
try {
  const fresh = await timeToReady(COMMANDS.compiled, { HEARTH_DATA_DIR: dataDir });
  console.log(`PGlite, first start of a fresh install (creates and migrates both embedded databases): ${Math.round(fresh)} ms`);
  await measure('PGlite, restart (both sites)', { HEARTH_DATA_DIR: dataDir });
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

if (pgUrl) {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  const names = { live: `hearth_bench_start_live_${process.pid}`, training: `hearth_bench_start_training_${process.pid}` };
  for (const name of Object.values(names)) await admin.query(`create database ${name}`);
  const urlOf = (name) => Object.assign(new URL(pgUrl), { pathname: `/${name}` }).toString();
  const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-start-'));
  try {
    const env = { HEARTH_DATA_DIR: pgDir, HEARTH_LIVE_DATABASE_URL: urlOf(names.live), HEARTH_TRAINING_DATABASE_URL: urlOf(names.training) };
    const fresh = await timeToReady(COMMANDS.compiled, env);
    console.log(`PostgreSQL, first start on empty databases (migrates both): ${Math.round(fresh)} ms`);
    await measure('PostgreSQL, restart (both sites)', env);
  } finally {
    for (const name of Object.values(names)) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    fs.rmSync(pgDir, { recursive: true, force: true });
  }
} else {
  console.log('PostgreSQL: skipped (set HEARTH_BENCH_DATABASE_URL=postgres://…/db to measure it)');
}
