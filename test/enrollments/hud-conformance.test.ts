import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Viewer } from '../../src/access/access-policy.js';
import type { MemberEntryInput } from '../../src/enrollments/enrollment-fields.js';
import { UnconfirmedWarningsError, ValidationError } from '../../src/errors.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { PassThrough } from 'node:stream';
import { addCoc } from '../helpers/project-coc.js';
import { readExport } from '../exchange/zip.js';
import { up as migration0015 } from '../../src/db/migrations/0015_enrollment_coc_user_ids.js';
import { signedInUser } from '../helpers/users.js';
import { buildWorld, CHILD, createClient, enroll, enrollForm, enrollmentsOf, HOMELESS_ADULT, user, type World } from './fixtures.js';

/**
 * Issue 11, the enrollment findings of the HUD conformance review (../shared/reference/hud-conformance-review.md):
 * what HUD's checker (Eva) or the LSA would reject is refused, or warned about and saved once confirmed.
 */

const ACTOR = { userId: null, username: 'setup', ip: null };
const ADMIN: Viewer = { userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() };

let t: TestApp;
let w: World;
let caseA: TestClient;

before(async () => {
  t = await startTestApp({ sites: ['live'] });
  w = await buildWorld(t);
  caseA = await user(t, 'case_manager', [w.agencyA], 'Cara');
});
after(() => t.close());

/** Enrolls one adult head of household through the service; returns the stored row. */
async function enrollOne(projectId: string, entry: Partial<MemberEntryInput>, options: { entryDate?: string; dob?: string; confirmed?: boolean } = {}) {
  const person = await createClient(t, 'Conformance', `Case${Math.random().toString(36).slice(2, 8)}`, options.dob ?? '1975-03-03');
  await t.sites.live.enrollments.enroll(
    ADMIN,
    { projectId, entryDate: options.entryDate ?? '11/20/2026', personalIds: [person], entries: [{ ...HOMELESS_ADULT, ...entry }], confirmed: options.confirmed },
    ACTOR,
  );
  const [row] = await enrollmentsOf(t, person);
  return row!;
}

/** The field errors a refused enrollment names. */
async function refusal(promise: Promise<unknown>): Promise<Readonly<Record<string, readonly string[]>>> {
  const error = await promise.then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ValidationError, String(error));
  return error.fieldErrors;
}

const NO_HISTORY = { dateToStreetEssh: '', timesHomelessPastThreeYears: '', monthsHomelessPastThreeYears: '' };

