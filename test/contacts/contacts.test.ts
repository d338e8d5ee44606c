import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Viewer } from '../../src/access/access-policy.js';
import type { ProjectInput } from '../../src/projects/projects.service.js';
import { PassThrough } from 'node:stream';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { readExport } from '../exchange/zip.js';
import { addCoc } from '../helpers/project-coc.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { CHILD, createClient, enroll, HOMELESS_ADULT, user } from '../enrollments/fixtures.js';

/**
 * Issue 12 item 3, 4.12 current living situation contacts and 4.13 date of engagement: asked where HUD's collection
 * rules say (here an ESG-funded street outreach project), of the head of household and adults; HUD's dependencies;
 * within the stay; the history on the enrollment; audited; the enrollments' visibility rule.
 */

const ACTOR = { userId: null, username: 'setup', ip: null };
const ADMIN: Viewer = { userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() };

let t: TestApp;
let caseA: TestClient;
let caseB: TestClient;
const e = {} as Record<'head' | 'child' | 'housing', string>;

function project(name: string, projectType: string): ProjectInput {
  return { name, commonName: '', operatingStartDate: '2020-01-01', operatingEndDate: '', continuumProject: '1', projectType, housingType: projectType === '4' ? '' : '1', rrhSubType: '' };
}

const VALID = { informationDate: '11/25/2026', currentLivingSituation: '116', locationDetails: 'Under the 5th Street bridge' };

before(async () => {
  t = await startTestApp({ sites: ['live'] });
  const { projects, projectSetup } = t.sites.live;
  const a = await projects.createOrganization({ name: 'Harbor Light', commonName: '', victimServiceProvider: '0' }, ACTOR);
  const b = await projects.createOrganization({ name: 'Northside Housing', commonName: '', victimServiceProvider: '0' }, ACTOR);
  const outreach = (await projects.createProject(ADMIN, a.organizationId, project('Harbor Street Outreach', '4'), ACTOR)).projectId;
  await projectSetup.addFunder(ADMIN, outreach, { funder: '11', otherFunder: '', grantId: 'ESG-SO-1', startDate: '01/01/2020', endDate: '' }, true, ACTOR);
  const housing = (await projects.createProject(ADMIN, a.organizationId, project('Harbor Transitional', '2'), ACTOR)).projectId;
  await addCoc(t.sites.live, [outreach, housing]);
  caseA = await user(t, 'case_manager', [a.organizationId], 'Cara');
  caseB = await user(t, 'case_manager', [b.organizationId], 'Bo');
  const ray = await createClient(t, 'Ray', 'Street', '1980-01-01');
  const kim = await createClient(t, 'Kim', 'Street', '2016-01-01');
  const ted = await createClient(t, 'Ted', 'Tran', '1970-03-03');
  e.head = await enroll(caseA, { client: ray, projectId: outreach, members: [[ray, HOMELESS_ADULT], [kim, CHILD]] });
  const [child] = await t.sites.live.db.selectFrom('enrollments').select('enrollment_id').where('personal_id', '=', kim).execute();
  e.child = child!.enrollment_id;
  e.housing = await enroll(caseA, { client: ted, projectId: housing, members: [[ted, HOMELESS_ADULT]] });
});
after(() => t.close());

