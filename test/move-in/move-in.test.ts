import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Viewer } from '../../src/access/access-policy.js';
import type { ProjectInput } from '../../src/projects/projects.service.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { addCoc } from '../helpers/project-coc.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { CHILD, createClient, enroll, HOMELESS_ADULT, user } from '../enrollments/fixtures.js';

/**
 * Issue 12 item 3, 3.20 housing move-in date: permanent housing projects (types 3, 9, 10, 13) only; the head of
 * household only; on or after project start, on or before exit, not in the future; corrected, never removed;
 * members take the head's date (those joining later their own entry date). Audited.
 */

const ACTOR = { userId: null, username: 'setup', ip: null };
const ADMIN: Viewer = { userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() };

let t: TestApp;
let caseA: TestClient;
let caseB: TestClient;
let psh: string;
let th: string;
const p = {} as Record<'mia' | 'leo' | 'baby' | 'ted' | 'sol', string>;
const e = {} as Record<'mia' | 'leo' | 'ted' | 'sol', string>;

function project(name: string, projectType: string): ProjectInput {
  return { name, commonName: '', operatingStartDate: '2020-01-01', operatingEndDate: '', continuumProject: '1', projectType, housingType: '1', rrhSubType: '' };
}

async function moveInOf(enrollmentId: string): Promise<string | null> {
  const [dates] = await t.sites.live.enrollments.occurrenceDates([enrollmentId]);
  return dates?.moveInDate ?? null;
}

before(async () => {
  t = await startTestApp({ sites: ['live'] });
  const projects = t.sites.live.projects;
  const a = await projects.createOrganization({ name: 'Harbor Light', commonName: '', victimServiceProvider: '0' }, ACTOR);
  const b = await projects.createOrganization({ name: 'Northside Housing', commonName: '', victimServiceProvider: '0' }, ACTOR);
  psh = (await projects.createProject(ADMIN, a.organizationId, project('Harbor Homes', '3'), ACTOR)).projectId;
  th = (await projects.createProject(ADMIN, a.organizationId, project('Harbor Transitional', '2'), ACTOR)).projectId;
  await addCoc(t.sites.live, [psh, th]);
  caseA = await user(t, 'case_manager', [a.organizationId], 'Cara');
  caseB = await user(t, 'case_manager', [b.organizationId], 'Bo');
  p.mia = await createClient(t, 'Mia', 'Home', '1985-01-01');
  p.leo = await createClient(t, 'Leo', 'Home', '2014-02-02');
  p.baby = await createClient(t, 'Bea', 'Home', '2026-11-10');
  p.ted = await createClient(t, 'Ted', 'Tran', '1970-03-03');
  p.sol = await createClient(t, 'Sol', 'Solo', '1972-04-04');
  e.mia = await enroll(caseA, { client: p.mia, projectId: psh, members: [[p.mia, HOMELESS_ADULT], [p.leo, CHILD]] });
  e.ted = await enroll(caseA, { client: p.ted, projectId: th, members: [[p.ted, HOMELESS_ADULT]] });
  e.sol = await enroll(caseA, { client: p.sol, projectId: psh, members: [[p.sol, HOMELESS_ADULT]] });
  const [leo] = await t.sites.live.db.selectFrom('enrollments').select('enrollment_id').where('personal_id', '=', p.leo).execute();
  e.leo = leo!.enrollment_id;
});
after(() => t.close());