describe('3.16 Enrollment CoC at entry (finding 1)', () => {
  const shelterInput = (name: string) => ({ name, commonName: '', operatingStartDate: '2020-01-01', operatingEndDate: '', continuumProject: '1', projectType: '0', housingType: '1', rrhSubType: '' });
  let twoCocs: string;
  let noCoc: string;
  before(async () => {
    twoCocs = (await t.sites.live.projects.createProject(ADMIN, w.agencyA, shelterInput('Harbor Border Shelter'), ACTOR)).projectId;
    await addCoc(t.sites.live, [twoCocs], 'XX-501');
    await addCoc(t.sites.live, [twoCocs], 'XX-502');
    noCoc = (await t.sites.live.projects.createProject(ADMIN, w.agencyA, shelterInput('Harbor Unset Shelter'), ACTOR)).projectId;
  });

  it('step two asks it of the head of household, with the project’s only CoC chosen already; several CoCs: none chosen', async () => {
    const person = await createClient(t, 'Coc', 'Single', '1970-01-01');
    const step = (projectId: string) => caseA.get(`/live/enrollments/new?client=${person}&projectId=${projectId}&entryDate=11/20/2026&action=continue`);
    const one = (await step(w.shelterA)).body;
    assert.match(one, /<select id="field-enrollmentCoc" name="enrollmentCoc"[^>]*>(?:(?!<\/select>)[\s\S])*<option value="XX-501" selected>XX-501<\/option><\/select>/);
    assert.match(textOf(one), /Continuum of Care of the head of household/);
    const two = (await step(twoCocs)).body;
    assert.match(two, /<option value="XX-501">XX-501<\/option><option value="XX-502">XX-502<\/option>/);
    assert.match(two, /<option value selected>Choose…<\/option><option value="XX-501">/);
  });

  it('a project without a CoC refuses enrollments, saying what to set up; a code not among the project’s is refused; nothing is stored', async () => {
    const person = await createClient(t, 'Coc', 'Refused', '1970-01-01');
    const unset = await caseA.get(`/live/enrollments/new?client=${person}&projectId=${noCoc}&entryDate=11/20/2026&action=continue`);
    assert.equal(unset.status, 422);
    assert.match(textOf(unset.body), /Harbor Unset Shelter has no Continuum of Care set up yet \(2\.03\), and HUD records the head of household’s CoC \(3\.16\) at entry/);
    const errors = await refusal(t.sites.live.enrollments.enroll(ADMIN, { projectId: noCoc, entryDate: '11/20/2026', personalIds: [person], entries: [HOMELESS_ADULT] }, ACTOR));
    assert.match(errors.projectId!.join(' '), /has no Continuum of Care set up yet/);
    for (const [coc, message] of [
      ['XX-999', /Choose one of the project’s Continuums of Care \(XX-501, XX-502\): “XX-999” is not one of them/],
      ['', /Choose the Continuum of Care the head of household is in \(3\.16 Enrollment CoC\)/],
    ] as const) {
      const refused = await caseA.post('/live/enrollments/new', { ...enrollForm({ client: person, projectId: twoCocs, enrollmentCoc: coc, members: [[person, HOMELESS_ADULT]] }), confirmWarnings: 'on' });
      assert.equal(refused.status, 422);
      assert.match(textOf(refused.body), message);
      assert.match(refused.body, /id="field-enrollmentCoc-error"/);
    }
    assert.equal((await enrollmentsOf(t, person)).length, 0);
  });

  it('the head’s choice is stored for every member (a member added later too), shown on the enrollment page, and exported as stored', async () => {
    const head = await createClient(t, 'Coc', 'Head', '1980-02-02');
    const child = await createClient(t, 'Coc', 'Child', '2016-02-02');
    const joiner = await createClient(t, 'Coc', 'Joiner', '1982-02-02');
    const id = await enroll(caseA, { client: head, projectId: twoCocs, enrollmentCoc: 'xx-502', members: [[head, HOMELESS_ADULT], [child, CHILD]] });
    const added = await caseA.post(`/live/enrollments/${id}/members/new`, { personalId: joiner, entryDate: '11/21/2026', ...HOMELESS_ADULT, relationshipToHoH: '3', confirmWarnings: 'on' });
    assert.equal(added.status, 303, textOf(added.body).slice(0, 600));
    for (const person of [head, child, joiner]) assert.equal((await enrollmentsOf(t, person))[0]!.enrollment_coc, 'XX-502');
    assert.match(textOf((await caseA.get(`/live/enrollments/${id}`)).body), /Continuum of Care \(head of household’s, at entry\) XX-502/);

    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const request = { from: '2026-10-01', to: '2026-11-27', projectIds: [twoCocs], cocCode: null, periodType: null, directive: 'full' as const, hash: false };
    await t.sites.live.hudExports.write({ operator: ACTOR }, request, out);
    const rows = (await readExport(Buffer.concat(chunks))).get('Enrollment.csv')!.rows;
    const ids = new Set([head, child, joiner]);
    const ours = rows.filter((r) => ids.has(r.PersonalID!));
    assert.equal(ours.length, 3);
    for (const row of ours) assert.equal(row.EnrollmentCoC, 'XX-502', 'a project with two CoCs: the stored choice, for every member');
  });
});

