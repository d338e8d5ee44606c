import assert from 'node:assert/strict';
import type { ParsedMail } from 'mailparser';
import { Secret, TOTP } from 'otpauth';
import type { SiteId } from '../../src/site-id.js';
import type { TestApp } from './app.js';
import { textOf, type TestClient } from './client.js';

export const NEW_PASSWORD = 'Meadow-Lark-2026';

/** A user who has done their first login and set their own password, signed in on `client`. */
export async function signedInUser(
  t: TestApp,
  input: Parameters<TestApp['createUser']>[1] = {},
  options: { site?: SiteId; client?: TestClient } = {},
) {
  const site = options.site ?? 'live';
  const { user, temporaryPassword } = await t.createUser(site, input);
  const client = options.client ?? t.client();
  const first = await client.login(site, user.username, temporaryPassword);
  assert.equal(first.location, `/${site}/password/expired`);
  await client.get(`/${site}/password/expired`);
  const changed = await client.post(`/${site}/password/expired`, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
  assert.equal(changed.status, 303, textOf(changed.body));
  return { user, client, password: NEW_PASSWORD };
}

/** The code an authenticator app shows at `at` for this secret (base32, as on the set-up page). */
export function totpCode(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime(), algorithm: 'SHA1', digits: 6, period: 30 });
}

/** The setup key as the set-up page shows it ("ABCD EFGH …"), without the spaces. */
export function manualKeyOf(html: string): string {
  const match = /id="manual-key">([^<]+)</.exec(html);
  if (!match) throw new Error(`no manual key in: ${textOf(html).slice(0, 500)}`);
  return match[1]!.replace(/\s+/g, '');
}

export function recoveryCodesOf(html: string): string[] {
  return [...html.matchAll(/<code class="recovery-code">([^<]+)<\/code>/g)].map((m) => m[1]!);
}

/**
 * Sets up an authenticator app over HTTP, as a person does: opens the set-up page (from wherever the
 * client is, e.g. the forced step), reads the manual key, types the current password when the page
 * asks for it (a voluntary set-up, not the forced step) and answers with the app's current code.
 */
export async function enrolOverHttp(t: TestApp, client: TestClient, site: SiteId = 'live', password = NEW_PASSWORD) {
  const page = await client.get(`/${site}/security/second-factor/enrol`);
  assert.equal(page.status, 200, textOf(page.body).slice(0, 300));
  const secret = manualKeyOf(page.body);
  const done = await client.post(`/${site}/security/second-factor/enrol`, {
    ticket: /name="ticket" value="([^"]+)"/.exec(page.body)![1]!,
    ...(page.body.includes('name="currentPassword"') ? { currentPassword: password } : {}),
    code: totpCode(secret, t.clock.now()),
  });
  assert.equal(done.status, 200, textOf(done.body).slice(0, 300));
  const recoveryCodes = recoveryCodesOf(done.body);
  assert.equal(recoveryCodes.length, 10);
  return { secret, recoveryCodes, page: done };
}

/**
 * Password, then the app's code. The clock first moves to the next 30-second step, because the code
 * of a step that was already used (say, at set-up) is refused.
 */
export async function loginWithCode(t: TestApp, client: TestClient, username: string, secret: string, site: SiteId = 'live') {
  const password = await client.login(site, username, NEW_PASSWORD);
  assert.equal(password.status, 303, textOf(password.body).slice(0, 300));
  assert.match(password.location ?? '', new RegExp(`^/${site}/login/code`));
  t.clock.advance(30_000);
  await client.get(password.location!);
  return client.post(`/${site}/login/code`, { code: totpCode(secret, t.clock.now()) });
}

/** Whether a received message was addressed to `address` (or an address containing it). */
export function sentTo(mail: ParsedMail, address: string): boolean {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.some((group) => group.text.includes(address));
}
