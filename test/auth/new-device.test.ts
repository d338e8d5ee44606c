import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { TestClient } from '../helpers/client.js';
import { enrolOverHttp, NEW_PASSWORD, sentTo, signedInUser, totpCode } from '../helpers/second-factor.js';

const CHROME_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** New-sign-in emails queued for this address (the outbox is written in the sign-in's own transaction). */
async function newSignInMails(t: TestApp, email: string): Promise<number> {
  const rows = await t.sites.live.db
    .selectFrom('mail_outbox')
    .select('id')
    .where('template', '=', 'new-sign-in')
    .where('recipient', '=', email)
    .execute();
  return rows.length;
}

function deviceCookieOf(client: TestClient, site = 'live'): string | undefined {
  return client.cookies.get(`hearth-${site}-device`) ?? client.cookies.get(`__Host-hearth-${site}-device`);
}

/** The header's Log out button, pressed from the home page (the next person then signs in on this browser). */
async function logOut(client: TestClient): Promise<void> {
  await client.get('/live/');
  assert.equal((await client.post('/live/logout')).location, '/live/login?loggedOut=1');
}

describe('new-device emails', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
  });
  after(() => t.close());

  it('the first sign-in of a new account sets a year-long HttpOnly device cookie and sends no new-device email', async () => {
    const { user, temporaryPassword } = await t.createUser('live', { firstName: 'Fay', lastName: 'First', email: 'fay.first@agency.example' });
    const client = t.client({ headers: { 'user-agent': CHROME_LINUX } });
    const login = await client.login('live', user.username, temporaryPassword);
    assert.equal(deviceCookieOf(client), undefined, 'not before the sign-in is complete');
    assert.equal(login.location, '/live/password/expired');
    await client.get('/live/password/expired');
    const done = await client.post('/live/password/expired', { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    const cookie = (done.raw.cookies as { name: string; value: string; maxAge?: number; httpOnly?: boolean; sameSite?: string; path?: string }[]).find(
      (c) => c.name === 'hearth-live-device',
    );
    assert.ok(cookie, 'the device cookie is set once signed in');
    assert.equal(cookie.maxAge, YEAR_SECONDS);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    assert.match(cookie.value, /^[A-Za-z0-9_-]{43}$/);
    const stored = await t.sites.live.db.selectFrom('known_devices').selectAll().where('user_id', '=', user.id).execute();
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]!.device_hash, cookie.value, 'stored hashed');
    assert.equal(await newSignInMails(t, 'fay.first@agency.example'), 0, 'a first sign-in is always a new device: no email');
  });

  it('a sign-in from a second device emails the user (time, IP, device) with no secret; a known device does not', async () => {
    const home = t.client({ ip: '203.0.113.10', headers: { 'user-agent': CHROME_LINUX } });
    const { user } = await signedInUser(t, { firstName: 'Dev', lastName: 'Ices', email: 'dev.ices@agency.example' }, { client: home });
    await logOut(home);
    assert.equal((await home.login('live', user.username, NEW_PASSWORD)).location, '/live/');
    assert.equal(await newSignInMails(t, 'dev.ices@agency.example'), 0, 'the same browser again: no email');

    const library = t.client({ ip: '198.51.100.9', headers: { 'user-agent': FIREFOX_WINDOWS } });
    assert.equal((await library.login('live', user.username, NEW_PASSWORD)).location, '/live/');
    assert.equal(await newSignInMails(t, 'dev.ices@agency.example'), 1);
    const mail = await t.smtp.waitForMail((m) => sentTo(m, 'dev.ices@agency.example') && m.subject === 'New sign-in to your Hearth Live site account');
    const text = mail.text ?? '';
    assert.match(text, /When: Friday, November 27, 2026 at 9:00 AM EST/);
    assert.match(text, /Device: Firefox on Windows/);
    assert.match(text, /Network address \(IP\): 198\.51\.100\.9/);
    assert.match(text, /If this wasn't you, change your password and contact the HMIS Administration Team at hmis-admin@example\.org/);
    const everything = `${text}\n${mail.html}`;
    for (const secret of [NEW_PASSWORD, library.sessionCookie('live')!, deviceCookieOf(library)!, home.sessionCookie('live')!]) {
      assert.ok(!everything.includes(secret), 'no password, session or device token in the email');
    }
    assert.doesNotMatch(everything, /https?:\/\//, 'no link to click');

    await logOut(library);
    assert.equal((await library.login('live', user.username, NEW_PASSWORD)).location, '/live/');
    assert.equal(await newSignInMails(t, 'dev.ices@agency.example'), 1, 'now a known device');
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'login.new_device', username: user.username });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.ip, '198.51.100.9');
  });

  it('a shared browser is new for each account that signs in on it', async () => {
    const { user: a } = await signedInUser(t, { firstName: 'Sha', lastName: 'Red', email: 'sha.red@agency.example' });
    const kiosk = t.client();
    await signedInUser(t, { firstName: 'Kio', lastName: 'Sk', email: 'kio.sk@agency.example' }, { client: kiosk });
    await logOut(kiosk);
    const before = deviceCookieOf(kiosk);
    assert.equal((await kiosk.login('live', a.username, NEW_PASSWORD)).location, '/live/');
    assert.equal(deviceCookieOf(kiosk), before, 'the browser keeps one device cookie');
    assert.equal(await newSignInMails(t, 'sha.red@agency.example'), 1);
  });

  it('with a second factor the email waits for the code: the password alone is not a sign-in', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Two', lastName: 'Step', email: 'two.step@agency.example' });
    const { secret } = await enrolOverHttp(t, client);
    const stranger = t.client({ ip: '192.0.2.77' });
    assert.equal((await stranger.login('live', user.username, NEW_PASSWORD)).location, '/live/login/code');
    assert.equal(await newSignInMails(t, 'two.step@agency.example'), 0);
    assert.equal(deviceCookieOf(stranger), undefined);
    t.clock.advance(30_000);
    await stranger.get('/live/login/code');
    assert.equal((await stranger.post('/live/login/code', { code: totpCode(secret, t.clock.now()) })).location, '/live/');
    assert.equal(await newSignInMails(t, 'two.step@agency.example'), 1);
  });
});

describe('the device cookie over HTTPS', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'], env: { HEARTH_PUBLIC_URL: 'https://hearth.test' } });
  });
  after(() => t.close());

  it('is __Host- prefixed and Secure', async () => {
    const { user, temporaryPassword } = await t.createUser('live', { firstName: 'Sec', lastName: 'Ure' });
    const client = t.client();
    await client.login('live', user.username, temporaryPassword);
    await client.get('/live/password/expired');
    const done = await client.post('/live/password/expired', { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    const cookie = (done.raw.cookies as { name: string; secure?: boolean; maxAge?: number }[]).find((c) => c.name.endsWith('-device'));
    assert.equal(cookie?.name, '__Host-hearth-live-device');
    assert.equal(cookie?.secure, true);
    assert.equal(cookie?.maxAge, YEAR_SECONDS);
  });
});
