import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import type { ParsedMail } from 'mailparser';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../../src/db/schema.js';
import { pino } from 'pino';
import { loggerOptions } from '../../src/http/logging.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { linkIn, pathOf, TestClient, textOf, type Page } from '../helpers/client.js';
import { freshDatabase } from '../helpers/database.js';

const ADMIN_IP = '192.0.2.10';
const USER_IP = '198.51.100.20';
const RESET_IP = '203.0.113.30';
const ATTACKER_IP = '203.0.113.99';

const ADMIN_PASSWORD = 'Copper-Kettle-88';
const FIRST_PASSWORD = 'Meadow-Lark-2026';
const CHANGED_PASSWORD = 'Another-Day-77';
const RESET_PASSWORD = 'River-Stone-42!';
const WRONG_PASSWORD = 'Wrong-Guess-1x';
const LOCKOUT_PASSWORDS = ['Bad-Guess-1a', 'Bad-Guess-2b', 'Bad-Guess-3c', 'Bad-Guess-4d', 'Bad-Guess-5e'];
const FORGED_USERNAME = 'bob\r\n{"level":30}';

// Client data typed into searches: a name both ways, a date of birth in several forms, an SSN and its last 4.
const CLIENT_FIRST_NAME = 'Marisol';
const CLIENT_LAST_NAME = 'Quintanilla';
const CLIENT_DOB_FORMS = ['1984-07-23', '7/23/1984', '07/23/1984'];
const CLIENT_SSN = '518-24-7391';
const CLIENT_SSN_LAST4 = '7391';
const CLIENT_SEARCHES = [
  `${CLIENT_FIRST_NAME} ${CLIENT_LAST_NAME}`,
  `${CLIENT_LAST_NAME}, ${CLIENT_FIRST_NAME}`,
  ...CLIENT_DOB_FORMS,
  CLIENT_SSN,
  CLIENT_SSN.replace(/-/g, ''),
  CLIENT_SSN_LAST4,
];

/** A browser at a fixed client address (app.inject's remoteAddress), so the audit log's IP can be checked. */
function browserAt(t: TestApp, ip: string): TestClient {
  const app = { inject: (options: InjectOptions) => t.app.inject({ ...options, remoteAddress: ip }) };
  return new TestClient(app as unknown as FastifyInstance);
}

/** The temporary password in the shown-once box. */
function secretOn(page: Page): string {
  const match = /<span class="secret">([^<]+)<\/span>/.exec(page.body);
  assert.ok(match, `no temporary password on the page: ${textOf(page.body).slice(0, 300)}`);
  return match[1]!;
}

function recipients(mail: ParsedMail): string {
  const to = mail.to;
  return (Array.isArray(to) ? to : to ? [to] : []).map((a) => a.text).join(', ').toLowerCase();
}

interface Expected {
  event: string;
  at: Date;
  actorUserId: number | null;
  actorUsername: string | null;
  subjectUsername: string | null;
  ip: string | null;
  details?: Record<string, unknown>;
}

