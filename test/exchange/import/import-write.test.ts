import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { HUD_FILE_SOURCES } from '../../../src/exchange/hud-csv-export-sources.js';
import { ForbiddenError, NotFoundError } from '../../../src/errors.js';
import { ExportWorker } from '../../../src/exports/export-worker.js';
import { importedUserId } from '../../../src/exchange/import/hud-csv-import-rows.js';
import { HudCsvImportService } from '../../../src/exchange/import/hud-csv-import.service.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { ACTOR } from '../../clients/fixtures.js';
import { FY2024_ENROLLMENT, FY2026_ENROLLMENT, FY2026_VALIDATION, tempFolder, zipFixture } from './fixtures.js';

/** Each test imports into a site of its own, so what one writes never meets another's. */
describe('HUD CSV import: writing agencies and projects', () => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    t = await startTestApp({ sites: ['training', 'live'] });
    dir = tempFolder('import-write');
  });
  after(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const projectsOf = (site: 'live' | 'training', names: string[]) =>
    t.sites[site].db
      .selectFrom('projects')
      .innerJoin('organizations', 'organizations.organization_id', 'projects.organization_id')
      .select(['projects.project_id', 'project_name', 'projects.date_deleted', 'organization_name', 'projects.user_id'])
      .select(sql<string>`to_char(operating_start_date, 'YYYY-MM-DD')`.as('operating_start_date'))
      .where('project_name', 'in', names)
      .orderBy('project_name')
      .execute();

  it('creates the export’s agency and project under new Hearth ids, keeps their source ids, and audits the import', async () => {
    const result = await t.sites.live.hudImports.import(await zipFixture(FY2026_ENROLLMENT, dir), { dryRun: false, actor: ACTOR });
    assert.deepEqual([result.dryRun, result.written], [false, true]);
    const [project] = await projectsOf('live', ['Furious Whistle Hill']);
    assert.match(project!.project_id, /^[0-9a-f]{32}$/);
    assert.equal(project!.organization_name, 'Empty Eagle Hotel');
    assert.equal(project!.operating_start_date, '2015-11-30', 'an empty OperatingStartDate is taken from DateCreated');
    assert.equal(project!.user_id, 'francis');
    const sourceIds = await t.sites.live.db.selectFrom('import_source_ids').selectAll().where('hud_file', '=', 'Project').execute();
    assert.deepEqual(sourceIds.map((s) => [s.source, s.source_id, s.hearth_id]), [['Boston DND Warehouse', '751', project!.project_id]]);
    const audit = await t.sites.live.db.selectFrom('audit_log').select(['event', 'details']).where('event', '=', 'import.written').execute();
    assert.equal(audit.length, 1);
  });

  it('importing the same export again, or its FY2024 layout, updates the records and never duplicates them', async () => {
    const renamed = await zipFixture(FY2024_ENROLLMENT, dir, (name, text) => (name === 'Project.csv' ? text.replace('Furious Whistle Hill', 'Furious Whistle Hall') : text));
    const [before] = await projectsOf('live', ['Furious Whistle Hill']);
    await t.sites.live.hudImports.import(renamed, { dryRun: false, actor: ACTOR });
    assert.deepEqual(await projectsOf('live', ['Furious Whistle Hill']), []);
    const [after] = await projectsOf('live', ['Furious Whistle Hall']);
    assert.equal(after!.project_id, before!.project_id);
    const organizations = await t.sites.live.db.selectFrom('organizations').select('organization_id').where('organization_name', '=', 'Empty Eagle Hotel').execute();
    assert.equal(organizations.length, 1);
  });

  it('a row with DateDeleted marks its record deleted', async () => {
    const deleted = await zipFixture(FY2026_ENROLLMENT, dir, (name, text) => (name === 'Project.csv' ? text.replace('francis,,', 'francis,2016-01-02 03:04:05,') : text));
    await t.sites.live.hudImports.import(deleted, { dryRun: false, actor: ACTOR });
    const [project] = await projectsOf('live', ['Furious Whistle Hill']);
    assert.ok(project!.date_deleted instanceof Date);
  });

  it('a source’s UserID of digits is never read as a Hearth account: it is kept marked, "3" as "#3"', async () => {
    // The Open Path set's User.csv has users "3" and "7": here its project was last changed by "3".
    const byUser3 = await zipFixture(FY2026_ENROLLMENT, dir, (name, text) => (name === 'Project.csv' ? text.replace(',francis,', ',3,') : text));
    await t.sites.live.hudImports.import(byUser3, { dryRun: false, actor: ACTOR });
    const [project] = await projectsOf('live', ['Furious Whistle Hill']);
    assert.equal(project!.user_id, '#3');
    const tables = [...new Set(Object.values(HUD_FILE_SOURCES).flatMap((source) => (source ? [source.table] : [])))];
    for (const table of tables) {
      const rows = await (t.sites.live.db as Kysely<any>).selectFrom(table).select('user_id').distinct().execute();
      assert.ok(!rows.some((r) => /^[0-9]+$/.test(r.user_id as string)), `no imported ${table} row names a Hearth account`);
    }
  });

  it('marked UserIDs stay distinct: "42", "#42" and a 32-digit id each keep their own', () => {
    const long = '9'.repeat(32);
    const marked = ['42', '#42', '##42', long, 'francis'].map(importedUserId);
    assert.deepEqual(marked.slice(0, 3), ['#42', '##42', '###42']);
    assert.equal(marked[4], 'francis');
    assert.match(marked[3]!, /^#[0-9a-f]{31}$/);
    assert.equal(new Set(marked).size, marked.length);
    assert.ok(marked.every((id) => !/^[0-9]+$/.test(id) && id.length <= 32));
  });

  it('a failure half-way leaves nothing imported', async () => {
    const site = t.sites.training;
    let ids = 0;
    const failing = new HudCsvImportService(site.db, t.clock, site.audit, t.config.timeZone, site.clients, () => {
      ids += 1;
      if (ids > 1) throw new Error('the disk is full');
      return randomBytes(16).toString('hex');
    });
    await assert.rejects(failing.import(await zipFixture(FY2026_ENROLLMENT, dir), { dryRun: false, actor: ACTOR }), /the disk is full/);
    assert.equal(ids, 2, 'the agency was written before the failure');
    assert.deepEqual(await site.db.selectFrom('organizations').select('organization_id').where('organization_name', '=', 'Empty Eagle Hotel').execute(), []);
    assert.deepEqual(await site.db.selectFrom('import_source_ids').selectAll().execute(), []);
  });

  it('writes the validation set’s acceptable projects, warnings and all, and none of the skipped ones', async () => {
    await t.sites.training.hudImports.import(await zipFixture(FY2026_VALIDATION, dir), { dryRun: false, actor: ACTOR });
    const projects = await projectsOf('training', ['VALID', 'VALIDATION', 'RRHSSO', 'RRHHOUSING', 'FAILURE']);
    assert.deepEqual(projects.map((p) => [p.project_name, p.organization_name]), [
      ['RRHHOUSING', 'VALID'],
      ['RRHSSO', 'VALID'],
      ['VALID', 'VALID'],
      ['VALIDATION', 'Organization VALIDATION'],
    ]);
  });
});

