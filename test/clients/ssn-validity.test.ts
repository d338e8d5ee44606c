import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { validateClientInput } from '../../src/clients/client-fields.js';
import { isValidSsn, ssnProblem } from '../../src/clients/ssn.js';
import { UnconfirmedWarningsError } from '../../src/errors.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf } from '../helpers/client.js';
import { signedInUser, type SignedInUser } from '../helpers/users.js';
import { ACTOR, clientInput, createClient } from './fixtures.js';

describe('3.02 SSN validity: HUD’s and the SSA’s rule (finding 5)', () => {
  test('refuses area 000, 666 and 9xx, group 00, serial 0000, one digit repeated, every sequential run and the published numbers', () => {
    const invalid = [
      '000123456', '666123456', '900123456', '987123456', // areas
      '123004567', // group 00
      '123450000', // serial 0000
      '111111111', '555555555',
      '123456789', '234567890', '345678901', '890123456', '012345678', // ascending, 9 then 0
      '987654321', '876543210', '210987654', // descending, 0 then 9
      '078051120', '219099999', // published
      '12345678', '12345678x', '',
    ];
    for (const ssn of invalid) assert.equal(isValidSsn(ssn), false, ssn);
    for (const ssn of ['234577890', '123456780', '321549876', '078051121', '665999999', '899999998']) {
      assert.equal(isValidSsn(ssn), true, ssn);
      assert.equal(ssnProblem(ssn), null, ssn);
    }
    assert.match(ssnProblem('987654321')!, /No SSN starts with 987/);
    assert.match(ssnProblem('345678901')!, /in sequence/);
  });
});

describe('a full SSN that cannot be issued is warned about on the client form', () => {
  let t: TestApp;
  let worker: SignedInUser;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    worker = await signedInUser(t, { role: 'case_manager', firstName: 'Wanda' });
  });
  after(() => t.close());

  const typed = (overrides: Record<string, string> = {}) => ({
    firstName: 'Vera',
    lastName: 'Sequence',
    nameDataQuality: '1',
    ssn: '345-67-8901',
    ssnDataQuality: '1',
    dob: '06/06/1966',
    dobDataQuality: '1',
    races: 'white',
    sex: '0',
    veteranStatus: '0',
    ...overrides,
  });

  test('DQ 1 with an impossible SSN: 422, nothing saved, the warning suggests a correction or DQ 2, with the box to confirm', async () => {
    await worker.client.get('/live/clients/new');
    const warned = await worker.client.post('/live/clients/new', typed());
    assert.equal(warned.status, 422);
    const text = textOf(warned.body);
    assert.match(text, /Nine digits in sequence are no SSN\. Check the SSN with the client and correct it, or choose “Approximate or partial SSN reported”/);
    assert.match(warned.body, /<a href="#field-ssn">Nine digits in sequence/);
    assert.match(warned.body, /name="confirmWarnings"/);
    assert.match(warned.body, /value="345-67-8901"/, 'what was typed is kept');
    assert.equal((await t.sites.live.clients.search('Vera Sequence', ACTOR)).clients.length, 0);

    const confirmed = await worker.client.post('/live/clients/new', typed({ confirmWarnings: 'on' }));
    assert.equal(confirmed.status, 303, textOf(confirmed.body));
  });

  test('the same SSN as partial (DQ 2) or a valid full SSN is saved without a warning', async () => {
    await worker.client.get('/live/clients/new');
    const partial = await worker.client.post('/live/clients/new', typed({ firstName: 'Paula', ssnDataQuality: '2' }));
    assert.equal(partial.status, 303, textOf(partial.body));
    await worker.client.get('/live/clients/new');
    const valid = await worker.client.post('/live/clients/new', typed({ firstName: 'Rita', ssn: '412-38-1234' }));
    assert.equal(valid.status, 303, textOf(valid.body));
  });

  test('an edit warns when the SSN changes to an impossible one, and not about an SSN on file it leaves alone', async () => {
    const clients = t.sites.live.clients;
    const client = await clients.create(clientInput({ firstName: 'Ed', lastName: 'Itor', ssn: '900-12-3456' }), ACTOR, { warningsConfirmed: true });
    assert.equal(client.status, 'created');
    if (client.status !== 'created') return;
    const id = client.client.personalId;
    const renamed = await clients.update(id, clientInput({ firstName: 'Eddie', lastName: 'Itor', ssn: '900-12-3456' }), ACTOR);
    assert.equal(renamed.firstName, 'Eddie');
    await assert.rejects(clients.update(id, clientInput({ firstName: 'Eddie', lastName: 'Itor', ssn: '219-09-9999' }), ACTOR), (error: unknown) => {
      assert.ok(error instanceof UnconfirmedWarningsError);
      assert.match(error.fieldWarnings.ssn!.join(' '), /published by the SSA/);
      return true;
    });
  });

  test('duplicate detection uses the same rule: a shared impossible SSN is no reason, a shared valid one is', async () => {
    const clients = t.sites.live.clients;
    await clients.create(clientInput({ firstName: 'Ann', lastName: 'First', ssn: '987-65-4321', dob: '01/02/1990' }), ACTOR, { warningsConfirmed: true });
    const impossible = await clients.findLikelyDuplicates(fieldsOf('Bea', 'Second', '987654321'));
    assert.equal(impossible.length, 0, 'SSN 987654321 and the date of birth: only one reason counts');
    await createClient(t, { firstName: 'Cy', lastName: 'Third', ssn: '412-39-1234', dob: '01/02/1990' });
    const valid = await clients.findLikelyDuplicates(fieldsOf('Di', 'Fourth', '412391234'));
    assert.deepEqual(valid.map((d) => d.reasons), [['SSN', 'date of birth']]);
  });

  const fieldsOf = (firstName: string, lastName: string, ssn: string) => validateClientInput(clientInput({ firstName, lastName, ssn, dob: '01/02/1990' }), '2026-11-27');
});
