import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { Viewer } from '../../src/access/access-policy.js';
import { EMPTY_CLIENT_INPUT, validateClientInput } from '../../src/clients/client-fields.js';
import type { ProjectInput } from '../../src/projects/projects.service.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { addCoc } from '../helpers/project-coc.js';
import { readExport } from '../exchange/zip.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { CHILD, createClient, enroll, HOMELESS_ADULT, user } from '../enrollments/fixtures.js';

/**
 * Issue 12 item 3, 4.14 bed nights: the check-in screen of night-by-night shelters. Last nights' guests in one list
 * to tick, whole households at once, a search to add others (a stay opened for those without one), one bed night
 * per enrollment and night within the stay, 100+ guests at once, and who may use it.
 */

const ACTOR = { userId: null, username: 'setup', ip: null };
const ADMIN: Viewer = { userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() };

let t: TestApp;
let caseA: TestClient;
let caseB: TestClient;
let nbn: string;
let entryExit: string;
const p = {} as Record<'ana' | 'ben' | 'cleo' | 'dan' | 'eve' | 'newcomer', string>;
const e = {} as Record<'ana' | 'dan' | 'eve', string>;

function project(name: string, projectType: string): ProjectInput {
  return { name, commonName: '', operatingStartDate: '2020-01-01', operatingEndDate: '', continuumProject: '1', projectType, housingType: '1', rrhSubType: '' };
}

async function bedNights(enrollmentId: string) {
  return t.sites.live.db
    .selectFrom('services')
    .select(['personal_id', 'record_type', 'type_provided', 'user_id', (eb) => eb.fn<string>('to_char', [eb.ref('date_provided'), eb.val('YYYY-MM-DD')]).as('night')])
    .where('enrollment_id', '=', enrollmentId)
    .orderBy('date_provided')
    .execute();
}

const checkInPath = () => `/live/projects/${nbn}/check-in`;

before(async () => {
  t = await startTestApp({ sites: ['live'] });
  const projects = t.sites.live.projects;
  const a = await projects.createOrganization({ name: 'Harbor Light', commonName: '', victimServiceProvider: '0' }, ACTOR);
  const b = await projects.createOrganization({ name: 'Northside Housing', commonName: '', victimServiceProvider: '0' }, ACTOR);
  nbn = (await projects.createProject(ADMIN, a.organizationId, project('Harbor Night Shelter', '1'), ACTOR)).projectId;
  entryExit = (await projects.createProject(ADMIN, a.organizationId, project('Harbor Family Shelter', '0'), ACTOR)).projectId;
  await addCoc(t.sites.live, [nbn, entryExit]);
  caseA = await user(t, 'case_manager', [a.organizationId], 'Cara');
  caseB = await user(t, 'case_manager', [b.organizationId], 'Bo');
  p.ana = await createClient(t, 'Ana', 'Night', '1980-03-03');
  p.ben = await createClient(t, 'Ben', 'Night', '2015-06-06');
  p.cleo = await createClient(t, 'Cleo', 'Night', '2017-07-07');
  p.dan = await createClient(t, 'Dan', 'Doorway', '1975-05-05');
  p.eve = await createClient(t, 'Eve', 'Evening', '1990-09-09');
  p.newcomer = await createClient(t, 'Nora', 'Newcomer', '1988-08-08');
  // A family of three and two people alone, all from 11/20.
  e.ana = await enroll(caseA, { client: p.ana, projectId: nbn, members: [[p.ana, HOMELESS_ADULT], [p.ben, CHILD], [p.cleo, CHILD]] });
  e.dan = await enroll(caseA, { client: p.dan, projectId: nbn, members: [[p.dan, HOMELESS_ADULT]] });
  e.eve = await enroll(caseA, { client: p.eve, projectId: nbn, members: [[p.eve, HOMELESS_ADULT]] });
});
after(() => t.close());

