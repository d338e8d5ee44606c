import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Viewer } from '../../src/access/access-policy.js';
import type { ProjectInput } from '../../src/projects/projects.service.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type Page, type TestClient } from '../helpers/client.js';
import { signedInUser, type SignedInUser } from '../helpers/users.js';

const ACTOR = { userId: null, username: 'setup', ip: null };
const ADMIN: Viewer = { userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() };

/** The test clock's today is 11/27/2026. */
const project = (name: string, overrides: Partial<ProjectInput> = {}): ProjectInput => ({
  name,
  commonName: '',
  operatingStartDate: '01/15/2020',
  operatingEndDate: '',
  continuumProject: '1',
  projectType: '0',
  housingType: '1',
  rrhSubType: '',
  ...overrides,
});

const COC = { cocCode: 'XX-501', geocode: '119999', address1: '', address2: '', city: '', state: '', zip: '', geographyType: '1' };
const FUNDER = { funder: '8', otherFunder: '', grantId: 'ESG-2026-001', startDate: '07/01/2026', endDate: '' };
const INVENTORY = {
  cocCode: 'XX-501',
  householdType: '1',
  esBedType: '1',
  availability: '1',
  chVetBedInventory: '2',
  youthVetBedInventory: '',
  vetBedInventory: '3',
  chYouthBedInventory: '',
  youthBedInventory: '4',
  chBedInventory: '1',
  otherBedInventory: '20',
  unitInventory: '30',
  inventoryStartDate: '01/15/2020',
  inventoryEndDate: '',
};

