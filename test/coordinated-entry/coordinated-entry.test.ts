import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Viewer } from '../../src/access/access-policy.js';
import type { ProjectInput } from '../../src/projects/projects.service.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { addCoc } from '../helpers/project-coc.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { CHILD, createClient, enroll, HOMELESS_ADULT, user } from '../enrollments/fixtures.js';

/**
 * Issue 12 item 3, 4.19 coordinated entry assessments and 4.20 coordinated entry events: coordinated entry projects,
 * the head of household's enrollment, within the stay, HUD's fields and dependencies, listed on the enrollment,
 * audited, and the enrollments' visibility rule.
 */

const ACTOR = { userId: null, username: 'setup', ip: null };
const ADMIN: Viewer = { userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() };

let t: TestApp;
let caseA: TestClient;
let caseB: TestClient;
const e = {} as Record<'head' | 'child' | 'other', string>;

function project(name: string, projectType: string): ProjectInput {
  return { name, commonName: '', operatingStartDate: '2020-01-01', operatingEndDate: '', continuumProject: '1', projectType, housingType: projectType === '14' ? '' : '1', rrhSubType: '' };
}

const ASSESSMENT = { assessmentDate: '11/24/2026', assessmentLocation: 'Harbor Access Center', assessmentType: '3', assessmentLevel: '2', prioritizationStatus: '1' };
const EVENT = { eventDate: '11/25/2026', event: '13', locationCrisisOrPhHousing: 'Harbor Rapid Rehousing', referralResult: '1', resultDate: '11/26/2026' };

before(async () => {
  t = await startTestApp({ sites: ['live'] });
  const { projects } = t.sites.live;
  const a = await projects.createOrganization({ name: 'Harbor Light', commonName: '', victimServiceProvider: '0' }, ACTOR);
  const b = await projects.createOrganization({ name: 'Northside Housing', commonName: '', victimServiceProvider: '0' }, ACTOR);
  const ce = (await projects.createProject(ADMIN, a.organizationId, project('Harbor Coordinated Entry', '14'), ACTOR)).projectId;
  const th = (await projects.createProject(ADMIN, a.organizationId, project('Harbor Transitional', '2'), ACTOR)).projectId;
  await addCoc(t.sites.live, [ce, th]);
  caseA = await user(t, 'case_manager', [a.organizationId], 'Cara');
  caseB = await user(t, 'case_manager', [b.organizationId], 'Bo');
  const ava = await createClient(t, 'Ava', 'Access', '1984-01-01');
  const kai = await createClient(t, 'Kai', 'Access', '2015-01-01');
  const ted = await createClient(t, 'Ted', 'Tran', '1970-03-03');
  e.head = await enroll(caseA, { client: ava, projectId: ce, members: [[ava, HOMELESS_ADULT], [kai, CHILD]] });
  const [child] = await t.sites.live.db.selectFrom('enrollments').select('enrollment_id').where('personal_id', '=', kai).execute();
  e.child = child!.enrollment_id;
  e.other = await enroll(caseA, { client: ted, projectId: th, members: [[ted, HOMELESS_ADULT]] });
});
after(() => t.close());

describe('4.19 coordinated entry assessments', () => {
  it('are recorded on the head of household’s enrollment in a coordinated entry project only', async () => {
    const head = textOf((await caseA.get(`/live/enrollments/${e.head}`)).body);
    assert.match(head, /Coordinated entry Record an assessment Record an event Assessments \(4\.19\) No assessment recorded yet\. Events \(4\.20\) No event recorded yet/);
    assert.doesNotMatch(textOf((await caseA.get(`/live/enrollments/${e.child}`)).body), /Coordinated entry Record/);
    assert.equal((await caseA.get(`/live/enrollments/${e.child}/ce-assessments/new`)).status, 409);
    assert.equal((await caseA.get(`/live/enrollments/${e.other}/ce-events/new`)).status, 409);
  });

  it('need all five of HUD’s fields, dated within the stay', async () => {
    await caseA.get(`/live/enrollments/${e.head}/ce-assessments/new`);
    const cases: [Record<string, string>, RegExp][] = [
      [{ assessmentDate: '11/19/2026' }, /cannot be before the project start/],
      [{ assessmentLocation: '' }, /Type where the assessment took place/],
      [{ assessmentType: '' }, /Choose how the assessment was done/],
      [{ assessmentLevel: '3' }, /Choose the assessment level/],
      [{ prioritizationStatus: '' }, /Choose the prioritization status/],
    ];
    for (const [overrides, message] of cases) {
      const response = await caseA.post(`/live/enrollments/${e.head}/ce-assessments/new`, { ...ASSESSMENT, ...overrides });
      assert.equal(response.status, 422, JSON.stringify(overrides));
      assert.match(textOf(response.body), message);
    }
    const saved = await caseA.post(`/live/enrollments/${e.head}/ce-assessments/new`, ASSESSMENT);
    assert.equal(saved.status, 303, textOf(saved.body).slice(0, 800));
    assert.match(textOf((await caseA.get(`/live/enrollments/${e.head}`)).body), /11\/24\/2026: Housing needs assessment, in person at Harbor Access Center; placed on prioritization list/);
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.ce_assessment_recorded' });
    assert.equal(audit.length, 1);
  });
});

