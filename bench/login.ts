/**
 * `npm run bench:login`: logins per second over real HTTP, divided by raw argon2id verifications per
 * second measured in the same process, at the same concurrency, in the same run.
 *
 * The hashing is the floor: a login can never be faster than one argon2id verification. The ratio says
 * how close the whole login (HTTP, CSRF check, user lookup, the login transaction with its audit row
 * and new session, the cookie) comes to that floor. See bench/README.md.
 *
 *   npm run bench:login
 *   npm run bench:login -- --duration 20 --concurrency 8 --json
 *   npm run bench:login -- --database-url postgres://postgres@127.0.0.1:5432/test
 *
 * Traffic goes only to 127.0.0.1. Every loop is bounded in time (the phase deadline) and in count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { LogEvent } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { assembleHearth, type Hearth } from '../src/assemble.js';
import { defaultHashConcurrency } from '../src/auth/password/hash-limiter.js';
import { ARGON2_PARAMS, verifyPassword } from '../src/auth/password/hashing.js';
import { loggerOptions } from '../src/http/logging.js';
import type { SiteId } from '../src/site-id.js';
import type { SiteServices } from '../src/sites/site-services.js';
import { clockMs, machineCpu, processesCpuMs, taskCpuMs, threadCpuMs } from './lib/cpu.js';
import { benchConfig } from './lib/config.js';
import { createBenchUser, type BenchUser } from './lib/accounts.js';
import { openBenchDatabase, type BenchDatabase as OpenedDatabase } from './lib/database.js';
import { parseBenchArgs, positiveOption } from './lib/options.js';
import { createProfiler, summariseProfile, type CpuProfile } from './lib/profiler.js';
import { fmt, pct, percentile, round, table } from './lib/stats.js';
import { browser, CLIENT_WORKER_MARK, httpRequest, loginForm, type ClientJob, type ClientReport } from './login-client.js';

const SITE: SiteId = 'live';
const TARGET_RATIO = 0.85;
/** Hard cap on operations per worker per phase, whatever the duration (a runaway guard). */
const MAX_OPS_PER_WORKER = 1_000_000;
/** Cores used by other processes above which the figures are flagged as disturbed. */
const DISTURBED_CORES = 0.2;

// ---------------------------------------------------------------------------------------------------
// Options

interface Options {
  durationS: number;
  warmupS: number;
  concurrency: number;
  users: number;
  databaseUrl: string | undefined;
  json: boolean;
  stages: boolean;
  /** Where to write a CPU profile of the event loop during the login phase's window (--profile). */
  profile: string | undefined;
}

function usage(): string {
  return [
    'Usage: npm run bench:login -- [options]',
    '',
    '  --duration SECONDS     measured time of each of the three phases (default 8)',
    '  --warmup SECONDS       unmeasured warm-up before each phase (default 2)',
    '  --concurrency N        logins / verifications in flight (default 2 × cores)',
    '  --users N              accounts created and logged into in turn (default 50)',
    '  --database-url URL     PostgreSQL instead of in-memory PGlite; a fresh schema is made and dropped',
    '                         (or env HEARTH_BENCH_DATABASE_URL)',
    '  --stages               afterwards, time each stage of a login alone and list its SQL (diagnostics)',
    '  --profile FILE         CPU-profile the event loop during the measured logins; writes FILE',
    '                         (.cpuprofile, for Chrome DevTools) and prints time per login by package',
    '  --json                 print one machine-readable JSON line instead of the table',
    '',
    'argon2 runs on the libuv threadpool, sized by the UV_THREADPOOL_SIZE environment variable',
    '(default 4); set it in the environment: UV_THREADPOOL_SIZE=2 npm run bench:login.',
    'HEARTH_HASH_CONCURRENCY and HEARTH_HASH_QUEUE are read from the environment as the server reads them.',
  ].join('\n');
}

function parseOptions(argv: string[]): Options {
  const { values, databaseUrl, json } = parseBenchArgs(
    argv,
    {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      users: { type: 'string' },
      stages: { type: 'boolean', default: false },
      profile: { type: 'string' },
    },
    usage,
  );
  const concurrency = positiveOption('concurrency', values.concurrency, 2 * os.availableParallelism(), 1024);
  const users = positiveOption('users', values.users, 50, 10_000);
  return {
    durationS: positiveOption('duration', values.duration, 8, 600, false),
    warmupS: values.warmup !== undefined && Number(values.warmup) === 0 ? 0 : positiveOption('warmup', values.warmup, 2, 60, false),
    concurrency,
    // Each login in flight uses its own account, so concurrent logins never wait on one row lock.
    users: Math.max(users, concurrency),
    databaseUrl,
    json,
    stages: values.stages,
    profile: values.profile?.trim() ? path.resolve(values.profile.trim()) : undefined,
  };
}

