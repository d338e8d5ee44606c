import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Client } from '../../src/clients/clients.model.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf } from '../helpers/client.js';
import { signedInUser, type SignedInUser } from '../helpers/users.js';
import { auditTableRows, createClient } from './fixtures.js';

const AUDIT = '/live/admin/audit';

describe('the audit of client data: per client and per user, for administrators', () => {
  let t: TestApp;
  let admin: SignedInUser;
  let worker: SignedInUser;
  let manager: SignedInUser;
  let maria: Client;
  let other: Client;

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    admin = await signedInUser(t, { role: 'admin', firstName: 'Ada' });
    worker = await signedInUser(t, { role: 'case_manager', firstName: 'Casey' });
    manager = await signedInUser(t, { role: 'agency_manager', firstName: 'Manon' });
    maria = await createClient(t, { firstName: 'Maria', lastName: 'Lopez', ssn: '234-57-7890', dob: '04/04/1984' });
    other = await createClient(t, { firstName: 'Omar', lastName: 'Other', ssn: '345-68-8901', dob: '05/05/1985' });
    // The case manager's day: search, open, reveal, change; then open someone else.
    t.clock.advanceMinutes(1);
    assert.equal((await worker.client.get('/live/clients?q=Lopez')).status, 200);
    t.clock.advanceMinutes(1);
    assert.equal((await worker.client.get(`/live/clients/${maria.personalId}`)).status, 200);
    t.clock.advanceMinutes(1);
    assert.equal((await worker.client.post(`/live/clients/${maria.personalId}/ssn`)).status, 200);
    t.clock.advanceMinutes(1);
    await worker.client.get(`/live/clients/${maria.personalId}/edit`);
    const changed = await worker.client.post(`/live/clients/${maria.personalId}/edit`, {
      firstName: 'María', lastName: 'Lopez', nameDataQuality: '1', ssn: '', ssnDataQuality: '1', dob: '04/04/1984', dobDataQuality: '1', races: 'white', sex: '0', veteranStatus: '0',
    });
    assert.equal(changed.status, 303, textOf(changed.body));
    t.clock.advanceMinutes(1);
    await worker.client.get(`/live/clients/${other.personalId}`);
  });
  after(() => t.close());

  test('case managers and agency managers get 403 on a client history and see no link to it', async () => {
    for (const user of [worker, manager]) {
      const page = await user.client.get(`/live/clients/${maria.personalId}/history`);
      assert.equal(page.status, 403);
      assert.match(textOf(page.body), /Only HMIS administrators can read the history of a client record\./);
      const profile = await user.client.get(`/live/clients/${maria.personalId}`);
      assert.doesNotMatch(profile.body, /\/history"/);
      assert.equal((await user.client.get(`${AUDIT}?client=${maria.personalId}`)).status, 403);
    }
  });

  test("a client's history: newest first, time in the site time zone, event, user, IP and details", async () => {
    const profile = await admin.client.get(`/live/clients/${maria.personalId}`);
    assert.match(profile.body, new RegExp(`<a href="/live/clients/${maria.personalId}/history">History: who viewed or changed this record</a>`));
    const page = await admin.client.get(`/live/clients/${maria.personalId}/history`);
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /History of Lopez, María/);
    for (const column of ['Time', 'Event', 'User', 'IP address', 'Details']) assert.ok(page.body.includes(`<th scope="col">${column}</th>`), column);
    assert.doesNotMatch(page.body, /<th scope="col">Record<\/th>/, 'no merged records, no record column');
    const rows = auditTableRows(page.body);
    const events = rows.map((r) => r[1]);
    // Newest first: the admin's, the manager's and the worker's openings in the tests above, then the day set up
    // in before() (opening the edit form is an opening too).
    assert.deepEqual(events, [
      'Client profile viewed',
      'Client profile viewed',
      'Client profile viewed',
      'Client changed',
      'Client profile viewed',
      'Full SSN shown',
      'Client profile viewed',
      'Client created',
    ]);
    assert.deepEqual(rows.slice(0, 3).map((r) => r[2]), [admin.username, manager.username, worker.username]);
    const [time, event, user, ip, details] = rows[3]!;
    // 14:04 UTC is 9:04 AM in New York.
    assert.match(time!, /^Nov 27, 2026, 9:04:00\sAM EST$/);
    assert.equal(event, 'Client changed');
    assert.equal(user, worker.username);
    assert.equal(ip, '127.0.0.1');
    // The changed elements are named, never their values.
    assert.match(details!, /changed: firstName, sex/);
    assert.match(details!, new RegExp(`personalId: ${maria.personalId}`));
    assert.doesNotMatch(details!, /María|Female/);
    assert.ok(page.body.includes(`<a href="/live/admin/users/${worker.user.id}">${worker.username}</a>`));
    assert.deepEqual(rows.at(-1)!.slice(1, 4), ['Client created', 'intake', '10.0.0.9']);
    // Searches name no client; other clients' entries are not here.
    assert.ok(!page.body.includes(other.personalId));
  });

  test('enrollment events recorded about the client are part of its history', async () => {
    const actor = { userId: worker.user.id, username: worker.username, ip: '10.1.2.3' };
    await t.sites.live.audit.record(t.sites.live.db, { event: 'enrollment.created', actor, client: maria.personalId, details: { enrollmentId: 'e'.repeat(32) } });
    const rows = auditTableRows((await admin.client.get(`/live/clients/${maria.personalId}/history`)).body);
    assert.deepEqual(rows[0]!.slice(1, 5), ['Client enrolled', worker.username, '10.1.2.3', `enrollmentId: ${'e'.repeat(32)}`]);
  });

  test('long histories come in pages of 50 with links to older and newest entries', async () => {
    const busy = await createClient(t, { firstName: 'Bea', lastName: 'Busy', ssn: '456-79-9012', dob: '06/06/1966' });
    const actor = { userId: worker.user.id, username: worker.username, ip: '10.0.0.1' };
    for (let i = 0; i < 70; i++) await t.sites.live.audit.record(t.sites.live.db, { event: 'client.viewed', actor, client: busy.personalId, details: { n: i } });
    const base = `/live/clients/${busy.personalId}/history`;
    const first = await admin.client.get(base);
    const firstRows = auditTableRows(first.body);
    assert.equal(firstRows.length, 50);
    assert.equal(firstRows[0]![4], 'n: 69');
    assert.equal(firstRows[49]![4], 'n: 20');
    const older = /<a href="([^"]+)">Older entries<\/a>/.exec(first.body)?.[1];
    assert.ok(older);
    assert.match(older, new RegExp(`^${base}\\?beforeId=\\d+$`));
    assert.doesNotMatch(first.body, />Newest entries<\/a>/);
    const second = await admin.client.get(older);
    const secondRows = auditTableRows(second.body);
    assert.equal(secondRows.length, 21, '20 views and the creation');
    assert.equal(secondRows[0]![4], 'n: 19');
    assert.equal(secondRows.at(-1)![1], 'Client created');
    assert.doesNotMatch(second.body, />Older entries<\/a>/);
    assert.ok(second.body.includes(`<a href="${base}">Newest entries</a>`));
    for (const bad of ['abc', '0', '-5', '99999999999999999999']) {
      const page = await admin.client.get(`${base}?beforeId=${bad}`);
      assert.equal(page.status, 400, bad);
      assert.match(textOf(page.body), /The page link is not valid\. Start again from the newest entries\./);
    }
    assert.equal((await admin.client.get(`/live/clients/${'0'.repeat(32)}/history`)).status, 404);
  });

  test('after a merge the kept client’s history includes the merged record’s, with which record each was about', async () => {
    const a = await createClient(t, { firstName: 'Ann', lastName: 'Twice', ssn: '567-80-0123', dob: '07/07/1977' });
    const b = await createClient(t, { firstName: 'Anne', lastName: 'Twice', ssn: '567-80-0123', dob: '07/07/1977' });
    await worker.client.get(`/live/clients/${b.personalId}`);
    await admin.client.get(`/live/clients/${a.personalId}/merge/compare?other=${b.personalId}`);
    const merged = await admin.client.post(`/live/clients/${a.personalId}/merge`, { other: b.personalId, keep: a.personalId, confirm: 'yes' });
    assert.equal(merged.status, 303, textOf(merged.body));
    const page = await admin.client.get(`/live/clients/${a.personalId}/history`);
    assert.match(textOf(page.body), new RegExp(`Includes the record merged into this one: ${b.personalId}`));
    assert.match(page.body, /<th scope="col">Record<\/th>/);
    const rows = auditTableRows(page.body);
    const mergedRows = rows.filter((r) => r[1] === 'Client records merged');
    assert.deepEqual(mergedRows.map((r) => r[5]).sort(), [a.personalId, b.personalId].sort(), 'one merge entry on each record');
    for (const pair of [`keptPersonalId: ${a.personalId}`, `mergedPersonalId: ${b.personalId}`, 'enrollmentsMoved: 0', 'exitsMoved: 0']) {
      assert.ok(mergedRows.every((r) => r[4]!.includes(pair)), pair);
    }
    assert.ok(rows.some((r) => r[1] === 'Client profile viewed' && r[2] === worker.username && r[5] === b.personalId), "the merged record's views");
    assert.ok(rows.some((r) => r[1] === 'Client created' && r[5] === b.personalId));
  });

  test("per user: the client data one user viewed or changed, linked from their account page", async () => {
    const account = await admin.client.get(`/live/admin/users/${worker.user.id}`);
    const link = new RegExp(`<a href="(/live/admin/audit\\?actor=${worker.username}&amp;area=client-data)">Client data this user viewed or changed</a>`).exec(account.body)?.[1];
    assert.ok(link, 'the account page links to their client activity');
    const page = await admin.client.get(link.replace(/&amp;/g, '&'));
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), new RegExp(`Client data ${worker.username} viewed or changed`));
    const rows = auditTableRows(page.body);
    assert.ok(rows.every((r) => r[2] === worker.username), 'only what this user did');
    const events = new Set(rows.map((r) => r[1]));
    for (const event of ['Clients searched', 'Client profile viewed', 'Full SSN shown', 'Client changed', 'Client enrolled']) assert.ok(events.has(event), event);
    assert.ok(!events.has('Signed in') && !events.has('Password changed'), 'no account events in the client-data view');
    const reveal = rows.find((r) => r[1] === 'Full SSN shown')!;
    assert.equal(reveal[3], `Client ${maria.personalId}`);
    assert.ok(page.body.includes(`Client <a href="/live/clients/${maria.personalId}/history">${maria.personalId}</a>`));
    assert.match(page.body, new RegExp(`<input id="field-actor" name="actor" type="text" value="${worker.username}"`));
    assert.match(page.body, /<option value="client-data" selected>Client data only<\/option>/);

    // Everything the user did, and only about one client.
    const all = auditTableRows((await admin.client.get(`${AUDIT}?actor=${worker.username.toUpperCase()}`)).body);
    assert.ok(all.some((r) => r[1] === 'Password changed'));
    assert.ok(all.every((r) => r[2] === worker.username));
    const aboutMaria = auditTableRows((await admin.client.get(`${AUDIT}?client=${maria.personalId.toUpperCase()}&area=client-data`)).body);
    assert.ok(aboutMaria.length >= 6);
    assert.ok(aboutMaria.every((r) => r[3] === `Client ${maria.personalId}`));
  });

  test('the per-user view pages through long activity, keeping its filters', async () => {
    const actor = { userId: manager.user.id, username: manager.username, ip: null };
    for (let i = 0; i < 105; i++) await t.sites.live.audit.record(t.sites.live.db, { event: 'client.viewed', actor, client: other.personalId, details: { n: i } });
    const first = await admin.client.get(`${AUDIT}?actor=${manager.username}&area=client-data`);
    assert.equal(auditTableRows(first.body).length, 100);
    const older = /<a href="([^"]+)">Older entries<\/a>/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(older);
    assert.match(older, new RegExp(`actor=${manager.username}`));
    assert.match(older, /area=client-data/);
    const second = auditTableRows((await admin.client.get(older)).body);
    // The 105 above, then the manager's opening of a profile in the first test.
    assert.deepEqual(second.map((r) => r[5]), ['n: 4', 'n: 3', 'n: 2', 'n: 1', 'n: 0', `personalId: ${maria.personalId}`]);
  });

  test('invalid user, client or area filters are a 400 with the reason on the field', async () => {
    const cases: [string, RegExp][] = [
      ['actor=nobody-here', /There is no user named “nobody-here”\./],
      ['client=12345', /A client PersonalID is 32 characters: digits 0–9 and letters a–f\./],
      ['area=everything-secret', /Choose an area from the list\./],
    ];
    for (const [query, message] of cases) {
      const page = await admin.client.get(`${AUDIT}?${query}`);
      assert.equal(page.status, 400, query);
      assert.match(textOf(page.body), message, query);
      assert.match(page.body, /aria-invalid="true"/, query);
    }
  });
});