describe('4.14 the check-in screen', () => {
  it('lists every household with an open stay, each guest and each whole household a box to tick, and is linked from the project page', async () => {
    const projectPage = await caseA.get(`/live/projects/${nbn}`);
    assert.match(projectPage.body, new RegExp(`href="/live/projects/${nbn}/check-in"`));
    const page = await caseA.get(checkInPath());
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /Check-in for tonight \(11\/27\/2026\)/);
    assert.match(text, /0 of 5 guests with an open stay checked in/);
    for (const name of ['Night, Ana', 'Night, Ben', 'Night, Cleo', 'Doorway, Dan', 'Evening, Eve']) assert.match(text, new RegExp(name));
    assert.match(page.body, /name="household"/, 'a family is ticked at once');
    assert.match(text, /Whole household of Night, Ana \(3 people\)/);
    assert.equal((page.body.match(/name="enrollment"/g) ?? []).length, 5);
  });

  it('checks in a whole household and a guest alone: one bed night each for the night (Services RecordType 200, TypeProvided 200), audited', async () => {
    await caseA.get(checkInPath());
    const [family] = await t.sites.live.db.selectFrom('enrollments').select('household_id').where('enrollment_id', '=', e.ana).execute();
    const response = await caseA.post(checkInPath(), { night: '2026-11-27', household: family!.household_id, enrollment: e.dan });
    assert.equal(response.status, 303, textOf(response.body));
    const done = await caseA.get(response.location!);
    assert.match(textOf(done.body), /4 guests checked in for tonight \(11\/27\/2026\)\./);
    assert.match(textOf(done.body), /4 of 5 guests with an open stay checked in/);
    const nights = await bedNights(e.dan);
    assert.deepEqual(nights, [{ personal_id: p.dan, record_type: 200, type_provided: 200, user_id: nights[0]!.user_id, night: '2026-11-27' }]);
    const all = await t.sites.live.db.selectFrom('services').select('personal_id').where('date_provided', '=', '2026-11-27').execute();
    assert.deepEqual(all.map((r) => r.personal_id).sort(), [p.ana, p.ben, p.cleo, p.dan].sort(), 'every member of the household, not only the head');
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.bed_night_recorded' });
    assert.equal(audit.length, 4);
    assert.ok(audit.every((entry) => !JSON.stringify(entry.details).includes('Night')), 'no client name in the audit details');
  });

  it('records one bed night per enrollment and night: checking a guest in twice says they already were', async () => {
    await caseA.get(checkInPath());
    const response = await caseA.post(checkInPath(), { night: '11/27/2026', enrollment: [e.dan, e.eve] });
    assert.equal(response.status, 303);
    const done = await caseA.get(response.location!);
    assert.match(textOf(done.body), /1 guest checked in for tonight \(11\/27\/2026\); 1 already were/);
    assert.equal((await bedNights(e.dan)).length, 1);
  });

  it('puts last night’s guests first, and says when each last slept here', async () => {
    // Catching up on the night of the 25th: only Eve slept here then.
    await caseA.get(checkInPath());
    const back = await caseA.post(checkInPath(), { night: '11/25/2026', enrollment: e.eve });
    assert.equal(back.status, 303);
    const page = await caseA.get(`${checkInPath()}?night=11/26/2026`);
    const text = textOf(page.body);
    assert.match(text, /Check-in for the night of 11\/26\/2026/);
    assert.match(text, /Guest Entry Last bed night 11\/26\/2026 Evening, Eve 11\/20\/2026 Last night \(11\/25\/2026\) Not yet /, `Eve first: ${text}`);
    assert.match(text, /0 of 5 guests/);
  });

  it('refuses a night in the future, a bed night before the stay began, and an empty check-in, each with its message and 422', async () => {
    await caseA.get(checkInPath());
    const future = await caseA.post(checkInPath(), { night: '11/28/2026', enrollment: e.dan });
    assert.equal(future.status, 422);
    assert.match(textOf(future.body), /not for a night to come/);
    const early = await caseA.post(checkInPath(), { night: '11/19/2026', enrollment: e.dan });
    assert.equal(early.status, 422);
    assert.match(textOf(early.body), /Doorway, Dan entered on 11\/20\/2026: a bed night cannot be before the stay began/);
    const nobody = await caseA.post(checkInPath(), { night: '11/27/2026' });
    assert.equal(nobody.status, 422);
    assert.match(textOf(nobody.body), /Tick at least one guest/);
    const badNight = await caseA.get(`${checkInPath()}?night=yesterday`);
    assert.equal(badNight.status, 422);
    assert.match(textOf(badNight.body), /is not a date/);
  });

  it('refuses a bed night on or after the exit date: the exit date of a night-by-night stay is the day after the last night', async () => {
    const exit = await caseA.post(`/live/enrollments/${e.eve}/exit`, { scope: 'member', exitDate: '11/26/2026', destination: '116' });
    assert.equal(exit.status, 303, textOf(exit.body).slice(0, 800));
    await caseA.get(checkInPath());
    const refused = await caseA.post(checkInPath(), { night: '11/26/2026', enrollment: e.eve });
    assert.equal(refused.status, 422);
    assert.match(textOf(refused.body), /no open stay in this shelter/);
  });

  it('finds others by search, and checking in a guest with no stay here opens one from that night (their own household, head, entry data to complete)', async () => {
    const search = await caseA.get(`${checkInPath()}?q=Newcomer`);
    assert.equal(search.status, 200);
    assert.match(search.body, new RegExp(`name="client" value="${p.newcomer}"`));
    assert.match(textOf(search.body), /No open stay here: checking in opens one from 11\/27\/2026/);
    const known = await caseA.get(`${checkInPath()}?q=Doorway`);
    assert.match(textOf(known.body), /Doorway, Dan .*has an open stay here, tick them in the list below/);

    const response = await caseA.post(checkInPath(), { night: '11/27/2026', client: p.newcomer });
    assert.equal(response.status, 303, textOf(response.body).slice(0, 1500));
    const stays = await t.sites.live.db.selectFrom('enrollments').selectAll().where('personal_id', '=', p.newcomer).execute();
    assert.equal(stays.length, 1);
    const stay = stays[0]!;
    assert.equal(stay.project_id, nbn);
    assert.equal(stay.relationship_to_hoh, 1);
    assert.equal(stay.disabling_condition, 99);
    assert.deepEqual((await bedNights(stay.enrollment_id)).map((n) => n.night), ['2026-11-27'], 'a bed night on the project start date');
    const done = await caseA.get(response.location!);
    assert.match(done.body, new RegExp(`href="/live/enrollments/${stay.enrollment_id}/edit"[^>]*>Newcomer, Nora`), 'the page links to completing the entry data');

    const again = await caseA.post(checkInPath(), { night: '11/27/2026', client: p.newcomer });
    assert.equal(again.status, 422);
    assert.match(textOf(again.body), /already has a stay here: tick them in the list instead/);
  });

  it('checks in 120 guests in one submit', async () => {
    // 120 people written as the Training generator writes them (creating each through the form is tested elsewhere).
    const now = t.clock.now();
    const crowd = Array.from({ length: 120 }, (_, i) => ({
      personalId: randomBytes(16).toString('hex'),
      ...validateClientInput({ ...EMPTY_CLIENT_INPUT, firstName: `Guest${i}`, lastName: 'Crowd', nameDataQuality: '1', ssnDataQuality: '99', dob: '1970-01-01', dobDataQuality: '1', races: ['white'], sex: '1', veteranStatus: '0' }, '2026-11-27'),
      dateCreated: now,
      dateUpdated: now,
      userId: 'setup',
    }));
    await t.sites.live.clients.writeGenerated(t.sites.live.db, crowd);
    const ids = crowd.map((c) => c.personalId);
    await caseA.get(checkInPath());
    const response = await caseA.post(checkInPath(), { night: '11/26/2026', client: ids });
    assert.equal(response.status, 303, textOf(response.body).slice(0, 1500));
    const count = await t.sites.live.db.selectFrom('services').select((eb) => eb.fn.countAll<string>().as('n')).where('date_provided', '=', '2026-11-26').executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 120);
    const page = await caseA.get(checkInPath());
    assert.equal(page.status, 200);
  });
});

