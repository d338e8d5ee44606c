/**
 * `npm run bench:pages`: signed-in pages (home, client search, client profile, enrollment page) per second and
 * their p95, with 10 concurrent clients, against bare Fastify serving a static page in the same run; and the SQL
 * statements each page runs. See bench/README.md.
 *
 *   npm run bench:pages -- --database-url postgres://postgres@127.0.0.1:5432/test
 *   npm run bench:pages -- --duration 10 --connections 10 --statements
 *
 * The clients are plain keep-alive HTTP clients (node:http, in a worker thread) carrying a real session cookie
 * from a real sign-in, not browsers. Traffic goes only to 127.0.0.1; every loop is bounded in time and count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import type { LogEvent } from 'kysely';
import { pino } from 'pino';
import { assembleHearth } from '../src/assemble.js';
import { SYSTEM_ACTOR } from '../src/audit/audit-log.js';
import { loggerOptions } from '../src/http/logging.js';
import type { SiteId } from '../src/site-id.js';
import { benchConfig } from './lib/config.js';
import { createBenchUser } from './lib/accounts.js';
import { clockMs, threadCpuMs } from './lib/cpu.js';
import { openBenchDatabase } from './lib/database.js';
import { parseBenchArgs, positiveOption, UsageError } from './lib/options.js';
import { fmt, percentile, progress, round } from './lib/stats.js';
import { cookieValue, httpRequest, loginForm, openLoginPage, postLogin } from './login-client.js';
import { PAGES_WORKER_MARK, type PagesJob, type PagesReport } from './pages-client.js';

/** The Training site: its reset fills it with realistic clients, projects and enrollments. */
const SITE: SiteId = 'training';
const MAX_OPS_PER_CONNECTION = 1_000_000;
/** Tables every signed-in request reads before its page: the session, the user, the site's settings. */
const PLUMBING_TABLES = new Set(['sessions', 'users', 'site_settings', 'user_organizations']);

function usage(): string {
  return [
    'Usage: npm run bench:pages -- [options]',
    '',
    '  --duration SECONDS     measured time per page (default 6)',
    '  --warmup SECONDS       unmeasured warm-up per page (default 2)',
    '  --connections N        concurrent keep-alive clients (default 10)',
    '  --statements           also list every SQL statement of each page',
    '  --database-url URL     PostgreSQL (a fresh schema, dropped at the end); without it, in-memory PGlite',
    '                         (or env HEARTH_BENCH_DATABASE_URL)',
    '  --json                 one JSON line instead of the table',
  ].join('\n');
}

/** Counts the statements the app runs while `recording` (Kysely's query log). */
class StatementCounter {
  recording = false;
  statements: string[] = [];
  readonly log = (event: LogEvent) => {
    if (this.recording && event.level === 'query') this.statements.push(event.query.sql);
  };
}

/** "select users", "insert into audit_log", "update sessions" …: the verb and the first table. */
function statementLabel(sql: string): { label: string; table: string } {
  const text = sql.replace(/\s+/g, ' ').trim();
  const verb = /^(select|insert into|update|delete from|with|begin|commit|rollback)\b/i.exec(text)?.[1]?.toLowerCase() ?? text.slice(0, 20);
  const table = /\b(?:from|into|update)\s+"?([a-z_][a-z0-9_]*)"?/i.exec(text)?.[1] ?? '';
  return { label: [verb, table].filter(Boolean).join(' '), table };
}

interface PageResult {
  name: string;
  path: string;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  /** CPU of the server's event loop per answer, in ms. */
  cpuMsPerRequest: number;
  statements: string[];
}

