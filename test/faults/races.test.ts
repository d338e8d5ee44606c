import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ParsedMail } from 'mailparser';
import { PASSWORD_HISTORY_SIZE } from '../../src/auth/password/policy.js';
import type { User } from '../../src/accounts/accounts.model.js';
import type { Database, UsersTable } from '../../src/db/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { linkIn, pathOf, TestClient, textOf, type Page } from '../helpers/client.js';
import { DATABASE_KIND } from '../helpers/database.js';

const RESET_SUBJECT = 'Community Services Email Password Reset';
const ROUNDS = 10;
/**
 * How long the administrator's click follows the reset submission, per round. The reset checks the
 * password history (argon2) before its transaction, so with no delay the temporary password nearly
 * always commits first; the spread makes both orders, and overlapping transactions, happen.
 */
const ADMIN_DELAYS_MS = [0, 20, 40, 60, 80, 100, 130, 160, 220, 300];

let nextIp = 1;
/** A browser from its own address, so per-address rate limits never decide a race. */
function browser(t: TestApp): TestClient {
  const ip = `10.77.${Math.floor(nextIp / 250) % 250}.${(nextIp++ % 250) + 1}`;
  const app = { inject: (options: InjectOptions) => t.app.inject({ ...options, remoteAddress: ip }) };
  return new TestClient(app as unknown as FastifyInstance);
}

function decodeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The temporary password shown once on the administrator's page. */
function temporaryPasswordIn(page: Page): string {
  const match = /<span class="secret">([^<]+)<\/span>/.exec(page.body);
  assert.ok(match, `no temporary password on the page: ${textOf(page.body).slice(0, 300)}`);
  return decodeHtml(match[1]!.trim());
}

const resetMailTo = (email: string) => (m: ParsedMail) => m.subject === RESET_SUBJECT && (m.text ?? '').length > 0 && JSON.stringify(m.to).toLowerCase().includes(email);

async function nthMail(t: TestApp, predicate: (m: ParsedMail) => boolean, n: number): Promise<ParsedMail> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const found = t.smtp.messages.filter(predicate);
    if (found.length >= n) return found[n - 1]!;
    if (Date.now() > deadline) throw new Error(`reset mail #${n} did not arrive (${found.length} so far)`);
    await sleep(20);
  }
}

async function requestLink(t: TestApp, user: User): Promise<string> {
  const email = user.email!.toLowerCase();
  const seen = t.smtp.messages.filter(resetMailTo(email)).length;
  const page = await browser(t).submit('/live/forgot-password', { username: user.username, email });
  assert.equal(page.status, 200, textOf(page.body));
  return pathOf(linkIn((await nthMail(t, resetMailTo(email), seen + 1)).text, 'live'));
}

/** Logs in with a fresh temporary password and sets `password` on the forced-change page. */
async function setOwnPassword(t: TestApp, username: string, temporaryPassword: string, password: string): Promise<TestClient> {
  const client = browser(t);
  const login = await client.login('live', username, temporaryPassword);
  assert.equal(login.location, '/live/password/expired', `${login.status} ${textOf(login.body).slice(0, 400)}`);
  const changed = await client.submit('/live/password/expired', { newPassword: password, confirmPassword: password });
  assert.equal(changed.status, 303, textOf(changed.body));
  return client;
}

/** The last server error the app logged (code and message), to say why a request answered 500. */
function lastServerError(t: TestApp): string {
  for (const line of [...t.logs].reverse()) {
    if (!line.includes('"level":50')) continue;
    const err = (JSON.parse(line) as { err?: { code?: string; message?: string } }).err;
    return `${err?.code ?? ''} ${err?.message ?? ''}`.trim();
  }
  return 'nothing logged';
}

async function userRow(t: TestApp, id: number): Promise<Selectable<UsersTable>> {
  return t.sites.live.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function sessionHashes(t: TestApp, userId: number): Promise<string[]> {
  const rows = await t.sites.live.db.selectFrom('sessions').select('token_hash').where('user_id', '=', userId).execute();
  return rows.map((r) => r.token_hash);
}

/** Audit rows about the user after `afterId`, oldest first. */
async function auditSince(t: TestApp, userId: number, afterId: string) {
  return t.sites.live.db
    .selectFrom('audit_log')
    .select(['id', 'event', 'actor_username'])
    .where('subject_user_id', '=', userId)
    .where('id', '>', afterId)
    .orderBy('id')
    .execute();
}

async function lastAuditId(t: TestApp): Promise<string> {
  const row = await t.sites.live.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? '0';
}

/** The pid of a backend waiting for a lock held by one of `blockers` (PostgreSQL only), polling up to 5 s. */
async function blockedBy(db: Kysely<Database>, blockers: number[], except: number[] = []): Promise<number> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const { rows } = await sql<{ pid: number }>`
      select pid from pg_stat_activity
       where wait_event_type = 'Lock' and pg_blocking_pids(pid) && ${blockers}::int[] and not (pid = any(${[0, ...except]}::int[]))`.execute(db);
    if (rows[0]) return rows[0].pid;
    if (Date.now() > deadline) throw new Error(`no request got blocked behind ${blockers.join(', ')} within 5 s`);
    await sleep(10);
  }
}

