/**
 * bench:reports — the CoC APR's computation (issue 15, "Speed"): the report universe loaded and every question of
 * src/reports/questions computed, over all projects for a year, and over one typical project of a few hundred
 * clients, each against counting the whole data's enrollment universe with one query, in the same run. The
 * whole-data run is then kept as a run is (its tables and drill-down members), and its size measured.
 *
 *   npm run bench:reports -- --database-url postgres://postgres@127.0.0.1:5432/bench [--clients 1000000] [--json]
 *
 * The data is bench:export's (bench/lib/generate.ts), plus the typical project. The machine may be shared: the
 * bench prints this process's CPU time beside each wall time (PostgreSQL's own is not in it).
 */
import { systemClock } from '../src/clock.js';
import { QUESTIONS } from '../src/reports/questions/index.js';
import type { ReportParams, ReportTable } from '../src/reports/report.model.js';
import { reportRunsRepository } from '../src/reports/report-runs.repository.js';
import { countActiveEnrollments, loadUniverse } from '../src/reports/universe.js';
import { openBenchDatabase, type BenchDatabase } from './lib/database.js';
import { generateEnrollments } from './lib/generate.js';
import { parseBenchArgs, positiveOption, UsageError } from './lib/options.js';

const usage = () => `usage: npm run bench:reports -- --database-url URL [--clients N] [--typical N] [--json]
  --clients N   clients to generate (default 1,000,000); enrollments are twice as many
  --typical N   clients of the typical project, one enrollment each (default 300)`;

const TYPICAL_PROJECT = 'typical-project';
const PERIOD = { kind: 'apr', from: '2025-01-01', to: '2025-12-31', cocCode: null } as const;

/** A project like most: `clients` people entering through 2025, one in three exited 60 days later. */
async function generateTypicalProject(database: BenchDatabase, clients: number): Promise<void> {
  const run = (text: string, params: unknown[] = []) => database.pool!.query(text, params);
  await run(`insert into projects (project_id, organization_id, project_name, operating_start_date, continuum_project, project_type,
               residential_affiliation, date_created, date_updated, user_id)
             values ($1, md5('o'), 'Typical project', '2020-01-01', 1, 6, 0, now(), now(), 'bench')`, [TYPICAL_PROJECT]);
  await run(`insert into clients (personal_id, first_name, last_name, name_data_quality, ssn, ssn_data_quality, dob, dob_data_quality,
               white, sex, veteran_status, date_created, date_updated, user_id)
             select md5('t' || i), 'Typical' || i, 'Client' || i, 1, lpad((900000000 + i)::text, 9, '0'), 1,
               date '1960-01-01' + (i * 37 % 20000), 1, 1, i % 2, 0, now(), now(), 'bench'
             from generate_series(1, $1::int) i`, [clients]);
  await run(`insert into enrollments (enrollment_id, personal_id, project_id, entry_date, household_id, relationship_to_hoh,
               disabling_condition, date_created, date_updated, user_id)
             select md5('te' || i), md5('t' || i), $2, date '2025-01-01' + (i % 365), md5('th' || i), 1, 0, now(), now(), 'bench'
             from generate_series(1, $1::int) i`, [clients, TYPICAL_PROJECT]);
  await run(`insert into exits (exit_id, enrollment_id, personal_id, exit_date, destination, date_created, date_updated, user_id)
             select md5('tx' || i), md5('te' || i), md5('t' || i), date '2025-01-01' + (i % 365) + 60, 99, now(), now(), 'bench'
             from generate_series(1, $1::int, 3) i`, [clients]);
  await run('analyze');
}

/** Wall and CPU seconds of `work` (this process's CPU: user and system). */
async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** The APR as a run computes it: the universe loaded, then every question; the time of each question. */
async function apr(database: BenchDatabase, params: ReportParams) {
  const perQuestion: Record<string, number> = {};
  const tables: ReportTable[] = [];
  const load = await timed(() => loadUniverse(database.db, params, systemClock));
  const compute = await timed(() => {
    for (const question of QUESTIONS.filter((q) => q.reports.includes('apr'))) {
      const started = performance.now();
      tables.push(question.compute(load.value, params));
      perQuestion[question.id] = +(performance.now() - started).toFixed(1);
    }
  });
  return { people: load.value.people.length, tables, load, compute, perQuestion };
}

