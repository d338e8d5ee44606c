import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MemberEntryInput } from '../../src/enrollments/enrollment-fields.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { buildWorld, CHILD, count, createClient, enroll, enrollForm, enrollmentsOf, HOMELESS_ADULT, user, type World } from './fixtures.js';

/**
 * Enrolling households (issue 4, item 5) through the pages: step one (project, entry date, who is in the
 * household), step two (each member's HUD answers), the household rules and HUD's 3.917 rules, each with its
 * message, and what is stored and audited.
 */

let t: TestApp;
let w: World;
let caseA: TestClient;
const p = {} as Record<'maria' | 'jose' | 'lucia' | 'solo' | 'dup' | 'noDob' | 'adultChild', string>;

before(async () => {
  t = await startTestApp({ sites: ['live'] });
  w = await buildWorld(t);
  caseA = await user(t, 'case_manager', [w.agencyA], 'Cara');
  p.maria = await createClient(t, 'Maria', 'Alvarez', '1985-04-12');
  p.jose = await createClient(t, 'Jose', 'Alvarez', '1983-09-30');
  p.lucia = await createClient(t, 'Lucia', 'Alvarez', '2018-02-14');
  p.solo = await createClient(t, 'Sam', 'Solo', '1970-01-01');
  p.dup = await createClient(t, 'Dana', 'Double', '1990-05-05');
  p.noDob = await createClient(t, 'Nadia', 'Nodate', null);
  p.adultChild = await createClient(t, 'Adam', 'Alvarez', '2005-01-01');
});
after(() => t.close());

const q = (params: Record<string, string | string[]>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
  return search.toString();
};

