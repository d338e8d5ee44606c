import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import type { CreateAccountInput } from '../../src/accounts/accounts.service.js';
import { assembleHearth, type Hearth } from '../../src/assemble.js';
import { SYSTEM_ACTOR } from '../../src/audit/audit-log.js';
import { loadConfig } from '../../src/config.js';
import type { SiteDatabase } from '../../src/db/database.js';
import type { SiteId } from '../../src/site-id.js';
import { capturedLogger, startTestApp, type TestApp } from '../helpers/app.js';
import { FakeClock } from '../helpers/clock.js';
import { freshDatabase } from '../helpers/database.js';
import { linkIn, pathOf, TestClient, textOf, type Page } from '../helpers/client.js';

const RESET_SUBJECT = 'Community Services Email Password Reset';
const PASSWORD = 'Meadow-Lark-2026';
const BANNER = /TRAINING SITE — practice only/;

function recipients(mail: ParsedMail): string {
  const to = mail.to;
  return (Array.isArray(to) ? to : to ? [to] : []).map((a) => a.text).join(', ').toLowerCase();
}

async function requestLink(t: TestApp, site: SiteId, username: string, email: string): Promise<string> {
  const predicate = (m: ParsedMail) => m.subject === RESET_SUBJECT && recipients(m).includes(email) && (m.text ?? '').includes(`/${site}/reset/`);
  const seen = t.smtp.messages.filter(predicate).length;
  const page = await t.client().submit(`/${site}/forgot-password`, { username, email });
  assert.equal(page.status, 200, textOf(page.body));
  const deadline = Date.now() + 5_000;
  for (;;) {
    const found = t.smtp.messages.filter(predicate);
    if (found.length > seen) return linkIn(found.at(-1)!.text, site);
    assert.ok(Date.now() < deadline, `no reset mail for ${email} on ${site}`);
    await sleep(20);
  }
}

async function signIn(t: TestApp, site: SiteId, input: Partial<CreateAccountInput>, password = PASSWORD) {
  const { user, temporaryPassword } = await t.createUser(site, input);
  const client = t.client();
  const login = await client.login(site, user.username, temporaryPassword);
  assert.equal(login.location, `/${site}/password/expired`);
  const changed = await client.submit(`/${site}/password/expired`, { newPassword: password, confirmPassword: password });
  assert.equal(changed.status, 303, textOf(changed.body));
  return { client, user, temporaryPassword };
}

/** The HTML of the card for one site on the front page. */
function card(html: string, site: SiteId): string {
  const match = new RegExp(`<section class="site-card site-card-${site}">([\\s\\S]*?)</section>`).exec(html);
  assert.ok(match, `no card for ${site}`);
  return match[1]!;
}