describe('3.20 housing move-in date', () => {
  it('a permanent housing enrollment shows it, and offers recording it on the head’s enrollment only', async () => {
    const head = textOf((await caseA.get(`/live/enrollments/${e.mia}`)).body);
    assert.match(head, /Housing move-in date \(3\.20\) Not moved in yet\. Record the move-in date/);
    const member = await caseA.get(`/live/enrollments/${e.leo}`);
    assert.match(textOf(member.body), /Not moved in yet\. Taken from the head of household/);
    assert.doesNotMatch(member.body, /move-in"/);
    const refused = await caseA.get(`/live/enrollments/${e.leo}/move-in`);
    assert.equal(refused.status, 409);
    assert.match(textOf(refused.body), /recorded for the head of household only/);
  });

  it('is not collected by other project types', async () => {
    const page = await caseA.get(`/live/enrollments/${e.ted}`);
    assert.doesNotMatch(textOf(page.body), /Housing move-in date/);
    const form = await caseA.get(`/live/enrollments/${e.ted}/move-in`);
    assert.equal(form.status, 409);
    assert.match(textOf(form.body), /does not record housing move-in dates/);
  });

  it('refuses a date before project start, in the future, or not a date, each with its message and 422', async () => {
    await caseA.get(`/live/enrollments/${e.mia}/move-in`);
    const cases: [string, RegExp][] = [
      ['11/19/2026', /cannot be before the project start \(11\/20\/2026\)/],
      ['11/28/2026', /cannot be in the future/],
      ['soon', /is not a date/],
      ['', /Type the move-in date/],
    ];
    for (const [typed, message] of cases) {
      const response = await caseA.post(`/live/enrollments/${e.mia}/move-in`, { moveInDate: typed });
      assert.equal(response.status, 422, typed);
      assert.match(textOf(response.body), message);
      if (typed) assert.match(response.body, new RegExp(`value="${typed}"`), 'what was typed is kept');
    }
    assert.equal(await moveInOf(e.mia), null);
  });

  it('records the head’s date, gives it to the members present, audits it; a member joining later takes their own entry date', async () => {
    const saved = await caseA.post(`/live/enrollments/${e.mia}/move-in`, { moveInDate: '11/22/2026' });
    assert.equal(saved.status, 303, textOf(saved.body).slice(0, 800));
    assert.equal(await moveInOf(e.mia), '2026-11-22');
    assert.equal(await moveInOf(e.leo), '2026-11-22', 'a member present at move-in takes the head’s date');
    assert.match(textOf((await caseA.get(`/live/enrollments/${e.mia}`)).body), /Moved in on 11\/22\/2026\. Correct the move-in date/);
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.move_in_recorded' });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.details.corrected, false);

    const added = await caseA.post(`/live/enrollments/${e.mia}/members/new`, { personalId: p.baby, entryDate: '11/25/2026', ...CHILD });
    assert.equal(added.status, 303, textOf(added.body).slice(0, 800));
    const [baby] = await t.sites.live.db.selectFrom('enrollments').select('enrollment_id').where('personal_id', '=', p.baby).execute();
    assert.equal(await moveInOf(baby!.enrollment_id), '2026-11-25', 'joining after move-in: their own entry date');
  });

  it('is corrected, never removed', async () => {
    await caseA.get(`/live/enrollments/${e.mia}/move-in`);
    const cleared = await caseA.post(`/live/enrollments/${e.mia}/move-in`, { moveInDate: '' });
    assert.equal(cleared.status, 422);
    assert.match(textOf(cleared.body), /cannot be removed, only corrected/);
    const corrected = await caseA.post(`/live/enrollments/${e.mia}/move-in`, { moveInDate: '11/21/2026' });
    assert.equal(corrected.status, 303);
    assert.equal(await moveInOf(e.mia), '2026-11-21');
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.move_in_recorded' });
    assert.ok(audit.some((entry) => entry.details.corrected === true));
  });

  it('cannot be after the exit', async () => {
    const exit = await caseA.post(`/live/enrollments/${e.sol}/exit`, { scope: 'member', exitDate: '11/24/2026', destination: '116' });
    assert.equal(exit.status, 303, textOf(exit.body).slice(0, 800));
    await caseA.get(`/live/enrollments/${e.sol}/move-in`);
    const late = await caseA.post(`/live/enrollments/${e.sol}/move-in`, { moveInDate: '11/25/2026' });
    assert.equal(late.status, 422);
    assert.match(textOf(late.body), /cannot be after the exit \(11\/24\/2026\)/);
    const onExit = await caseA.post(`/live/enrollments/${e.sol}/move-in`, { moveInDate: '11/24/2026' });
    assert.equal(onExit.status, 303);
  });

  it('users of other agencies can neither see nor record it', async () => {
    const form = await caseB.get(`/live/enrollments/${e.mia}/move-in`);
    assert.equal(form.status, 404);
    const post = await caseB.post(`/live/enrollments/${e.mia}/move-in`, { moveInDate: '11/23/2026' });
    assert.ok(post.status === 404 || post.status === 403, String(post.status));
    assert.equal(await moveInOf(e.mia), '2026-11-21');
  });
});
