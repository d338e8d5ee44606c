import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SKIP_IN_POSTGRES_PASS } from '../helpers/database.js';
import { assertOneLineError, cleanEnv, hearth, SLOW, tempDir } from '../helpers/hearth-cli.js';
import { readExport } from './zip.js';

/**
 * `hearth export`, run as a person runs it: the real binary on a data folder of its own (embedded PGlite whatever
 * the test database; the export itself is tested on both databases in hud-csv-export.test.ts).
 */
describe('hearth export', { skip: SKIP_IN_POSTGRES_PASS }, () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dataDir = tempDir('export-cli');
    env = cleanEnv({ HEARTH_DATA_DIR: dataDir });
    const reset = await hearth(['training', 'reset'], env);
    assert.equal(reset.code, 0, reset.stderr);
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('writes the zip, readable by its owner alone, and prints what it exported', SLOW, async () => {
    const out = path.join(dataDir, 'fy2026.zip');
    const run = await hearth(['export', '--site', 'training', '--from', '2025-10-01', '--to', '2026-09-30', '--out', out], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Exported [\d,]+ clients, [\d,]+ enrollments and [\d,]+ exits in 15 projects \(2025-10-01 to 2026-09-30, full\) to .*fy2026\.zip\nExportID [0-9a-f]{32}, CoC XX-501\n$/);
    assert.equal(fs.statSync(out).mode & 0o777, 0o600);
    const files = await readExport(fs.readFileSync(out));
    assert.equal(files.size, 24);
    assert.equal(files.get('Export.csv')!.rows[0]!.SourceContactFirst, '', 'the command line is no user');
  });

  it('--json prints the summary; --project, --coc, --directive, --period-type and --hash reach the export', SLOW, async () => {
    const out = path.join(dataDir, 'hashed.zip');
    const run = await hearth(
      ['export', '--site', 'training', '--from', '2026-01-01', '--to', '2026-03-31', '--coc', 'XX-501', '--directive', 'delta', '--period-type', '4', '--hash', '--json', '--out', out],
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as { file: string; hashStatus: number; directive: string; periodType: number; sourceId: string };
    assert.deepEqual([summary.file, summary.hashStatus, summary.directive, summary.periodType, summary.sourceId], [out, 4, 'delta', 4, 'XX-501']);
    const row = (await readExport(fs.readFileSync(out))).get('Export.csv')!.rows[0]!;
    assert.deepEqual([row.HashStatus, row.ExportDirective, row.ExportPeriodType], ['4', '1', '4']);
  });

  it('bad usage is one line and exit status 2, and writes nothing', SLOW, async () => {
    const out = path.join(dataDir, 'never.zip');
    const base = ['export', '--site', 'training', '--out', out];
    assertOneLineError(await hearth([...base, '--from', '2026-02-30', '--to', '2026-03-31'], env), 2, /--from: Enter the first day of the period as a real date/);
    assertOneLineError(await hearth([...base, '--from', '2026-01-01', '--to', '2026-03-31', '--project', 'nope'], env), 2, /--project: No project has the id nope/);
    assertOneLineError(await hearth([...base, '--from', '2026-01-01'], env), 2, /--to/);
    assertOneLineError(await hearth(['export', '--from', '2026-01-01', '--to', '2026-03-31', '--out', out], env), 2, /--site/);
    assert.ok(!fs.existsSync(out));
    const existing = path.join(dataDir, 'fy2026.zip');
    assertOneLineError(await hearth(['export', '--site', 'training', '--from', '2026-01-01', '--to', '2026-03-31', '--out', existing], env), 2, /already exists/);
  });
});