describe('the two sites', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => {
    await t.close();
  });

  it('/ introduces both sites: Training for training and practice, Live as the live HMIS database', async () => {
    const page = await t.client().get('/');
    assert.equal(page.status, 200);
    assert.match(page.body, /href="\/training\/"/);
    assert.match(page.body, /href="\/live\/"/);
    const training = textOf(card(page.body, 'training'));
    const live = textOf(card(page.body, 'live'));
    assert.match(training, /Training site/);
    assert.match(training, /training/i);
    assert.match(training, /practi[cs]e/i);
    assert.match(live, /Live site/);
    assert.match(live, /live HMIS database/i);
    assert.doesNotMatch(live, /practi[cs]e/i);
    assert.match(textOf(page.body), /not shared between them/);
    assert.doesNotMatch(page.body, BANNER, 'the front page is neither site');
  });

  it('every Training page carries the TRAINING banner; no Live page does', async () => {
    const pagesOf = async (site: SiteId) => {
      const { client } = await signIn(t, site, { username: `banner-${site}`, email: `banner-${site}@agency.example` });
      const anonymous = t.client();
      return {
        login: await anonymous.get(`/${site}/login`),
        forgot: await anonymous.get(`/${site}/forgot-password`),
        requested: await anonymous.post(`/${site}/forgot-password`, { username: 'nobody', email: 'nobody@agency.example' }),
        badLink: await anonymous.get(`/${site}/reset/${'A'.repeat(43)}`),
        home: await client.get(`/${site}/`),
        change: await client.get(`/${site}/password/change`),
      } satisfies Record<string, Page>;
    };
    for (const [name, page] of Object.entries(await pagesOf('training'))) {
      assert.ok([200, 410].includes(page.status), `training ${name}: ${page.status}`);
      assert.match(page.body, BANNER, `training ${name} has the banner`);
      assert.match(page.body, /class="training-banner"/, `training ${name}`);
    }
    for (const [name, page] of Object.entries(await pagesOf('live'))) {
      assert.ok([200, 410].includes(page.status), `live ${name}: ${page.status}`);
      assert.doesNotMatch(page.body, BANNER, `live ${name} has no training banner`);
      assert.doesNotMatch(page.body, /training-banner/, `live ${name}`);
    }
  });

  it('an unknown address under a site answers 404 inside that site frame (the banner on Training)', async () => {
    const training = await t.client().get('/training/no-such-page');
    assert.equal(training.status, 404);
    assert.match(textOf(training.body), BANNER);
    assert.match(textOf(training.body), /There is no page at this address/);
    const live = await t.client().get('/live/no-such-page');
    assert.equal(live.status, 404);
    assert.doesNotMatch(textOf(live.body), BANNER);
    assert.match(live.body, /Hearth <span class="brand-site">Live site<\/span>/);
  });

  it('S5 the session and CSRF cookies have a different name on each site', async () => {
    const { client: trainee } = await signIn(t, 'training', { username: 'cookies-t', email: 'cookies-t@agency.example' });
    const { client: worker } = await signIn(t, 'live', { username: 'cookies-l', email: 'cookies-l@agency.example' });
    const trainingNames = [...trainee.cookies.keys()];
    const liveNames = [...worker.cookies.keys()];
    for (const name of ['hearth-training-session', 'hearth-training-csrf']) assert.ok(trainingNames.includes(name), name);
    for (const name of ['hearth-live-session', 'hearth-live-csrf']) assert.ok(liveNames.includes(name), name);
    // Every cookie a site sets is named for that site, so the two never share one.
    assert.ok(trainingNames.every((n) => n.startsWith('hearth-training-')), trainingNames.join(', '));
    assert.ok(liveNames.every((n) => n.startsWith('hearth-live-')), liveNames.join(', '));
  });

  it('S5 a Training username and password do not work on Live', async () => {
    await signIn(t, 'training', { username: 'tonly', email: 'tonly@agency.example' });
    assert.equal((await t.client().login('training', 'tonly', PASSWORD)).location, '/training/');
    const refused = await t.client().login('live', 'tonly', PASSWORD);
    assert.equal(refused.status, 401);
    assert.match(textOf(refused.body), /The username or password is incorrect\./);

    // The same username on both sites: two accounts, two passwords.
    await signIn(t, 'training', { username: 'both', email: 'both@agency.example' });
    const live = await t.createUser('live', { username: 'both', email: 'both@agency.example' });
    assert.equal((await t.client().login('live', 'both', PASSWORD)).status, 401);
    assert.equal((await t.client().login('training', 'both', live.temporaryPassword)).status, 401);
    assert.equal((await t.client().login('live', 'both', live.temporaryPassword)).location, '/live/password/expired');
  });

  it('S5 the reverse: a Live username and password do not work on Training', async () => {
    await signIn(t, 'live', { username: 'lonly', email: 'lonly@agency.example' });
    assert.equal((await t.client().login('training', 'lonly', PASSWORD)).status, 401);
    assert.equal((await t.client().login('live', 'lonly', PASSWORD)).location, '/live/');
  });

  it('S5 a Training session cookie is rejected by Live, under either cookie name, and the reverse', async () => {
    for (const [from, to] of [['training', 'live'], ['live', 'training']] as const) {
      const { client } = await signIn(t, from, { username: `sess-${from}`, email: `sess-${from}@agency.example` });
      // The same username exists on the other site too, so a shared session table would let this in.
      await signIn(t, to, { username: `sess-${from}`, email: `sess-${from}@agency.example` });
      const token = client.sessionCookie(from)!;
      assert.ok(token);
      assert.equal((await client.get(`/${from}/`)).status, 200);
      for (const name of [`hearth-${to}-session`, `hearth-${from}-session`]) {
        const intruder = t.client();
        intruder.cookies.set(name, token);
        const page = await intruder.get(`/${to}/`);
        assert.equal(page.status, 303, `${from} cookie as ${name} on ${to}`);
        assert.match(page.location ?? '', new RegExp(`^/${to}/login`));
      }
      // The CSRF secret of one site is no good on the other either.
      const csrf = t.client();
      await csrf.get(`/${from}/login`);
      const post = await csrf.post(`/${to}/login`, { username: `sess-${from}`, password: PASSWORD });
      assert.equal(post.status, 403);
    }
  });

  it('S5 a Training reset link replayed on Live is refused (410), and the reverse; the link still works where it belongs', async () => {
    for (const [from, to] of [['training', 'live'], ['live', 'training']] as const) {
      const username = `link-${from}`;
      const email = `${username}@agency.example`;
      await t.createUser(from, { username, email });
      await t.createUser(to, { username, email }); // same username and email on the other site
      const link = await requestLink(t, from, username, email);
      assert.match(link, new RegExp(`^http://hearth\\.test/${from}/reset/[A-Za-z0-9_-]{43}$`));
      const replayed = pathOf(link).replace(`/${from}/`, `/${to}/`);
      const client = t.client();
      const page = await client.get(replayed);
      assert.equal(page.status, 410, textOf(page.body));
      assert.match(textOf(page.body), /This reset link cannot be used/);
      await client.get(`/${to}/forgot-password`); // a form of the other site, for its CSRF token
      const post = await client.post(replayed, { newPassword: 'Another-Day-77', confirmPassword: 'Another-Day-77' });
      assert.equal(post.status, 410, textOf(post.body));
      assert.equal((await t.client().login(to, username, 'Another-Day-77')).status, 401);
      const home = t.client();
      assert.equal((await home.get(pathOf(link))).status, 200);
      assert.equal((await home.post(pathOf(link), { newPassword: 'Another-Day-77', confirmPassword: 'Another-Day-77' })).status, 303);
      assert.equal((await t.client().login(from, username, 'Another-Day-77')).location, `/${from}/`);
    }
  });
});

