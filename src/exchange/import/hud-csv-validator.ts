import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { FY2024_DROPPED_COLUMNS, FY2024_RENAMED_COLUMNS, HUD_CSV_FY2024_FILES } from '../hud-csv-fy2024.js';
import {
  columnOfHeader,
  fileOfEntryName,
  headerKey,
  HUD_CSV_FILES,
  hudFile,
  valueProblem,
  type HudColumn,
  type HudCsvVersion,
  type HudFile,
  type HudFileName,
} from '../hud-csv-spec.js';
import type { HudCsvArchive } from './hud-csv-archive.js';
import {
  ISSUES_KEPT_PER_FILE,
  type AcceptedRow,
  type ImportFileReport,
  type ImportIssue,
  type ImportReport,
  type ImportRule,
} from './hud-csv-import.model.js';

/**
 * Reading and validating a HUD HMIS CSV export, file by file and row by row, streamed (reference
 * `hud-csv-files.md` §2, §3, §5, §6). The rules, from the strictest:
 * - a row is skipped, with an error, when it cannot land: its number of values is not the header's, its key is
 *   empty or taken by an earlier row, a value it cannot do without is empty (what it refers to, an enrollment's
 *   EntryDate, an exit's ExitDate, a project's name) or not even of its type, or it refers to a row of another file
 *   that is not there or was itself skipped (so a project of a skipped agency is skipped, and its enrollments too);
 * - a row is imported with a warning for what HUD's checker and Open Path tolerate in real data: a required value
 *   left empty, a code outside its list, a string too long or not of HUD's shape, a UserID missing from User.csv,
 *   an EnrollmentCoC with no ProjectCoC record. A value of the wrong type is not carried over.
 * Files are read in the order references need (Export, User, then HUD's order, where every file refers only to
 * earlier ones), so one pass suffices: only the keys of accepted rows are kept, never the rows.
 * FY2024 files are read in their own layout and handed on in FY2026's (renamed columns renamed, new ones empty);
 * the FY2024 values FY2026 has no column for are counted and reported as not carried over.
 */

/** What the validator hands on: each accepted row, in the FY2026 layout. */
export type AcceptedRowHandler = (file: HudFile, row: AcceptedRow) => void | Promise<void>;

/** References whose target missing is only a warning: HUD's tools import such rows, and Hearth can too. */
const SOFT_REFERENCES: readonly HudFileName[] = ['User', 'ProjectCoC'];

/** Values, besides the key and what a row refers to, without which a row cannot be imported. */
const CORE_COLUMNS: Readonly<Partial<Record<HudFileName, readonly string[]>>> = {
  Project: ['ProjectName'],
  Enrollment: ['EntryDate'],
  Exit: ['ExitDate'],
};

const READ_ORDER: readonly HudFileName[] = ['Export', 'User', ...HUD_CSV_FILES.map((f) => f.name).filter((n) => n !== 'Export' && n !== 'User')];

