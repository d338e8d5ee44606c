import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { summariseUserAgent } from '../../src/auth/session/user-agent.js';
import { MINUTE } from '../../src/clock.js';
import { formatDateTime } from '../../src/views/format.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf } from '../helpers/client.js';
import { NEW_PASSWORD, signedInUser } from '../helpers/second-factor.js';

const CHROME_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

describe('the Security page', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
  });
  after(() => t.close());

  it('is linked as "Security" in the header and lists each session with device, IP and last activity, marking this one', async () => {
    const here = t.client({ ip: '203.0.113.7', headers: { 'user-agent': CHROME_LINUX } });
    const { user } = await signedInUser(t, { firstName: 'Sue', lastName: 'Sessions' }, { client: here });
    t.clock.advance(5 * MINUTE);
    const elsewhere = t.client({ ip: '198.51.100.23', headers: { 'user-agent': FIREFOX_WINDOWS } });
    assert.equal((await elsewhere.login('live', user.username, NEW_PASSWORD)).location, '/live/');

    const home = await here.get('/live/');
    assert.match(home.body, /<nav aria-label="Main">[\s\S]*<a href="\/live\/security">Security<\/a>/);
    const page = await here.get('/live/security');
    assert.equal(page.status, 200);
    assert.match(String(page.headers['cache-control']), /no-store/);
    const rows = [...page.body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => textOf(m[1]!));
    const mine = rows.find((r) => r.includes('203.0.113.7'));
    const theirs = rows.find((r) => r.includes('198.51.100.23'));
    // Clock: 14:00 UTC = 9:00 AM in New York; the other session signed in 5 minutes later.
    assert.match(mine ?? '', /^Chrome on Linux \(this session\) 203\.0\.113\.7 Nov 27, 2026, 9:00\s?AM EST Nov 27, 2026, 9:0[05]\s?AM EST$/);
    assert.match(theirs ?? '', /^Firefox on Windows 198\.51\.100\.23 Nov 27, 2026, 9:05\s?AM EST Nov 27, 2026, 9:05\s?AM EST$/);
    assert.equal(page.body.match(/\(this session\)/g)?.length, 1, 'only the current session is marked');
    assert.match(page.body, /action="\/live\/security\/sessions\/end-others"/);
  });

  it('"Sign out everywhere else" ends the other sessions, not this one; it is audited and needs a CSRF token', async () => {
    const here = t.client({ ip: '203.0.113.8' });
    const { user } = await signedInUser(t, { firstName: 'Eve', lastName: 'Elsewhere' }, { client: here });
    const phone = t.client({ ip: '198.51.100.24' });
    const laptop = t.client({ ip: '198.51.100.25' });
    await phone.login('live', user.username, NEW_PASSWORD);
    await laptop.login('live', user.username, NEW_PASSWORD);
    const mineBefore = here.sessionCookie('live');

    const forged = await here.request('POST', '/live/security/sessions/end-others', { form: {} });
    assert.equal(forged.status, 403);
    assert.equal((await phone.get('/live/')).status, 200, 'nothing ended without the token');

    await here.get('/live/security');
    const ended = await here.post('/live/security/sessions/end-others');
    assert.equal(ended.status, 303);
    assert.equal(ended.location, '/live/security?done=signed-out-others');
    const shown = await here.follow(ended);
    assert.equal(shown.status, 200, 'this session goes on');
    assert.equal(here.sessionCookie('live'), mineBefore);
    assert.match(textOf(shown.body), /You are signed out everywhere else/);
    assert.match(textOf(shown.body), /You are not signed in anywhere else/);
    for (const other of [phone, laptop]) {
      const page = await other.get('/live/');
      assert.equal(page.status, 303);
      assert.match(page.location ?? '', /^\/live\/login/);
    }
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'session.ended_others', username: user.username });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.ip, '203.0.113.8');
    assert.equal(audit[0]!.details.sessionsEnded, 2);
  });

  it('recent sign-in activity shows a failed and a successful sign-in with their IP addresses, and nobody else’s', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Ava', lastName: 'Activity' });
    const { user: other } = await signedInUser(t, { firstName: 'Oth', lastName: 'Er' });
    t.clock.advance(MINUTE);
    const failedAt = formatDateTime(t.clock.now(), t.config.timeZone);
    assert.equal((await t.client({ ip: '192.0.2.50' }).login('live', user.username, 'Wrong-Password-1')).status, 401);
    assert.equal((await t.client({ ip: '192.0.2.51' }).login('live', other.username, 'Wrong-Password-1')).status, 401);
    t.clock.advance(MINUTE);
    const succeededAt = formatDateTime(t.clock.now(), t.config.timeZone);
    assert.equal((await t.client({ ip: '192.0.2.60' }).login('live', user.username, NEW_PASSWORD)).status, 303);

    const page = await client.get('/live/security');
    const section = page.body.slice(page.body.indexOf('id="activity-heading"'));
    const rows = [...section.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => textOf(m[1]!));
    assert.ok(rows.includes(`${succeededAt} Signed in 192.0.2.60`), rows.join('\n'));
    assert.ok(rows.includes(`${failedAt} Sign-in failed 192.0.2.50 wrong password`), rows.join('\n'));
    assert.ok(rows.indexOf(`${succeededAt} Signed in 192.0.2.60`) < rows.indexOf(`${failedAt} Sign-in failed 192.0.2.50 wrong password`), 'newest first');
    assert.ok(!section.includes('192.0.2.51'), "another user's failure is not shown");
    assert.ok(rows.length <= 21, 'at most 20 entries');
  });
});

describe('summariseUserAgent', () => {
  it('names common browsers and systems readably', () => {
    const cases: [string | null, string][] = [
      [CHROME_LINUX, 'Chrome on Linux'],
      [FIREFOX_WINDOWS, 'Firefox on Windows'],
      ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 'Safari on macOS'],
      ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', 'Safari on iPhone'],
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge on Windows'],
      ['Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36', 'Samsung Internet on Android'],
      ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome on ChromeOS'],
      ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', 'Chrome on Linux'],
      ['lightmyrequest', 'Unknown browser'],
      [null, 'Unknown device'],
    ];
    for (const [ua, expected] of cases) assert.equal(summariseUserAgent(ua), expected, String(ua));
  });
});
