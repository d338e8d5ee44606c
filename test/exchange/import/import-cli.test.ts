import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { HudImportResult } from '../../../src/exchange/import/hud-csv-import.service.js';
import { SKIP_IN_POSTGRES_PASS } from '../../helpers/database.js';
import { assertOneLineError, cleanEnv, hearth, SLOW } from '../../helpers/hearth-cli.js';
import { FY2024_ENROLLMENT, FY2026_ENROLLMENT, FY2026_VALIDATION, tempFolder, zipFixture } from './fixtures.js';

/**
 * `hearth import`, run as a person runs it: the real binary on a data folder of its own (embedded PGlite whatever
 * the test database; validation itself is tested in hud-csv-validator.test.ts).
 */
describe('hearth import', { skip: SKIP_IN_POSTGRES_PASS }, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dir = tempFolder('import-cli');
    env = cleanEnv({ HEARTH_DATA_DIR: path.join(dir, 'data') });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--dry-run prints the report, file by file with rows read and imported, then each error and warning; exit status 0', SLOW, async () => {
    const zip = await zipFixture(FY2026_VALIDATION, dir);
    const run = await hearth(['import', '--site', 'live', '--dry-run', zip], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /HUD HMIS CSV FY2026, ExportID 31a77b417911747e41ef9936f9a4b657, from Boston HMIS Warehouse\n/);
    assert.match(run.stdout, /Dry run: nothing was written\./);
    // Five warnings of HUD's checker, and one naming VALID, a victim service provider whose records are imported.
    assert.match(run.stdout, /\nOrganization\.csv +4 +2 +2 +6\n/);
    assert.match(run.stdout, /victim service provider/i);
    assert.match(run.stdout, /\nErrors \(rows skipped\): 78\n/);
    assert.match(run.stdout, /  Organization\.csv row 4, OrganizationID \[key-blank\]: OrganizationID is empty: the row is skipped\.\n/);
    assert.match(run.stdout, /\nWarnings \(rows imported\): /);
  });

  it('--json prints the whole report as one JSON object; an FY2024 export is read as FY2024', SLOW, async () => {
    const zip = await zipFixture(FY2024_ENROLLMENT, dir);
    const run = await hearth(['import', '--site', 'live', '--dry-run', '--json', zip], env);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as HudImportResult;
    assert.deepEqual([result.dryRun, result.written, result.report.version, result.report.files.length], [true, false, 2024, 24]);
    assert.deepEqual(
      ['Client', 'Enrollment', 'Services'].map((name) => result.report.files.find((f) => f.file === name)!.rowsImported),
      [3, 4, 18],
    );
  });

  it('without --dry-run it writes, and again updates without duplicating; exit status 0; --json carries the counts', SLOW, async () => {
    const zip = await zipFixture(FY2026_ENROLLMENT, dir);
    const first = await hearth(['import', '--site', 'live', zip], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /\nImported\.\n/);
    assert.match(first.stdout, /\nEnrollment\.csv +4 +4 +0 /);
    assert.doesNotMatch(first.stderr, /importing \[/, 'no progress bar when stderr is not a terminal');
    const again = await hearth(['import', '--site', 'live', '--json', zip], env);
    assert.equal(again.code, 0, again.stderr);
    const result = JSON.parse(again.stdout) as HudImportResult;
    assert.deepEqual([result.dryRun, result.written], [false, true]);
    assert.equal(result.report.files.find((f) => f.file === 'Services')!.rowsImported, 17);
  });

  it('an export none of whose rows can be written prints its report, and exit status 1', SLOW, async () => {
    const keyless = await zipFixture(FY2026_ENROLLMENT, dir, (name, text) =>
      name === 'Export.csv' ? text : name === 'Client.csv' ? text.replace(/\n[^,\n]+,/g, '\n,') : null,
    );
    const run = await hearth(['import', '--site', 'live', keyless], env);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /\nClient\.csv +3 +0 +3 /);
    assert.match(run.stderr, /nothing was written/);
  });

  it('an export that cannot be imported at all is one line and exit status 1', SLOW, async () => {
    const noExport = await zipFixture(FY2026_VALIDATION, dir, (name, text) => (name === 'Export.csv' ? null : text));
    assertOneLineError(await hearth(['import', '--site', 'live', '--dry-run', noExport], env), 1, /nothing imported: The export has no Export\.csv/);
    const notZip = path.join(dir, 'client.csv');
    fs.writeFileSync(notZip, 'PersonalID\n1\n');
    assertOneLineError(await hearth(['import', '--site', 'live', '--dry-run', notZip], env), 1, /client\.csv is not a zip file Hearth can read/);
  });

  it('bad usage is one line and exit status 2', SLOW, async () => {
    const zip = await zipFixture(FY2026_VALIDATION, dir);
    assertOneLineError(await hearth(['import', '--site', 'live', '--dry-run', path.join(dir, 'nope.zip')], env), 2, /nope\.zip does not exist/);
    assertOneLineError(await hearth(['import', '--dry-run', zip], env), 2, /--site/);
    assertOneLineError(await hearth(['import', '--site', 'live', '--dry-run'], env), 2, /file/);
  });
});