export async function validateHudCsv(archive: HudCsvArchive, onRow: AcceptedRowHandler = () => {}): Promise<ImportReport> {
  const report: ImportReport = { version: null, exportId: null, sourceId: null, softwareName: null, hashed: false, fatal: [], files: [], likelyMatches: [] };
  const entryOf = new Map<HudFileName, string>();
  for (const name of archive.entryNames) {
    const file = fileOfEntryName(HUD_CSV_FILES, name);
    if (file && !entryOf.has(file.name)) entryOf.set(file.name, name);
  }
  const exportEntry = entryOf.get('Export');
  if (!exportEntry) {
    report.fatal.push('The export has no Export.csv: it is not a HUD HMIS CSV export.');
    return report;
  }
  const exportRows = await readRecords(await archive.open(exportEntry), 3);
  const exportHeader = (exportRows[0] ?? []).map(headerKey);
  const exportRow = exportRows[1];
  if (!exportRow) {
    report.fatal.push('Export.csv has no row: it is not a HUD HMIS CSV export.');
    return report;
  }
  const exportValue = (name: string) => (exportRow[exportHeader.indexOf(name.toLowerCase())] ?? '').trim() || null;
  report.exportId = exportValue('ExportID');
  report.sourceId = exportValue('SourceID');
  report.softwareName = exportValue('SoftwareName');
  report.hashed = exportValue('HashStatus') === '4';
  const clientEntry = entryOf.get('Client');
  const clientHeader = clientEntry ? ((await readRecords(await archive.open(clientEntry), 1))[0] ?? []).map(headerKey) : [];
  const version = detectVersion(exportValue('CSVVersion'), clientHeader);
  if (typeof version === 'string') {
    report.fatal.push(version);
    return report;
  }
  report.version = version;

  const layouts = version === 2024 ? HUD_CSV_FY2024_FILES : HUD_CSV_FILES;
  const context: FileContext = {
    exportId: report.exportId,
    hashed: report.hashed,
    accepted: new Map(),
    referenced: referencedColumnSets(),
    onRow,
  };
  const reports = new Map<HudFileName, ImportFileReport>();
  for (const name of READ_ORDER) {
    const layout = layouts.find((f) => f.name === name)!;
    const entry = entryOf.get(name);
    const fileReport: ImportFileReport = { file: name, present: entry !== undefined, rowsRead: 0, rowsImported: 0, errors: 0, warnings: 0, issues: [] };
    if (entry) await validateFile(await archive.open(entry), layout, hudFile(name), version, fileReport, context);
    if (name === 'Export' && fileReport.rowsRead > 1) {
      addIssue(fileReport, { severity: 'warning', row: null, column: null, rule: 'export', message: `Export.csv has ${fileReport.rowsRead} rows; HUD allows one. The first is used.` });
    }
    reports.set(name, fileReport);
  }
  report.files = HUD_CSV_FILES.map((f) => reports.get(f.name)!);
  return report;
}

/**
 * FY2026 or FY2024, from CSVVersion (which may omit the year), or else from Client.csv's header (reference §2); a
 * message when the export is of another year, or neither tells.
 */
export function detectVersion(csvVersion: string | null, clientHeader: readonly string[]): HudCsvVersion | string {
  if (csvVersion?.includes('2026')) return 2026;
  if (csvVersion?.includes('2024')) return 2024;
  if (csvVersion && /20\d\d/.test(csvVersion)) return `Export.csv says CSVVersion "${csvVersion}": Hearth imports FY2026 and FY2024 exports only.`;
  const has = (name: string) => clientHeader.includes(name.toLowerCase());
  if (has('Sex') && has('HispanicLatinao')) return 2026;
  if (has('HispanicLatinaeo') || has('Woman') || has('GenderNone')) return 2024;
  return 'Neither Export.csv’s CSVVersion nor Client.csv’s columns say whether this is an FY2026 or an FY2024 export.';
}

interface FileContext {
  exportId: string | null;
  hashed: boolean;
  /** Per file and set of columns other files refer to it by: the values of its accepted rows. */
  accepted: Map<string, Set<string>>;
  referenced: Map<HudFileName, string[][]>;
  onRow: AcceptedRowHandler;
}

const tupleOf = (values: readonly string[]) => values.join('\u0000');
const acceptedKey = (file: HudFileName, columns: readonly string[]) => `${file}:${columns.join(',')}`;

/** For each file, the column sets other files refer to it by (its key among them, for duplicates). */
function referencedColumnSets(): Map<HudFileName, string[][]> {
  const sets = new Map<HudFileName, string[][]>(HUD_CSV_FILES.map((f) => [f.name, [[f.key]]]));
  for (const file of HUD_CSV_FILES) {
    for (const ref of file.references) {
      const list = sets.get(ref.file)!;
      if (!list.some((cols) => cols.join() === ref.fileColumns.join())) list.push([...ref.fileColumns]);
    }
  }
  return sets;
}

