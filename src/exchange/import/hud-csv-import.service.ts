import type { Kysely } from 'kysely';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import type { ClientFields, PossibleDuplicate } from '../../clients/clients.model.js';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import { openHudCsvArchive } from './hud-csv-archive.js';
import { clientFieldsOfHudRow } from './hud-csv-client-fields.js';
import type { ImportReport, LikelyClientMatch } from './hud-csv-import.model.js';
import { validateHudCsv } from './hud-csv-validator.js';

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
 * HUD HMIS CSV imports (FY2026, or FY2024 mapped to FY2026) from a zip or an unpacked folder. A dry run reads and
 * validates every file and row (hud-csv-validator.ts), looks for each source client among Hearth's by the
 * duplicate rules, and writes nothing, not even to the audit log.
 */
export class HudCsvImportService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly clients: ClientMatcher,
  ) {}

  async import(location: string, options: { dryRun: boolean; actor: Actor }): Promise<HudImportResult> {
    const archive = await openHudCsvArchive(location);
    const likelyMatches: LikelyClientMatch[] = [];
    let hashed = false;
    try {
      const report = await validateHudCsv(archive, async (file, row) => {
        if (file.name === 'Export') hashed = row.values.HashStatus === '4';
        if (file.name !== 'Client' || hashed) return;
        const found = await this.clients.findLikelyDuplicates(clientFieldsOfHudRow(row.values));
        if (found.length === 0) return;
        likelyMatches.push({
          sourcePersonalId: row.values.PersonalID!,
          row: row.row,
          matches: found.map((d) => ({ personalId: d.client.personalId, reasons: d.reasons })),
        });
      });
      return { report: { ...report, likelyMatches }, dryRun: options.dryRun, written: false };
    } finally {
      await archive.close();
    }
  }
}
