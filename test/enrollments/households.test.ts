import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { buildWorld, CHILD, count, createClient, enroll, enrollmentsOf, HOMELESS_ADULT, user, type World } from './fixtures.js';

/**
 * A household's stay after entry: exits of one member or of everyone, the head of household who cannot leave
 * alone, a new head, a newborn joining, corrections of entry data and of exits; and where stays are listed
 * (the client profile, the project roster).
 */

let t: TestApp;
let w: World;
let caseA: TestClient;
const p = {} as Record<'ana' | 'ben' | 'cal' | 'dee' | 'baby' | 'eve' | 'other', string>;
/** Enrollment ids of the household (Ana head, Ben partner, Cal child, Dee other relation). */
const e = {} as Record<'ana' | 'ben' | 'cal' | 'dee' | 'baby', string>;

before(async () => {
  t = await startTestApp({ sites: ['live'] });
  w = await buildWorld(t);
  caseA = await user(t, 'case_manager', [w.agencyA], 'Cara');
  p.ana = await createClient(t, 'Ana', 'Brook', '1988-03-03');
  p.ben = await createClient(t, 'Ben', 'Brook', '1986-07-07');
  p.cal = await createClient(t, 'Cal', 'Brook', '2012-10-10');
  p.dee = await createClient(t, 'Dee', 'Brook', '1950-12-12');
  p.baby = await createClient(t, 'Baby', 'Brook', '2026-11-24');
  p.eve = await createClient(t, 'Eve', 'Single', '1992-02-02');
  p.other = await createClient(t, 'Olga', 'Other', '1980-08-08');
  e.ana = await enroll(caseA, {
    client: p.ana,
    projectId: w.shelterA,
    entryDate: '11/02/2026',
    members: [
      [p.ana, HOMELESS_ADULT],
      [p.ben, { ...HOMELESS_ADULT, relationshipToHoH: '3' }],
      [p.cal, CHILD],
      [p.dee, { ...HOMELESS_ADULT, relationshipToHoH: '4' }],
    ],
  });
  for (const key of ['ben', 'cal', 'dee'] as const) e[key] = (await enrollmentsOf(t, p[key]))[0]!.enrollment_id;
});
after(() => t.close());

async function exitOf(enrollmentId: string) {
  return t.sites.live.db.selectFrom('exits').selectAll().where('enrollment_id', '=', enrollmentId).where('date_deleted', 'is', null).executeTakeFirst();
}

