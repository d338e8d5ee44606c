import { hashedName, hashedSsn } from './hud-csv-hash.js';
import { isHudCode } from './hud-csv-lists.js';
import type { HudColumn, HudFile } from './hud-csv-spec.js';

/**
 * How each column of a file is written. The database formats the values of stored rows
 * (hud-csv-export.repository.ts), so that PostgreSQL can write a file's CSV itself in one COPY; here are the
 * hashing of a hashed export's stored rows, and the formatting of the rows Hearth builds itself (Export, User).
 * - ExportID is the export's.
 * - A missing value is empty, or 99 ("data not collected") where HUD requires a value from a list that has it
 *   (VeteranStatus of a child nobody asked, DisablingCondition …).
 * - Strings lose `< > [ ] { }`, which FY2026 does not allow; one left empty is written empty.
 * - Hashed exports hash names and SSNs (hud-csv-hash.ts), after that: a name of forbidden characters alone is
 *   hashed as the empty name.
 * - In the CSV every string is quoted, dates and amounts included (as Open Path writes them: SSNs, geocodes and ZIPs
 *   keep their zeros); numbers (codes, counts) and empty values are not.
 */
export interface ColumnRule {
  exportId: boolean;
  whenMissing: 99 | null;
  /** A string column: quoted, stripped of the forbidden characters. */
  string: boolean;
  /** Written quoted when not empty (any value the database writes as text). */
  quoted: boolean;
  hash: 'name' | 'ssn' | null;
}

/** The characters FY2026 does not allow in a string, `< > [ ] { }`, as a PostgreSQL regular expression. */
export const FORBIDDEN_PATTERN = '[][<>{}]';

export function columnRule(column: HudColumn, options: { hash: boolean }): ColumnRule {
  return {
    exportId: column.name === 'ExportID',
    whenMissing: !column.nullable && typeof column.list === 'string' && isHudCode(column.list, 99) ? 99 : null,
    string: column.type === 'S',
    quoted: column.type !== 'I',
    hash: options.hash && column.hashable ? (column.name === 'SSN' ? 'ssn' : 'name') : null,
  };
}

/** Whether some column of the file is hashed here, so its rows cannot be written by the database alone. */
export function hashesColumns(file: HudFile, options: { hash: boolean }): boolean {
  return file.columns.some((column) => columnRule(column, options).hash !== null);
}

export type RowFormatter = (row: unknown[]) => unknown[];

const ALL_FORBIDDEN = /[<>[\]{}]/g;

/** Formats a row Hearth builds itself (not read from a table), by the same rules. */
export function rowFormatter(file: HudFile, options: { exportId: string; hash: boolean }): RowFormatter {
  const rules = file.columns.map((column) => columnRule(column, options));
  const hash = rowHasher(file, options);
  return (row) =>
    hash(
      rules.map((rule, i) => {
        if (rule.exportId) return options.exportId;
        const value = row[i];
        if (value === null || value === undefined || value === '') return rule.whenMissing;
        if (!rule.string || typeof value !== 'string') return value;
        return value.replace(ALL_FORBIDDEN, '');
      }),
    );
}

/** Hashes the names and SSN of a row the database has formatted (values stripped, missing ones null). */
export function rowHasher(file: HudFile, options: { hash: boolean }): RowFormatter {
  const hashes = file.columns.map((column) => columnRule(column, options).hash);
  if (hashes.every((hash) => hash === null)) return (row) => row;
  return (row) =>
    row.map((value, i) => {
      if (typeof value !== 'string') return value;
      if (hashes[i] === 'name') return hashedName(value);
      if (hashes[i] === 'ssn') return hashedSsn(value);
      return value;
    });
}
