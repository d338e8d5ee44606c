import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ParsedMail } from 'mailparser';
import type { CreateAccountInput } from '../../src/accounts/accounts.service.js';
import type { Actor } from '../../src/audit/audit-log.js';
import { ResetService } from '../../src/auth/reset/reset.service.js';
import { hashToken } from '../../src/auth/tokens.js';
import { DAY, MINUTE } from '../../src/clock.js';
import type { Database, UsersTable } from '../../src/db/schema.js';
import { openMailBody } from '../../src/mail/outbox.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { linkIn, pathOf, TestClient, textOf, type Page } from '../helpers/client.js';

const RESET_SUBJECT = 'Community Services Email Password Reset';
const CHANGED_SUBJECT = 'Your Hearth password was changed';
const PASSWORD = 'Meadow-Lark-2026';
const ADMIN: Actor = { userId: null, username: 'cli:hmis-admin', ip: null };
const TABLES = ['users', 'password_reset_tokens', 'mail_outbox', 'sessions', 'audit_log', 'password_history'] as const;

let nextIp = 1;
/**
 * A browser-like client from its own address. Every client gets a new one, so the per-address rate
 * limits (10 reset requests per 15 minutes) never decide a test that is about something else.
 */
function browser(t: TestApp, headers: Record<string, string> = {}): TestClient {
  const ip = `10.${Math.floor(nextIp / 250) % 250}.${nextIp++ % 250}.7`;
  const app = { inject: (options: InjectOptions) => t.app.inject({ ...options, remoteAddress: ip }) };
  return new TestClient(app as unknown as FastifyInstance, headers);
}

function recipients(mail: ParsedMail): string {
  const to = mail.to;
  return (Array.isArray(to) ? to : to ? [to] : []).map((a) => a.text).join(', ').toLowerCase();
}

const resetMailTo = (email: string) => (m: ParsedMail) => m.subject === RESET_SUBJECT && recipients(m).includes(email.toLowerCase());
const changedMailTo = (email: string) => (m: ParsedMail) => m.subject === CHANGED_SUBJECT && recipients(m).includes(email.toLowerCase());

/** The n-th (1-based) message that matches, waiting for it if it has not arrived yet. */
async function nthMail(t: TestApp, predicate: (m: ParsedMail) => boolean, n: number, timeoutMs = 5_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = t.smtp.messages.filter(predicate);
    if (found.length >= n) return found[n - 1]!;
    if (Date.now() > deadline) throw new Error(`mail #${n} did not arrive (${found.length} matching, ${t.smtp.messages.length} in all)`);
    await sleep(20);
  }
}

/** Asks for a link through the web form, as a person does, and returns the link from the email. */
async function requestLink(t: TestApp, username: string, email: string, client = browser(t)): Promise<string> {
  const seen = t.smtp.messages.filter(resetMailTo(email)).length;
  const page = await client.submit('/live/forgot-password', { username, email });
  assert.equal(page.status, 200, textOf(page.body));
  const mail = await nthMail(t, resetMailTo(email), seen + 1);
  return linkIn(mail.text, 'live');
}

function tokenOf(link: string): string {
  return link.split('/').pop()!;
}

async function signIn(t: TestApp, input: Partial<CreateAccountInput>, password = PASSWORD) {
  const { user, temporaryPassword } = await t.createUser('live', input);
  const client = browser(t);
  const login = await client.login('live', user.username, temporaryPassword);
  assert.equal(login.location, '/live/password/expired');
  const changed = await client.submit('/live/password/expired', { newPassword: password, confirmPassword: password });
  assert.equal(changed.status, 303, textOf(changed.body));
  return { client, user, temporaryPassword, password };
}

