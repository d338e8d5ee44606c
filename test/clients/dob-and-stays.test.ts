import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ValidationError } from '../../src/errors.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf } from '../helpers/client.js';
import { signedInUser, type SignedInUser } from '../helpers/users.js';
import { ACTOR, clientInput, createClient, insertEnrollment, insertProject } from './fixtures.js';

describe('3.03 date of birth against the client’s stays (finding 6)', () => {
  let t: TestApp;
  let project: { organizationId: string; projectId: string };
  let worker: SignedInUser;
  let outsider: SignedInUser;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    project = await insertProject(t);
    worker = await signedInUser(t, { role: 'case_manager', firstName: 'Wes', agencies: [project.organizationId] });
    outsider = await signedInUser(t, { role: 'case_manager', firstName: 'Olga' });
  });
  after(() => t.close());

  const refusedDob = async (promise: Promise<unknown>, message: RegExp) =>
    assert.rejects(promise, (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.match((error.fieldErrors.dob ?? []).join(' '), message);
      return true;
    });

  test('a date of birth after an entry is refused, naming the stay; one before every entry is saved', async () => {
    const client = await createClient(t, { firstName: 'Della', lastName: 'Dob', ssn: '412-40-1234', dob: '03/15/1980' });
    await insertEnrollment(t, { personalId: client.personalId, projectId: project.projectId, entryDate: '2024-05-01', relationship: 2 });
    await refusedDob(
      t.sites.live.clients.update(client.personalId, clientInput({ firstName: 'Della', lastName: 'Dob', ssn: '412-40-1234', dob: '06/01/2024' }), ACTOR),
      /entered a project of another agency on 05\/01\/2024, before this date of birth/,
    );
    const saved = await t.sites.live.clients.update(client.personalId, clientInput({ firstName: 'Della', lastName: 'Dob', ssn: '412-40-1234', dob: '05/01/2024' }), ACTOR);
    assert.equal(saved.dob, '2024-05-01', 'a member other than the head may enter on the day of birth (a newborn)');
  });

  test('a head of household’s entry on the date of birth is refused', async () => {
    const head = await createClient(t, { firstName: 'Hedda', lastName: 'Head', ssn: '412-41-1234', dob: '03/15/1980' });
    await insertEnrollment(t, { personalId: head.personalId, projectId: project.projectId, entryDate: '2025-02-02' });
    await refusedDob(
      t.sites.live.clients.update(head.personalId, clientInput({ firstName: 'Hedda', lastName: 'Head', ssn: '412-41-1234', dob: '02/02/2025' }), ACTOR),
      /on 02\/02\/2025 as head of household, the day of this date of birth/,
    );
  });

  test('on the edit form: 422 with the message on the field; the project is named only to a user of its agency', async () => {
    const client = await createClient(t, { firstName: 'Fern', lastName: 'Form', ssn: '412-42-1234', dob: '03/15/1980' });
    await insertEnrollment(t, { personalId: client.personalId, projectId: project.projectId, entryDate: '2023-03-03' });
    const form = { firstName: 'Fern', lastName: 'Form', nameDataQuality: '1', ssn: '', ssnDataQuality: '1', dob: '04/04/2023', dobDataQuality: '1', races: 'white', sex: '0', veteranStatus: '0' };
    const edit = `/live/clients/${client.personalId}/edit`;
    await worker.client.get(edit);
    const refused = await worker.client.post(edit, form);
    assert.equal(refused.status, 422);
    assert.match(textOf(refused.body), /The client entered Night Shelter on 03\/03\/2023, before this date of birth/);
    assert.match(refused.body, /<a href="#field-dob">The client entered Night Shelter/);
    await outsider.client.get(edit);
    const other = await outsider.client.post(edit, form);
    assert.equal(other.status, 422);
    assert.match(textOf(other.body), /entered a project of another agency on 03\/03\/2023/);
    assert.doesNotMatch(textOf(other.body), /Night Shelter/);
    const stored = await t.sites.live.clients.get(client.personalId);
    assert.equal(stored.dob, '1980-03-15', 'nothing saved');
  });
});