describe('3.16 Enrollment CoC on the head’s edit page', () => {
  it('asks the head (not a member) among the project’s CoCs; saving it changes every member, audited; a code not among them is refused', async () => {
    const twoCocs = (await t.sites.live.projects.createProject(ADMIN, w.agencyA, { name: 'Harbor Twin Shelter', commonName: '', operatingStartDate: '2020-01-01', operatingEndDate: '', continuumProject: '1', projectType: '0', housingType: '1', rrhSubType: '' }, ACTOR)).projectId;
    await addCoc(t.sites.live, [twoCocs], 'XX-501');
    await addCoc(t.sites.live, [twoCocs], 'XX-502');
    const head = await createClient(t, 'Cocedit', 'Head', '1980-02-02');
    const child = await createClient(t, 'Cocedit', 'Child', '2016-02-02');
    const id = await enroll(caseA, { client: head, projectId: twoCocs, enrollmentCoc: 'XX-501', members: [[head, HOMELESS_ADULT], [child, CHILD]] });
    const childStay = (await enrollmentsOf(t, child))[0]!.enrollment_id;

    const page = await caseA.get(`/live/enrollments/${id}/edit`);
    assert.equal(page.status, 200);
    assert.match(page.body, /<select id="field-enrollmentCoc" name="enrollmentCoc"[^>]*>(?:(?!<\/select>)[\s\S])*<option value="XX-501" selected>XX-501<\/option><option value="XX-502">XX-502<\/option><\/select>/);
    assert.match(textOf(page.body), /saving changes it for every member of the household/);
    assert.doesNotMatch((await caseA.get(`/live/enrollments/${childStay}/edit`)).body, /name="enrollmentCoc"/, 'a member takes the head’s');

    const form = (coc: string) => ({ entryDate: '11/20/2026', ...HOMELESS_ADULT, enrollmentCoc: coc, confirmWarnings: 'on' });
    const refused = await caseA.post(`/live/enrollments/${id}/edit`, form('XX-999'));
    assert.equal(refused.status, 422);
    assert.match(textOf(refused.body), /Choose one of the project’s Continuums of Care \(XX-501, XX-502\)/);
    assert.match(refused.body, /id="field-enrollmentCoc-error"/);
    for (const person of [head, child]) assert.equal((await enrollmentsOf(t, person))[0]!.enrollment_coc, 'XX-501');

    const saved = await caseA.post(`/live/enrollments/${id}/edit`, form('xx-502'));
    assert.equal(saved.status, 303, textOf(saved.body).slice(0, 800));
    for (const person of [head, child]) assert.equal((await enrollmentsOf(t, person))[0]!.enrollment_coc, 'XX-502');
    const audits = await t.sites.live.db.selectFrom('audit_log').select(['client_personal_id', 'details']).where('event', '=', 'enrollment.changed').where('client_personal_id', 'in', [head, child]).execute();
    assert.deepEqual(audits.map((a) => a.client_personal_id).sort(), [head, child].sort());
    for (const a of audits) assert.match(JSON.stringify(a.details), /enrollmentCoc/);
  });
});

describe('HUD UserID (finding 17): the account’s id, at most 32 characters', () => {
  it('a change is stamped with the user’s id, the page names the username, User.csv lists the id; the migration rewrites usernames', async () => {
    const worker = await signedInUser(t, { role: 'case_manager', firstName: 'Maximiliana', lastName: 'Featherstonehaugh-Wolfeschlegel', agencies: [w.agencyA] });
    await worker.client.get('/live/');
    const person = await createClient(t, 'Userid', 'Stamp', '1980-03-03');
    const id = await enroll(worker.client, { client: person, projectId: w.shelterA, members: [[person, HOMELESS_ADULT]] });
    const [row] = await enrollmentsOf(t, person);
    assert.equal(row!.user_id, String(worker.user.id));
    assert.ok(row!.user_id.length <= 32);
    assert.match(textOf((await worker.client.get(`/live/enrollments/${id}`)).body), new RegExp(`last changed [^.]* by ${worker.username}\\.`));

    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const request = { from: '2026-10-01', to: '2026-11-27', projectIds: [w.shelterA], cocCode: null, periodType: null, directive: 'full' as const, hash: false };
    await t.sites.live.hudExports.write({ operator: ACTOR }, request, out);
    const files = await readExport(Buffer.concat(chunks));
    const user = files.get('User.csv')!.rows.find((r) => r.UserID === String(worker.user.id));
    assert.deepEqual([user?.UserFirstName, user?.UserLastName], ['Maximiliana', 'Featherstonehaugh-Wolfeschlegel']);
    for (const file of files.values()) for (const r of file.rows) if (r.UserID !== undefined) assert.ok(r.UserID.length <= 32, r.UserID);

    const db = t.sites.live.db;
    await db.updateTable('enrollments').set({ user_id: worker.username }).where('enrollment_id', '=', id).execute();
    await db.updateTable('clients').set({ user_id: worker.username }).where('personal_id', '=', person).execute();
    await migration0015(db);
    assert.equal((await enrollmentsOf(t, person))[0]!.user_id, String(worker.user.id));
    assert.equal((await db.selectFrom('clients').select('user_id').where('personal_id', '=', person).executeTakeFirstOrThrow()).user_id, String(worker.user.id));
  });
});