async function userRow(t: TestApp, id: number): Promise<Selectable<UsersTable>> {
  return t.sites.live.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Every row of every table of the site's database (at least the account tables), as one string. */
async function dump(t: TestApp): Promise<string> {
  const { rows: found } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(t.sites.live.db);
  const tables = found.map((r) => r.name);
  for (const table of TABLES) assert.ok(tables.includes(table), `${table} is dumped`);
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.sites.live.db);
    parts.push(`${table}: ${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}

function withoutCsrf(html: string): string {
  return html.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""');
}

async function expectLinkRefused(client: TestClient, link: string): Promise<Page> {
  const page = await client.get(pathOf(link));
  assert.equal(page.status, 410, textOf(page.body));
  assert.match(textOf(page.body), /This reset link cannot be used/);
  return page;
}

async function expectLinkWorks(client: TestClient, link: string): Promise<Page> {
  const page = await client.get(pathOf(link));
  assert.equal(page.status, 200, textOf(page.body));
  assert.match(textOf(page.body), /Create a new password/);
  return page;
}

describe('lost password: the pages and what they reveal', () => {
  const SUPPORT = 'hmis-team@coc.example';
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'], env: { HEARTH_SUPPORT_EMAIL: SUPPORT } });
  });
  after(async () => {
    await t.close();
  });

  it('S28 existing, wrong email, unknown, deactivated and email-less usernames get the same page; mail only for the active match', async () => {
    const match = await t.createUser('live', { username: 'amatch', email: 'amatch@agency.example' });
    await t.createUser('live', { username: 'bwrong', email: 'bwrong@agency.example' });
    const gone = await t.createUser('live', { username: 'cgone', email: 'cgone@agency.example' });
    await t.sites.live.accounts.deactivate(gone.user.id, ADMIN);
    await t.createUser('live', { username: 'dvolunteer', email: null, isVolunteer: true });
    const outboxBefore = await t.sites.live.db.selectFrom('mail_outbox').select('id').execute();
    const mailBefore = t.smtp.messages.length;

    const attempts: [string, string][] = [
      ['AMatch', 'AMATCH@Agency.Example'], // username and email both match, in other case
      ['bwrong', 'someone-else@agency.example'],
      ['nosuchuser', 'nosuchuser@agency.example'],
      ['cgone', 'cgone@agency.example'],
      ['dvolunteer', 'dvolunteer@agency.example'],
    ];
    const pages: Page[] = [];
    for (const [username, email] of attempts) pages.push(await browser(t).submit('/live/forgot-password', { username, email }));

    for (const [i, page] of pages.entries()) {
      assert.equal(page.status, 200, `${attempts[i]![0]}: ${textOf(page.body)}`);
      assert.equal(textOf(page.body), textOf(pages[0]!.body), `${attempts[i]![0]} gets the same text`);
      assert.equal(withoutCsrf(page.body), withoutCsrf(pages[0]!.body), `${attempts[i]![0]} gets the same page`);
    }
    const text = textOf(pages[0]!.body);
    assert.match(text, /Check your email/);
    assert.match(text, /Volunteers without an email address cannot reset by email: please contact the HMIS Administration Team/);
    assert.ok(text.includes(SUPPORT));

    const mail = await t.smtp.waitForMail(resetMailTo('amatch@agency.example'));
    assert.ok(mail, 'the active, matching account got its link');
    await sleep(700); // the worker polls every 100 ms: anything else queued would have arrived
    assert.equal(t.smtp.messages.length, mailBefore + 1, 'exactly one message was sent');
    const outboxAfter = await t.sites.live.db.selectFrom('mail_outbox').select(['id', 'recipient']).execute();
    assert.equal(outboxAfter.length, outboxBefore.length + 1);
    assert.equal(outboxAfter.at(-1)!.recipient, match.user.email);
  });

  it('S28 a reset link goes to the one stored address alone: it is the only envelope recipient, and a stored list or display name gets no link at all', async () => {
    const plain = await t.createUser('live', { username: 'eplain', email: 'eplain@agency.example' });
    await requestLink(t, 'eplain', 'eplain@agency.example');
    const mail = t.smtp.messages.filter(resetMailTo('eplain@agency.example')).at(-1)!;
    assert.deepEqual(t.smtp.envelopeOf(mail), { from: 'no-reply@hearth.invalid', to: [plain.user.email] });

    // Values saved before addresses were checked strictly, typed back exactly as stored.
    const stored = ['fvictim@agency.example,attacker@evil.example', 'fvictim <attacker@evil.example>'];
    const { user } = await t.createUser('live', { username: 'fvictim', email: 'fvictim@agency.example' });
    const before = t.smtp.messages.length;
    for (const email of stored) {
      await t.sites.live.db.updateTable('users').set({ email }).where('id', '=', user.id).execute();
      const page = await browser(t).submit('/live/forgot-password', { username: 'fvictim', email });
      assert.equal(page.status, 422, 'what was typed is no single address: said plainly, about no account');
      assert.match(textOf(page.body), /Enter one email address, like jane\.doe@agency\.org, and nothing else/);
      // Behind the form, the service refuses too, whatever is typed.
      assert.equal(await t.sites.live.reset.request('fvictim', email, '192.0.2.77'), 'not-sent');
    }
    await sleep(500);
    assert.equal(t.smtp.messages.length, before, 'no message to anyone');
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'reset.requested', username: 'fvictim' });
    assert.deepEqual(audit.map((e) => e.details.outcome), ['email on file is not one plain address', 'email on file is not one plain address']);
  });

  it('S28 mail queued for a stored list of addresses is abandoned, never sent', async () => {
    const before = t.smtp.messages.length;
    await t.sites.live.mailer.enqueue(t.sites.live.db, { to: 'gold@agency.example,attacker@evil.example', template: 'password-changed', subject: 'Test', text: 'Hello' });
    t.sites.live.mailer.nudge();
    let row;
    for (let i = 0; i < 50; i++) {
      row = await t.sites.live.db.selectFrom('mail_outbox').select(['status', 'last_error']).orderBy('id', 'desc').executeTakeFirstOrThrow();
      if (row.status !== 'queued') break;
      await sleep(100);
    }
    assert.equal(row?.status, 'abandoned');
    assert.equal(row?.last_error, 'the recipient is not one plain email address');
    assert.equal(t.smtp.messages.length, before);
  });

  it('the login page links "Forgot password?" to the form, which asks for Username and Registered email address', async () => {
    const client = browser(t);
    const login = await client.get('/live/login');
    assert.equal(login.status, 200);
    assert.match(login.body, /<a href="\/live\/forgot-password">Forgot password\?<\/a>/);
    const form = await client.get('/live/forgot-password');
    assert.equal(form.status, 200);
    assert.match(form.body, /<label for="field-username">Username<\/label>/);
    assert.match(form.body, /<label for="field-email">Registered email address<\/label>/);
    assert.match(form.body, /<input id="field-email" name="email" type="email"/);
    assert.match(form.body, /<form method="post" action="\/live\/forgot-password"/);
    assert.match(form.body, /name="_csrf" value="[^"]+"/);
    assert.match(textOf(form.body), /Volunteers without an email address: contact the HMIS Administration Team/);
  });

  it('the HMIS Administration Team address (configurable) is on the login, forgot, requested, reset and link-refused pages', async () => {
    await t.createUser('live', { username: 'esupport', email: 'esupport@agency.example' });
    const client = browser(t);
    const link = await requestLink(t, 'esupport', 'esupport@agency.example', client);
    const pages = {
      login: await client.get('/live/login'),
      forgot: await client.get('/live/forgot-password'),
      requested: await client.post('/live/forgot-password', { username: 'esupport', email: 'nobody@agency.example' }),
      reset: await client.get(pathOf(link)),
      refused: await client.get(`/live/reset/${'A'.repeat(43)}`),
    };
    for (const [name, page] of Object.entries(pages)) {
      const text = textOf(page.body);
      assert.match(text, /HMIS Administration Team/, name);
      assert.ok(text.includes(SUPPORT), `${name} shows ${SUPPORT}`);
      assert.ok(page.body.includes(`href="mailto:${SUPPORT}"`), `${name} links ${SUPPORT}`);
      assert.ok(!text.includes('hmis-admin@example.org'), `${name} does not show the default address`);
    }
  });

  it('S29 the email: exact subject, request date and time in America/New_York with zone, site, link, 60 minutes, advice, no password', async () => {
    const { user, temporaryPassword, password } = await signIn(t, { username: 'fmail', email: 'fmail@agency.example' });
    const link = await requestLink(t, 'fmail', 'fmail@agency.example');
    const mail = await t.smtp.waitForMail(resetMailTo('fmail@agency.example'));
    assert.equal(mail.subject, 'Community Services Email Password Reset');
    const text = mail.text ?? '';
    assert.match(text, /November 27, 2026/);
    assert.match(text, /9:00 AM/);
    assert.match(text, /\bEST\b/);
    assert.match(text, /Friday, November 27, 2026 at 9:00 AM EST/);
    assert.match(text, /Live site/);
    assert.ok(text.includes(link));
    assert.ok((mail.html || '').includes(link), 'the HTML part carries the link too');
    assert.match(text, /60 minutes/);
    assert.match(text, /Never reset your password using an email link you didn't ask for/);
    assert.ok(text.includes(user.username));
    for (const secret of [temporaryPassword, password]) {
      assert.ok(!text.includes(secret) && !(mail.html || '').includes(secret), 'no password in the mail');
    }
    assert.equal(recipients(mail), 'fmail@agency.example');
  });

  it('S34 the link comes from HEARTH_PUBLIC_URL even with a forged Host and X-Forwarded-Host', async () => {
    await t.createUser('live', { username: 'ghost', email: 'ghost@agency.example' });
    const forged = browser(t, { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
    const link = await requestLink(t, 'ghost', 'ghost@agency.example', forged);
    assert.match(link, /^http:\/\/hearth\.test\/live\/reset\/[A-Za-z0-9_-]{43}$/);
    const mail = await t.smtp.waitForMail(resetMailTo('ghost@agency.example'));
    assert.ok(!`${mail.text}${mail.html || ''}`.includes('evil.example'));
  });

  it('S30 the token has at least 128 bits; a new request invalidates the older link', async () => {
    await t.createUser('live', { username: 'htwice', email: 'htwice@agency.example' });
    const first = await requestLink(t, 'htwice', 'htwice@agency.example');
    const second = await requestLink(t, 'htwice', 'htwice@agency.example');
    for (const link of [first, second]) {
      assert.match(tokenOf(link), /^[A-Za-z0-9_-]{43}$/); // 43 base64url characters = 256 bits
      assert.ok(Buffer.from(tokenOf(link), 'base64url').length * 8 >= 128);
    }
    assert.notEqual(tokenOf(first), tokenOf(second));
    const client = browser(t);
    await expectLinkRefused(client, first);
    await expectLinkWorks(client, second);
    const post = await client.post(pathOf(first), { newPassword: 'Another-Day-77', confirmPassword: 'Another-Day-77' });
    assert.equal(post.status, 410, 'the old link cannot be submitted either');
  });

  it('S35 the reset page sends no-referrer and no-store and loads nothing from elsewhere (GET, refused POST, bad link)', async () => {
    await t.createUser('live', { username: 'iheaders', email: 'iheaders@agency.example' });
    const link = await requestLink(t, 'iheaders', 'iheaders@agency.example');
    const client = browser(t);
    const pages = {
      get: await client.get(pathOf(link)),
      refusedPost: await client.post(pathOf(link), { newPassword: 'short', confirmPassword: 'short' }),
      badLink: await client.get(`/live/reset/${'B'.repeat(43)}`),
    };
    assert.equal(pages.get.status, 200);
    assert.equal(pages.refusedPost.status, 422);
    assert.equal(pages.badLink.status, 410);
    for (const [name, page] of Object.entries(pages)) {
      assert.equal(page.headers['referrer-policy'], 'no-referrer', name);
      assert.equal(page.headers['cache-control'], 'no-store', name);
      assert.match(String(page.headers['content-security-policy']), /default-src 'self'/, name);
      const refs = [...page.body.matchAll(/\s(src|href|action)="([^"]*)"/g)].map((m) => ({ attr: m[1]!, value: m[2]! }));
      assert.ok(refs.some((r) => r.attr === 'src'), `${name} has scripts to check`);
      for (const { attr, value } of refs) {
        const sameOrigin = value.startsWith('/') && !value.startsWith('//');
        const fragmentOrMail = value.startsWith('#') || (attr === 'href' && value.startsWith('mailto:'));
        assert.ok(sameOrigin || fragmentOrMail, `${name}: ${attr}="${value}" is not same-origin`);
      }
      assert.doesNotMatch(page.body, /\b(src|href)="(https?:)?\/\//, name);
    }
    // The page the new password is typed into also does not send the token anywhere but back here.
    assert.match(pages.get.body, new RegExp(`action="/live/reset/${tokenOf(link)}"`));
  });

  it('S36 extra userId and username fields on the reset form change nothing about which account is reset', async () => {
    const victim = await signIn(t, { username: 'jvictim', email: 'jvictim@agency.example' });
    await t.createUser('live', { username: 'kowner', email: 'kowner@agency.example' });
    const victimBefore = await userRow(t, victim.user.id);
    const link = await requestLink(t, 'kowner', 'kowner@agency.example');
    const client = browser(t);
    await expectLinkWorks(client, link);
    const page = await client.post(pathOf(link), {
      newPassword: 'Another-Day-77',
      confirmPassword: 'Another-Day-77',
      userId: String(victim.user.id),
      user_id: String(victim.user.id),
      id: String(victim.user.id),
      username: 'jvictim',
    });
    assert.equal(page.status, 303, textOf(page.body));
    const victimAfter = await userRow(t, victim.user.id);
    assert.equal(victimAfter.password_hash, victimBefore.password_hash, "the other user's password is untouched");
    assert.equal((await browser(t).login('live', 'jvictim', 'Another-Day-77')).status, 401);
    assert.equal((await browser(t).login('live', 'jvictim', PASSWORD)).location, '/live/');
    assert.equal((await browser(t).login('live', 'kowner', 'Another-Day-77')).location, '/live/');
  });

  it('S10/S9 the reset path applies the policy: username, common password and reuse are refused with the reason', async () => {
    const { user } = await signIn(t, { firstName: 'Pat', lastName: 'Quincy', username: 'pquincy', email: 'pquincy@agency.example' });
    const link = await requestLink(t, 'pquincy', 'pquincy@agency.example');
    const client = browser(t);
    await expectLinkWorks(client, link);
    const hashBefore = (await userRow(t, user.id)).password_hash;
    const cases: [string, RegExp][] = [
      ['Pquincy-Lark-2026', /Don't include your username\./],
      ['Quincy-Lark-2026', /Don't include your name or the words “HMIS” or “password”\./],
      ['Hmis-Lark-2026', /Don't include your name or the words “HMIS” or “password”\./],
      ['P@ssw0rd', /This password is too common/],
      ['Zaq!2wsx', /This password is too common/],
      ['p@ssw0rd', /This password is too common/],
      [PASSWORD, /You used this password recently/],
      ['lowercase-only-22', /Add an uppercase letter\./],
    ];
    for (const [candidate, reason] of cases) {
      const page = await client.post(pathOf(link), { newPassword: candidate, confirmPassword: candidate });
      assert.equal(page.status, 422, `${candidate}: ${textOf(page.body)}`);
      assert.match(textOf(page.body), /Your new password does not meet the requirements\./);
      assert.match(textOf(page.body), reason, candidate);
    }
    assert.equal((await userRow(t, user.id)).password_hash, hashBefore, 'no refused password was stored');
    await expectLinkWorks(client, link);
    const ok = await client.post(pathOf(link), { newPassword: 'Copper-Kettle-88', confirmPassword: 'Copper-Kettle-88' });
    assert.equal(ok.status, 303, textOf(ok.body));
  });

  it('S25 deactivating the account kills its outstanding link; reactivating does not revive it', async () => {
    const { user } = await t.createUser('live', { username: 'ldeact', email: 'ldeact@agency.example' });
    const link = await requestLink(t, 'ldeact', 'ldeact@agency.example');
    const client = browser(t);
    await expectLinkWorks(client, link);
    await t.sites.live.accounts.deactivate(user.id, ADMIN);
    await expectLinkRefused(client, link);
    const post = await client.post(pathOf(link), { newPassword: 'Another-Day-77', confirmPassword: 'Another-Day-77' });
    assert.equal(post.status, 410);
    await t.sites.live.accounts.reactivate(user.id, ADMIN);
    await expectLinkRefused(client, link);
  });

  it('S28 a reset request racing an email change sends no working link to the old address', async () => {
    const site = t.sites.live;
    const { user } = await t.createUser('live', { username: 'wrace', email: 'old-address@agency.example' });
    // Deterministic interleaving: the administrator's change commits after ResetService.request has
    // looked the account up, but before it opens the transaction that stores the link and queues the mail.
    let raced = false;
    const racingDb = new Proxy(site.db, {
      get(target, prop) {
        if (prop === 'transaction') {
          return () => {
            const builder = target.transaction();
            return {
              execute: async <T>(fn: Parameters<typeof builder.execute<T>>[0]) => {
                if (!raced) {
                  raced = true;
                  await site.accounts.update(
                    user.id,
                    { firstName: user.firstName, lastName: user.lastName, email: 'new-address@agency.example', role: 'case_manager' },
                    ADMIN,
                  );
                }
                return builder.execute(fn);
              },
            };
          };
        }
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Kysely<Database>;
    // The site's own ResetService, wired exactly as the app wires it, with only its database handle swapped.
    const reset: ResetService = Object.assign(Object.create(ResetService.prototype) as object, site.reset as object, { db: racingDb }) as unknown as ResetService;
    await reset.request('wrace', 'old-address@agency.example', '127.0.0.1');
    assert.ok(raced, 'the email changed in between');
    const queued = await site.db.selectFrom('mail_outbox').select('recipient').where('recipient', '=', 'old-address@agency.example').execute();
    const tokens = await site.db.selectFrom('password_reset_tokens').select('user_id').where('user_id', '=', user.id).execute();
    assert.deepEqual(
      { mailToOldAddress: queued.length, usableLinks: tokens.length },
      { mailToOldAddress: 0, usableLinks: 0 },
      'after the email change, the old address must not get a working link',
    );
  });

  it('S25 issuing a temporary password cancels outstanding links', async () => {
    const { user } = await t.createUser('live', { username: 'mtemp', email: 'mtemp@agency.example' });
    const link = await requestLink(t, 'mtemp', 'mtemp@agency.example');
    const client = browser(t);
    await expectLinkWorks(client, link);
    const issued = await t.sites.live.accounts.issueTemporaryPassword(user.id, ADMIN);
    await expectLinkRefused(client, link);
    const post = await client.post(pathOf(link), { newPassword: 'Another-Day-77', confirmPassword: 'Another-Day-77' });
    assert.equal(post.status, 410);
    assert.equal((await browser(t).login('live', 'mtemp', issued.temporaryPassword)).location, '/live/password/expired');
  });
});

describe('lost password: the email in another time zone', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'], env: { HEARTH_TIMEZONE: 'America/Los_Angeles' } });
  });
  after(async () => {
    await t.close();
  });

  it('S29 with HEARTH_TIMEZONE=America/Los_Angeles the request time is 6:00 AM PST', async () => {
    await t.createUser('live', { username: 'nwest', email: 'nwest@agency.example' });
    await requestLink(t, 'nwest', 'nwest@agency.example');
    const mail = await t.smtp.waitForMail(resetMailTo('nwest@agency.example'));
    assert.equal(mail.subject, RESET_SUBJECT);
    assert.match(mail.text ?? '', /Friday, November 27, 2026 at 6:00 AM PST/);
    assert.doesNotMatch(mail.text ?? '', /EST/);
  });
});

describe('lost password: using the link', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
  });
  after(async () => {
    await t.close();
  });

  it('S33 opening the link (twice) does not spend it; a policy failure or a mismatch does not either', async () => {
    await t.createUser('live', { username: 'ospend', email: 'ospend@agency.example' });
    const link = await requestLink(t, 'ospend', 'ospend@agency.example');
    const client = browser(t);
    const opened = await expectLinkWorks(client, link);
    assert.match(textOf(opened.body), /For ospend on the Live site/);
    await expectLinkWorks(browser(t), link);

    const short = await client.post(pathOf(link), { newPassword: 'short', confirmPassword: 'short' });
    assert.equal(short.status, 422);
    assert.match(textOf(short.body), /Use at least 8 characters \(you typed 5\)\./);
    await expectLinkWorks(client, link);

    const mismatch = await client.post(pathOf(link), { newPassword: 'Another-Day-77', confirmPassword: 'Another-Day-78' });
    assert.equal(mismatch.status, 422);
    assert.match(textOf(mismatch.body), /The two passwords do not match/);
    await expectLinkWorks(client, link);

    const empty = await client.post(pathOf(link), { newPassword: '', confirmPassword: '' });
    assert.equal(empty.status, 422);
    await expectLinkWorks(client, link);

    const done = await client.post(pathOf(link), { newPassword: 'Another-Day-77', confirmPassword: 'Another-Day-77' });
    assert.equal(done.status, 303, textOf(done.body));
  });

  it('S31 after a successful reset the link is refused (GET and POST)', async () => {
    await t.createUser('live', { username: 'ponce', email: 'ponce@agency.example' });
    const link = await requestLink(t, 'ponce', 'ponce@agency.example');
    const client = browser(t);
    await expectLinkWorks(client, link);
    const done = await client.post(pathOf(link), { newPassword: 'Another-Day-77', confirmPassword: 'Another-Day-77' });
    assert.equal(done.status, 303);
    await expectLinkRefused(client, link);
    const again = await client.post(pathOf(link), { newPassword: 'River-Stone-42!', confirmPassword: 'River-Stone-42!' });
    assert.equal(again.status, 410);
    assert.equal((await browser(t).login('live', 'ponce', 'River-Stone-42!')).status, 401);
    assert.equal((await browser(t).login('live', 'ponce', 'Another-Day-77')).location, '/live/');
  });

  it('S31 parallel reset submissions: exactly one succeeds, and its password is the one that works', async () => {
    await t.createUser('live', { username: 'qrace', email: 'qrace@agency.example' });
    const link = await requestLink(t, 'qrace', 'qrace@agency.example');
    const candidates = ['Another-Day-77', 'River-Stone-42!'];
    const clients = [browser(t), browser(t)];
    for (const c of clients) await expectLinkWorks(c, link);
    const results = await Promise.all(
      clients.map((c, i) => c.post(pathOf(link), { newPassword: candidates[i]!, confirmPassword: candidates[i]! })),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [303, 410], results.map((r) => textOf(r.body)).join(' | '));
    const winner = candidates[results.findIndex((r) => r.status === 303)]!;
    const loser = candidates.find((c) => c !== winner)!;
    assert.equal((await browser(t).login('live', 'qrace', winner)).location, '/live/');
    assert.equal((await browser(t).login('live', 'qrace', loser)).status, 401);
    const completed = await t.sites.live.db
      .selectFrom('audit_log')
      .select('id')
      .where('event', '=', 'reset.completed')
      .where('subject_username', '=', 'qrace')
      .execute();
    assert.equal(completed.length, 1, 'one reset was recorded');
  });

  it('S37 success: redirect to /live/login?reset=1 without signing in; other sessions end; confirmation mail without secrets; a fresh 60 days', async () => {
    const signed = await signIn(t, { username: 'rdone', email: 'rdone@agency.example' });
    assert.equal((await signed.client.get('/live/')).status, 200);
    const link = await requestLink(t, 'rdone', 'rdone@agency.example');
    const client = browser(t);
    await expectLinkWorks(client, link);
    const done = await client.post(pathOf(link), { newPassword: 'Another-Day-77', confirmPassword: 'Another-Day-77' });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/live/login?reset=1');
    const setCookies = (done.raw.cookies as { name: string }[]).map((c) => c.name);
    assert.ok(!setCookies.some((name) => name.includes('session')), `no session cookie set: ${setCookies.join(', ')}`);
    assert.equal(client.sessionCookie('live'), undefined);
    const landing = await client.follow(done);
    assert.equal(landing.status, 200);
    assert.match(textOf(landing.body), /Your password has been reset\. Log in with your new password\./);
    const home = await client.get('/live/');
    assert.equal(home.status, 303, 'the reset did not sign anyone in');
    assert.match(home.location ?? '', /^\/live\/login/);

    const before = await signed.client.get('/live/');
    assert.equal(before.status, 303, 'the session opened before the reset has ended');
    assert.match(before.location ?? '', /^\/live\/login/);
    const sessions = await t.sites.live.db.selectFrom('sessions').select('token_hash').where('user_id', '=', signed.user.id).execute();
    assert.equal(sessions.length, 0);

    const confirmation = await t.smtp.waitForMail(
      (m) => changedMailTo('rdone@agency.example')(m) && /reset link/.test(m.text ?? ''),
    );
    const body = `${confirmation.text}\n${confirmation.html || ''}`;
    assert.match(confirmation.text ?? '', /using a password reset link/);
    assert.ok(!body.includes(tokenOf(link)), 'no link token in the confirmation');
    assert.doesNotMatch(body, /\/reset\//);
    for (const secret of ['Another-Day-77', PASSWORD, signed.temporaryPassword]) assert.ok(!body.includes(secret), 'no password in the confirmation');

    const row = await userRow(t, signed.user.id);
    assert.equal(row.password_expires_at?.getTime(), t.clock.now().getTime() + 60 * DAY);
    assert.equal(row.password_set_at?.getTime(), t.clock.now().getTime());
    assert.equal(row.password_is_temporary, false);
    assert.equal((await browser(t).login('live', 'rdone', 'Another-Day-77')).location, '/live/');
  });

  it('S18 a locked user can still reset by email, and the reset ends the lock', async () => {
    await signIn(t, { username: 'slocked', email: 'slocked@agency.example' });
    const attacker = browser(t);
    for (let i = 0; i < 5; i++) assert.equal((await attacker.login('live', 'slocked', `Wrong-Guess-${i}x`)).status, 401);
    const locked = await browser(t).login('live', 'slocked', PASSWORD);
    assert.equal(locked.status, 401, 'locked: even the right password is refused');
    const link = await requestLink(t, 'slocked', 'slocked@agency.example');
    const client = browser(t);
    await expectLinkWorks(client, link);
    const done = await client.post(pathOf(link), { newPassword: 'Another-Day-77', confirmPassword: 'Another-Day-77' });
    assert.equal(done.status, 303, textOf(done.body));
    const login = await browser(t).login('live', 'slocked', 'Another-Day-77');
    assert.equal(login.status, 303);
    assert.equal(login.location, '/live/', 'the lock ended with the reset');
  });

  it('S18 reset requests never lock an account or count as failures', async () => {
    const { user } = await signIn(t, { username: 'tnolock', email: 'tnolock@agency.example' });
    for (let i = 0; i < 8; i++) {
      const page = await browser(t).submit('/live/forgot-password', {
        username: 'tnolock',
        email: i % 2 === 0 ? 'wrong@agency.example' : 'tnolock@agency.example',
      });
      assert.equal(page.status, 200);
    }
    const row = await userRow(t, user.id);
    assert.equal(row.failed_login_count, 0);
    assert.equal(row.locked_until, null);
    assert.equal((await browser(t).login('live', 'tnolock', PASSWORD)).location, '/live/');
  });

  it('S3 the raw reset token is in no table, before or after delivery; nor is a session id or temporary password', async () => {
    const { user, temporaryPassword } = await t.createUser('live', { username: 'udump', email: 'udump@agency.example' });
    const worker = t.running.find((r) => r.services.id === 'live')!.worker;
    await worker.stop();
    let link: string;
    try {
      const page = await browser(t).submit('/live/forgot-password', { username: 'udump', email: 'udump@agency.example' });
      assert.equal(page.status, 200);
      const queued = await t.sites.live.db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('recipient', '=', 'udump@agency.example')
        .where('status', '=', 'queued')
        .executeTakeFirstOrThrow();
      // The queued body is sealed; opening it with the site's key is the only way to read the link.
      link = linkIn(openMailBody(t.sites.live.sealer, queued.sealed_body!).text, 'live');
      const token = tokenOf(link);
      const before = await dump(t);
      assert.ok(!before.includes(token), 'the raw token is not in the database before delivery');
      assert.ok(before.includes(hashToken(token)), 'the dump does include the reset tokens table');
      assert.ok(!before.includes(temporaryPassword));
    } finally {
      worker.start();
    }
    const mail = await t.smtp.waitForMail(resetMailTo('udump@agency.example'));
    assert.equal(linkIn(mail.text, 'live'), link);
    const deadline = Date.now() + 5_000;
    while ((await t.sites.live.db.selectFrom('mail_outbox').select('status').where('recipient', '=', 'udump@agency.example').executeTakeFirstOrThrow()).status !== 'sent') {
      assert.ok(Date.now() < deadline, 'the outbox row was marked sent');
      await sleep(20);
    }
    const afterDelivery = await dump(t);
    assert.ok(!afterDelivery.includes(tokenOf(link)), 'the raw token is not in the database after delivery');

    const client = browser(t);
    const login = await client.login('live', 'udump', temporaryPassword);
    assert.equal(login.location, '/live/password/expired');
    const cookie = client.sessionCookie('live');
    assert.ok(cookie);
    const withSession = await dump(t);
    assert.ok(!withSession.includes(cookie), 'the session id is not in the database');
    assert.ok(withSession.includes(hashToken(cookie)), 'only its hash is');
    assert.ok(!withSession.includes(temporaryPassword));
    assert.ok(user.passwordHash?.startsWith('$argon2id$'));
  });

  it('S32 the link is refused at 60 minutes + 1 s and works at 59 minutes', async () => {
    await t.createUser('live', { username: 'vexpiry', email: 'vexpiry@agency.example' });
    const late = await requestLink(t, 'vexpiry', 'vexpiry@agency.example');
    const client = browser(t);
    await expectLinkWorks(client, late);
    t.clock.advance(60 * MINUTE + 1_000);
    await expectLinkRefused(client, late);
    const post = await client.post(pathOf(late), { newPassword: 'Another-Day-77', confirmPassword: 'Another-Day-77' });
    assert.equal(post.status, 410);

    const inTime = await requestLink(t, 'vexpiry', 'vexpiry@agency.example');
    t.clock.advance(59 * MINUTE);
    await expectLinkWorks(client, inTime);
    const done = await client.post(pathOf(inTime), { newPassword: 'Another-Day-77', confirmPassword: 'Another-Day-77' });
    assert.equal(done.status, 303, textOf(done.body));
    assert.equal((await browser(t).login('live', 'vexpiry', 'Another-Day-77')).location, '/live/');
  });
});
