import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Viewer } from '../../src/access/access-policy.js';
import { ForbiddenError, ValidationError } from '../../src/errors.js';
import type { ProjectInput } from '../../src/projects/projects.service.js';
import { EMPTY_PROJECT_COC, type ProjectCocInput } from '../../src/projects/project-setup-fields.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const ACTOR = { userId: null, username: 'setup', ip: null };
const ADMIN: Viewer = { userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() };

const SHELTER: ProjectInput = {
  name: 'Harbor Night Shelter',
  commonName: '',
  operatingStartDate: '2020-01-15',
  operatingEndDate: '',
  continuumProject: '1',
  projectType: '0',
  housingType: '1',
  rrhSubType: '',
};

/** A complete 2.03 record; tests change one field at a time. */
const COC: ProjectCocInput = {
  ...EMPTY_PROJECT_COC,
  cocCode: 'xx-501',
  geocode: '119999',
  address1: '12 Harbor Street',
  city: 'Fairhaven',
  state: 'ny',
  zip: '12345',
  geographyType: '1',
};

/**
 * 2.03 Continuum of Care information: several per project, HUD's formats, and the project's codes as the
 * option list of 3.16 EnrollmentCoC (`ProjectService.cocCodesOf`).
 */
describe('2.03 Continuum of Care information', () => {
  let t: TestApp;
  let harbor: string;
  let northside: string;
  let shelter: string;
  let other: string;
  const viewer = (role: Viewer['role'], agencies: string[]): Viewer => ({ userId: 1, username: 'someone', role, organizationIds: new Set(agencies) });

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    const projects = t.sites.live.projects;
    harbor = (await projects.createOrganization({ name: 'Harbor Light', commonName: '', victimServiceProvider: '0' }, ACTOR)).organizationId;
    northside = (await projects.createOrganization({ name: 'Northside', commonName: '', victimServiceProvider: '0' }, ACTOR)).organizationId;
    shelter = (await projects.createProject(ADMIN, harbor, SHELTER, ACTOR)).projectId;
    other = (await projects.createProject(ADMIN, northside, { ...SHELTER, name: 'Northside Shelter' }, ACTOR)).projectId;
  });
  after(() => t.close());

  it('a project without a CoC record has no codes to offer', async () => {
    assert.deepEqual(await t.sites.live.projects.cocCodesOf(other), []);
    assert.deepEqual(await t.sites.live.projects.cocCodesOf('f'.repeat(32)), []);
  });

  it('a CoC record is stored as HUD ProjectCoC fields (codes upper case), audited, and its code offered for 3.16', async () => {
    const record = await t.sites.live.projectSetup.addProjectCoc(ADMIN, shelter, COC, ACTOR);
    const row = await t.sites.live.db.selectFrom('project_cocs').selectAll().where('project_coc_id', '=', record.projectCocId).executeTakeFirstOrThrow();
    assert.match(row.project_coc_id, /^[0-9a-f]{32}$/);
    assert.equal(row.project_id, shelter);
    assert.equal(row.coc_code, 'XX-501');
    assert.equal(row.geocode, '119999');
    assert.equal(row.address1, '12 Harbor Street');
    assert.equal(row.address2, null);
    assert.equal(row.state, 'NY');
    assert.equal(row.zip, '12345');
    assert.equal(row.geography_type, 1);
    assert.equal(row.user_id, 'setup');
    assert.equal(row.date_created.toISOString(), t.clock.now().toISOString());
    assert.equal(row.date_deleted, null);
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'project_setup.added' });
    assert.ok(audit.some((a) => a.details.recordId === record.projectCocId && a.details.record === 'ProjectCoC' && a.details.projectId === shelter));
    assert.deepEqual(await t.sites.live.projects.cocCodesOf(shelter), ['XX-501']);
    assert.deepEqual(await t.sites.live.projects.cocCodesOf(other), [], 'another project’s codes are not offered');
  });

  it('a project in several CoCs has one record per CoC, and offers every code, sorted', async () => {
    await t.sites.live.projectSetup.addProjectCoc(ADMIN, shelter, { ...COC, cocCode: 'XX-500', geocode: '119998' }, ACTOR);
    assert.deepEqual(await t.sites.live.projects.cocCodesOf(shelter), ['XX-500', 'XX-501']);
    await assert.rejects(
      t.sites.live.projectSetup.addProjectCoc(ADMIN, shelter, { ...COC, cocCode: ' XX-501 ' }, ACTOR),
      (error: unknown) => error instanceof ValidationError && /already has a record for XX-501/.test(error.fieldErrors.cocCode?.[0] ?? ''),
    );
    assert.deepEqual(await t.sites.live.projects.cocCodesOf(shelter), ['XX-500', 'XX-501']);
  });

  const REFUSALS: [string, Partial<ProjectCocInput>, string, RegExp][] = [
    ['CoC code required', { cocCode: '' }, 'cocCode', /Enter the CoC code/],
    ['CoC code is two letters, a dash, three digits', { cocCode: 'XX501' }, 'cocCode', /two letters, a dash and three digits/],
    ['CoC code letters only in front', { cocCode: '1X-501' }, 'cocCode', /two letters, a dash and three digits/],
    ['geocode required', { geocode: '' }, 'geocode', /Enter the geocode/],
    ['geocode is six digits', { geocode: '11999' }, 'geocode', /six digits/],
    ['state is a two-letter code', { state: 'New York' }, 'state', /two-letter postal code/],
    ['ZIP is five digits', { zip: '1234-5678' }, 'zip', /five digits/],
    ['geography type required', { geographyType: '' }, 'geographyType', /Choose the geography type/],
    ['geography type from HUD’s list', { geographyType: '4' }, 'geographyType', /Choose one of the geography types/],
    ['address at most 100 characters (S100)', { address1: 'x'.repeat(101) }, 'address1', /at most 100 characters/],
    ['city at most 50 characters (S50)', { city: 'x'.repeat(51) }, 'city', /at most 50 characters/],
  ];
  for (const [rule, change, field, message] of REFUSALS) {
    it(`HUD rule: ${rule} (refused at its field, nothing saved)`, async () => {
      const before = (await t.sites.live.projectSetup.projectCocs(other)).length;
      await assert.rejects(
        t.sites.live.projectSetup.addProjectCoc(ADMIN, other, { ...COC, ...change }, ACTOR),
        (error: unknown) => error instanceof ValidationError && message.test((error.fieldErrors[field] ?? []).join(' ')),
      );
      assert.equal((await t.sites.live.projectSetup.projectCocs(other)).length, before);
    });
  }

  it('the agency’s manager adds a CoC; a manager of another agency and a case manager are refused, before any validation', async () => {
    await t.sites.live.projectSetup.addProjectCoc(viewer('agency_manager', [northside]), other, COC, ACTOR);
    assert.deepEqual(await t.sites.live.projects.cocCodesOf(other), ['XX-501']);
    for (const refused of [viewer('agency_manager', [harbor]), viewer('case_manager', [northside])]) {
      for (const input of [{ ...COC, cocCode: 'XX-502' }, { ...COC, cocCode: 'nonsense' }]) {
        await assert.rejects(t.sites.live.projectSetup.addProjectCoc(refused, other, input, ACTOR), ForbiddenError);
      }
    }
    assert.deepEqual(await t.sites.live.projects.cocCodesOf(other), ['XX-501']);
  });
});