describe('races on one account', () => {
  let t: TestApp;
  let admin: TestClient;
  let adminName: string;

  before(async () => {
    t = await startTestApp({
      sites: ['live'],
      // The rounds below ask for many links and log in often; the limits are tested elsewhere.
      config: { accountResetLimit: 1000, ipResetLimit: 1_000_000, ipLoginFailureLimit: 1_000_000, loginRateLimitPerMinute: 1_000_000 },
    });
    const issued = await t.createUser('live', { firstName: 'Ada', lastName: 'Admin', role: 'admin' });
    adminName = issued.user.username;
    admin = await setOwnPassword(t, issued.user.username, issued.temporaryPassword, 'Admiral-Kestrel-2026');
  });
  after(() => t.close());

  it('S25 a reset and a temporary-password issue racing for the same account never leave it half-changed', async () => {
    const { user, temporaryPassword } = await t.createUser('live', { firstName: 'Rita', lastName: 'Race', email: 'rita@agency.example' });
    let ownPassword = `Quartz-Plover-1000`;
    await setOwnPassword(t, user.username, temporaryPassword, ownPassword);
    const outcomes: string[] = [];
    const timings: string[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const resetPassword = `Meadow-Lark-${2100 + round}`;
      // A signed-in session from before the race, which neither change may leave behind.
      const earlier = browser(t);
      assert.equal((await earlier.login('live', user.username, ownPassword)).location, '/live/');
      const before = await sessionHashes(t, user.id);
      assert.ok(before.length >= 1);

      const link = await requestLink(t, user);
      const person = browser(t);
      assert.equal((await person.get(link)).status, 200);
      assert.equal((await admin.get(`/live/admin/users/${user.id}`)).status, 200);
      const auditMark = await lastAuditId(t);

      const started = performance.now();
      const [reset, issued] = await Promise.all([
        person.post(link, { newPassword: resetPassword, confirmPassword: resetPassword }).then((page) => {
          timings.push(`reset ${Math.round(performance.now() - started)}`);
          return page;
        }),
        sleep(ADMIN_DELAYS_MS[round % ADMIN_DELAYS_MS.length]!).then(() => admin.post(`/live/admin/users/${user.id}/temporary-password`)),
      ]);

      // Each request either did its whole job or was cleanly refused.
      assert.ok([303, 410].includes(reset.status), `round ${round}: reset answered ${reset.status} (${lastServerError(t)})`);
      assert.equal(issued.status, 200, `round ${round}: temporary password answered ${issued.status} (${lastServerError(t)})`);
      const temporary = temporaryPasswordIn(issued);

      const row = await userRow(t, user.id);
      const events = (await auditSince(t, user.id, auditMark)).filter((e) => e.event === 'reset.completed' || e.event === 'password.temporary_issued');
      const issuedEvents = events.filter((e) => e.event === 'password.temporary_issued');
      const resetEvents = events.filter((e) => e.event === 'reset.completed');
      assert.equal(issuedEvents.length, 1, `round ${round}: one temporary_issued audit row`);
      assert.equal(issuedEvents[0]!.actor_username, adminName);
      assert.equal(resetEvents.length, reset.status === 303 ? 1 : 0, `round ${round}: a reset.completed row exactly when the reset succeeded`);
      const lastCommitted = events.at(-1)!.event;

      // Neither change leaves a session behind, and neither starts one.
      assert.deepEqual(await sessionHashes(t, user.id), [], `round ${round}: sessions left: ${before.length} before`);
      assert.equal((await earlier.get('/live/')).status, 303, 'the earlier session is dead');

      // The reset link is spent either way.
      assert.equal((await browser(t).get(link)).status, 410, `round ${round}: the link must be dead`);

      if (row.password_is_temporary) {
        // The temporary password committed last: it alone works, and only once, to the change page.
        assert.equal(lastCommitted, 'password.temporary_issued', `round ${round}: state and audit order disagree`);
        const wrong = await browser(t).login('live', user.username, resetPassword);
        assert.equal(wrong.status, 401, `round ${round}: the reset password must not work after the temporary one`);
        const old = await browser(t).login('live', user.username, ownPassword);
        assert.equal(old.status, 401, `round ${round}: the password from before must not work`);
        ownPassword = `Quartz-Plover-${1001 + round}`;
        await setOwnPassword(t, user.username, temporary, ownPassword);
        outcomes.push(reset.status === 303 ? 'reset, then temporary' : 'temporary (link refused)');
      } else {
        // The reset committed last: its password works, the temporary one does not.
        assert.equal(reset.status, 303);
        assert.equal(lastCommitted, 'reset.completed', `round ${round}: state and audit order disagree`);
        assert.equal(row.password_is_temporary, false);
        const wrong = await browser(t).login('live', user.username, temporary);
        assert.equal(wrong.status, 401, `round ${round}: the temporary password must not work after the reset`);
        const login = await browser(t).login('live', user.username, resetPassword);
        assert.equal(login.status, 303, `round ${round}: ${textOf(login.body).slice(0, 200)}`);
        assert.equal(login.location, '/live/', `round ${round}: the reset password is a full password`);
        ownPassword = resetPassword;
        outcomes.push('temporary, then reset');
      }
    }
    const tally = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
    console.log(`# reset vs temporary password, ${ROUNDS} rounds: ${JSON.stringify(tally)} (${timings.join(', ')} ms)`);
  });

  it('S25 a temporary password issued while a reset holds its link (mid-transaction) ends in one clean outcome, not a deadlock', {
    skip: DATABASE_KIND !== 'postgres' && 'PGlite runs one transaction at a time, so these two cannot interleave there',
  }, async () => {
    const { user, temporaryPassword } = await t.createUser('live', { firstName: 'Dana', lastName: 'Deadlock', email: 'dana@agency.example' });
    await setOwnPassword(t, user.username, temporaryPassword, 'Quartz-Plover-5000');
    const link = await requestLink(t, user);
    const person = browser(t);
    assert.equal((await person.get(link)).status, 200);
    assert.equal((await admin.get(`/live/admin/users/${user.id}`)).status, 200);
    const db = t.sites.live.db;

    // The test holds the user's row so both requests queue up behind it in a known order: the
    // administrator first, then the reset, which by then has already spent (and locked) its link.
    let issuing!: Promise<Page>;
    let resetting!: Promise<Page>;
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('users').select('id').where('id', '=', user.id).forUpdate().execute();
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      const holder = rows[0]!.pid;
      issuing = admin.post(`/live/admin/users/${user.id}/temporary-password`);
      const issuer = await blockedBy(db, [holder]);
      resetting = person.post(link, { newPassword: 'Meadow-Lark-5001', confirmPassword: 'Meadow-Lark-5001' });
      await blockedBy(db, [holder, issuer], [issuer]);
    });
    const [issued, reset] = await Promise.all([issuing, resetting]);

    assert.equal(issued.status, 200, `temporary password answered ${issued.status} (${lastServerError(t)})`);
    assert.ok([303, 410].includes(reset.status), `reset answered ${reset.status} (${lastServerError(t)})`);
    const row = await userRow(t, user.id);
    assert.equal(row.password_is_temporary, true, 'the administrator acted last');
    const temporary = temporaryPasswordIn(issued);
    assert.equal((await browser(t).login('live', user.username, 'Meadow-Lark-5001')).status, 401);
    assert.equal((await browser(t).login('live', user.username, temporary)).location, '/live/password/expired');
    assert.equal((await browser(t).get(link)).status, 410);
  });

  it('S31 of two parallel submissions of one reset link exactly one succeeds, and its password is the one that works', async () => {
    const { user, temporaryPassword } = await t.createUser('live', { firstName: 'Tom', lastName: 'Twice', email: 'tom@agency.example' });
    await setOwnPassword(t, user.username, temporaryPassword, 'Quartz-Plover-3000');
    for (let round = 0; round < 5; round++) {
      const link = await requestLink(t, user);
      const a = browser(t);
      const b = browser(t);
      await Promise.all([a.get(link), b.get(link)]);
      const passwords = [`Harbor-Seal-${4000 + round * 2}`, `Harbor-Seal-${4001 + round * 2}`];
      const results = await Promise.all([
        a.post(link, { newPassword: passwords[0]!, confirmPassword: passwords[0]! }),
        b.post(link, { newPassword: passwords[1]!, confirmPassword: passwords[1]! }),
      ]);
      const statuses = results.map((r) => r.status).sort();
      assert.deepEqual(statuses, [303, 410], `round ${round}: ${statuses.join(', ')}`);
      const winner = results[0]!.status === 303 ? 0 : 1;
      const lost = await browser(t).login('live', user.username, passwords[1 - winner]!);
      assert.equal(lost.status, 401);
      const won = await browser(t).login('live', user.username, passwords[winner]!);
      assert.equal(won.location, '/live/');
      const history = await t.sites.live.db.selectFrom('password_history').select('id').where('user_id', '=', user.id).execute();
      // The first own password plus one per link: the losing submission added nothing.
      assert.equal(history.length, Math.min(round + 2, PASSWORD_HISTORY_SIZE), 'one history row per applied password');
      const completed = await t.sites.live.db
        .selectFrom('audit_log')
        .select('id')
        .where('subject_user_id', '=', user.id)
        .where('event', '=', 'reset.completed')
        .execute();
      assert.equal(completed.length, round + 1, 'one reset.completed per link');
    }
  });
});
