/**
 * `npm run bench:search`: client searches through the service layer (ClientService.search, audit row included) on a
 * large database: how often they find the person sought (first, among the first ten) against the ceiling and against
 * a peer baseline (a pg_trgm + fuzzystrmatch search of the same clients, search-peer.ts), and how long they take,
 * against a primary-key lookup of one client through the same Kysely instance, measured in the same run.
 *
 *   npm run bench:search                                   # 100,000 clients, PGlite in a temporary folder
 *   npm run bench:search -- --database-url postgres://postgres@127.0.0.1:5432/test   # 1,000,000 clients
 *   npm run bench:search -- --clients 20000 --queries 100 --explain --json
 *
 * With PostgreSQL the clients go into a new schema, dropped at the end (also on Ctrl-C). See bench/README.md.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type LogEvent } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { AuditLog, type Actor } from '../src/audit/audit-log.js';
import { ClientsRepository } from '../src/clients/clients.repository.js';
import { ClientService } from '../src/clients/clients.service.js';
import { calendarDate, systemClock } from '../src/clock.js';
import { openBenchDatabase, type BenchDatabase } from './lib/database.js';
import { parseBenchArgs, positiveOption } from './lib/options.js';
import { progress } from './lib/stats.js';
import { BenchClientGenerator, checkAgainstService, Prng } from './search-clients.js';
import { compare, comparisonTable } from './search-compare.js';
import { buildQueries, KINDS, type Kind, type Query, type Sampled } from './search-kinds.js';
import { PeerSearch } from './search-peer.js';

const TIME_ZONE = 'America/New_York';
const ACTOR: Actor = { userId: null, username: 'bench', ip: '127.0.0.1' };
const TARGET_P95_MS = 50;
const BATCH = 10_000;
const SAMPLE = 20_000;

// ---------------------------------------------------------------------------------------------------
// Options

interface Options {
  clients: number;
  queries: number;
  warmup: number;
  seed: number;
  databaseUrl: string | undefined;
  explain: boolean;
  json: boolean;
}

function usage(): string {
  return [
    'Usage: npm run bench:search -- [options]',
    '',
    '  --clients N          clients to generate (default 100,000 on PGlite, 1,000,000 on PostgreSQL)',
    '  --queries N          measured searches of each kind (default 300)',
    '  --warmup N           unmeasured searches of each kind first (default 30)',
    '  --seed N             the generator seed (default 20261127): the same seed, the same clients and queries',
    '  --database-url URL   PostgreSQL instead of PGlite; a fresh schema is made and dropped',
    '                       (or env HEARTH_BENCH_DATABASE_URL)',
    '  --explain            afterwards, EXPLAIN ANALYZE the SQL of one search of each kind',
    '  --json               print one machine-readable JSON line instead of the table',
  ].join('\n');
}

function parseOptions(argv: string[]): Options {
  const { values, databaseUrl, json } = parseBenchArgs(
    argv,
    {
      clients: { type: 'string' },
      queries: { type: 'string' },
      warmup: { type: 'string' },
      seed: { type: 'string' },
      explain: { type: 'boolean', default: false },
    },
    usage,
  );
  return {
    clients: positiveOption('clients', values.clients, databaseUrl ? 1_000_000 : 100_000, 20_000_000),
    queries: positiveOption('queries', values.queries, 300, 100_000),
    warmup: values.warmup === '0' ? 0 : positiveOption('warmup', values.warmup, 30, 100_000),
    seed: positiveOption('seed', values.seed, 20_261_127, 2 ** 31),
    databaseUrl,
    explain: values.explain,
    json,
  };
}

// ---------------------------------------------------------------------------------------------------
// Database

/** The SQL the app runs, recorded while `recording` is on (--explain). */
class QueryLog {
  recording = false;
  readonly queries: { sql: string; parameters: readonly unknown[] }[] = [];
  readonly log = (event: LogEvent) => {
    if (this.recording && event.level === 'query') this.queries.push({ sql: event.query.sql, parameters: event.query.parameters });
  };
}

// ---------------------------------------------------------------------------------------------------
// Loading

interface Loaded {
  /** Generating and writing the rows (COPY on PostgreSQL, INSERT … unnest on PGlite). */
  writeSeconds: number;
  /** Building the secondary indexes afterwards. */
  indexSeconds: number;
  /** Clients per second over both. */
  perSecond: number;
  analyzeSeconds: number;
  sample: Sampled[];
}

/** One COPY text-format field. */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return String(value);
  return String(value).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * Generates the clients in batches of 10,000 and writes them as a bulk import does: the secondary indexes
 * dropped first and built again at the end (from their own definitions), the rows streamed with COPY on
 * PostgreSQL (pg-copy-streams) or inserted with INSERT … SELECT FROM unnest on PGlite (as the Training
 * reset writes them). Keeps a uniform sample of the clients to search for.
 */
