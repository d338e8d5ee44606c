import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CreateAccountInput } from '../../src/accounts/accounts.service.js';
import type { User } from '../../src/accounts/accounts.model.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { FakeClock } from '../helpers/clock.js';
import { textOf, type TestClient } from '../helpers/client.js';

const NEW_PASSWORD = 'Str0ng!Passphrase-x';
const AUDIT = '/live/admin/audit';

/** Creates an account, signs in with its temporary password and completes the forced change. */
async function signIn(t: TestApp, input: Partial<CreateAccountInput> = {}) {
  const { user, temporaryPassword } = await t.createUser('live', input);
  const client = t.client();
  const login = await client.login('live', user.username, temporaryPassword);
  assert.equal(login.location, '/live/password/expired');
  const changed = await client.submit('/live/password/expired', { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
  assert.equal(changed.status, 303, textOf(changed.body));
  return { client, user };
}

/** Each body row of the audit table as its cells' text: time, event, actor, subject, IP, details. */
function auditRows(html: string): string[][] {
  const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return tbody
    .split('<tr')
    .slice(1)
    .map((row) => [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]!)));
}

describe('admin area: the audit log', () => {
  let t: TestApp;
  let admin: TestClient;
  let adminUser: User;
  let kim: User;
  let plain: TestClient;

  before(async () => {
    // 02:30 UTC on the 28th is 9:30 PM on the 27th in New York, the site's time zone.
    t = await startTestApp({ sites: ['live'], clock: new FakeClock(new Date('2026-11-28T02:30:00Z')) });
    const signedIn = await signIn(t, { role: 'admin', firstName: 'Alma', lastName: 'Reyes' });
    admin = signedIn.client;
    adminUser = signedIn.user;
    plain = (await signIn(t, { firstName: 'Lee', lastName: 'Chan' })).client;
    kim = (await signIn(t, { firstName: 'Kim', lastName: 'Park' })).user;
    const stranger = t.client();
    assert.equal((await stranger.login('live', 'kpark', 'Wrong-passw0rd!')).status, 401);
    assert.equal((await stranger.login('live', '<script>alert(1)</script>', 'Wrong-passw0rd!')).status, 401);
  });
  after(() => t.close());

  test('anonymous visitors are sent to log in; non-administrators get 403', async () => {
    const anonymous = await t.client().get(`${AUDIT}?event=login.failed`);
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.location, `/live/login?next=${encodeURIComponent(`${AUDIT}?event=login.failed`)}`);
    const refused = await plain.get(AUDIT);
    assert.equal(refused.status, 403);
    assert.match(textOf(refused.body), /This page is for HMIS administrators\./);
  });

  test('lists entries newest first with time in the site time zone, event, actor, subject, IP and details', async () => {
    const page = await admin.get(AUDIT);
    assert.equal(page.status, 200);
    assert.match(page.body, /<caption>Audit entries<\/caption>/);
    for (const column of ['Time', 'Event', 'Actor', 'Subject', 'IP address', 'Details']) {
      assert.ok(page.body.includes(`<th scope="col">${column}</th>`), column);
    }
    assert.match(page.body, /<label for="field-event">Event<\/label>/);
    assert.match(page.body, /<input id="field-from" name="from" type="date"/);
    assert.match(page.body, /<input id="field-to" name="to" type="date"/);
    const rows = auditRows(page.body);
    assert.ok(rows.length >= 8);
    const [time, event, actor, subject, ip, details] = rows[0]!;
    assert.match(time!, /^Nov 27, 2026, 9:30:00\sPM EST$/);
    assert.equal(event, 'Sign-in failed');
    assert.equal(actor, 'Not signed in');
    assert.equal(subject, '—');
    assert.equal(ip, '127.0.0.1');
    assert.equal(details, 'reason: unknown username attemptedUsername: <script>alert(1)</script>');

    const wrongPassword = rows[1]!;
    assert.deepEqual(wrongPassword.slice(1, 5), ['Sign-in failed', 'kpark', 'kpark', '127.0.0.1']);
    assert.equal(wrongPassword[5], 'reason: wrong password consecutiveFailures: 1');
    assert.match(page.body, new RegExp(`<a href="/live/admin/users/${kim.id}">kpark</a>`));

    const created = rows.find((r) => r[1] === 'Account created' && r[3] === 'kpark')!;
    assert.equal(created[2], 'System', 'created through the service with no actor');
    assert.equal(created[5], 'role: case_manager volunteer: false');
  });

  test('details are escaped, never markup', async () => {
    const page = await admin.get(AUDIT);
    // preact escapes "<" and "&" in text, which is enough to keep it text.
    assert.ok(page.body.includes('attemptedUsername: &lt;script>alert(1)&lt;/script>'));
    assert.ok(!page.body.includes('<script>alert(1)'));
  });

  test('filters by event', async () => {
    const page = await admin.get(`${AUDIT}?event=login.failed`);
    assert.equal(page.status, 200);
    const rows = auditRows(page.body);
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r[1] === 'Sign-in failed'));
    assert.match(page.body, /<option value="login.failed" selected>Sign-in failed<\/option>/);

    const changed = auditRows((await admin.get(`${AUDIT}?event=password.changed`)).body);
    assert.deepEqual(changed.map((r) => r[3]).sort(), ['areyes', 'kpark', 'lchan']);
  });

  test('filters by username, as actor or subject, ignoring case', async () => {
    const page = await admin.get(`${AUDIT}?username=KPARK`);
    assert.equal(page.status, 200);
    const rows = auditRows(page.body);
    assert.deepEqual(
      rows.map((r) => r[1]),
      ['Sign-in failed', 'Password changed', 'Signed in', 'Temporary password issued', 'Account created'],
    );
    assert.ok(rows.every((r) => r[2] === 'kpark' || r[3] === 'kpark'));
    assert.match(page.body, /name="username" type="text" value="KPARK"/);

    const both = auditRows((await admin.get(`${AUDIT}?username=kpark&event=login.succeeded`)).body);
    assert.deepEqual(both.map((r) => r[1]), ['Signed in']);
    const nobody = await admin.get(`${AUDIT}?username=nobody`);
    assert.equal(nobody.status, 200);
    assert.match(textOf(nobody.body), /No audit entries match\./);
  });

  test('from and to are whole days in the site time zone', async () => {
    // Every entry so far was made at 9:30 PM on Nov 27 in New York (already Nov 28 in UTC).
    const all = auditRows((await admin.get(AUDIT)).body).length;
    const sameDay = await admin.get(`${AUDIT}?from=2026-11-27&to=2026-11-27`);
    assert.equal(sameDay.status, 200);
    assert.equal(auditRows(sameDay.body).length, all);
    assert.equal(auditRows((await admin.get(`${AUDIT}?from=2026-11-27`)).body).length, all);
    assert.equal(auditRows((await admin.get(`${AUDIT}?to=2026-11-27`)).body).length, all);
    assert.equal(auditRows((await admin.get(`${AUDIT}?from=2026-11-28`)).body).length, 0);
    assert.equal(auditRows((await admin.get(`${AUDIT}?to=2026-11-26`)).body).length, 0);

    // One minute to midnight in New York is still the 27th; two minutes later is the 28th.
    t.clock.set(new Date('2026-11-28T04:59:00Z'));
    await t.sites.live.audit.record(t.sites.live.db, { event: 'logout', actor: { userId: kim.id, username: kim.username, ip: null } });
    t.clock.set(new Date('2026-11-28T05:01:00Z'));
    await t.sites.live.audit.record(t.sites.live.db, { event: 'session.expired', actor: { userId: kim.id, username: kim.username, ip: null } });
    t.clock.set(new Date('2026-11-28T02:30:00Z'));
    const on27th = auditRows((await admin.get(`${AUDIT}?from=2026-11-27&to=2026-11-27&username=kpark`)).body).map((r) => r[1]);
    assert.ok(on27th.includes('Signed out'));
    assert.ok(!on27th.includes('Session timed out'));
    const on28th = auditRows((await admin.get(`${AUDIT}?from=2026-11-28&username=kpark`)).body);
    assert.deepEqual(on28th.map((r) => r[1]), ['Session timed out']);
    assert.match(on28th[0]![0]!, /^Nov 28, 2026, 12:01:00\sAM EST$/);
  });

  test('an invalid filter is a 400 with a clear message and the form kept', async () => {
    const cases: [string, RegExp][] = [
      ['from=2026-02-30', /“From date” must be a date like 2026-11-27 \(you entered “2026-02-30”\)\./],
      ['to=yesterday', /“To date” must be a date like 2026-11-27 \(you entered “yesterday”\)\./],
      ['from=11%2F27%2F2026', /“From date” must be a date like 2026-11-27/],
      ['from=2026-11-28&to=2026-11-27', /“To date” must be on or after “From date”\./],
      ['event=password.stolen', /Choose an event from the list\./],
      ['beforeId=abc', /The page link is not valid\./],
      ['beforeId=99999999999999999999999', /The page link is not valid\./],
    ];
    for (const [query, message] of cases) {
      const page = await admin.get(`${AUDIT}?${query}`);
      assert.equal(page.status, 400, query);
      assert.match(textOf(page.body), message, query);
      assert.match(page.body, /<form method="get" action="\/live\/admin\/audit"/, query);
    }
    const kept = await admin.get(`${AUDIT}?from=2026-02-30&username=kpark&event=logout`);
    assert.match(kept.body, /name="from" type="date" value="2026-02-30"/);
    assert.match(kept.body, /name="username" type="text" value="kpark"/);
    assert.match(kept.body, /<option value="logout" selected>/);
    assert.equal((await admin.get(`${AUDIT}?event=a&event=b`)).status, 400);
  });

  test('shows 100 entries a page, with a link to older entries that keeps the filters', async () => {
    const actor = { userId: null, username: 'bulk-import', ip: null };
    for (let i = 0; i < 130; i++) await t.sites.live.audit.record(t.sites.live.db, { event: 'logout', actor, details: { n: i } });
    const first = await admin.get(`${AUDIT}?username=bulk-import&event=logout`);
    const firstRows = auditRows(first.body);
    assert.equal(firstRows.length, 100);
    assert.equal(firstRows[0]![5], 'n: 129');
    assert.equal(firstRows[99]![5], 'n: 30');
    const older = /<a href="([^"]+)">Older entries<\/a>/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(older, 'an Older entries link');
    assert.match(older, /event=logout/);
    assert.match(older, /username=bulk-import/);
    assert.match(older, /beforeId=\d+/);
    assert.doesNotMatch(first.body, /Newest entries/);

    const second = await admin.get(older);
    assert.equal(second.status, 200);
    const secondRows = auditRows(second.body);
    assert.equal(secondRows.length, 30);
    assert.equal(secondRows[0]![5], 'n: 29');
    assert.equal(secondRows[29]![5], 'n: 0');
    assert.doesNotMatch(second.body, /Older entries/);
    assert.match(second.body, /<a href="\/live\/admin\/audit\?event=logout&amp;username=bulk-import">Newest entries<\/a>/);
  });

  test("a user's page shows their recent entries and links to their full audit log", async () => {
    const page = await admin.get(`/live/admin/users/${kim.id}`);
    assert.equal(page.status, 200);
    const rows = auditRows(page.body);
    assert.ok(rows.length > 0 && rows.length <= 20);
    assert.ok(rows.every((r) => r[2] === 'kpark' || r[3] === 'kpark'));
    const link = /<a href="(\/live\/admin\/audit\?username=kpark)">/.exec(page.body)?.[1];
    assert.ok(link);
    const full = await admin.get(link);
    assert.equal(full.status, 200);
    assert.ok(auditRows(full.body).length >= rows.length);
    assert.equal(adminUser.role, 'admin');
  });
});
