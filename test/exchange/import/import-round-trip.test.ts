import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SYSTEM_ACTOR } from '../../../src/audit/audit-log.js';
import type { HudExportRequest } from '../../../src/exchange/hud-csv-export.model.js';
import type { ExportRequester } from '../../../src/exchange/hud-csv-export.service.js';
import { HUD_CSV_FILES, hudFile, type HudFileName } from '../../../src/exchange/hud-csv-spec.js';
import type { SiteServices } from '../../../src/sites/site-services.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { ACTOR } from '../../clients/fixtures.js';
import { readExport, type CsvEntry } from '../zip.js';
import { tempFolder } from './fixtures.js';

const OPERATOR: ExportRequester = { operator: { userId: null, username: 'cli:tester', ip: null } };
const YEAR: HudExportRequest = { from: '2025-10-01', to: '2026-09-30', projectIds: [], cocCode: null, periodType: null, directive: 'full', hash: false };

/** What the specification leaves to the exporter in Export.csv: which export it is, when, and which database. */
const EXPORTER_COLUMNS = ['ExportID', 'ExportDate', 'ImplementationID'];

/**
 * The id columns of a file (its key, what it names of other files, a HouseholdID) and the file whose ids each holds.
 * UserIDs are kept as they are: none is an id the import gives.
 */
function idColumns(name: HudFileName): Map<string, string> {
  const file = hudFile(name);
  if (name === 'User') return new Map();
  const ids = new Map<string, string>([[file.key, name]]);
  for (const ref of file.references) {
    if (ref.file === 'User') continue;
    ref.fileColumns.forEach((c, i) => c === hudFile(ref.file).key && ids.set(ref.columns[i]!, ref.file));
  }
  if (file.columns.some((c) => c.name === 'HouseholdID')) ids.set('HouseholdID', 'Household');
  return ids;
}

describe('HUD CSV round trip: export the Training data, import it into an empty site, export again', () => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    t = await startTestApp({ sites: ['training', 'live'] });
    dir = tempFolder('import-round-trip');
  });
  after(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const exportOf = async (site: SiteServices, name: string) => {
    const file = path.join(dir, `${name}.zip`);
    await site.hudExports.writeFile(OPERATOR, YEAR, file);
    return readExport(fs.readFileSync(file));
  };

  it('every HUD field is equal but ExportID, ExportDate and the ids the specification leaves to the exporter', async () => {
    await t.sites.training.training.reset(SYSTEM_ACTOR);
    const first = await exportOf(t.sites.training, 'first');
    const result = await t.sites.live.hudImports.import(path.join(dir, 'first.zip'), { dryRun: false, actor: ACTOR });
    const refused = result.report.files.flatMap((f) => f.issues.filter((i) => i.severity === 'error').map((i) => `${f.file} ${i.row}: ${i.message}`));
    assert.deepEqual(refused, [], 'the import refuses nothing of Hearth’s own export');
    const second = await exportOf(t.sites.live, 'second');

    // The second export's ids, read back as the first's through what the import remembered.
    const sourceIdOf = new Map<string, string>();
    for (const row of await t.sites.live.db.selectFrom('import_source_ids').select(['hud_file', 'source_id', 'hearth_id']).execute()) {
      sourceIdOf.set(`${row.hud_file}:${row.hearth_id}`, row.source_id);
    }
    const comparable = (name: HudFileName, entry: CsvEntry, translate: boolean) => {
      const ids = idColumns(name);
      return entry.rows
        .map((row) => {
          const values = { ...row };
          delete values.ExportID;
          if (name === 'Export') for (const column of EXPORTER_COLUMNS) delete values[column];
          for (const [column, of] of ids) {
            if (!translate || values[column] === '' || values[column] === undefined) continue;
            values[column] = sourceIdOf.get(`${of}:${values[column]}`) ?? `(unknown ${values[column]})`;
          }
          return JSON.stringify(values);
        })
        .sort();
    };
    const differences = HUD_CSV_FILES.flatMap((file) => {
      const before = comparable(file.name, first.get(file.fileName)!, false);
      const again = comparable(file.name, second.get(file.fileName)!, true);
      const lost = before.filter((row) => !again.includes(row));
      const gained = again.filter((row) => !before.includes(row));
      return lost.length + gained.length === 0 ? [] : [{ file: file.name, rows: [before.length, again.length], lost: lost.slice(0, 2), gained: gained.slice(0, 2) }];
    });
    assert.deepEqual(differences, []);
    assert.ok(first.get('Enrollment.csv')!.rows.length > 0, 'the Training data has enrollments in the year');
  });
});
