import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { SKIP_IN_POSTGRES_PASS } from '../helpers/database.js';
import { assertOneLineError, cleanEnv, hearth, SLOW, tempDir } from '../helpers/hearth-cli.js';
import { readZipEntries } from '../exchange/zip.js';

/**
 * `hearth report`, run as a person runs it: the real binary on a Training data folder of its own (embedded PGlite
 * whatever the test database; the questions are tested on both databases in their own files).
 */
describe('hearth report (issue 15, item 5)', { skip: SKIP_IN_POSTGRES_PASS }, () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dataDir = tempDir('report-cli');
    env = cleanEnv({ HEARTH_DATA_DIR: dataDir });
    const reset = await hearth(['training', 'reset'], env);
    assert.equal(reset.code, 0, reset.stderr);
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('writes the Sage zip, readable by its owner alone, with a progress line on stderr and the summary on stdout', SLOW, async () => {
    const out = path.join(dataDir, 'apr.zip');
    const run = await hearth(['report', 'apr', '--site', 'training', '--from', '2025-10-01', '--to', '2026-09-30', '--out', out], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Wrote \d+ tables \(.*Q22a1.*\) of the APR for 15 projects \(2025-10-01 to 2026-09-30\) to .*apr\.zip\nRun [0-9a-f]{32}, Hearth [\d.]+, FY2026 CoC APR spec\n$/);
    assert.match(run.stderr, /report: 0 of \d+ tables, now Q/);
    assert.match(run.stderr, /report: (\d+) of \1 tables, done/);
    assert.equal(fs.statSync(out).mode & 0o777, 0o600);
    const entries = await readZipEntries(fs.readFileSync(out));
    assert.ok(entries.has('Q22a1.csv'));
    const q22a1 = parse(entries.get('Q22a1.csv')!) as string[][];
    assert.deepEqual(q22a1[0], ['', 'Total', 'Leavers', 'Stayers']);
    const total = q22a1.at(-1)!;
    assert.equal(total[0], 'Total');
    assert.ok(Number(total[1]) > 0, 'the Training data has clients in the period');
    assert.equal(Number(total[1]), Number(total[2]) + Number(total[3]), 'leavers and stayers add up');
  });

  it('--json prints the summary; --project and --coc reach the report', SLOW, async () => {
    const list = await hearth(['report', 'caper', '--site', 'training', '--from', '2026-01-01', '--to', '2026-03-31', '--coc', 'xx-501', '--json', '--out', path.join(dataDir, 'caper.zip')], env);
    assert.equal(list.code, 0, list.stderr);
    const summary = JSON.parse(list.stdout) as { kind: string; projects: number; tables: string[]; file: string };
    assert.equal(summary.kind, 'caper');
    assert.ok(summary.tables.includes('Q22a2'));
    assert.ok(!summary.tables.includes('Q22a1'), 'the APR’s table is not in the CAPER');
  });

  it('bad usage is one line and exit status 2, and writes nothing', SLOW, async () => {
    const out = path.join(dataDir, 'never.zip');
    const base = ['--site', 'training', '--out', out];
    // Refusals from the report's own checks (which open the site) come together, each naming its option.
    assertOneLineError(
      await hearth(['report', 'apr', ...base, '--from', '2026-02-30', '--to', '2026-03-31', '--project', 'nope', '--coc', 'nope'], env),
      2,
      /^hearth: --from: Enter the report start date as a real date.*; --coc: A CoC code is two letters.*; --project: Choose among the projects listed/,
    );
    assertOneLineError(await hearth(['report', 'spm', ...base, '--from', '2026-01-01', '--to', '2026-03-31'], env), 2, /apr, caper, dq/);
    assertOneLineError(await hearth(['report', 'apr', '--from', '2026-01-01', '--to', '2026-03-31', '--out', out], env), 2, /--site/);
    assert.ok(!fs.existsSync(out));
    const existing = path.join(dataDir, 'existing.zip');
    fs.writeFileSync(existing, 'kept');
    assertOneLineError(await hearth(['report', 'apr', '--site', 'training', '--from', '2026-01-01', '--to', '2026-03-31', '--out', existing], env), 2, /already exists/);
    assert.equal(fs.readFileSync(existing, 'utf8'), 'kept');
  });
});
