import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { SiteDatabase } from '../../src/db/database.js';
import { freshDatabase } from '../helpers/database.js';

/** HUD's FY2026 CSV columns, file by file, as the reference transcribes them (read from /work/shared). */
const REFERENCE = '../shared/reference/hud-csv-files.md';

/** The HUD file each table holds, one row per CSV row. */
const TABLES: Record<string, string> = {
  Organization: 'organizations',
  Project: 'projects',
  ProjectCoC: 'project_cocs',
  Funder: 'funders',
  Inventory: 'inventories',
  Affiliation: 'affiliations',
  HMISParticipation: 'hmis_participations',
  CEParticipation: 'ce_participations',
};

/** The columns of a file's table in the reference: numbered rows, the common tail spelled out. */
function hudColumns(file: string): string[] {
  const text = readFileSync(REFERENCE, 'utf8');
  const section = text.split(/^### /m).find((s) => s.startsWith(`${file}.csv `));
  assert.ok(section, `${file}.csv in ${REFERENCE}`);
  const columns: string[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (!/^[0-9]+(–[0-9]+)?$/.test(cells[1] ?? '')) continue;
    if (cells[2] === '*tail*') columns.push('DateCreated', 'DateUpdated', 'UserID', 'DateDeleted', 'ExportID');
    else columns.push(cells[2]!);
  }
  return columns;
}

/**
 * Each HUD-shaped table has HUD's columns, in HUD's order, named as snake_case of the CSV names (compared without
 * the underscores, case aside: `CHVetBedInventory` is `ch_vet_bed_inventory`), so the FY2026 export is a straight
 * mapping. ExportID belongs to each export, not to a row, and is not stored.
 */
describe('HUD-shaped tables have the columns of their FY2026 CSV files', () => {
  let database: SiteDatabase;
  before(async () => {
    database = await freshDatabase();
  });
  after(() => database.close());

  for (const [file, table] of Object.entries(TABLES)) {
    it(`${table} is ${file}.csv column for column`, async () => {
      const { rows } = await sql<{ name: string }>`
        select column_name as name from information_schema.columns
         where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(database.db);
      const stored = rows.map((r) => r.name.replaceAll('_', ''));
      const expected = hudColumns(file).filter((c) => c !== 'ExportID').map((c) => c.toLowerCase());
      assert.ok(expected.length > 5, `the reference lists ${file}'s columns`);
      assert.deepEqual(stored, expected);
    });
  }
});
