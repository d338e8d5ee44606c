import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Client } from '../../src/clients/clients.model.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { signedInUser } from '../helpers/users.js';
import { createClient } from './fixtures.js';

/** Every way the full SSN 234-57-7890 could leak into a page, a log line or an audit row. */
const FULL_SSN_FORMS = [/234-?57-?7890/, /234577890/, /234 57 7890/];

function assertNoFullSsn(label: string, text: string) {
  for (const form of FULL_SSN_FORMS) assert.doesNotMatch(text, form, `${label} shows the full SSN`);
}

describe('showing a full SSN: a deliberate, audited POST', () => {
  let t: TestApp;
  let worker: TestClient;
  let workerId: number;
  let john: Client;
  let partial: Client;
  let noSsn: Client;

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    const signed = await signedInUser(t, { role: 'case_manager', firstName: 'Casey' });
    worker = signed.client;
    workerId = signed.user.id;
    john = await createClient(t, { firstName: 'John', lastName: 'Smith', ssn: '234-57-7890' });
    partial = await createClient(t, { firstName: 'Pat', lastName: 'Partial', ssn: 'xxxxx4321', ssnDataQuality: '2', dob: '07/04/1975' });
    noSsn = await createClient(t, { firstName: 'Quinn', lastName: 'Nossn', ssn: '', ssnDataQuality: '9', dob: '01/02/1990' });
  });
  after(() => t.close());

  async function revealRows(personalId: string) {
    return t.sites.live.db.selectFrom('audit_log').selectAll().where('event', '=', 'client.ssn_revealed').where('client_personal_id', '=', personalId).execute();
  }

  test('the profile masks the SSN and offers "Show full SSN" as a POST form with a CSRF token', async () => {
    const page = await worker.get(`/live/clients/${john.personalId}`);
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /SSN \*\*\*-\*\*-7890 Show full SSN \(recorded in the audit log\)/);
    const form = new RegExp(`<form method="post" action="/live/clients/${john.personalId}/ssn" class="inline reveal-ssn"( novalidate)?><input type="hidden" name="_csrf" value="[^"]+"/>`);
    assert.match(page.body, form);
    assertNoFullSsn('the profile', page.body);
  });

  test('a GET never shows it', async () => {
    const page = await worker.get(`/live/clients/${john.personalId}/ssn`);
    assert.equal(page.status, 404);
    assertNoFullSsn('GET …/ssn', page.body);
    assert.equal((await revealRows(john.personalId)).length, 0);
  });

  test('a POST without the CSRF token is refused and records nothing', async () => {
    const page = await worker.post(`/live/clients/${john.personalId}/ssn`, { _csrf: '' });
    assert.equal(page.status, 403);
    assertNoFullSsn('the refusal', page.body);
    assert.equal((await revealRows(john.personalId)).length, 0);
  });

  test('the POST shows the full SSN once, with a note, not cacheable, audited without the number', async () => {
    await worker.get(`/live/clients/${john.personalId}`);
    const logLines = t.logs.length;
    const page = await worker.post(`/live/clients/${john.personalId}/ssn`);
    assert.equal(page.status, 200, textOf(page.body));
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.body, /<span class="secret" id="full-ssn">234-57-7890<\/span>/);
    const text = textOf(page.body);
    assert.match(text, /Full SSN of Smith, John/);
    assert.match(text, /Your viewing of this SSN was recorded in the audit log, with your username, the time and your IP address\./);
    assert.match(text, /PersonalID [0-9a-f]{32}/);

    const rows = await revealRows(john.personalId);
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.equal(row.actor_user_id, workerId);
    assert.equal(row.ip, '127.0.0.1');
    assert.deepEqual(row.details, { personalId: john.personalId });
    assertNoFullSsn('the audit row', JSON.stringify(row));
    assert.doesNotMatch(JSON.stringify(row), /7890/, 'not even the last 4');
    assertNoFullSsn('the log', t.logs.slice(logLines).join('\n'));

    // Each reveal is its own entry.
    assert.equal((await worker.post(`/live/clients/${john.personalId}/ssn`)).status, 200);
    assert.equal((await revealRows(john.personalId)).length, 2);
  });

  test('everywhere else the SSN stays masked: profile, edit form, search results, home page', async () => {
    const pages = {
      profile: await worker.get(`/live/clients/${john.personalId}`),
      edit: await worker.get(`/live/clients/${john.personalId}/edit`),
      byName: await worker.get('/live/clients?q=Smith'),
      byLast4: await worker.get('/live/clients?q=7890'),
      home: await worker.get('/live/'),
    };
    for (const [name, page] of Object.entries(pages)) {
      assert.equal(page.status, 200, name);
      assertNoFullSsn(name, page.body);
    }
    assert.match(textOf(pages.edit.body), /Leave empty to keep the SSN on file \(\*\*\*-\*\*-7890\)/);
    assert.match(pages.edit.body, /<input id="field-ssn" name="ssn" type="text" value autocomplete="off"/, 'the SSN field starts empty');
    assert.match(textOf(pages.byName.body), /\*\*\*-\*\*-7890/);
    assert.match(textOf(pages.byLast4.body), /Smith, John/);
  });

  test('a partial SSN shows its unknown digits as x', async () => {
    const profile = await worker.get(`/live/clients/${partial.personalId}`);
    assert.match(textOf(profile.body), /\*\*\*-\*\*-4321 Show full SSN/);
    const page = await worker.post(`/live/clients/${partial.personalId}/ssn`);
    assert.equal(page.status, 200);
    assert.match(page.body, /<span class="secret" id="full-ssn">xxx-xx-4321<\/span>/);
    assert.match(textOf(page.body), /An x stands for a digit that is not known\./);
    assert.match(textOf(page.body), /SSN data quality Approximate or partial SSN reported/);
  });

  test('a client with no SSN has no button; a POST anyway is a clear 409 and records nothing', async () => {
    const profile = await worker.get(`/live/clients/${noSsn.personalId}`);
    assert.equal(profile.status, 200);
    assert.doesNotMatch(profile.body, /Show full SSN/);
    assert.doesNotMatch(profile.body, /\/ssn"/);
    const page = await worker.post(`/live/clients/${noSsn.personalId}/ssn`);
    assert.equal(page.status, 409);
    assert.match(textOf(page.body), /There is no SSN on file for this client, so there is nothing to show\./);
    assert.equal((await revealRows(noSsn.personalId)).length, 0);
  });

  test('an unknown or malformed PersonalID is a 404', async () => {
    for (const id of ['0'.repeat(32), 'not-an-id', `${john.personalId}0`]) {
      const page = await worker.post(`/live/clients/${id}/ssn`);
      assert.equal(page.status, 404, id);
      assert.match(textOf(page.body), /There is no client with this PersonalID\./);
    }
  });

  test('signed-out visitors are sent to log in, seeing nothing', async () => {
    const anonymous = t.client();
    await anonymous.get('/live/login');
    const page = await anonymous.post(`/live/clients/${john.personalId}/ssn`);
    assert.equal(page.status, 303);
    assert.equal(page.location, '/live/login');
    assertNoFullSsn('the redirect', page.body);
  });
});
