import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { stringify as stringifyRows } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import { ZipFile } from 'yazl';
import { canExportProjectsOf, exportScope, OPERATOR_EXPORT_SCOPE, type EnrollmentScope, type Viewer } from '../access/access-policy.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { calendarDate, type Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { createPrivateWriteStream } from '../files/private-files.js';
import { hearthVersion } from '../version.js';
import {
  EXPORT_DIRECTIVE_CODES,
  EXPORT_PERIOD_TYPES,
  type ExportContact,
  type ExportPeriodType,
  type HudExportProgress,
  type HudExportRequest,
  type HudExportSummary,
} from './hud-csv-export.model.js';
import { hudCsvExportRepository as repo, type ExportValues, type ExportWindow } from './hud-csv-export.repository.js';
import { HUD_FILE_SOURCES, type HudDataFileName, type HudFileSource } from './hud-csv-export-sources.js';
import { CSV_VERSION_2026, HUD_CSV_FILES, HUD_FILE_NAMES, hudFile, hudHeader, type HudFile, type HudFileName } from './hud-csv-spec.js';
import { hashesColumns, rowFormatter, rowHasher } from './hud-csv-values.js';

/**
 * Export.csv's ImplementationID, "unique per source database": the same for every export of a site, from its
 * address and its id (so Training and Live differ).
 */
export function implementationIdOf(publicUrl: string, siteId: string): string {
  return `hearth-${createHash('sha256').update(`${publicUrl}|${siteId}`).digest('hex').slice(0, 24)}`;
}

/** Who asks for an export: a signed-in user (judged by the access policy) or the operator running `hearth export`. */
export type ExportRequester = { viewer: Viewer; actor: Actor } | { operator: Actor };

export const NOT_AN_EXPORTER = 'Only HMIS administrators and agency managers can export HUD CSV.';
const PAGE_ROWS = 2_000;
const COC_CODE = /^[A-Za-z]{2}-[0-9]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The zip's deflate level: once PostgreSQL writes the CSV, deflate is most of the export's own CPU. On the bench's
 * Client.csv level 1 deflated 29 MB/s against the default 6's 18 MB/s, for a zip 11% larger (bench/README.md).
 */
const ZIP_LEVEL = 1;

/**
 * Rows written as Hearth writes them: every string quoted (hud-csv-values.ts), numbers and empty values not. The
 * same as PostgreSQL's COPY writes them with FORCE_QUOTE on the string columns.
 */
function csvRows(rows: unknown[][]): string {
  return stringifyRows(rows, { quoted_string: true, quoted_empty: false });
}

function lineBreaks(chunk: Buffer): number {
  let count = 0;
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) count += 1;
  return count;
}

function realDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * HUD HMIS CSV FY2026 exports: the 24 files, flat in one zip, streamed page by page from the database into the
 * zip (no table is ever held in memory). What an export covers (reference hud-csv-files.md §2–§3):
 * - the projects asked for (or all) that the requester may export, by the access policy, optionally those of one
 *   CoC; their agencies and set-up records (Funder, ProjectCoC, Inventory, Affiliation, HMIS and CE participation);
 * - the enrollments in those projects active in the period (entered by its end, not exited before its start),
 *   their clients, exits and the records of each enrollment;
 * - every user any row names in UserID, in User.csv (accounts with their names; the system and the command line
 *   by their UserID alone).
 * A delta export covers instead whatever changed in the period in those projects, deleted rows included with their
 * DateDeleted.
 */
