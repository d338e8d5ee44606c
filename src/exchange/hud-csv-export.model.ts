import type { HudFileName } from './hud-csv-spec.js';

/** ExportPeriodType (HUD list 1.1): 1 Updated, 3 Reporting period, 4 Other. */
export type ExportPeriodType = 1 | 3 | 4;
export const EXPORT_PERIOD_TYPES: readonly ExportPeriodType[] = [1, 3, 4];

/** ExportDirective (HUD list 1.2) as Hearth writes it: a full refresh (2) or a delta refresh (1). */
export type ExportDirective = 'full' | 'delta';
export const EXPORT_DIRECTIVE_CODES: Readonly<Record<ExportDirective, number>> = { delta: 1, full: 2 };

/** What to export: the period, which projects, and how. */
export interface HudExportRequest {
  /** The period, `YYYY-MM-DD`, both days included. */
  from: string;
  to: string;
  /** ProjectIDs; empty = every project the requester may export. */
  projectIds: readonly string[];
  /** Only projects with a ProjectCoC record for this CoC code. */
  cocCode: string | null;
  /** Default: 3 (reporting period) for a full export, 1 (updated) for a delta. */
  periodType: ExportPeriodType | null;
  directive: ExportDirective;
  /** HashStatus 4: names and SSNs hashed with SHA-256 as HUD specifies. */
  hash: boolean;
}

/** Who the Export.csv names as the source contact (the exporting user), if anyone. */
export interface ExportContact {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
}

/** What an export wrote. */
export interface HudExportSummary {
  exportId: string;
  from: string;
  to: string;
  directive: ExportDirective;
  periodType: ExportPeriodType;
  hashStatus: 1 | 4;
  /** Export.csv's SourceID: the CoC codes, `;`-separated. */
  sourceId: string | null;
  projects: number;
  /** Rows written per file (header not counted), in the order of the zip. */
  rows: Record<HudFileName, number>;
}

/** Progress while an export runs: the file being written and the rows written so far, all files together. */
export interface HudExportProgress {
  file: HudFileName;
  filesDone: number;
  rowsWritten: number;
}
