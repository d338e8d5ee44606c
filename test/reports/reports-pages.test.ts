import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Viewer } from '../../src/access/access-policy.js';
import type { ReportRun } from '../../src/reports/report-runs.model.js';
import type { SiteServices } from '../../src/sites/site-services.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { user } from '../enrollments/fixtures.js';
import { readZipEntries } from '../exchange/zip.js';
import { client, enroll, household, twoAgencies } from './fixtures.js';

const ADMIN: Viewer = { userId: 0, username: 'x', role: 'admin', organizationIds: new Set() };

/** Waits until the server's report worker has finished this run. */
async function finished(site: SiteServices, id: string): Promise<ReportRun> {
  for (let i = 0; i < 300; i += 1) {
    const { run } = await site.reports.run(ADMIN, id);
    if (run.status === 'done' || run.status === 'failed') return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the report did not finish');
}

const runIdOf = (location: string | undefined) => {
  const match = /^\/live\/reports\/([0-9a-f]{32})\?queued=1$/.exec(location ?? '');
  assert.ok(match, `redirect to the run, got ${location}`);
  return match[1]!;
};

describe('Reports pages (issue 15, items 1–4): runs in the background, kept, drill-down, Sage zip and CSV', () => {
  let t: TestApp;
  let site: SiteServices;
  let admin: TestClient;
  let manager: TestClient;
  let otherManager: TestClient;
  let caseManager: TestClient;
  let shelterA: string;
  let housingB: string;
  let rosa: string;
  let adminRun: string;

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
    await enroll(db, await client(db, { firstName: 'Nadia' }), housingB, '2026-01-01', { householdId: household() });
    admin = await user(t, 'admin', [], 'Ada');
    manager = await user(t, 'agency_manager', [agencyA], 'Manon');
    otherManager = await user(t, 'agency_manager', [agencyB], 'Otto');
    caseManager = await user(t, 'case_manager', [agencyA], 'Casimir');
  });
  after(() => t.close());

  test('an administrator runs the APR; it runs in the background, is kept with its parameters, and shows every table', async () => {
    const page = await admin.get('/live/reports');
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /New report/);
    assert.match(page.body, /href="\/live\/reports"/, 'the navigation links to the reports');
    const started = await admin.post('/live/reports', { kind: 'apr', projectIds: shelterA, from: '10/01/2025', to: '09/30/2026', cocCode: '' });
    assert.equal(started.status, 303, textOf(started.body).slice(0, 500));
    adminRun = runIdOf(started.location);
    const run = await finished(site, adminRun);
    assert.equal(run.status, 'done', run.failure ?? '');
    assert.deepEqual(run.params, { kind: 'apr', from: '2025-10-01', to: '2026-09-30', projectIds: [shelterA], cocCode: null });
    assert.match(run.generator!, /^Hearth \d+\.\d+\.\d+, FY2026 CoC APR spec$/);

    const shown = await admin.get(`/live/reports/${adminRun}`);
    assert.equal(shown.status, 200);
    const text = textOf(shown.body);
    assert.match(text, /Q22a1 Length of Participation - CoC Projects/);
    assert.match(text, /Q22b Average and Median Length of Participation in Days/);
    assert.doesNotMatch(text, /Q22a2/, 'the CAPER’s table is not in the APR');
    assert.match(text, /Q22c Length of Time between Project Start Date and Housing Move-in Date/);
    assert.match(text, /Q23e Exit Destination Type by Race and Ethnicity/);
    assert.match(text, /Q27h Client Cash Income Category - Earned\/Other Income Category - by Start and Annual Assessment\/Exit Status - Youth/);
    assert.match(text, /Q27l Length of Time Prior to Housing - based on 3\.917 Date Homelessness Started - Youth/);
    assert.doesNotMatch(text, /Q22d/, 'the CAPER’s table is not in the APR');
    // Rosa, the one leaver, is Q23e's total (B7).
    assert.match(shown.body, new RegExp(`href="/live/reports/${adminRun}/Q23e/7/B"`));
    // Rosa left after 19 days (B2 total, C2 leavers); Milo stays 122 days (91 to 180: row 5).
    assert.match(shown.body, new RegExp(`href="/live/reports/${adminRun}/Q22a1/2/C"`));
    assert.match(shown.body, new RegExp(`href="/live/reports/${adminRun}/Q22a1/5/D"`));
    assert.doesNotMatch(shown.body, new RegExp(`href="/live/reports/${adminRun}/Q22a1/3/`), 'a zero is not a link');
    assert.match(textOf((await admin.get('/live/reports')).body), /CoC APR.*Harbor Night Shelter.*Done/s);
    const audit = await site.audit.list(site.db, {});
    assert.ok(audit.some((e) => e.event === 'report.requested' && e.details.run === adminRun));
  });

  test('a count leads to the clients behind it, with links to fix them; the drill-down is audited without names', async () => {
    const drill = await admin.get(`/live/reports/${adminRun}/Q22a1/2/C`);
    assert.equal(drill.status, 200);
    const text = textOf(drill.body);
    assert.match(text, /30 days or less, Leavers/);
    assert.match(text, /Rosa Person.*Harbor Night Shelter.*03\/01\/2026.*03\/20\/2026/s);
    assert.doesNotMatch(text, /Milo/);
    assert.match(drill.body, new RegExp(`href="/live/clients/${rosa}"`));
    assert.match(drill.body, /href="\/live\/enrollments\/[0-9a-f]{32}"/);
    const entry = (await site.audit.list(site.db, {})).find((e) => e.event === 'report.drilled_down');
    assert.ok(entry);
    assert.deepEqual([entry.details.run, entry.details.question, entry.details.cell, entry.details.listed], [adminRun, 'Q22a1', 'C2', 1]);
    assert.doesNotMatch(JSON.stringify(entry), /Rosa/);
    assert.match(textOf((await admin.get(`/live/reports/${adminRun}/Q22a1/3/C`)).body), /0 clients counted in this cell/, 'a zero has no link, but its address still answers');
    for (const wrong of ['Q22a1/99/B', 'Q22b/2/B', 'Q99/2/B', 'Q22a1/2/A', 'Q22a1/x/B']) {
      assert.equal((await admin.get(`/live/reports/${adminRun}/${wrong}`)).status, 404, wrong);
    }
  });

  test('a kept run numbers the enrollments behind its counts once; its cells keep encoded ordinals, not lists of ids', async () => {
    const numbered = await site.db.selectFrom('report_run_enrollments').select(['ordinal', 'enrollment_id']).where('run_id', '=', adminRun).orderBy('ordinal').execute();
    assert.equal(numbered.length, 2, 'Rosa’s and Milo’s enrollments');
    assert.deepEqual(numbered.map((r) => r.ordinal), [0, 1]);
    assert.ok(numbered[0]!.enrollment_id < numbered[1]!.enrollment_id, 'numbered in enrollment id order');
    const rows = await site.db.selectFrom('report_run_tables').select('content').where('run_id', '=', adminRun).execute();
    const stored = rows.map((r) => (typeof r.content === 'string' ? r.content : JSON.stringify(r.content))).join('\n');
    assert.doesNotMatch(stored, /enrollmentIds/);
    for (const r of numbered) assert.ok(!stored.includes(r.enrollment_id), 'no enrollment id in the tables');
    assert.match(stored, /"members":"[rb][A-Za-z0-9_-]*"/);
  });

  test('the Sage zip and each table’s CSV download again, audited', async () => {
    const download = await admin.get(`/live/reports/${adminRun}/sage.zip`);
    assert.equal(download.status, 200);
    assert.equal(download.headers['content-type'], 'application/zip');
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="apr-2025-10-01-2026-09-30-[0-9a-f]{8}\.zip"$/);
    const entries = await readZipEntries(download.raw.rawPayload);
    const names = [...entries.keys()];
    for (const name of ['Q4a.csv', 'Q5a.csv', 'Q7a.csv', 'Q22a1.csv', 'Q22b.csv', 'Q27f2.csv', 'Q27h.csv', 'Q27k.csv', 'Q27l.csv']) assert.ok(names.includes(name), name);
    assert.equal(names.length, 67, 'every FY2026 APR table');
    assert.ok(!names.includes('Q22a2.csv'), 'the CAPER’s table is not in the APR');
    assert.ok(names.indexOf('Q7a.csv') < names.indexOf('Q22a1.csv'), 'in Sage’s order');
    const q22a1 = parse(entries.get('Q22a1.csv')!) as string[][];
    assert.deepEqual(q22a1[0], ['', 'Total', 'Leavers', 'Stayers']);
    assert.deepEqual(q22a1[1], ['30 days or less', '1', '1', '0']);
    assert.deepEqual(q22a1.at(-1), ['Total', '2', '1', '1']);
    const csv = await admin.get(`/live/reports/${adminRun}/Q22b.csv`);
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.equal(csv.body, '"","Leavers","Stayers"\r\n"Average Length","19.00","122.00"\r\n"Median Length","19.00","122.00"\r\n');
    const downloads = (await site.audit.list(site.db, {})).filter((e) => e.event === 'report.downloaded' && e.details.run === adminRun);
    assert.deepEqual(downloads.map((e) => e.details.file).sort(), ['Q22b.csv', 'sage-zip']);
    const youth = await admin.get(`/live/reports/${adminRun}/Q27h.csv`);
    assert.equal(youth.status, 200);
    assert.match(youth.body, /^"Number of Youth By Income Category","Number of Youth at Start",/);
  });

  test('a refused request comes back as the same form with 422 and a message per field', async () => {
    const refused = await admin.post('/live/reports', { kind: 'spm', from: '02/30/2026', to: '', cocCode: 'nope' });
    assert.equal(refused.status, 422);
    const text = textOf(refused.body);
    assert.match(text, /Choose the APR, the CAPER or the Data Quality report/);
    assert.match(text, /Enter the report start date as a real date/);
    assert.match(text, /Choose at least one project/);
    assert.match(text, /A CoC code is two letters/);
    assert.match(refused.body, /value="nope"/);
    const backwards = await admin.post('/live/reports', { kind: 'dq', projectIds: shelterA, from: '10/01/2026', to: '09/30/2026' });
    assert.equal(backwards.status, 422);
    assert.match(textOf(backwards.body), /must end on or after its start date/);
  });

  test('agency managers report on their agencies’ projects only, and see only the runs of those', async () => {
    const page = textOf((await otherManager.get('/live/reports')).body);
    assert.match(page, /Northside Transitional/);
    assert.doesNotMatch(page, /Harbor Night Shelter/, 'neither as a choice nor as a past run');
    assert.equal((await otherManager.get(`/live/reports/${adminRun}`)).status, 404);
    assert.equal((await otherManager.get(`/live/reports/${adminRun}/Q22a1/2/C`)).status, 404);
    assert.equal((await otherManager.get(`/live/reports/${adminRun}/sage.zip`)).status, 404);
    const other = await otherManager.post('/live/reports', { kind: 'caper', projectIds: shelterA, from: '10/01/2025', to: '09/30/2026' });
    assert.equal(other.status, 422);
    assert.match(textOf(other.body), /not yours to report on/);
    // Agency A's manager sees the administrator's run on agency A's project, and the clients behind it.
    assert.equal((await manager.get(`/live/reports/${adminRun}`)).status, 200);
    assert.match(textOf((await manager.get(`/live/reports/${adminRun}/Q22a1/2/C`)).body), /Rosa Person/);
    const own = await otherManager.post('/live/reports', { kind: 'caper', projectIds: housingB, from: '10/01/2025', to: '09/30/2026' });
    assert.equal(own.status, 303);
    const run = await finished(site, runIdOf(own.location));
    assert.equal(run.status, 'done');
    const caper = textOf((await otherManager.get(`/live/reports/${run.id}`)).body);
    assert.match(caper, /Q22a2 Length of Participation - ESG Projects/);
    assert.match(caper, /Q22d Length of Participation by Household Type/);
    assert.equal((await manager.get(`/live/reports/${run.id}`)).status, 404);
  });

  test('case managers have no Reports page and no link to it', async () => {
    assert.doesNotMatch((await caseManager.get('/live/')).body, /href="\/live\/reports"/);
    assert.equal((await caseManager.get('/live/reports')).status, 403);
    assert.equal((await caseManager.get(`/live/reports/${adminRun}`)).status, 403);
    assert.equal((await caseManager.post('/live/reports', { kind: 'apr', projectIds: shelterA, from: '10/01/2025', to: '09/30/2026' })).status, 403);
  });

  test('a run the server stopped in the middle of is marked failed at the next start, not resumed', async () => {
    await site.db
      .insertInto('report_runs')
      .values({ id: 'e'.repeat(32), kind: 'apr', period_from: '2026-01-01', period_to: '2026-01-31', project_ids: [shelterA], coc_code: null, requested_by: null, requested_at: t.clock.now(), status: 'running', generator: null, started_at: t.clock.now(), finished_at: null, current_question: 'Q22a1', failure: null })
      .execute();
    assert.equal(await site.reports.failInterrupted(), 1);
    const { run } = await site.reports.run(ADMIN, 'e'.repeat(32));
    assert.equal(run.status, 'failed');
    assert.match(textOf((await admin.get(`/live/reports/${run.id}`)).body), /Failed: Hearth stopped while this report was running/);
  });
});
