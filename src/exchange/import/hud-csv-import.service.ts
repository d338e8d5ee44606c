import { hudUserId } from '../../hud/ids.js';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import type { ClientFields, PossibleDuplicate } from '../../clients/clients.model.js';
import { calendarDate, type Clock } from '../../clock.js';
import type { Database, Db } from '../../db/schema.js';
import { openHudCsvArchive } from './hud-csv-archive.js';
import { clientFieldsOfHudRow } from './hud-csv-client-fields.js';
import { organizationOf, projectOf } from './hud-csv-import-rows.js';
import type { ImportReport, LikelyClientMatch } from './hud-csv-import.model.js';
import { hudCsvImportRepository as repo } from './hud-csv-import.repository.js';
import { validateHudCsv, type AcceptedRowHandler } from './hud-csv-validator.js';

/** What an import did: the validation report, and whether anything was written. */
export interface HudImportResult {
  report: ImportReport;
  dryRun: boolean;
  written: boolean;
}

/** What an import asks of the clients feature: Hearth's duplicate rules (ClientService). */
export interface ClientMatcher {
  findLikelyDuplicates(fields: ClientFields): Promise<PossibleDuplicate[]>;
}

/**
 * HUD HMIS CSV imports (FY2026, or FY2024 mapped to FY2026) from a zip or an unpacked folder. Every file and row is
 * validated (hud-csv-validator.ts) and each source client looked for among Hearth's by the duplicate rules: likely
 * matches are listed for an administrator, never merged. A dry run stops there and writes nothing, not even to the
 * audit log. An import writes, in one transaction (a failure half-way leaves nothing half-imported), the accepted
 * rows of the files Hearth imports so far: organizations and projects. Each record is given a Hearth id the first
 * time its source (Export.csv's ImplementationID) sends it, and keeps it: importing the same export again, or a
 * later one, updates the records, and a row with DateDeleted marks its record deleted.
 */
export class HudCsvImportService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly timeZone: string,
    private readonly clients: ClientMatcher,
    private readonly newId: () => string = () => randomBytes(16).toString('hex'),
  ) {}

  async import(location: string, options: { dryRun: boolean; actor: Actor }): Promise<HudImportResult> {
    const preview = await this.run(location, null, options.actor);
    if (options.dryRun || preview.report.fatal.length > 0) return preview;
    // Likely matches are looked for in the preview: the duplicate rules read through the clients feature, outside
    // this transaction (PGlite has one connection, which the transaction holds).
    const result = await this.db.transaction().execute((trx) => this.run(location, trx, options.actor));
    return { ...result, report: { ...result.report, likelyMatches: preview.report.likelyMatches } };
  }

  private async run(location: string, trx: Db | null, actor: Actor): Promise<HudImportResult> {
    const archive = await openHudCsvArchive(location);
    const likelyMatches: LikelyClientMatch[] = [];
    const now = this.clock.now();
    const importingUser = hudUserId(actor);
    let hashed = false;
    let source = '';
    let written = 0;
    const hearthId = async (db: Db, hudFile: string, sourceId: string): Promise<string> => {
      const known = await repo.hearthIdOf(db, source, hudFile, sourceId);
      if (known) return known;
      const id = this.newId();
      await repo.rememberHearthId(db, { source, hudFile, sourceId, hearthId: id, now });
      return id;
    };
    const onRow: AcceptedRowHandler = async (file, { row, values }) => {
      switch (file.name) {
        case 'Export':
          hashed = values.HashStatus === '4';
          source = (values.ImplementationID?.trim() || [values.SoftwareName, values.SourceID, values.SourceName].filter(Boolean).join('|')).slice(0, 200);
          return;
        case 'Client': {
          if (hashed || trx) return;
          const found = await this.clients.findLikelyDuplicates(clientFieldsOfHudRow(values));
          if (found.length > 0) {
            likelyMatches.push({ sourcePersonalId: values.PersonalID!, row, matches: found.map((d) => ({ personalId: d.client.personalId, reasons: d.reasons })) });
          }
          return;
        }
        case 'Organization':
          if (!trx) return;
          await repo.upsertOrganization(trx, organizationOf(values, await hearthId(trx, 'Organization', values.OrganizationID!), importingUser), this.timeZone, now);
          written += 1;
          return;
        case 'Project': {
          if (!trx) return;
          const ids = { projectId: await hearthId(trx, 'Project', values.ProjectID!), organizationId: await hearthId(trx, 'Organization', values.OrganizationID!) };
          await repo.upsertProject(trx, projectOf(values, ids, importingUser, calendarDate(now, this.timeZone)), this.timeZone, now);
          written += 1;
          return;
        }
        default:
          return;
      }
    };
    try {
      const report = { ...(await validateHudCsv(archive, onRow)), likelyMatches };
      if (trx && written > 0) {
        await this.audit.record(trx, {
          event: 'import.written',
          actor,
          details: { exportId: report.exportId, version: report.version, source, rows: written, likelyMatches: likelyMatches.length },
        });
      }
      return { report, dryRun: trx === null, written: written > 0 };
    } finally {
      await archive.close();
    }
  }
}