describe('exits', () => {
  const exitRefusals: [string, Record<string, string>, RegExp][] = [
    ['no exit date', { exitDate: '' }, /Type the exit date/],
    ['an exit date that is no date', { exitDate: '13/01/2026' }, /“13\/01\/2026” is not a date/],
    ['an exit date before the entry date', { exitDate: '11/01/2026' }, /The exit date cannot be before the entry date \(11\/02\/2026\)/],
    ['an exit date in the future', { exitDate: '11/28/2026' }, /The exit date cannot be in the future/],
    ['no destination', { destination: '' }, /Choose the destination/],
    ['a destination HUD does not allow (staying in a friend’s room)', { destination: '336' }, /cannot be chosen as a destination/],
    ['“Worker unable to determine” as destination', { destination: '37' }, /cannot be chosen as a destination/],
    ['a subsidized rental without the subsidy type', { destination: '435' }, /Choose the rental subsidy type: HUD requires it/],
    ['a subsidy type with another destination', { destinationSubsidyType: '419' }, /Leave the rental subsidy type empty/],
    ['“Other” without a description', { destination: '17' }, /Describe the destination/],
    ['a description with another destination', { otherDestination: 'with an aunt' }, /Leave the description of the destination empty/],
    ['a description over 50 characters', { destination: '17', otherDestination: 'x'.repeat(51) }, /at most 50 characters/],
    ['markup in the description', { destination: '17', otherDestination: 'a <b>tag</b>' }, /cannot contain < > \[ \] \{ \}/],
  ];
  for (const [name, overrides, message] of exitRefusals) {
    it(`refuses ${name}, keeping what was typed`, async () => {
      const before = await count(t, 'exits');
      const form = { scope: 'member', exitDate: '11/20/2026', destination: '422', destinationSubsidyType: '', otherDestination: '', ...overrides };
      const response = await caseA.post(`/live/enrollments/${e.dee}/exit`, form);
      assert.equal(response.status, 422, textOf(response.body).slice(0, 500));
      assert.match(textOf(response.body), message);
      if (form.exitDate) assert.ok(response.body.includes(`value="${form.exitDate}"`));
      // A refused choice that is in the list comes back chosen (one HUD does not allow is not in the list at all).
      if (['422', '435', '17'].includes(form.destination)) assert.match(response.body, new RegExp(`<option value="${form.destination}" selected`));
      assert.equal(await count(t, 'exits'), before);
    });
  }

  it('one member exits alone: stored as HUD Exit fields, audited without values, shown on the household', async () => {
    const form = await caseA.get(`/live/enrollments/${e.dee}/exit`);
    assert.equal(form.status, 200);
    assert.match(form.body, /value="11\/27\/2026"/, 'the exit date starts as today');
    assert.match(form.body, /id="field-scope-member"[^>]*checked/, 'a member who is not the head leaves alone by default');
    const saved = await caseA.post(`/live/enrollments/${e.dee}/exit`, { scope: 'member', exitDate: '11/20/2026', destination: '435', destinationSubsidyType: '419', otherDestination: '' });
    assert.equal(saved.status, 303, textOf(saved.body));
    assert.equal(saved.location, `/live/enrollments/${e.dee}?done=exited`);
    const exit = await exitOf(e.dee);
    assert.ok(exit);
    assert.match(exit.exit_id, /^[0-9a-f]{32}$/);
    assert.equal(exit.personal_id, p.dee);
    assert.equal(exit.destination, 435);
    assert.equal(exit.destination_subsidy_type, 419);
    assert.equal(exit.other_destination, null);
    for (const other of [e.ana, e.ben, e.cal]) assert.equal(await exitOf(other), undefined, 'the others stay');
    const [audit] = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.exited', clientPersonalId: p.dee });
    assert.ok(audit);
    assert.deepEqual(audit.details, { enrollmentId: e.dee, exitId: exit.exit_id, householdId: (await enrollmentsOf(t, p.dee))[0]!.household_id, householdExit: false });
    const page = await caseA.get(`/live/enrollments/${e.ana}`);
    assert.match(textOf(page.body), /Brook, Dee Head of household's other relation member 11\/02\/2026 11\/20\/2026 Rental by client, with ongoing housing subsidy/);
  });

  it('one exit per enrollment: a second exit is refused (409); the exit is corrected instead, audited with the fields changed', async () => {
    const again = await caseA.post(`/live/enrollments/${e.dee}/exit`, { scope: 'member', exitDate: '11/21/2026', destination: '101' });
    assert.equal(again.status, 409);
    assert.match(textOf(again.body), /already has an exit \(11\/20\/2026\)\. Correct that exit instead/);
    const form = await caseA.get(`/live/enrollments/${e.dee}/exit`);
    assert.match(textOf(form.body), /Correct the exit/);
    assert.match(form.body, /action="\/live\/enrollments\/[0-9a-f]{32}\/exit\/edit"/);
    assert.match(form.body, /value="11\/20\/2026"/);
    const refused = await caseA.post(`/live/enrollments/${e.dee}/exit/edit`, { exitDate: '11/20/2026', destination: '17', otherDestination: '' });
    assert.equal(refused.status, 422);
    assert.match(textOf(refused.body), /Describe the destination/);
    const corrected = await caseA.post(`/live/enrollments/${e.dee}/exit/edit`, { exitDate: '11/19/2026', destination: '17', otherDestination: 'Moved in with her sister' });
    assert.equal(corrected.status, 303, textOf(corrected.body));
    const exit = await exitOf(e.dee);
    assert.equal(exit!.destination, 17);
    assert.equal(exit!.destination_subsidy_type, null);
    assert.equal(exit!.other_destination, 'Moved in with her sister');
    assert.equal(await count(t, 'exits'), 1, 'corrected in place');
    const [audit] = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.exit_changed', clientPersonalId: p.dee });
    assert.equal(audit!.details.changed, 'exitDate, destination, destinationSubsidyType, otherDestination');
    assert.ok(!JSON.stringify(audit!.details).includes('sister'), 'no values in the audit');
  });

  it('the head of household cannot leave alone while others stay; the page offers the whole household or a new head', async () => {
    const form = await caseA.get(`/live/enrollments/${e.ana}/exit`);
    assert.match(form.body, /id="field-scope-household"[^>]*checked/, 'for the head, the whole household is the default');
    assert.match(textOf(form.body), /The whole household \(3 members still enrolled\)/);
    const alone = await caseA.post(`/live/enrollments/${e.ana}/exit`, { scope: 'member', exitDate: '11/20/2026', destination: '101' });
    assert.equal(alone.status, 422);
    assert.match(textOf(alone.body), /The head of household cannot exit while other members stay\. Exit the whole household, or make another member the head of household first\./);
    assert.match(alone.body, new RegExp(`href="/live/enrollments/${e.ana}/head"`));
    assert.match(alone.body, /value="member" checked/, 'the choice is kept');
    const noScope = await caseA.post(`/live/enrollments/${e.ana}/exit`, { exitDate: '11/20/2026', destination: '101' });
    assert.equal(noScope.status, 422);
    assert.match(textOf(noScope.body), /Choose who leaves the project/);
    assert.equal(await exitOf(e.ana), undefined);
  });
});

describe('head of household and new members', () => {
  it('a newborn joins the household: found by PersonalID, entry date on or after the head’s, same HouseholdID, audited', async () => {
    const choose = await caseA.get(`/live/enrollments/${e.ana}/members/new`);
    assert.equal(choose.status, 200);
    const searched = await caseA.get(`/live/enrollments/${e.ana}/members/new?q=Brook`);
    assert.match(searched.body, new RegExp(`href="/live/enrollments/${e.ana}/members/new\\?personalId=${p.baby}"`));
    assert.match(textOf(searched.body), /Brook, Ben \(already in the household\)/);
    const already = await caseA.get(`/live/enrollments/${e.ana}/members/new?personalId=${p.cal}`);
    assert.equal(already.status, 422);
    assert.match(textOf(already.body), /Brook, Cal is already in this household/);
    const form = await caseA.get(`/live/enrollments/${e.ana}/members/new?personalId=${p.baby}`);
    assert.equal(form.status, 200);
    assert.match(textOf(form.body), /Add Brook, Baby to the household/);
    const relationshipSelect = /name="relationshipToHoH"[^>]*>([\s\S]*?)<\/select>/.exec(form.body)?.[1] ?? '';
    assert.match(relationshipSelect, /<option value="2">/);
    assert.doesNotMatch(relationshipSelect, /<option value="1"/, '“Self” is not offered to a joining member');

    const refusals: [Record<string, string>, RegExp][] = [
      [{ entryDate: '11/01/2026' }, /cannot enter before the head of household \(11\/02\/2026\)/],
      [{ entryDate: '11/30/2026' }, /cannot be in the future/],
      [{ relationshipToHoH: '1' }, /The household already has a head/],
      [{ personalId: p.cal }, /Brook, Cal is already in this household/],
    ];
    for (const [overrides, message] of refusals) {
      const response = await caseA.post(`/live/enrollments/${e.ana}/members/new`, { personalId: p.baby, entryDate: '11/25/2026', ...CHILD, ...overrides });
      assert.equal(response.status, 422, textOf(response.body).slice(0, 400));
      assert.match(textOf(response.body), message);
    }
    const added = await caseA.post(`/live/enrollments/${e.ana}/members/new`, { personalId: p.baby, entryDate: '11/25/2026', ...CHILD });
    assert.equal(added.status, 303, textOf(added.body).slice(0, 800));
    assert.equal(added.location, `/live/enrollments/${e.ana}?done=member-added`);
    const [baby] = await enrollmentsOf(t, p.baby);
    const [ana] = await enrollmentsOf(t, p.ana);
    e.baby = baby!.enrollment_id;
    assert.equal(baby!.household_id, ana!.household_id);
    assert.equal(baby!.relationship_to_hoh, 2);
    assert.equal(baby!.project_id, w.shelterA);
    const [audit] = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.created', clientPersonalId: p.baby });
    assert.equal(audit!.details.joinedHousehold, true);
    assert.equal(audit!.details.householdId, ana!.household_id);
  });

  it('the head changes: the new head is a member still enrolled, everyone else gets a relationship to them; audited per member changed', async () => {
    const form = await caseA.get(`/live/enrollments/${e.ana}/head`);
    assert.equal(form.status, 200);
    assert.doesNotMatch(form.body, new RegExp(`name="newHead" value="${e.dee}"`), 'a member who has left cannot become head');
    const exited = await caseA.post(`/live/enrollments/${e.ana}/head`, { newHead: e.dee });
    assert.equal(exited.status, 422);
    assert.match(textOf(exited.body), /Choose the new head of household among the members still enrolled/);
    const missing = await caseA.post(`/live/enrollments/${e.ana}/head`, { newHead: e.ben, [`rel.${e.cal}`]: '2', [`rel.${e.baby}`]: '2' });
    assert.equal(missing.status, 422);
    assert.match(textOf(missing.body), /Choose Brook, Ana’s relationship to the new head of household/);
    const self = await caseA.post(`/live/enrollments/${e.ana}/head`, { newHead: e.ana });
    assert.match(textOf(self.body), /Choose the new head of household among the members still enrolled|already the head/);

    const changed = await caseA.post(`/live/enrollments/${e.ana}/head`, { newHead: e.ben, [`rel.${e.ana}`]: '3', [`rel.${e.cal}`]: '2', [`rel.${e.baby}`]: '2', [`rel.${e.ben}`]: '' });
    assert.equal(changed.status, 303, textOf(changed.body).slice(0, 600));
    const relationships = await t.sites.live.db.selectFrom('enrollments').select(['personal_id', 'relationship_to_hoh']).where('project_id', '=', w.shelterA).execute();
    const of = (id: string) => relationships.find((r) => r.personal_id === id)!.relationship_to_hoh;
    assert.deepEqual([of(p.ana), of(p.ben), of(p.cal), of(p.dee), of(p.baby)], [3, 1, 2, 4, 2]);
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'household.head_changed' });
    assert.deepEqual(audit.map((a) => a.clientPersonalId).sort(), [p.ana, p.ben].sort());
    assert.ok(audit.every((a) => a.details.newHeadEnrollmentId === e.ben));
  });

  it('the former head now leaves alone; then the whole household exits together, each with the same exit, audited per member', async () => {
    const alone = await caseA.post(`/live/enrollments/${e.ana}/exit`, { scope: 'member', exitDate: '11/26/2026', destination: '410' });
    assert.equal(alone.status, 303, textOf(alone.body).slice(0, 500));
    const beforeNewborn = await caseA.post(`/live/enrollments/${e.ben}/exit`, { scope: 'household', exitDate: '11/24/2026', destination: '410' });
    assert.equal(beforeNewborn.status, 422);
    assert.match(textOf(beforeNewborn.body), /The exit date cannot be before Brook, Baby’s entry date \(11\/25\/2026\)/);
    const all = await caseA.post(`/live/enrollments/${e.ben}/exit`, { scope: 'household', exitDate: '11/27/2026', destination: '422' });
    assert.equal(all.status, 303, textOf(all.body).slice(0, 500));
    for (const id of [e.ben, e.cal, e.baby]) {
      const exit = await exitOf(id);
      assert.equal(exit?.destination, 422, id);
    }
    assert.equal((await exitOf(e.ana))!.destination, 410, 'members who left before keep their own exit');
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.exited' });
    const together = audit.filter((a) => a.details.householdExit === true);
    assert.deepEqual(together.map((a) => a.clientPersonalId).sort(), [p.ben, p.cal, p.baby].sort());
    const page = await caseA.get(`/live/enrollments/${e.ben}`);
    assert.doesNotMatch(page.body, /members\/new|\/head"/, 'an ended stay offers neither new members nor a new head');
    const late = await caseA.post(`/live/enrollments/${e.ben}/members/new`, { personalId: p.eve, entryDate: '11/27/2026', ...HOMELESS_ADULT, relationshipToHoH: '5' });
    assert.equal(late.status, 409);
    assert.match(textOf(late.body), /stay has ended/);
  });
});