async function rows(t: TestApp, table: 'funders' | 'inventories' | 'hmis_participations' | 'ce_participations' | 'affiliations' | 'project_cocs', projectId: string) {
  const { rows: found } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where project_id = ${projectId} order by date_created, 1`.execute(t.sites.live.db);
  return found;
}

function refusedAt(page: Page, field: string, message: RegExp) {
  assert.equal(page.status, 422, textOf(page.body).slice(0, 600));
  assert.match(page.body, new RegExp(`id="field-${field}-error"`), `the message sits at ${field}`);
  assert.match(textOf(page.body), message);
}

/**
 * A project's HUD set-up (2.02.B/C, 2.06, 2.07, 2.08, 2.09) through its pages: each rule HUD states, what every
 * role may do, and the reminders on the project page.
 */
describe('project set-up: funding sources, inventory, participation and affiliations', () => {
  let t: TestApp;
  let harbor: string;
  let northside: string;
  /** Emergency Shelter – Entry Exit of Harbor, with CoC XX-501. */
  let shelter: string;
  /** Transitional Housing of Harbor, with CoC XX-501. */
  let housing: string;
  /** Services Only of Harbor, affiliated with a residential project (2.02.B Yes), with CoC XX-501. */
  let services: string;
  /** Transitional Housing of Northside in another CoC (XX-600). */
  let elsewhere: string;
  let admin: SignedInUser;
  let manager: SignedInUser;
  let otherManager: SignedInUser;
  let caseManager: SignedInUser;

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    const live = t.sites.live;
    harbor = (await live.projects.createOrganization({ name: 'Harbor Light', commonName: '', victimServiceProvider: '0' }, ACTOR)).organizationId;
    northside = (await live.projects.createOrganization({ name: 'Northside', commonName: '', victimServiceProvider: '0' }, ACTOR)).organizationId;
    shelter = (await live.projects.createProject(ADMIN, harbor, project('Harbor Night Shelter'), ACTOR)).projectId;
    housing = (await live.projects.createProject(ADMIN, harbor, project('Harbor Transitional', { projectType: '2', housingType: '2' }), ACTOR)).projectId;
    services = (await live.projects.createProject(ADMIN, harbor, project('Harbor Case Management', { projectType: '6', housingType: '', residentialAffiliation: '1' }), ACTOR)).projectId;
    elsewhere = (await live.projects.createProject(ADMIN, northside, project('Northside Transitional', { projectType: '2', housingType: '2' }), ACTOR)).projectId;
    for (const id of [shelter, housing, services]) await live.projectSetup.addProjectCoc(ADMIN, id, COC, ACTOR);
    await live.projectSetup.addProjectCoc(ADMIN, elsewhere, { ...COC, cocCode: 'XX-600' }, ACTOR);
    admin = await signedInUser(t, { role: 'admin', firstName: 'Ada' });
    manager = await signedInUser(t, { role: 'agency_manager', firstName: 'Mia', agencies: [harbor] });
    otherManager = await signedInUser(t, { role: 'agency_manager', firstName: 'Otto', agencies: [northside] });
    caseManager = await signedInUser(t, { role: 'case_manager', firstName: 'Cas', agencies: [harbor] });
  });
  after(() => t.close());

  describe('2.06 funding sources', () => {
    it('a manager adds a funding source: HUD Funder columns, audited, listed on the project page', async () => {
      const added = await manager.client.submit(`/live/projects/${shelter}/funders/new`, FUNDER);
      assert.equal(added.status, 303, textOf(added.body).slice(0, 600));
      assert.equal(added.location, `/live/projects/${shelter}?done=added#funders`);
      const [row] = await rows(t, 'funders', shelter);
      assert.ok(row);
      assert.match(String(row.funder_id), /^[0-9a-f]{32}$/);
      assert.equal(row.funder, 8);
      assert.equal(row.other_funder, null);
      assert.equal(row.grant_id, 'ESG-2026-001');
      assert.equal(row.user_id, String(manager.user.id), "HUD UserID: the account's id");
      const page = textOf((await caseManager.client.get(`/live/projects/${shelter}`)).body);
      assert.match(page, /Funding sources \(2\.06\).*HUD: ESG – Emergency Shelter \(operating and\/or essential services\) ESG-2026-001 Since 07\/01\/2026/);
      const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'project_setup.added' });
      assert.ok(audit.some((a) => a.details.record === 'Funder' && a.details.projectId === shelter && a.actorUsername === manager.username));
    });

    const REFUSALS: [string, Partial<typeof FUNDER>, string, RegExp][] = [
      ['funder required', { funder: '' }, 'funder', /Choose the funding source/],
      ['funder from the FY2026 list', { funder: '31' }, 'funder', /Choose one of the funding sources in the list/],
      ['a retired funder is not offered (ESG-CV, 47)', { funder: '47' }, 'funder', /HUD retired this funding source in FY2026/],
      ['OtherFunder required with 46', { funder: '46' }, 'otherFunder', /Name the funding source/],
      ['OtherFunder only with 46', { otherFunder: 'City of Fairhaven' }, 'otherFunder', /Leave “Other funding source” empty/],
      ['grant identifier required', { grantId: '' }, 'grantId', /Enter the grant identifier/],
      ['grant identifier at most 100 characters', { grantId: 'G'.repeat(101) }, 'grantId', /at most 100 characters/],
      ['start date required', { startDate: '' }, 'startDate', /Enter the grant start date/],
      ['end not before start', { endDate: '06/30/2026' }, 'endDate', /cannot be before the start date/],
    ];
    for (const [rule, change, field, message] of REFUSALS) {
      it(`HUD rule: ${rule} (refused at its field, typed values kept, nothing saved)`, async () => {
        const before = (await rows(t, 'funders', housing)).length;
        await admin.client.get(`/live/projects/${housing}/funders/new`);
        const refused = await admin.client.post(`/live/projects/${housing}/funders/new`, { ...FUNDER, ...change, grantId: change.grantId ?? 'Kept-Grant' });
        refusedAt(refused, field, message);
        if (change.grantId === undefined) assert.match(refused.body, /value="Kept-Grant"/);
        assert.equal((await rows(t, 'funders', housing)).length, before);
      });
    }

    it('a local funder is named; the funder list offers FY2026’s codes and not the retired ones', async () => {
      const form = await admin.client.get(`/live/projects/${housing}/funders/new`);
      assert.match(form.body, /<option value="56">HUD: CoC Builds<\/option>/);
      assert.doesNotMatch(form.body, /<option value="47"/);
      const added = await admin.client.post(`/live/projects/${housing}/funders/new`, { ...FUNDER, funder: '46', otherFunder: 'Fairhaven Community Fund', grantId: 'LOCAL-7' });
      assert.equal(added.status, 303, textOf(added.body).slice(0, 600));
      assert.ok((await rows(t, 'funders', housing)).some((r) => r.funder === 46 && r.other_funder === 'Fairhaven Community Fund'));
    });

    it('a record with a retired funder (imported) stays correctable without choosing a new funder, and cannot move to another retired one', async () => {
      const now = t.clock.now();
      await sql`insert into funders (funder_id, project_id, funder, grant_id, start_date, date_created, date_updated, user_id)
                values (${'a'.repeat(32)}, ${housing}, 47, 'CV-2020', '2020-04-01', ${now}, ${now}, 'import')`.execute(t.sites.live.db);
      const form = await admin.client.get(`/live/projects/${housing}/funders/${'a'.repeat(32)}`);
      assert.equal(form.status, 200);
      assert.match(form.body, /<option value="47" selected>HUD: ESG-CV \(retired\)<\/option>/);
      const kept = await admin.client.post(`/live/projects/${housing}/funders/${'a'.repeat(32)}`, { ...FUNDER, funder: '47', grantId: 'CV-2020', startDate: '04/01/2020', endDate: '09/30/2023' });
      assert.equal(kept.status, 303, textOf(kept.body).slice(0, 600));
      const row = (await rows(t, 'funders', housing)).find((r) => r.funder_id === 'a'.repeat(32))!;
      assert.equal(row.funder, 47);
      assert.equal(row.user_id, String(admin.user.id));
      const moved = await admin.client.post(`/live/projects/${housing}/funders/${'a'.repeat(32)}`, { ...FUNDER, funder: '48', grantId: 'CV-2020', startDate: '04/01/2020' });
      refusedAt(moved, 'funder', /HUD retired this funding source/);
    });

    it('grant dates that share no day with the operating period are saved only once the user confirms them', async () => {
      const before = (await rows(t, 'funders', housing)).length;
      const late = { ...FUNDER, grantId: 'EARLY-1', startDate: '01/01/2015', endDate: '12/31/2019' };
      await admin.client.get(`/live/projects/${housing}/funders/new`);
      const warned = await admin.client.post(`/live/projects/${housing}/funders/new`, late);
      assert.equal(warned.status, 422);
      assert.match(textOf(warned.body), /share no day with the project’s operating dates \(from 01\/15\/2020 on\)/);
      assert.match(warned.body, /name="confirmWarnings"/);
      assert.equal((await rows(t, 'funders', housing)).length, before);
      const confirmed = await admin.client.post(`/live/projects/${housing}/funders/new`, { ...late, confirmWarnings: 'on' });
      assert.equal(confirmed.status, 303, textOf(confirmed.body).slice(0, 600));
      assert.equal((await rows(t, 'funders', housing)).length, before + 1);
    });

    it('a funding source entered in error is deleted: HUD’s DateDeleted is set, it leaves the page, and the deletion is audited', async () => {
      const created = await t.sites.live.projectSetup.addFunder(ADMIN, housing, { ...FUNDER, grantId: 'TYPO-1' }, false, ACTOR);
      await admin.client.get(`/live/projects/${housing}`);
      const deleted = await admin.client.post(`/live/projects/${housing}/funders/${created.funderId}/delete`);
      assert.equal(deleted.status, 303);
      const row = (await rows(t, 'funders', housing)).find((r) => r.funder_id === created.funderId)!;
      assert.ok(row.date_deleted instanceof Date);
      assert.doesNotMatch(textOf((await admin.client.get(`/live/projects/${housing}`)).body), /TYPO-1/);
      const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'project_setup.deleted' });
      assert.ok(audit.some((a) => a.details.recordId === created.funderId && a.details.record === 'Funder'));
      assert.equal((await admin.client.post(`/live/projects/${housing}/funders/${created.funderId}/delete`)).status, 404, 'a deleted record is gone');
    });
  });

  describe('2.07 bed and unit inventory', () => {
    it('an emergency shelter’s inventory: bed type and availability asked, the total bed inventory is the sum of the categories', async () => {
      const added = await admin.client.submit(`/live/projects/${shelter}/inventory/new`, INVENTORY);
      assert.equal(added.status, 303, textOf(added.body).slice(0, 800));
      const [row] = await rows(t, 'inventories', shelter);
      assert.ok(row);
      assert.equal(row.coc_code, 'XX-501');
      assert.equal(row.es_bed_type, 1);
      assert.equal(row.availability, 1);
      assert.equal(row.bed_inventory, 30, '2 + 3 + 4 + 1 + 20');
      assert.equal(row.youth_vet_bed_inventory, 0, 'an empty category is 0');
      assert.equal(row.unit_inventory, 30);
      assert.match(textOf((await admin.client.get(`/live/projects/${shelter}`)).body), /XX-501 Households without children Facility-based, year-round 30 \(dedicated: 2 CH veterans, 3 other veterans, 4 other youth, 1 other CH\) 30 Since 01\/15\/2020/);
    });

    const REFUSALS: [string, string, Record<string, string>, string, RegExp][] = [
      ['a CoC of the project', 'shelter', { cocCode: 'XX-600' }, 'cocCode', /Choose one of the project’s CoCs: XX-501/],
      ['household type required', 'shelter', { householdType: '' }, 'householdType', /Choose the household type/],
      ['household type from HUD’s list (no 2)', 'shelter', { householdType: '2' }, 'householdType', /Choose one of the household types/],
      ['bed type required for emergency shelters', 'shelter', { esBedType: '' }, 'esBedType', /Choose the bed type: HUD asks it of emergency shelters/],
      ['availability required for emergency shelters', 'shelter', { availability: '' }, 'availability', /Choose the availability/],
      ['bed type only for emergency shelters', 'housing', { availability: '' }, 'esBedType', /Leave the bed type empty/],
      ['availability only for emergency shelters', 'housing', { esBedType: '' }, 'availability', /Leave the availability empty/],
      ['bed counts are whole numbers', 'shelter', { otherBedInventory: '-3' }, 'otherBedInventory', /whole number from 0 to 10,000/],
      ['units required', 'shelter', { unitInventory: '' }, 'unitInventory', /Enter the number of units/],
      ['start within the operating period', 'shelter', { inventoryStartDate: '01/14/2020' }, 'inventoryStartDate', /within the project’s operating dates \(from 01\/15\/2020 on\)/],
      ['end not before start', 'shelter', { inventoryEndDate: '01/01/2020' }, 'inventoryEndDate', /cannot be before the start date/],
    ];
    for (const [rule, which, change, field, message] of REFUSALS) {
      it(`HUD rule: ${rule} (refused at its field, nothing saved)`, async () => {
        const id = which === 'shelter' ? shelter : housing;
        const before = (await rows(t, 'inventories', id)).length;
        await admin.client.get(`/live/projects/${id}/inventory/new`);
        refusedAt(await admin.client.post(`/live/projects/${id}/inventory/new`, { ...INVENTORY, ...change }), field, message);
        assert.equal((await rows(t, 'inventories', id)).length, before);
      });
    }

    it('transitional housing asks no bed type or availability, and its form does not show them', async () => {
      const form = await admin.client.get(`/live/projects/${housing}/inventory/new`);
      assert.doesNotMatch(form.body, /name="esBedType"|name="availability"/);
      const added = await admin.client.post(`/live/projects/${housing}/inventory/new`, { ...INVENTORY, esBedType: '', availability: '', householdType: '3' });
      assert.equal(added.status, 303, textOf(added.body).slice(0, 800));
      const [row] = await rows(t, 'inventories', housing);
      assert.equal(row!.es_bed_type, null);
      assert.equal(row!.availability, null);
    });

    it('HUD collects no inventory for services-only projects (nor RRH: Services Only): the form is refused and the page says so', async () => {
      const page = await admin.client.get(`/live/projects/${services}`);
      assert.match(textOf(page.body), /HUD collects bed and unit inventory for residential projects only, not for Services Only projects\./);
      assert.doesNotMatch(page.body, /inventory\/new/);
      assert.equal((await admin.client.get(`/live/projects/${services}/inventory/new`)).status, 409);
      const refused = await admin.client.post(`/live/projects/${services}/inventory/new`, { ...INVENTORY, esBedType: '', availability: '' });
      assert.equal(refused.status, 409);
      assert.equal((await rows(t, 'inventories', services)).length, 0);
    });

    it('a project without a CoC record cannot record inventory yet: the form says to add the CoC first', async () => {
      const bare = (await t.sites.live.projects.createProject(ADMIN, harbor, project('Harbor Safe Haven', { projectType: '8' }), ACTOR)).projectId;
      await admin.client.get(`/live/projects/${bare}/inventory/new`);
      refusedAt(await admin.client.post(`/live/projects/${bare}/inventory/new`, { ...INVENTORY, esBedType: '', availability: '' }), 'cocCode', /Add the project’s Continuum of Care information \(2\.03\) first/);
    });

    it('a project with an operating end date needs inventory that ends by then', async () => {
      const closing = (await t.sites.live.projects.createProject(ADMIN, harbor, project('Harbor Winter Shelter', { operatingEndDate: '03/31/2027' }), ACTOR)).projectId;
      await t.sites.live.projectSetup.addProjectCoc(ADMIN, closing, COC, ACTOR);
      await admin.client.get(`/live/projects/${closing}/inventory/new`);
      refusedAt(await admin.client.post(`/live/projects/${closing}/inventory/new`, INVENTORY), 'inventoryEndDate', /Enter the inventory end date: the project stopped or stops operating on 03\/31\/2027/);
      refusedAt(await admin.client.post(`/live/projects/${closing}/inventory/new`, { ...INVENTORY, inventoryEndDate: '04/01/2027' }), 'inventoryEndDate', /within the project’s operating dates/);
      assert.equal((await admin.client.post(`/live/projects/${closing}/inventory/new`, { ...INVENTORY, inventoryEndDate: '03/31/2027' })).status, 303);
    });

    it('the project keeps its inventory valid: no type without inventory, no operating dates that leave it outside, no removing its CoC', async () => {
      await admin.client.get(`/live/projects/${shelter}`);
      const edit = { ...project('Harbor Night Shelter'), residentialAffiliation: '', targetPopulation: '', hopwaMedAssistedLivingFac: '' };
      refusedAt(await admin.client.post(`/live/projects/${shelter}/edit`, { ...edit, projectType: '4', housingType: '' }), 'projectType', /HUD collects no bed and unit inventory for this project type, and the project has 1 bed and unit inventory record/);
      refusedAt(await admin.client.post(`/live/projects/${shelter}/edit`, { ...edit, projectType: '2', housingType: '2' }), 'projectType', /bed type and availability of emergency shelters only/);
      refusedAt(await admin.client.post(`/live/projects/${shelter}/edit`, { ...edit, operatingStartDate: '01/01/2021' }), 'operatingStartDate', /1 bed and unit inventory record lies outside from 01\/01\/2021 on/);
      assert.equal((await admin.client.post(`/live/projects/${shelter}/edit`, { ...edit, projectType: '1' })).status, 303, 'Entry Exit to Night-by-Night keeps the same questions');
      const coc = (await t.sites.live.projectSetup.projectCocs(shelter))[0]!;
      const refused = await admin.client.post(`/live/projects/${shelter}/cocs/${coc.projectCocId}/delete`);
      assert.equal(refused.status, 409);
      assert.match(textOf(refused.body), /1 bed and unit inventory record name XX-501: the CoC cannot be removed/);
      assert.deepEqual(await t.sites.live.projects.cocCodesOf(shelter), ['XX-501']);
    });
  });

  describe('2.08 HMIS participation and 2.09 coordinated entry participation', () => {
    it('an operating project without open participation records is reminded of them on its page, until they exist', async () => {
      let page = textOf((await caseManager.client.get(`/live/projects/${housing}`)).body);
      assert.match(page, /No open HMIS participation record \(2\.08\)/);
      assert.match(page, /No open coordinated entry participation record \(2\.09\)/);
      await admin.client.get(`/live/projects/${housing}/hmis-participation/new`);
      assert.equal((await admin.client.post(`/live/projects/${housing}/hmis-participation/new`, { hmisParticipationType: '1', startDate: '01/15/2020', endDate: '' })).status, 303);
      await admin.client.get(`/live/projects/${housing}/ce-participation/new`);
      const ce = await admin.client.post(`/live/projects/${housing}/ce-participation/new`, { accessPoint: '0', receivesReferrals: '1', startDate: '01/15/2020', endDate: '' });
      assert.equal(ce.status, 303, textOf(ce.body).slice(0, 600));
      page = textOf((await caseManager.client.get(`/live/projects/${housing}`)).body);
      assert.doesNotMatch(page, /No open HMIS participation record|No open coordinated entry participation record/);
      assert.match(page, /HMIS participation \(2\.08\).*HMIS Participating Since 01\/15\/2020/);
      const [row] = await rows(t, 'ce_participations', housing);
      assert.deepEqual(
        [row!.access_point, row!.prevention_assessment, row!.crisis_assessment, row!.housing_assessment, row!.direct_services, row!.receives_referrals],
        [0, 0, 0, 0, 0, 1],
        'a project that is no access point provides none of the four: each is 0',
      );
    });

    it('participation periods do not overlap; one may begin the day the other ends', async () => {
      const [open] = await rows(t, 'hmis_participations', housing);
      const overlapping = await admin.client.post(`/live/projects/${housing}/hmis-participation/new`, { hmisParticipationType: '2', startDate: '06/01/2026', endDate: '' });
      refusedAt(overlapping, 'startDate', /overlaps another HMIS participation record \(open since 01\/15\/2020\)/);
      await admin.client.get(`/live/projects/${housing}/hmis-participation/${open!.hmis_participation_id}`);
      const ended = await admin.client.post(`/live/projects/${housing}/hmis-participation/${open!.hmis_participation_id}`, { hmisParticipationType: '1', startDate: '01/15/2020', endDate: '06/01/2026' });
      assert.equal(ended.status, 303, textOf(ended.body).slice(0, 600));
      const next = await admin.client.post(`/live/projects/${housing}/hmis-participation/new`, { hmisParticipationType: '2', startDate: '06/01/2026', endDate: '' });
      assert.equal(next.status, 303, textOf(next.body).slice(0, 600));
      const before = await admin.client.post(`/live/projects/${housing}/hmis-participation/new`, { hmisParticipationType: '0', startDate: '01/01/2019', endDate: '' });
      refusedAt(before, 'endDate', /overlaps another HMIS participation record/);
      assert.equal((await rows(t, 'hmis_participations', housing)).length, 2);
    });

    it('an access point says which CE services it provides (1 each, 0 for the others); ticking services without being one is refused', async () => {
      await admin.client.get(`/live/projects/${shelter}/ce-participation/new`);
      const refused = await admin.client.post(`/live/projects/${shelter}/ce-participation/new`, { accessPoint: '0', services: ['crisisAssessment'], receivesReferrals: '1', startDate: '01/15/2020' });
      refusedAt(refused, 'services', /Untick the services, or answer Yes/);
      refusedAt(await admin.client.post(`/live/projects/${shelter}/ce-participation/new`, { accessPoint: '1', receivesReferrals: '', startDate: '01/15/2020' }), 'receivesReferrals', /Choose Yes or No: does the project receive referrals/);
      refusedAt(await admin.client.post(`/live/projects/${shelter}/ce-participation/new`, { accessPoint: '', receivesReferrals: '1', startDate: '01/15/2020' }), 'accessPoint', /coordinated entry access point/);
      const added = await admin.client.post(`/live/projects/${shelter}/ce-participation/new`, {
        accessPoint: '1',
        services: ['crisisAssessment', 'directServices'],
        receivesReferrals: '0',
        startDate: '01/15/2020',
      });
      assert.equal(added.status, 303, textOf(added.body).slice(0, 600));
      const [row] = await rows(t, 'ce_participations', shelter);
      assert.deepEqual([row!.access_point, row!.prevention_assessment, row!.crisis_assessment, row!.housing_assessment, row!.direct_services, row!.receives_referrals], [1, 0, 1, 0, 1, 0]);
      assert.match(textOf((await admin.client.get(`/live/projects/${shelter}`)).body), /Yes ?: crisis needs assessment \(shelter assessment\); direct services/);
    });
  });

  describe('2.02.B residential affiliation and 2.02.C affiliated projects', () => {
    it('the project form asks 2.02.B of Services Only and RRH: Services Only projects, and of no other', async () => {
      await admin.client.get(`/live/projects/new?agency=${harbor}`);
      const base = { ...project('Affiliation Test'), organizationId: harbor, targetPopulation: '', hopwaMedAssistedLivingFac: '' };
      refusedAt(await admin.client.post('/live/projects/new', { ...base, projectType: '6', housingType: '', residentialAffiliation: '' }), 'residentialAffiliation', /HUD asks services-only projects whether they are affiliated/);
      refusedAt(await admin.client.post('/live/projects/new', { ...base, projectType: '13', rrhSubType: '1', housingType: '', residentialAffiliation: '' }), 'residentialAffiliation', /HUD asks services-only projects/);
      refusedAt(await admin.client.post('/live/projects/new', { ...base, residentialAffiliation: '1' }), 'residentialAffiliation', /HUD asks it only of Services Only and RRH: Services Only projects/);
      refusedAt(await admin.client.post('/live/projects/new', { ...base, projectType: '13', rrhSubType: '2', housingType: '3', residentialAffiliation: '0' }), 'residentialAffiliation', /Leave “Affiliated with a residential project” empty/);
      const created = await admin.client.post('/live/projects/new', { ...base, projectType: '13', rrhSubType: '1', housingType: '', residentialAffiliation: '1', targetPopulation: '4', hopwaMedAssistedLivingFac: '2' });
      assert.equal(created.status, 303, textOf(created.body).slice(0, 600));
      const id = /projects\/([0-9a-f]{32})/.exec(created.location ?? '')![1]!;
      const row = await t.sites.live.db.selectFrom('projects').selectAll().where('project_id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual([row.residential_affiliation, row.target_population, row.hopwa_med_assisted_living_fac], [1, 4, 2]);
    });

    it('a services-only project lists its affiliated residential projects, chosen among the residential projects of its CoCs', async () => {
      let page = textOf((await caseManager.client.get(`/live/projects/${services}`)).body);
      assert.match(page, /affiliated with a residential project \(2\.02\.B\), but none is listed/);
      const form = await admin.client.get(`/live/projects/${services}/affiliations/new`);
      assert.match(form.body, new RegExp(`<option value="${housing}">Harbor Transitional — Transitional Housing</option>`));
      assert.match(form.body, new RegExp(`<option value="${shelter}">`));
      assert.doesNotMatch(form.body, new RegExp(`value="${elsewhere}"`), 'a residential project of another CoC is not offered');
      assert.doesNotMatch(form.body, new RegExp(`value="${services}"`), 'nor the project itself');
      refusedAt(await admin.client.post(`/live/projects/${services}/affiliations/new`, { resProjectId: elsewhere }), 'resProjectId', /Choose one of the residential projects in the list/);
      const added = await admin.client.post(`/live/projects/${services}/affiliations/new`, { resProjectId: housing });
      assert.equal(added.status, 303, textOf(added.body).slice(0, 600));
      const [row] = await rows(t, 'affiliations', services);
      assert.equal(row!.res_project_id, housing);
      refusedAt(await admin.client.post(`/live/projects/${services}/affiliations/new`, { resProjectId: housing }), 'resProjectId', /Choose one of the residential projects in the list/);
      page = textOf((await caseManager.client.get(`/live/projects/${services}`)).body);
      assert.match(page, /Affiliated residential projects \(2\.02\.C\).*Harbor Transitional/);
      assert.doesNotMatch(page, /but none is listed/);
    });

    it('affiliations hold the projects in place: no “No” while they are listed, and the residential project stays residential', async () => {
      await admin.client.get(`/live/projects/${services}`);
      const edit = { ...project('Harbor Case Management', { projectType: '6', housingType: '' }), targetPopulation: '', hopwaMedAssistedLivingFac: '' };
      refusedAt(await admin.client.post(`/live/projects/${services}/edit`, { ...edit, residentialAffiliation: '0' }), 'residentialAffiliation', /lists 1 affiliated residential project: remove it first/);
      const residentialEdit = { ...project('Harbor Transitional', { projectType: '4', housingType: '' }), residentialAffiliation: '', targetPopulation: '', hopwaMedAssistedLivingFac: '' };
      refusedAt(await admin.client.post(`/live/projects/${housing}/edit`, residentialEdit), 'projectType', /1 services-only project names this one as its affiliated residential project/);
    });
  });

  describe('who may change the set-up', () => {
    const forms: [string, Record<string, string>][] = [
      ['cocs', { ...COC, cocCode: 'XX-502' }],
      ['funders', FUNDER],
      ['inventory', INVENTORY],
      ['hmis-participation', { hmisParticipationType: '1', startDate: '01/01/2030' }],
      ['ce-participation', { accessPoint: '0', receivesReferrals: '0', startDate: '01/01/2030' }],
    ];

    it('everyone signed in reads the set-up; a case manager gets no controls and 403 on every form, and nothing changes', async () => {
      const page = await caseManager.client.get(`/live/projects/${shelter}`);
      assert.equal(page.status, 200);
      assert.match(textOf(page.body), /Continuum of Care \(2\.03\) .*XX-501/);
      assert.doesNotMatch(page.body, /\/new"|\/delete"|aria-label="Edit /);
      await refusedEverywhere(caseManager.client);
    });

    it('a manager of another agency reads the set-up but gets 403 on every form and deletion', async () => {
      const page = await otherManager.client.get(`/live/projects/${shelter}`);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.body, /\/new"|\/delete"/);
      await refusedEverywhere(otherManager.client);
    });

    it('the agency’s manager and an administrator see every control', async () => {
      for (const user of [manager, admin]) {
        const page = await user.client.get(`/live/projects/${shelter}`);
        for (const [kind] of forms) assert.match(page.body, new RegExp(`href="/live/projects/${shelter}/${kind}/new"`), `${user.username}: ${kind}`);
        assert.match(page.body, /aria-label="Delete CoC XX-501"/);
      }
    });

    async function refusedEverywhere(client: TestClient) {
      const counts = async () => Promise.all((['project_cocs', 'funders', 'inventories', 'hmis_participations', 'ce_participations'] as const).map(async (table) => (await rows(t, table, shelter)).length));
      const before = await counts();
      const coc = (await t.sites.live.projectSetup.projectCocs(shelter))[0]!;
      for (const [kind, form] of forms) {
        assert.equal((await client.get(`/live/projects/${shelter}/${kind}/new`)).status, 403, `GET ${kind}`);
        for (const body of [form, { ...form, startDate: 'nonsense', cocCode: '?' }]) {
          const refused = await client.post(`/live/projects/${shelter}/${kind}/new`, body);
          assert.equal(refused.status, 403, `POST ${kind}`);
          assert.match(textOf(refused.body), /Only HMIS administrators and this agency’s managers/);
        }
      }
      assert.equal((await client.get(`/live/projects/${shelter}/cocs/${coc.projectCocId}`)).status, 403);
      assert.equal((await client.post(`/live/projects/${shelter}/cocs/${coc.projectCocId}`, { ...COC, geocode: '110000' })).status, 403);
      assert.equal((await client.post(`/live/projects/${shelter}/cocs/${coc.projectCocId}/delete`)).status, 403);
      assert.deepEqual(await counts(), before);
      assert.equal((await t.sites.live.projectSetup.projectCocs(shelter))[0]!.geocode, '119999');
    }
  });

  it('hostile input to every set-up form is refused with a readable 4xx, never echoed unescaped, and saves nothing', async () => {
    const forms: [string, Record<string, string>][] = [
      ['cocs', COC],
      ['funders', FUNDER],
      ['inventory', INVENTORY],
      ['affiliations', { resProjectId: housing }],
      ['hmis-participation', { hmisParticipationType: '1', startDate: '01/01/2030' }],
      ['ce-participation', { accessPoint: '1', receivesReferrals: '0', startDate: '01/01/2030' }],
    ];
    const tables = ['project_cocs', 'funders', 'inventories', 'affiliations', 'hmis_participations', 'ce_participations'] as const;
    const counts = async () => Promise.all(tables.map(async (table) => (await rows(t, table, services)).length + (await rows(t, table, shelter)).length));
    const before = await counts();
    for (const [kind, form] of forms) {
      const id = kind === 'affiliations' ? services : shelter;
      await admin.client.get(`/live/projects/${id}`);
      for (const field of Object.keys(form)) {
        for (const value of ['<script>alert(1)</script>', 'a\u0000b', ['1', '2'], 'x'.repeat(5000)]) {
          const response = await admin.client.post(`/live/projects/${id}/${kind}/new`, { ...form, [field]: value as string });
          const label = `${kind}.${field} = ${String(value).slice(0, 20)}`;
          assert.ok(response.status >= 400 && response.status < 500, `${label}: ${response.status}`);
          assert.match(response.body, /role="alert"/, label);
          assert.ok(!response.body.includes('<script>alert(1)</script>'), `${label}: echoed unescaped`);
        }
      }
    }
    assert.deepEqual(await counts(), before);
  });

  it('unknown kinds, projects and records are 404s; a set-up change needs the CSRF token', async () => {
    await admin.client.get(`/live/projects/${shelter}`);
    assert.equal((await admin.client.get(`/live/projects/${shelter}/budgets/new`)).status, 404);
    assert.equal((await admin.client.get(`/live/projects/${'f'.repeat(32)}/funders/new`)).status, 404);
    assert.equal((await admin.client.get(`/live/projects/${shelter}/funders/${'0'.repeat(32)}`)).status, 404);
    assert.equal((await admin.client.get(`/live/projects/${shelter}/affiliations/${'0'.repeat(32)}`)).status, 404);
    const before = (await rows(t, 'funders', shelter)).length;
    for (const token of ['', 'forged']) {
      const refused = await admin.client.post(`/live/projects/${shelter}/funders/new`, { ...FUNDER, _csrf: token });
      assert.equal(refused.status, 403);
    }
    assert.equal((await rows(t, 'funders', shelter)).length, before);
  });
});