describe('the audit log after a scripted run (S49, S50)', () => {
  let t: TestApp;
  let rows: Selectable<AuditLogTable>[];
  const expected: Expected[] = [];
  const secrets = new Map<string, string>();
  let adminId: number;
  let userId: number;

  function step(): Date {
    t.clock.advanceMinutes(1);
    return t.clock.now();
  }

  function remember(name: string, value: string | undefined) {
    assert.ok(value, `${name} is set`);
    secrets.set(`${name} #${secrets.size}`, value);
  }

  before(async () => {
    t = await startTestApp({ sites: ['live'] });

    // An administrator, signed in from ADMIN_IP.
    const adminIssued = await t.createUser('live', { firstName: 'Alma', lastName: 'Reyes', username: 'areyes', role: 'admin', email: 'areyes@agency.example' });
    adminId = adminIssued.user.id;
    remember('admin temporary password', adminIssued.temporaryPassword);
    remember('admin password', ADMIN_PASSWORD);
    const admin = browserAt(t, ADMIN_IP);
    assert.equal((await admin.login('live', 'areyes', adminIssued.temporaryPassword)).location, '/live/password/expired');
    remember('admin session', admin.sessionCookie('live'));
    assert.equal((await admin.submit('/live/password/expired', { newPassword: ADMIN_PASSWORD, confirmPassword: ADMIN_PASSWORD })).status, 303);
    remember('admin session', admin.sessionCookie('live'));

    // 1. The administrator creates an account.
    let at = step();
    const created = await admin.submit('/live/admin/users/new', {
      firstName: 'Robin',
      lastName: 'Vale',
      email: 'rvale@agency.example',
      role: 'case_manager',
      username: '',
    });
    assert.equal(created.status, 201, textOf(created.body));
    const firstTemporary = secretOn(created);
    remember('temporary password', firstTemporary);
    userId = (await t.sites.live.accounts.getByUsername('rvale')).id;
    const admin_ = { actorUserId: adminId, actorUsername: 'areyes', ip: ADMIN_IP };
    expected.push({ event: 'account.created', at, ...admin_, subjectUsername: 'rvale', details: { role: 'case_manager' } });
    expected.push({ event: 'password.temporary_issued', at, ...admin_, subjectUsername: 'rvale' });

    // 2. A failed login.
    const user = browserAt(t, USER_IP);
    at = step();
    remember('wrong password', WRONG_PASSWORD);
    assert.equal((await user.login('live', 'rvale', WRONG_PASSWORD)).status, 401);
    expected.push({ event: 'login.failed', at, actorUserId: userId, actorUsername: 'rvale', ip: USER_IP, subjectUsername: 'rvale', details: { reason: 'wrong password' } });

    // 3. Login with the temporary password, 4. the forced change.
    at = step();
    assert.equal((await user.login('live', 'rvale', firstTemporary)).location, '/live/password/expired');
    remember('user session', user.sessionCookie('live'));
    expected.push({ event: 'login.succeeded', at, actorUserId: userId, actorUsername: 'rvale', ip: USER_IP, subjectUsername: 'rvale', details: { passwordChangeRequired: 'temporary' } });
    at = step();
    remember('first password', FIRST_PASSWORD);
    const forced = await user.submit('/live/password/expired', { newPassword: FIRST_PASSWORD, confirmPassword: FIRST_PASSWORD });
    assert.equal(forced.status, 303, textOf(forced.body));
    remember('user session', user.sessionCookie('live'));
    expected.push({ event: 'password.changed', at, actorUserId: userId, actorUsername: 'rvale', ip: USER_IP, subjectUsername: 'rvale', details: { how: 'forced change' } });

    // 5. Logout (the logout form on the home page carries the CSRF token).
    at = step();
    assert.equal((await user.follow(forced)).status, 200);
    const out = await user.post('/live/logout');
    assert.equal(out.location, '/live/login?loggedOut=1');
    expected.push({ event: 'logout', at, actorUserId: userId, actorUsername: 'rvale', ip: USER_IP, subjectUsername: 'rvale' });

    // 6. Login again, 7. a voluntary change.
    at = step();
    assert.equal((await user.login('live', 'rvale', FIRST_PASSWORD)).location, '/live/');
    remember('user session', user.sessionCookie('live'));
    expected.push({ event: 'login.succeeded', at, actorUserId: userId, actorUsername: 'rvale', ip: USER_IP, subjectUsername: 'rvale' });
    at = step();
    remember('changed password', CHANGED_PASSWORD);
    const changed = await user.submit('/live/password/change', {
      currentPassword: FIRST_PASSWORD,
      newPassword: CHANGED_PASSWORD,
      confirmPassword: CHANGED_PASSWORD,
    });
    assert.equal(changed.status, 303, textOf(changed.body));
    remember('user session', user.sessionCookie('live'));
    expected.push({ event: 'password.changed', at, actorUserId: userId, actorUsername: 'rvale', ip: USER_IP, subjectUsername: 'rvale', details: { how: 'change' } });

    // 8. A reset request and 9. its completion, from another address.
    const resetter = browserAt(t, RESET_IP);
    at = step();
    assert.equal((await resetter.submit('/live/forgot-password', { username: 'rvale', email: 'rvale@agency.example' })).status, 200);
    expected.push({ event: 'reset.requested', at, actorUserId: null, actorUsername: null, ip: RESET_IP, subjectUsername: 'rvale', details: { outcome: 'link sent' } });
    const mail = await t.smtp.waitForMail((m) => m.subject === 'Community Services Email Password Reset' && recipients(m).includes('rvale@agency.example'));
    const link = linkIn(mail.text, 'live');
    remember('reset token', link.split('/').pop());
    at = step();
    remember('reset password', RESET_PASSWORD);
    await resetter.get(pathOf(link));
    const reset = await resetter.post(pathOf(link), { newPassword: RESET_PASSWORD, confirmPassword: RESET_PASSWORD });
    assert.equal(reset.status, 303, textOf(reset.body));
    expected.push({ event: 'reset.completed', at, actorUserId: userId, actorUsername: 'rvale', ip: RESET_IP, subjectUsername: 'rvale', details: { how: 'reset' } });

    // 10. The administrator issues a temporary password, 11. edits, 12. deactivates, 13. reactivates.
    at = step();
    await admin.get(`/live/admin/users/${userId}`);
    const issued = await admin.post(`/live/admin/users/${userId}/temporary-password`);
    assert.equal(issued.status, 200, textOf(issued.body));
    remember('second temporary password', secretOn(issued));
    expected.push({ event: 'password.temporary_issued', at, ...admin_, subjectUsername: 'rvale', details: { issuedBy: 'areyes' } });
    at = step();
    const edited = await admin.submit(`/live/admin/users/${userId}`, { firstName: 'Robyn', lastName: 'Vale', email: 'rvale@agency.example', role: 'case_manager' }, `/live/admin/users/${userId}/edit`);
    assert.equal(edited.status, 303, textOf(edited.body));
    expected.push({ event: 'account.changed', at, ...admin_, subjectUsername: 'rvale', details: { fields: 'first_name' } });
    at = step();
    await admin.get(`/live/admin/users/${userId}`);
    assert.equal((await admin.post(`/live/admin/users/${userId}/deactivate`)).status, 303);
    expected.push({ event: 'account.deactivated', at, ...admin_, subjectUsername: 'rvale' });
    at = step();
    await admin.get(`/live/admin/users/${userId}`);
    assert.equal((await admin.post(`/live/admin/users/${userId}/reactivate`)).status, 303);
    expected.push({ event: 'account.reactivated', at, ...admin_, subjectUsername: 'rvale' });

    // 14. Client searches, and a search bookmarked while signed out: it travels through the login page as ?next=.
    step();
    for (const q of CLIENT_SEARCHES) assert.equal((await admin.get(`/live/clients?${new URLSearchParams({ q })}`)).status, 200, q);
    const bookmark = `/live/clients?${new URLSearchParams({ q: CLIENT_SEARCHES[0]! })}`;
    const bookmarked = browserAt(t, ADMIN_IP);
    const toLogin = await bookmarked.get(bookmark);
    assert.equal(toLogin.location, `/live/login?next=${encodeURIComponent(bookmark)}`);
    await bookmarked.get(toLogin.location!);
    const back = await bookmarked.post('/live/login', { username: 'areyes', password: ADMIN_PASSWORD, next: bookmark });
    assert.equal(back.location, bookmark);
    assert.equal((await bookmarked.follow(back)).status, 200);

    // 15. Someone guesses until the account locks.
    const attacker = browserAt(t, ATTACKER_IP);
    at = step();
    for (const guess of LOCKOUT_PASSWORDS) {
      remember('guessed password', guess);
      assert.equal((await attacker.login('live', 'RVale', guess)).status, 401);
    }
    expected.push({ event: 'login.locked', at, actorUserId: userId, actorUsername: 'rvale', ip: ATTACKER_IP, subjectUsername: 'rvale', details: { consecutiveFailures: 5 } });

    // 16. A username with CR/LF in it.
    at = step();
    assert.equal((await attacker.login('live', FORGED_USERNAME, WRONG_PASSWORD)).status, 401);
    expected.push({ event: 'login.failed', at, actorUserId: null, actorUsername: null, ip: ATTACKER_IP, subjectUsername: null, details: { reason: 'unknown username', attemptedUsername: FORGED_USERNAME } });

    // 17. The administrator's session times out (31 idle minutes).
    t.clock.advanceMinutes(31);
    at = t.clock.now();
    const timedOut = await admin.get('/live/');
    assert.equal(timedOut.location, '/live/login?timeout=1');
    expected.push({ event: 'session.expired', at, actorUserId: adminId, actorUsername: 'areyes', ip: ADMIN_IP, subjectUsername: 'areyes', details: { reason: 'idle' } });

    await sleep(300); // let the mail worker finish, so its log lines are in the scan too
    rows = await t.sites.live.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  });
  after(async () => {
    await t.close();
  });

  it('S49 every event of the run has a row with UTC time, actor, subject, IP and site', () => {
    for (const want of expected) {
      const match = rows.filter(
        (r) =>
          r.event === want.event &&
          r.occurred_at.getTime() === want.at.getTime() &&
          r.subject_username === want.subjectUsername &&
          Object.entries(want.details ?? {}).every(([k, v]) => r.details[k] === v),
      );
      assert.ok(match.length >= 1, `no ${want.event} row at ${want.at.toISOString()}: ${JSON.stringify(rows.filter((r) => r.event === want.event))}`);
      const row = match[0]!;
      const label = `${want.event} at ${want.at.toISOString()}`;
      assert.equal(row.site, 'live', label);
      assert.ok(row.occurred_at instanceof Date, label);
      assert.equal(row.occurred_at.toISOString(), want.at.toISOString(), label);
      assert.equal(row.actor_user_id, want.actorUserId, `${label} actor id`);
      assert.equal(row.actor_username, want.actorUsername, `${label} actor`);
      assert.equal(row.ip, want.ip, `${label} ip`);
      if (want.subjectUsername) assert.equal(row.subject_user_id, want.subjectUsername === 'rvale' ? userId : adminId, `${label} subject id`);
    }
    const events = new Set(rows.map((r) => r.event));
    for (const event of [
      'account.created',
      'account.changed',
      'account.deactivated',
      'account.reactivated',
      'login.succeeded',
      'login.failed',
      'login.locked',
      'logout',
      'session.expired',
      'password.temporary_issued',
      'password.changed',
      'reset.requested',
      'reset.completed',
    ]) {
      assert.ok(events.has(event), `S49 ${event} is recorded`);
    }
  });

  it('S49 every row has the required fields; times are stored with their zone', async () => {
    assert.ok(rows.length >= expected.length);
    for (const row of rows) {
      for (const key of ['id', 'occurred_at', 'site', 'event', 'actor_user_id', 'actor_username', 'subject_user_id', 'subject_username', 'ip', 'details']) {
        assert.ok(key in row, `${row.event} has ${key}`);
      }
      assert.equal(row.site, 'live');
      assert.equal(typeof row.details, 'object');
    }
    const { rows: columns } = await sql<{ data_type: string }>`
      select data_type from information_schema.columns
      where table_name = 'audit_log' and column_name = 'occurred_at' and table_schema = current_schema()`.execute(t.sites.live.db);
    assert.equal(columns[0]?.data_type, 'timestamp with time zone');
  });

  it('17 the audit log is append-only: the database refuses update, delete and truncate', async () => {
    const db = t.sites.live.db;
    const count = async () => Number((await sql<{ n: string }>`select count(*)::text as n from audit_log`.execute(db)).rows[0]!.n);
    const before = await count();
    await assert.rejects(sql`update audit_log set event = 'tampered'`.execute(db), /append-only/);
    await assert.rejects(db.updateTable('audit_log').set({ ip: '0.0.0.0' }).where('event', '=', 'login.failed').execute(), /append-only/);
    await assert.rejects(sql`delete from audit_log`.execute(db), /append-only/);
    await assert.rejects(db.deleteFrom('audit_log').where('event', '=', 'logout').execute(), /append-only/);
    await assert.rejects(sql`truncate audit_log`.execute(db), /append-only/);
    assert.equal(await count(), before);
    const after = await db.selectFrom('audit_log').select(['id', 'event', 'ip']).orderBy('id').execute();
    assert.deepEqual(after, rows.map((r) => ({ id: r.id, event: r.event, ip: r.ip })));
  });

  it('S50 no password, temporary password, reset token or session id appears in any log line or audit row', async () => {
    assert.ok(secrets.size >= 15);
    const logs = t.logs.join('');
    assert.ok(t.logs.length > 30, 'the run was logged');
    assert.match(logs, /\/live\/reset\/\[redacted\]/, 'the reset request was logged, with the token redacted');
    const { rows: raw } = await sql<{ line: string }>`select row_to_json(a)::text as line from audit_log a`.execute(t.sites.live.db);
    const audit = `${JSON.stringify(rows)}\n${raw.map((r) => r.line).join('\n')}`;
    for (const [name, secret] of secrets) {
      assert.ok(!logs.includes(secret), `${name} is in the application log`);
      assert.ok(!audit.includes(secret), `${name} is in the audit log`);
    }
  });

  it('S50 no client data typed into a search (name, date of birth, SSN, last 4 of the SSN), nor a ?next= link carrying one, appears in the application log', () => {
    const logs = t.logs.join('');
    const typed = [CLIENT_FIRST_NAME, CLIENT_LAST_NAME, ...CLIENT_DOB_FORMS, CLIENT_SSN, CLIENT_SSN.replace(/-/g, '')];
    for (const value of typed) {
      for (const form of new Set([value, encodeURIComponent(value), encodeURIComponent(encodeURIComponent(value))])) {
        assert.ok(!logs.toLowerCase().includes(form.toLowerCase()), `${JSON.stringify(form)} is in the application log`);
      }
    }
    // Four digits alone also turn up in times and durations: look for them where a search would put them.
    assert.doesNotMatch(logs, new RegExp(`(q=|q%3D|[/"])${CLIENT_SSN_LAST4}`), 'the last 4 of the SSN');
    assert.doesNotMatch(logs, /\?|%3F/, 'no query string at all');
    assert.match(logs, /"route":"\/live\/clients"/, 'the searches were logged, by their route');
    assert.match(logs, /"path":"\/live\/login"/, 'the login page reached through ?next= was logged');
  });

  it('S50 a CR/LF in a username cannot forge a log line, and is stored JSON-escaped', async () => {
    for (const chunk of t.logs) {
      assert.equal(chunk.indexOf('\n'), chunk.length - 1, `one line per write: ${JSON.stringify(chunk)}`);
      assert.ok(!chunk.includes('\r'), `no raw CR: ${JSON.stringify(chunk)}`);
      const entry = JSON.parse(chunk) as Record<string, unknown>;
      assert.equal(typeof entry, 'object');
      assert.equal(typeof entry.time, 'number', `a real pino line: ${chunk}`);
      assert.equal(typeof entry.level, 'number');
      assert.equal(typeof entry.pid, 'number');
    }
    const lines = t.logs.join('').split('\n').filter((l) => l.length > 0);
    assert.equal(lines.length, t.logs.length, 'no write produced two lines');
    assert.ok(!lines.some((l) => l.trim() === '{"level":30}'), 'no forged line');

    const row = rows.find((r) => r.event === 'login.failed' && r.details.attemptedUsername === FORGED_USERNAME);
    assert.ok(row, 'the attempt is recorded with the username as typed');
    const { rows: text } = await sql<{ details: string }>`select details::text as details from audit_log where id = ${row.id}`.execute(t.sites.live.db);
    assert.ok(text[0]!.details.includes('bob\\r\\n{\\"level\\":30}'), text[0]!.details);
    assert.ok(!/[\r\n]/.test(text[0]!.details), 'no raw line break in the stored JSON');
  });
});

describe('errors in the application log (S50)', () => {
  it('S50 a failed statement is logged by its kind, code and stack, without the values it was given', async () => {
    const database = await freshDatabase();
    try {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      });
      const log = pino(loggerOptions({ logLevel: 'info' }), stream);
      const typed = `07/23/1984 ${CLIENT_LAST_NAME}`;
      const error = await sql`select ${typed}::date`.execute(database.db).then(
        () => null,
        (failure: unknown) => failure,
      );
      assert.ok(error instanceof Error && error.message.includes(typed), 'the database quotes the value in its message');
      log.error({ err: error }, 'request failed');
      assert.equal(lines.length, 1);
      assert.ok(!lines[0]!.includes(CLIENT_LAST_NAME) && !lines[0]!.includes('1984'), lines[0]);
      const entry = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
      assert.equal(entry.err.code, '22007', 'the SQLSTATE says what went wrong');
      assert.match(String(entry.err.message), /^invalid input syntax for type date: "…"$/);
      assert.match(String(entry.err.stack), /\n\s+at /);
    } finally {
      await database.close();
    }
  });
});
