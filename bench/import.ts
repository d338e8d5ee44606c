/**
 * bench:import — a full HUD CSV import (issue 13, item 9) against PostgreSQL's own `COPY … FROM STDIN` of the same
 * Client and Enrollment rows.
 *
 *   npm run bench:import -- --database-url postgres://postgres@127.0.0.1:5432/bench [--clients 100000] [--json]
 *
 * Generates bench:export's data (bench/lib/generate.ts) in a schema of its own and exports it with Hearth's export
 * into a private temporary zip. Then, in the same run, into two more fresh schemas:
 * - the baseline: `COPY clients FROM STDIN` and `COPY enrollments FROM STDIN` of the same rows (read out of the source
 *   beforehand, not timed), into Hearth's own empty tables with their indexes and checks;
 * - the import: `HudCsvImportService.import` of the zip (validation, the duplicate rules' preview, the write).
 * Prints both times, rows per second of each (the import counts every row it wrote, of every file), their ratio
 * and the peak RSS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { AuditLog } from '../src/audit/audit-log.js';
import { ClientService } from '../src/clients/clients.service.js';
import { systemClock } from '../src/clock.js';
import { HudCsvExportService } from '../src/exchange/hud-csv-export.service.js';
import { writtenFile } from '../src/exchange/import/hud-csv-import-writer.js';
import { HudCsvImportService } from '../src/exchange/import/hud-csv-import.service.js';
import { openBenchDatabase, type BenchDatabase } from './lib/database.js';
import { generateEnrollments } from './lib/generate.js';
import { parseBenchArgs, positiveOption, UsageError } from './lib/options.js';

const usage = () => `usage: npm run bench:import -- --database-url URL [--clients N] [--json]
  --clients N   clients to generate (default 100,000); enrollments are twice as many`;

const TIME_ZONE = 'America/New_York';
const BASELINE_TABLES = ['clients', 'enrollments'] as const;
/** What the enrollments refer to: copied into the baseline's schema before its clock starts. */
const BASELINE_PARENTS = ['organizations', 'projects'] as const;

/** The rows of a table as COPY's text, in memory (read before the baseline's clock starts). */
async function copyOut(database: BenchDatabase, table: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const client = await database.pool!.connect();
  try {
    await pipeline(
      client.query(copyTo(`copy ${table} to stdout`)),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      }),
    );
  } finally {
    client.release();
  }
  return Buffer.concat(chunks);
}

async function copyIn(database: BenchDatabase, table: string, text: Buffer): Promise<number> {
  const client = await database.pool!.connect();
  try {
    const stream = client.query(copyFrom(`copy ${table} from stdin`));
    await pipeline(Readable.from([text]), stream);
    return stream.rowCount;
  } finally {
    client.release();
  }
}

/** Where the bench is, on stderr (the preparation takes a while). */
const step = (what: string) => process.stderr.write(`bench:import: ${what} at ${new Date().toISOString().slice(11, 19)}\n`);