describe('4.12 current living situation contacts', () => {
  it('the head’s enrollment in a street outreach project offers contacts and the date of engagement; a child’s does not', async () => {
    const head = textOf((await caseA.get(`/live/enrollments/${e.head}`)).body);
    assert.match(head, /Engagement and contacts Date of engagement \(4\.13\): not engaged yet\. Record the date of engagement/);
    assert.match(head, /Record a contact No contact recorded yet/);
    const child = textOf((await caseA.get(`/live/enrollments/${e.child}`)).body);
    assert.doesNotMatch(child, /Engagement and contacts/);
    assert.equal((await caseA.get(`/live/enrollments/${e.child}/contacts/new`)).status, 409);
  });

  it('refuses what HUD’s rules forbid, each with its message on its field and 422, keeping what was typed', async () => {
    await caseA.get(`/live/enrollments/${e.head}/contacts/new`);
    const cases: [Record<string, string>, RegExp][] = [
      [{ informationDate: '11/19/2026' }, /cannot be before the project start \(11\/20\/2026\)/],
      [{ informationDate: '11/28/2026' }, /cannot be in the future/],
      [{ currentLivingSituation: '312' }, /Choose one of the living situations in the list/],
      [{ currentLivingSituation: '435', leaveSituation14Days: '0' }, /Choose the rental subsidy type/],
      [{ clsSubsidyType: '419' }, /asked only for a rental with ongoing housing subsidy/],
      [{ leaveSituation14Days: '1' }, /asked only when the client is not homeless/],
      [{ currentLivingSituation: '410' }, /Answer whether the client will have to leave within 14 days/],
      [{ currentLivingSituation: '410', leaveSituation14Days: '1' }, /HUD asks it when the client will have to leave within 14 days/],
      [{ currentLivingSituation: '410', leaveSituation14Days: '0', movedTwoOrMore: '1' }, /asked only when the client will have to leave within 14 days/],
      [{ verifiedBy: 'Harbor CE' }, /coordinated entry projects only/],
    ];
    for (const [overrides, message] of cases) {
      const response = await caseA.post(`/live/enrollments/${e.head}/contacts/new`, { ...VALID, ...overrides });
      assert.equal(response.status, 422, JSON.stringify(overrides));
      assert.match(textOf(response.body), message, JSON.stringify(overrides));
      assert.match(response.body, /Under the 5th Street bridge/);
    }
    const rows = await t.sites.live.db.selectFrom('current_living_situations').selectAll().execute();
    assert.equal(rows.length, 0);
  });

  it('records contacts with their location and lists them on the enrollment, latest first; audited without client data', async () => {
    const first = await caseA.post(`/live/enrollments/${e.head}/contacts/new`, VALID);
    assert.equal(first.status, 303, textOf(first.body).slice(0, 800));
    const second = await caseA.post(`/live/enrollments/${e.head}/contacts/new`, {
      informationDate: '11/26/2026',
      currentLivingSituation: '335',
      leaveSituation14Days: '1',
      subsequentResidence: '0',
      resourcesToObtain: '0',
      leaseOwn60Day: '0',
      movedTwoOrMore: '1',
      locationDetails: '',
    });
    assert.equal(second.status, 303, textOf(second.body).slice(0, 800));
    const page = textOf((await caseA.get(`/live/enrollments/${e.head}`)).body);
    assert.match(page, /11\/26\/2026 Staying or living in a family member's room[^;]*; must leave within 14 days — .* 11\/25\/2026 Place not meant for habitation.* Under the 5th Street bridge/);
    const rows = await t.sites.live.db.selectFrom('current_living_situations').selectAll().orderBy('information_date').execute();
    assert.deepEqual(
      rows.map((r) => [r.current_living_situation, r.leave_situation_14_days, r.moved_two_or_more, r.location_details, r.verified_by]),
      [
        [116, null, null, 'Under the 5th Street bridge', null],
        [335, 1, 1, null, null],
      ],
    );
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.contact_recorded' });
    assert.equal(audit.length, 2);
    assert.ok(audit.every((entry) => !JSON.stringify(entry.details).includes('bridge')));
  });
});

describe('4.12 contacts corrected and deleted', () => {
  async function recorded(locationDetails: string): Promise<string> {
    assert.equal((await caseA.post(`/live/enrollments/${e.head}/contacts/new`, { ...VALID, locationDetails })).status, 303);
    const row = await t.sites.live.db.selectFrom('current_living_situations').select('current_living_sit_id').where('location_details', '=', locationDetails).executeTakeFirstOrThrow();
    return row.current_living_sit_id;
  }

  it('a contact is corrected from the enrollment page with HUD’s rules; the correction is audited by field name', async () => {
    const id = await recorded('Behind the library');
    const page = await caseA.get(`/live/enrollments/${e.head}`);
    assert.match(page.body, new RegExp(`href="/live/enrollments/${e.head}/contacts/${id}/edit"`));
    const form = await caseA.get(`/live/enrollments/${e.head}/contacts/${id}/edit`);
    assert.equal(form.status, 200);
    assert.match(form.body, /value="Behind the library"/);
    assert.match(form.body, /value="11\/25\/2026"/);
    const refused = await caseA.post(`/live/enrollments/${e.head}/contacts/${id}/edit`, { ...VALID, informationDate: '11/19/2026', locationDetails: 'Behind the old library' });
    assert.equal(refused.status, 422);
    assert.match(textOf(refused.body), /cannot be before the project start/);
    assert.match(refused.body, /value="Behind the old library"/, 'what was typed is kept');
    const saved = await caseA.post(`/live/enrollments/${e.head}/contacts/${id}/edit`, { ...VALID, locationDetails: 'Behind the old library' });
    assert.equal(saved.status, 303, textOf(saved.body).slice(0, 500));
    const row = await t.sites.live.db.selectFrom('current_living_situations').selectAll().where('current_living_sit_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.location_details, 'Behind the old library');
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.contact_corrected' });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.details.changed, 'locationDetails');
    assert.doesNotMatch(JSON.stringify(audit[0]!.details), /library/);
  });

  it('a contact deleted leaves the page and a full export, keeps its row with HUD’s DateDeleted, and is audited', async () => {
    const id = await recorded('Wrong client entirely');
    const deleted = await caseA.post(`/live/enrollments/${e.head}/contacts/${id}/delete`, {});
    assert.equal(deleted.status, 303);
    assert.doesNotMatch((await caseA.get(`/live/enrollments/${e.head}`)).body, /Wrong client entirely/);
    const row = await t.sites.live.db.selectFrom('current_living_situations').select(['date_deleted']).where('current_living_sit_id', '=', id).executeTakeFirstOrThrow();
    assert.ok(row.date_deleted !== null);
    assert.equal((await caseA.get(`/live/enrollments/${e.head}/contacts/${id}/edit`)).status, 404);
    assert.equal((await caseA.post(`/live/enrollments/${e.head}/contacts/${id}/delete`, {})).status, 404, 'deleted once');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await t.sites.live.hudExports.write({ operator: ACTOR }, { from: '2025-10-01', to: '2026-11-30', projectIds: [], cocCode: null, periodType: null, directive: 'full', hash: false }, out);
    const contacts = (await readExport(Buffer.concat(chunks))).get('CurrentLivingSituation.csv')!.rows.map((r) => r.CurrentLivingSitID);
    assert.ok(contacts.length > 0);
    assert.ok(!contacts.includes(id), 'a deleted contact is not in a full export');
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.contact_deleted' });
    assert.deepEqual(audit.map((a) => a.details.currentLivingSitId), [id]);
  });

  it('users of other agencies can neither open, correct nor delete a contact', async () => {
    const id = await recorded('Seen by agency A only');
    assert.equal((await caseB.get(`/live/enrollments/${e.head}/contacts/${id}/edit`)).status, 404);
    assert.equal((await caseB.post(`/live/enrollments/${e.head}/contacts/${id}/edit`, VALID)).status, 404);
    assert.equal((await caseB.post(`/live/enrollments/${e.head}/contacts/${id}/delete`, {})).status, 404);
    assert.equal((await caseA.get(`/live/enrollments/${e.housing}/contacts/${id}/edit`)).status, 409, 'not asked there');
    const row = await t.sites.live.db.selectFrom('current_living_situations').select(['location_details', 'date_deleted']).where('current_living_sit_id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { location_details: 'Seen by agency A only', date_deleted: null });
  });
});

describe('4.13 date of engagement', () => {
  it('is within the stay, not in the future; recorded, corrected and cleared; audited', async () => {
    await caseA.get(`/live/enrollments/${e.head}/engagement`);
    for (const [typed, message] of [['11/19/2026', /cannot be before the project start/], ['11/30/2026', /cannot be in the future/], ['later', /is not a date/]] as const) {
      const response = await caseA.post(`/live/enrollments/${e.head}/engagement`, { dateOfEngagement: typed });
      assert.equal(response.status, 422);
      assert.match(textOf(response.body), message);
    }
    assert.equal((await caseA.post(`/live/enrollments/${e.head}/engagement`, { dateOfEngagement: '11/25/2026' })).status, 303);
    assert.match(textOf((await caseA.get(`/live/enrollments/${e.head}`)).body), /Date of engagement \(4\.13\): 11\/25\/2026\. Correct the date of engagement/);
    const [dates] = await t.sites.live.enrollments.occurrenceDates([e.head]);
    assert.equal(dates!.dateOfEngagement, '2026-11-25');
    assert.equal((await caseA.post(`/live/enrollments/${e.head}/engagement`, { dateOfEngagement: '' })).status, 303);
    const [cleared] = await t.sites.live.enrollments.occurrenceDates([e.head]);
    assert.equal(cleared!.dateOfEngagement, null);
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.engagement_recorded' });
    assert.equal(audit.length, 2);
  });

  it('is not asked where HUD’s rules do not ask it', async () => {
    assert.doesNotMatch(textOf((await caseA.get(`/live/enrollments/${e.housing}`)).body), /Engagement and contacts/);
    assert.equal((await caseA.get(`/live/enrollments/${e.housing}/engagement`)).status, 409);
    assert.equal((await caseA.get(`/live/enrollments/${e.housing}/contacts/new`)).status, 409);
  });

  it('users of other agencies can neither see nor record contacts or engagement', async () => {
    assert.equal((await caseB.get(`/live/enrollments/${e.head}/contacts/new`)).status, 404);
    assert.equal((await caseB.get(`/live/enrollments/${e.head}/engagement`)).status, 404);
    const post = await caseB.post(`/live/enrollments/${e.head}/contacts/new`, VALID);
    assert.ok(post.status === 404 || post.status === 403, String(post.status));
  });
});
