/**
 * bench:export — the HUD CSV export (issue 13, item 3) against PostgreSQL's own COPY of the same rows.
 *
 *   npm run bench:export -- --database-url postgres://postgres@127.0.0.1:5432/bench [--clients 1000000] [--json]
 *
 * Generates the clients and twice as many enrollments (half of them exited) in one agency's 20 projects, with SQL
 * (generate_series, in the database), then times a full export of the year as Hearth writes it (keyset pages,
 * csv-stringify, a deflated zip) and, in the same run, `COPY (…) TO STDOUT` (CSV) of the same Client, Enrollment
 * and Exit rows, read and thrown away. Prints both times, the ratio, rows per second and the peak RSS.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import { AuditLog } from '../src/audit/audit-log.js';
import { systemClock } from '../src/clock.js';
import { HudCsvExportService } from '../src/exchange/hud-csv-export.service.js';
import { openBenchDatabase } from './lib/database.js';
import { generateEnrollments } from './lib/generate.js';
import { parseBenchArgs, positiveOption, UsageError } from './lib/options.js';

const usage = () => `usage: npm run bench:export -- --database-url URL [--clients N] [--json]
  --clients N   clients to generate (default 1,000,000); enrollments are twice as many`;

/** Bytes written, nothing kept: the export's zip and COPY's text both go here. */
function sink(): Writable & { bytes: number } {
  const writable = new Writable({
    write(chunk: Buffer, _encoding, done) {
      (writable as Writable & { bytes: number }).bytes += chunk.length;
      done();
    },
  }) as Writable & { bytes: number };
  writable.bytes = 0;
  return writable;
}

async function main() {
  const { values, databaseUrl, json } = parseBenchArgs(process.argv.slice(2), { clients: { type: 'string' } }, usage);
  if (!databaseUrl) throw new UsageError('bench:export runs on PostgreSQL: give --database-url or HEARTH_BENCH_DATABASE_URL');
  const clients = positiveOption('--clients', values.clients as string | undefined, 1_000_000, 10_000_000);
  const database = await openBenchDatabase({ url: databaseUrl });
  const pool = database.pool!;
  try {
    const generating = performance.now();
    await generateEnrollments(pool, clients);
    const generatedMs = performance.now() - generating;

    const period = { from: '2025-01-01', to: '2025-12-31' };
    const exporter = new HudCsvExportService(database.db, systemClock, new AuditLog('live', systemClock), 'America/New_York', 'hearth-bench');
    const zip = sink();
    const exporting = performance.now();
    // Seconds until each file's last page was written (the zip is written file after file).
    const fileDone: Record<string, number> = {};
    const summary = await exporter.write(
      { operator: { userId: null, username: 'bench', ip: null } },
      { ...period, projectIds: [], cocCode: null, periodType: null, directive: 'full', hash: false },
      zip,
      (progress) => {
        fileDone[progress.file] = +((performance.now() - exporting) / 1000).toFixed(2);
      },
    );
    const exportMs = performance.now() - exporting;
    const exportedRows = Object.values(summary.rows).reduce((a, b) => a + b, 0);

    // The baseline: the same rows of the three big files, as PostgreSQL writes CSV itself.
    const active = `e.entry_date <= '${period.to}' and not exists (select 1 from exits x where x.enrollment_id = e.enrollment_id and x.exit_date < '${period.from}')`;
    const baselines = [
      `select c.* from clients c where exists (select 1 from enrollments e where e.personal_id = c.personal_id and ${active})`,
      `select e.* from enrollments e where ${active}`,
      `select x.* from exits x join enrollments e on e.enrollment_id = x.enrollment_id where ${active}`,
    ];
    const copied = sink();
    const copying = performance.now();
    const client = await pool.connect();
    try {
      for (const query of baselines) await pipeline(client.query(copyTo(`copy (${query}) to stdout with (format csv, header)`)), copied, { end: false });
    } finally {
      client.release();
    }
    const copyMs = performance.now() - copying;

    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const result = {
      database: database.description,
      clients,
      enrollments: clients * 2,
      generatedSeconds: +(generatedMs / 1000).toFixed(1),
      exportSeconds: +(exportMs / 1000).toFixed(2),
      copySeconds: +(copyMs / 1000).toFixed(2),
      exportToCopyRatio: +(exportMs / copyMs).toFixed(2),
      exportedRows,
      exportRowsPerSecond: Math.round(exportedRows / (exportMs / 1000)),
      zipMegabytes: +(zip.bytes / 1e6).toFixed(1),
      copyMegabytes: +(copied.bytes / 1e6).toFixed(1),
      peakRssMegabytes: Math.round(peakRssMb),
      rows: summary.rows,
      secondsAtEachFile: fileDone,
    };
    if (json) console.log(JSON.stringify(result));
    else {
      console.log(`bench:export on ${result.database}`);
      console.log(`generated ${clients.toLocaleString('en-US')} clients and ${(clients * 2).toLocaleString('en-US')} enrollments in ${result.generatedSeconds} s`);
      console.log(`export (zip of 24 files): ${result.exportSeconds} s, ${result.exportedRows.toLocaleString('en-US')} rows, ${result.exportRowsPerSecond.toLocaleString('en-US')} rows/s, ${result.zipMegabytes} MB`);
      console.log(`COPY … TO STDOUT (Client, Enrollment, Exit): ${result.copySeconds} s, ${result.copyMegabytes} MB`);
      console.log(`export / COPY: ${result.exportToCopyRatio}×; peak RSS ${result.peakRssMegabytes} MB`);
      console.log(`seconds into the export when each file was done: ${JSON.stringify(fileDone)}`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`bench:export: ${error.message}\n${usage()}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
