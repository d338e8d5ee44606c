import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { DomainError } from '../errors.js';
import type { HudImportResult } from '../exchange/import/hud-csv-import.service.js';
import type { ImportFileReport, ImportIssue } from '../exchange/import/hud-csv-import.model.js';
import { SITE_IDS } from '../site-id.js';
import { UsageError, type CliIo } from './cli-io.js';
import { chosenSite, cliActor, withSite } from './open-site.js';

interface ImportOptions {
  site?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** `hearth import`: a HUD HMIS CSV export (FY2026 or FY2024) from another HMIS, validated file by file and row by row. */
export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('import HUD HMIS CSV (FY2026 or FY2024) from another HMIS: a zip, or the folder it unpacks to')
    .argument('<file>', 'the export: a zip file, or a folder of its CSV files')
    .addOption(new Option('--site <site>', 'the site to import into; required').choices(SITE_IDS))
    .option('--dry-run', 'read and validate the export and print the report; write nothing')
    .option('--json', 'print the report as one JSON object on stdout')
    .addHelpText(
      'after',
      `
Every file and row is checked against HUD's specification. A row with a blank or duplicate key, or one that
refers to a row the export does not hold, is skipped with an error; fixable problems (a code outside its list,
a blank value HUD tolerates in legacy data) are imported with a warning. The report gives, per file, the rows
read, the rows imported, and each problem with its row, column and rule.

Without --dry-run the rows are written in one transaction (a failure half-way leaves nothing): each source record
keeps its source id, so importing the same export again updates and never duplicates, and a row with DateDeleted
deletes its record. A source client is written to an existing Hearth client only when the duplicate rules are
certain (SSN, name and date of birth, one such client); likely matches are listed for an administrator to confirm
on the Import page. On a terminal, a progress bar shows the rows written.

Exit status: 0 imported (with or without warnings), 1 nothing written because of errors, 2 bad usage.

Examples:
  $ hearth import --site live --dry-run other-hmis.zip
  $ hearth import --site live other-hmis.zip
  $ hearth import --site live --dry-run --json other-hmis.zip > report.json`,
    )
    .action(async (file: string, options: ImportOptions) => {
      const site = chosenSite(options.site);
      const location = path.resolve(file);
      if (!fs.existsSync(location)) throw new UsageError(`${file} does not exist`);
      const dryRun = options.dryRun === true;
      await withSite(site, async (services) => {
        const bar = !dryRun && !options.json && process.stderr.isTTY ? progressBar() : null;
        let result: HudImportResult;
        try {
          result = await services.hudImports.import(location, { dryRun, actor: cliActor(), onProgress: bar?.update });
        } finally {
          bar?.stop();
        }
        if (result.report.fatal.length > 0) throw new DomainError(`nothing imported: ${result.report.fatal.join(' ')}`);
        io.out(options.json ? `${JSON.stringify(result)}\n` : describeImport(file, result));
        if (!dryRun && !result.written) throw new DomainError('nothing was written: no row of the export could be imported (see the errors above)');
      });
    });
}

/** Rows written of rows to write, on stderr (stdout carries the report). */
function progressBar(): { update: (done: number, total: number) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'importing [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

const n = (count: number) => count.toLocaleString('en-US');

function describeImport(file: string, result: HudImportResult): string {
  const { report } = result;
  const from = [report.softwareName, report.sourceId].filter(Boolean).join(', ');
  const lines = [
    `${file}: HUD HMIS CSV FY${report.version}${report.version === 2024 ? ' (mapped to FY2026)' : ''}, ExportID ${report.exportId ?? '(none)'}${from ? `, from ${from}` : ''}`,
    result.dryRun ? 'Dry run: nothing was written.' : result.written ? 'Imported.' : 'Nothing was written.',
    '',
    `${'File'.padEnd(28)}${'read'.padStart(10)}${'imported'.padStart(10)}${'errors'.padStart(10)}${'warnings'.padStart(10)}`,
    ...report.files.map(
      (f) => `${`${f.file}.csv${f.present ? '' : ' (absent)'}`.padEnd(28)}${n(f.rowsRead).padStart(10)}${n(f.rowsImported).padStart(10)}${n(f.errors).padStart(10)}${n(f.warnings).padStart(10)}`,
    ),
  ];
  for (const severity of ['error', 'warning'] as const) {
    const found = report.files.flatMap((f) => f.issues.filter((i) => i.severity === severity).map((i) => issueLine(f, i)));
    const total = report.files.reduce((sum, f) => sum + (severity === 'error' ? f.errors : f.warnings), 0);
    if (total === 0) continue;
    lines.push('', `${severity === 'error' ? 'Errors (rows skipped)' : 'Warnings (rows imported)'}: ${n(total)}${found.length < total ? `, the first ${n(found.length)} listed` : ''}`, ...found);
  }
  if (report.likelyMatches.length > 0) {
    lines.push('', `Likely matches with Hearth clients (never merged by an import; an administrator confirms each): ${n(report.likelyMatches.length)}`);
    for (const m of report.likelyMatches) {
      const to = m.matchedTo === null ? '' : ` (written to ${m.matchedTo}${result.dryRun ? ', certain' : ''})`;
      lines.push(`  Client.csv row ${m.row}, PersonalID ${m.sourcePersonalId}${to}: ${m.matches.map((h) => `${h.personalId} (${h.reasons.join(', ')})`).join('; ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function issueLine(file: ImportFileReport, issue: ImportIssue): string {
  const where = [issue.row === null ? null : `row ${issue.row}`, issue.column].filter(Boolean).join(', ');
  return `  ${file.file}.csv${where ? ` ${where}` : ''} [${issue.rule}]: ${issue.message}`;
}