// ---------------------------------------------------------------------------------------------------
// Database, server, accounts

interface BenchDatabase extends OpenedDatabase {
  /** The process ids of this bench's PostgreSQL backends (none with PGlite), for their CPU time. */
  backendPids(): Promise<number[]>;
}

const APPLICATION_NAME = 'hearth-bench';

/** One SQL statement's share of a login, from Kysely's query log (see --stages). */
interface StatementStats {
  label: string;
  sql: string;
  count: number;
  totalMs: number;
}

/**
 * Kysely's query log, switched on only while --stages records: then every statement the app runs is
 * counted and timed (from sending it to having its rows). Off, it costs one branch per query.
 */
class StatementLog {
  recording = false;
  readonly stats = new Map<string, StatementStats>();
  readonly log = (event: LogEvent) => {
    if (!this.recording || event.level !== 'query') return;
    const sql = event.query.sql;
    let entry = this.stats.get(sql);
    if (!entry) this.stats.set(sql, (entry = { label: statementLabel(sql), sql, count: 0, totalMs: 0 }));
    entry.count++;
    entry.totalMs += event.queryDurationMillis;
  };
}

/** "select users", "insert into audit_log", "update sessions" …: the verb and the first table. */
function statementLabel(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  const verb = /^(select|insert into|update|delete from|with|begin|commit|rollback)\b/i.exec(text)?.[1]?.toLowerCase() ?? text.slice(0, 20);
  const table = /\b(?:from|into|update)\s+"?([a-z_][a-z0-9_]*)"?/i.exec(text)?.[1];
  const aggregate = /^select\s+(count|min|max|exists)\s*\(/i.exec(text)?.[1]?.toLowerCase();
  return [verb, aggregate ? `${aggregate}(…)` : '', table ?? ''].filter(Boolean).join(' ');
}

const statements = new StatementLog();

/** In-memory PGlite, or a fresh schema in the given PostgreSQL, with the statement log (see bench/lib/database.ts). */
async function openDatabase(url: string | undefined): Promise<BenchDatabase> {
  const database = await openBenchDatabase({ url, log: statements.log, applicationName: APPLICATION_NAME });
  if (!url) return { ...database, backendPids: async () => [] };
  // One more connection, outside the pool, to look up the pool's backends while the phases run.
  const monitor = new pg.Client({ connectionString: url, application_name: `${APPLICATION_NAME}-monitor` });
  try {
    await monitor.connect();
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  monitor.on('error', () => {});
  return {
    ...database,
    backendPids: async () => {
      const { rows } = await monitor.query<{ pid: number }>(
        'select pid from pg_stat_activity where application_name = $1 and datname = current_database()',
        [APPLICATION_NAME],
      );
      return rows.map((r) => r.pid);
    },
    close: async () => {
      await monitor.end().catch(() => {});
      await database.close();
    },
  };
}

interface BenchServer {
  hearth: Hearth;
  site: SiteServices;
  port: number;
}

/** Hearth as src/server.ts assembles it, serving one site on 127.0.0.1 at a free port. */
async function startServer(database: BenchDatabase, dataDir: string): Promise<BenchServer> {
  const config = benchConfig(SITE, dataDir, {
    // The hashing limits may be explored from the environment, as on a real server.
    HEARTH_HASH_CONCURRENCY: process.env.HEARTH_HASH_CONCURRENCY,
    HEARTH_HASH_QUEUE: process.env.HEARTH_HASH_QUEUE,
  });
  // Warnings and errors go to stderr, so `--json` keeps stdout to its one line. assembleHearth configures the
  // hash limiter as the server does: the raw verifications of the baseline pass through the same limiter.
  const hearth = await assembleHearth(config, { logger: pino(loggerOptions(config), pino.destination(2)), databases: { [SITE]: database } });
  try {
    await hearth.app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await hearth.close().catch(() => {});
    throw error;
  }
  const address = hearth.app.server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no TCP address.');
  return { hearth, site: hearth.sites[0]!.services, port: address.port };
}

/**
 * Accounts with their own (not temporary) passwords (bench/lib/accounts.ts), so every bench login is an ordinary
 * 'signed-in' login.
 */
async function createUsers(site: SiteServices, count: number, concurrency: number): Promise<BenchUser[]> {
  const users: BenchUser[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      users[i] = await createBenchUser(site, i + 1);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return users;
}

/** Worker w takes accounts w, w + C, w + 2C, …: no two operations in flight share an account. */
function accountsOf(users: BenchUser[], concurrency: number, worker: number): BenchUser[] {
  const mine: BenchUser[] = [];
  for (let i = worker; i < users.length; i += concurrency) mine.push(users[i]!);
  return mine;
}

// ---------------------------------------------------------------------------------------------------
// CPU accounting (Linux /proc; NaN elsewhere, and the bench still runs)

interface Snapshot {
  at: number;
  elu: ReturnType<typeof performance.eventLoopUtilization>;
  process: NodeJS.CpuUsage;
  tasks: Map<number, number>;
  machine: { idle: number; total: number };
  /** CPU of this bench's PostgreSQL backends, by pid (read a moment after the rest: it needs a query). */
  backends: Map<number, number>;
}

async function snapshot(database: BenchDatabase): Promise<Snapshot> {
  const at = clockMs();
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const tasks = taskCpuMs();
  const machine = machineCpu();
  const pids = await database.backendPids().catch(() => []);
  return { at, elu, process: cpu, tasks, machine, backends: processesCpuMs(pids) };
}

/** CPU the bench's backends used between two snapshots (a backend started in between counts from 0). */
function backendsDeltaMs(first: Snapshot, last: Snapshot): number {
  let total = 0;
  for (const [pid, ms] of last.backends) {
    const before = first.backends.get(pid) ?? 0;
    if (Number.isFinite(ms) && Number.isFinite(before)) total += ms - before;
  }
  return total;
}

/** CPU time per operation, in ms. */
interface CpuPerOp {
  /** The server's event loop: HTTP, Fastify, CSRF, Kysely, pg or PGlite (its WASM runs here), rendering. */
  mainThread: number;
  /** The load generator's thread (login phase only). */
  client: number;
  /** The libuv threadpool, where argon2 runs (the threads busy while only verifications run). */
  threadpool: number;
  /** Every other thread of this process: V8's garbage collector and compiler helpers, mostly. */
  helpers: number;
  /** This bench's PostgreSQL backends (0 with PGlite). */
  postgres: number;
}

function cpuTotal(c: CpuPerOp): number {
  return c.mainThread + c.client + c.threadpool + c.helpers + c.postgres;
}

// ---------------------------------------------------------------------------------------------------
// Phases

interface PhaseResult {
  name: string;
  ops: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  /** Share of the window the server's event loop was busy (wall time, so it includes waiting for a core). */
  eventLoopBusy: number;
  /** CPU used in the window, in ms: the whole process, each of its threads, the client thread, postgres. */
  cpu: { processMs: number; tasks: Map<number, number>; clientMs: number; clientTid: number | null; postgresMs: number };
  /** Cores this process and its PostgreSQL backends kept busy: below the core count, some capacity idled. */
  busyCores: number;
  /** Cores used by processes other than this one and its PostgreSQL backends: noise from elsewhere. */
  otherCores: number;
}

/** Threads of this process that worked at least 5% of a phase other than the main thread: in a verify phase, the threadpool. */
function busyThreads(phase: PhaseResult): Set<number> {
  const busy = new Set<number>();
  for (const [tid, ms] of phase.cpu.tasks) {
    if (tid !== process.pid && tid !== phase.cpu.clientTid && ms > 0.05 * phase.seconds * 1000) busy.add(tid);
  }
  return busy;
}

/** A phase's CPU per operation; `pool` names the threadpool's threads (see busyThreads). */
function cpuPerOp(phase: PhaseResult, pool: Set<number>): CpuPerOp {
  const { processMs, tasks, clientMs, postgresMs } = phase.cpu;
  const known = (ms: number | undefined) => (ms !== undefined && Number.isFinite(ms) ? ms : 0);
  const mainMs = tasks.get(process.pid) ?? NaN;
  let poolMs = 0;
  for (const tid of pool) poolMs += known(tasks.get(tid));
  if (tasks.size === 0) poolMs = NaN; // no /proc: only the process total is known
  const helpersMs = processMs - known(mainMs) - known(clientMs) - known(poolMs);
  const per = (ms: number) => ms / phase.ops;
  return {
    mainThread: per(mainMs),
    client: per(known(clientMs)),
    threadpool: per(poolMs),
    helpers: per(helpersMs),
    postgres: per(known(postgresMs)),
  };
}

interface DriverResult {
  completions: number[];
  latencies: number[];
  /** CPU of a thread the driver ran in, from window start to deadline (already inside the process's CPU). */
  clientCpuMs: number;
  clientTid: number | null;
}

/** Runs operations back to back until `deadline` (clockMs()), from as many workers as it likes. */
type Driver = (windowStart: number, deadline: number, signal: AbortSignal) => Promise<DriverResult>;

class Aborted extends Error {}

/**
 * One phase: a warm-up, then a measured window. Only operations completing inside the window count;
 * CPU figures cover the same window.
 */
async function runPhase(
  name: string,
  options: Options,
  database: BenchDatabase,
  signal: AbortSignal,
  driver: Driver,
  window: { open?(): void; close?(): void } = {},
): Promise<PhaseResult> {
  const start = clockMs();
  const windowStart = start + options.warmupS * 1000;
  const deadline = windowStart + options.durationS * 1000;
  let first: Promise<Snapshot> | undefined;
  let last: Promise<Snapshot> | undefined;
  const opened = setTimeout(() => {
    first = snapshot(database);
    window.open?.();
  }, Math.max(0, windowStart - clockMs()));
  const closed = setTimeout(() => {
    last = snapshot(database);
    window.close?.();
  }, Math.max(0, deadline - clockMs()));
  // A hung operation must not hang the bench: give up 60 s past the deadline.
  let watchdog: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    watchdog = setTimeout(() => reject(new Error(`${name}: still running 60 s after the deadline`)), deadline + 60_000 - clockMs());
  });
  let result: DriverResult;
  try {
    result = await Promise.race([driver(windowStart, deadline, signal), hung]);
  } finally {
    clearTimeout(opened);
    clearTimeout(closed);
    clearTimeout(watchdog);
  }
  if (signal.aborted) throw new Aborted(String(signal.reason ?? 'aborted'));
  if (!first) throw new Error(`${name}: the measured window never opened`);
  if (!last) window.close?.();
  const [from, to] = await Promise.all([first, last ?? snapshot(database)]);
  return phaseResult(name, from, to, result);
}

function phaseResult(name: string, first: Snapshot, last: Snapshot, result: DriverResult): PhaseResult {
  const inWindow: number[] = [];
  result.completions.forEach((t, i) => {
    if (t >= first.at && t <= last.at) inWindow.push(result.latencies[i]!);
  });
  inWindow.sort((a, b) => a - b);
  const ops = inWindow.length;
  const seconds = (last.at - first.at) / 1000;
  const processMs = (last.process.user - first.process.user + (last.process.system - first.process.system)) / 1000;
  const tasks = new Map<number, number>();
  for (const [tid, ms] of last.tasks) tasks.set(tid, ms - (first.tasks.get(tid) ?? 0));
  const postgresMs = backendsDeltaMs(first, last);
  const machineTotal = last.machine.total - first.machine.total;
  const machineBusyCores =
    machineTotal > 0 ? (1 - (last.machine.idle - first.machine.idle) / machineTotal) * os.cpus().length : NaN;
  return {
    name,
    ops,
    seconds,
    perSecond: ops / seconds,
    p50Ms: percentile(inWindow, 0.5),
    p95Ms: percentile(inWindow, 0.95),
    eventLoopBusy: performance.eventLoopUtilization(last.elu, first.elu).utilization,
    cpu: { processMs, tasks, clientMs: result.clientCpuMs, clientTid: result.clientTid, postgresMs },
    busyCores: (processMs + postgresMs) / 1000 / seconds,
    otherCores: machineBusyCores - (processMs + postgresMs) / 1000 / seconds,
  };
}

/** Raw verifyPassword calls, `concurrency` at a time, each worker cycling through its own accounts. */
function verifyDriver(users: BenchUser[], options: Options, controller: AbortController): Driver {
  return async (_windowStart, deadline, signal) => {
    const completions: number[] = [];
    const latencies: number[] = [];
    const worker = async (accounts: BenchUser[]) => {
      for (let n = 0; n < MAX_OPS_PER_WORKER && !signal.aborted; n++) {
        const t0 = clockMs();
        if (t0 >= deadline) return;
        const account = accounts[n % accounts.length]!;
        if (!(await verifyPassword(account.hash, account.password))) {
          controller.abort(`verifyPassword returned false for ${account.username}`);
          return;
        }
        const t1 = clockMs();
        completions.push(t1);
        latencies.push(t1 - t0);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, (_, w) => worker(accountsOf(users, options.concurrency, w))));
    return { completions, latencies, clientCpuMs: NaN, clientTid: null };
  };
}

/**
 * Logins over HTTP from a worker thread (see login-client.ts): `concurrency` keep-alive connections,
 * each a browser that fetched the login page once and then posts the form again and again.
 */
function loginDriver(server: BenchServer, users: BenchUser[], options: Options, controller: AbortController, counters: LoginCounters): Driver {
  return (windowStart, deadline, signal) =>
    new Promise<DriverResult>((resolve, reject) => {
      const job: ClientJob = {
        mark: CLIENT_WORKER_MARK,
        port: server.port,
        site: SITE,
        accounts: Array.from({ length: options.concurrency }, (_, w) =>
          accountsOf(users, options.concurrency, w).map((u) => ({ username: u.username, password: u.password })),
        ),
        windowStart,
        deadline,
        maxOpsPerConnection: MAX_OPS_PER_WORKER,
      };
      // The worker runs TypeScript too: register tsx in it, then load the client module.
      const tsx = import.meta.resolve('tsx/esm/api');
      const entry = new URL('./login-client.ts', import.meta.url).href;
      const worker = new Worker(
        `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
        { eval: true, workerData: job },
      );
      const stop = () => worker.postMessage('stop');
      signal.addEventListener('abort', stop, { once: true });
      let settled = false;
      worker.on('message', (report: ClientReport) => {
        settled = true;
        signal.removeEventListener('abort', stop);
        if (report.type === 'error') return reject(new Error(`login client: ${report.message}`));
        counters.ok += report.ok;
        counters.failed += report.failed;
        if (report.failure) {
          counters.firstFailure ??= report.failure;
          controller.abort(report.failure);
        }
        resolve({ completions: report.completions, latencies: report.latencies, clientCpuMs: report.windowCpuMs, clientTid: report.tid });
      });
      worker.on('error', (error) => {
        settled = true;
        reject(error);
      });
      worker.on('exit', (code) => {
        if (!settled) reject(new Error(`login client exited with code ${code} before reporting`));
      });
    });
}

interface LoginCounters {
  ok: number;
  failed: number;
  firstFailure?: string;
}

// ---------------------------------------------------------------------------------------------------
// Stages (--stages): where one login's time goes, one login at a time, after the phases

interface Stage {
  stage: string;
  /** Median wall time of one operation. */
  medianMs: number;
  /** CPU time of the event loop thread per operation (NaN without /proc). */
  cpuMs: number;
}

interface StageReport {
  stages: Stage[];
  /** The SQL statements of one login (per login, in order of total time). */
  statements: { label: string; sql: string; perLogin: number; meanMs: number; msPerLogin: number }[];
  logins: number;
  loginMs: number;
  statementsMs: number;
  verifyMs: number;
}

async function timeStage(label: string, runs: number, fn: (i: number) => Promise<unknown>): Promise<Stage> {
  for (let i = 0; i < Math.min(20, runs); i++) await fn(i); // warm-up
  const times: number[] = [];
  const cpu0 = threadCpuMs();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  const cpuMs = (threadCpuMs() - cpu0) / runs;
  times.sort((a, b) => a - b);
  return { stage: label, medianMs: percentile(times, 0.5), cpuMs };
}

/**
 * Each stage alone, nothing else running (so caches are warm and no core is contended: under load the
 * same work costs more). The client runs on this thread here, so HTTP figures include its side.
 * The login's SQL statements come from Kysely's log, whatever the login code runs today.
 */
async function measureStages(server: BenchServer, users: BenchUser[]): Promise<StageReport> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const user = (i: number) => users[i % users.length]!;
  const many = 300; // cheap stages
  const few = 60; // stages with an argon2 verification
  const stages: Stage[] = [];
  try {
    const { token, login } = await browser(agent, server.port, SITE);
    const signIn = (i: number) => login(user(i).username, loginForm(token, user(i).username, user(i).password));
    const verify = await timeStage('argon2id verify alone (verifyPassword)', few, (i) => verifyPassword(user(i).hash, user(i).password));
    stages.push(verify);
    stages.push(await timeStage('GET /healthz: HTTP client + Fastify floor', many, () =>
      httpRequest(agent, server.port, 'GET', '/healthz', {}, undefined, false),
    ));
    stages.push(await timeStage(`GET /${SITE}/login: page render + CSRF token`, many, () =>
      httpRequest(agent, server.port, 'GET', `/${SITE}/login`, {}, undefined, false),
    ));
    // Warm-up: every account signs in once from this browser, so its device is known (steady state).
    for (let i = 0; i < users.length; i++) await signIn(i);
    statements.stats.clear();
    statements.recording = true;
    let whole: Stage;
    try {
      whole = await timeStage(`POST /${SITE}/login: the whole login`, few, signIn);
    } finally {
      statements.recording = false;
    }
    stages.push(whole);
    // timeStage ran `few` warm-up logins too, with recording on: count them in.
    const logins = few + Math.min(20, few);
    const rows = [...statements.stats.values()]
      .map((s) => ({ label: s.label, sql: s.sql, perLogin: s.count / logins, meanMs: s.totalMs / s.count, msPerLogin: s.totalMs / logins }))
      .sort((a, b) => b.msPerLogin - a.msPerLogin);
    const statementsMs = rows.reduce((sum, r) => sum + r.msPerLogin, 0);
    return { stages, statements: rows, logins, loginMs: whole.medianMs, statementsMs, verifyMs: verify.medianMs };
  } finally {
    agent.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------
// Report

function phaseLine(p: PhaseResult, cpu: CpuPerOp): string {
  return (
    `${fmt(p.perSecond)}/s  (${p.ops} in ${fmt(p.seconds, 2)} s, p50 ${fmt(p.p50Ms)} ms, p95 ${fmt(p.p95Ms)} ms, ` +
    `CPU/op ${fmt(cpuTotal(cpu), 2)} ms, other load ${fmt(Math.max(0, p.otherCores), 2)} cores)`
  );
}

function meanCpu(a: CpuPerOp, b: CpuPerOp): CpuPerOp {
  return {
    mainThread: (a.mainThread + b.mainThread) / 2,
    client: (a.client + b.client) / 2,
    threadpool: (a.threadpool + b.threadpool) / 2,
    helpers: (a.helpers + b.helpers) / 2,
    postgres: (a.postgres + b.postgres) / 2,
  };
}

// ---------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`bench:login: ${(error as Error).message}\n\n${usage()}`);
    return 2;
  }
  const say = (line: string) => {
    if (!options.json) console.log(line);
  };
  const controller = new AbortController();
  const onSignal = () => controller.abort('interrupted');
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-'));
  let database: BenchDatabase | undefined;
  let server: BenchServer | undefined;
  try {
    const setupStart = performance.now();
    database = await openDatabase(options.databaseUrl);
    server = await startServer(database, dataDir);
    say(`bench:login: ${database.description}; server on 127.0.0.1:${server.port}; creating ${options.users} accounts…`);
    const users = await createUsers(server.site, options.users, options.concurrency);
    say(
      `bench:login: ready in ${fmt((performance.now() - setupStart) / 1000)} s; three phases of ` +
        `${options.warmupS} s warm-up + ${options.durationS} s, ${options.concurrency} in flight`,
    );

    const counters: LoginCounters = { ok: 0, failed: 0 };
    const signal = controller.signal;
    const before = await runPhase('verify (before)', options, database, signal, verifyDriver(users, options, controller));
    // The threads that worked while only verifications ran are the libuv threadpool.
    const pool = busyThreads(before);
    say(`  verify (before)  ${phaseLine(before, cpuPerOp(before, pool))}`);
    // With --profile, the event loop is profiled exactly over the measured window of the logins.
    const profiler = options.profile ? await createProfiler(options.profile) : undefined;
    let profile: Promise<CpuProfile> | undefined;
    const logins = await runPhase('logins', options, database, signal, loginDriver(server, users, options, controller, counters), {
      open: () => profiler?.start(),
      close: () => {
        profile ??= profiler?.stop();
      },
    });
    const profileSummary = profile ? summariseProfile(await profile, logins.ops) : undefined;
    say(`  logins           ${phaseLine(logins, cpuPerOp(logins, pool))}`);
    const after = await runPhase('verify (after)', options, database, signal, verifyDriver(users, options, controller));
    for (const tid of busyThreads(after)) pool.add(tid);
    say(`  verify (after)   ${phaseLine(after, cpuPerOp(after, pool))}`);

    const verifyPerSecond = (before.perSecond + after.perSecond) / 2;
    const ratio = logins.perSecond / verifyPerSecond;
    const drift = Math.abs(before.perSecond - after.perSecond) / verifyPerSecond;
    // With the cores saturated in both phases (2 × cores in flight sees to that), throughput is
    // cores ÷ CPU per operation, so the ratio should come out near (CPU of a verify) ÷ (CPU of a
    // login): everything a login costs beyond its verify comes straight off the ratio.
    const verifyCpu = meanCpu(cpuPerOp(before, pool), cpuPerOp(after, pool));
    const loginCpu = cpuPerOp(logins, pool);
    const cpuModelRatio = cpuTotal(verifyCpu) / cpuTotal(loginCpu);
    // The load generator shares these cores; real clients would not.
    const cpuModelWithoutClient = cpuTotal(verifyCpu) / (cpuTotal(loginCpu) - loginCpu.client);
    const otherLoad = Math.max(before.otherCores, logins.otherCores, after.otherCores);
    const disturbed = otherLoad > DISTURBED_CORES;
    const stages = options.stages ? await measureStages(server, users) : undefined;

    const cores = os.availableParallelism();
    const hashConcurrency = server.hearth.config.hashConcurrency || defaultHashConcurrency();
    const threadpool = process.env.UV_THREADPOOL_SIZE?.trim() || undefined;
    const cpuModel = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
    if (options.json) {
      const cpuJson = (c: CpuPerOp) => ({
        mainThread: round(c.mainThread, 3),
        client: round(c.client, 3),
        threadpool: round(c.threadpool, 3),
        helpers: round(c.helpers, 3),
        postgres: round(c.postgres, 3),
        total: round(cpuTotal(c), 3),
      });
      console.log(
        JSON.stringify({
          bench: 'login',
          cores,
          cpu: cpuModel,
          node: process.version,
          uvThreadpoolSize: threadpool ? Number(threadpool) : 4,
          hashConcurrency,
          database: database.kind,
          concurrency: options.concurrency,
          users: options.users,
          warmupSeconds: options.warmupS,
          durationSeconds: options.durationS,
          argon2: { memoryCost: ARGON2_PARAMS.memoryCost, timeCost: ARGON2_PARAMS.timeCost, parallelism: ARGON2_PARAMS.parallelism },
          verifyPerSecond: round(verifyPerSecond),
          verifyBeforePerSecond: round(before.perSecond),
          verifyAfterPerSecond: round(after.perSecond),
          loginsPerSecond: round(logins.perSecond),
          ratio: round(ratio, 3),
          target: TARGET_RATIO,
          meetsTarget: ratio >= TARGET_RATIO,
          loginP50Ms: round(logins.p50Ms),
          loginP95Ms: round(logins.p95Ms),
          verifyP50Ms: round((before.p50Ms + after.p50Ms) / 2),
          cpuMsPerVerify: cpuJson(verifyCpu),
          cpuMsPerLogin: cpuJson(loginCpu),
          cpuModelRatio: round(cpuModelRatio, 3),
          cpuModelRatioWithoutClient: round(cpuModelWithoutClient, 3),
          loginEventLoopBusy: round(logins.eventLoopBusy, 3),
          busyCores: { verifyBefore: round(before.busyCores, 2), logins: round(logins.busyCores, 2), verifyAfter: round(after.busyCores, 2) },
          otherLoadCores: round(Math.max(0, otherLoad), 2),
          disturbed,
          baselineDrift: round(drift, 3),
          loginsOk: counters.ok,
          loginsFailed: counters.failed,
          ...(profileSummary
            ? { profile: { file: options.profile, msPerLogin: Object.fromEntries(profileSummary.map((g) => [g.group, round(g.msPerLogin, 3)])) } }
            : {}),
          ...(stages
            ? {
                stages: stages.stages.map((s) => ({ stage: s.stage, medianMs: round(s.medianMs, 3), cpuMs: round(s.cpuMs, 3) })),
                statementsPerLogin: stages.statements.map((r) => ({
                  statement: r.label,
                  sql: r.sql.replace(/\s+/g, ' ').slice(0, 300),
                  perLogin: round(r.perLogin, 2),
                  meanMs: round(r.meanMs, 3),
                  msPerLogin: round(r.msPerLogin, 3),
                })),
              }
            : {}),
        }),
      );
    } else {
      const cpuLine = (c: CpuPerOp) =>
        `${fmt(cpuTotal(c), 2)} ms = threadpool ${fmt(c.threadpool, 2)} + event loop ${fmt(c.mainThread, 2)}` +
        (c.client > 0 ? ` + HTTP client ${fmt(c.client, 2)}` : '') +
        ` + V8 helpers ${fmt(c.helpers, 2)}` +
        (database!.kind === 'postgres' ? ` + postgres ${fmt(c.postgres, 2)}` : '');
      console.log('');
      console.log(
        table([
          [
            'machine',
            `${cores} cores (${cpuModel}), Node ${process.version}, UV_THREADPOOL_SIZE ${threadpool ?? '4 (default)'}, ` +
              `hashes at once ${hashConcurrency}`,
          ],
          ['database', database.kind === 'pglite' ? 'PGlite, in memory, in process' : `PostgreSQL (${database.description})`],
          ['concurrency', `${options.concurrency} in flight, ${options.users} accounts, ${options.warmupS} s warm-up + ${options.durationS} s per phase`],
          ['hashing', `argon2id m=${ARGON2_PARAMS.memoryCost} KiB, t=${ARGON2_PARAMS.timeCost}, p=${ARGON2_PARAMS.parallelism}`],
          ['verifications/s', `${fmt(verifyPerSecond)}  (mean of ${fmt(before.perSecond)} before and ${fmt(after.perSecond)} after the logins; drift ${pct(drift)})`],
          ['logins/s', `${fmt(logins.perSecond)}  (${counters.ok} answered 303 with a session cookie, ${counters.failed} failed)`],
          ['ratio', `${fmt(ratio, 3)}  logins/s ÷ verifications/s; target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}`],
          ['login latency', `p50 ${fmt(logins.p50Ms)} ms, p95 ${fmt(logins.p95Ms)} ms  (one verify under the same load: p50 ${fmt((before.p50Ms + after.p50Ms) / 2)} ms)`],
          ['CPU per verify', cpuLine(verifyCpu)],
          ['CPU per login', `${cpuLine(loginCpu)}; event loop ${pct(logins.eventLoopBusy)} busy`],
          [
            'CPU model',
            `CPU per verify ÷ CPU per login = ${fmt(cpuModelRatio, 3)}, what the ratio would be with the cores saturated ` +
              `(${fmt(cpuModelWithoutClient, 3)} without the bench's own HTTP client)`,
          ],
          [
            'cores kept busy',
            `verify ${fmt(before.busyCores, 2)} and ${fmt(after.busyCores, 2)}, logins ${fmt(logins.busyCores, 2)} of ${cores}` +
              ' (this process and its PostgreSQL backends)',
          ],
          [
            'other load',
            `${fmt(Math.max(0, otherLoad), 2)} cores used by other processes, at worst` +
              (disturbed ? ' — DISTURBED: the figures are not trustworthy, run again on a quiet machine' : ''),
          ],
        ]),
      );
      if (profileSummary) {
        const shown = profileSummary.filter((g) => g.msPerLogin >= 0.01);
        console.log(`\n  event loop during the measured logins, self time per login by package (profile: ${options.profile}):`);
        console.log(table(shown.map((g) => [g.group, `${fmt(g.msPerLogin, 3)} ms`])));
      }
      if (stages) {
        console.log('\n  each stage alone, one at a time: median wall time, event-loop CPU per operation');
        console.log(table(stages.stages.map((s) => [s.stage, `${fmt(s.medianMs, 3)} ms wall, ${fmt(s.cpuMs, 3)} ms CPU`])));
        const statementCount = stages.statements.reduce((n, r) => n + r.perLogin, 0);
        console.log(
          `\n  one login's SQL (${fmt(statementCount, 1)} statements, ${fmt(stages.statementsMs, 3)} ms; from Kysely's log over ${stages.logins} logins;` +
            `${database.kind === 'pglite' ? ' PGlite BEGIN/COMMIT are not logged' : ''}):`,
        );
        console.log(table(stages.statements.map((r) => [`${fmt(r.perLogin, 2)} × ${r.label}`, `${fmt(r.meanMs, 3)} ms each, ${fmt(r.msPerLogin, 3)} ms per login`])));
        const rest = stages.loginMs - stages.verifyMs - stages.statementsMs;
        console.log(
          `\n  a login alone: ${fmt(stages.loginMs, 2)} ms ≈ verify ${fmt(stages.verifyMs, 2)} + SQL ${fmt(stages.statementsMs, 2)} + ` +
            `the rest ${fmt(rest, 2)} (HTTP both sides, Fastify, CSRF, form parsing, cookies, transactions, JS between queries)`,
        );
      }
    }
    return 0;
  } catch (error) {
    const message = error instanceof Aborted ? `aborted: ${error.message}` : ((error as Error).stack ?? String(error));
    console.error(`bench:login: ${message}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await server?.hearth.close().catch((e: unknown) => console.error('bench:login: closing the server:', e));
    await database?.close().catch((e: unknown) => console.error('bench:login: closing the database:', e));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