describe('HEARTH_SITES=live', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'], env: { HEARTH_SITES: 'live' } });
  });
  after(async () => {
    await t.close();
  });

  it('loadConfig reads HEARTH_SITES=live as the Live site only', () => {
    assert.deepEqual([...loadConfig({ HEARTH_SITES: 'live' }).sites], ['live']);
    assert.deepEqual([...t.config.sites], ['live']);
  });

  it('/training/... is 404 and / lists only Live', async () => {
    for (const url of ['/training/login', '/training/', '/training/forgot-password', `/training/reset/${'A'.repeat(43)}`]) {
      const page = await t.client().get(url);
      assert.equal(page.status, 404, url);
    }
    const front = await t.client().get('/');
    assert.equal(front.status, 200);
    assert.match(front.body, /href="\/live\/"/);
    assert.doesNotMatch(front.body, /href="\/training/);
    assert.doesNotMatch(textOf(front.body), /Training site/);
    assert.equal((await t.client().get('/live/login')).status, 200);
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    assert.deepEqual(health.json(), { status: 'ok', sites: ['live'] });
  });
});

describe('mail without SMTP_URL: .eml files in the data folder', () => {
  let dataDir: string;
  let database: SiteDatabase;
  let hearth: Hearth;
  let app: FastifyInstance;
  let logs: string[];

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-filemail-'));
    const config = loadConfig(
      { HEARTH_DATA_DIR: dataDir, HEARTH_PUBLIC_URL: 'http://hearth.test', LOG_LEVEL: 'info', HEARTH_SITES: 'live' },
      { forgotMinResponseMs: 0 },
    );
    assert.equal(config.smtpUrl, undefined);
    const captured = capturedLogger(config);
    logs = captured.logs;
    database = await freshDatabase();
    hearth = await assembleHearth(config, { clock: new FakeClock(), logger: captured.log, databases: { live: database }, mailPollMs: 100 });
    app = hearth.app;
    await app.ready();
  });
  after(async () => {
    await hearth?.close();
    await database?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a reset request writes the email as an .eml file under <data>/live/mail/ and logs where', async () => {
    await hearth.sites[0]!.services.accounts.create(
      { firstName: 'Erin', lastName: 'Mills', email: 'emills@agency.example', role: 'case_manager' },
      SYSTEM_ACTOR,
    );
    const page = await new TestClient(app).submit('/live/forgot-password', { username: 'emills', email: 'emills@agency.example' });
    assert.equal(page.status, 200, textOf(page.body));

    const mailDir = path.join(dataDir, 'live', 'mail');
    const deadline = Date.now() + 10_000;
    let files: string[] = [];
    while (files.length === 0) {
      files = fs.existsSync(mailDir) ? fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml')) : [];
      if (files.length === 0) {
        assert.ok(Date.now() < deadline, 'no .eml file appeared');
        await sleep(50);
      }
    }
    assert.equal(files.length, 1);
    const file = path.join(mailDir, files[0]!);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'only the owner can read a message that holds a working link');
    const mail = await simpleParser(fs.readFileSync(file));
    assert.equal(mail.subject, 'Community Services Email Password Reset');
    assert.equal(recipients(mail), 'emills@agency.example');
    const link = linkIn(mail.text, 'live');
    assert.match(link, /^http:\/\/hearth\.test\/live\/reset\/[A-Za-z0-9_-]{43}$/);

    const logDeadline = Date.now() + 5_000;
    const logged = () => logs.map((l) => JSON.parse(l) as { file?: string; msg?: string }).find((l) => l.file === file);
    while (!logged()) {
      assert.ok(Date.now() < logDeadline, `the log names ${file}`);
      await sleep(20);
    }
    assert.match(logged()!.msg ?? '', /no SMTP_URL/);
    assert.ok(!logs.join('').includes(link.split('/').pop()!), 'the token itself is not logged');

    // The link from the file works.
    const reset = await new TestClient(app).get(pathOf(link));
    assert.equal(reset.status, 200);
  });
});
