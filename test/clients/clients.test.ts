import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../../src/audit/audit-log.js';
import { EMPTY_CLIENT_INPUT, type ClientInput } from '../../src/clients/client-fields.js';
import { maskSsn } from '../../src/clients/ssn.js';
import { ValidationError } from '../../src/errors.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type TestClient } from '../helpers/client.js';

const NEW_PASSWORD = 'Str0ng!Passphrase-x';
const ACTOR = { userId: null, username: 'tester', ip: '10.0.0.1' };

function input(overrides: Partial<ClientInput> = {}): ClientInput {
  return {
    ...EMPTY_CLIENT_INPUT,
    firstName: 'John',
    lastName: 'Smith',
    nameDataQuality: '1',
    ssn: '123-45-6780',
    ssnDataQuality: '1',
    dob: '03/15/1980',
    dobDataQuality: '1',
    races: ['white'],
    sex: '1',
    veteranStatus: '0',
    ...overrides,
  };
}

async function signIn(t: TestApp): Promise<TestClient> {
  const { user, temporaryPassword } = await t.createUser('live', { firstName: 'Casey', lastName: 'Manager' });
  const client = t.client();
  await client.login('live', user.username, temporaryPassword);
  const changed = await client.submit('/live/password/expired', { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
  assert.equal(changed.status, 303, textOf(changed.body));
  return client;
}

async function clientCount(t: TestApp): Promise<number> {
  const row = await t.sites.live.db.selectFrom('clients').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('client universal data elements: HUD rules', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
  });
  after(() => t.close());

  const refusals: [string, Partial<ClientInput>, string, RegExp][] = [
    ['full name without a last name', { lastName: '' }, 'lastName', /full name needs a last name/],
    ['full name without a first name', { firstName: '' }, 'firstName', /full name needs a first name/],
    ['partial name with no name', { firstName: '', lastName: '', nameDataQuality: '2' }, 'firstName', /at least a first or a last name/],
    ['a name with "client doesn\'t know"', { nameDataQuality: '8' }, 'nameDataQuality', /means no name was given/],
    ['no name quality', { nameDataQuality: '' }, 'nameDataQuality', /Choose the name data quality/],
    ['an unknown name quality', { nameDataQuality: '3' }, 'nameDataQuality', /not one of the choices/],
    ['a name over 50 characters', { lastName: 'x'.repeat(51) }, 'lastName', /at most 50/],
    ['markup in a name', { lastName: '<b>Smith</b>' }, 'lastName', /cannot contain/],
    ['full SSN with 8 digits', { ssn: '12345678' }, 'ssn', /full SSN needs 9 digits/],
    ['full SSN with unknown digits', { ssn: 'xxxxx6789' }, 'ssn', /no unknown digits/],
    ['full SSN missing', { ssn: '' }, 'ssn', /Type the 9-digit SSN/],
    ['partial SSN with letters', { ssn: 'abcde6789', ssnDataQuality: '2' }, 'ssn', /9 characters: digits, and x/],
    ['partial SSN too short', { ssn: 'x6789', ssnDataQuality: '2' }, 'ssn', /9 characters/],
    ['no SSN quality', { ssnDataQuality: '' }, 'ssnDataQuality', /Choose the SSN data quality/],
    // 3.01–3.03 alike (minor finding): a reason for missing data with a value typed is refused, never silently dropped.
    ['an SSN typed with "client prefers not to answer"', { ssnDataQuality: '9' }, 'ssnDataQuality', /“Client prefers not to answer” means no SSN was given: remove the SSN, or choose “Full SSN reported” or “Approximate or partial SSN reported”/],
    ['a DOB typed with "client doesn\'t know"', { dobDataQuality: '8' }, 'dobDataQuality', /“Client doesn't know” means no date of birth was given: remove the date of birth, or choose “Full DOB reported”/],
    ['a DOB typed with "data not collected"', { dobDataQuality: '99' }, 'dobDataQuality', /means no date of birth was given/],
    ['DOB in the future', { dob: '01/01/2099' }, 'dob', /cannot be in the future/],
    ['DOB before HUD’s floor of 1915 (finding 6)', { dob: '12/31/1914' }, 'dob', /HUD’s data standards accept no date of birth before 01\/01\/1915/],
    ['DOB not a date', { dob: '02/30/1980' }, 'dob', /is not a date/],
    ['DOB missing with full quality', { dob: '' }, 'dob', /Type the date of birth/],
    ['no race and no reason', { races: [] }, 'races', /at least one race or ethnicity/],
    ['a race and a none reason', { raceNone: '9' }, 'races', /not both/],
    ['an unknown race', { races: ['martian'] }, 'races', /not one of the race/],
    ['no sex', { sex: '' }, 'sex', /Choose the client’s sex/],
    ['sex code from FY2024', { sex: '5' }, 'sex', /not one of the choices/],
    ['no veteran status', { veteranStatus: '' }, 'veteranStatus', /Choose the veteran status/],
    ['a veteran under 18', { veteranStatus: '1', dob: '01/01/2020' }, 'veteranStatus', /under 18 cannot be a veteran/],
  ];
  for (const [name, overrides, field, message] of refusals) {
    test(`refuses ${name}, saving nothing`, async () => {
      const count = await clientCount(t);
      await assert.rejects(t.sites.live.clients.create(input(overrides), ACTOR), (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.match((error.fieldErrors[field] ?? []).join(' '), message, JSON.stringify(error.fieldErrors));
        return true;
      });
      assert.equal(await clientCount(t), count);
    });
  }

  test('missing-data reasons store no SSN and DOB; partial SSN keeps x; PersonalID is 32 random hex', async () => {
    const created = await t.sites.live.clients.create(
      input({ firstName: 'Quinn', lastName: 'Unknown', ssn: '', ssnDataQuality: '9', dob: '', dobDataQuality: '8', races: [], raceNone: '8' }),
      ACTOR,
    );
    assert.equal(created.status, 'created');
    if (created.status !== 'created') return;
    assert.equal(created.client.ssn, null);
    assert.equal(created.client.dob, null);
    assert.equal(created.client.raceNone, 8);
    assert.match(created.client.personalId, /^[0-9a-f]{32}$/);
    const partial = await t.sites.live.clients.create(input({ firstName: 'Pat', lastName: 'Partial', ssn: 'XXXXX4321', ssnDataQuality: '2', dob: '1975-07-04' }), ACTOR);
    assert.equal(partial.status, 'created');
    if (partial.status !== 'created') return;
    assert.equal(partial.client.ssn, 'xxxxx4321');
    assert.equal(partial.client.dob, '1975-07-04');
    assert.equal(maskSsn(partial.client.ssn), '***-**-4321');
  });
});

describe('client search and duplicates', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    const people: [string, Partial<ClientInput>][] = [
      ['john', { firstName: 'John', lastName: 'Smith', ssn: '234-57-7890', dob: '03/15/1980' }],
      ['william', { firstName: 'William', lastName: 'Jones', ssn: '345-68-8901', dob: '1962-11-02' }],
      ['zoe', { firstName: 'Zoë', lastName: 'Åberg', ssn: '456-79-9012', dob: '1999-01-31' }],
      ['jane', { firstName: 'Jane', lastName: 'Doe', ssn: '567-80-0123', dob: '1985-05-05' }],
    ];
    for (const [key, overrides] of people) {
      const created = await t.sites.live.clients.create(input(overrides), SYSTEM_ACTOR);
      assert.equal(created.status, 'created');
      if (created.status === 'created') ids[key] = created.client.personalId;
    }
  });
  after(() => t.close());

  async function found(query: string): Promise<string[]> {
    const result = await t.sites.live.clients.search(query, ACTOR);
    return result.clients.map((c) => c.personalId);
  }

  test('a misspelt name finds the client ("Jonh Smtih" → John Smith)', async () => {
    assert.equal((await found('Jonh Smtih'))[0], ids.john);
  });
  test('"Last, First" and a single last name', async () => {
    assert.equal((await found('Smith, John'))[0], ids.john);
    assert.equal((await found('smith'))[0], ids.john);
  });
  test('a nickname finds the full name (Bill → William)', async () => {
    assert.equal((await found('Bill Jones'))[0], ids.william);
  });
  test('accents are folded (Zoe Aberg finds Zoë Åberg)', async () => {
    assert.equal((await found('Zoe Aberg'))[0], ids.zoe);
    assert.equal((await found('zoe'))[0], ids.zoe);
  });
  test('date of birth in either format, last 4 of the SSN, PersonalID', async () => {
    assert.deepEqual(await found('03/15/1980'), [ids.john]);
    assert.deepEqual(await found('1962-11-02'), [ids.william]);
    assert.deepEqual(await found('7890'), [ids.john]);
    assert.deepEqual(await found(ids.jane!), [ids.jane]);
    assert.deepEqual(await found('0000'), []);
  });
  test('an unrelated name finds nothing; a non-date is refused', async () => {
    assert.deepEqual(await found('Xavier Quill'), []);
    await assert.rejects(t.sites.live.clients.search('02/30/1980', ACTOR), ValidationError);
  });

  test('duplicates: two of SSN, name, DOB warn; one alone does not; a dismissed warning creates', async () => {
    const count = await clientCount(t);
    const warned = await t.sites.live.clients.create(input({ firstName: 'Jóhn', lastName: 'Smith', ssn: 'xxxxx1111', ssnDataQuality: '2', dob: '03/15/1980' }), ACTOR);
    assert.equal(warned.status, 'possible-duplicates');
    if (warned.status !== 'possible-duplicates') return;
    assert.deepEqual(warned.duplicates.map((d) => d.client.personalId), [ids.john]);
    assert.deepEqual(warned.duplicates[0]!.reasons, ['name', 'date of birth']);
    assert.equal(await clientCount(t), count);
    const ssnAndDob = await t.sites.live.clients.create(input({ firstName: 'Other', lastName: 'Person', ssn: '234577890', dob: '03/15/1980' }), ACTOR);
    assert.equal(ssnAndDob.status, 'possible-duplicates');
    const onlyDob = await t.sites.live.clients.create(input({ firstName: 'Third', lastName: 'Person', ssn: '678-91-1234', dob: '03/15/1980' }), ACTOR);
    assert.equal(onlyDob.status, 'created');
    const anyway = await t.sites.live.clients.create(input({ firstName: 'Jóhn', lastName: 'Smith', ssn: 'xxxxx1111', ssnDataQuality: '2', dob: '03/15/1980' }), ACTOR, { dismissedDuplicates: [ids.john!] });
    assert.equal(anyway.status, 'created');
  });
});