describe('enrolling: step one, the household', () => {
  it('the profile links to it; only the viewer’s agencies’ projects are offered; members are added by PersonalID and by search, and removed', async () => {
    const profile = await caseA.get(`/live/clients/${p.maria}`);
    assert.equal(profile.status, 200);
    assert.match(profile.body, new RegExp(`href="/live/enrollments/new\\?client=${p.maria}"`));
    assert.match(textOf(profile.body), /Enrollments .*No enrollments you can see/);

    const start = await caseA.get(`/live/enrollments/new?client=${p.maria}`);
    assert.equal(start.status, 200);
    const text = textOf(start.body);
    assert.match(text, /Harbor Night Shelter/);
    assert.match(text, /Harbor Winter Shelter 2025 .*\(ended 12\/31\/2025\)/);
    assert.doesNotMatch(text, /Northside Transitional/, 'projects of other agencies are not offered');
    assert.match(start.body, /id="field-entryDate"[^>]*value="11\/27\/2026"|value="11\/27\/2026"[^>]*id="field-entryDate"/, 'the entry date starts as today');

    const base = { client: p.maria, projectId: w.shelterA, entryDate: '11/20/2026' };
    const byId = await caseA.get(`/live/enrollments/new?${q({ ...base, addId: ` ${p.jose.toUpperCase()} `, action: 'add' })}`);
    assert.equal(byId.status, 200, textOf(byId.body));
    assert.match(byId.body, new RegExp(`name="member" value="${p.jose}"`));
    assert.match(byId.body, /value="11\/20\/2026"/, 'the date typed is kept while the household is built');

    const search = await caseA.get(`/live/enrollments/new?${q({ ...base, member: p.jose, q: 'Alvarez', action: 'search' })}`);
    assert.equal(search.status, 200);
    assert.match(search.body, new RegExp(`name="add" value="${p.lucia}"`));
    assert.match(search.body, new RegExp(`name="add" value="${p.jose}"[^>]*disabled|disabled[^>]*value="${p.jose}"`), 'a member already added is marked');
    assert.ok(!search.body.includes('***-**-'), 'the household search shows no SSN');
    const searched = await t.sites.live.audit.list(t.sites.live.db, { event: 'client.searched' });
    assert.ok(searched.length > 0, 'the search is the audited client search');

    const added = await caseA.get(`/live/enrollments/new?${q({ ...base, member: p.jose, add: p.lucia, action: 'add' })}`);
    assert.match(added.body, new RegExp(`name="member" value="${p.lucia}"`));
    const removed = await caseA.get(`/live/enrollments/new?${q({ ...base, member: [p.jose, p.lucia], remove: p.jose, action: 'refresh' })}`);
    assert.doesNotMatch(removed.body, new RegExp(`name="member" value="${p.jose}"`));
    assert.match(removed.body, new RegExp(`name="member" value="${p.lucia}"`));

    const unknown = await caseA.get(`/live/enrollments/new?${q({ ...base, addId: '0123456789abcdef0123456789abcdef', action: 'add' })}`);
    assert.equal(unknown.status, 422);
    assert.match(textOf(unknown.body), /No client has this PersonalID/);
    const malformed = await caseA.get(`/live/enrollments/new?${q({ ...base, addId: 'Robert', action: 'add' })}`);
    assert.equal(malformed.status, 422);
    assert.match(textOf(malformed.body), /is not a PersonalID/);
    const twice = await caseA.get(`/live/enrollments/new?${q({ ...base, member: p.jose, addId: p.jose, action: 'add' })}`);
    assert.equal(twice.status, 422);
    assert.match(textOf(twice.body), /Alvarez, Jose is already in the household/);
  });

  it('continuing shows one fieldset per member, the client from the profile as head, children marked optional', async () => {
    const next = await caseA.get(`/live/enrollments/new?${q({ client: p.maria, projectId: w.shelterA, entryDate: '11/20/2026', member: [p.jose, p.lucia], action: 'continue' })}`);
    assert.equal(next.status, 200, textOf(next.body).slice(0, 800));
    const text = textOf(next.body);
    assert.match(text, /Step 2 of 2/);
    assert.match(text, /Project Harbor Night Shelter \(Emergency Shelter – Entry Exit\) Agency Harbor Light Entry date 11\/20\/2026 Household 3 people/);
    assert.match(text, /Alvarez, Maria \(age 41 on the entry date\)/);
    assert.match(text, /Alvarez, Lucia \(age 8 on the entry date\)/);
    assert.match(text, /optional for a child/);
    assert.equal((next.body.match(/<legend>Alvarez/g) ?? []).length, 3);
    assert.match(next.body, /name="m0\.relationshipToHoH"[\s\S]*?<option value="1" selected/);
    assert.match(next.body, /<optgroup label="Homeless situations">/);
    assert.doesNotMatch(next.body, /name="m0\.livingSituation"[\s\S]*?<option value="24"[\s\S]*?name="m0\.rentalSubsidyType"/, '“Deceased” is not a prior living situation');
  });

  it('step one refuses a missing project, another agency’s project, a future entry date, and dates outside the project’s operation', async () => {
    const cases: [string, string, RegExp][] = [
      ['', '11/20/2026', /Choose the project\./],
      [w.housingB, '11/20/2026', /only into projects of the agencies you work for/],
      [w.shelterA, '12/01/2026', /The entry date cannot be in the future\./],
      [w.shelterA, '12/31/2019', /cannot be before the project started operating \(01\/01\/2020\)/],
      [w.endedA, '01/05/2026', /cannot be after the project stopped operating \(12\/31\/2025\)/],
      [w.shelterA, '02/30/2026', /“02\/30\/2026” is not a date/],
      [w.shelterA, '', /Type the entry date/],
    ];
    for (const [projectId, entryDate, message] of cases) {
      const page = await caseA.get(`/live/enrollments/new?${q({ client: p.solo, projectId, entryDate, action: 'continue' })}`);
      assert.equal(page.status, 422, `${projectId} ${entryDate}`);
      assert.match(textOf(page.body), message);
      assert.match(page.body, /href="#field-(projectId|entryDate)"/, 'the error summary links to the field');
      if (entryDate) assert.ok(page.body.includes(`value="${entryDate}"`), 'what was typed is kept');
    }
    const old = await caseA.get(`/live/enrollments/new?${q({ client: p.solo, projectId: w.endedA, entryDate: '06/01/2025', action: 'continue' })}`);
    assert.equal(old.status, 200, 'a late entry into old project data, within its operating dates, is allowed');
  });
});