async function load(database: BenchDatabase, options: Options, today: string): Promise<Loaded> {
  const generator = new BenchClientGenerator({ seed: options.seed, today, now: new Date() });
  checkAgainstService(generator.batch(1_000));
  const prng = new Prng(options.seed + 1);
  const sample: Sampled[] = [];
  const { rows: indexes } = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
     where i.schemaname = current_schema() and i.tablename = 'clients'
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(database.db);
  for (const index of indexes) await sql`drop index ${sql.ref(index.name)}`.execute(database.db);

  const started = performance.now();
  let lastReport = started;
  let written = 0;
  const report = () => {
    const now = performance.now();
    if (now - lastReport < 2000 && written < options.clients) return;
    lastReport = now;
    progress(`  written ${written.toLocaleString('en-US').padStart(11)} of ${options.clients.toLocaleString('en-US')}   ${Math.round(written / ((now - started) / 1000)).toLocaleString('en-US')} clients/s`);
  };
  async function* batches() {
    for (let done = 0; done < options.clients; done += BATCH) {
      const rows = generator.batch(Math.min(BATCH, options.clients - done));
      for (const [i, row] of rows.entries()) {
        // Reservoir sampling: every client equally likely to be searched for.
        const seen = done + i;
        const slot = seen < SAMPLE ? seen : Math.floor(prng.next() * (seen + 1));
        if (slot < SAMPLE) {
          sample[slot] = {
            personalId: row.personal_id,
            first: row.first_name ?? '',
            middle: row.middle_name ?? null,
            last: row.last_name ?? '',
            suffix: row.name_suffix ?? null,
            dob: row.dob ?? null,
            last4: row.ssn_last4 ?? null,
          };
        }
      }
      yield rows;
    }
  }

  if (database.pool) {
    const columns = Object.keys(generator.batch(1)[0]!).filter((c) => c !== 'date_deleted');
    const client = await database.pool.connect();
    try {
      const copy = client.query(copyFrom(`copy clients (${columns.join(', ')}) from stdin`));
      async function* text() {
        for await (const rows of batches()) {
          yield `${rows.map((row) => columns.map((c) => copyField((row as Record<string, unknown>)[c])).join('\t')).join('\n')}\n`;
          written += rows.length;
          report();
        }
      }
      await pipeline(Readable.from(text()), copy);
    } finally {
      client.release();
    }
  } else {
    for await (const rows of batches()) {
      await new ClientsRepository(database.db).insertRows(rows);
      written += rows.length;
      report();
    }
  }
  const writeSeconds = (performance.now() - started) / 1000;
  if (process.stderr.isTTY) process.stderr.write('\n');

  // Two connections on PostgreSQL, each building every other index (PGlite has one connection).
  const indexStarted = performance.now();
  const builders = database.kind === 'postgres' ? 2 : 1;
  await Promise.all(
    Array.from({ length: builders }, (_, b) =>
      database.db.connection().execute(async (connection) => {
        if (database.kind === 'postgres') await sql`set maintenance_work_mem = '256MB'`.execute(connection);
        for (const index of indexes.filter((_, i) => i % builders === b)) await sql.raw(index.definition).execute(connection);
      }),
    ),
  );
  const indexSeconds = (performance.now() - indexStarted) / 1000;
  // Fresh statistics, as autovacuum would gather soon after a large import.
  const analyzeStarted = performance.now();
  await sql`analyze clients`.execute(database.db);
  return {
    writeSeconds,
    indexSeconds,
    perSecond: options.clients / (writeSeconds + indexSeconds),
    analyzeSeconds: (performance.now() - analyzeStarted) / 1000,
    sample,
  };
}

// ---------------------------------------------------------------------------------------------------
// Measuring (the kinds of searches: search-kinds.ts; Hearth against the peer: search-compare.ts)

/** EXPLAIN ANALYZE of the SQL one search of each kind runs (the audit insert left out). */
async function explain(database: BenchDatabase, service: ClientService, queries: Map<Kind, Query[]>, log: QueryLog): Promise<string> {
  const out: string[] = [];
  for (const [kind, list] of queries) {
    log.queries.length = 0;
    log.recording = true;
    await service.search(list[0]!.text, ACTOR);
    log.recording = false;
    for (const query of log.queries.filter((q) => /^\s*\(*\s*select/i.test(q.sql))) {
      const plan = await sql<Record<string, string>>`explain (analyze, buffers) ${sql.raw(inline(query.sql, query.parameters))}`.execute(database.db);
      out.push(`--- ${KINDS[kind]}: “${list[0]!.text}”\n${query.sql}\n${plan.rows.map((r) => Object.values(r)[0]).join('\n')}`);
    }
  }
  return out.join('\n\n');
}

/** The statement with its parameters written in (for EXPLAIN only; they are the bench's own values). */
function inline(statement: string, parameters: readonly unknown[]): string {
  return statement.replace(/\$(\d+)/g, (_, n: string) => {
    const value = parameters[Number(n) - 1];
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'number') return String(value);
    return `'${String(value).replace(/'/g, "''")}'`;
  });
}