describe('client pages', () => {
  let t: TestApp;
  let browser: TestClient;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    browser = await signIn(t);
  });
  after(() => t.close());

  const form = (overrides: Record<string, string | string[]> = {}) => ({
    firstName: 'Maria',
    lastName: 'García',
    nameDataQuality: '1',
    ssn: '321-54-9876',
    ssnDataQuality: '1',
    dob: '07/04/1970',
    dobDataQuality: '1',
    races: ['hispanic_latinao', 'white'],
    sex: '0',
    veteranStatus: '0',
    ...overrides,
  });

  test('create, see the profile with a masked SSN, search for it; audited without the SSN', async () => {
    const nav = await browser.get('/live/clients/new');
    assert.equal(nav.status, 200);
    assert.match(nav.body, /href="\/live\/clients">Clients</);
    const created = await browser.post('/live/clients/new', form());
    assert.equal(created.status, 303, textOf(created.body));
    const profile = await browser.follow(created);
    assert.equal(profile.status, 200);
    assert.match(textOf(profile.body), /García, Maria/);
    assert.match(textOf(profile.body), /\*\*\*-\*\*-9876/);
    assert.ok(!profile.body.includes('321549876') && !profile.body.includes('321-54-9876'));
    const personalId = /clients\/([0-9a-f]{32})/.exec(created.location!)![1]!;

    const search = await browser.get('/live/clients?q=garcia%2C%20maria');
    assert.equal(search.status, 200);
    assert.ok(search.body.includes(personalId));
    assert.match(textOf(search.body), /\*\*\*-\*\*-9876/);
    const byLast4 = await browser.get('/live/clients?q=9876');
    assert.ok(byLast4.body.includes(personalId));

    const edit = await browser.get(`/live/clients/${personalId}/edit`);
    assert.equal(edit.status, 200);
    assert.ok(!edit.body.includes('321549876') && !edit.body.includes('321-54-9876'), 'the edit form never holds the SSN');
    const saved = await browser.post(`/live/clients/${personalId}/edit`, form({ ssn: '', veteranStatus: '1' }));
    assert.equal(saved.status, 303, textOf(saved.body));
    const after = await t.sites.live.clients.get(personalId);
    assert.equal(after.ssn, '321549876');
    assert.equal(after.veteranStatus, 1);

    const audit = await t.sites.live.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    const events = audit.map((r) => r.event);
    for (const event of ['client.created', 'client.viewed', 'client.searched', 'client.changed']) assert.ok(events.includes(event), event);
    const changed = audit.find((r) => r.event === 'client.changed')!;
    assert.equal(changed.details.personalId, personalId);
    assert.match(String(changed.details.changed), /veteranStatus/);
    const everything = JSON.stringify(audit) + t.logs.join('\n');
    assert.ok(!everything.includes('321549876') && !everything.includes('321-54-9876') && !everything.includes('"9876"'), 'the SSN reached the audit log or a log line');
  });

  test('a rejected field keeps what was typed (422) and saves nothing', async () => {
    await browser.get('/live/clients/new');
    const before = await clientCount(t);
    const refused = await browser.post('/live/clients/new', form({ firstName: 'Keep', lastName: 'Typed', ssn: '1234', dob: '13/45/1990' }));
    assert.equal(refused.status, 422);
    assert.match(refused.body, /value="Keep"/);
    assert.match(refused.body, /value="13\/45\/1990"/);
    assert.match(textOf(refused.body), /full SSN needs 9 digits/);
    assert.match(textOf(refused.body), /is not a date/);
    assert.equal(await clientCount(t), before);
  });

  test('a likely duplicate is shown before saving; "create anyway" saves', async () => {
    await browser.get('/live/clients/new');
    const first = await browser.post('/live/clients/new', form({ firstName: 'Dana', lastName: 'Twin', ssn: '412-33-1234', dob: '02/02/1992' }));
    assert.equal(first.status, 303);
    await browser.get('/live/clients/new');
    const before = await clientCount(t);
    const warned = await browser.post('/live/clients/new', form({ firstName: 'Dana', lastName: 'Twin', ssn: '', ssnDataQuality: '99', dob: '02/02/1992' }));
    assert.equal(warned.status, 409);
    assert.match(textOf(warned.body), /may already be in Hearth/);
    assert.match(textOf(warned.body), /\*\*\*-\*\*-1234/);
    assert.ok(!warned.body.includes('412331234'));
    assert.equal(await clientCount(t), before);
    const dismissed = /name="dismissedDuplicates" value="([0-9a-f]{32})"/.exec(warned.body)![1]!;
    const again = await browser.post('/live/clients/new', form({ firstName: 'Dana', lastName: 'Twin', ssn: '', ssnDataQuality: '99', dob: '02/02/1992', dismissedDuplicates: dismissed }));
    assert.equal(again.status, 409, 'without the confirm button the warning stays');
    const anyway = await browser.post('/live/clients/new', form({ firstName: 'Dana', lastName: 'Twin', ssn: '', ssnDataQuality: '99', dob: '02/02/1992', dismissedDuplicates: dismissed, confirm: 'not-duplicates' }));
    assert.equal(anyway.status, 303, textOf(anyway.body));
    assert.equal(await clientCount(t), before + 1);
  });

  test('unknown PersonalID is a 404; a bad search is a 422 with a message', async () => {
    assert.equal((await browser.get('/live/clients/0123456789abcdef0123456789abcdef')).status, 404);
    const bad = await browser.get('/live/clients?q=x');
    assert.equal(bad.status, 422);
    assert.match(bad.body, /role="alert"/);
  });
});