describe('enrolling: step two and the household rules', () => {
  it('a household is saved in one go: one new HouseholdID, one head, the answers stored, each member audited without values', async () => {
    const before = await count(t, 'enrollments');
    const id = await enroll(caseA, {
      client: p.maria,
      projectId: w.shelterA,
      members: [
        [p.maria, HOMELESS_ADULT],
        [p.jose, { ...HOMELESS_ADULT, relationshipToHoH: '3', disablingCondition: '1' }],
        [p.lucia, CHILD],
      ],
    });
    assert.equal(await count(t, 'enrollments'), before + 3);
    const [maria] = await enrollmentsOf(t, p.maria);
    const [jose] = await enrollmentsOf(t, p.jose);
    const [lucia] = await enrollmentsOf(t, p.lucia);
    assert.equal(maria!.enrollment_id, id);
    assert.match(maria!.household_id, /^[0-9a-f]{32}$/);
    assert.notEqual(maria!.household_id, maria!.enrollment_id);
    assert.equal(jose!.household_id, maria!.household_id);
    assert.equal(lucia!.household_id, maria!.household_id);
    assert.deepEqual([maria!.relationship_to_hoh, jose!.relationship_to_hoh, lucia!.relationship_to_hoh], [1, 3, 2]);
    assert.equal(maria!.living_situation, 116);
    assert.equal(maria!.length_of_stay, 4);
    assert.equal(maria!.los_under_threshold, null, 'homeless before entry: LOSUnderThreshold stays null');
    assert.equal(maria!.previous_street_essh, null);
    assert.equal(maria!.times_homeless_past_three_years, 1);
    assert.equal(maria!.months_homeless_past_three_years, 106);
    assert.equal(jose!.disabling_condition, 1);
    assert.equal(lucia!.living_situation, null);
    assert.equal(lucia!.length_of_stay, null);
    assert.equal(maria!.date_created.toISOString(), t.clock.now().toISOString(), 'timestamps come from the injected clock');

    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.created' });
    const mine = audit.filter((a) => a.details.householdId === maria!.household_id);
    assert.deepEqual(mine.map((a) => a.clientPersonalId).sort(), [p.maria, p.jose, p.lucia].sort());
    for (const entry of mine) {
      assert.deepEqual(Object.keys(entry.details).sort(), ['enrollmentId', 'householdId', 'projectId']);
      assert.equal(entry.ip, '127.0.0.1');
      assert.equal(String(entry.actorUserId), maria!.user_id, "HUD UserID: the account id of the audited actor");
    }

    const page = await caseA.get(`/live/enrollments/${id}?done=enrolled`);
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /Enrolled\./);
    assert.match(text, /Alvarez, Maria in Harbor Night Shelter/);
    assert.match(text, /Agency Harbor Light/);
    assert.match(text, /Entry date 11\/20\/2026 Exit date Still enrolled Relationship to head of household Self \(Head of Household\)/);
    assert.match(text, /Household \(3\)/);
    assert.match(text, /Alvarez, Jose Head of household's spouse or partner 11\/20\/2026 Still enrolled/);
    assert.match(text, /Alvarez, Lucia Head of household's child/);
    assert.match(text, /Prior living situation Place not meant for habitation/);
    assert.match(text, /Length of stay 90 days or more but less than one year/);
    assert.match(text, /Approximate date this episode of homelessness started 06\/01\/2026/);
    assert.match(text, /Months homeless in the past three years 6 months/);
    const viewed = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.viewed', clientPersonalId: p.maria });
    assert.equal(viewed[0]?.details.enrollmentId, id);
    assert.deepEqual(Object.keys(viewed[0]!.details), ['enrollmentId']);
  });

  async function refused(members: [string, Partial<MemberEntryInput>][], message: RegExp, projectId = w.servicesA, client = members[0]![0]) {
    const before = await count(t, 'enrollments');
    const response = await caseA.post('/live/enrollments/new', enrollForm({ client, projectId, members }));
    assert.equal(response.status, 422, textOf(response.body).slice(0, 600));
    assert.match(textOf(response.body), message);
    assert.match(response.body, /role="alert"/);
    assert.equal(await count(t, 'enrollments'), before, 'nothing is saved');
    return response;
  }

  it('exactly one head of household', async () => {
    await refused(
      [
        [p.solo, { ...HOMELESS_ADULT, relationshipToHoH: '3' }],
        [p.dup, { ...HOMELESS_ADULT, relationshipToHoH: '5' }],
      ],
      /Choose the head of household: one member’s relationship must be “Self \(Head of Household\)”/,
    );
    await refused(
      [
        [p.solo, HOMELESS_ADULT],
        [p.dup, HOMELESS_ADULT],
      ],
      /A household has exactly one head: only one member can be “Self \(Head of Household\)”/,
    );
  });

  it('a client can be in the household only once', async () => {
    const response = await caseA.post('/live/enrollments/new', enrollForm({ client: p.solo, projectId: w.servicesA, members: [[p.solo, HOMELESS_ADULT], [p.solo, { ...HOMELESS_ADULT, relationshipToHoH: '2' }]] }));
    assert.equal(response.status, 422);
    assert.match(textOf(response.body), /Solo, Sam is in the household more than once/);
  });

  it('a client cannot have two overlapping stays in the same project; the message links the open one; after the exit a later stay is fine', async () => {
    const first = await enroll(caseA, { client: p.dup, projectId: w.servicesA, entryDate: '10/01/2026', members: [[p.dup, HOMELESS_ADULT]] });
    const again = await refused([[p.dup, HOMELESS_ADULT]], /Double, Dana already has an enrollment in Harbor Case Management \(open since 10\/01\/2026\) that overlaps this stay/);
    assert.match(again.body, new RegExp(`href="/live/enrollments/${first}"`), 'the open stay is linked');
    // Back-dated before the open stay: still overlaps (a new stay runs on until it is exited).
    const backdated = await caseA.post('/live/enrollments/new', enrollForm({ client: p.dup, projectId: w.servicesA, entryDate: '09/01/2026', members: [[p.dup, HOMELESS_ADULT]] }));
    assert.equal(backdated.status, 422);
    // Another project is another stay.
    await enroll(caseA, { client: p.dup, projectId: w.shelterA, entryDate: '10/01/2026', members: [[p.dup, HOMELESS_ADULT]] });

    const exited = await caseA.post(`/live/enrollments/${first}/exit`, { scope: 'member', exitDate: '11/10/2026', destination: '101' });
    assert.equal(exited.status, 303, textOf(exited.body));
    const within = await caseA.post('/live/enrollments/new', enrollForm({ client: p.dup, projectId: w.servicesA, entryDate: '11/01/2026', members: [[p.dup, HOMELESS_ADULT]] }));
    assert.equal(within.status, 422);
    assert.match(textOf(within.body), /\(from 10\/01\/2026 to 11\/10\/2026\)/);
    await enroll(caseA, { client: p.dup, projectId: w.servicesA, entryDate: '11/10/2026', members: [[p.dup, HOMELESS_ADULT]] });
  });

  it('a refused household keeps every answer typed (422) with the error summary linked to the fields', async () => {
    const response = await refused(
      [
        [p.solo, { ...HOMELESS_ADULT, livingSituation: '204', lengthOfStay: '3', previousStreetEssh: '', dateToStreetEssh: '' }],
        [p.lucia, { ...CHILD, livingSituation: '116', lengthOfStay: '', relationshipToHoH: '4' }],
      ],
      /Solo, Sam: answer “On the night before/,
    );
    assert.match(response.body, /name="m0\.livingSituation"[\s\S]*?<option value="204" selected/);
    assert.match(response.body, /name="m0\.lengthOfStay"[\s\S]*?<option value="3" selected/);
    assert.match(response.body, /name="m1\.relationshipToHoH"[\s\S]*?<option value="4" selected/);
    assert.match(response.body, /href="#field-m0-previousStreetEssh"/);
    assert.match(response.body, /id="field-m0-previousStreetEssh"/);
    assert.match(textOf(response.body), /Alvarez, Lucia: choose the length of stay/);
  });
});

describe('HUD 3.917 prior living situation and the other entry answers', () => {
  // One adult head of household in a Services Only project (no street/shelter exception), unless said otherwise.
  const refusals: [string, Partial<MemberEntryInput>, string, RegExp, string?][] = [
    ['no relationship', { relationshipToHoH: '' }, 'relationshipToHoH', /Choose the relationship to the head of household\./],
    ['a relationship not in 3.15.1', { relationshipToHoH: '7' }, 'relationshipToHoH', /Choose the relationship to the head of household from the list/],
    ['no disabling condition', { disablingCondition: '' }, 'disablingCondition', /Choose whether the client has a disabling condition/],
    ['a disabling condition not in 1.8', { disablingCondition: '2' }, 'disablingCondition', /from the list/],
    ['no prior living situation for the head', { livingSituation: '', lengthOfStay: '', dateToStreetEssh: '', timesHomelessPastThreeYears: '', monthsHomelessPastThreeYears: '' }, 'livingSituation', /HUD requires it for the head of household/],
    ['“Deceased” as prior living situation', { livingSituation: '24' }, 'livingSituation', /“Deceased” cannot be chosen as a prior living situation/],
    ['“Staying with family, permanent tenure” as prior living situation', { livingSituation: '422' }, 'livingSituation', /cannot be chosen as a prior living situation/],
    ['a code that is no living situation', { livingSituation: '999' }, 'livingSituation', /Choose a prior living situation from the list/],
    ['subsidized rental without the subsidy type', { livingSituation: '435', lengthOfStay: '5', dateToStreetEssh: '', timesHomelessPastThreeYears: '', monthsHomelessPastThreeYears: '' }, 'rentalSubsidyType', /Choose the rental subsidy type: HUD requires it for “Rental by client, with ongoing housing subsidy”/],
    ['a subsidy type with an unsubsidized rental', { livingSituation: '410', rentalSubsidyType: '419', lengthOfStay: '5', dateToStreetEssh: '', timesHomelessPastThreeYears: '', monthsHomelessPastThreeYears: '' }, 'rentalSubsidyType', /Leave the rental subsidy type empty/],
    ['no length of stay', { lengthOfStay: '' }, 'lengthOfStay', /Choose the length of stay in the prior living situation/],
    ['institution under 90 days without “the night before”', { livingSituation: '204', lengthOfStay: '3', dateToStreetEssh: '', timesHomelessPastThreeYears: '', monthsHomelessPastThreeYears: '' }, 'previousStreetEssh', /Answer “On the night before, did you stay on the streets, in an emergency shelter or a safe haven\?”/],
    ['institution of 90 days or more with “the night before”', { livingSituation: '204', lengthOfStay: '4', previousStreetEssh: '1' }, 'previousStreetEssh', /asked only after a stay of less than 90 days in an institution or less than 7 nights/],
    ['other housing for a week with “the night before”', { livingSituation: '314', lengthOfStay: '2', previousStreetEssh: '0', dateToStreetEssh: '', timesHomelessPastThreeYears: '', monthsHomelessPastThreeYears: '' }, 'previousStreetEssh', /Leave “On the night before/],
    ['homeless with “the night before”', { previousStreetEssh: '1' }, 'previousStreetEssh', /not asked when the client was already homeless/],
    ['homeless without the times homeless', { timesHomelessPastThreeYears: '' }, 'timesHomelessPastThreeYears', /Choose how many times/],
    ['homeless without the months homeless', { monthsHomelessPastThreeYears: '' }, 'monthsHomelessPastThreeYears', /Choose how many months/],
    ['a short institutional stay after the street, without the history', { livingSituation: '207', lengthOfStay: '10', previousStreetEssh: '1', monthsHomelessPastThreeYears: '' }, 'monthsHomelessPastThreeYears', /Choose how many months/],
    ['own rental with the date homelessness started', { livingSituation: '410', lengthOfStay: '5', timesHomelessPastThreeYears: '', monthsHomelessPastThreeYears: '' }, 'dateToStreetEssh', /Leave the date homelessness started empty: it is asked only when the client was homeless before entry/],
    ['“not on the street the night before” with the times homeless', { livingSituation: '204', lengthOfStay: '3', previousStreetEssh: '0', dateToStreetEssh: '' }, 'timesHomelessPastThreeYears', /Leave the number of times homeless empty/],
    ['a date homelessness started after the entry date', { dateToStreetEssh: '11/21/2026' }, 'dateToStreetEssh', /cannot be after the entry date \(11\/20\/2026\)/],
    ['a date homelessness started before birth', { dateToStreetEssh: '01/01/1960' }, 'dateToStreetEssh', /cannot be before the client’s date of birth \(01\/01\/1970\)/],
    ['a date homelessness started that is no date', { dateToStreetEssh: 'last spring' }, 'dateToStreetEssh', /Type the date this episode of homelessness started as MM\/DD\/YYYY/],
    ['months homeless not in 3.917.5', { monthsHomelessPastThreeYears: '114' }, 'monthsHomelessPastThreeYears', /from the list/],
    ['a shelter stay without the history HUD always asks there', { livingSituation: '410', lengthOfStay: '5', dateToStreetEssh: '', timesHomelessPastThreeYears: '', monthsHomelessPastThreeYears: '' }, 'timesHomelessPastThreeYears', /Choose how many times/, 'shelter'],
  ];
  for (const [name, overrides, field, message, where] of refusals) {
    it(`refuses ${name}, naming the field`, async () => {
      const before = await count(t, 'enrollments');
      const projectId = where === 'shelter' ? w.shelterA : w.servicesA;
      const response = await caseA.post('/live/enrollments/new', enrollForm({ client: p.solo, projectId, members: [[p.solo, { ...HOMELESS_ADULT, ...overrides }]] }));
      assert.equal(response.status, 422, textOf(response.body).slice(0, 600));
      const fieldError = new RegExp(`id="field-m0-${field}-error"[^>]*>([^<]*)<`).exec(response.body)?.[1] ?? '';
      assert.match(textOf(fieldError), message, `${field}: ${textOf(response.body).slice(0, 900)}`);
      assert.equal(await count(t, 'enrollments'), before);
    });
  }

  it('an adult household member and a member of unknown age must answer 3.917; a child may leave it empty', async () => {
    const response = await caseA.post(
      '/live/enrollments/new',
      enrollForm({
        client: p.maria,
        projectId: w.servicesA,
        members: [
          [p.solo, HOMELESS_ADULT],
          [p.adultChild, CHILD],
          [p.noDob, { ...CHILD, relationshipToHoH: '5' }],
        ],
      }),
    );
    assert.equal(response.status, 422);
    const text = textOf(response.body);
    assert.match(text, /Alvarez, Adam: choose the prior living situation: HUD requires it for adults/);
    assert.match(text, /Nodate, Nadia: choose the prior living situation/);
  });

  async function accepted(overrides: Partial<MemberEntryInput>, projectId = w.servicesA) {
    const person = await createClient(t, 'Accepted', `Case${Math.random().toString(36).slice(2, 8)}`, '1975-03-03');
    await enroll(caseA, { client: person, projectId, members: [[person, { ...HOMELESS_ADULT, ...overrides }]] });
    const [row] = await enrollmentsOf(t, person);
    return row!;
  }

  it('LOSUnderThreshold is worked out: under 90 days in an institution, under 7 nights elsewhere, 99 when the length is unknown', async () => {
    const shortInstitution = await accepted({ livingSituation: '204', lengthOfStay: '3', previousStreetEssh: '1' });
    assert.equal(shortInstitution.los_under_threshold, 1);
    assert.equal(shortInstitution.previous_street_essh, 1);
    assert.ok(shortInstitution.date_to_street_essh !== null);
    const shortStayNotOnStreet = await accepted({ livingSituation: '314', lengthOfStay: '11', previousStreetEssh: '0', dateToStreetEssh: '', timesHomelessPastThreeYears: '', monthsHomelessPastThreeYears: '' });
    assert.equal(shortStayNotOnStreet.los_under_threshold, 1);
    assert.equal(shortStayNotOnStreet.previous_street_essh, 0);
    assert.equal(shortStayNotOnStreet.date_to_street_essh, null);
    const weekInHotel = await accepted({ livingSituation: '314', lengthOfStay: '2', dateToStreetEssh: '', timesHomelessPastThreeYears: '', monthsHomelessPastThreeYears: '' });
    assert.equal(weekInHotel.los_under_threshold, 0);
    assert.equal(weekInHotel.previous_street_essh, null);
    const unknownLength = await accepted({ livingSituation: '204', lengthOfStay: '99', dateToStreetEssh: '', timesHomelessPastThreeYears: '', monthsHomelessPastThreeYears: '' });
    assert.equal(unknownLength.los_under_threshold, 99);
    const subsidized = await accepted({ livingSituation: '435', rentalSubsidyType: '419', lengthOfStay: '5', dateToStreetEssh: '', timesHomelessPastThreeYears: '', monthsHomelessPastThreeYears: '' });
    assert.equal(subsidized.rental_subsidy_type, 419);
    assert.equal(subsidized.los_under_threshold, 0);
    const notKnown = await accepted({ livingSituation: '8', lengthOfStay: '8', dateToStreetEssh: '', timesHomelessPastThreeYears: '', monthsHomelessPastThreeYears: '' });
    assert.equal(notKnown.los_under_threshold, 99, 'an unknown situation follows the 7-night threshold, and the length is unknown too');
    const shelterRenter = await accepted({ livingSituation: '410', lengthOfStay: '5' }, w.shelterA);
    assert.equal(shelterRenter.times_homeless_past_three_years, 1, 'shelter projects ask the history whatever the prior situation');
    const page = await caseA.get(`/live/enrollments/${shortInstitution.enrollment_id}`);
    assert.match(textOf(page.body), /Short stay Yes \(stayed less than 90 days; worked out from the length of stay\)/);
    assert.match(textOf(page.body), /Approximate date this episode of homelessness started 06\/01\/2026/);
  });
});
