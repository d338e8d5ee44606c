import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MINUTE } from '../../src/clock.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf } from '../helpers/client.js';
import {
  enrolOverHttp,
  loginWithCode,
  manualKeyOf,
  NEW_PASSWORD,
  recoveryCodesOf,
  sentTo,
  signedInUser,
  totpCode,
} from '../helpers/second-factor.js';

const ADMIN_ACTOR = { userId: null, username: 'test-admin', ip: null };

describe('second factor: set-up and sign-in', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
  });
  after(() => t.close());

  it('S45 enrolment end to end: QR code and grouped key, the current password asked and a wrong one counted, a wrong code refused, then 10 recovery codes shown once, stored hashed', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Ena', lastName: 'Rol', email: 'ena.rol@agency.example' });
    const security = await client.get('/live/security');
    assert.equal(security.status, 200);
    assert.match(textOf(security.body), /Second factor \(authenticator app\) Off\./);
    assert.match(security.body, /href="\/live\/security\/second-factor\/enrol"/);

    const page = await client.get('/live/security/second-factor/enrol');
    assert.equal(page.status, 200);
    assert.match(page.body, /<img class="qr-code" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/, 'a QR code drawn server-side');
    const qr = Buffer.from(/src="data:image\/svg\+xml;base64,([^"]+)"/.exec(page.body)![1]!, 'base64').toString('utf8');
    assert.match(qr, /^<svg /);
    assert.match(page.body, /id="manual-key">([A-Z2-7]{4} ){7}[A-Z2-7]{4}</, 'the key in groups of four');
    assert.match(page.body, /<label for="field-code">Enter the 6-digit code from your app<\/label>/);
    assert.match(page.body, /autocomplete="one-time-code"/);
    assert.match(page.body, /inputmode="numeric"/);
    const secret = manualKeyOf(page.body);
    const ticket = /name="ticket" value="([^"]+)"/.exec(page.body)![1]!;
    assert.ok(!ticket.includes(secret), 'the ticket carries the secret sealed');
    assert.equal(await t.sites.live.secondFactors.isEnrolled(user.id), false, 'opening the page changes nothing');
    assert.match(page.body, /<input[^>]*name="currentPassword" type="password" autocomplete="current-password"/, 'a security change asks for the password again');

    // Re-authentication: the right code with a wrong (or no) current password turns nothing on, and counts.
    for (const currentPassword of ['', 'Wrong-Current-1']) {
      const refused = await client.post('/live/security/second-factor/enrol', { ticket, currentPassword, code: totpCode(secret, t.clock.now()) });
      assert.equal(refused.status, 422);
      assert.match(textOf(refused.body), /Your current password is not correct\. .*Current password Enter your current password correctly\./);
      assert.equal(manualKeyOf(refused.body), secret, 'the same key again, so the app entry still works');
    }
    assert.equal(await t.sites.live.secondFactors.isEnrolled(user.id), false);
    assert.equal((await t.sites.live.accounts.get(user.id)).failedLoginCount, 2, 'wrong current passwords count towards the lockout');

    const wrong = await client.post('/live/security/second-factor/enrol', { ticket, currentPassword: NEW_PASSWORD, code: '000000' === totpCode(secret, t.clock.now()) ? '111111' : '000000' });
    assert.equal(wrong.status, 422);
    assert.match(textOf(wrong.body), /That code is not correct/);
    assert.equal(manualKeyOf(wrong.body), secret, 'the same key again, so the app entry still works');

    const done = await client.post('/live/security/second-factor/enrol', { ticket, currentPassword: NEW_PASSWORD, code: totpCode(secret, t.clock.now()) });
    assert.equal(done.status, 200);
    assert.match(String(done.headers['cache-control']), /no-store/);
    const codes = recoveryCodesOf(done.body);
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) assert.match(code, /^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{2}$/);
    assert.match(textOf(done.body), /This is the only time they are shown/);
    assert.match(textOf(done.body), /safe/);

    const stored = await t.sites.live.db.selectFrom('second_factors').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.ok(!stored.totp_secret_sealed.includes(secret), 'the secret is sealed at rest');
    assert.match(stored.totp_secret_sealed, /^v1\./);
    const hashes = await t.sites.live.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', user.id).execute();
    assert.equal(hashes.length, 10);
    for (const { code_hash } of hashes) {
      assert.match(code_hash, /^\$argon2id\$/);
      for (const code of codes) assert.ok(!code_hash.includes(code.replace(/-/g, '')));
    }
    const after = await client.get('/live/security');
    assert.match(textOf(after.body), /On since .* 10 of 10 recovery codes are unused/);
    assert.equal(recoveryCodesOf(after.body).length, 0, 'the codes are never shown again');

    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'second_factor.enabled', username: user.username });
    assert.equal(audit.length, 1);
    const mail = await t.smtp.waitForMail((m) => sentTo(m, 'ena.rol@agency.example') && /turned on/.test(m.subject ?? ''));
    assert.equal(mail.subject, 'Second factor turned on for your Hearth account');
    assert.match(mail.text ?? '', /If this wasn't you, contact the HMIS Administration Team at hmis-admin@example\.org/);
    for (const secretText of [secret, ...codes]) assert.ok(!`${mail.text}${mail.html}`.includes(secretText), 'no secret in the email');
  });

  it('login requires the code: the password alone reaches only the code page; a correct code gives a new, full session', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Cody', lastName: 'Step' });
    const { secret } = await enrolOverHttp(t, client);
    const fresh = t.client();
    const login = await fresh.login('live', user.username, NEW_PASSWORD);
    assert.equal(login.status, 303);
    assert.equal(login.location, '/live/login/code');
    const stepToken = fresh.sessionCookie('live');
    assert.ok(stepToken);
    for (const path of ['/live/', '/live/security', '/live/password/change', '/live/admin/users', '/live/password/expired', '/live/security/second-factor/enrol']) {
      const page = await fresh.get(path);
      assert.equal(page.status, 303, path);
      assert.equal(page.location, '/live/login/code', path);
    }
    const codePage = await fresh.get('/live/login/code');
    assert.equal(codePage.status, 200);
    assert.match(codePage.body, /<label for="field-code">Authentication code<\/label>/);
    assert.match(codePage.body, /autocomplete="one-time-code"/);
    assert.match(codePage.body, /inputmode="numeric"/);
    assert.match(codePage.body, /<a href="\/live\/login\/recovery">Use a recovery code instead<\/a>/);
    assert.match(codePage.body, /action="\/live\/logout"/, 'logout stays possible');

    t.clock.advance(30_000);
    const ok = await fresh.post('/live/login/code', { code: totpCode(secret, t.clock.now()) });
    assert.equal(ok.status, 303);
    assert.equal(ok.location, '/live/');
    assert.notEqual(fresh.sessionCookie('live'), stepToken, 'a new session token after the code');
    assert.equal((await fresh.get('/live/')).status, 200);
    const succeeded = await t.sites.live.audit.list(t.sites.live.db, { event: 'login.succeeded', username: user.username, limit: 1 });
    assert.equal(succeeded[0]?.details.secondFactor, 'authenticator app');
  });

  it('a code is accepted once: replayed in its window it is refused; a code from 2 steps ago is refused; one step back still works', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Rita', lastName: 'Play' });
    const { secret } = await enrolOverHttp(t, client);
    const atSetUp = t.client();
    await atSetUp.login('live', user.username, NEW_PASSWORD);
    await atSetUp.get('/live/login/code');
    const setUpCode = await atSetUp.post('/live/login/code', { code: totpCode(secret, t.clock.now()) });
    assert.equal(setUpCode.status, 401, 'the code that confirmed the set-up cannot sign in');

    const first = t.client();
    const ok = await loginWithCode(t, first, user.username, secret);
    assert.equal(ok.status, 303);
    const usedCode = totpCode(secret, t.clock.now());

    const second = t.client();
    await second.login('live', user.username, NEW_PASSWORD);
    await second.get('/live/login/code');
    const replay = await second.post('/live/login/code', { code: usedCode });
    assert.equal(replay.status, 401);
    assert.match(textOf(replay.body), /already been used/);

    t.clock.advance(30_000);
    const twoStepsAgo = await second.post('/live/login/code', { code: totpCode(secret, new Date(t.clock.now().getTime() - 60_000)) });
    assert.equal(twoStepsAgo.status, 401);
    assert.match(textOf(twoStepsAgo.body), /not correct/);

    t.clock.advance(30_000);
    const oneStepBack = await second.post('/live/login/code', { code: totpCode(secret, new Date(t.clock.now().getTime() - 30_000)) });
    assert.equal(oneStepBack.status, 303, 'a code from the previous step (30 s of drift) is accepted');
    const failed = await t.sites.live.audit.list(t.sites.live.db, { event: 'login.failed', username: user.username });
    assert.deepEqual(
      failed.map((e) => e.details.reason),
      ['wrong authentication code', 'authentication code already used', 'authentication code already used'],
      'wrong and replayed codes are audited',
    );
    const row = await t.sites.live.accounts.get(user.id);
    assert.equal(row.failedLoginCount, 0, 'a successful sign-in resets the counter');
  });

  it('a recovery code works once, in any case and with or without dashes', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Reco', lastName: 'Very' });
    const { recoveryCodes } = await enrolOverHttp(t, client);
    const [code, other] = recoveryCodes as [string, string];

    const a = t.client();
    await a.login('live', user.username, NEW_PASSWORD);
    const recoveryPage = await a.get('/live/login/recovery');
    assert.equal(recoveryPage.status, 200);
    assert.match(recoveryPage.body, /<label for="field-code">Recovery code<\/label>/);
    const ok = await a.post('/live/login/recovery', { code });
    assert.equal(ok.status, 303);
    assert.equal(ok.location, '/live/security?usedRecoveryCode=1');
    const security = await a.follow(ok);
    assert.match(textOf(security.body), /You signed in with a recovery code; 9 of 10 are left/);

    const b = t.client();
    await b.login('live', user.username, NEW_PASSWORD);
    await b.get('/live/login/recovery');
    const again = await b.post('/live/login/recovery', { code });
    assert.equal(again.status, 401);
    assert.match(textOf(again.body), /not correct or has already been used/);
    const typed = await b.post('/live/login/recovery', { code: ` ${other.replace(/-/g, '').toUpperCase()} ` });
    assert.equal(typed.status, 303);
    const used = await t.sites.live.db.selectFrom('recovery_codes').select('used_at').where('user_id', '=', user.id).where('used_at', 'is not', null).execute();
    assert.equal(used.length, 2);
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'second_factor.recovery_code_used', username: user.username });
    assert.equal(audit.length, 2);
  });

  it('5 wrong codes lock the account like wrong passwords and end all its sessions; the password step does not reset the count', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Lock', lastName: 'Codes' });
    const { secret } = await enrolOverHttp(t, client);
    const attacker = t.client();
    const wrongCode = (at: Date) => (totpCode(secret, at) === '123456' ? '654321' : '123456');

    await attacker.login('live', user.username, NEW_PASSWORD);
    await attacker.get('/live/login/code');
    for (let i = 0; i < 3; i++) assert.equal((await attacker.post('/live/login/code', { code: wrongCode(t.clock.now()) })).status, 401);
    // Starting again with the password must not buy fresh guesses.
    const again = await attacker.login('live', user.username, NEW_PASSWORD);
    assert.equal(again.location, '/live/login/code');
    await attacker.get('/live/login/code');
    assert.equal((await attacker.post('/live/login/code', { code: wrongCode(t.clock.now()) })).status, 401);
    const locked = await attacker.post('/live/login/code', { code: wrongCode(t.clock.now()) });
    assert.equal(locked.status, 303);
    assert.equal(locked.location, '/live/login?signedOut=1');
    assert.match(textOf((await attacker.follow(locked)).body), /You have been signed out after repeated failed attempts/);
    assert.equal((await attacker.get('/live/login/code')).location, '/live/login?next=%2Flive%2Flogin%2Fcode', 'the code step ended');
    assert.match((await client.get('/live/')).location ?? '', /^\/live\/login/, "the owner's own session ended too");

    const row = await t.sites.live.accounts.get(user.id);
    assert.equal(row.failedLoginCount, 5);
    assert.ok(row.lockedUntil && row.lockedUntil > t.clock.now());
    const passwordWhileLocked = await t.client().login('live', user.username, NEW_PASSWORD);
    assert.equal(passwordWhileLocked.status, 401, 'the correct password gets the answer of a wrong one');
    const lockedAudit = await t.sites.live.audit.list(t.sites.live.db, { event: 'login.locked', username: user.username });
    assert.equal(lockedAudit.length, 1);
    const failures = await t.sites.live.audit.list(t.sites.live.db, { event: 'login.failed', username: user.username });
    assert.equal(failures.filter((e) => e.details.reason === 'wrong authentication code').length, 5);

    t.clock.advance(MINUTE + 1000);
    const ok = await loginWithCode(t, t.client(), user.username, secret);
    assert.equal(ok.status, 303);
    assert.equal(ok.location, '/live/');
  });

  it('S11 wrong current passwords for new recovery codes, turning the factor off and changing the password count together; the fifth signs the account out everywhere', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Tess', lastName: 'Tries' });
    await enrolOverHttp(t, client);
    const attempts = [
      ['/live/security/second-factor/recovery-codes', 'Guess-1'],
      ['/live/security/second-factor/remove', 'Guess-2'],
      ['/live/password/change', 'Guess-3'],
      ['/live/security/second-factor/remove', 'Guess-4'],
    ] as const;
    await client.get('/live/security');
    for (const [path, currentPassword] of attempts) assert.equal((await client.post(path, { currentPassword })).status, 422, path);
    const fifth = await client.post('/live/security/second-factor/recovery-codes', { currentPassword: 'Guess-5' });
    assert.equal(fifth.location, '/live/login?signedOut=1');
    assert.match((await client.get('/live/security')).location ?? '', /^\/live\/login/);
    assert.equal(await t.sites.live.secondFactors.isEnrolled(user.id), true, 'nothing was changed');
  });

  it('new recovery codes and turning the factor off both need the current password; old codes stop working', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Reg', lastName: 'Enerate', email: 'reg.enerate@agency.example' });
    const { recoveryCodes: oldCodes } = await enrolOverHttp(t, client);
    await client.get('/live/security');
    const refused = await client.post('/live/security/second-factor/recovery-codes', { currentPassword: 'Not-My-Password-1' });
    assert.equal(refused.status, 422);
    assert.match(textOf(refused.body), /Your current password is not correct/);
    assert.equal((await t.sites.live.accounts.get(user.id)).failedLoginCount, 1, 'a wrong current password counts');

    const renewed = await client.post('/live/security/second-factor/recovery-codes', { currentPassword: NEW_PASSWORD });
    assert.equal(renewed.status, 200);
    const newCodes = recoveryCodesOf(renewed.body);
    assert.equal(newCodes.length, 10);
    await t.smtp.waitForMail((m) => sentTo(m, 'reg.enerate@') && m.subject === 'New recovery codes for your Hearth account');

    const other = t.client();
    await other.login('live', user.username, NEW_PASSWORD);
    await other.get('/live/login/recovery');
    assert.equal((await other.post('/live/login/recovery', { code: oldCodes[0]! })).status, 401, 'an old code no longer works');
    assert.equal((await other.post('/live/login/recovery', { code: newCodes[0]! })).status, 303);

    await client.get('/live/security');
    const removed = await client.post('/live/security/second-factor/remove', { currentPassword: NEW_PASSWORD });
    assert.equal(removed.status, 303);
    assert.equal(removed.location, '/live/security?done=second-factor-removed');
    assert.equal(await t.sites.live.secondFactors.isEnrolled(user.id), false);
    assert.equal(await t.sites.live.db.selectFrom('recovery_codes').select('id').where('user_id', '=', user.id).executeTakeFirst(), undefined);
    const off = await t.smtp.waitForMail((m) => sentTo(m, 'reg.enerate@') && m.subject === 'Second factor turned off for your Hearth account');
    assert.match(off.text ?? '', /If this wasn't you/);
    const plain = await t.client().login('live', user.username, NEW_PASSWORD);
    assert.equal(plain.location, '/live/', 'the password alone signs in again');
  });

  it('every second-factor form needs a CSRF token', async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Cee', lastName: 'Surf' });
    const { secret } = await enrolOverHttp(t, client);
    const stranger = t.client();
    await stranger.login('live', user.username, NEW_PASSWORD);
    t.clock.advance(30_000);
    const noToken = await stranger.request('POST', '/live/login/code', { form: { code: totpCode(secret, t.clock.now()) } });
    assert.equal(noToken.status, 403);
    for (const path of ['/live/security/second-factor/remove', '/live/security/second-factor/recovery-codes', '/live/security/sessions/end-others']) {
      const page = await client.request('POST', path, { form: { currentPassword: NEW_PASSWORD } });
      assert.equal(page.status, 403, path);
    }
    assert.equal(await t.sites.live.secondFactors.isEnrolled(user.id), true);
  });
});

