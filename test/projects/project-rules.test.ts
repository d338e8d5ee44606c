import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Viewer } from '../../src/access/access-policy.js';
import { ForbiddenError, NotFoundError } from '../../src/errors.js';
import { NoClientDataAtVspError, type ProjectInput } from '../../src/projects/projects.service.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf } from '../helpers/client.js';
import { signedInUser, type SignedInUser } from '../helpers/users.js';
import { createClient, HOMELESS_ADULT } from '../enrollments/fixtures.js';

const ACTOR = { userId: null, username: 'setup', ip: null };
const ADMIN: Viewer = { userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() };

const PROJECT: ProjectInput = {
  name: 'Harbor Night Shelter',
  commonName: '',
  operatingStartDate: '01/15/2020',
  operatingEndDate: '',
  continuumProject: '1',
  projectType: '0',
  housingType: '1',
  rrhSubType: '',
};
/** The edit form as a browser sends it. */
const EDIT = { ...PROJECT, residentialAffiliation: '', targetPopulation: '', hopwaMedAssistedLivingFac: '' };
const COC = { cocCode: 'XX-501', geocode: '119999', address1: '', address2: '', city: '', state: '', zip: '', geographyType: '1' };

/**
 * Issue 11 item 1: the rules that tie a project to the client data it holds. A victim service provider's projects
 * hold none; operating dates never leave a stay outside them; a CoC code that enrollments name stays.
 */