async function main() {
  const { values, databaseUrl, json } = parseBenchArgs(process.argv.slice(2), { clients: { type: 'string' } }, usage);
  if (!databaseUrl) throw new UsageError('bench:import runs on PostgreSQL: give --database-url or HEARTH_BENCH_DATABASE_URL');
  const clients = positiveOption('--clients', values.clients as string | undefined, 100_000, 10_000_000);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-import-'));
  const zipFile = path.join(folder, 'export.zip');
  const opened: BenchDatabase[] = [];
  const open = async () => {
    const database = await openBenchDatabase({ url: databaseUrl });
    opened.push(database);
    return database;
  };
  try {
    const source = await open();
    const generating = performance.now();
    await generateEnrollments(source.pool!, clients);
    const exporter = new HudCsvExportService(source.db, systemClock, new AuditLog('live', systemClock), TIME_ZONE, 'hearth-bench');
    step('generated');
    await exporter.writeFile(
      { operator: { userId: null, username: 'bench', ip: null } },
      { from: '2025-01-01', to: '2025-12-31', projectIds: [], cocCode: null, periodType: null, directive: 'full', hash: false },
      zipFile,
    );
    step('exported');
    const parents = await Promise.all(BASELINE_PARENTS.map((table) => copyOut(source, table)));
    const copies = await Promise.all(BASELINE_TABLES.map((table) => copyOut(source, table)));
    const preparedMs = performance.now() - generating;

    // The baseline: the same Client and Enrollment rows, as PostgreSQL loads them itself.
    const baseline = await open();
    for (const [i, table] of BASELINE_PARENTS.entries()) await copyIn(baseline, table, parents[i]!);
    const copying = performance.now();
    let copiedRows = 0;
    for (const [i, table] of BASELINE_TABLES.entries()) copiedRows += await copyIn(baseline, table, copies[i]!);
    const copyMs = performance.now() - copying;

    const target = await open();
    const audit = new AuditLog('live', systemClock);
    const clientService = new ClientService(target.db, systemClock, audit, TIME_ZONE, () => ({ staysOfClient: async () => [] }));
    const importer = new HudCsvImportService(target.db, systemClock, audit, TIME_ZONE, clientService);
    const importing = performance.now();
    const result = await importer.import(zipFile, { dryRun: false, actor: { userId: null, username: 'bench', ip: null } });
    const importMs = performance.now() - importing;
    if (!result.written) throw new Error(`the import wrote nothing: ${result.report.fatal.join(' ')}`);
    const rowsOf = Object.fromEntries(result.report.files.filter((f) => writtenFile(f.file) && f.rowsImported > 0).map((f) => [f.file, f.rowsImported]));
    const importedRows = Object.values(rowsOf).reduce((a, b) => a + b, 0);
    const errors = result.report.files.reduce((sum, f) => sum + f.errors, 0);

    const importRowsPerSecond = importedRows / (importMs / 1000);
    const copyRowsPerSecond = copiedRows / (copyMs / 1000);
    const summary = {
      database: source.description,
      clients,
      enrollments: clients * 2,
      preparedSeconds: +(preparedMs / 1000).toFixed(1),
      importSeconds: +(importMs / 1000).toFixed(2),
      importedRows,
      importRowsPerSecond: Math.round(importRowsPerSecond),
      importErrors: errors,
      copySeconds: +(copyMs / 1000).toFixed(2),
      copiedRows,
      copyRowsPerSecond: Math.round(copyRowsPerSecond),
      importToCopyRatio: +(importRowsPerSecond / copyRowsPerSecond).toFixed(3),
      zipMegabytes: +(fs.statSync(zipFile).size / 1e6).toFixed(1),
      peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
      rows: rowsOf,
    };
    if (json) console.log(JSON.stringify(summary));
    else {
      const n = (v: number) => v.toLocaleString('en-US');
      console.log(`bench:import on ${summary.database}`);
      console.log(`generated and exported ${n(clients)} clients and ${n(clients * 2)} enrollments (${summary.zipMegabytes} MB zip) in ${summary.preparedSeconds} s`);
      console.log(`import: ${summary.importSeconds} s, ${n(importedRows)} rows, ${n(summary.importRowsPerSecond)} rows/s, ${errors} rows refused`);
      console.log(`COPY … FROM STDIN (Client, Enrollment): ${summary.copySeconds} s, ${n(copiedRows)} rows, ${n(summary.copyRowsPerSecond)} rows/s`);
      console.log(`import / COPY (rows/s): ${summary.importToCopyRatio}; peak RSS ${summary.peakRssMegabytes} MB`);
      console.log(`rows imported per file: ${JSON.stringify(rowsOf)}`);
    }
  } finally {
    for (const database of opened) await database.close().catch(() => {});
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`bench:import: ${error.message}\n${usage()}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
