import { hudUserId } from '../../hud/ids.js';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import type { ClientFields, ImportedClient, PossibleDuplicate } from '../../clients/clients.model.js';
import { calendarDate, type Clock } from '../../clock.js';
import type { Database, Db } from '../../db/schema.js';
import { openHudCsvArchive } from './hud-csv-archive.js';
import { clientFieldsOfHudRow } from './hud-csv-client-fields.js';
import type { HudFileName } from '../hud-csv-spec.js';
import { HudCsvImportWriter, writtenFile } from './hud-csv-import-writer.js';
import type { ImportIssue, ImportReport, LikelyClientMatch } from './hud-csv-import.model.js';
import { hudCsvImportBulkRepository as bulk } from './hud-csv-import.repository.js';
import { addIssue, validateHudCsv, type AcceptedRowHandler } from './hud-csv-validator.js';

/** What an import did: the validation report, and whether anything was written. */
export interface HudImportResult {
  report: ImportReport;
  dryRun: boolean;
  written: boolean;
}

export interface HudImportOptions {
  dryRun: boolean;
  actor: Actor;
  /** Called as rows are written: rows done of the rows to write (a dry run writes none, and does not call it). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Likely matches an administrator confirmed: source PersonalID → the Hearth PersonalID it is. Only a match the
   * duplicate rules found is taken; the record is then written to that client instead of a new one.
   */
  confirmedMatches?: Readonly<Record<string, string>>;
}

/** What an import asks of the clients feature (ClientService): Hearth's duplicate rules, and writing clients. */
export interface ImportClients {
  findLikelyDuplicatesOfMany(people: readonly ClientFields[]): Promise<PossibleDuplicate[][]>;
  writeImported(db: Db, clients: readonly ImportedClient[]): Promise<void>;
}

/** Clients looked up against Hearth's per batch, in the preview. */
const MATCH_BATCH = 1_000;

/**
 * HUD HMIS CSV imports (FY2026, or FY2024 mapped to FY2026) from a zip or an unpacked folder. Every file and row is
 * validated (hud-csv-validator.ts) and each source client looked for among Hearth's by the duplicate rules, a
 * thousand at a time. A dry run stops there and writes nothing, not even to the audit log.
 * An import then reads the export a second time and writes, in one transaction (a failure half-way leaves nothing
 * half-imported), every accepted row of the files Hearth keeps (hud-csv-import-writer.ts). Each record is given a
 * Hearth id the first time its source (Export.csv's ImplementationID) sends it, and keeps it: importing the same
 * export again, or a later one, updates the records, and a row with DateDeleted marks its record deleted.
 * A source client is written to an existing Hearth client only when the match is certain (the same SSN, name and
 * date of birth, and one such client) or an administrator confirmed it; every other likely match is listed and the
 * record written as a new client: an import never merges.
 * The duplicate rules are read before the transaction: PGlite has one connection, which the transaction holds.
 */