describe('projects and the client data they hold', () => {
  let t: TestApp;
  let admin: SignedInUser;
  let harbor: string;
  let shelter: string;
  /** An enrollment in the shelter from 03/01/2021, still open. */
  let openStay: string;

  async function enrollInto(projectId: string, entryDate: string, name: string): Promise<string> {
    const personalId = await createClient(t, name, 'Rivera', '1980-05-05');
    const result = await t.sites.live.enrollments.enroll(ADMIN, { projectId, entryDate, personalIds: [personalId], entries: [{ ...HOMELESS_ADULT, dateToStreetEssh: '01/01/2021' }], confirmed: true }, ACTOR);
    return result.enrollments[0]!.enrollmentId;
  }

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    const live = t.sites.live;
    harbor = (await live.projects.createOrganization({ name: 'Harbor Light', commonName: '', victimServiceProvider: '0' }, ACTOR)).organizationId;
    shelter = (await live.projects.createProject(ADMIN, harbor, PROJECT, ACTOR)).projectId;
    await live.projectSetup.addProjectCoc(ADMIN, shelter, COC, ACTOR);
    openStay = await enrollInto(shelter, '03/01/2021', 'Dana');
    admin = await signedInUser(t, { role: 'admin', firstName: 'Ada' });
  });
  after(() => t.close());

  describe('operating dates never leave a stay outside them (HUD: clients are exited by the operating end date)', () => {
    it('moving the operating start after a stay began is refused, naming how many stays and linking the roster', async () => {
      await admin.client.get(`/live/projects/${shelter}`);
      const refused = await admin.client.post(`/live/projects/${shelter}/edit`, { ...EDIT, operatingStartDate: '01/01/2022' });
      assert.equal(refused.status, 422, textOf(refused.body).slice(0, 500));
      const text = textOf(refused.body);
      assert.match(text, /1 stay in this project would fall outside these operating dates \(from 01\/01\/2022 on\)/);
      assert.match(refused.body, /id="field-operatingStartDate-error"/);
      assert.match(refused.body, new RegExp(`<a href="/live/projects/${shelter}/enrollments\\?past=1">Open the roster of Harbor Night Shelter</a>`));
      const row = await t.sites.live.db.selectFrom('projects').select(sql<string>`to_char(operating_start_date, 'YYYY-MM-DD')`.as('start')).where('project_id', '=', shelter).executeTakeFirstOrThrow();
      assert.equal(row.start, '2020-01-15', 'nothing changed');
    });

    it('an operating end date while a stay is still open is refused; once the stay has ended by then, it is saved', async () => {
      const refused = await admin.client.post(`/live/projects/${shelter}/edit`, { ...EDIT, operatingEndDate: '12/31/2026' });
      assert.equal(refused.status, 422);
      assert.match(textOf(refused.body), /1 stay begins or goes on outside 01\/15\/2020 to 12\/31\/2026/);
      assert.match(refused.body, /id="field-operatingEndDate-error"/);
      await t.sites.live.enrollments.exit(ADMIN, openStay, { exitDate: '11/20/2026', destination: '410', destinationSubsidyType: '', otherDestination: '' }, 'household', ACTOR);
      const later = await admin.client.post(`/live/projects/${shelter}/edit`, { ...EDIT, operatingEndDate: '11/19/2026' });
      assert.equal(later.status, 422, 'the exit on 11/20 is after an end on 11/19');
      const saved = await admin.client.post(`/live/projects/${shelter}/edit`, { ...EDIT, operatingEndDate: '12/31/2026' });
      assert.equal(saved.status, 303, textOf(saved.body).slice(0, 500));
      const reopened = await admin.client.post(`/live/projects/${shelter}/edit`, EDIT);
      assert.equal(reopened.status, 303, 'removing the end date leaves every stay inside');
    });
  });

  describe('a CoC code that enrollments name (3.16) stays', () => {
    it('the code of a CoC record in use cannot change, nor can the record be removed; an unused one can', async () => {
      const [coc] = await t.sites.live.projectSetup.projectCocs(shelter);
      await sql`update enrollments set enrollment_coc = 'XX-501' where enrollment_id = ${openStay}`.execute(t.sites.live.db);
      await admin.client.get(`/live/projects/${shelter}/cocs/${coc!.projectCocId}`);
      const changed = await admin.client.post(`/live/projects/${shelter}/cocs/${coc!.projectCocId}`, { ...COC, cocCode: 'XX-502' });
      assert.equal(changed.status, 422);
      assert.match(textOf(changed.body), /1 enrollment \(3\.16 Enrollment CoC\) name XX-501, so its code cannot change\. Add a record for XX-502 instead\./);
      const corrected = await admin.client.post(`/live/projects/${shelter}/cocs/${coc!.projectCocId}`, { ...COC, geocode: '119998', city: 'Fairhaven' });
      assert.equal(corrected.status, 303, 'other fields stay correctable');
      const removed = await admin.client.post(`/live/projects/${shelter}/cocs/${coc!.projectCocId}/delete`);
      assert.equal(removed.status, 409);
      assert.match(textOf(removed.body), /1 enrollment \(3\.16 Enrollment CoC\) name XX-501/);
      const second = await t.sites.live.projectSetup.addProjectCoc(ADMIN, shelter, { ...COC, cocCode: 'XX-600' }, ACTOR);
      assert.equal((await admin.client.post(`/live/projects/${shelter}/cocs/${second.projectCocId}/delete`)).status, 303);
      assert.deepEqual(await t.sites.live.projects.cocCodesOf(shelter), ['XX-501']);
      const audit = await t.sites.live.audit.list(t.sites.live.db, { events: ['project_setup.changed', 'project_setup.deleted'] });
      assert.ok(audit.some((a) => a.event === 'project_setup.changed' && a.details.recordId === coc!.projectCocId && a.details.fields === 'geocode, city'));
      assert.ok(audit.some((a) => a.event === 'project_setup.deleted' && a.details.recordId === second.projectCocId));
    });
  });

  describe('a victim service provider holds no client data (VAWA)', () => {
    it('assertAcceptsClients passes for an ordinary agency’s project, and refuses an unknown one', async () => {
      await t.sites.live.projects.assertAcceptsClients(shelter);
      await assert.rejects(t.sites.live.projects.assertAcceptsClients('f'.repeat(32)), NotFoundError);
    });

    it('a victim service provider’s project refuses client data, and its pages say why', async () => {
      const shelterHouse = (await t.sites.live.projects.createOrganization({ name: 'Safe Harbor DV Services', commonName: '', victimServiceProvider: '1' }, ACTOR)).organizationId;
      const dvShelter = (await t.sites.live.projects.createProject(ADMIN, shelterHouse, { ...PROJECT, name: 'Safe Harbor Shelter' }, ACTOR)).projectId;
      await assert.rejects(t.sites.live.projects.assertAcceptsClients(dvShelter), (error: unknown) => error instanceof NoClientDataAtVspError && error instanceof ForbiddenError && /VAWA/.test(error.message));
      await t.sites.live.db.transaction().execute((trx) => assert.rejects(t.sites.live.projects.assertAcceptsClients(dvShelter, trx), NoClientDataAtVspError));
      const project = textOf((await admin.client.get(`/live/projects/${dvShelter}`)).body);
      assert.match(project, /This project belongs to a victim service provider\. Under the Violence Against Women Act \(VAWA\), victim service providers do not enter client data into an HMIS: they record their clients in a comparable database\./);
      const agency = textOf((await admin.client.get(`/live/agencies/${shelterHouse}`)).body);
      assert.match(agency, /This agency is a victim service provider\. Under the Violence Against Women Act/);
      assert.doesNotMatch(textOf((await admin.client.get(`/live/projects/${shelter}`)).body), /victim service provider/);
    });

    it('an agency that holds client data cannot become a victim service provider; one without can', async () => {
      await admin.client.get(`/live/agencies/${harbor}`);
      const refused = await admin.client.post(`/live/agencies/${harbor}/edit`, { name: 'Harbor Light', commonName: '', victimServiceProvider: '1' });
      assert.equal(refused.status, 422, textOf(refused.body).slice(0, 500));
      assert.match(textOf(refused.body), /This agency already holds client data in Hearth \(1 enrollment in its projects\), and a victim service provider holds none \(VAWA\)/);
      assert.match(refused.body, /id="field-victimServiceProvider-error"/);
      const row = await t.sites.live.db.selectFrom('organizations').selectAll().where('organization_id', '=', harbor).executeTakeFirstOrThrow();
      assert.equal(row.victim_service_provider, 0);
      await t.sites.live.projects.assertAcceptsClients(shelter);

      const empty = (await t.sites.live.projects.createOrganization({ name: 'New DV Program', commonName: '', victimServiceProvider: '0' }, ACTOR)).organizationId;
      await admin.client.get(`/live/agencies/${empty}`);
      const saved = await admin.client.post(`/live/agencies/${empty}/edit`, { name: 'New DV Program', commonName: '', victimServiceProvider: '1' });
      assert.equal(saved.status, 303, textOf(saved.body).slice(0, 500));
    });
  });
});