function runLoad(job: Omit<PagesJob, 'mark'>): Promise<PagesReport> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./pages-client.ts', import.meta.url).href;
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, workerData: { ...job, mark: PAGES_WORKER_MARK } },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the load generator exited (${code}) without a report`)));
  });
}

async function measure(name: string, port: number, pagePath: string, cookie: string, options: { warmupS: number; durationS: number; connections: number }) {
  progress(`  ${name} …`);
  const start = clockMs();
  const windowStart = start + options.warmupS * 1000;
  const deadline = windowStart + options.durationS * 1000;
  // The server's event loop is this (main) thread: its CPU per answer holds up under a loaded machine, where req/s do not.
  let cpuAtOpen = NaN;
  let cpuAtClose = NaN;
  const opened = setTimeout(() => (cpuAtOpen = threadCpuMs()), windowStart - clockMs());
  const closed = setTimeout(() => (cpuAtClose = threadCpuMs()), deadline - clockMs());
  const report = await runLoad({
    port,
    path: pagePath,
    cookie,
    connections: options.connections,
    windowStart,
    deadline,
    maxOpsPerConnection: MAX_OPS_PER_CONNECTION,
  });
  clearTimeout(opened);
  clearTimeout(closed);
  if (report.type === 'error') throw new Error(`${name}: ${report.message}`);
  if (report.failure) throw new Error(`${name}: ${report.failure}`);
  const sorted = report.latencies.sort((a, b) => a - b);
  return {
    perSecond: sorted.length / options.durationS,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    cpuMsPerRequest: (cpuAtClose - cpuAtOpen) / sorted.length,
  };
}

/** Bare Fastify on its own port, serving one static page of the size of a Hearth page: the ceiling. */
async function startStaticServer(bytes: number) {
  const body = `<!doctype html><title>static</title><p>${'x'.repeat(Math.max(0, bytes - 40))}</p>`;
  const app = Fastify({ logger: false });
  app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(body));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The static server has no TCP address.');
  return { app, port: address.port };
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseBenchArgs(
      process.argv.slice(2),
      { duration: { type: 'string' }, warmup: { type: 'string' }, connections: { type: 'string' }, statements: { type: 'boolean', default: false } },
      usage,
    );
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${usage()}`);
    return 2;
  }
  const { values, databaseUrl, json } = parsed;
  const options = {
    durationS: positiveOption('duration', values.duration, 6, 600, false),
    warmupS: positiveOption('warmup', values.warmup, 2, 60, false),
    connections: positiveOption('connections', values.connections, 10, 256),
  };

  const counter = new StatementCounter();
  const database = await openBenchDatabase({ url: databaseUrl, log: counter.log, applicationName: 'hearth-bench-pages' });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-pages-'));
  const config = benchConfig(SITE, dataDir);
  const hearth = await assembleHearth(config, { logger: pino(loggerOptions(config), pino.destination(2)), databases: { [SITE]: database } });
  const bare = await startStaticServer(20_000);
  try {
    await hearth.app.listen({ port: 0, host: '127.0.0.1' });
    const address = hearth.app.server.address();
    if (!address || typeof address === 'string') throw new Error('The server has no TCP address.');
    const port = address.port;
    const site = hearth.sites[0]!.services;

    progress('  filling the Training site …');
    const summary = await site.training.reset(SYSTEM_ACTOR);
    const account = await createBenchUser(site, 1);
    const agencies = (await database.db.selectFrom('organizations').select('organization_id').execute()).map((o) => o.organization_id);
    await site.access.setOrganizations(account.user, agencies, SYSTEM_ACTOR);
    // The person and stay the pages show: an enrollment with an exit and a household, in the signed-in user's agencies.
    const stay = await database.db
      .selectFrom('enrollments')
      .innerJoin('clients', 'clients.personal_id', 'enrollments.personal_id')
      .select(['enrollments.enrollment_id', 'clients.personal_id', 'clients.last_name'])
      .where('enrollments.date_deleted', 'is', null)
      .where('clients.last_name', 'is not', null)
      .orderBy('enrollments.enrollment_id')
      .limit(1)
      .executeTakeFirstOrThrow();

    // A real sign-in over HTTP: the session cookie the clients carry.
    const agent = new http.Agent({ keepAlive: true });
    const { cookie: csrfCookie, token } = await openLoginPage(agent, port, SITE);
    const signedIn = await postLogin(agent, port, SITE, csrfCookie, loginForm(token, account.username, account.password));
    const session = cookieValue(signedIn.headers['set-cookie'], `hearth-${SITE}-session`);
    if (signedIn.status !== 303 || !session) throw new Error(`The sign-in answered ${signedIn.status} to ${signedIn.headers.location ?? 'nowhere'}`);
    const cookie = `${csrfCookie}; hearth-${SITE}-session=${session}`;

    const pages = [
      { name: 'home', path: `/${SITE}/` },
      { name: 'client search', path: `/${SITE}/clients?q=${encodeURIComponent(stay.last_name!)}` },
      { name: 'client profile', path: `/${SITE}/clients/${stay.personal_id}` },
      { name: 'enrollment page', path: `/${SITE}/enrollments/${stay.enrollment_id}` },
    ];
    // Each page once alone, for its statements (and so that its first view does not count in the figures).
    const results: PageResult[] = [];
    let pageBytes = 0;
    for (const page of pages) {
      counter.recording = true;
      counter.statements = [];
      const res = await httpRequest(agent, port, 'GET', page.path, { cookie, accept: 'text/html' });
      counter.recording = false;
      if (res.status !== 200) throw new Error(`GET ${page.path} answered ${res.status}`);
      pageBytes = Math.max(pageBytes, Buffer.byteLength(res.body));
      results.push({ ...page, perSecond: NaN, p50Ms: NaN, p95Ms: NaN, cpuMsPerRequest: NaN, statements: counter.statements });
    }
    agent.destroy();

    const baseline = await measure('bare Fastify, static page', bare.port, '/', '', options);
    for (const result of results) Object.assign(result, await measure(result.name, port, result.path, cookie, options));
    progress('');

    if (json) {
      console.log(
        JSON.stringify({
          database: database.description,
          connections: options.connections,
          baseline: { perSecond: round(baseline.perSecond), p95Ms: round(baseline.p95Ms, 2), cpuMsPerRequest: round(baseline.cpuMsPerRequest, 2) },
          pages: results.map((r) => ({
            name: r.name,
            perSecond: round(r.perSecond),
            p50Ms: round(r.p50Ms, 2),
            p95Ms: round(r.p95Ms, 2),
            ratio: round(r.perSecond / baseline.perSecond, 3),
            cpuMsPerRequest: round(r.cpuMsPerRequest, 2),
            statements: r.statements.length,
          })),
        }),
      );
      return 0;
    }
    console.log(`  machine       ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
    console.log(`  database      ${database.description}`);
    console.log(`  data          the Training site: ${summary.clients} clients, ${summary.enrollments} enrollments in ${summary.projects} projects`);
    console.log(`  load          ${options.connections} keep-alive HTTP clients with one real session cookie, ${options.warmupS} s warm-up + ${options.durationS} s per page`);
    console.log(`  baseline      bare Fastify, a static page of ${pageBytes.toLocaleString('en-US')} bytes: ${fmt(baseline.perSecond, 0)} req/s, p95 ${fmt(baseline.p95Ms, 2)} ms, ${fmt(baseline.cpuMsPerRequest, 2)} ms of event-loop CPU each\n`);
    const header = ['page', 'req/s', 'p50 ms', 'p95 ms', '÷ bare', 'CPU ms', 'SQL', 'session+user+settings', 'audit'];
    const rows = results.map((r) => {
      const labels = r.statements.map(statementLabel);
      return [
        r.name,
        fmt(r.perSecond, 0),
        fmt(r.p50Ms, 2),
        fmt(r.p95Ms, 2),
        fmt(r.perSecond / baseline.perSecond, 3),
        fmt(r.cpuMsPerRequest, 2),
        String(r.statements.length),
        String(labels.filter((l) => PLUMBING_TABLES.has(l.table)).length),
        String(labels.filter((l) => l.table === 'audit_log' && l.label.startsWith('insert')).length),
      ];
    });
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    for (const row of [header, ...rows]) console.log('  ' + row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
    if (values.statements) {
      for (const r of results) {
        console.log(`\n  ${r.name} (${r.path}):`);
        for (const sql of r.statements) console.log(`    ${statementLabel(sql).label.padEnd(28)} ${sql.replace(/\s+/g, ' ').slice(0, 140)}`);
      }
    }
    return 0;
  } finally {
    await bare.app.close();
    await hearth.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
