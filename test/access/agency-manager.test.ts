import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../../src/audit/audit-log.js';
import type { User } from '../../src/accounts/accounts.model.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { signedInUser, type SignedInUser } from '../helpers/users.js';

/** A valid emergency shelter. */
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
const NOT_A_MANAGER = /Only HMIS administrators and this agency’s managers can create and change its projects\./;

/**
 * What agency managers may do, from every page and form that offers it: their own agencies' projects and
 * staff list, nothing of other agencies, never the agencies themselves. Case managers change no project.
 */
describe('agency managers: their agencies’ projects and staff list', () => {
  let t: TestApp;
  let admin: SignedInUser;
  /** Agency manager of Harbor Light. */
  let manager: SignedInUser;
  /** Agency manager of Northside only. */
  let otherManager: SignedInUser;
  /** Case manager of Harbor Light. */
  let caseManager: SignedInUser;
  /** Harbor Light (the manager's) and Northside (not theirs). */
  let harbor: string;
  let northside: string;
  /** A project of each. */
  let harborProject: string;
  let northsideProject: string;
  /** A deactivated case manager of Harbor Light: still on the staff list, as inactive. */
  let leaver: User;

  async function count(table: 'organizations' | 'projects' | 'audit_log'): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.sites.live.db);
    return rows[0]!.n;
  }

  async function projectRow(id: string) {
    return t.sites.live.db.selectFrom('projects').selectAll().where('project_id', '=', id).executeTakeFirstOrThrow();
  }

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    const live = t.sites.live;
    admin = await signedInUser(t, { role: 'admin', firstName: 'Ada', lastName: 'Admin' });
    const make = async (name: string) => (await live.projects.createOrganization({ name, commonName: '', victimServiceProvider: '0' }, SYSTEM_ACTOR)).organizationId;
    harbor = await make('Harbor Light Services');
    northside = await make('Northside Outreach');
    const adminViewer = await live.access.viewerOf(admin.user);
    harborProject = (await live.projects.createProject(adminViewer, harbor, SHELTER, SYSTEM_ACTOR)).projectId;
    northsideProject = (await live.projects.createProject(adminViewer, northside, { ...SHELTER, name: 'Northside Drop-in', projectType: '4', housingType: '' }, SYSTEM_ACTOR)).projectId;
    manager = await signedInUser(t, { role: 'agency_manager', firstName: 'Mia', lastName: 'Manager', agencies: [harbor] });
    otherManager = await signedInUser(t, { role: 'agency_manager', firstName: 'Otto', lastName: 'North', agencies: [northside] });
    caseManager = await signedInUser(t, { role: 'case_manager', firstName: 'Cas', lastName: 'Worker', agencies: [harbor] });
    leaver = (await t.createUser('live', { firstName: 'Lee', lastName: 'Gone', role: 'case_manager' })).user;
    await live.access.setOrganizations(leaver, [harbor], SYSTEM_ACTOR);
    await live.accounts.deactivate(leaver.id, SYSTEM_ACTOR);
  });
  after(() => t.close());

  it('an agency manager sees "Add a project" and "Edit project" for their agency only, and never the agency controls', async () => {
    const client = manager.client;
    const list = await client.get('/live/agencies');
    assert.equal(list.status, 200);
    assert.doesNotMatch(list.body, /New agency/);
    const own = await client.get(`/live/agencies/${harbor}`);
    assert.equal(own.status, 200);
    assert.match(own.body, new RegExp(`href="/live/projects/new\\?agency=${harbor}">Add a project<`));
    assert.doesNotMatch(own.body, /Edit agency/);
    const other = await client.get(`/live/agencies/${northside}`);
    assert.equal(other.status, 200, 'other agencies stay browsable');
    assert.doesNotMatch(other.body, /Add a project/);
    assert.match((await client.get(`/live/projects/${harborProject}`)).body, /Edit project/);
    const otherProject = await client.get(`/live/projects/${northsideProject}`);
    assert.equal(otherProject.status, 200);
    assert.match(textOf(otherProject.body), /Northside Drop-in/);
    assert.doesNotMatch(otherProject.body, /Edit project/);
  });

  it('an agency manager creates a project of their agency: stored under their name, audited as theirs', async () => {
    const form = await manager.client.get(`/live/projects/new?agency=${harbor}`);
    assert.equal(form.status, 200);
    assert.match(textOf(form.body), /A project of Harbor Light Services\./);
    const created = await manager.client.post('/live/projects/new', { ...SHELTER, name: 'Harbor Family Shelter', organizationId: harbor });
    assert.equal(created.status, 303, textOf(created.body).slice(0, 400));
    const id = /^\/live\/projects\/([0-9a-f]{32})\?done=created$/.exec(created.location ?? '')?.[1];
    assert.ok(id, created.location);
    const row = await projectRow(id);
    assert.equal(row.organization_id, harbor);
    assert.equal(row.project_name, 'Harbor Family Shelter');
    assert.equal(row.user_id, String(manager.user.id), "HUD UserID: the account's id");
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'project.created' });
    const entry = audit.find((a) => a.details.projectId === id);
    assert.ok(entry);
    assert.equal(entry.actorUsername, manager.username);
    assert.equal(entry.actorUserId, manager.user.id);
  });

  it('an agency manager edits their agency’s project, held to the same HUD rules (422, typed values kept)', async () => {
    const refused = await manager.client.post(`/live/projects/${harborProject}/edit`, { ...SHELTER, name: 'Kept Name', projectType: '13' });
    assert.equal(refused.status, 422);
    assert.match(textOf(refused.body), /Choose the RRH subtype/);
    assert.match(refused.body, /value="Kept Name"/);
    assert.equal((await projectRow(harborProject)).project_name, 'Harbor Night Shelter');

    const saved = await manager.client.post(`/live/projects/${harborProject}/edit`, { ...SHELTER, operatingEndDate: '2027-03-31' });
    assert.equal(saved.status, 303, textOf(saved.body).slice(0, 400));
    assert.equal(saved.location, `/live/projects/${harborProject}?done=saved`);
    const row = await projectRow(harborProject);
    assert.equal(row.user_id, String(manager.user.id), "HUD UserID: the account's id");
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'project.changed' });
    assert.ok(audit.some((a) => a.details.projectId === harborProject && a.actorUsername === manager.username && a.details.fields === 'operating_end_date'));
  });

  it('another agency’s projects are refused with 403 (GET form and POST), even with invalid input, and nothing changes', async () => {
    const client = manager.client;
    const before = { projects: await count('projects'), audit: await count('audit_log'), row: await projectRow(northsideProject) };
    const form = await client.get(`/live/projects/new?agency=${northside}`);
    assert.equal(form.status, 403);
    assert.match(textOf(form.body), NOT_A_MANAGER);
    await client.get(`/live/agencies/${harbor}`);
    for (const [path, fields] of [
      ['/live/projects/new', { ...SHELTER, name: 'Planted', organizationId: northside }],
      ['/live/projects/new', { ...SHELTER, name: '', projectType: '99', organizationId: northside }],
      [`/live/projects/${northsideProject}/edit`, { ...SHELTER, name: 'Taken over' }],
      [`/live/projects/${northsideProject}/edit`, { ...SHELTER, name: '', operatingStartDate: 'soon' }],
    ] as const) {
      const refused = await client.post(path, fields);
      assert.equal(refused.status, 403, `${path} ${fields.name}`);
      assert.match(textOf(refused.body), NOT_A_MANAGER);
      assert.doesNotMatch(textOf(refused.body), /Enter the project name/, 'no validation message leaks past the refusal');
    }
    assert.equal(await count('projects'), before.projects);
    assert.deepEqual(await projectRow(northsideProject), before.row);
    const events = await t.sites.live.audit.list(t.sites.live.db, { events: ['project.created', 'project.changed'] });
    assert.ok(!events.some((e) => e.details.organizationId === northside && e.actorUsername === manager.username));
  });

  it('an agency manager cannot create or change agencies, not even their own', async () => {
    const client = manager.client;
    const organizations = await count('organizations');
    assert.equal((await client.get('/live/agencies/new')).status, 403);
    await client.get(`/live/agencies/${harbor}`);
    for (const path of ['/live/agencies/new', `/live/agencies/${harbor}/edit`]) {
      const refused = await client.post(path, { name: 'Taken over', commonName: '', victimServiceProvider: '0' });
      assert.equal(refused.status, 403, path);
      assert.match(textOf(refused.body), /This page is for HMIS administrators\./);
    }
    assert.equal(await count('organizations'), organizations);
    const row = await t.sites.live.db.selectFrom('organizations').selectAll().where('organization_id', '=', harbor).executeTakeFirstOrThrow();
    assert.equal(row.organization_name, 'Harbor Light Services');
  });

  it('a case manager of the agency browses its projects but gets 403 on every project change, with no controls shown', async () => {
    const client = caseManager.client;
    const agency = await client.get(`/live/agencies/${harbor}`);
    assert.equal(agency.status, 200);
    assert.doesNotMatch(agency.body, /Add a project|Edit agency/);
    const project = await client.get(`/live/projects/${harborProject}`);
    assert.equal(project.status, 200);
    assert.doesNotMatch(project.body, /Edit project/);
    assert.equal((await client.get(`/live/projects/new?agency=${harbor}`)).status, 403);
    const projects = await count('projects');
    const before = await projectRow(harborProject);
    for (const [path, fields] of [
      ['/live/projects/new', { ...SHELTER, organizationId: harbor }],
      [`/live/projects/${harborProject}/edit`, { ...SHELTER, name: 'Case manager edit' }],
    ] as const) {
      const refused = await client.post(path, fields);
      assert.equal(refused.status, 403, path);
      assert.match(textOf(refused.body), NOT_A_MANAGER);
    }
    assert.equal(await count('projects'), projects);
    assert.deepEqual(await projectRow(harborProject), before);
  });

  it('the staff list (name, username, role, active) is shown to administrators and the agency’s managers only', async () => {
    const staffOf = async (client: TestClient, agencyId: string) => {
      const page = await client.get(`/live/agencies/${agencyId}`);
      assert.equal(page.status, 200);
      return page.body;
    };
    for (const [who, client] of [['administrator', admin.client], ['Harbor’s manager', manager.client]] as const) {
      const body = await staffOf(client, harbor);
      assert.match(body, /<h2 id="staff-heading">Staff<\/h2>/, who);
      const text = textOf(body);
      assert.match(text, new RegExp(`Cas Worker ${caseManager.username} Case manager Yes`), who);
      assert.match(text, new RegExp(`Lee Gone ${leaver.username} Case manager No \\(deactivated\\)`), who);
      assert.match(text, new RegExp(`Mia Manager ${manager.username} Agency manager Yes`), who);
      assert.doesNotMatch(text, new RegExp(`Otto North`), `${who}: only this agency's staff`);
    }
    assert.match(await staffOf(admin.client, harbor), new RegExp(`<a href="/live/admin/users/${caseManager.user.id}">${caseManager.username}</a>`), 'administrators get a link to each account');
    assert.doesNotMatch(await staffOf(manager.client, harbor), /\/live\/admin\/users\//, 'managers get no link into the admin area');

    for (const [who, client, agencyId] of [
      ['a case manager of the agency', caseManager.client, harbor],
      ['another agency’s manager', otherManager.client, harbor],
      ['a manager, for another agency', manager.client, northside],
    ] as const) {
      const body = await staffOf(client, agencyId);
      assert.doesNotMatch(body, /staff-heading/, who);
      assert.doesNotMatch(textOf(body), /Lee Gone|Cas Worker/, who);
    }
    // The other agency's manager sees their own staff.
    assert.match(textOf(await staffOf(otherManager.client, northside)), /Otto North/);
  });

  it('taking the agency away ends the manager’s rights at once', async () => {
    const live = t.sites.live;
    await live.access.setOrganizations(manager.user, [], SYSTEM_ACTOR);
    try {
      const page = await manager.client.get(`/live/agencies/${harbor}`);
      assert.doesNotMatch(page.body, /Add a project|staff-heading/);
      assert.equal((await manager.client.post(`/live/projects/${harborProject}/edit`, { ...SHELTER, name: 'After removal' })).status, 403);
      assert.equal((await projectRow(harborProject)).project_name, 'Harbor Night Shelter');
    } finally {
      await live.access.setOrganizations(manager.user, [harbor], SYSTEM_ACTOR);
    }
    // …and giving it back restores them.
    assert.match((await manager.client.get(`/live/agencies/${harbor}`)).body, /staff-heading/);
  });

  it('a manager of two agencies manages both', async () => {
    const live = t.sites.live;
    const both = await signedInUser(t, { role: 'agency_manager', firstName: 'Bo', lastName: 'Both', agencies: [harbor, northside] });
    for (const id of [harborProject, northsideProject]) {
      await both.client.get(`/live/projects/${id}`);
      const saved = await both.client.post(`/live/projects/${id}/edit`, { ...SHELTER, name: `Renamed ${id.slice(0, 4)}`, ...(id === northsideProject ? { projectType: '4', housingType: '' } : {}) });
      assert.equal(saved.status, 303, textOf(saved.body).slice(0, 300));
    }
    assert.equal((await live.db.selectFrom('projects').select('user_id').where('project_id', 'in', [harborProject, northsideProject]).execute()).every((r) => r.user_id === String(both.user.id)), true);
  });
});
