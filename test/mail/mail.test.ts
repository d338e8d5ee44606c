import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { simpleParser } from 'mailparser';
import { DAY, MINUTE, systemClock, type Clock } from '../../src/clock.js';
import { embeddedDatabase, type EmbeddedDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';
import { enqueueMail, type OutgoingMail } from '../../src/mail/outbox.js';
import { listRecentMail } from '../../src/mail/outbox.repository.js';
import { loadSealerKey, Sealer } from '../../src/mail/sealer.js';
import { passwordChangedEmail } from '../../src/mail/templates/password-changed.js';
import { formatRequestTime, passwordResetEmail } from '../../src/mail/templates/password-reset.js';
import { createMailTransport, type MailTransport } from '../../src/mail/transport.js';
import { MailWorker, retryDelayMs } from '../../src/mail/worker.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

const FROM = 'Community Services <no-reply@hearth.invalid>';
const TOKEN = 'rT0k3n-Zq9xY8wV7uT6sR5qP4oN3mL2kJ1iH0gF';
const LINK = `https://hearth.example.org/training/reset/${TOKEN}`;

class FakeClock implements Clock {
  current: Date;
  constructor(start = new Date('2026-11-27T14:15:00Z')) {
    this.current = start;
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

interface LogEntry {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg: string;
}

function recordingLog() {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (obj: object, msg: string) => void entries.push({ level, obj, msg });
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}

async function migratedDatabase(): Promise<EmbeddedDatabase> {
  const database = await embeddedDatabase();
  await migrateToLatest(database.db);
  return database;
}

// One migrated database for the file (PGlite takes a second or two to start); each test empties the outbox.
let shared: Promise<EmbeddedDatabase> | undefined;
after(async () => {
  await (await shared)?.close();
});

async function emptyOutbox(): Promise<Kysely<Database>> {
  shared ??= migratedDatabase();
  const { db } = await shared;
  await db.deleteFrom('mail_outbox').execute();
  return db;
}

async function outboxRows(db: Kysely<Database>) {
  const { rows } = await sql<Record<string, unknown>>`select * from mail_outbox order by id`.execute(db);
  return rows;
}

async function outboxRow(db: Kysely<Database>, id: number) {
  return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

function resetMail(to = 'jdoe@example.org'): OutgoingMail {
  const message = passwordResetEmail({
    siteName: 'Training',
    username: 'jdoe',
    requestedAt: new Date('2026-11-27T14:15:00Z'),
    timeZone: 'America/New_York',
    link: LINK,
    validMinutes: 60,
    supportEmail: 'hmis-admin@example.org',
  });
  return { to, template: 'password-reset', ...message };
}

const sealer = new Sealer(crypto.randomBytes(32));

describe('mail delivery over SMTP', () => {
  let smtp: TestSmtpServer;
  let transport: MailTransport;

  before(async () => {
    smtp = await startSmtpServer();
    transport = createMailTransport({ smtpUrl: smtp.url, mailDir: '/nonexistent', log: recordingLog() });
  });
  after(async () => {
    transport.close();
    await smtp.stop();
  });

  test('a queued message is delivered, and its row is marked sent with the body erased', async () => {
    const db = await emptyOutbox();
    const clock = new FakeClock();
    const log = recordingLog();
    const worker = new MailWorker({ db, sealer, transport, clock, from: FROM, log });
    const mail = resetMail('delivered@example.org');
    const id = await enqueueMail(db, sealer, clock, mail);

    const queued = await outboxRow(db, id);
    assert.equal(queued.status, 'queued');
    assert.equal(queued.attempts, 0);
    assert.deepEqual(queued.next_attempt_at, clock.now());
    assert.deepEqual(queued.created_at, clock.now());
    assert.match(queued.sealed_body ?? '', /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);

    assert.deepEqual(await worker.deliverDue(), { sent: 1, failed: 0 });
    const received = await smtp.waitForMail((m) => m.text?.includes(LINK) === true && m.subject === mail.subject);
    assert.equal(received.subject, 'Community Services Email Password Reset');
    assert.equal(received.text?.trim(), mail.text.trim());
    assert.ok(received.html && received.html.includes(`href="${LINK}"`));
    assert.deepEqual(received.from?.value, [{ address: 'no-reply@hearth.invalid', name: 'Community Services' }]);
    assert.match(JSON.stringify(received.to), /delivered@example\.org/);

    const sent = await outboxRow(db, id);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.sealed_body, null);
    assert.equal(sent.last_error, null);
    assert.deepEqual(sent.sent_at, clock.now());

    // Logged with the id and template only: no address, subject, body or link.
    const logged = JSON.stringify(log.entries);
    assert.deepEqual(log.entries, [{ level: 'info', obj: { mailId: id, template: 'password-reset' }, msg: 'mail sent' }]);
    assert.ok(!logged.includes(TOKEN) && !logged.includes('delivered@example.org'));

    assert.deepEqual(await worker.deliverDue(), { sent: 0, failed: 0 }, 'nothing is sent twice');
    const summary = await listRecentMail(db);
    assert.equal(summary.length, 1);
    assert.equal(summary[0]?.status, 'sent');
    assert.ok(!('sealedBody' in (summary[0] ?? {})), 'the list never carries a body');
  });

  test('the reset link is not readable in a dump of the outbox before delivery', async () => {
    const db = await emptyOutbox();
    const clock = new FakeClock();
    await enqueueMail(db, sealer, clock, resetMail());
    const dump = JSON.stringify(await outboxRows(db));
    assert.ok(dump.includes('password-reset'), 'the dump does hold the row');
    assert.ok(!dump.includes(LINK), 'link must not appear');
    assert.ok(!dump.includes(TOKEN), 'token must not appear');
    assert.ok(!dump.includes(TOKEN.slice(0, 16)), 'no part of the token may appear');
  });

  test('a transaction that rolls back leaves no mail behind', async () => {
    const db = await emptyOutbox();
    const clock = new FakeClock();
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await enqueueMail(trx, sealer, clock, resetMail());
        throw new Error('the action failed');
      }),
      /the action failed/,
    );
    assert.equal((await outboxRows(db)).length, 0);
  });

  test('two workers passing at the same time send each message once', async () => {
    const db = await emptyOutbox();
    const clock = new FakeClock();
    const options = { db, sealer, transport, clock, from: FROM, log: recordingLog() };
    const first = new MailWorker(options);
    const second = new MailWorker(options);
    const subjects = Array.from({ length: 25 }, (_, i) => `Concurrent ${i} ${crypto.randomUUID()}`);
    for (const subject of subjects) {
      await enqueueMail(db, sealer, clock, { to: 'many@example.org', template: 'test', subject, text: subject });
    }
    const before = smtp.messages.length;
    const results = await Promise.all([first.deliverDue(), second.deliverDue(), first.deliverDue()]);
    assert.equal(results.reduce((sum, r) => sum + r.sent, 0), subjects.length);
    assert.equal(results.reduce((sum, r) => sum + r.failed, 0), 0);
    for (const subject of subjects) await smtp.waitForMail((m) => m.subject === subject);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const received = smtp.messages.slice(before).map((m) => m.subject);
    assert.deepEqual([...received].sort(), [...subjects].sort());
    const statuses = (await outboxRows(db)).map((r) => r.status);
    assert.ok(statuses.every((s) => s === 'sent'));
  });

  test('a started worker delivers soon after a nudge, and stop() ends it', async () => {
    const db = await emptyOutbox();
    const worker = new MailWorker({
      db,
      sealer,
      transport,
      clock: systemClock,
      from: FROM,
      log: recordingLog(),
      pollMs: 60_000,
    });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the first (empty) pass finish
    const subject = `Nudged ${crypto.randomUUID()}`;
    const startedAt = Date.now();
    await enqueueMail(db, sealer, systemClock, { to: 'soon@example.org', template: 'test', subject, text: 'hi' });
    worker.nudge();
    worker.nudge();
    await smtp.waitForMail((m) => m.subject === subject, 1_000);
    assert.ok(Date.now() - startedAt < 1_000);
    await worker.stop();
    worker.nudge(); // a stopped worker ignores nudges
  });
});

