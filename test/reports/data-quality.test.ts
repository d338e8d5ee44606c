import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SiteServices } from '../../src/sites/site-services.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { user } from '../enrollments/fixtures.js';
import { client, enroll, household, twoAgencies } from './fixtures.js';

/**
 * Issue 15 item 5: the Data Quality pages. Each project's Q5a and Q6a–f, computed live over a period (by default
 * the twelve months to the clock's today), for administrators and their agencies' managers, with the drill-down
 * and audit of a kept run.
 */
describe('Data quality pages (issue 15, item 5): live DQ tables per project, with the drill-down', () => {
  let t: TestApp;
  let site: SiteServices;
  let admin: TestClient;
  let manager: TestClient;
  let otherManager: TestClient;
  let caseManager: TestClient;
  let shelterA: string;
  let housingB: string;
  let rosa: string;

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    site = t.sites.live;
    const db = site.db;
    const world = await twoAgencies(db);
    const { agencyA, agencyB } = world;
    ({ shelterA, housingB } = world);
    rosa = await client(db, { firstName: 'Rosa' });
    await enroll(db, rosa, shelterA, '2026-03-01', { householdId: household(), exitDate: '2026-03-20' });
    await enroll(db, await client(db, { firstName: 'Milo' }), shelterA, '2026-06-01', { householdId: household() });
    await enroll(db, await client(db, { firstName: 'Olga' }), shelterA, '2025-01-01', { householdId: household(), exitDate: '2025-02-01' });
    await enroll(db, await client(db, { firstName: 'Nadia' }), housingB, '2026-01-01', { householdId: household() });
    admin = await user(t, 'admin', [], 'Ada');
    manager = await user(t, 'agency_manager', [agencyA], 'Manon');
    otherManager = await user(t, 'agency_manager', [agencyB], 'Otto');
    caseManager = await user(t, 'case_manager', [agencyA], 'Casimir');
  });
  after(() => t.close());

  test('the list shows the projects in the viewer’s scope, linked from the navigation; case managers are refused', async () => {
    const all = await admin.get('/live/data-quality');
    assert.equal(all.status, 200);
    assert.match(all.body, /href="\/live\/data-quality"/, 'the navigation links to it');
    assert.match(textOf(all.body), /Harbor Night Shelter[\s\S]*Northside Transitional|Northside Transitional[\s\S]*Harbor Night Shelter/);
    const mine = textOf((await manager.get('/live/data-quality')).body);
    assert.match(mine, /Harbor Night Shelter/);
    assert.doesNotMatch(mine, /Northside Transitional/);
    assert.equal((await caseManager.get('/live/data-quality')).status, 403);
    assert.equal((await caseManager.get(`/live/data-quality/${shelterA}`)).status, 403);
  });

  test('a project’s DQ tables are computed live over the last twelve months by default, or the period asked for', async () => {
    const page = await manager.get(`/live/data-quality/${shelterA}`);
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /Data quality of Harbor Night Shelter, 11\/28\/2025 to 11\/27\/2026/);
    for (const q of ['Q5a', 'Q6a', 'Q6b', 'Q6c', 'Q6d', 'Q6e', 'Q6f']) assert.match(text, new RegExp(`${q} `), q);
    assert.doesNotMatch(text, /Q7a/);
    const total = new RegExp(`href="/live/data-quality/${shelterA}/Q5a/2/C\\?from=2025-11-28&amp;to=2026-11-27">2<`);
    assert.match(page.body, total, 'Rosa and Milo, not Olga who left before the period');

    const older = await manager.get(`/live/data-quality/${shelterA}?from=01/01/2025&to=12/31/2025`);
    assert.equal(older.status, 200);
    assert.match(older.body, new RegExp(`href="/live/data-quality/${shelterA}/Q5a/2/C\\?from=2025-01-01&amp;to=2025-12-31">1<`), 'Olga only');

    const refused = await manager.get(`/live/data-quality/${shelterA}?from=12/31/2025&to=01/01/2025`);
    assert.ok(refused.status >= 400 && refused.status < 500, `a 4xx, got ${refused.status}`);
    assert.match(textOf(refused.body), /must end on or after its start date/);
  });

  test('another agency’s manager cannot see the project; an unknown project is a 404', async () => {
    assert.equal((await otherManager.get(`/live/data-quality/${shelterA}`)).status, 404);
    assert.equal((await admin.get('/live/data-quality/no-such-project')).status, 404);
    assert.equal((await otherManager.get(`/live/data-quality/${housingB}`)).status, 200);
  });

  test('a count leads to the clients behind it with links to fix them; the drill-down is audited without names', async () => {
    const drill = await manager.get(`/live/data-quality/${shelterA}/Q5a/2/C?from=2025-11-28&to=2026-11-27`);
    assert.equal(drill.status, 200);
    const text = textOf(drill.body);
    assert.match(text, /2 clients counted in this cell/);
    assert.match(drill.body, new RegExp(`href="/live/clients/${rosa}"`));
    assert.match(drill.body, /href="\/live\/enrollments\/[0-9a-f]{32}"/);
    assert.match(drill.body, new RegExp(`href="/live/data-quality/${shelterA}\\?from=2025-11-28&amp;to=2026-11-27#t-Q5a"`));
    const entry = (await site.audit.list(site.db, {})).find((e) => e.event === 'report.drilled_down');
    assert.deepEqual(entry?.details, { project: shelterA, from: '2025-11-28', to: '2026-11-27', question: 'Q5a', cell: 'C2', listed: 2, hidden: 0 });
    assert.doesNotMatch(JSON.stringify(entry), /Rosa|Milo/);
    assert.equal((await manager.get(`/live/data-quality/${shelterA}/Q7a/2/C`)).status, 404);
    assert.equal((await otherManager.get(`/live/data-quality/${shelterA}/Q5a/2/C`)).status, 404);
  });
});