describe('HUD CSV import from the Import page: who may', () => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    dir = tempFolder('import-uploads');
  });
  after(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an agency manager may not import, and the upload is refused before anything is read', async () => {
    const manager = { userId: 2, username: 'manon', role: 'agency_manager' as const, organizationIds: new Set(['a']) };
    const uploadId = await t.sites.live.hudImportUploads.receive(fs.createReadStream(await zipFixture(FY2026_ENROLLMENT, dir)));
    await assert.rejects(t.sites.live.hudImportUploads.check(manager, ACTOR, uploadId), ForbiddenError);
    await assert.rejects(t.sites.live.hudImportUploads.run(manager, ACTOR, uploadId, {}), ForbiddenError);
    const admin = { ...manager, role: 'admin' as const };
    const checked = await t.sites.live.hudImportUploads.check(admin, ACTOR, uploadId);
    assert.equal(checked.dryRun, true);
    const imported = await t.sites.live.hudImportUploads.run(admin, ACTOR, uploadId, {});
    assert.equal(imported.written, true);
    await assert.rejects(t.sites.live.hudImportUploads.run(admin, ACTOR, uploadId, {}), NotFoundError, 'the zip is gone once imported');
  });

  it('an upload never imported is deleted a day after it arrived, by the export worker’s pass, and cannot be imported then', async () => {
    const admin = { userId: 1, username: 'ada', role: 'admin' as const, organizationIds: new Set<string>() };
    const uploads = t.sites.live.hudImportUploads;
    const uploadId = await uploads.receive(fs.createReadStream(await zipFixture(FY2026_ENROLLMENT, dir)));
    await uploads.check(admin, ACTOR, uploadId);
    t.clock.advanceHours(23);
    assert.equal(await uploads.deleteAbandoned(), 0, 'kept for a day');
    t.clock.advanceHours(1);
    const worker = new ExportWorker(t.sites.live.exportJobs, { error: () => {}, warn: () => {} }, 60_000, [uploads]);
    await worker.runPass();
    await assert.rejects(uploads.run(admin, ACTOR, uploadId, {}), NotFoundError);
    assert.equal(await uploads.deleteAbandoned(), 0);
  });
});