export class HudCsvExportService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly timeZone: string,
    /** ImplementationID: fixed for this site's database. */
    private readonly implementationId: string,
  ) {}

  /** The projects a viewer may export, for a form's choices. */
  async exportableProjects(viewer: Viewer): Promise<{ projectId: string; projectName: string; organizationName: string }[]> {
    const scope = exportScope(viewer);
    if (scope === null) throw new ForbiddenError(NOT_AN_EXPORTER);
    return repo.projectsInScope(this.db, scope);
  }

  /** Checks a request before any work starts (a background job checks it when it is asked for). */
  async check(requester: ExportRequester, request: HudExportRequest): Promise<EnrollmentScope> {
    const errors: Record<string, string[]> = {};
    if (!realDate(request.from)) errors.from = ['Enter the first day of the period as a real date.'];
    if (!realDate(request.to)) errors.to = ['Enter the last day of the period as a real date.'];
    else if (!errors.from && request.to < request.from) errors.to = ['The period must end on or after its first day.'];
    if (request.cocCode !== null && !COC_CODE.test(request.cocCode)) errors.cocCode = ['A CoC code is two letters, a dash and three digits, like XX-501.'];
    if (request.periodType !== null && !EXPORT_PERIOD_TYPES.includes(request.periodType)) errors.periodType = ['The period type is 1 (updated), 3 (reporting period) or 4 (other).'];
    const scope = 'viewer' in requester ? exportScope(requester.viewer) : OPERATOR_EXPORT_SCOPE;
    if (scope === null) throw new ForbiddenError(NOT_AN_EXPORTER);
    if (request.projectIds.length > 0) {
      const found = await repo.projectsByIds(this.db, request.projectIds);
      const missing = request.projectIds.filter((id) => !found.some((p) => p.projectId === id));
      if (missing.length > 0) errors.projectIds = [`No project has the id ${missing.join(', ')}.`];
      if ('viewer' in requester && found.some((p) => !canExportProjectsOf(requester.viewer, p.organizationId))) {
        throw new ForbiddenError('Agency managers can export only their own agencies’ projects.');
      }
    }
    if (Object.keys(errors).length > 0) throw new ValidationError('The export cannot start: check the period and the projects.', errors);
    return scope;
  }

  /** Writes the export as a zip into `out` and returns what it wrote. */
  async write(
    requester: ExportRequester,
    request: HudExportRequest,
    out: Writable,
    onProgress: (progress: HudExportProgress) => void | Promise<void> = () => {},
  ): Promise<HudExportSummary> {
    const scope = await this.check(requester, request);
    const startedAt = this.clock.now();
    const exportId = randomBytes(16).toString('hex');
    const periodType: ExportPeriodType = request.periodType ?? (request.directive === 'delta' ? 1 : 3);
    const base = { directive: request.directive, from: request.from, to: request.to, timeZone: this.timeZone, cutoff: startedAt };
    const projectIds = await repo.projectIdsInScope(this.db, { scope, projectIds: request.projectIds, cocCode: request.cocCode, window: base });
    const everyProject = scope.kind === 'all' && request.projectIds.length === 0 && request.cocCode === null;
    const window: ExportWindow = { ...base, projectIds: everyProject ? 'all' : projectIds };
    const cocCodes = request.cocCode !== null ? [request.cocCode.toUpperCase()] : await repo.cocCodesOf(this.db, projectIds);
    const sourceId = cocCodes.length > 0 ? cocCodes.join(';') : null;
    const actor = 'viewer' in requester ? requester.actor : requester.operator;
    const contact = await this.contactOf(actor);

    const rows = Object.fromEntries(HUD_FILE_NAMES.map((name) => [name, 0])) as Record<HudFileName, number>;
    const userIds = new Set<string>();
    let filesDone = 0;
    let rowsWritten = 0;
    const progress = async (file: HudFileName, count: number) => {
      rows[file] += count;
      rowsWritten += count;
      await onProgress({ file, filesDone, rowsWritten });
    };

    const zip = new ZipFile();
    const zipped = new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      out.on('error', reject);
      zip.outputStream.pipe(out).on('finish', resolve);
    });
    // Each file is made when the zip comes to it, so one file's rows are read at a time.
    const entry = (file: HudFile, chunks: () => AsyncIterable<string | Buffer>) =>
      zip.addReadStreamLazy(file.fileName, { mtime: startedAt, compressionLevel: ZIP_LEVEL }, (callback) => {
        const stream = Readable.from(this.withHeader(file, chunks()), { objectMode: false });
        stream.on('error', (error) => zip.emit('error', error));
        callback(null, stream);
      });

    rows.Export = 1;
    const exportRow = [
      exportId, sourceId ? 1 : 4, sourceId, sourceId ? null : 'Hearth', contact.firstName, contact.lastName, null, null, contact.email,
      this.dateTime(startedAt), request.from, request.to, 'Hearth', hearthVersion(), CSV_VERSION_2026, periodType,
      EXPORT_DIRECTIVE_CODES[request.directive], request.hash ? 4 : 1, this.implementationId,
    ];
    const exportFile = hudFile('Export');
    entry(exportFile, async function* () {
      yield csvRows([rowFormatter(exportFile, { exportId, hash: false })(exportRow)]);
    });

    const values: ExportValues = { exportId, hash: request.hash };
    const self = this;
    for (const file of HUD_CSV_FILES) {
      if (file.name === 'Export' || file.name === 'User') continue;
      const source = HUD_FILE_SOURCES[file.name as HudDataFileName];
      entry(file, async function* () {
        if (source) {
          yield* self.rowsOf(file, source, window, values, (count) => progress(file.name, count));
          for (const userId of await repo.userIds(self.db, source, window)) userIds.add(userId);
        }
        filesDone += 1;
      });
    }
    const userFile = hudFile('User');
    entry(userFile, async function* () {
      const format = rowFormatter(userFile, { exportId, hash: false });
      const accounts = new Map((await repo.usersByHudUserIds(self.db, [...userIds], self.timeZone)).map((u) => [u.userId, u]));
      const exportDate = self.dateTime(startedAt);
      const users = [...userIds].sort().map((userId) => {
        const account = accounts.get(userId);
        // The system and the command line have no account: they are named by their UserID alone.
        return format([userId, account?.firstName ?? null, account?.lastName ?? null, null, null, account?.email ?? null,
          account?.dateCreated ?? exportDate, account?.dateUpdated ?? exportDate, null, null]);
      });
      if (users.length > 0) yield csvRows(users);
      await progress('User', userIds.size);
      filesDone += 1;
    });
    zip.end();
    await zipped;

    const summary: HudExportSummary = {
      exportId, from: request.from, to: request.to, directive: request.directive, periodType,
      hashStatus: request.hash ? 4 : 1, sourceId, projects: projectIds.length, rows,
    };
    await this.audit.record(this.db, {
      event: 'export.written',
      actor,
      details: {
        exportId, from: request.from, to: request.to, directive: request.directive, hashed: request.hash,
        projects: projectIds.length, clients: rows.Client, enrollments: rows.Enrollment,
      },
    });
    return summary;
  }

  /** Writes the export into a new private file (removed again when the export fails). */
  async writeFile(
    requester: ExportRequester,
    request: HudExportRequest,
    file: string,
    onProgress?: (progress: HudExportProgress) => void | Promise<void>,
  ): Promise<HudExportSummary> {
    await this.check(requester, request);
    const out = createPrivateWriteStream(file);
    try {
      const summary = await this.write(requester, request, out, onProgress);
      await finished(out);
      return summary;
    } catch (error) {
      out.destroy();
      await fs.promises.rm(file, { force: true });
      throw error;
    }
  }

  /** The header row, bare, exactly as HUD spells it; then the file's rows. */
  private async *withHeader(file: HudFile, rows: AsyncIterable<string | Buffer>): AsyncGenerator<string | Buffer> {
    yield `${hudHeader(file.name).join(',')}\n`;
    yield* rows;
  }

  /**
   * A file's rows as CSV: written by PostgreSQL in one COPY where it can (and nothing is left to hash here), else
   * read in keyset pages and written here. Progress is told every few thousand rows.
   */
  private async *rowsOf(
    file: HudFile,
    source: HudFileSource,
    window: ExportWindow,
    values: ExportValues,
    progress: (rows: number) => Promise<void>,
  ): AsyncGenerator<string | Buffer> {
    const copy = hashesColumns(file, values) ? null : await repo.copyCsv(this.db, file, source, window, values);
    if (copy) {
      // Lines are counted for the progress only (a quoted value may hold a line break); COPY's count is exact.
      let told = 0;
      let lines = 0;
      for await (const chunk of copy.stream as AsyncIterable<Buffer>) {
        yield chunk;
        lines += lineBreaks(chunk);
        if (lines - told >= PAGE_ROWS) {
          await progress(lines - told);
          told = lines;
        }
      }
      await progress(copy.rowCount() - told);
      return;
    }
    const hash = rowHasher(file, values);
    let after: string | null = null;
    for (;;) {
      const page = await repo.page(this.db, file, source, window, values, after, PAGE_ROWS);
      if (page.rows.length > 0) {
        yield csvRows(page.rows.map(hash));
        await progress(page.rows.length);
      }
      if (page.rows.length < PAGE_ROWS) return;
      after = page.lastKey;
    }
  }

  private async contactOf(actor: Actor): Promise<ExportContact> {
    if (actor.userId === null) return { firstName: null, lastName: null, email: null };
    const [account] = await repo.usersByHudUserIds(this.db, [String(actor.userId)], this.timeZone);
    return { firstName: account?.firstName ?? null, lastName: account?.lastName ?? null, email: account?.email ?? null };
  }

  /** A HUD date-time (T): `yyyy-mm-dd hh:mm:ss` in the site's time zone. */
  private dateTime(at: Date): string {
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: this.timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(at);
    return `${calendarDate(at, this.timeZone)} ${time}`;
  }
}
