/**
 * bench:reports — the CoC APR's computation (issue 15, "Speed"): the report universe loaded and every question of
 * src/reports/questions computed, over all projects for a year, against counting the same enrollment universe with
 * one query, in the same run.
 *
 *   npm run bench:reports -- --database-url postgres://postgres@127.0.0.1:5432/bench [--clients 1000000] [--json]
 *
 * The data is bench:export's (bench/lib/generate.ts).
 */
import { systemClock } from '../src/clock.js';
import { QUESTIONS } from '../src/reports/questions/index.js';
import type { ReportParams } from '../src/reports/report.model.js';
import { countActiveEnrollments, loadUniverse } from '../src/reports/universe.js';
import { openBenchDatabase } from './lib/database.js';
import { generateEnrollments } from './lib/generate.js';
import { parseBenchArgs, positiveOption, UsageError } from './lib/options.js';

const usage = () => `usage: npm run bench:reports -- --database-url URL [--clients N] [--json]
  --clients N   clients to generate (default 1,000,000); enrollments are twice as many`;

async function main() {
  const { values, databaseUrl, json } = parseBenchArgs(process.argv.slice(2), { clients: { type: 'string' } }, usage);
  if (!databaseUrl) throw new UsageError('bench:reports runs on PostgreSQL: give --database-url or HEARTH_BENCH_DATABASE_URL');
  const clients = positiveOption('--clients', values.clients as string | undefined, 1_000_000, 10_000_000);
  const database = await openBenchDatabase({ url: databaseUrl });
  try {
    await generateEnrollments(database.pool!, clients);
    const projects = await database.pool!.query<{ project_id: string }>('select project_id from projects order by project_id');
    const params: ReportParams = { kind: 'apr', from: '2025-01-01', to: '2025-12-31', projectIds: projects.rows.map((r) => r.project_id), cocCode: null };

    const counting = performance.now();
    const enrollments = await countActiveEnrollments(database.db, params);
    const countMs = performance.now() - counting;

    const loading = performance.now();
    const universe = await loadUniverse(database.db, params, systemClock);
    const loadMs = performance.now() - loading;
    const perQuestion: Record<string, number> = {};
    for (const question of QUESTIONS.filter((q) => q.reports.includes('apr'))) {
      const started = performance.now();
      question.compute(universe, params);
      perQuestion[question.id] = +(performance.now() - started).toFixed(1);
    }
    const totalMs = performance.now() - loading;
    const result = {
      database: database.description,
      clients,
      activeEnrollments: enrollments,
      people: universe.people.length,
      countSeconds: +(countMs / 1000).toFixed(3),
      loadSeconds: +(loadMs / 1000).toFixed(2),
      totalSeconds: +(totalMs / 1000).toFixed(2),
      totalToCountRatio: +(totalMs / countMs).toFixed(1),
      questionMilliseconds: perQuestion,
      peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    if (json) console.log(JSON.stringify(result));
    else {
      console.log(`bench:reports on ${result.database}: ${clients.toLocaleString('en-US')} clients, ${enrollments.toLocaleString('en-US')} active enrollments, ${result.people.toLocaleString('en-US')} people`);
      console.log(`baseline, counting the universe in one query: ${result.countSeconds} s`);
      console.log(`APR (${Object.keys(perQuestion).length} questions): ${result.totalSeconds} s, of which loading the universe ${result.loadSeconds} s; ${result.totalToCountRatio}× the count`);
      console.log(`milliseconds per question: ${JSON.stringify(perQuestion)}`);
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
