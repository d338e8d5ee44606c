import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { SiteDatabase } from '../../src/db/database.js';
import { HUD_FILE_SOURCES, snakeCaseColumn, sourceColumn, type HudDataFileName } from '../../src/exchange/hud-csv-export-sources.js';
import { hudFile } from '../../src/exchange/hud-csv-spec.js';
import { freshDatabase } from '../helpers/database.js';

describe('HUD CSV export: each file’s mapping table names real columns', () => {
  let database: SiteDatabase;
  before(async () => {
    database = await freshDatabase();
  });
  after(() => database.close());

  test('HUD names become the snake_case of Hearth’s tables', () => {
    assert.equal(snakeCaseColumn('RelationshipToHoH'), 'relationship_to_hoh');
    assert.equal(snakeCaseColumn('ProjectCoCID'), 'project_coc_id');
    assert.equal(snakeCaseColumn('AmIndAKNative'), 'am_ind_ak_native');
    assert.equal(snakeCaseColumn('HOPWAMedAssistedLivingFac'), 'hopwa_med_assisted_living_fac');
    assert.equal(snakeCaseColumn('HMISParticipationStatusStartDate'), 'hmis_participation_status_start_date');
  });

  test('every column a mapping reads exists in its table, and every file with rows has its key, scope column and bookkeeping', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(database.db);
    const columns = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
    const scopeColumn = { organizations: 'organization_id', projects: 'project_id', clients: 'personal_id', enrollments: 'enrollment_id' };
    for (const [name, source] of Object.entries(HUD_FILE_SOURCES)) {
      if (!source) continue;
      const file = hudFile(name as HudDataFileName);
      for (const column of file.columns) {
        const stored = sourceColumn(source, column.name);
        if (stored !== null) assert.ok(columns.has(`${source.table}.${stored}`), `${name}.${column.name} → ${source.table}.${stored}`);
      }
      for (const needed of [sourceColumn(source, file.key)!, scopeColumn[source.scope], 'date_created', 'date_updated', 'date_deleted']) {
        assert.ok(columns.has(`${source.table}.${needed}`), `${source.table}.${needed}`);
      }
    }
  });
});
