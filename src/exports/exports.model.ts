import type { ExportJobStatus } from '../db/schema.js';
import type { HudExportRequest } from '../exchange/hud-csv-export.model.js';

export type { ExportJobStatus };

/** A HUD CSV export asked for on the Exports page, and where it stands. */
export interface ExportJob {
  id: string;
  requestedBy: number;
  /** The requester's name as the list shows it. */
  requestedByName: string;
  requestedAt: Date;
  request: HudExportRequest;
  status: ExportJobStatus;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** While running: the file being written, and the rows written so far. */
  currentFile: string | null;
  rowsWritten: number;
  /** Why it failed, for the person who asked. */
  failure: string | null;
  exportId: string | null;
  clients: number | null;
  enrollments: number | null;
  fileSize: number | null;
  /** When its zip is deleted (7 days after it was written). */
  expiresAt: Date | null;
}

/** The export form as typed. */
export interface ExportFormInput {
  from: string;
  to: string;
  projectIds: string[];
  cocCode: string;
  directive: string;
  hash: boolean;
}

export const EMPTY_EXPORT_FORM: ExportFormInput = { from: '', to: '', projectIds: [], cocCode: '', directive: 'full', hash: false };

/** A project the requester may export, for the form's choices. */
export interface ExportableProject {
  projectId: string;
  projectName: string;
  organizationName: string;
}