describe('4.20 coordinated entry events', () => {
  it('ask each dependent only for its events, and a result date with a result', async () => {
    await caseA.get(`/live/enrollments/${e.head}/ce-events/new`);
    const cases: [Record<string, string>, RegExp][] = [
      [{ event: '2', locationCrisisOrPhHousing: '', referralResult: '', resultDate: '' }, /Answer “Client housed or re-housed in a safe alternative”/],
      [{ event: '1', probSolDivRrResult: '1', locationCrisisOrPhHousing: '', referralResult: '', resultDate: '' }, /Leave “Client housed or re-housed in a safe alternative” empty/],
      [{ event: '5', locationCrisisOrPhHousing: '', referralResult: '', resultDate: '' }, /Answer “Enrolled in aftercare project”/],
      [{ event: '6' }, /Leave “Location of crisis housing or permanent housing referral” empty/],
      [{ event: '17' }, /Choose the event/],
      [{ resultDate: '' }, /Type the date of the referral result/],
      [{ resultDate: '11/24/2026' }, /cannot be before the event/],
      [{ referralResult: '' }, /Leave the result date empty until there is a referral result/],
      [{ eventDate: '11/28/2026' }, /cannot be in the future/],
    ];
    for (const [overrides, message] of cases) {
      const response = await caseA.post(`/live/enrollments/${e.head}/ce-events/new`, { ...EVENT, ...overrides });
      assert.equal(response.status, 422, JSON.stringify(overrides));
      assert.match(textOf(response.body), message, JSON.stringify(overrides));
    }
    assert.equal((await t.sites.live.db.selectFrom('events').selectAll().execute()).length, 0);
  });

  it('are recorded with their dependents and listed on the enrollment; audited', async () => {
    assert.equal((await caseA.post(`/live/enrollments/${e.head}/ce-events/new`, EVENT)).status, 303);
    assert.equal((await caseA.post(`/live/enrollments/${e.head}/ce-events/new`, { eventDate: '11/26/2026', event: '2', probSolDivRrResult: '0' })).status, 303);
    const rows = await t.sites.live.db.selectFrom('events').select(['event', 'prob_sol_div_rr_result', 'location_crisis_or_ph_housing', 'referral_result']).orderBy('event').execute();
    assert.deepEqual(rows, [
      { event: 2, prob_sol_div_rr_result: 0, location_crisis_or_ph_housing: null, referral_result: null },
      { event: 13, prob_sol_div_rr_result: null, location_crisis_or_ph_housing: 'Harbor Rapid Rehousing', referral_result: 1 },
    ]);
    const page = textOf((await caseA.get(`/live/enrollments/${e.head}`)).body);
    assert.match(page, /11\/26\/2026: Problem Solving\/Diversion\/Rapid Resolution intervention or service\. Delete the event of 11\/26\/2026 11\/25\/2026: Referral to RRH project resource opening \(Harbor Rapid Rehousing\); Successful referral: client accepted on 11\/26\/2026\./);
    assert.equal((await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.ce_event_recorded' })).length, 2);
  });

  it('users of other agencies can neither see nor record them', async () => {
    assert.equal((await caseB.get(`/live/enrollments/${e.head}/ce-assessments/new`)).status, 404);
    assert.equal((await caseB.get(`/live/enrollments/${e.head}/ce-events/new`)).status, 404);
    const [event] = await t.sites.live.db.selectFrom('events').select('event_id').where('date_deleted', 'is', null).execute();
    assert.equal((await caseB.post(`/live/enrollments/${e.head}/ce-events/${event!.event_id}/delete`, {})).status, 404);
    const [assessment] = await t.sites.live.db.selectFrom('assessments').select('assessment_id').execute();
    assert.equal((await caseB.post(`/live/enrollments/${e.head}/ce-assessments/${assessment!.assessment_id}/delete`, {})).status, 404);
    assert.equal((await t.sites.live.db.selectFrom('events').select('event_id').where('date_deleted', 'is not', null).execute()).length, 0);
  });

  it('an assessment or event recorded by mistake is deleted from the enrollment page (HUD’s DateDeleted); audited', async () => {
    const [assessment] = await t.sites.live.db.selectFrom('assessments').select('assessment_id').execute();
    const page = await caseA.get(`/live/enrollments/${e.head}`);
    assert.match(page.body, new RegExp(`action="/live/enrollments/${e.head}/ce-assessments/${assessment!.assessment_id}/delete"`));
    assert.equal((await caseA.post(`/live/enrollments/${e.head}/ce-assessments/${assessment!.assessment_id}/delete`, {})).status, 303);
    assert.match(textOf((await caseA.get(`/live/enrollments/${e.head}`)).body), /Assessments \(4\.19\) No assessment recorded yet/);
    const row = await t.sites.live.db.selectFrom('assessments').select('date_deleted').where('assessment_id', '=', assessment!.assessment_id).executeTakeFirstOrThrow();
    assert.ok(row.date_deleted !== null, 'the row stays, marked deleted');
    assert.equal((await caseA.post(`/live/enrollments/${e.head}/ce-assessments/${assessment!.assessment_id}/delete`, {})).status, 404, 'deleted once');
    const [event] = await t.sites.live.db.selectFrom('events').select('event_id').where('event', '=', 2).execute();
    assert.equal((await caseA.post(`/live/enrollments/${e.other}/ce-events/${event!.event_id}/delete`, {})).status, 409, 'only on its own CE enrollment');
    assert.equal((await caseA.post(`/live/enrollments/${e.head}/ce-events/${event!.event_id}/delete`, {})).status, 303);
    assert.equal((await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.ce_assessment_deleted' })).length, 1);
    assert.equal((await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.ce_event_deleted' })).length, 1);
  });
});
