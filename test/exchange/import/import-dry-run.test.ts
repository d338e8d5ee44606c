import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { ACTOR, createClient } from '../../clients/fixtures.js';
import { FY2024_ENROLLMENT, FY2026_ENROLLMENT, tempFolder, zipFixture } from './fixtures.js';

/** Tables an import would write: a dry run leaves every one as it was. */
const TABLES = ['organizations', 'projects', 'clients', 'enrollments', 'exits', 'audit_log'] as const;

describe('HUD CSV import, dry run, against a site’s data', () => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    dir = tempFolder('import-dry-run');
  });
  after(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const counts = async () =>
    Promise.all(TABLES.map(async (table) => Number((await t.sites.live.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)));

  it('lists a source client that Hearth’s duplicate rules match (name and date of birth) by PersonalID, and merges nothing', async () => {
    const existing = await createClient(t, { firstName: 'Client', lastName: 'One', dob: '10/17/1982', ssn: '', ssnDataQuality: '99' });
    const before = await counts();
    const result = await t.sites.live.hudImports.import(await zipFixture(FY2026_ENROLLMENT, dir), { dryRun: true, actor: ACTOR });
    assert.deepEqual(result.report.likelyMatches, [
      { sourcePersonalId: '2f4b963171644a8b9902bdfe79a4b403', row: 2, matchedTo: null, matches: [{ personalId: existing.personalId, reasons: ['name', 'date of birth'] }] },
    ]);
    assert.deepEqual([result.dryRun, result.written], [true, false]);
    assert.deepEqual(await counts(), before, 'a dry run writes nothing, not even to the audit log');
  });

  it('finds the same match in the FY2024 layout of the same export', async () => {
    const fy2026 = await t.sites.live.hudImports.import(await zipFixture(FY2026_ENROLLMENT, dir), { dryRun: true, actor: ACTOR });
    const fy2024 = await t.sites.live.hudImports.import(await zipFixture(FY2024_ENROLLMENT, dir), { dryRun: true, actor: ACTOR });
    assert.deepEqual(fy2024.report.likelyMatches, fy2026.report.likelyMatches);
  });

  it('looks for no match in a hashed export (HashStatus 4), whose names cannot match', async () => {
    const hashed = await zipFixture(FY2026_ENROLLMENT, dir, (name, text) => (name === 'Export.csv' ? text.replace(/,3,3,1,/, ',3,3,4,') : text));
    const result = await t.sites.live.hudImports.import(hashed, { dryRun: true, actor: ACTOR });
    assert.equal(result.report.hashed, true);
    assert.deepEqual(result.report.likelyMatches, []);
  });
});
