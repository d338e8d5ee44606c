import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DAY } from '../../src/clock.js';
import { INTERRUPTED } from '../../src/exports/export-jobs.service.js';
import type { ExportJob } from '../../src/exports/exports.model.js';
import type { SiteServices } from '../../src/sites/site-services.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { buildWorld, createClient, user, type World } from '../enrollments/fixtures.js';
import { readZipEntries } from '../exchange/zip.js';


/** Waits until the server's export worker has finished this job. */
async function finished(site: SiteServices, id: string): Promise<ExportJob> {
  for (let i = 0; i < 300; i += 1) {
    const job = (await site.db.selectFrom('export_jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow());
    if (job.status === 'done' || job.status === 'failed') {
      const admin = { userId: 0, username: 'x', role: 'admin' as const, organizationIds: new Set<string>() };
      return (await site.exportJobs.list(admin)).find((j) => j.id === id)!;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the export did not finish');
}

/** The export this user asked for last (the test clock stands still, so by user rather than by time). */
async function latestJobId(site: SiteServices, username: string): Promise<string> {
  const row = await site.db
    .selectFrom('export_jobs')
    .innerJoin('users', 'users.id', 'export_jobs.requested_by')
    .select('export_jobs.id')
    .where('users.first_name', '=', username)
    .orderBy('export_jobs.requested_at', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('Exports page (issue 13, item 1): background HUD CSV exports, downloads kept 7 days', () => {
  let t: TestApp;
  let site: SiteServices;
  let world: World;
  let admin: TestClient;
  let manager: TestClient;
  let caseManager: TestClient;
  let adminJob: ExportJob;

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    site = t.sites.live;
    world = await buildWorld(t);
    await createClient(t, 'Rosa', 'Export', '1980-02-03');
    admin = await user(t, 'admin', [], 'Ada');
    manager = await user(t, 'agency_manager', [world.agencyB], 'Manon');
    caseManager = await user(t, 'case_manager', [world.agencyA], 'Casimir');
  });
  after(() => t.close());

  test('an administrator starts an export; it runs in the background and its zip is downloadable, the download audited', async () => {
    const page = await admin.get('/live/exports');
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /Start an export/);
    const started = await admin.post('/live/exports', { from: '10/01/2025', to: '09/30/2026', directive: 'full' });
    assert.equal(started.status, 303, textOf(started.body).slice(0, 500));
    assert.equal(started.location, '/live/exports?queued=1');
    adminJob = await finished(site, await latestJobId(site, 'Ada'));
    assert.equal(adminJob.status, 'done', adminJob.failure ?? '');
    assert.deepEqual([adminJob.request.from, adminJob.request.to], ['2025-10-01', '2026-09-30']);
    assert.equal(adminJob.expiresAt!.getTime() - adminJob.finishedAt!.getTime(), 7 * DAY);

    const list = textOf((await admin.get('/live/exports')).body);
    assert.match(list, /Done: 0 clients, 0 enrollments/);
    assert.match(list, /Download the zip/);

    const file = site.exportJobs.fileOf(adminJob.id);
    assert.equal(path.dirname(file), path.join(t.dataDir, 'live', 'exports'));
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);

    const download = await admin.get(`/live/exports/${adminJob.id}/download`);
    assert.equal(download.status, 200);
    assert.equal(download.headers['content-type'], 'application/zip');
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="hud-csv-2025-10-01-2026-09-30-[0-9a-f]{8}\.zip"$/);
    const entries = await readZipEntries(download.raw.rawPayload);
    assert.equal(entries.size, 24);
    assert.match(entries.get('Project.csv')!, /Harbor Night Shelter/);
    const audit = await site.audit.list(site.db, {});
    assert.ok(audit.some((e) => e.event === 'export.downloaded' && e.actorUsername !== null && e.details.job === adminJob.id));
  });

  test('a refused request comes back as the same form with 422 and a message per field', async () => {
    const refused = await admin.post('/live/exports', { from: '02/30/2026', to: '', cocCode: 'nope', directive: 'full' });
    assert.equal(refused.status, 422);
    const text = textOf(refused.body);
    assert.match(text, /Enter the first day of the period as a real date/);
    assert.match(text, /A CoC code is two letters/);
    assert.match(refused.body, /value="nope"/);
  });

  test('an agency manager sees their agencies’ projects and their own exports only, and cannot download another’s', async () => {
    const page = await manager.get('/live/exports');
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /Northside Transitional/);
    assert.doesNotMatch(text, /Harbor Night Shelter/);
    assert.doesNotMatch(text, /Download the zip/, 'the administrator’s export is not theirs');
    assert.equal((await manager.get(`/live/exports/${adminJob.id}/download`)).status, 404);
    const other = await manager.post('/live/exports', { from: '10/01/2025', to: '09/30/2026', directive: 'full', projectIds: world.shelterA });
    assert.equal(other.status, 403);
    const own = await manager.post('/live/exports', { from: '10/01/2025', to: '09/30/2026', directive: 'delta', projectIds: world.housingB });
    assert.equal(own.status, 303);
    const job = await finished(site, await latestJobId(site, 'Manon'));
    assert.equal(job.status, 'done');
    const entries = await readZipEntries((await manager.get(`/live/exports/${job.id}/download`)).raw.rawPayload);
    assert.doesNotMatch(entries.get('Project.csv')!, /Harbor/);
  });

  test('case managers have no Exports page and no link to it', async () => {
    const home = await caseManager.get('/live/');
    assert.doesNotMatch(home.body, /href="\/live\/exports"/);
    assert.equal((await caseManager.get('/live/exports')).status, 403);
    assert.equal((await caseManager.get(`/live/exports/${adminJob.id}/download`)).status, 404);
    assert.match((await admin.get('/live/')).body, /href="\/live\/exports"/);
  });

  test('after 7 days the zip is deleted and the export can no longer be downloaded', async () => {
    const now = t.clock.now();
    t.clock.advance(7 * DAY + 1000);
    assert.ok((await site.exportJobs.deleteExpired()) >= 1);
    t.clock.set(now);
    assert.ok(!fs.existsSync(site.exportJobs.fileOf(adminJob.id)));
    const gone = await admin.get(`/live/exports/${adminJob.id}/download`);
    assert.equal(gone.status, 404);
    assert.match(textOf(gone.body), /deleted 7 days after it was written/);
    assert.match(textOf((await admin.get('/live/exports')).body), /Deleted after 7 days/);
    assert.ok((await site.audit.list(site.db, {})).some((e) => e.event === 'export.deleted'));
  });

  test('an export running when the server stopped is marked failed at the next start, not resumed', async () => {
    await site.db.insertInto('export_jobs').values({
      id: 'f'.repeat(32), requested_by: (await site.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id, requested_at: t.clock.now(),
      period_from: '2026-01-01', period_to: '2026-01-31', project_ids: [], coc_code: null, period_type: null, directive: 'full', hash: false,
      status: 'running', started_at: t.clock.now(), finished_at: null, current_file: 'Client', failure: null, export_id: null, clients: null,
      enrollments: null, file_size: null, expires_at: null,
    }).execute();
    assert.equal(await site.exportJobs.failInterrupted(), 1);
    const job = (await site.exportJobs.list({ userId: 0, username: 'x', role: 'admin', organizationIds: new Set() })).find((j) => j.id === 'f'.repeat(32))!;
    assert.deepEqual([job.status, job.failure], ['failed', INTERRUPTED]);
  });
});
