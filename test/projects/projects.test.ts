import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { label, PROJECT_TYPE } from '../../src/hud/code-lists.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type TestClient } from '../helpers/client.js';

const PASSWORD = 'Meadow-Lark-2026';

/** A user of the Live site who has done their first login and set their own password. */
async function signedIn(t: TestApp, role: 'admin' | 'case_manager', firstName: string): Promise<{ client: TestClient; username: string; hudUserId: string }> {
  const { user, temporaryPassword } = await t.createUser('live', { firstName, lastName: 'Projects', role });
  const client = t.client();
  const first = await client.login('live', user.username, temporaryPassword);
  assert.equal(first.location, '/live/password/expired');
  const changed = await client.submit('/live/password/expired', { newPassword: PASSWORD, confirmPassword: PASSWORD });
  assert.equal(changed.status, 303, textOf(changed.body));
  return { client, username: user.username, hudUserId: String(user.id) };
}

const AGENCY = { name: 'Harbor Light Services', commonName: 'Harbor Light', victimServiceProvider: '0' };

/** A valid emergency shelter; tests change one field at a time. */
const SHELTER = {
  name: 'Harbor Night Shelter',
  commonName: '',
  projectType: '0',
  operatingStartDate: '2020-01-15',
  operatingEndDate: '',
  continuumProject: '1',
  housingType: '1',
  rrhSubType: '',
};

async function countRows(t: TestApp, table: 'organizations' | 'projects'): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.sites.live.db);
  return rows[0]!.n;
}

function idFrom(location: string | undefined, kind: 'agencies' | 'projects'): string {
  const match = new RegExp(`^/live/${kind}/([A-Za-z0-9_-]+)\\?done=`).exec(location ?? '');
  assert.ok(match, `redirect to the new ${kind} page, got ${location}`);
  return match[1]!;
}

