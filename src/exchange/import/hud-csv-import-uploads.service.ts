import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { canImport, type Viewer } from '../../access/access-policy.js';
import type { Actor } from '../../audit/audit-log.js';
import type { Clock } from '../../clock.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import { createPrivateWriteStream, ensurePrivateDir } from '../../files/private-files.js';
import { NotAnArchiveError } from './hud-csv-archive.js';
import type { HudCsvImportService, HudImportResult } from './hud-csv-import.service.js';

export const NOT_AN_IMPORTER = 'Only HMIS administrators can import HUD CSV.';
/** How long an upload nobody went on to import is kept: it holds client data, so not a day more. */
export const UPLOAD_KEPT_MS = 24 * 60 * 60_000;
const UPLOAD_ID = /^[0-9a-f]{32}$/;

/**
 * Imports from the Import page: a zip an administrator uploaded, kept privately under the site's data folder
 * (0600 in a 0700 folder) between its validation report and the import, and deleted once imported, or when it
 * cannot be read at all. An upload never imported (the administrator left the report) is deleted a day after it
 * arrived, by the export worker's pass (deleteAbandoned); its time is the injected clock's, set as the file's mtime.
 * Who may import is the access policy's (canImport).
 */
export class HudCsvImportUploads {
  constructor(
    private readonly imports: HudCsvImportService,
    private readonly folder: string,
    private readonly clock: Clock,
  ) {}

  /** An uploaded zip, streamed into a private file under a new upload id. */
  async receive(upload: Readable): Promise<string> {
    ensurePrivateDir(this.folder);
    const uploadId = randomBytes(16).toString('hex');
    try {
      await pipeline(upload, createPrivateWriteStream(this.fileOf(uploadId)));
      const now = this.clock.now();
      await fs.promises.utimes(this.fileOf(uploadId), now, now);
    } catch (error) {
      await this.discard(uploadId);
      throw error;
    }
    return uploadId;
  }

  /** The validation report of an uploaded zip: nothing is written yet. An unreadable upload is deleted. */
  async check(viewer: Viewer, actor: Actor, uploadId: string | null): Promise<HudImportResult> {
    this.mayImport(viewer);
    if (uploadId === null || !fs.existsSync(this.fileOf(uploadId)) || fs.statSync(this.fileOf(uploadId)).size === 0) {
      throw new ValidationError('Choose the zip file of a HUD CSV export to import.', { file: ['Choose a zip file.'] });
    }
    try {
      const result = await this.imports.import(this.fileOf(uploadId), { dryRun: true, actor });
      if (result.report.fatal.length > 0) throw new ValidationError(`This file cannot be imported: ${result.report.fatal.join(' ')}`, { file: result.report.fatal });
      return result;
    } catch (error) {
      await this.discard(uploadId);
      if (error instanceof NotAnArchiveError) {
        const message = 'This file is not a zip file Hearth can read: choose the zip of a HUD CSV export.';
        throw new ValidationError(message, { file: [message] });
      }
      throw error;
    }
  }

  /** The import of an uploaded zip checked before, with the likely matches the administrator confirmed; then the zip goes. */
  async run(viewer: Viewer, actor: Actor, uploadId: string, confirmedMatches: Readonly<Record<string, string>>): Promise<HudImportResult> {
    this.mayImport(viewer);
    if (!UPLOAD_ID.test(uploadId) || !fs.existsSync(this.fileOf(uploadId))) throw new NotFoundError('There is no such upload: it was imported already, or upload it again.');
    try {
      return await this.imports.import(this.fileOf(uploadId), { dryRun: false, actor, confirmedMatches });
    } finally {
      await this.discard(uploadId);
    }
  }

  /** Opening the Import page at all. */
  async mayOpen(viewer: Viewer): Promise<void> {
    this.mayImport(viewer);
  }

  /** Deletes the uploads that arrived a day ago or more and were never imported; how many. */
  async deleteAbandoned(): Promise<number> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.folder);
    } catch {
      return 0;
    }
    const oldest = this.clock.now().getTime() - UPLOAD_KEPT_MS;
    let deleted = 0;
    for (const name of names) {
      const uploadId = name.replace(/\.zip$/, '');
      if (!UPLOAD_ID.test(uploadId) || name !== `${uploadId}.zip`) continue;
      const stat = await fs.promises.stat(this.fileOf(uploadId)).catch(() => null);
      if (stat === null || stat.mtimeMs > oldest) continue;
      await this.discard(uploadId);
      deleted += 1;
    }
    return deleted;
  }

  async discard(uploadId: string): Promise<void> {
    if (UPLOAD_ID.test(uploadId)) await fs.promises.rm(this.fileOf(uploadId), { force: true });
  }

  private mayImport(viewer: Viewer): void {
    if (!canImport(viewer)) throw new ForbiddenError(NOT_AN_IMPORTER);
  }

  private fileOf(uploadId: string): string {
    return path.join(this.folder, `${uploadId}.zip`);
  }
}