describe('second factor: site policy and administrators', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
  });
  after(() => t.close());

  it("policy 'admins' forces an admin to set one up after the password step and after a forced password change; a user is not forced", async () => {
    const { user: admin, client: adminClient } = await signedInUser(t, { firstName: 'Ada', lastName: 'Min', role: 'admin' });
    const settings = await adminClient.get('/live/admin/settings');
    assert.equal(settings.status, 200);
    assert.match(settings.body, /name="secondFactorPolicy" type="radio" value="optional" checked/);
    assert.match((await adminClient.get('/live/')).body, /href="\/live\/admin\/settings"/, 'linked from the admin nav and home');
    const saved = await adminClient.post('/live/admin/settings', { secondFactorPolicy: 'admins' });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, '/live/admin/settings?saved=1');
    assert.equal(await t.sites.live.settings.secondFactorPolicy(), 'admins');
    const changed = await t.sites.live.audit.list(t.sites.live.db, { event: 'settings.changed' });
    assert.equal(changed.length, 1);
    assert.equal(changed[0]!.actorUsername, admin.username);
    assert.deepEqual(changed[0]!.details, { setting: 'secondFactorPolicy', from: 'optional', to: 'admins' });
    assert.equal((await adminClient.post('/live/admin/settings', { secondFactorPolicy: 'nobody' })).status, 422);

    // The existing admin, at the next sign-in: password, then straight to the set-up.
    const again = t.client();
    const step = await again.login('live', admin.username, NEW_PASSWORD);
    assert.equal(step.location, '/live/security/second-factor/enrol');
    for (const path of ['/live/', '/live/admin/users', '/live/security', '/live/login/code']) {
      assert.equal((await again.get(path)).location, '/live/security/second-factor/enrol', path);
    }
    const enrolPage = await again.get('/live/security/second-factor/enrol');
    assert.match(textOf(enrolPage.body), /requires a second factor/);
    assert.doesNotMatch(enrolPage.body, /href="\/live\/admin\/users"/, 'no navigation until set up');
    assert.doesNotMatch(enrolPage.body, /name="currentPassword"/, 'the password was typed moments ago in this sign-in: not asked again');
    const before = again.sessionCookie('live');
    const { page: codesPage } = await enrolOverHttp(t, again);
    assert.notEqual(again.sessionCookie('live'), before, 'a new session token once signed in');
    assert.match(textOf(codesPage.body), /Save your recovery codes/);
    assert.equal((await again.get('/live/admin/users')).status, 200, 'now a full session');

    // A new admin with a temporary password: change page → set-up page → full.
    const { user: newAdmin, temporaryPassword } = await t.createUser('live', { firstName: 'Nora', lastName: 'Admin', role: 'admin' });
    const fresh = t.client();
    assert.equal((await fresh.login('live', newAdmin.username, temporaryPassword)).location, '/live/password/expired');
    await fresh.get('/live/password/expired');
    const afterChange = await fresh.post('/live/password/expired', { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    assert.equal(afterChange.status, 303);
    assert.equal(afterChange.location, '/live/security/second-factor/enrol?passwordChanged=1');
    assert.equal((await fresh.get('/live/')).location, '/live/security/second-factor/enrol');
    const shown = await fresh.get(afterChange.location!);
    assert.match(textOf(shown.body), /Your new password is saved/);
    await enrolOverHttp(t, fresh);
    assert.equal((await fresh.get('/live/')).status, 200);

    // An ordinary user is not forced.
    const { user: plain, temporaryPassword: plainTemp } = await t.createUser('live', { firstName: 'Paul', lastName: 'Plain' });
    const userClient = t.client();
    await userClient.login('live', plain.username, plainTemp);
    await userClient.get('/live/password/expired');
    const done = await userClient.post('/live/password/expired', { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    assert.equal(done.location, '/live/?passwordChanged=1');
    assert.equal((await userClient.get('/live/')).status, 200);
    assert.equal((await t.client().login('live', plain.username, NEW_PASSWORD)).location, '/live/');
  });

  it("with a TOTP user whose password must change: password → code → new password → full", async () => {
    const { user, client } = await signedInUser(t, { firstName: 'Tess', lastName: 'Order' });
    const { secret } = await enrolOverHttp(t, client);
    const { temporaryPassword } = await t.sites.live.accounts.issueTemporaryPassword(user.id, ADMIN_ACTOR);
    const c = t.client();
    assert.equal((await c.login('live', user.username, temporaryPassword)).location, '/live/login/code');
    t.clock.advance(30_000);
    await c.get('/live/login/code');
    const code = await c.post('/live/login/code', { code: totpCode(secret, t.clock.now()) });
    assert.equal(code.location, '/live/password/expired');
    await c.get('/live/password/expired');
    const changed = await c.post('/live/password/expired', { newPassword: 'Other-Meadow-88', confirmPassword: 'Other-Meadow-88' });
    assert.equal(changed.location, '/live/?passwordChanged=1');
    assert.equal((await c.get('/live/')).status, 200);
  });

  it('while the policy requires a second factor it cannot be turned off by its user', async () => {
    const { user } = await signedInUser(t, { firstName: 'Kip', lastName: 'Kept', role: 'admin' });
    // The policy is 'admins' from the first test; this admin sets up at the next sign-in.
    const again = t.client();
    await again.login('live', user.username, NEW_PASSWORD);
    await enrolOverHttp(t, again);
    const page = await again.get('/live/security');
    assert.match(textOf(page.body), /requires a second factor on this site, so it cannot be turned off/);
    const refused = await again.post('/live/security/second-factor/remove', { currentPassword: NEW_PASSWORD });
    assert.equal(refused.status, 403);
    assert.equal(await t.sites.live.secondFactors.isEnrolled(user.id), true);
  });

  it('an administrator resets a user’s second factor: shown on the user page, audited with the admin as actor, sessions ended', async () => {
    await t.sites.live.settings.setSecondFactorPolicy('optional', ADMIN_ACTOR);
    const { user: admin, client: adminClient } = await signedInUser(t, { firstName: 'Rex', lastName: 'Setter', role: 'admin' });
    const { user, client: userClient } = await signedInUser(t, { firstName: 'Lost', lastName: 'Phone', email: 'lost.phone@agency.example' });
    await enrolOverHttp(t, userClient);
    assert.equal((await userClient.get('/live/')).status, 200);
    const adminPage = await adminClient.get(`/live/admin/users/${user.id}`);
    assert.equal(adminPage.status, 200);
    assert.match(textOf(adminPage.body), /Second factor On \(authenticator app\) since .*; 10 recovery codes unused/);
    assert.match(adminPage.body, new RegExp(`action="/live/admin/users/${user.id}/second-factor/reset"`));

    const noCsrf = await adminClient.request('POST', `/live/admin/users/${user.id}/second-factor/reset`, { form: {} });
    assert.equal(noCsrf.status, 403);
    const reset = await adminClient.post(`/live/admin/users/${user.id}/second-factor/reset`);
    assert.equal(reset.status, 303);
    assert.equal(reset.location, `/live/admin/users/${user.id}?done=second-factor-reset`);
    const shown = await adminClient.follow(reset);
    assert.match(textOf(shown.body), /Their second factor is reset/);
    assert.match(textOf(shown.body), /Second factor Off/);

    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'second_factor.reset' });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actorUsername, admin.username);
    assert.equal(audit[0]!.subjectUsername, user.username);
    assert.match((await userClient.get('/live/')).location ?? '', /^\/live\/login/, "the user's sessions ended");
    assert.equal((await t.client().login('live', user.username, NEW_PASSWORD)).location, '/live/', 'no code asked any more');
    const mail = await t.smtp.waitForMail((m) => sentTo(m, 'lost.phone@') && /turned off/.test(m.subject ?? ''));
    assert.match(mail.text ?? '', /An HMIS administrator reset the second factor/);

    assert.equal((await adminClient.post(`/live/admin/users/${user.id}/second-factor/reset`)).status, 409, 'nothing left to reset');
    const plainUser = t.client();
    await signedInUser(t, { firstName: 'Not', lastName: 'Admin' }, { client: plainUser });
    assert.equal((await plainUser.post(`/live/admin/users/${user.id}/second-factor/reset`)).status, 403, 'administrators only');
  });
});