describe('correcting entry data', () => {
  let id: string;
  before(async () => {
    id = await enroll(caseA, { client: p.eve, projectId: w.servicesA, entryDate: '11/10/2026', members: [[p.eve, HOMELESS_ADULT]] });
  });

  it('the edit form shows the stored answers; a change is saved and audited with the names of the fields changed only', async () => {
    const form = await caseA.get(`/live/enrollments/${id}/edit`);
    assert.equal(form.status, 200);
    assert.match(form.body, /value="11\/10\/2026"/);
    assert.match(form.body, /name="livingSituation"[\s\S]*?<option value="116" selected/);
    assert.match(form.body, /value="06\/01\/2026"/);
    const saved = await caseA.post(`/live/enrollments/${id}/edit`, {
      entryDate: '11/09/2026',
      ...HOMELESS_ADULT,
      livingSituation: '207',
      lengthOfStay: '10',
      previousStreetEssh: '1',
      disablingCondition: '8',
    });
    assert.equal(saved.status, 303, textOf(saved.body).slice(0, 600));
    const [row] = await enrollmentsOf(t, p.eve);
    assert.equal(row!.living_situation, 207);
    assert.equal(row!.los_under_threshold, 1);
    assert.equal(row!.disabling_condition, 8);
    const [audit] = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.changed', clientPersonalId: p.eve });
    assert.equal(audit!.details.changed, 'entryDate, disablingCondition, livingSituation, lengthOfStay, losUnderThreshold, previousStreetEssh');
    assert.ok(!JSON.stringify(audit!.details).includes('207'));
    const unchanged = await caseA.post(`/live/enrollments/${id}/edit`, { entryDate: '11/09/2026', ...HOMELESS_ADULT, livingSituation: '207', lengthOfStay: '10', previousStreetEssh: '1', disablingCondition: '8' });
    assert.equal(unchanged.status, 303);
    assert.equal((await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.changed', clientPersonalId: p.eve })).length, 1, 'nothing changed, nothing audited');
  });

  it('refuses a future entry date, one before the project, one after the exit, the head’s relationship, and an entry date that makes stays overlap', async () => {
    const refusals: [Record<string, string>, RegExp][] = [
      [{ entryDate: '12/01/2026' }, /cannot be in the future/],
      [{ entryDate: '06/01/2019' }, /before the project started operating/],
      [{ relationshipToHoH: '2' }, /This client is the head of household: to change that/],
      [{ entryDate: '11/09/2026', dateToStreetEssh: '11/10/2026' }, /cannot be after the entry date \(11\/09\/2026\)/],
    ];
    for (const [overrides, message] of refusals) {
      const response = await caseA.post(`/live/enrollments/${id}/edit`, { entryDate: '11/09/2026', ...HOMELESS_ADULT, ...overrides });
      assert.equal(response.status, 422, JSON.stringify(overrides));
      assert.match(textOf(response.body), message);
    }
    // A member's entry date cannot precede the head's; the head's cannot follow a member's.
    const member = await caseA.post(`/live/enrollments/${e.cal}/edit`, { entryDate: '11/01/2026', ...CHILD });
    assert.match(textOf(member.body), /cannot be before the head of household’s \(11\/02\/2026\)/);
    const exitedMember = await caseA.post(`/live/enrollments/${e.dee}/edit`, { entryDate: '11/21/2026', ...HOMELESS_ADULT, relationshipToHoH: '4' });
    assert.match(textOf(exitedMember.body), /cannot be after the exit date \(11\/19\/2026\)/);

    // An earlier, ended stay of Olga in the same project: moving the later one's entry back into it is refused.
    const earlier = await enroll(caseA, { client: p.other, projectId: w.servicesA, entryDate: '10/01/2026', members: [[p.other, HOMELESS_ADULT]] });
    assert.equal((await caseA.post(`/live/enrollments/${earlier}/exit`, { scope: 'member', exitDate: '10/15/2026', destination: '101' })).status, 303);
    const later = await enroll(caseA, { client: p.other, projectId: w.servicesA, entryDate: '11/01/2026', members: [[p.other, HOMELESS_ADULT]] });
    const overlap = await caseA.post(`/live/enrollments/${later}/edit`, { entryDate: '10/10/2026', ...HOMELESS_ADULT });
    assert.equal(overlap.status, 422);
    assert.match(textOf(overlap.body), /Other, Olga already has an enrollment in Harbor Case Management \(from 10\/01\/2026 to 10\/15\/2026\)/);
    assert.match(overlap.body, new RegExp(`href="/live/enrollments/${earlier}"`));
    const exitLater = await caseA.post(`/live/enrollments/${earlier}/exit/edit`, { exitDate: '11/05/2026', destination: '101' });
    assert.equal(exitLater.status, 422, 'a corrected exit cannot run into the next stay either');
    assert.match(textOf(exitLater.body), /overlaps this stay/);
  });
});

describe('where stays are listed', () => {
  it('the client profile lists every stay, current and past, per project and agency, with exit, destination and household size', async () => {
    const profile = await caseA.get(`/live/clients/${p.other}`);
    const text = textOf(profile.body);
    assert.match(text, /Harbor Case Management · Harbor Light · Services Only Entry Exit Destination Relationship Household/);
    assert.match(text, /11\/01\/2026 Still enrolled — Self \(Head of Household\) 1 person Open/);
    assert.match(text, /10\/01\/2026 10\/15\/2026 Emergency shelter, including hotel or motel paid for with emergency shelter voucher, Host Home shelter Self \(Head of Household\) 1 person/);
    const ana = textOf((await caseA.get(`/live/clients/${p.ana}`)).body);
    assert.match(ana, /Harbor Night Shelter · Harbor Light · Emergency Shelter – Entry Exit/);
    assert.match(ana, /11\/02\/2026 11\/26\/2026 Rental by client, no ongoing housing subsidy Head of household's spouse or partner 5 people/);
  });

  it('the project roster shows current households, and past ones on request, each household together with its head first', async () => {
    const project = await caseA.get(`/live/projects/${w.servicesA}`);
    assert.match(project.body, new RegExp(`href="/live/projects/${w.servicesA}/enrollments"`));
    const current = await caseA.get(`/live/projects/${w.servicesA}/enrollments`);
    assert.equal(current.status, 200);
    const text = textOf(current.body);
    assert.match(text, /Enrollments in Harbor Case Management/);
    assert.match(text, /Household of Other, Olga \(1 person\) Other, Olga Self \(Head of Household\) 11\/01\/2026 Still enrolled/);
    assert.doesNotMatch(text, /10\/15\/2026/, 'past stays only on request');
    const past = textOf((await caseA.get(`/live/projects/${w.servicesA}/enrollments?past=1`)).body);
    assert.match(past, /10\/01\/2026 10\/15\/2026/);
    const shelter = textOf((await caseA.get(`/live/projects/${w.shelterA}/enrollments?past=1`)).body);
    assert.match(shelter, /Household of Brook, Ben \(5 people\) Brook, Ben Self \(Head of Household\)/);
    const empty = textOf((await caseA.get(`/live/projects/${w.shelterA}/enrollments`)).body);
    assert.match(empty, /No one is enrolled in this project right now/);
  });
});