describe('agencies and projects', () => {
  let t: TestApp;
  let admin: TestClient;
  let adminName: string;
  /** HUD UserID: the account's id (finding 17), never the username. */
  let adminUserId: string;
  let user: TestClient;
  let agencyId: string;

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    ({ client: admin, username: adminName, hudUserId: adminUserId } = await signedIn(t, 'admin', 'Ada'));
    ({ client: user } = await signedIn(t, 'case_manager', 'Uma'));
    const created = await admin.submit('/live/agencies/new', AGENCY);
    assert.equal(created.status, 303, textOf(created.body));
    agencyId = idFrom(created.location, 'agencies');
  });
  after(() => t.close());

  it('an administrator creates an agency: stored as HUD Organization fields, audited, shown with its details', async () => {
    const created = await admin.submit('/live/agencies/new', { name: 'Northside Outreach', commonName: '', victimServiceProvider: '1' });
    assert.equal(created.status, 303, textOf(created.body));
    const id = idFrom(created.location, 'agencies');
    assert.match(id, /^[0-9a-f]{32}$/, 'OrganizationID is a stable S32 id');
    const row = await t.sites.live.db.selectFrom('organizations').selectAll().where('organization_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.organization_name, 'Northside Outreach');
    assert.equal(row.organization_common_name, null);
    assert.equal(row.victim_service_provider, 1);
    assert.equal(row.user_id, adminUserId);
    assert.equal(row.date_created.toISOString(), t.clock.now().toISOString(), 'timestamps come from the injected clock');
    assert.equal(row.date_deleted, null);
    const page = await admin.follow(created);
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /Northside Outreach/);
    assert.match(text, /Victim service provider Yes/);
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'organization.created' });
    const entry = audit.find((a) => a.details.organizationId === id);
    assert.ok(entry, 'organization.created is audited');
    assert.equal(entry.actorUsername, adminName);
    assert.equal(entry.details.name, 'Northside Outreach');
  });

  it('an administrator edits an agency; the change is audited with the fields changed', async () => {
    const page = await admin.get(`/live/agencies/${agencyId}`);
    assert.match(page.body, /Edit agency/);
    const saved = await admin.post(`/live/agencies/${agencyId}/edit`, { ...AGENCY, commonName: 'Harbor' });
    assert.equal(saved.status, 303, textOf(saved.body));
    assert.equal(saved.location, `/live/agencies/${agencyId}?done=saved`);
    const row = await t.sites.live.db.selectFrom('organizations').selectAll().where('organization_id', '=', agencyId).executeTakeFirstOrThrow();
    assert.equal(row.organization_common_name, 'Harbor');
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'organization.changed' });
    assert.ok(audit.some((a) => a.details.organizationId === agencyId && a.details.fields === 'organization_common_name'));
  });

  it('agency fields are checked: name required, victim service provider Yes or No; the form keeps what was typed and nothing is saved', async () => {
    const before = await countRows(t, 'organizations');
    await admin.get('/live/agencies/new');
    const refused = await admin.post('/live/agencies/new', { name: '  ', commonName: 'Kept <b>text</b>', victimServiceProvider: '7' });
    assert.equal(refused.status, 422);
    const text = textOf(refused.body);
    assert.match(text, /Enter the agency name\./);
    assert.match(text, /Choose Yes or No: is the agency a victim service provider\?/);
    assert.match(refused.body, /value="Kept &lt;b>text&lt;\/b>"/, 'what was typed comes back, escaped');
    assert.equal(await countRows(t, 'organizations'), before);
    const long = await admin.post('/live/agencies/new', { name: 'x'.repeat(201), victimServiceProvider: '0' });
    assert.equal(long.status, 422);
    assert.match(textOf(long.body), /at most 200 characters/);
    const edit = await admin.post(`/live/agencies/${agencyId}/edit`, { name: '', victimServiceProvider: '0' });
    assert.equal(edit.status, 422);
    assert.match(textOf(edit.body), /Enter the agency name\./);
    assert.equal(await countRows(t, 'organizations'), before);
  });

  it('an administrator creates and edits a project; it is stored as HUD Project fields and audited', async () => {
    const created = await admin.submit(`/live/projects/new?agency=${agencyId}`, { ...SHELTER, organizationId: agencyId }, '/live/projects/new');
    assert.equal(created.status, 303, textOf(created.body));
    const id = idFrom(created.location, 'projects');
    const row = await t.sites.live.db.selectFrom('projects').selectAll().where('project_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.organization_id, agencyId);
    assert.equal(row.project_type, 0);
    assert.equal(row.housing_type, 1);
    assert.equal(row.rrh_sub_type, null);
    assert.equal(row.continuum_project, 1);
    assert.equal(row.user_id, adminUserId);
    const page = await admin.follow(created);
    const text = textOf(page.body);
    assert.match(text, /Operating start date 01\/15\/2020/, 'the date is shown as entered, never shifted by a time zone');
    assert.match(text, new RegExp(label(PROJECT_TYPE, 0)));
    assert.match(text, /Housing type Site-based – single site/);

    const saved = await admin.post(`/live/projects/${id}/edit`, {
      ...SHELTER,
      projectType: '13',
      rrhSubType: '2',
      housingType: '3',
      operatingEndDate: '2030-06-30',
    });
    assert.equal(saved.status, 303, textOf(saved.body));
    const after = await admin.follow(saved);
    assert.match(textOf(after.body), /RRH subtype RRH: Housing with or without services/);
    assert.match(textOf(after.body), /Operating end date 06\/30\/2030/);
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'project.changed' });
    const entry = audit.find((a) => a.details.projectId === id);
    assert.ok(entry);
    assert.equal(entry.details.fields, 'operating_end_date, project_type, housing_type, rrh_sub_type');
    const createdAudit = await t.sites.live.audit.list(t.sites.live.db, { event: 'project.created' });
    assert.ok(createdAudit.some((a) => a.details.projectId === id && a.actorUsername === adminName));
  });

  const REFUSALS: [string, Record<string, string>, string, RegExp][] = [
    ['project type required', { projectType: '' }, 'projectType', /Choose the HUD project type\./],
    ['project type from the list (there is no 5)', { projectType: '5' }, 'projectType', /Choose one of the HUD project types in the list\./],
    ['operating start required', { operatingStartDate: '' }, 'operatingStartDate', /Enter the operating start date \(MM\/DD\/YYYY\)\./],
    ['operating start a real date', { operatingStartDate: '2026-02-30' }, 'operatingStartDate', /as a real date, MM\/DD\/YYYY/],
    ['operating start a real date, typed MM/DD/YYYY', { operatingStartDate: '02/30/2026' }, 'operatingStartDate', /as a real date, MM\/DD\/YYYY/],
    ['end not before start', { operatingEndDate: '2020-01-14' }, 'operatingEndDate', /cannot be before the operating start date/],
    ['end a real date', { operatingEndDate: 'yesterday' }, 'operatingEndDate', /as a real date, MM\/DD\/YYYY/],
    ['continuum project yes/no', { continuumProject: '' }, 'continuumProject', /Choose Yes or No: is this a Continuum project\?/],
    ['continuum project only 0 or 1', { continuumProject: '99' }, 'continuumProject', /Choose Yes or No/],
    ['housing type required for a shelter', { housingType: '' }, 'housingType', /HUD requires it for Emergency Shelter – Entry Exit projects/],
    ['housing type required for transitional housing', { projectType: '2', housingType: '' }, 'housingType', /HUD requires it for Transitional Housing/],
    ['housing type empty for street outreach', { projectType: '4' }, 'housingType', /HUD does not collect it for Street Outreach/],
    ['RRH subtype required for RRH', { projectType: '13', rrhSubType: '' }, 'rrhSubType', /HUD requires it for PH – Rapid Re-Housing/],
    ['RRH subtype empty otherwise', { rrhSubType: '2' }, 'rrhSubType', /it applies only to PH – Rapid Re-Housing/],
    ['housing type required for RRH with housing', { projectType: '13', rrhSubType: '2', housingType: '' }, 'housingType', /HUD requires it for PH – Rapid Re-Housing projects that provide housing/],
    ['housing type empty for RRH services only', { projectType: '13', rrhSubType: '1', housingType: '2' }, 'housingType', /only with the subtype “RRH: Housing with or without services”/],
    ['project name required', { name: '' }, 'name', /Enter the project name\./],
    ['no < > [ ] { } in names (HUD FY2026 CSV)', { name: 'Harbor {Main}' }, 'name', /cannot contain < > \[ \] \{ \}: HUD's files do not allow them/],
    ['2.02.B not asked of an emergency shelter', { residentialAffiliation: '0' }, 'residentialAffiliation', /HUD asks it only of Services Only and RRH: Services Only projects/],
    ['target population from HUD’s list (no 2)', { targetPopulation: '2' }, 'targetPopulation', /Choose one of the target populations/],
    ['HOPWA facility from HUD’s list', { hopwaMedAssistedLivingFac: '3' }, 'hopwaMedAssistedLivingFac', /Choose one of the answers in the list/],
  ];

  for (const [rule, change, field, message] of REFUSALS) {
    it(`HUD rule: ${rule} (refused with its message, typed values kept, nothing saved)`, async () => {
      const projects = await countRows(t, 'projects');
      const audits = (await t.sites.live.audit.list(t.sites.live.db, { events: ['project.created', 'project.changed'] })).length;
      await admin.get(`/live/projects/new?agency=${agencyId}`);
      const refused = await admin.post('/live/projects/new', { ...SHELTER, ...change, name: change.name ?? `Kept ${rule}`, organizationId: agencyId });
      assert.equal(refused.status, 422, textOf(refused.body).slice(0, 300));
      assert.match(textOf(refused.body), message);
      assert.match(refused.body, new RegExp(`id="field-${field}-error"`), 'the message sits at its field');
      if (change.name === undefined) assert.match(refused.body, new RegExp(`value="Kept ${rule.replace(/[()]/g, '.')}"`));
      assert.equal(await countRows(t, 'projects'), projects);
      assert.equal((await t.sites.live.audit.list(t.sites.live.db, { events: ['project.created', 'project.changed'] })).length, audits);
    });
  }

  it('editing a project is held to the same rules and changes nothing when refused', async () => {
    const created = await admin.submit(`/live/projects/new?agency=${agencyId}`, { ...SHELTER, name: 'Strict Edit', organizationId: agencyId }, '/live/projects/new');
    const id = idFrom(created.location, 'projects');
    const before = await t.sites.live.db.selectFrom('projects').selectAll().where('project_id', '=', id).executeTakeFirstOrThrow();
    const refused = await admin.post(`/live/projects/${id}/edit`, { ...SHELTER, name: 'Strict Edit', projectType: '13' });
    assert.equal(refused.status, 422);
    assert.match(textOf(refused.body), /Choose the RRH subtype/);
    assert.match(refused.body, /<option value="13" selected>/, 'the edit form keeps what was typed');
    const after = await t.sites.live.db.selectFrom('projects').selectAll().where('project_id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(after, before);
  });

  it('a project for an unknown agency, or an unknown id, is a 404', async () => {
    await admin.get('/live/agencies');
    assert.equal((await admin.get('/live/projects/new?agency=nope')).status, 404);
    assert.equal((await admin.post('/live/projects/new', { ...SHELTER, organizationId: 'f'.repeat(32) })).status, 404);
    assert.equal((await admin.get(`/live/agencies/${'0'.repeat(32)}`)).status, 404);
    assert.equal((await admin.get('/live/projects/not%20an%20id')).status, 404);
  });

  it('projects whose operating end date has passed are listed under old projects, and stay browsable', async () => {
    // The fake clock says 2026-11-27 (America/New_York): a project ending that day still operates.
    const endedYesterday = await admin.submit(`/live/projects/new?agency=${agencyId}`, { ...SHELTER, name: 'Closed Winter Shelter', operatingEndDate: '2026-11-26', organizationId: agencyId }, '/live/projects/new');
    const endsToday = await admin.submit(`/live/projects/new?agency=${agencyId}`, { ...SHELTER, name: 'Last Day Shelter', operatingEndDate: '2026-11-27', organizationId: agencyId }, '/live/projects/new');
    assert.equal(endedYesterday.status, 303);
    assert.equal(endsToday.status, 303);
    const list = await user.get('/live/agencies');
    assert.equal(list.status, 200);
    let text = textOf(list.body);
    assert.match(text, /Last Day Shelter/);
    assert.doesNotMatch(text, /Closed Winter Shelter/);
    assert.match(text, /1 old project/);
    assert.match(list.body, /href="\/live\/agencies\?old=1">Show old projects</);
    text = textOf((await user.get('/live/agencies?old=1')).body);
    assert.match(text, /Old projects of Harbor Light Services Project .*Closed Winter Shelter/);
    const agency = textOf((await user.get(`/live/agencies/${agencyId}?old=1`)).body);
    assert.match(agency, /Old projects of Harbor Light Services/);
    const old = await user.get(pathOnly(endedYesterday.location));
    assert.equal(old.status, 200);
    assert.match(textOf(old.body), /Old project data: this project stopped operating on 11\/26\/2026\./);
  });

  it('a case manager browses agencies and projects but gets 403 on every change', async () => {
    const list = await user.get('/live/agencies');
    assert.equal(list.status, 200);
    assert.match(textOf(list.body), /Harbor Light Services/);
    assert.doesNotMatch(list.body, /New agency/);
    const agency = await user.get(`/live/agencies/${agencyId}`);
    assert.equal(agency.status, 200);
    assert.doesNotMatch(agency.body, /Edit agency|Add a project/);
    assert.match(agency.body, /<a href="\/live\/agencies">Agencies<\/a>/, 'the nav links to Agencies');
    const projectPath = /href="(\/live\/projects\/[0-9a-f]{32})"/.exec(agency.body)?.[1];
    assert.ok(projectPath);
    const project = await user.get(projectPath);
    assert.equal(project.status, 200);
    assert.doesNotMatch(project.body, /Edit project/);

    const organizations = await countRows(t, 'organizations');
    const projects = await countRows(t, 'projects');
    for (const path of ['/live/agencies/new', `/live/projects/new?agency=${agencyId}`]) {
      assert.equal((await user.get(path)).status, 403, path);
    }
    const changes: [string, Record<string, string>, RegExp][] = [
      ['/live/agencies/new', AGENCY, /This page is for HMIS administrators\./],
      [`/live/agencies/${agencyId}/edit`, { ...AGENCY, name: 'Taken over' }, /This page is for HMIS administrators\./],
      ['/live/projects/new', { ...SHELTER, organizationId: agencyId }, /Only HMIS administrators and this agency’s managers can create and change its projects\./],
      [`${projectPath}/edit`, { ...SHELTER, name: 'Taken over' }, /Only HMIS administrators and this agency’s managers can create and change its projects\./],
    ];
    for (const [path, form, message] of changes) {
      const refused = await user.post(path, form);
      assert.equal(refused.status, 403, path);
      assert.match(textOf(refused.body), message);
    }
    assert.equal(await countRows(t, 'organizations'), organizations);
    assert.equal(await countRows(t, 'projects'), projects);
    assert.doesNotMatch(textOf((await user.get('/live/agencies')).body), /Taken over/);
  });

  it('someone not signed in is sent to the login page', async () => {
    const page = await t.client().get('/live/agencies');
    assert.equal(page.status, 303);
    assert.equal(page.location, '/live/login?next=%2Flive%2Fagencies');
  });

  it('every change needs the CSRF token', async () => {
    const organizations = await countRows(t, 'organizations');
    const projects = await countRows(t, 'projects');
    const changes: [string, Record<string, string>][] = [
      ['/live/agencies/new', AGENCY],
      [`/live/agencies/${agencyId}/edit`, { ...AGENCY, name: 'No token' }],
      ['/live/projects/new', { ...SHELTER, organizationId: agencyId }],
    ];
    for (const [path, form] of changes) {
      for (const token of ['', 'forged-token']) {
        const refused = await admin.post(path, { ...form, _csrf: token });
        assert.equal(refused.status, 403, `${path} with ${token || 'no'} token`);
        assert.match(textOf(refused.body), /This form has expired or was not sent from Hearth/);
      }
    }
    assert.equal(await countRows(t, 'organizations'), organizations);
    assert.equal(await countRows(t, 'projects'), projects);
  });
});

function pathOnly(location: string | undefined): string {
  return (location ?? '').split('?')[0]!;
}