export function addIssue(report: ImportFileReport, issue: ImportIssue): void {
  if (issue.severity === 'error') report.errors += 1;
  else report.warnings += 1;
  if (report.issues.length < ISSUES_KEPT_PER_FILE) report.issues.push(issue);
}

/** The rule a value problem (hud-csv-spec.ts valueProblem) breaks. */
function ruleOf(problem: string, value: string): ImportRule {
  if (value === '') return 'required';
  if (problem.includes('is not a value of HUD list')) return 'code-list';
  if (problem.includes('longer than')) return 'length';
  if (problem.includes('HUD’s format') || problem.includes("HUD's format")) return 'format';
  if (problem.includes('< > [ ] { }')) return 'characters';
  return 'type';
}

async function validateFile(
  input: Readable,
  layout: HudFile,
  target: HudFile,
  version: HudCsvVersion,
  report: ImportFileReport,
  context: FileContext,
): Promise<void> {
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  input.on('error', (error) => parser.destroy(error));
  let header: (HudColumn | undefined)[] | null = null;
  let indexOf = new Map<string, number>();
  let rowNumber = 1;
  const hardRefs = layout.references.filter((r) => !SOFT_REFERENCES.includes(r.file));
  const softRefs = layout.references.filter((r) => SOFT_REFERENCES.includes(r.file));
  const core = new Set([layout.key, ...hardRefs.flatMap((r) => r.columns), ...(CORE_COLUMNS[layout.name] ?? [])]);
  const renamedTo = version === 2024 ? (FY2024_RENAMED_COLUMNS[layout.name] ?? {}) : {};
  const sourceNameOf = new Map(Object.entries(renamedTo).map(([from, to]) => [to, from]));
  const dropped = version === 2024 ? (FY2024_DROPPED_COLUMNS[layout.name] ?? []) : [];
  const droppedCounts = new Map<string, number>();
  let otherExportIds = 0;
  let fileSkipped = false;
  const issue = (row: number | null, column: string | null, rule: ImportRule, severity: 'error' | 'warning', message: string) =>
    addIssue(report, { severity, row, column, rule, message });

  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header === null) {
        header = record.map((cell) => columnOfHeader(layout, cell));
        const seen = new Set<string>();
        record.forEach((cell, i) => {
          const column = header![i];
          if (!column) issue(1, cell.trim(), 'header', 'warning', `${layout.fileName} has a column "${cell.trim()}" that HUD’s ${version} layout does not: ignored.`);
          else if (seen.has(column.name)) {
            issue(1, column.name, 'header', 'warning', `${layout.fileName} has the column ${column.name} twice: the first is read.`);
            header![i] = undefined;
          } else seen.add(column.name);
        });
        indexOf = new Map(header.flatMap((c, i) => (c ? [[c.name, i] as const] : [])));
        const missing = layout.columns.filter((c) => !indexOf.has(c.name));
        const vital = missing.filter((c) => core.has(c.name));
        for (const c of missing.filter((m) => !core.has(m.name))) {
          issue(1, c.name, 'header', 'warning', `${layout.fileName} has no column ${c.name}: read as empty in every row.`);
        }
        if (vital.length > 0) {
          issue(1, vital[0]!.name, 'header', 'error', `${layout.fileName} has no column ${vital.map((c) => c.name).join(', ')}: none of its rows can be imported.`);
          fileSkipped = true;
        }
        continue;
      }
      rowNumber += 1;
      report.rowsRead += 1;
      if (fileSkipped) continue;
      if (record.length !== header.length) {
        issue(rowNumber, null, 'column-count', 'error', `Row ${rowNumber} has ${record.length} values where the header has ${header.length}: skipped.`);
        continue;
      }
      const get = (name: string): string => {
        const i = indexOf.get(name);
        return i === undefined ? '' : (record[i] ?? '').trim();
      };
      let skip = false;
      const fail = (column: string | null, rule: ImportRule, message: string) => {
        skip = true;
        issue(rowNumber, column, rule, 'error', message);
      };

      const key = get(layout.key);
      const keys = context.accepted.get(acceptedKey(layout.name, [layout.key]));
      if (key === '') fail(layout.key, 'key-blank', `${layout.key} is empty: the row is skipped.`);
      else if (keys?.has(key)) fail(layout.key, 'key-duplicate', `${layout.key} ${key} is already the key of an earlier row: the row is skipped.`);

      const cleared = new Set<string>();
      for (const column of layout.columns) {
        if (column.name === 'ExportID' || !indexOf.has(column.name)) continue;
        const value = get(column.name);
        if (column.name === layout.key && value === '') continue;
        const problem = valueProblem(column, value, { hashed: context.hashed, row: get });
        if (problem === null) continue;
        const rule = ruleOf(problem, value);
        if (core.has(column.name) && (rule === 'required' || rule === 'type')) {
          fail(column.name, rule === 'required' ? 'blank' : 'type', `${problem}: the row cannot be imported without it.`);
        } else {
          issue(rowNumber, column.name, rule, 'warning', rule === 'type' ? `${problem}: not imported.` : `${problem}.`);
          if (rule === 'type') cleared.add(column.name);
        }
      }

      for (const ref of [...hardRefs, ...softRefs]) {
        const values = ref.columns.map(get);
        if (values.some((v) => v === '')) continue;
        const known = context.accepted.get(acceptedKey(ref.file, ref.fileColumns));
        if (known?.has(tupleOf(values))) continue;
        const what = `${ref.columns.map((c, i) => `${c} ${values[i]}`).join(' and ')}`;
        if (SOFT_REFERENCES.includes(ref.file)) {
          issue(rowNumber, ref.columns[ref.columns.length - 1]!, 'reference', 'warning', `${what}: not in ${ref.file}.csv.`);
        } else {
          fail(ref.columns[0]!, 'reference', `${what}: not in ${ref.file}.csv, or skipped there: the row is skipped.`);
        }
      }
      if (skip) continue;

      if (context.exportId !== null && indexOf.has('ExportID') && get('ExportID') !== context.exportId) otherExportIds += 1;
      for (const name of dropped) if (get(name) !== '') droppedCounts.set(name, (droppedCounts.get(name) ?? 0) + 1);
      for (const columns of context.referenced.get(layout.name) ?? []) {
        const setKey = acceptedKey(layout.name, columns);
        let set = context.accepted.get(setKey);
        if (!set) context.accepted.set(setKey, (set = new Set()));
        set.add(tupleOf(columns.map(get)));
      }
      report.rowsImported += 1;
      const values: Record<string, string> = {};
      for (const column of target.columns) {
        const source = sourceNameOf.get(column.name) ?? column.name;
        values[column.name] = cleared.has(source) ? '' : get(source);
      }
      await context.onRow(target, { row: rowNumber, values });
    }
  } catch (error) {
    if (!(error instanceof Error) || !('code' in error) || !String(error.code).startsWith('CSV_')) throw error;
    issue(rowNumber + 1, null, 'column-count', 'error', `${layout.fileName} cannot be read as CSV from row ${rowNumber + 1} on (${error.message}): the rest of the file is skipped.`);
  }
  if (otherExportIds > 0) {
    issue(null, 'ExportID', 'export-id', 'warning', `${otherExportIds} rows carry another ExportID than Export.csv’s ${context.exportId}.`);
  }
  for (const [name, count] of droppedCounts) {
    issue(null, name, 'not-mapped', 'warning', `${count} rows hold a value in ${name}, which FY2026 has no column for: not imported.`);
  }
}

/** The first `limit` records of a CSV (header included), for Export.csv and for telling the version by a header. */
async function readRecords(input: Readable, limit: number): Promise<string[][]> {
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, to: limit }));
  const records: string[][] = [];
  for await (const record of parser as AsyncIterable<string[]>) records.push(record);
  input.destroy();
  return records;
}