export class HudCsvImportService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly timeZone: string,
    private readonly clients: ImportClients,
    private readonly newId: () => string = () => randomBytes(16).toString('hex'),
  ) {}

  async import(location: string, options: HudImportOptions): Promise<HudImportResult> {
    const preview = await this.preview(location);
    if (options.dryRun || preview.report.fatal.length > 0) return preview;
    const matchedTo = new Map<string, string>();
    for (const match of preview.report.likelyMatches) {
      const confirmed = options.confirmedMatches?.[match.sourcePersonalId];
      if (confirmed !== undefined && match.matches.some((m) => m.personalId === confirmed)) match.matchedTo = confirmed;
      if (match.matchedTo !== null) matchedTo.set(match.sourcePersonalId, match.matchedTo);
    }
    const total = preview.report.files.filter((f) => writtenFile(f.file)).reduce((sum, f) => sum + f.rowsImported, 0);
    const victimServiceProviders = preview.report.files.find((f) => f.file === 'Organization')?.issues.filter((i) => i.rule === 'victim-service-provider') ?? [];
    const report = await this.db.transaction().execute((trx) =>
      this.write(location, trx, { ...options, total, matchedTo, likelyMatches: preview.report.likelyMatches, victimServiceProviders }),
    );
    return { report, dryRun: false, written: report.files.some((f) => writtenFile(f.file) && f.rowsImported > 0) };
  }

  /** Validation, and the likely matches of the source clients Hearth does not know yet. */
  private async preview(location: string): Promise<HudImportResult> {
    const archive = await openHudCsvArchive(location);
    const likelyMatches: LikelyClientMatch[] = [];
    const victimServiceProviders: string[] = [];
    let source = '';
    let hashed = false;
    let pending: { row: number; personalId: string; fields: ClientFields }[] = [];
    const match = async () => {
      const batch = pending;
      pending = [];
      if (batch.length === 0) return;
      const known = await bulk.hearthIdsOf(this.db, source, 'Client', batch.map((p) => p.personalId));
      const unknown = batch.filter((p) => !known.has(p.personalId));
      const found = await this.clients.findLikelyDuplicatesOfMany(unknown.map((p) => p.fields));
      unknown.forEach((p, i) => {
        const duplicates = found[i]!;
        if (duplicates.length === 0) return;
        const certain = duplicates.filter((d) => d.reasons.length === 3);
        likelyMatches.push({
          sourcePersonalId: p.personalId,
          row: p.row,
          matchedTo: certain.length === 1 ? certain[0]!.client.personalId : null,
          matches: duplicates.map((d) => ({ personalId: d.client.personalId, reasons: d.reasons })),
        });
      });
    };
    const onRow: AcceptedRowHandler = async (file, { row, values }) => {
      if (file.name === 'Export') {
        hashed = values.HashStatus === '4';
        source = sourceOf(values);
      } else if (file.name === 'Organization' && values.VictimServiceProvider === '1') {
        victimServiceProviders.push(`${values.OrganizationName || '(no name)'} (OrganizationID ${values.OrganizationID})`);
      } else if (file.name === 'Client' && !hashed) {
        pending.push({ row, personalId: values.PersonalID!, fields: clientFieldsOfHudRow(values) });
        if (pending.length >= MATCH_BATCH) await match();
      }
    };
    try {
      const report = await validateHudCsv(archive, onRow);
      await match();
      return { report: withVictimServiceProviders(withFilesNotKept({ ...report, likelyMatches }), victimServiceProviders), dryRun: true, written: false };
    } finally {
      await archive.close();
    }
  }

  private async write(
    location: string,
    trx: Db,
    options: HudImportOptions & {
      total: number;
      matchedTo: ReadonlyMap<string, string>;
      likelyMatches: LikelyClientMatch[];
      victimServiceProviders: readonly ImportIssue[];
    },
  ): Promise<ImportReport> {
    const archive = await openHudCsvArchive(location);
    const now = this.clock.now();
    const refused: { file: HudFileName; issue: ImportIssue }[] = [];
    let done = 0;
    let writer: HudCsvImportWriter | null = null;
    const onRow: AcceptedRowHandler = async (file, row) => {
      if (file.name === 'Export') {
        writer = new HudCsvImportWriter({
          db: trx,
          source: sourceOf(row.values),
          timeZone: this.timeZone,
          now,
          today: calendarDate(now, this.timeZone),
          importingUser: hudUserId(options.actor),
          newId: this.newId,
          matchedClientOf: (personalId) => options.matchedTo.get(personalId) ?? null,
          writeClients: (db, clients) => this.clients.writeImported(db, clients),
          onRefused: (name, issue) => refused.push({ file: name, issue }),
          onWritten: (rows) => {
            done += rows;
            options.onProgress?.(done, options.total);
          },
        });
        return;
      }
      await writer?.add(file, row);
    };
    try {
      const validated = await validateHudCsv(archive, onRow);
      await (writer as HudCsvImportWriter | null)?.finish();
      const report = withFilesNotKept({ ...validated, likelyMatches: options.likelyMatches });
      const organizations = report.files.find((f) => f.file === 'Organization');
      if (organizations) for (const issue of options.victimServiceProviders) addIssue(organizations, issue);
      for (const { file, issue } of refused) {
        const fileReport = report.files.find((f) => f.file === file)!;
        fileReport.rowsImported -= 1;
        addIssue(fileReport, issue);
      }
      const rows = report.files.filter((f) => writtenFile(f.file)).reduce((sum, f) => sum + f.rowsImported, 0);
      await this.audit.record(trx, {
        event: 'import.written',
        actor: options.actor,
        details: {
          exportId: report.exportId,
          version: report.version,
          source: report.sourceId,
          rows,
          refused: refused.length,
          likelyMatches: options.likelyMatches.length,
          matched: options.matchedTo.size,
        },
      });
      return report;
    } finally {
      await archive.close();
    }
  }
}

/** The files of the export Hearth does not keep yet: their valid rows are reported as not imported. */
function withFilesNotKept(report: ImportReport): ImportReport {
  for (const file of report.files) {
    if (file.file === 'Export' || file.file === 'User' || writtenFile(file.file) || file.rowsImported === 0) continue;
    addIssue(file, { severity: 'warning', row: null, column: null, rule: 'not-kept', message: `Hearth does not keep ${file.file}.csv records yet: its ${file.rowsImported} valid rows are not imported.` });
    file.rowsImported = 0;
  }
  return report;
}

/**
 * A warning naming each victim service provider among the export's organizations (issue 11: under VAWA such an
 * agency keeps client data in a comparable database, and Hearth refuses new enrollments in its projects). Neither
 * HUD's checker nor Open Path's importer refuses an export for it (reference hud-csv-files.md §6): the agency, its
 * projects and the records the export holds are imported as they are, so that the fixture sets and real exports
 * land whole, and the report says which agency to review. The records stay under the access policy like any other.
 */
function withVictimServiceProviders(report: ImportReport, organizations: readonly string[]): ImportReport {
  const file = report.files.find((f) => f.file === 'Organization');
  if (!file) return report;
  for (const organization of organizations) {
    addIssue(file, {
      severity: 'warning',
      row: null,
      column: 'VictimServiceProvider',
      rule: 'victim-service-provider',
      message: `${organization} is a victim service provider. Its records are imported as the export holds them, but Hearth takes no new enrollments in its projects (VAWA: such agencies keep client data in a comparable database). Review whether this export should hold its clients.`,
    });
  }
  return report;
}

/** The source system an export comes from: its ImplementationID, or else what names it. */
function sourceOf(exportValues: Readonly<Record<string, string>>): string {
  return (exportValues.ImplementationID?.trim() || [exportValues.SoftwareName, exportValues.SourceID, exportValues.SourceName].filter(Boolean).join('|')).slice(0, 200);
}