describe('4.14 who may check guests in', () => {
  it('users of other agencies can neither see the list nor check anyone in (the enrollments’ rule)', async () => {
    const page = await caseB.get(checkInPath());
    assert.equal(page.status, 403);
    await caseB.get('/live/');
    const post = await caseB.post(checkInPath(), { night: '11/27/2026', enrollment: e.dan });
    assert.equal(post.status, 403);
  });

  it('a project that is not a night-by-night shelter has no check-in', async () => {
    const page = await caseA.get(`/live/projects/${entryExit}/check-in`);
    assert.equal(page.status, 409);
    assert.match(textOf(page.body), /does not record bed nights/);
    const projectPage = await caseA.get(`/live/projects/${entryExit}`);
    assert.doesNotMatch(projectPage.body, /check-in"/);
  });
});

describe('4.14 bed nights corrected: a check-in made by mistake is removed', () => {
  const removeFromPage = (enrollmentId: string, servicesId: string) => `/live/enrollments/${enrollmentId}/bed-nights/${servicesId}/delete`;

  async function liveNights(enrollmentId: string) {
    return t.sites.live.db
      .selectFrom('services')
      .select(['services_id', 'date_deleted', (eb) => eb.fn<string>('to_char', [eb.ref('date_provided'), eb.val('YYYY-MM-DD')]).as('night')])
      .where('enrollment_id', '=', enrollmentId)
      .orderBy('date_provided', 'desc')
      .execute();
  }

  async function exportedServices(): Promise<string[]> {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await t.sites.live.hudExports.write({ operator: ACTOR }, { from: '2025-10-01', to: '2026-11-30', projectIds: [], cocCode: null, periodType: null, directive: 'full', hash: false }, out);
    return (await readExport(Buffer.concat(chunks))).get('Services.csv')!.rows.map((r) => r.ServicesID!);
  }

  it('the enrollment page of a night-by-night stay lists its bed nights, latest first, the latest 30 with “show all”', async () => {
    const lou = await createClient(t, 'Lou', 'Longstay', '1966-06-06');
    const stay = await enroll(caseA, { client: lou, projectId: nbn, entryDate: '09/01/2026', members: [[lou, HOMELESS_ADULT]] });
    const now = t.clock.now();
    const nights = Array.from({ length: 40 }, (_, i) => ({ servicesId: randomBytes(16).toString('hex'), enrollmentId: stay, personalId: lou, night: `2026-10-${String(i < 31 ? i + 1 : 1).padStart(2, '0')}`, dateCreated: now, dateUpdated: now, userId: 'setup' }));
    // 31 nights of October and 9 of September.
    for (let i = 31; i < 40; i++) nights[i]!.night = `2026-09-${String(i - 30).padStart(2, '0')}`;
    await t.sites.live.shelter.writeGenerated(t.sites.live.db, nights);

    const page = textOf((await caseA.get(`/live/enrollments/${stay}`)).body);
    assert.match(page, /Bed nights \(4\.14\) 40 bed nights; the latest 30 are shown\. Show all 40 bed nights Bed nights, latest first Night Recorded Checked in by mistake\? 10\/31\/2026 /);
    assert.equal((page.match(/Remove the bed night of/g) ?? []).length, 30);
    assert.doesNotMatch(page, /10\/01\/2026/, 'the oldest are behind “show all”');
    const all = textOf((await caseA.get(`/live/enrollments/${stay}?nights=all`)).body);
    assert.equal((all.match(/Remove the bed night of/g) ?? []).length, 40);
    assert.match(all, /09\/01\/2026 [^/]+ by setup Remove the bed night of 09\/01\/2026/);
    assert.doesNotMatch(all, /Show all/);

    const dan = textOf((await caseA.get(`/live/enrollments/${e.dan}`)).body);
    assert.match(dan, /Bed nights \(4\.14\) 1 bed night\. Bed nights, latest first Night Recorded Checked in by mistake\? 11\/27\/2026 /);
    // HUD's UserID is the account's id; the page names the account (Cara Tester checked Dan in).
    assert.match(dan, /11\/27\/2026 [^/]+ by ctester Remove the bed night of 11\/27\/2026/);
  });

  it('“Remove” takes a bed night off the page, the reports’ source and a full export, keeps its row with HUD’s DateDeleted, and is audited', async () => {
    const [night] = await liveNights(e.dan);
    assert.ok(night && night.date_deleted === null);
    assert.ok((await exportedServices()).includes(night.services_id));
    await caseA.get(`/live/enrollments/${e.dan}`);
    const removed = await caseA.post(removeFromPage(e.dan, night.services_id), {});
    assert.equal(removed.status, 303, textOf(removed.body));
    assert.equal(removed.location, `/live/enrollments/${e.dan}?done=bed-night-removed#bed-nights-heading`);
    const page = textOf((await caseA.get(removed.location!)).body);
    assert.match(page, /The bed night is removed\./);
    assert.match(page, /Bed nights \(4\.14\) No bed night recorded yet/);
    const [row] = await liveNights(e.dan);
    assert.ok(row!.date_deleted !== null, 'the row stays, deleted');
    assert.ok(!(await exportedServices()).includes(night.services_id), 'a removed bed night is not in a full export');
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.bed_night_deleted' });
    assert.deepEqual(audit.map((a) => a.details), [{ enrollmentId: e.dan, servicesId: night.services_id, night: '2026-11-27' }]);
    assert.equal((await caseA.post(removeFromPage(e.dan, night.services_id), {})).status, 404, 'removed once');
    assert.equal((await caseA.post(removeFromPage(e.dan, 'not-an-id'), {})).status, 404);

    // The guest can be checked in for that night again: a new bed night, the removed one stays removed.
    await caseA.get(checkInPath());
    const again = await caseA.post(checkInPath(), { night: '11/27/2026', enrollment: e.dan });
    assert.equal(again.status, 303, textOf(again.body).slice(0, 800));
    const rows = await liveNights(e.dan);
    assert.equal(rows.length, 2);
    assert.equal(rows.filter((r) => r.date_deleted === null).length, 1);
  });

  it('users of other agencies can neither see nor remove a bed night: not found', async () => {
    const [night] = (await liveNights(e.dan)).filter((r) => r.date_deleted === null);
    assert.equal((await caseB.get(`/live/enrollments/${e.dan}`)).status, 404);
    await caseB.get('/live/');
    assert.equal((await caseB.post(removeFromPage(e.dan, night!.services_id), {})).status, 404);
    const post = await caseB.post(`${checkInPath()}/remove`, { night: '11/27/2026', enrollment: e.dan });
    assert.equal(post.status, 403);
    assert.equal((await liveNights(e.dan)).filter((r) => r.date_deleted === null).length, 1, 'nothing removed');
  });

  it('the check-in screen unticks a guest checked in by mistake for the night; the check-in stays the form’s default button', async () => {
    const before = await caseA.get(checkInPath());
    const text = textOf(before.body);
    const checkedIn = Number(/(\d+) of \d+ guests with an open stay checked in/.exec(text)![1]);
    assert.match(before.body, new RegExp(`<button type="submit" form="check-in-remove" name="enrollment" value="${e.dan}"`));
    assert.match(before.body, /<form method="post" action="\/live\/projects\/[0-9a-f]+\/check-in\/remove" class="inline" id="check-in-remove"/);
    // Enter in the check-in form presses its first own button: the check-in, never a "Remove" (owned by the other form).
    const start = before.body.indexOf(`method="post" action="/live/projects/${nbn}/check-in"`);
    const checkInForm = before.body.slice(start, before.body.indexOf('</form>', start));
    const ownButtons = [...checkInForm.matchAll(/<button\b[^>]*>[^<]*/g)].map((m) => m[0]).filter((b) => !b.includes('form="check-in-remove"'));
    assert.equal(ownButtons.length, 1, ownButtons.join('\n'));
    assert.match(ownButtons[0]!, /Check in the guests ticked/);

    const removed = await caseA.post(`${checkInPath()}/remove`, { night: '2026-11-27', enrollment: e.dan });
    assert.equal(removed.status, 303, textOf(removed.body).slice(0, 800));
    const after = textOf((await caseA.get(removed.location!)).body);
    assert.match(after, /Doorway, Dan is no longer checked in for tonight \(11\/27\/2026\)\./);
    assert.match(after, new RegExp(`${checkedIn - 1} of \\d+ guests with an open stay checked in`));
    assert.equal((await liveNights(e.dan)).filter((r) => r.date_deleted === null).length, 0);
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.bed_night_deleted' });
    assert.equal(audit.length, 2);

    const twice = await caseA.post(`${checkInPath()}/remove`, { night: '2026-11-27', enrollment: e.dan });
    assert.equal(twice.status, 422);
    assert.match(textOf(twice.body), /Doorway, Dan is not checked in for 11\/27\/2026: reload the list/);
    const stranger = await caseA.post(`${checkInPath()}/remove`, { night: '2026-11-27', enrollment: 'x'.repeat(32) });
    assert.equal(stranger.status, 422);
    assert.match(textOf(stranger.body), /no open stay in this shelter/);
  });
});
