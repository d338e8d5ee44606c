import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ValidationError } from '../../src/errors.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signedInUser } from '../helpers/users.js';
import { ACTOR, clientInput, createClient, insertEnrollment, insertProject } from './fixtures.js';

/** Finding 10: 3.07 is asked of adults only, judged by the age at the client's first entry (today before any). */
describe('3.07 veteran status: adults only, by age at entry', () => {
  let t: TestApp;
  let projectId: string;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    projectId = (await insertProject(t)).projectId;
  });
  after(() => t.close());

  const refusedVeteran = (promise: Promise<unknown>, message: RegExp) =>
    assert.rejects(promise, (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.match((error.fieldErrors.veteranStatus ?? []).join(' '), message);
      return true;
    });

  test('a child with no answer is saved with 99 (Data not collected); an adult still has to answer', async () => {
    const child = await createClient(t, { firstName: 'Kid', lastName: 'Young', ssn: '412-44-1234', dob: '06/01/2015', veteranStatus: '' });
    assert.equal(child.veteranStatus, 99);
    await refusedVeteran(t.sites.live.clients.create(clientInput({ firstName: 'Ada', lastName: 'Adult', ssn: '412-45-1234', veteranStatus: '' }), ACTOR), /Choose the veteran status/);
    await refusedVeteran(t.sites.live.clients.create(clientInput({ firstName: 'Nobody', lastName: 'Knows', ssn: '412-46-1234', dob: '', dobDataQuality: '99', veteranStatus: '' }), ACTOR), /Choose the veteran status/);
  });

  test('the form says the question is for adults only', async () => {
    const user = await signedInUser(t, { role: 'case_manager', firstName: 'Vic' });
    const page = await user.client.get('/live/clients/new');
    assert.match(page.body, /Asked of adults only: for a client under 18 leave it unanswered/);
  });

  test('“veteran: yes” is refused for a client who was under 18 at an entry, though an adult today', async () => {
    const client = await createClient(t, { firstName: 'Val', lastName: 'Grown', ssn: '412-47-1234', dob: '01/01/2005', veteranStatus: '0' });
    await insertEnrollment(t, { personalId: client.personalId, projectId, entryDate: '2020-03-01', relationship: 2 });
    await refusedVeteran(
      t.sites.live.clients.update(client.personalId, clientInput({ firstName: 'Val', lastName: 'Grown', ssn: '412-47-1234', dob: '01/01/2005', veteranStatus: '1' }), ACTOR),
      /under 18 when they entered a project on 03\/01\/2020: a veteran cannot have been/,
    );
    // Under 18 at the first entry: the question may stay unanswered (99) even though the client is an adult today.
    const unanswered = await t.sites.live.clients.update(client.personalId, clientInput({ firstName: 'Val', lastName: 'Grown', ssn: '412-47-1234', dob: '01/01/2005', veteranStatus: '' }), ACTOR);
    assert.equal(unanswered.veteranStatus, 99);
  });
});
