import { stringify } from 'csv-stringify/sync';
import { ZipFile } from 'yazl';
import type { ReportTable } from './report.model.js';

/**
 * HUD's Sage repository takes a report as one zip of CSV tables (reference hud-apr-caper.md §5): one `<question>.csv`
 * per table at the zip's root, the header row first, the row labels in column A and the values from B2, UTF-8, every
 * field quoted (Open Path's style, which Sage has accepted in production).
 */

/** A value as Sage reads it: counts as plain digits, blanks as empty fields. */
function cellText(value: number | string | null): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value) : value;
}

/** One table as its Sage CSV. */
export function tableCsv(table: ReportTable): string {
  const records = [table.header, ...table.rows.map((row) => [row.label, ...row.cells.map((cell) => cellText(cell.value))])];
  return stringify(records, { quoted: true, quoted_empty: true, record_delimiter: '\r\n' });
}

/** The CSV file name Sage expects for a table, e.g. "Q5a.csv". */
export const tableFileName = (table: Pick<ReportTable, 'question'>): string => `${table.question}.csv`;

/** The whole report as Sage's zip, in memory (a report is a few dozen small tables). */
export function sageZip(tables: readonly ReportTable[], mtime: Date): Promise<Buffer> {
  const zip = new ZipFile();
  for (const table of tables) zip.addBuffer(Buffer.from(tableCsv(table), 'utf8'), tableFileName(table), { mtime });
  zip.end();
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