/** Keeps the tables as a finished run and measures what they take in the database. */
async function keep(database: BenchDatabase, tables: ReportTable[], params: ReportParams) {
  const id = 'b'.repeat(32);
  await reportRunsRepository.insert(database.db, { id, requestedBy: null, requestedAt: new Date(), params, status: 'running' });
  const stored = await timed(() => reportRunsRepository.done(database.db, id, new Date(), tables));
  await database.pool!.query('vacuum analyze report_run_tables, report_run_enrollments');
  const { rows } = await database.pool!.query<{ bytes: string }>(
    `select pg_total_relation_size('report_run_tables') + pg_total_relation_size('report_run_enrollments') as bytes`,
  );
  return { seconds: stored.seconds, megabytes: Number(rows[0]!.bytes) / 1e6, idListsMegabytes: tables.reduce((n, t) => n + JSON.stringify(t).length, 0) / 1e6 };
}

async function main() {
  const { values, databaseUrl, json } = parseBenchArgs(process.argv.slice(2), { clients: { type: 'string' }, typical: { type: 'string' } }, usage);
  if (!databaseUrl) throw new UsageError('bench:reports runs on PostgreSQL: give --database-url or HEARTH_BENCH_DATABASE_URL');
  const clients = positiveOption('--clients', values.clients as string | undefined, 1_000_000, 10_000_000);
  const typicalClients = positiveOption('--typical', values.typical as string | undefined, 300, 100_000);
  const database = await openBenchDatabase({ url: databaseUrl });
  try {
    await generateEnrollments(database.pool!, clients);
    await generateTypicalProject(database, typicalClients);
    const projects = await database.pool!.query<{ project_id: string }>('select project_id from projects order by project_id');
    const whole: ReportParams = { ...PERIOD, projectIds: projects.rows.map((r) => r.project_id) };
    const typical: ReportParams = { ...PERIOD, projectIds: [TYPICAL_PROJECT] };

    // The baseline: the best of three counts, so that one slow moment on a shared machine does not flatter the ratios.
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push(await timed(() => countActiveEnrollments(database.db, whole)));
    const count = counts.reduce((best, c) => (c.seconds < best.seconds ? c : best));

    const all = await apr(database, whole);
    const small = await apr(database, typical);
    const kept = await keep(database, all.tables, whole);

    const round = (n: number, places = 2) => +n.toFixed(places);
    const totalSeconds = all.load.seconds + all.compute.seconds;
    const typicalSeconds = small.load.seconds + small.compute.seconds;
    const result = {
      database: database.description,
      clients,
      activeEnrollments: count.value,
      people: all.people,
      countSeconds: round(count.seconds, 3),
      loadSeconds: round(all.load.seconds),
      loadCpuSeconds: round(all.load.cpuSeconds),
      computeSeconds: round(all.compute.seconds),
      computeCpuSeconds: round(all.compute.cpuSeconds),
      totalSeconds: round(totalSeconds),
      totalToCountRatio: round(totalSeconds / count.seconds, 1),
      typicalProject: {
        clients: typicalClients,
        people: small.people,
        seconds: round(typicalSeconds, 3),
        cpuSeconds: round(small.load.cpuSeconds + small.compute.cpuSeconds, 3),
        toCountRatio: round(typicalSeconds / count.seconds, 2),
      },
      keptRun: { seconds: round(kept.seconds), megabytes: round(kept.megabytes, 1), idListsMegabytes: round(kept.idListsMegabytes, 1) },
      questionMilliseconds: all.perQuestion,
      peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    if (json) console.log(JSON.stringify(result));
    else {
      const t = result.typicalProject;
      console.log(`bench:reports on ${result.database}: ${clients.toLocaleString('en-US')} clients, ${count.value.toLocaleString('en-US')} active enrollments, ${result.people.toLocaleString('en-US')} people`);
      console.log(`baseline, counting the universe in one query: ${result.countSeconds} s`);
      console.log(
        `APR (${Object.keys(all.perQuestion).length} questions): ${result.totalSeconds} s, ${result.totalToCountRatio}× the count; ` +
          `loading the universe ${result.loadSeconds} s (CPU ${result.loadCpuSeconds} s), the questions ${result.computeSeconds} s (CPU ${result.computeCpuSeconds} s)`,
      );
      console.log(`typical project (${t.clients} clients, ${t.people} people): ${t.seconds} s (CPU ${t.cpuSeconds} s), ${t.toCountRatio}× the count`);
      console.log(`kept run: stored in ${result.keptRun.seconds} s, ${result.keptRun.megabytes} MB in the database (the tables with id lists: ${result.keptRun.idListsMegabytes} MB of JSON)`);
      console.log(`milliseconds per question: ${JSON.stringify(all.perQuestion)}`);
      console.log(`peak RSS ${result.peakRssMegabytes} MB`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`bench:reports: ${error.message}\n${usage()}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
