import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { canExport, canSeeExportOf, isAdministrator, type Viewer } from '../access/access-policy.js';
import type { AccessService } from '../access/access.service.js';
import type { UserService } from '../accounts/users.service.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { parseDate } from '../clients/client-fields.js';
import { addMs, DAY, type Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import { DomainError, ForbiddenError, NotFoundError } from '../errors.js';
import type { HudExportRequest } from '../exchange/hud-csv-export.model.js';
import { NOT_AN_EXPORTER, type HudCsvExportService } from '../exchange/hud-csv-export.service.js';
import { ensurePrivateDir } from '../files/private-files.js';
import { exportJobsRepository as repo } from './export-jobs.repository.js';
import type { ExportableProject, ExportFormInput, ExportJob } from './exports.model.js';

/** How long a finished export stays downloadable before its zip is deleted. */
export const EXPORT_KEPT_MS = 7 * DAY;
export const INTERRUPTED = 'Hearth stopped while this export was running. Start it again.';
const LISTED = 50;
/** Progress is written at most this often (real time): often enough for a person, rarely enough for the database. */
const PROGRESS_EVERY_MS = 1_000;

export interface ExportJobLog {
  error(details: object, message: string): void;
}

/**
 * The Exports page's jobs. A request is checked at once (the period, the projects, and the access policy), queued,
 * and run in the background by the server's export worker (export-worker.ts), one at a time; the requester is
 * judged again when it runs. A job that was running when the server stopped is marked failed on the next start
 * (never resumed: the person starts it again). A finished zip is kept, private, under the site's data folder for
 * 7 days, then deleted; every download is audited.
 */
export class ExportJobService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly exports: HudCsvExportService,
    private readonly access: AccessService,
    private readonly users: UserService,
    /** Where finished zips are kept. */
    private readonly dir: string,
    private readonly onQueued: () => void = () => {},
  ) {}

  exportableProjects(viewer: Viewer): Promise<ExportableProject[]> {
    return this.exports.exportableProjects(viewer);
  }

  /** Queues an export after checking it; throws ValidationError (the form) or ForbiddenError. */
  async request(viewer: Viewer, actor: Actor, input: ExportFormInput): Promise<ExportJob> {
    const request: HudExportRequest = {
      from: parseDate(input.from.trim()) ?? input.from.trim(),
      to: parseDate(input.to.trim()) ?? input.to.trim(),
      projectIds: input.projectIds,
      cocCode: input.cocCode.trim() === '' ? null : input.cocCode.trim().toUpperCase(),
      periodType: null,
      directive: input.directive === 'delta' ? 'delta' : 'full',
      hash: input.hash,
    };
    await this.exports.check({ viewer, actor }, request);
    const id = randomBytes(16).toString('hex');
    await repo.insert(this.db, { id, requestedBy: viewer.userId, requestedAt: this.clock.now(), request });
    this.onQueued();
    return (await repo.find(this.db, id))!;
  }

  /** The exports a viewer may see, newest first: an administrator's list holds everyone's. */
  async list(viewer: Viewer): Promise<ExportJob[]> {
    if (!canExport(viewer)) throw new ForbiddenError(NOT_AN_EXPORTER);
    return repo.list(this.db, isAdministrator(viewer) ? null : viewer.userId, LISTED);
  }

  /** A finished export's zip, for download; the download is audited. */
  async download(viewer: Viewer, actor: Actor, id: string): Promise<{ file: string; fileName: string; job: ExportJob }> {
    const job = await repo.find(this.db, id);
    if (!job || !canSeeExportOf(viewer, job.requestedBy)) throw new NotFoundError('There is no such export.');
    if (job.status === 'expired') throw new NotFoundError('This export was deleted 7 days after it was written. Start a new one.');
    if (job.status !== 'done') throw new NotFoundError('This export is not ready to download.');
    await this.audit.record(this.db, { event: 'export.downloaded', actor, details: { job: id, exportId: job.exportId } });
    return { file: this.fileOf(id), fileName: `hud-csv-${job.request.from}-${job.request.to}-${id.slice(0, 8)}.zip`, job };
  }

  /** Marks the jobs a stopped server left running as failed, and removes their partial zips. */
  async failInterrupted(): Promise<number> {
    const ids = await repo.running(this.db);
    for (const id of ids) {
      await repo.failed(this.db, id, this.clock.now(), INTERRUPTED);
      await fs.promises.rm(this.fileOf(id), { force: true });
    }
    return ids.length;
  }

  /** Runs the oldest queued export, if any; false when none was waiting. Never throws for the export's own failure. */
  async runNext(log: ExportJobLog): Promise<boolean> {
    const job = await repo.claimNext(this.db, this.clock.now());
    if (!job) return false;
    try {
      const user = await this.users.findById(job.requestedBy);
      if (!user || user.deactivatedAt) throw new ForbiddenError('The person who asked for this export can no longer sign in.');
      const viewer = await this.access.viewerOf(user);
      const actor: Actor = { userId: user.id, username: user.username, ip: null };
      ensurePrivateDir(this.dir);
      let last = 0;
      const summary = await this.exports.writeFile({ viewer, actor }, job.request, this.fileOf(job.id), async (progress) => {
        if (performance.now() - last < PROGRESS_EVERY_MS) return;
        last = performance.now();
        await repo.progress(this.db, job.id, progress.file, progress.rowsWritten);
      });
      const now = this.clock.now();
      await repo.done(this.db, job.id, {
        at: now,
        exportId: summary.exportId,
        clients: summary.rows.Client,
        enrollments: summary.rows.Enrollment,
        rowsWritten: Object.values(summary.rows).reduce((a, b) => a + b, 0),
        fileSize: (await fs.promises.stat(this.fileOf(job.id))).size,
        expiresAt: addMs(now, EXPORT_KEPT_MS),
      });
    } catch (error) {
      if (!(error instanceof DomainError)) log.error({ err: error, job: job.id }, 'export failed');
      const failure = error instanceof DomainError ? error.message : 'An unexpected error stopped this export; it is in the server’s log.';
      await repo.failed(this.db, job.id, this.clock.now(), failure);
    }
    return true;
  }

  /** Deletes the zips of exports written 7 days ago or more. */
  async deleteExpired(): Promise<number> {
    const jobs = await repo.expiredBy(this.db, this.clock.now());
    for (const job of jobs) {
      await fs.promises.rm(this.fileOf(job.id), { force: true });
      await repo.markExpired(this.db, job.id);
      await this.audit.record(this.db, { event: 'export.deleted', actor: { userId: null, username: null, ip: null }, details: { job: job.id, exportId: job.exportId } });
    }
    return jobs.length;
  }

  fileOf(id: string): string {
    return path.join(this.dir, `${id}.zip`);
  }
}
