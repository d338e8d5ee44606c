import type { HudBookkeepingValues } from '../../db/hud-timestamps.js';
import type { DuplicateReason } from '../../clients/clients.model.js';
import type { Organization, Project } from '../../projects/projects.model.js';
import type { HudCsvVersion, HudFileName } from '../hud-csv-spec.js';

/**
 * What an import finds wrong with a row or a file. An error skips the row (or the whole file); a warning is a
 * fixable problem and the row is imported all the same, as HUD's checker and Open Path do (reference
 * `hud-csv-files.md` §6).
 */
export type ImportSeverity = 'error' | 'warning';

/**
 * The rule a problem breaks:
 * - `column-count`: the row has more or fewer values than the header (error);
 * - `key-blank`, `key-duplicate`: the file's key is empty, or a row earlier in the file has it (error);
 * - `blank`: a value the row cannot be imported without is empty (error);
 * - `reference`: the row names a row of another file that is not in the export, or was skipped (error; a warning
 *   for UserID and for the project's CoC record, which HUD's tools do not demand);
 * - `required`: a value HUD requires is empty (warning: legacy data has such rows);
 * - `type`, `length`, `format`, `characters`, `code-list`: a value of the wrong kind, too long, not of HUD's shape,
 *   holding `< > [ ] { }`, or outside its code list (warning; a value of the wrong type is not imported);
 * - `header`: a column HUD does not have (ignored) or a missing column (empty for every row; an error when the file
 *   cannot do without it);
 * - `export-id`: rows carrying another ExportID than Export.csv's;
 * - `not-mapped`: FY2024 values with no FY2026 column (reference §5), not carried over;
 * - `export`: Export.csv is missing, empty or has several rows;
 * - `stored`: Hearth's database refused the row, for a rule of Hearth's stricter than HUD's (error, found only
 *   when writing: a dry run cannot tell);
 * - `not-kept`: a file whose records Hearth does not keep yet (HUD_FILE_SOURCES), its rows not imported (warning).
 */
export type ImportRule =
  | 'column-count'
  | 'key-blank'
  | 'key-duplicate'
  | 'blank'
  | 'reference'
  | 'required'
  | 'type'
  | 'length'
  | 'format'
  | 'characters'
  | 'code-list'
  | 'header'
  | 'export-id'
  | 'not-mapped'
  | 'export'
  | 'stored'
  | 'not-kept'
  | 'victim-service-provider';

export interface ImportIssue {
  severity: ImportSeverity;
  /** The row in the file, counting the header as row 1; null for a problem of the whole file. */
  row: number | null;
  /** The HUD column, when the problem is one value's. */
  column: string | null;
  rule: ImportRule;
  message: string;
}

/** What one file of the export gave. */
export interface ImportFileReport {
  file: HudFileName;
  /** Whether the export holds the file at all (a missing file reads as empty). */
  present: boolean;
  rowsRead: number;
  /** Rows that pass (possibly with warnings) and would be, or were, imported. */
  rowsImported: number;
  errors: number;
  warnings: number;
  /** The problems, in the order found; at most ISSUES_KEPT_PER_FILE of them (the counts above count them all). */
  issues: ImportIssue[];
}

export const ISSUES_KEPT_PER_FILE = 500;

/** The validation report of one export. */
export interface ImportReport {
  /** The layout read: FY2026, or FY2024 mapped to FY2026; null when it could not be told. */
  version: HudCsvVersion | null;
  exportId: string | null;
  /** Export.csv's SourceID and SoftwareName, to say where the data comes from. */
  sourceId: string | null;
  softwareName: string | null;
  /** HashStatus 4: names and SSNs are SHA-256 digests. */
  hashed: boolean;
  /** Problems that stop the whole import (no Export.csv, not a HUD CSV export): nothing is imported. */
  fatal: string[];
  /** Per file, in HUD's order. */
  files: ImportFileReport[];
  /**
   * Source clients that Hearth's duplicate rules match to existing clients, for an administrator to confirm: an
   * import never merges them. By PersonalID only (no name, SSN or date of birth in a report). Not looked for in a
   * hashed export, whose names and SSNs cannot match.
   */
  likelyMatches: LikelyClientMatch[];
}

export interface LikelyClientMatch {
  /** The source PersonalID and its row in Client.csv. */
  sourcePersonalId: string;
  row: number;
  /**
   * The Hearth client the source record is written to: certain (the same SSN, name and date of birth, and only one
   * such client), or confirmed by an administrator. Null: written as a new client, the matches left to confirm.
   */
  matchedTo: string | null;
  matches: { personalId: string; reasons: DuplicateReason[] }[];
}

/** One row that passed validation: its values by FY2026 column name ('' = empty), and its row number in the file. */
export interface AcceptedRow {
  row: number;
  values: Readonly<Record<string, string>>;
}

/** HUD's bookkeeping columns of an imported row: HUD date-times as written (`yyyy-mm-dd hh:mm:ss`, the site's zone). */
export type ImportedBookkeeping = HudBookkeepingValues;

type WithoutBookkeeping<T> = Omit<T, 'dateCreated' | 'dateUpdated' | 'userId'>;

/** An Organization.csv row as Hearth stores it, under its Hearth id (the projects feature's Organization). */
export type ImportedOrganization = WithoutBookkeeping<Organization> & ImportedBookkeeping & { victimServiceProvider: 0 | 1 };

/** A Project.csv row as Hearth stores it, under its Hearth id and its agency's (the projects feature's Project). */
export type ImportedProject = WithoutBookkeeping<Project> & ImportedBookkeeping & { continuumProject: 0 | 1 };
