import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DAY, HOUR, MINUTE } from '../../src/clock.js';
import { ARGON2_PARAMS } from '../../src/auth/password/hashing.js';
import { hash } from '@node-rs/argon2';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf } from '../helpers/client.js';

const NEW_PASSWORD = 'Meadow-Lark-2026';

/** A user who has done their first login and set their own password. */
async function signedInUser(t: TestApp, input: Parameters<TestApp['createUser']>[1] = {}) {
  const { user, temporaryPassword } = await t.createUser('live', input);
  const client = t.client();
  const first = await client.login('live', user.username, temporaryPassword);
  assert.equal(first.location, '/live/password/expired');
  await client.get('/live/password/expired');
  const changed = await client.post('/live/password/expired', { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
  assert.equal(changed.status, 303, textOf(changed.body));
  return { user, temporaryPassword, client, password: NEW_PASSWORD };
}

function withoutCsrf(body: string) {
  return body.replace(/name="_csrf" value="[^"]*"/g, '');
}

describe('login page and first login', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
  });
  after(() => t.close());

  it('the login page has Username and Password fields, a Forgot password? link and the support address', async () => {
    const page = await t.client().get('/live/login');
    assert.equal(page.status, 200);
    assert.match(page.body, /<label for="field-username">Username<\/label>/);
    assert.match(page.body, /<label for="field-password">Password<\/label>/);
    assert.match(page.body, /<a href="\/live\/forgot-password">Forgot password\?<\/a>/);
    assert.match(page.body, /hmis-admin@example\.org/);
    assert.match(page.body, /type="password"/);
    assert.match(page.body, /autocomplete="current-password"/);
    assert.match(page.body, /name="_csrf" value="[^"]+"/, 'S20 the login form carries a CSRF token');
  });

  it('S23 a temporary password works once and leads to "Password has expired!"; nothing else is reachable until it is changed', async () => {
    const { user, temporaryPassword } = await t.createUser('live', { firstName: 'Ada', lastName: 'Temple' });
    const client = t.client();
    const login = await client.login('live', user.username, temporaryPassword);
    assert.equal(login.status, 303);
    assert.equal(login.location, '/live/password/expired');
    for (const path of ['/live/', '/live/password/change', '/live/admin/users']) {
      const page = await client.get(path);
      assert.equal(page.status, 303, path);
      assert.equal(page.location, '/live/password/expired', path);
    }
    const change = await client.get('/live/password/expired');
    const text = textOf(change.body);
    assert.match(text, /Password has expired!/);
    assert.match(
      text,
      /Please enter a new password in both spaces with at least one uppercase letter, one lowercase letter, one number, and one symbol\./,
    );
    assert.match(change.body, /<label for="field-newPassword">New password<\/label>/);
    assert.match(change.body, /<label for="field-confirmPassword">Confirm new password<\/label>/);
    assert.match(text, /At least 8 characters/, 'the rules are shown before the user types');

    // Leaving the screen spends the temporary password.
    const again = await t.client().login('live', user.username, temporaryPassword);
    assert.equal(again.status, 401);
    assert.match(textOf(again.body), /The username or password is incorrect\./);
  });

  it('the forced change says exactly which rules failed, refuses a mismatch, and cannot reuse the temporary password (S24)', async () => {
    const { user, temporaryPassword } = await t.createUser('live', { firstName: 'Bea', lastName: 'Rules' });
    const client = t.client();
    await client.login('live', user.username, temporaryPassword);
    await client.get('/live/password/expired');
    let page = await client.post('/live/password/expired', { newPassword: 'short', confirmPassword: 'short' });
    assert.equal(page.status, 422);
    let text = textOf(page.body);
    assert.match(text, /at least 8 characters/i);
    assert.match(text, /uppercase/i);
    assert.match(text, /number/i);
    page = await client.post('/live/password/expired', { newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}x` });
    assert.equal(page.status, 422);
    assert.match(textOf(page.body), /do not match/);
    page = await client.post('/live/password/expired', { newPassword: temporaryPassword, confirmPassword: temporaryPassword });
    assert.equal(page.status, 422);
    assert.match(textOf(page.body), /used this password recently/);
    page = await client.post('/live/password/expired', { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    assert.equal(page.status, 303);
    page = await client.follow(page);
    assert.match(textOf(page.body), /Your password has been changed/);
    const row = await t.sites.live.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(row.password_is_temporary, false);
    assert.equal(row.password_expires_at!.getTime(), t.clock.now().getTime() + 60 * DAY);
  });

  it('usernames are case-insensitive at login', async () => {
    const { user } = await signedInUser(t, { firstName: 'Carl', lastName: 'Case' });
    const page = await t.client().login('live', `  ${user.username.toUpperCase()} `, NEW_PASSWORD);
    assert.equal(page.status, 303);
    assert.equal(page.location, '/live/');
  });

  it('S24 an unused temporary password lapses after 72 hours', async () => {
    const { user, temporaryPassword } = await t.createUser('live', { firstName: 'Dee', lastName: 'Lapse' });
    t.clock.advance(72 * HOUR + 1000);
    const page = await t.client().login('live', user.username, temporaryPassword);
    assert.equal(page.status, 401);
  });
});

describe('S14 every failed login looks the same', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
  });
  after(() => t.close());

  it('S14 wrong password, unknown user, deactivated and locked accounts get the same status and body', async () => {
    const { user } = await signedInUser(t, { firstName: 'Eve', lastName: 'Same' });
    const { user: gone } = await signedInUser(t, { firstName: 'Gus', lastName: 'Gone' });
    await t.sites.live.accounts.deactivate(gone.id, { userId: null, username: 'test', ip: null });
    const { user: locked } = await signedInUser(t, { firstName: 'Lou', lastName: 'Locked' });
    for (let i = 0; i < 5; i++) await t.client().login('live', locked.username, 'Wrong-Password-1');

    const responses = await Promise.all([
      t.client().login('live', user.username, 'Wrong-Password-1'),
      t.client().login('live', 'nobodyhere', 'Wrong-Password-1'),
      t.client().login('live', gone.username, NEW_PASSWORD),
      t.client().login('live', locked.username, 'Wrong-Password-1'),
      t.client().login('live', locked.username, NEW_PASSWORD),
    ]);
    const normalized = responses.map((r) =>
      withoutCsrf(r.body).replace(new RegExp(`value="(${[user.username, 'nobodyhere', gone.username, locked.username].join('|')})"`), 'value=""'),
    );
    for (const r of responses) assert.equal(r.status, 401);
    for (const body of normalized) assert.equal(body, normalized[0]);
    // The one answer says what may have happened and where to get help (the help article's last step).
    const text = textOf(responses[0]!.body);
    assert.match(text, /The username or password is incorrect\. After repeated failed attempts an account waits a few minutes/);
    assert.match(text, /reset your password by email \(this also ends the wait\) or contact the HMIS Administration Team at hmis-admin@example\.org/);
    assert.match(responses[0]!.body, /href="\/live\/forgot-password"/);
  });

  it('S16 while an account waits no password is checked: the correct one gets the answer of a wrong one, nothing extends the wait, its owner is emailed once, and the wait ends by itself', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Max', lastName: 'Lock', email: 'max.lock@agency.example' });
    const wrong: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await t.client().login('live', user.username, 'Wrong-Password-1');
      assert.equal(r.status, 401);
      wrong.push(withoutCsrf(r.body));
    }
    const lockedAt = t.clock.now();
    const row = await t.sites.live.accounts.get(user.id);
    assert.ok(row.lockedUntil && row.lockedUntil > lockedAt);
    assert.match((await client.get('/live/')).location ?? '', /^\/live\/login/, 'the wait ended the sessions of the account');

    const right = await t.client().login('live', user.username, NEW_PASSWORD);
    assert.equal(right.status, 401, 'the correct password is refused like a wrong one');
    assert.equal(withoutCsrf(right.body), wrong[0], 'with the very same page: no guess tells when it was right');
    // Attempts while it waits, right or wrong, neither count nor extend the wait, nor send more mail.
    for (const password of ['Wrong-Password-2', NEW_PASSWORD, 'Wrong-Password-3']) assert.equal((await t.client().login('live', user.username, password)).status, 401);
    const after = await t.sites.live.accounts.get(user.id);
    assert.equal(after.failedLoginCount, 5);
    assert.equal(after.lockedUntil?.getTime(), row.lockedUntil.getTime());
    const whileLocked = await t.sites.live.audit.list(t.sites.live.db, { event: 'login.failed', username: user.username });
    assert.equal(whileLocked.filter((e) => e.details.reason === 'locked').length, 4, 'recorded, without saying which was right');

    const mail = await t.smtp.waitForMail((m) => m.subject === 'Your Hearth Live site account is waiting after failed sign-ins' && (m.text ?? '').includes(user.username));
    assert.match(String(Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text), /^max\.lock@agency\.example$/);
    const body = mail.text ?? '';
    assert.match(body, /^When: \w+day, /m);
    assert.match(body, /^From network address \(IP\): 127\.0\.0\.1$/m);
    assert.match(body, /^Signing in works again after: \w+day, .* at \d{1,2}:\d{2} [AP]M E[SD]T$/m);
    assert.match(body, /If this wasn't you, .*Reset it with "Forgot password\?".*HMIS Administration Team at hmis-admin@example\.org/);
    assert.doesNotMatch(body, /https?:\/\//, 'no link to follow in an email nobody asked for');
    assert.doesNotMatch(body, /Wrong-Password|Meadow-Lark/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(t.smtp.messages.filter((m) => m.subject === mail.subject && m.text?.includes(user.username)).length, 1, 'one email per wait');

    t.clock.advance(MINUTE + 1000);
    const ok = await t.client().login('live', user.username, NEW_PASSWORD);
    assert.equal(ok.status, 303);
    assert.equal(ok.location, '/live/');
  });

  it('S17 failures count across username case variants and a success resets the counter', async () => {
    const { user } = await signedInUser(t, { firstName: 'Nia', lastName: 'Count' });
    for (let i = 0; i < 4; i++) await t.client().login('live', i % 2 ? user.username.toUpperCase() : user.username, 'Wrong-1-Pass');
    let row = await t.sites.live.accounts.get(user.id);
    assert.equal(row.failedLoginCount, 4);
    await t.client().login('live', user.username, NEW_PASSWORD);
    row = await t.sites.live.accounts.get(user.id);
    assert.equal(row.failedLoginCount, 0);
  });
});

describe('password expiry', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
  });
  after(() => t.close());

  it('S26 at 60 days - 1 s the login is normal; at 60 days + 1 s a correct login goes to the change page', async () => {
    const { user } = await signedInUser(t, { firstName: 'Olga', lastName: 'Sixty' });
    t.clock.advance(60 * DAY - 1000);
    let page = await t.client().login('live', user.username, NEW_PASSWORD);
    assert.equal(page.location, '/live/');
    t.clock.advance(2000);
    // a wrong password never reveals the expiry
    page = await t.client().login('live', user.username, 'Wrong-Password-9');
    assert.equal(page.status, 401);
    const client = t.client();
    page = await client.login('live', user.username, NEW_PASSWORD);
    assert.equal(page.location, '/live/password/expired');
    page = await client.get('/live/');
    assert.equal(page.location, '/live/password/expired');
    await client.get('/live/password/expired');
    page = await client.post('/live/password/expired', { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    assert.equal(page.status, 422, 'the expired password cannot be reused');
    page = await client.post('/live/password/expired', { newPassword: 'Second-Meadow-77', confirmPassword: 'Second-Meadow-77' });
    assert.equal(page.status, 303);
    assert.equal((await client.follow(page)).status, 200);
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'password.expired', username: user.username });
    assert.equal(audit.length, 1);
  });

  it('S27 from 7 days before expiry every page shows when the password expires, with a link to change it', async () => {
    const { client } = await signedInUser(t, { firstName: 'Pat', lastName: 'Warn' });
    let page = await client.get('/live/');
    assert.doesNotMatch(textOf(page.body), /Your password expires on/);
    t.clock.advance(53 * DAY + 1000);
    // log in again (the session idled out meanwhile)
    page = await client.get('/live/');
    assert.equal(page.status, 303);
    const fresh = await t.client().login('live', (await t.sites.live.accounts.search({ query: 'Pat Warn' }))[0]!.username, NEW_PASSWORD);
    assert.equal(fresh.location, '/live/');
    t.clock.advance(1000);
    const second = t.client();
    for (const [k, v] of fresh.raw.cookies.map((c) => [c.name, c.value] as const)) second.cookies.set(k, v);
    page = await second.get('/live/');
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /Your password expires on/);
    assert.match(page.body, /href="\/live\/password\/change">Change it now/);
    page = await second.get('/live/password/change');
    assert.match(textOf(page.body), /Your password expires on/);
  });

  it('HEARTH_PASSWORD_MAX_AGE_DAYS=0 means passwords never expire', async () => {
    const t0 = await startTestApp({ sites: ['live'], env: { HEARTH_PASSWORD_MAX_AGE_DAYS: '0' } });
    try {
      const { user } = await signedInUser(t0, { firstName: 'Quin', lastName: 'Never' });
      const row = await t0.sites.live.accounts.get(user.id);
      assert.equal(row.passwordExpiresAt, null);
      t0.clock.advance(400 * DAY);
      const page = await t0.client().login('live', user.username, NEW_PASSWORD);
      assert.equal(page.location, '/live/');
    } finally {
      await t0.close();
    }
  });
});

describe('voluntary change and sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
  });
  after(() => t.close());

  it('S11 a voluntary change requires the current password; a wrong one counts as a failure', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Rae', lastName: 'Change' });
    let page = await client.get('/live/password/change');
    assert.match(page.body, /Current password/);
    page = await client.post('/live/password/change', { currentPassword: 'Wrong-Current-1', newPassword: 'River-Stone-55', confirmPassword: 'River-Stone-55' });
    assert.equal(page.status, 422);
    assert.match(textOf(page.body), /current password is not correct/);
    assert.equal((await t.sites.live.accounts.get(user.id)).failedLoginCount, 1);
    page = await client.post('/live/password/change', { currentPassword: NEW_PASSWORD, newPassword: 'River-Stone-55', confirmPassword: 'River-Stone-55' });
    assert.equal(page.status, 303);
    const mail = await t.smtp.waitForMail((m) => m.subject === 'Your Hearth password was changed' && m.text!.includes(user.username));
    assert.doesNotMatch(mail.text ?? '', /River-Stone-55/);
  });

  it('S11 guessing the current password inside a session: each wrong one counts towards the lockout, the wait ends every session, and while it waits even the right one is refused unchecked', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Gia', lastName: 'Guess', email: 'gia.guess@agency.example' });
    const other = t.client();
    assert.equal((await other.login('live', user.username, NEW_PASSWORD)).location, '/live/');
    const change = (currentPassword: string) =>
      client.post('/live/password/change', { currentPassword, newPassword: 'River-Stone-55', confirmPassword: 'River-Stone-55' });
    await client.get('/live/password/change');
    for (let i = 1; i < 5; i++) assert.equal((await change(`Wrong-Current-${i}`)).status, 422);
    const fifth = await change('Wrong-Current-5');
    assert.equal(fifth.status, 303, 'the wait began: this session has ended');
    assert.equal(fifth.location, '/live/login?signedOut=1');
    assert.equal(client.sessionCookie('live'), undefined, 'its cookie is cleared');
    assert.match((await other.get('/live/')).location ?? '', /^\/live\/login/, 'and every other session of the account ended');

    // The stolen session is dead, so the right password cannot be tried there; and not at the login either.
    assert.match((await change(NEW_PASSWORD)).location ?? '', /^\/live\/login/);
    assert.equal((await t.client().login('live', user.username, NEW_PASSWORD)).status, 401);
    const row = await t.sites.live.accounts.get(user.id);
    assert.equal(row.failedLoginCount, 5);
    assert.ok(row.lockedUntil && row.lockedUntil > t.clock.now());
    const failures = await t.sites.live.audit.list(t.sites.live.db, { event: 'login.failed', username: user.username });
    assert.equal(failures.filter((e) => e.details.reason === 'wrong current password').length, 5);
    await t.smtp.waitForMail((m) => m.subject === 'Your Hearth Live site account is waiting after failed sign-ins' && (m.text ?? '').includes(user.username));

    t.clock.advance(MINUTE + 1000);
    const back = t.client();
    assert.equal((await back.login('live', user.username, NEW_PASSWORD)).location, '/live/', 'the password was never changed');
  });

  it('S11 a session that arrives while its account waits checks no current password: it is signed out', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Wes', lastName: 'Waits' });
    // A wait that began while this session slipped through (set directly: every path that starts one ends the sessions).
    await t.sites.live.db.updateTable('users').set({ locked_until: new Date(t.clock.now().getTime() + MINUTE) }).where('id', '=', user.id).execute();
    await client.get('/live/password/change');
    const page = await client.post('/live/password/change', { currentPassword: NEW_PASSWORD, newPassword: 'River-Stone-55', confirmPassword: 'River-Stone-55' });
    assert.equal(page.location, '/live/login?signedOut=1');
    assert.equal((await t.sites.live.accounts.get(user.id)).failedLoginCount, 0, 'not even counted');
    t.clock.advance(MINUTE + 1000);
    assert.equal((await t.client().login('live', user.username, NEW_PASSWORD)).location, '/live/', 'the password was not changed');
  });

  it('S11 wrong current passwords also count towards the per-address limit', async () => {
    const limited = await startTestApp({ sites: ['live'], env: { HEARTH_IP_LOGIN_FAILURE_LIMIT: '3', HEARTH_LOCKOUT_THRESHOLD: '100' } });
    try {
      const { client } = await signedInUser(limited, { firstName: 'Ira', lastName: 'Limit' });
      await client.get('/live/security');
      for (let i = 0; i < 3; i++) assert.equal((await client.post('/live/security/second-factor/recovery-codes', { currentPassword: `Wrong-${i}` })).status, 422);
      const refused = await client.post('/live/security/second-factor/recovery-codes', { currentPassword: NEW_PASSWORD });
      assert.equal(refused.status, 429, 'this address has guessed enough, even with the right password');
      assert.equal((await limited.client().login('live', 'nobody', 'Whatever-1')).status, 429, 'its logins wait too');
    } finally {
      await limited.close();
    }
  });

  it('S41 the session id changes at login and after a password change; the old one is dead', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Sam', lastName: 'Rotate' });
    const afterForced = client.sessionCookie('live')!;
    const other = t.client();
    await other.login('live', user.username, NEW_PASSWORD);
    const otherToken = other.sessionCookie('live')!;
    assert.notEqual(otherToken, afterForced);
    await client.get('/live/password/change');
    await client.post('/live/password/change', { currentPassword: NEW_PASSWORD, newPassword: 'Harbor-Light-31', confirmPassword: 'Harbor-Light-31' });
    const afterChange = client.sessionCookie('live')!;
    assert.notEqual(afterChange, afterForced);
    assert.equal((await client.get('/live/')).status, 200);
    // every other session of the user ended
    const stale = await other.get('/live/');
    assert.equal(stale.status, 303);
    assert.match(stale.location!, /\/live\/login/);
  });

  it('S39 the session cookie is HttpOnly, SameSite=Lax, no Domain, and never in a URL', async () => {
    const { user } = await t.createUser('live', { firstName: 'Tia', lastName: 'Cookie' });
    const client = t.client();
    const login = await client.login('live', user.username, (await t.sites.live.accounts.issueTemporaryPassword(user.id, { userId: null, username: 't', ip: null })).temporaryPassword);
    const header = String(login.headers['set-cookie']);
    assert.match(header, /hearth-live-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax/);
    assert.doesNotMatch(header, /Domain=/i);
    assert.doesNotMatch(login.location ?? '', /[A-Za-z0-9_-]{43}/);
  });

  it('S39 over HTTPS the cookies are Secure and __Host- prefixed, and HSTS is sent', async () => {
    const ts = await startTestApp({ sites: ['live'], env: { HEARTH_PUBLIC_URL: 'https://hmis.example.org' } });
    try {
      const { user, temporaryPassword } = await ts.createUser('live');
      const client = ts.client();
      const page = await client.get('/live/login');
      assert.match(String(page.headers['set-cookie']), /^__Host-hearth-live-csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax/);
      assert.match(String(page.headers['strict-transport-security']), /max-age=\d+/);
      const login = await client.post('/live/login', { username: user.username, password: temporaryPassword });
      assert.match(String(login.headers['set-cookie']), /^__Host-hearth-live-session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    } finally {
      await ts.close();
    }
  });

  it('S42 logout ends the session on the server; replaying the old cookie lands on the login page', async () => {
    const { client } = await signedInUser(t, { firstName: 'Uma', lastName: 'Logout' });
    const token = client.sessionCookie('live')!;
    const home = await client.get('/live/');
    assert.equal(home.headers['cache-control'], 'no-store');
    assert.match(home.body, /Log out/);
    const out = await client.post('/live/logout');
    assert.equal(out.status, 303);
    assert.equal(out.location, '/live/login?loggedOut=1');
    const replay = t.client();
    replay.cookies.set('hearth-live-session', token);
    const page = await replay.get('/live/');
    assert.equal(page.status, 303);
    assert.match(page.location!, /^\/live\/login/);
  });

  it('S43 sessions end after 30 idle minutes and after 12 hours in all', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Vic', lastName: 'Idle' });
    t.clock.advance(29 * MINUTE);
    assert.equal((await client.get('/live/')).status, 200);
    t.clock.advance(30 * MINUTE + 1000);
    const idle = await client.get('/live/');
    assert.equal(idle.location, '/live/login?timeout=1');
    const again = t.client();
    await again.login('live', user.username, NEW_PASSWORD);
    for (let i = 0; i < 24; i++) {
      t.clock.advance(29 * MINUTE);
      assert.equal((await again.get('/live/')).status, 200, `still active after ${(i + 1) * 29} minutes`);
    }
    t.clock.advance(29 * MINUTE);
    const absolute = await again.get('/live/');
    assert.equal(absolute.location, '/live/login?timeout=1');
    const timeouts = await t.sites.live.audit.list(t.sites.live.db, { event: 'session.expired', username: user.username });
    assert.equal(timeouts.length, 2);
  });

  it('S48 ?next= only follows same-site relative paths', async () => {
    const { user } = await signedInUser(t, { firstName: 'Wes', lastName: 'Next' });
    for (const [next, expected] of [
      ['https://evil.example/', '/live/'],
      ['//evil.example/x', '/live/'],
      ['/training/', '/live/'],
      ['/live/password/change', '/live/password/change'],
    ] as const) {
      const client = t.client();
      await client.get(`/live/login?next=${encodeURIComponent(next)}`);
      const page = await client.post('/live/login', { username: user.username, password: NEW_PASSWORD, next });
      assert.equal(page.location, expected, next);
    }
  });

  it('S2 a login against a hash with older parameters rehashes it with the current ones', async () => {
    const { user } = await signedInUser(t, { firstName: 'Xia', lastName: 'Rehash' });
    const old = await hash(NEW_PASSWORD, { ...ARGON2_PARAMS, memoryCost: 8192, timeCost: 1 });
    await t.sites.live.db.updateTable('users').set({ password_hash: old }).where('id', '=', user.id).execute();
    const page = await t.client().login('live', user.username, NEW_PASSWORD);
    assert.equal(page.location, '/live/');
    const row = await t.sites.live.accounts.get(user.id);
    assert.match(row.passwordHash!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal((await t.client().login('live', user.username, NEW_PASSWORD)).location, '/live/');
  });

  it('S1 the same password for two users gives different argon2id hashes', async () => {
    const a = await signedInUser(t, { firstName: 'Yan', lastName: 'Salt' });
    const b = await signedInUser(t, { firstName: 'Zed', lastName: 'Salt' });
    const [ra, rb] = [await t.sites.live.accounts.get(a.user.id), await t.sites.live.accounts.get(b.user.id)];
    assert.match(ra.passwordHash!, /^\$argon2id\$/);
    assert.notEqual(ra.passwordHash, rb.passwordHash);
  });
});

describe('CSRF', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
  });
  after(() => t.close());

  it('S46 state-changing POSTs without a valid CSRF token get 403', async () => {
    const { client } = await signedInUser(t, { firstName: 'Ian', lastName: 'Forge' });
    for (const path of ['/live/login', '/live/logout', '/live/password/change', '/live/forgot-password', '/live/reset/abc']) {
      const page = await client.post(path, { _csrf: 'forged' });
      assert.equal(page.status, 403, path);
      assert.match(textOf(page.body), /form has expired/);
    }
    assert.equal((await client.get('/live/')).status, 200, 'still signed in');
  });

  it('S46 the CSRF secret is renewed at every sign-in step and at sign-out: a token from before no longer works after', async () => {
    const { user, temporaryPassword } = await t.createUser('live', { firstName: 'Cy', lastName: 'Renew' });
    const client = t.client();
    const csrfCookie = () => client.cookies.get('hearth-live-csrf');
    const loginToken = /name="_csrf" value="([^"]+)"/.exec((await client.get('/live/login')).body)![1]!;
    const planted = csrfCookie();
    assert.ok(planted, 'the login form came with a secret (one an attacker could have planted)');

    const step = await client.post('/live/login', { _csrf: loginToken, username: user.username, password: temporaryPassword });
    assert.equal(step.location, '/live/password/expired');
    assert.notEqual(csrfCookie(), planted, 'a new secret with the sign-in step');
    const form = { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    const stale = await client.post('/live/password/expired', { _csrf: loginToken, ...form });
    assert.equal(stale.status, 403, 'the token from the login page no longer works');
    const stepToken = /name="_csrf" value="([^"]+)"/.exec((await client.get('/live/password/expired')).body)![1]!;
    const full = await client.post('/live/password/expired', { _csrf: stepToken, ...form });
    assert.equal(full.location, '/live/?passwordChanged=1');

    assert.equal((await client.post('/live/logout', { _csrf: stepToken })).status, 403, "the step's token died with the step");
    const homeToken = /name="_csrf" value="([^"]+)"/.exec((await client.get('/live/')).body)![1]!;
    const signedIn = csrfCookie();
    assert.equal((await client.post('/live/logout', { _csrf: homeToken })).location, '/live/login?loggedOut=1');
    assert.notEqual(csrfCookie(), signedIn, 'a new secret at sign-out');
    const afterLogout = await client.post('/live/login', { _csrf: homeToken, username: user.username, password: NEW_PASSWORD });
    assert.equal(afterLogout.status, 403, 'a token from the signed-in pages does not work after sign-out');
  });

  it('bad input gets a clear 4xx, never a 500', async () => {
    const client = t.client();
    await client.get('/live/login');
    const repeated = await client.request('POST', '/live/login', {
      form: { _csrf: client.csrf!, username: ['a', 'b'], password: 'x' },
    });
    assert.equal(repeated.status, 400);
    assert.match(textOf(repeated.body), /sent more than once/);
    const json = await client.request('POST', '/live/login', { payload: '{"username":"a"}', headers: { 'content-type': 'application/json' } });
    assert.ok(json.status >= 400 && json.status < 500, String(json.status));
    const huge = await client.request('POST', '/live/login', { payload: `username=${'a'.repeat(70_000)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(huge.status, 413);
    const notFound = await client.get('/live/nothing-here');
    assert.equal(notFound.status, 404);
    assert.match(notFound.headers['content-type'] as string, /text\/html; charset=utf-8/);
  });
});