describe('an SMTP outage delays mail but loses none', () => {
  test('failure is retried with backoff and delivered exactly once when the server returns', async () => {
    const db = await emptyOutbox();
    let smtp = await startSmtpServer();
    const port = smtp.port;
    const transport = createMailTransport({ smtpUrl: smtp.url, mailDir: '/nonexistent', log: recordingLog() });
    try {
      await smtp.stop();
      const clock = new FakeClock();
      const log = recordingLog();
      const worker = new MailWorker({ db, sealer, transport, clock, from: FROM, log });
      const id = await enqueueMail(db, sealer, clock, resetMail('outage@example.org'));

      assert.deepEqual(await worker.deliverDue(), { sent: 0, failed: 1 });
      const failed = await outboxRow(db, id);
      assert.equal(failed.status, 'queued');
      assert.equal(failed.attempts, 1);
      assert.deepEqual(failed.next_attempt_at, new Date(clock.now().getTime() + 5_000));
      assert.ok(failed.last_error && failed.last_error.length <= 200);
      assert.match(failed.last_error, /ECONNREFUSED|ECONNECTION|connect/i);
      assert.ok(failed.sealed_body, 'the body is kept for the retry');
      const warning = log.entries.find((e) => e.level === 'warn');
      assert.ok(warning);
      assert.ok(!JSON.stringify(log.entries).includes(TOKEN));
      assert.ok(!JSON.stringify(log.entries).includes('outage@example.org'));

      // Not due yet: the backoff holds it back.
      clock.advance(4_000);
      assert.deepEqual(await worker.deliverDue(), { sent: 0, failed: 0 });

      smtp = await startSmtpServer({ port });
      assert.equal(smtp.port, port);
      clock.advance(1_001);
      assert.deepEqual(await worker.deliverDue(), { sent: 1, failed: 0 });
      await smtp.waitForMail((m) => m.text?.includes(LINK) === true);

      clock.advance(10 * MINUTE);
      assert.deepEqual(await worker.deliverDue(), { sent: 0, failed: 0 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(smtp.messages.length, 1, 'delivered exactly once');
      const sent = await outboxRow(db, id);
      assert.equal(sent.status, 'sent');
      assert.equal(sent.attempts, 2);
      assert.equal(sent.sealed_body, null);
      assert.equal(sent.last_error, null);
    } finally {
      transport.close();
      await smtp.stop();
    }
  });

  test('after maxAttempts the message is abandoned and an error is logged', async () => {
    const db = await emptyOutbox();
    const smtp = await startSmtpServer();
    const transport = createMailTransport({ smtpUrl: smtp.url, mailDir: '/nonexistent', log: recordingLog() });
    await smtp.stop();
    try {
      const clock = new FakeClock();
      const log = recordingLog();
      const worker = new MailWorker({ db, sealer, transport, clock, from: FROM, log, maxAttempts: 3 });
      const id = await enqueueMail(db, sealer, clock, resetMail());

      assert.deepEqual(await worker.deliverDue(), { sent: 0, failed: 1 });
      clock.advance(5_000);
      assert.deepEqual(await worker.deliverDue(), { sent: 0, failed: 1 });
      assert.deepEqual((await outboxRow(db, id)).next_attempt_at, new Date(clock.now().getTime() + 10_000));
      clock.advance(10_000);
      assert.deepEqual(await worker.deliverDue(), { sent: 0, failed: 1 });

      const abandoned = await outboxRow(db, id);
      assert.equal(abandoned.status, 'abandoned');
      assert.equal(abandoned.attempts, 3);
      assert.equal(abandoned.sealed_body, null);
      assert.ok(abandoned.last_error);
      const errors = log.entries.filter((e) => e.level === 'error');
      assert.equal(errors.length, 1);
      assert.deepEqual(Object.keys(errors[0]?.obj ?? {}).sort(), ['attempts', 'error', 'mailId', 'template']);

      clock.advance(DAY);
      assert.deepEqual(await worker.deliverDue(), { sent: 0, failed: 0 });
    } finally {
      transport.close();
    }
  });

  test('backoff doubles from 5 seconds and is capped at 15 minutes', () => {
    assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [5_000, 10_000, 20_000, 40_000]);
    assert.equal(retryDelayMs(8), 640_000);
    assert.equal(retryDelayMs(9), 15 * MINUTE);
    assert.equal(retryDelayMs(40), 15 * MINUTE);
  });

  test('a database failure during a pass is logged, not thrown', async () => {
    const database = await migratedDatabase();
    const log = recordingLog();
    const transport = createMailTransport({ smtpUrl: 'smtp://127.0.0.1:9', mailDir: '/nonexistent', log });
    const worker = new MailWorker({ db: database.db, sealer, transport, clock: new FakeClock(), from: FROM, log });
    await database.close(); // the database goes away under the worker
    assert.deepEqual(await worker.deliverDue(), { sent: 0, failed: 0 });
    assert.equal(log.entries.length, 1);
    assert.equal(log.entries[0]?.level, 'warn');
    transport.close();
  });

  test('a message sealed with another key is abandoned at once', async () => {
    const db = await emptyOutbox();
    const smtp = await startSmtpServer();
    const transport = createMailTransport({ smtpUrl: smtp.url, mailDir: '/nonexistent', log: recordingLog() });
    try {
      const clock = new FakeClock();
      const id = await enqueueMail(db, new Sealer(crypto.randomBytes(32)), clock, resetMail());
      const log = recordingLog();
      const worker = new MailWorker({ db, sealer, transport, clock, from: FROM, log });
      assert.deepEqual(await worker.deliverDue(), { sent: 0, failed: 1 });
      const row = await outboxRow(db, id);
      assert.equal(row.status, 'abandoned');
      assert.match(row.last_error ?? '', /key/);
      assert.equal(smtp.messages.length, 0);
    } finally {
      transport.close();
      await smtp.stop();
    }
  });
});

describe('without SMTP_URL, mail is written as .eml files', () => {
  test('the file transport writes a parseable .eml and logs where', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-mail-'));
    const mailDir = path.join(dir, 'training', 'mail');
    const db = await emptyOutbox();
    try {
      const clock = new FakeClock();
      const log = recordingLog();
      const transport = createMailTransport({ mailDir, log });
      assert.match(transport.describe(), /\.eml/);
      const worker = new MailWorker({ db, sealer, transport, clock, from: FROM, log });
      const mail = resetMail('file@example.org');
      const id = await enqueueMail(db, sealer, clock, mail);
      assert.deepEqual(await worker.deliverDue(), { sent: 1, failed: 0 });

      const files = fs.readdirSync(mailDir);
      assert.equal(files.length, 1);
      const name = files[0] ?? '';
      assert.match(name, /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-community-services-email-password-reset-[0-9a-f]{4}\.eml$/);
      const file = path.join(mailDir, name);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      const raw = fs.readFileSync(file);
      assert.ok(!raw.includes('\r\n'), 'unix newlines');
      const parsed = await simpleParser(raw);
      assert.equal(parsed.subject, mail.subject);
      assert.equal(parsed.text?.trim(), mail.text.trim());
      assert.match(JSON.stringify(parsed.to), /file@example\.org/);

      const written = log.entries.find((e) => e.msg === 'mail written to file (no SMTP_URL configured)');
      assert.deepEqual(written?.obj, { file });
      assert.ok(!JSON.stringify(log.entries).includes(TOKEN));
      assert.equal((await outboxRow(db, id)).status, 'sent');
      transport.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('describe() never shows SMTP credentials', () => {
    const transport = createMailTransport({
      smtpUrl: 'smtps://apikey-user:s3cr%21t-pass@mail.example.org:465/?pool=false',
      mailDir: '/nonexistent',
      log: recordingLog(),
    });
    const description = transport.describe();
    assert.equal(description, 'SMTP smtps://***@mail.example.org:465');
    assert.ok(!description.includes('s3cr') && !description.includes('apikey-user'));
    transport.close();
  });
});

describe('templates', () => {
  const input = {
    siteName: 'Training',
    username: 'jdoe',
    requestedAt: new Date('2026-11-27T14:15:00Z'),
    timeZone: 'America/New_York',
    link: LINK,
    validMinutes: 60,
    supportEmail: 'hmis-admin@example.org',
  };

  test('formatRequestTime writes the time in the site time zone with its abbreviation', () => {
    assert.equal(formatRequestTime(input.requestedAt, 'America/New_York'), 'Friday, November 27, 2026 at 9:15 AM EST');
    assert.equal(formatRequestTime(new Date('2026-07-04T16:05:00Z'), 'America/New_York'), 'Saturday, July 4, 2026 at 12:05 PM EDT');
    assert.equal(formatRequestTime(input.requestedAt, 'America/Los_Angeles'), 'Friday, November 27, 2026 at 6:15 AM PST');
  });

  test('password reset: exact subject, time, link, expiry and advice', () => {
    const mail = passwordResetEmail(input);
    assert.equal(mail.subject, 'Community Services Email Password Reset');
    for (const body of [mail.text, mail.html]) {
      assert.ok(body.includes('Friday, November 27, 2026 at 9:15 AM EST'), 'time with zone');
      assert.ok(body.includes(LINK), 'link');
      assert.ok(body.includes('This link works once and expires in 60 minutes.'));
      assert.ok(body.includes('Hearth Training account'));
    }
    assert.ok(mail.text.startsWith('Hello jdoe,\n'));
    assert.ok(
      mail.text.includes(
        'Someone (hopefully you) asked to reset the password for your Hearth Training account on Friday, November 27, 2026 at 9:15 AM EST.',
      ),
    );
    assert.ok(
      mail.text.includes(
        "Never reset your password using an email link you didn't ask for. If you didn't ask for this, ignore this email and tell the HMIS Administration Team at hmis-admin@example.org.",
      ),
    );
    assert.ok(mail.html.includes("Never reset your password using an email link you didn't ask for."));
    assert.ok(mail.html.includes('HMIS Administration Team at <a href="mailto:hmis-admin@example.org">'));
  });

  test('password reset: every value is escaped in the HTML', () => {
    const mail = passwordResetEmail({
      ...input,
      username: '<script>alert(1)</script>',
      siteName: 'A & B',
      link: 'https://hearth.example.org/reset/x"onmouseover="alert(1)',
      supportEmail: 'help+"x"@example.org',
    });
    assert.ok(!mail.html.includes('<script>'));
    assert.ok(mail.html.includes('Hello &lt;script&gt;alert(1)&lt;/script&gt;,'));
    assert.ok(mail.html.includes('Hearth A &amp; B account'));
    assert.ok(!mail.html.includes('x"onmouseover'));
    assert.ok(mail.html.includes('x&quot;onmouseover=&quot;alert(1)'));
    assert.ok(!mail.html.includes('help+"x"'));
    assert.ok(mail.text.includes('Hello <script>alert(1)</script>,'), 'plain text stays as typed');
    assert.throws(() => passwordResetEmail({ ...input, link: 'javascript:alert(1)' }));
  });

  test('password changed: subject, time, how, advice, and no link', () => {
    for (const how of ['reset', 'change', 'forced change'] as const) {
      const mail = passwordChangedEmail({
        siteName: 'Live',
        username: '<b>jdoe</b>',
        changedAt: input.requestedAt,
        timeZone: 'America/New_York',
        how,
        supportEmail: 'hmis-admin@example.org',
      });
      assert.equal(mail.subject, 'Your Hearth password was changed');
      assert.ok(mail.text.includes('Friday, November 27, 2026 at 9:15 AM EST'));
      assert.ok(mail.text.includes("If this wasn't you, contact the HMIS Administration Team at hmis-admin@example.org"));
      assert.ok(mail.html.includes('HMIS Administration Team at <a href="mailto:hmis-admin@example.org">'));
      assert.ok(!/https?:\/\//.test(mail.text) && !/https?:\/\//.test(mail.html), 'no link');
      assert.ok(mail.html.includes('&lt;b&gt;jdoe&lt;/b&gt;') && !mail.html.includes('<b>jdoe'));
    }
  });
});

describe('sealer', () => {
  test('round-trips, with a fresh IV each time', () => {
    const plain = JSON.stringify({ text: `reset: ${LINK} ünïcödé ✓`, html: '<p>x</p>' });
    const first = sealer.seal(plain);
    const second = sealer.seal(plain);
    assert.notEqual(first, second);
    assert.match(first, /^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    assert.ok(!first.includes(TOKEN));
    assert.equal(sealer.open(first), plain);
    assert.equal(sealer.open(second), plain);
    assert.equal(sealer.open(sealer.seal('')), '');
  });

  test('detects tampering, truncation and the wrong key', () => {
    const sealed = sealer.seal('the reset link');
    const [version, iv, tag, ciphertext] = sealed.split('.') as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64url');
    };
    assert.throws(() => sealer.open([version, iv, tag, flip(ciphertext)].join('.')));
    assert.throws(() => sealer.open([version, iv, flip(tag), ciphertext].join('.')));
    assert.throws(() => sealer.open([version, flip(iv), tag, ciphertext].join('.')));
    assert.throws(() => sealer.open([version, iv, tag.slice(0, 8), ciphertext].join('.')));
    assert.throws(() => sealer.open(['v2', iv, tag, ciphertext].join('.')));
    assert.throws(() => sealer.open('not sealed'));
    assert.throws(() => new Sealer(crypto.randomBytes(32)).open(sealed));
    assert.throws(() => new Sealer(crypto.randomBytes(16)));
  });

  test('loadSealerKey derives from the secret, or creates and reuses a 0600 key file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-key-'));
    try {
      const keyFile = path.join(dir, 'nested', 'mail.key');
      const derived = loadSealerKey({ secret: 'a long shared secret', keyFile });
      assert.equal(derived.length, 32);
      assert.deepEqual(loadSealerKey({ secret: 'a long shared secret', keyFile }), derived);
      assert.notDeepEqual(loadSealerKey({ secret: 'another secret', keyFile }), derived);
      assert.ok(!fs.existsSync(keyFile), 'no key file when a secret is given');

      const created = loadSealerKey({ keyFile });
      assert.equal(created.length, 32);
      assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
      assert.deepEqual(loadSealerKey({ keyFile }), created);
      const sealed = new Sealer(created).seal('hello');
      assert.equal(new Sealer(loadSealerKey({ keyFile })).open(sealed), 'hello');

      fs.writeFileSync(keyFile, 'dG9vIHNob3J0');
      assert.throws(() => loadSealerKey({ keyFile }), /32 bytes/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
