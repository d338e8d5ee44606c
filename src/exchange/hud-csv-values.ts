import { hashedName, hashedSsn } from './hud-csv-hash.js';
import { isHudCode } from './hud-csv-lists.js';
import type { HudFile } from './hud-csv-spec.js';

/**
 * How each column of a file is written, decided once per file: ExportID is the export's; a missing value is
 * empty, or 99 ("data not collected") where HUD requires a value from a list that has it (VeteranStatus of a
 * child nobody asked, DisablingCondition …); strings lose `< > [ ] { }`, which FY2026 does not allow; hashed
 * exports hash names and SSNs (hud-csv-hash.ts).
 */
interface ColumnWriter {
  exportId: boolean;
  whenMissing: 99 | null;
  string: boolean;
  hash: 'name' | 'ssn' | null;
}

export type RowFormatter = (row: unknown[]) => unknown[];

const FORBIDDEN = /[<>[\]{}]/;
const ALL_FORBIDDEN = /[<>[\]{}]/g;

export function rowFormatter(file: HudFile, options: { exportId: string; hash: boolean }): RowFormatter {
  const writers: ColumnWriter[] = file.columns.map((column) => ({
    exportId: column.name === 'ExportID',
    whenMissing: !column.nullable && typeof column.list === 'string' && isHudCode(column.list, 99) ? 99 : null,
    string: column.type === 'S',
    hash: options.hash && column.hashable ? (column.name === 'SSN' ? 'ssn' : 'name') : null,
  }));
  return (row) =>
    writers.map((w, i) => {
      if (w.exportId) return options.exportId;
      const value = row[i];
      if (value === null || value === undefined || value === '') return w.whenMissing;
      if (!w.string || typeof value !== 'string') return value;
      const text = FORBIDDEN.test(value) ? value.replace(ALL_FORBIDDEN, '') : value;
      if (w.hash === 'name') return hashedName(text);
      if (w.hash === 'ssn') return hashedSsn(text);
      return text;
    });
}