// ---------------------------------------------------------------------------------------------------
// Report

function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

async function main() {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`bench:search: ${(error as Error).message}\n\n${usage()}`);
    process.exit(2);
  }
  const log = new QueryLog();
  // fuzzystrmatch for the peer baseline (Double Metaphone).
  const database = await openBenchDatabase({ url: options.databaseUrl, onDisk: true, log: log.log, extensions: { fuzzystrmatch } });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await database.close();
  };
  // Ctrl-C: drop the schema (or the folder) all the same.
  process.once('SIGINT', () => {
    progress('  interrupted: cleaning up');
    void close().finally(() => process.exit(130));
  });
  try {
    const today = calendarDate(new Date(), TIME_ZONE);
    const service = new ClientService(database.db, systemClock, new AuditLog('live', systemClock), TIME_ZONE, () => ({ staysOfClient: async () => [] }));
    if (!options.json) {
      console.log(`  machine          ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${os.loadavg()[0]!.toFixed(1)} at the start`);
      console.log(`  database         ${database.description}`);
    }
    const loaded = await load(database, options, today);
    const prepared = await PeerSearch.prepare(database.db, today);
    const queries = buildQueries(loaded.sample, options.queries, new Prng(options.seed + 2));
    const measured = await compare({ db: database.db, service, peer: prepared.peer, actor: ACTOR, queries, warmup: options.warmup, progress });
    if (process.stderr.isTTY) process.stderr.write('\n');
    const plans = options.explain ? await explain(database, service, queries, log) : '';
    const worstP95 = Math.max(...measured.kinds.map((k) => k.hearth.p95Ms));
    if (options.json) {
      console.log(
        JSON.stringify({
          database: database.kind,
          clients: options.clients,
          insert: { writeSeconds: loaded.writeSeconds, indexSeconds: loaded.indexSeconds, perSecond: loaded.perSecond, analyzeSeconds: loaded.analyzeSeconds },
          peerIndexSeconds: prepared.seconds,
          baseline: measured.baseline,
          kinds: measured.kinds,
          worstP95Ms: worstP95,
          loadAverage: os.loadavg()[0],
          targetP95Ms: TARGET_P95_MS,
        }),
      );
    } else {
      const how = database.kind === 'postgres' ? 'COPY' : 'INSERT … unnest';
      console.log(
        `  clients          ${options.clients.toLocaleString('en-US')}: generated and written (${how}) in ${loaded.writeSeconds.toFixed(1)} s, indexes built in ${loaded.indexSeconds.toFixed(1)} s: ` +
          `${Math.round(loaded.perSecond).toLocaleString('en-US')} clients/s overall (target ≥ 20,000 on PostgreSQL); ANALYZE ${loaded.analyzeSeconds.toFixed(1)} s`,
      );
      console.log(`  peer             pg_trgm + fuzzystrmatch search of the same clients (bench/search-peer.ts); its indexes and nickname table built in ${prepared.seconds.toFixed(1)} s`);
      console.log(`  searches         ${options.queries} of each kind after ${options.warmup} of each to warm up; Hearth through ClientService.search (its audit row included)`);
      console.log(`  baseline         primary-key lookup of one client (ClientsRepository.findByPersonalId): p50 ${ms(measured.baseline.p50Ms)} ms, p95 ${ms(measured.baseline.p95Ms)} ms`);
      console.log('');
      for (const line of comparisonTable(measured)) console.log(line);
      console.log('');
      console.log('  H / P            Hearth / the peer. @1, @10: searches whose client came first, among the first ten');
      console.log('  ceil             the best @1 / @10 any search could reach: clients matching what was typed as well as the one sought share the places');
      console.log('  @1 uniq          @1 among the searches where nobody else matched as well (of how many)');
      console.log(`  worst p95        ${ms(worstP95)} ms (Hearth); target < ${TARGET_P95_MS} ms at 1,000,000 clients on PostgreSQL: ${worstP95 < TARGET_P95_MS ? 'met' : 'NOT met'}${options.clients === 1_000_000 && database.kind === 'postgres' ? '' : ' (at this size and database)'}`);
      console.log(`  load average     ${os.loadavg()[0]!.toFixed(1)} at the end (above the core count, other processes competed for the CPU)`);
      if (plans) console.log(`\n${plans}`);
    }
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:search: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