describe('3.917 prior living situation (findings 4 and 14)', () => {
  it('finding 4: “other” situations (8, 9, 99) follow the 7-night threshold: LOSUnderThreshold is set and “the night before” is asked after a short stay', async () => {
    const person = await createClient(t, 'Other', 'Situation', '1980-01-01');
    const errors = await refusal(
      t.sites.live.enrollments.enroll(ADMIN, { projectId: w.servicesA, entryDate: '11/20/2026', personalIds: [person], entries: [{ ...HOMELESS_ADULT, livingSituation: '99', lengthOfStay: '11', ...NO_HISTORY }] }, ACTOR),
    );
    assert.match(errors['m0.previousStreetEssh']!.join(' '), /Answer “On the night before/);
    const short = await enrollOne(w.servicesA, { livingSituation: '99', lengthOfStay: '11', previousStreetEssh: '0', ...NO_HISTORY });
    assert.equal(short.los_under_threshold, 1);
    assert.equal(short.previous_street_essh, 0);
    const afterStreet = await enrollOne(w.servicesA, { livingSituation: '8', lengthOfStay: '10', previousStreetEssh: '1' });
    assert.equal(afterStreet.los_under_threshold, 1);
    assert.equal(afterStreet.times_homeless_past_three_years, 1, 'the homeless history follows the night on the street');
    const long = await enrollOne(w.servicesA, { livingSituation: '9', lengthOfStay: '4', ...NO_HISTORY });
    assert.equal(long.los_under_threshold, 0);
    const unknown = await enrollOne(w.servicesA, { livingSituation: '99', lengthOfStay: '99', ...NO_HISTORY });
    assert.equal(unknown.los_under_threshold, 99);
  });

  it('finding 14: shelter, outreach and safe haven projects ask 3.917A: no “night before” on the form, none stored, one sent is refused', async () => {
    const person = await createClient(t, 'Shelter', 'Guest', '1980-01-01');
    const step = await caseA.get(`/live/enrollments/new?client=${person}&projectId=${w.shelterA}&entryDate=11%2F20%2F2026&action=continue`);
    assert.equal(step.status, 200, textOf(step.body).slice(0, 500));
    assert.doesNotMatch(step.body, /previousStreetEssh/);
    const other = await caseA.get(`/live/enrollments/new?client=${person}&projectId=${w.servicesA}&entryDate=11%2F20%2F2026&action=continue`);
    assert.match(other.body, /name="m0\.previousStreetEssh"/, 'other project types ask it (3.917B)');

    const shortStay = await enrollOne(w.shelterA, { livingSituation: '314', lengthOfStay: '10' });
    assert.equal(shortStay.previous_street_essh, null);
    assert.equal(shortStay.los_under_threshold, null);
    assert.equal(shortStay.times_homeless_past_three_years, 1, '3.917A asks the history of everyone');
    const errors = await refusal(
      t.sites.live.enrollments.enroll(ADMIN, { projectId: w.shelterA, entryDate: '11/20/2026', personalIds: [person], entries: [{ ...HOMELESS_ADULT, livingSituation: '314', lengthOfStay: '10', previousStreetEssh: '1' }] }, ACTOR),
    );
    assert.match(errors['m0.previousStreetEssh']!.join(' '), /do not ask it \(HUD 3\.917A\)/);
  });
});

