import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { retryDelayMs } from '../../src/mail/worker.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { linkIn, pathOf, textOf } from '../helpers/client.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

const RESET_SUBJECT = 'Community Services Email Password Reset';
const NEW_PASSWORD = 'Harbour-Finch-2027';

/** Polls until `probe` returns a value, or fails with `what` after timeoutMs. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(25);
  }
}

describe('SMTP outage', () => {
  let t: TestApp;
  let restarted: TestSmtpServer | undefined;

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
  });
  after(async () => {
    await restarted?.stop();
    await t.close();
  });

  it('a reset requested while SMTP is down arrives once SMTP is back, with a link that still works, without a second request', async () => {
    const { user, temporaryPassword } = await t.createUser('live', { firstName: 'Sam', lastName: 'Outage' });
    const port = t.smtp.port;
    await t.smtp.stop();

    const client = t.client();
    const requested = await client.submit('/live/forgot-password', { username: user.username, email: user.email! });
    assert.equal(requested.status, 200, 'the person is not told about the outage');
    assert.match(textOf(requested.body), /Check your email/);

    // The worker was nudged, tried, failed and scheduled a retry with backoff.
    const failed = await eventually('a failed delivery attempt is recorded', async () => {
      const row = await t.sites.live.db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('template', '=', 'password-reset')
        .executeTakeFirst();
      return row && row.attempts >= 1 ? row : undefined;
    });
    assert.equal(failed.status, 'queued');
    assert.ok(failed.last_error && failed.last_error.length > 0, 'the reason is kept for the admin screen');
    assert.ok(failed.next_attempt_at.getTime() > t.clock.now().getTime(), 'the retry waits for the backoff');
    assert.equal(failed.sent_at, null);

    restarted = await startSmtpServer({ port });
    assert.equal(restarted.port, port);
    // Nothing is sent before the backoff has passed on the (fake) clock.
    await sleep(300);
    assert.equal(restarted.messages.length, 0, 'the retry respects the backoff');

    t.clock.advance(retryDelayMs(failed.attempts) + 1_000);
    const mail: ParsedMail = await restarted.waitForMail((m) => m.subject === RESET_SUBJECT, 5_000);
    const link = linkIn(mail.text, 'live');

    const sent = await eventually('the outbox row is marked sent', async () => {
      const row = await t.sites.live.db.selectFrom('mail_outbox').selectAll().where('id', '=', failed.id).executeTakeFirstOrThrow();
      return row.status === 'sent' ? row : undefined;
    });
    assert.equal(sent.attempts, failed.attempts + 1);
    assert.equal(sent.sealed_body, null, 'the body is erased once delivered');
    assert.equal(sent.last_error, null);

    // Only one request was ever made: one token, one reset message.
    const tokens = await t.sites.live.db.selectFrom('password_reset_tokens').selectAll().where('user_id', '=', user.id).execute();
    assert.equal(tokens.length, 1);
    const resetMails = await t.sites.live.db.selectFrom('mail_outbox').select('id').where('template', '=', 'password-reset').execute();
    assert.equal(resetMails.length, 1);
    const requests = await t.sites.live.db
      .selectFrom('audit_log')
      .select('id')
      .where('event', '=', 'reset.requested')
      .where('subject_user_id', '=', user.id)
      .execute();
    assert.equal(requests.length, 1);

    const form = await client.get(pathOf(link));
    assert.equal(form.status, 200, textOf(form.body));
    assert.match(textOf(form.body), /Create a new password/);
    const done = await client.post(pathOf(link), { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    assert.equal(done.status, 303, textOf(done.body));
    assert.equal(done.location, '/live/login?reset=1');

    const login = await t.client().login('live', user.username, NEW_PASSWORD);
    assert.equal(login.status, 303, textOf(login.body));
    assert.equal(login.location, '/live/');
    const old = await t.client().login('live', user.username, temporaryPassword);
    assert.equal(old.status, 401);

    // The confirmation of the change goes out over the restored server without any delay.
    await restarted.waitForMail((m) => m.subject !== RESET_SUBJECT, 5_000);
  });
});
