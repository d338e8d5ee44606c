import type { Kysely } from 'kysely';
import type { Actor, AuditLog } from '../../audit/audit-log.js';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import { openHudCsvArchive } from './hud-csv-archive.js';
import type { ImportReport } from './hud-csv-import.model.js';
import { validateHudCsv } from './hud-csv-validator.js';

/** What an import did: the validation report, and whether anything was written. */
export interface HudImportResult {
  report: ImportReport;
  dryRun: boolean;
  written: boolean;
}

/**
 * HUD HMIS CSV imports (FY2026, or FY2024 mapped to FY2026) from a zip or an unpacked folder. A dry run reads and
 * validates every file and row (hud-csv-validator.ts) and writes nothing, not even to the audit log.
 */
export class HudCsvImportService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async import(location: string, options: { dryRun: boolean; actor: Actor }): Promise<HudImportResult> {
    const archive = await openHudCsvArchive(location);
    try {
      const report = await validateHudCsv(archive);
      return { report, dryRun: options.dryRun, written: false };
    } finally {
      await archive.close();
    }
  }
}