/** The warnings a submission comes back with, by field (it saved nothing). */
async function warningsOf(promise: Promise<unknown>): Promise<Readonly<Record<string, readonly string[]>>> {
  const error = await promise.then(
    () => assert.fail('expected warnings to confirm'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof UnconfirmedWarningsError, String(error));
  return error.fieldWarnings;
}

describe('3.917 date homelessness started against the times and months homeless (finding 8)', () => {
  const enrollHead = async (entry: Partial<MemberEntryInput>, confirmed?: boolean) => {
    const person = await createClient(t, 'History', `Case${Math.random().toString(36).slice(2, 8)}`, '1970-05-05');
    await t.sites.live.enrollments.enroll(ADMIN, { projectId: w.servicesA, entryDate: '11/20/2026', personalIds: [person], entries: [{ ...HOMELESS_ADULT, ...entry }], confirmed }, ACTOR);
    return (await enrollmentsOf(t, person))[0]!;
  };

  it('Eva 71: homeless once since a date, the months must be the calendar months from that month to the entry month, both counted', async () => {
    // 06/01/2026 to 11/20/2026: June … November, 6 calendar months (106), though fewer than 6 × 30.4 days.
    const consistent = await enrollHead({ dateToStreetEssh: '06/20/2026', timesHomelessPastThreeYears: '1', monthsHomelessPastThreeYears: '106' });
    assert.equal(consistent.months_homeless_past_three_years, 106, 'consistent answers need no confirmation');
    const warned = await warningsOf(enrollHead({ dateToStreetEssh: '06/20/2026', timesHomelessPastThreeYears: '1', monthsHomelessPastThreeYears: '105' }));
    assert.match(warned['m0.monthsHomelessPastThreeYears']!.join(' '), /HUD counts “6 months” .*calendar months from 06\/20\/2026 to the entry month/);
    const capped = await warningsOf(enrollHead({ dateToStreetEssh: '01/15/2025', timesHomelessPastThreeYears: '1', monthsHomelessPastThreeYears: '112' }));
    assert.match(capped['m0.monthsHomelessPastThreeYears']!.join(' '), /HUD counts “More than 12 months”/, 'more than 12 calendar months is 113');
    const confirmed = await enrollHead({ dateToStreetEssh: '06/20/2026', timesHomelessPastThreeYears: '1', monthsHomelessPastThreeYears: '105' }, true);
    assert.equal(confirmed.months_homeless_past_three_years, 105, 'confirmed, the answer is saved as given');
  });

  it('Eva 70: homeless once, with the months not known, is warned about', async () => {
    const warned = await warningsOf(enrollHead({ timesHomelessPastThreeYears: '1', monthsHomelessPastThreeYears: '8' }));
    assert.match(warned['m0.monthsHomelessPastThreeYears']!.join(' '), /Homeless once in three years, yet the months homeless are not known/);
    assert.equal((await enrollHead({ timesHomelessPastThreeYears: '2', monthsHomelessPastThreeYears: '8' })).months_homeless_past_three_years, 8, 'several times: not this check');
  });

  it('Eva 105: homeless since three years or more before entry needs “one time” and 12 months or more', async () => {
    const warned = await warningsOf(enrollHead({ dateToStreetEssh: '11/01/2023', timesHomelessPastThreeYears: '2', monthsHomelessPastThreeYears: '113' }));
    assert.match(warned['m0.timesHomelessPastThreeYears']!.join(' '), /three years or more before entry: HUD expects “one time” and 12 months or more/);
    const fine = await enrollHead({ dateToStreetEssh: '11/01/2023', timesHomelessPastThreeYears: '1', monthsHomelessPastThreeYears: '113' });
    assert.equal(fine.times_homeless_past_three_years, 1);
  });

  it('the date homelessness started may stay empty, with a warning that HUD counts it as missing', async () => {
    const warned = await warningsOf(enrollHead({ dateToStreetEssh: '' }));
    assert.match(warned['m0.dateToStreetEssh']!.join(' '), /HUD reports count it as missing/);
    const saved = await enrollHead({ dateToStreetEssh: '' }, true);
    assert.equal(saved.date_to_street_essh, null);
  });

  it('the form shows the warnings with a confirmation box (422), and saves once it is ticked', async () => {
    const person = await createClient(t, 'Page', 'Warning', '1970-05-05');
    const form = enrollForm({ client: person, projectId: w.servicesA, members: [[person, { ...HOMELESS_ADULT, monthsHomelessPastThreeYears: '104' }]] });
    const warned = await caseA.post('/live/enrollments/new', form);
    assert.equal(warned.status, 422);
    assert.match(textOf(warned.body), /HUD counts “6 months”/);
    assert.match(warned.body, /name="confirmWarnings"/);
    assert.match(warned.body, /<option value="104" selected/, 'the answers come back as typed');
    const saved = await caseA.post('/live/enrollments/new', { ...form, confirmWarnings: 'on' });
    assert.equal(saved.status, 303);
  });
});

describe('relationship “Data not collected” (finding 9)', () => {
  it('is a warning to confirm at entry, on adding a member and on a change of head: HUD reports count it as missing', async () => {
    const head = await createClient(t, 'Rel', 'Head', '1980-01-01');
    const other = await createClient(t, 'Rel', 'Other', '1982-01-01');
    const draft = { projectId: w.servicesA, entryDate: '11/20/2026', personalIds: [head, other], entries: [HOMELESS_ADULT, { ...HOMELESS_ADULT, relationshipToHoH: '99' }] };
    const warned = await warningsOf(t.sites.live.enrollments.enroll(ADMIN, draft, ACTOR));
    assert.match(warned['m1.relationshipToHoH']!.join(' '), /counted as a missing relationship in HUD reports/);
    const { enrollments } = await t.sites.live.enrollments.enroll(ADMIN, { ...draft, confirmed: true }, ACTOR);
    assert.equal((await enrollmentsOf(t, other))[0]!.relationship_to_hoh, 99);

    const [headStay, otherStay] = [enrollments.find((e) => e.personalId === head)!.enrollmentId, enrollments.find((e) => e.personalId === other)!.enrollmentId];
    const third = await createClient(t, 'Rel', 'Third', '1984-01-01');
    const joining = { personalId: third, entryDate: '11/21/2026', entry: { ...HOMELESS_ADULT, relationshipToHoH: '99' } };
    await warningsOf(t.sites.live.enrollments.addMember(ADMIN, headStay, joining, ACTOR));
    await t.sites.live.enrollments.addMember(ADMIN, headStay, { ...joining, confirmed: true }, ACTOR);

    const change = { newHead: otherStay, relationships: { [headStay]: '99' } as Record<string, string> };
    const thirdStay = (await enrollmentsOf(t, third))[0]!.enrollment_id;
    change.relationships[thirdStay] = '3';
    const headWarnings = await warningsOf(t.sites.live.enrollments.changeHead(ADMIN, headStay, change, ACTOR));
    assert.match(headWarnings[`rel.${headStay}`]!.join(' '), /counted as a missing relationship/);
  });
});

describe('dates of birth and operating dates (findings 6 and 7)', () => {
  it('finding 6: nobody enters before being born, and a head of household does not enter on the day of birth: at entry, on adding a member and on correcting the entry date', async () => {
    const baby = await createClient(t, 'Late', 'Born', '2026-11-22');
    const mother = await createClient(t, 'Early', 'Mother', '1990-01-01');
    const before = await refusal(
      t.sites.live.enrollments.enroll(ADMIN, { projectId: w.servicesA, entryDate: '11/20/2026', personalIds: [mother, baby], entries: [HOMELESS_ADULT, { ...HOMELESS_ADULT, relationshipToHoH: '2' }] }, ACTOR),
    );
    assert.match(before.members!.join(' '), /Born, Late was born on 11\/22\/2026: the entry date \(11\/20\/2026\) cannot be before the date of birth/);
    const headBorn = await refusal(
      t.sites.live.enrollments.enroll(ADMIN, { projectId: w.servicesA, entryDate: '11/22/2026', personalIds: [baby, mother], entries: [HOMELESS_ADULT, { ...HOMELESS_ADULT, relationshipToHoH: '3' }] }, ACTOR),
    );
    assert.match(headBorn['m0.relationshipToHoH']!.join(' '), /born on the entry date \(11\/22\/2026\): a newborn cannot be the head of household/);

    const { enrollments } = await t.sites.live.enrollments.enroll(ADMIN, { projectId: w.servicesA, entryDate: '11/20/2026', personalIds: [mother], entries: [HOMELESS_ADULT] }, ACTOR);
    const stay = enrollments[0]!.enrollmentId;
    const child = { ...HOMELESS_ADULT, relationshipToHoH: '2', livingSituation: '', lengthOfStay: '', ...NO_HISTORY };
    const early = await refusal(t.sites.live.enrollments.addMember(ADMIN, stay, { personalId: baby, entryDate: '11/21/2026', entry: child }, ACTOR));
    assert.match(early.entryDate!.join(' '), /cannot be before the date of birth/);
    await t.sites.live.enrollments.addMember(ADMIN, stay, { personalId: baby, entryDate: '11/22/2026', entry: child }, ACTOR);
    const babyStay = (await enrollmentsOf(t, baby))[0]!.enrollment_id;
    const moved = await refusal(t.sites.live.enrollments.update(ADMIN, babyStay, { entryDate: '11/21/2026', entry: child }, ACTOR));
    assert.match(moved.entryDate!.join(' '), /cannot be before the date of birth/);
  });

  it('finding 7: an exit after the project’s operating end date is refused, on exit and on correcting the exit', async () => {
    const person = await createClient(t, 'Winter', 'Guest', '1980-01-01');
    const { enrollments } = await t.sites.live.enrollments.enroll(
      ADMIN,
      { projectId: w.endedA, entryDate: '12/01/2025', personalIds: [person], entries: [{ ...HOMELESS_ADULT, dateToStreetEssh: '11/01/2025', monthsHomelessPastThreeYears: '102' }] },
      ACTOR,
    );
    const stay = enrollments[0]!.enrollmentId;
    const exit = { exitDate: '01/05/2026', destination: '410', destinationSubsidyType: '', otherDestination: '' };
    const late = await refusal(t.sites.live.enrollments.exit(ADMIN, stay, exit, 'member', ACTOR));
    assert.match(late.exitDate!.join(' '), /cannot be after the project stopped operating \(12\/31\/2025\)/);
    await t.sites.live.enrollments.exit(ADMIN, stay, { ...exit, exitDate: '12/31/2025' }, 'member', ACTOR);
    const corrected = await refusal(t.sites.live.enrollments.changeExit(ADMIN, stay, exit, ACTOR));
    assert.match(corrected.exitDate!.join(' '), /cannot be after the project stopped operating/);
  });
});

describe('change of head of household (finding 15)', () => {
  it('refuses a child and a member without 3.917 answers, and asks to confirm a member who entered after the others', async () => {
    const adult = await createClient(t, 'Head', 'First', '1980-01-01');
    const kid = await createClient(t, 'Head', 'Kid', '2015-01-01');
    const partner = await createClient(t, 'Head', 'Partner', '1981-01-01');
    const late = await createClient(t, 'Head', 'Late', '1982-01-01');
    const child = { ...HOMELESS_ADULT, relationshipToHoH: '2', livingSituation: '', lengthOfStay: '', ...NO_HISTORY };
    const { enrollments } = await t.sites.live.enrollments.enroll(
      ADMIN,
      { projectId: w.servicesA, entryDate: '11/20/2026', personalIds: [adult, kid, partner], entries: [HOMELESS_ADULT, child, { ...HOMELESS_ADULT, relationshipToHoH: '3' }] },
      ACTOR,
    );
    const stayOf = (id: string) => enrollments.find((e) => e.personalId === id)!.enrollmentId;
    const headStay = stayOf(adult);
    await t.sites.live.enrollments.addMember(ADMIN, headStay, { personalId: late, entryDate: '11/23/2026', entry: { ...HOMELESS_ADULT, relationshipToHoH: '5' } }, ACTOR);
    const lateStay = (await enrollmentsOf(t, late))[0]!.enrollment_id;
    const relationships = { [headStay]: '3', [stayOf(kid)]: '2', [stayOf(partner)]: '5', [lateStay]: '5' };

    const childHead = await refusal(t.sites.live.enrollments.changeHead(ADMIN, headStay, { newHead: stayOf(kid), relationships }, ACTOR));
    assert.match(childHead.newHead!.join(' '), /was 11 at entry: a child cannot be the head of household/);
    // A partner whose 3.917 was never recorded (data from before the rule, written as it was).
    await t.sites.live.db.updateTable('enrollments').set({ living_situation: null, length_of_stay: null }).where('enrollment_id', '=', stayOf(partner)).execute();
    const no3917 = await refusal(t.sites.live.enrollments.changeHead(ADMIN, headStay, { newHead: stayOf(partner), relationships }, ACTOR));
    assert.match(no3917.newHead!.join(' '), /has no prior living situation \(3\.917\).*complete .* entry data first/);
    const lateWarning = await warningsOf(t.sites.live.enrollments.changeHead(ADMIN, headStay, { newHead: lateStay, relationships }, ACTOR));
    assert.match(lateWarning.newHead!.join(' '), /entered on 11\/23\/2026, after other members \(11\/20\/2026\)/);
    await t.sites.live.enrollments.changeHead(ADMIN, headStay, { newHead: lateStay, relationships, confirmed: true }, ACTOR);
    assert.equal((await enrollmentsOf(t, late))[0]!.relationship_to_hoh, 1);
  });
});

describe('victim service providers hold no client data in Hearth (finding 3)', () => {
  const VAWA = /This project belongs to a victim service provider\. Under the Violence Against Women Act \(VAWA\), victim service providers do not enter client data into an HMIS: they record their clients in a comparable database/;
  const project = (name: string, projectType: string) => ({ name, commonName: '', operatingStartDate: '2020-01-01', operatingEndDate: '', continuumProject: '1', projectType, housingType: '1', rrhSubType: '' });
  let vspAgency: string;
  let vspShelter: string;
  let vspNightShelter: string;
  let caseVsp: TestClient;
  before(async () => {
    vspAgency = (await t.sites.live.projects.createOrganization({ name: 'Safe Harbor DV Services', commonName: '', victimServiceProvider: '1' }, ACTOR)).organizationId;
    vspShelter = (await t.sites.live.projects.createProject(ADMIN, vspAgency, project('Safe Harbor DV Shelter', '0'), ACTOR)).projectId;
    vspNightShelter = (await t.sites.live.projects.createProject(ADMIN, vspAgency, project('Safe Harbor Night Beds', '1'), ACTOR)).projectId;
    await addCoc(t.sites.live, [vspShelter, vspNightShelter]);
    caseVsp = await user(t, 'case_manager', [vspAgency], 'Vera');
  });

  it('step one of enrolling says why, before any entry data is asked; enrolling is refused with a 4xx and nothing is stored', async () => {
    const person = await createClient(t, 'Vsp', 'Refused', '1980-04-04');
    const step = await caseVsp.get(`/live/enrollments/new?client=${person}&projectId=${vspShelter}&entryDate=11/20/2026&action=continue`);
    assert.equal(step.status, 422);
    assert.match(textOf(step.body), VAWA);
    assert.match(step.body, /id="field-projectId-error"/);
    assert.doesNotMatch(step.body, /name="enrollmentCoc"/, 'step two (entry data) is not shown');
    const posted = await caseVsp.post('/live/enrollments/new', { ...enrollForm({ client: person, projectId: vspShelter, members: [[person, HOMELESS_ADULT]] }), confirmWarnings: 'on' });
    assert.equal(posted.status, 422);
    assert.match(textOf(posted.body), VAWA);
    const errors = await refusal(t.sites.live.enrollments.enroll(ADMIN, { projectId: vspShelter, entryDate: '11/20/2026', personalIds: [person], entries: [HOMELESS_ADULT], confirmed: true }, ACTOR));
    assert.match(errors.projectId!.join(' '), VAWA);
    assert.equal((await enrollmentsOf(t, person)).length, 0);
  });

  it('a household enrolled before its agency was marked a provider takes no new member', async () => {
    const head = await createClient(t, 'Vsp', 'Head', '1979-05-05');
    const joiner = await createClient(t, 'Vsp', 'Joiner', '1981-05-05');
    const agency = (await t.sites.live.projects.createOrganization({ name: 'Later DV Program', commonName: '', victimServiceProvider: '0' }, ACTOR)).organizationId;
    const shelter = (await t.sites.live.projects.createProject(ADMIN, agency, project('Later DV Shelter', '0'), ACTOR)).projectId;
    await addCoc(t.sites.live, [shelter]);
    const worker = await user(t, 'case_manager', [agency], 'Lena');
    const id = await enroll(worker, { client: head, projectId: shelter, members: [[head, HOMELESS_ADULT]] });
    // Data from before the rule (Hearth refuses the flag on an agency with client data): set under the rule's feet.
    await t.sites.live.db.updateTable('organizations').set({ victim_service_provider: 1 }).where('organization_id', '=', agency).execute();
    const page = await worker.get(`/live/enrollments/${id}/members/new`);
    assert.equal(page.status, 403);
    assert.match(textOf(page.body), VAWA);
    const added = await worker.post(`/live/enrollments/${id}/members/new`, { personalId: joiner, entryDate: '11/21/2026', ...HOMELESS_ADULT, relationshipToHoH: '3', confirmWarnings: 'on' });
    assert.equal(added.status, 403);
    assert.match(textOf(added.body), VAWA);
    assert.equal((await enrollmentsOf(t, joiner)).length, 0);
  });

  it('a night-by-night shelter’s check-in opens no stay and records no bed night', async () => {
    const guest = await createClient(t, 'Vsp', 'Guest', '1985-06-06');
    const sheet = await caseVsp.get(`/live/projects/${vspNightShelter}/check-in`);
    assert.equal(sheet.status, 403);
    assert.match(textOf(sheet.body), VAWA, 'the check-in page says why before anyone is ticked');
    const response = await caseVsp.post(`/live/projects/${vspNightShelter}/check-in`, { night: '11/27/2026', client: guest });
    assert.equal(response.status, 403);
    assert.match(textOf(response.body), VAWA);
    assert.equal((await enrollmentsOf(t, guest)).length, 0);
    await assert.rejects(
      t.sites.live.db.transaction().execute((trx) => t.sites.live.enrollments.openStaysAtCheckIn(trx, ADMIN, { projectId: vspNightShelter, entryDate: '2026-11-27', personalIds: [] }, ACTOR)),
      (error: unknown) => VAWA.test(String(error)),
      'even with nobody new (bed nights of stays already there)',
    );
  });
});
