/**
 * The help article's "Resetting HMIS Passwords", in a real browser with a real SMTP server:
 * "Forgot password?" → username and registered email → an email titled
 * "Community Services Email Password Reset" with the date/time of the request and a one-use link →
 * a new password entered twice → log in with it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestApp } from '../test/helpers/app.js';
import { startBrowserTest, type BrowserTestApp } from './helpers/app.js';
import { linkIn, pathOf } from '../test/helpers/client.js';
import { assertAccessible, assertVisible, currentPath, skipWithoutChromium } from './helpers/browser.js';
import { assertSignedIn, submitLogin, submitNewPassword } from './helpers/flows.js';

const SUBJECT = 'Community Services Email Password Reset';

describe('forgot password in a browser (Live site)', { skip: skipWithoutChromium }, () => {
  let app: BrowserTestApp;
  let t: TestApp;
  let baseUrl: string;

  before(async () => {
    app = await startBrowserTest();
    ({ t, baseUrl } = app);
  });

  after(async () => {
    await app?.close();
  });

  it('a reset link by email sets a new password that signs in, and works only once', async () => {
    const { user } = await t.createUser('live', { firstName: 'Grace', lastName: 'Hopper', email: 'grace.hopper@agency.example' });
    assert.equal(user.username, 'ghopper');
    const newPassword = 'Amber-Lantern-93';
    // The time of the request, as the email must show it (the site's zone is America/New_York).
    t.clock.set(new Date('2026-11-27T14:15:00Z'));

    const s = await app.newSession();
    try {
      const { page } = s;
      await page.goto('/live/login');
      await page.getByRole('link', { name: 'Forgot password?', exact: true }).click();
      await page.waitForURL('**/live/forgot-password');
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Reset your Live site password' }));
      await assertAccessible(page, 'The forgot-password page');

      await page.getByLabel('Username', { exact: true }).fill('ghopper');
      await page.getByLabel('Registered email address', { exact: true }).fill('grace.hopper@agency.example');
      await page.getByRole('button', { name: 'Email me a reset link', exact: true }).click();
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Check your email', exact: true }));
      await assertVisible(page.getByRole('status').getByText(`titled “${SUBJECT}”`, { exact: false }));
      await assertAccessible(page, 'The check-your-email page');

      // The real SMTP server receives the email the help article describes.
      const mail = await t.smtp.waitForMail((m) => m.subject === SUBJECT && m.text?.includes('ghopper') === true);
      assert.equal(mail.subject, SUBJECT);
      assert.match(mail.text ?? '', /Friday, November 27, 2026 at 9:15 AM EST/, `the email shows when the link was requested:\n${mail.text}`);
      const to = Array.isArray(mail.to) ? mail.to : [mail.to];
      assert.ok(to.some((a) => a?.text.includes('grace.hopper@agency.example')), 'sent to the registered address');
      const link = linkIn(mail.text, 'live');
      assert.ok(link.startsWith(`${t.config.publicUrl}/live/reset/`), `the link is on the public URL: ${link}`);

      // Follow the link (it names the public URL, http://hearth.test; the test server is on 127.0.0.1).
      const opened = await page.goto(baseUrl + pathOf(link));
      assert.equal(opened?.status(), 200);
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Create a new password', exact: true }));
      await assertVisible(page.getByText('ghopper', { exact: true }));
      await assertAccessible(page, 'The reset (create a new password) page');

      // A mismatch is explained on the same page, which stays usable.
      await submitNewPassword(page, newPassword, 'Amber-Lantern-94', 'Set new password');
      await assertVisible(page.getByRole('alert').getByText('The two passwords do not match.', { exact: true }));
      assert.equal(currentPath(page), pathOf(link));
      await assertAccessible(page, 'The reset page showing an error');

      await submitNewPassword(page, newPassword, newPassword, 'Set new password');
      assert.equal(currentPath(page), '/live/login?reset=1');
      await assertVisible(page.getByText('Your password has been reset. Log in with your new password.', { exact: true }));

      await submitLogin(page, 'ghopper', newPassword);
      await assertSignedIn(page, 'live');
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Welcome, Grace', exact: true }));

      // The same link again: refused, with a way forward.
      const again = await page.goto(baseUrl + pathOf(link));
      assert.equal(again?.status(), 410);
      await assertVisible(page.getByRole('heading', { level: 1, name: 'This reset link cannot be used', exact: true }));
      await assertVisible(page.getByRole('link', { name: 'Ask for a new link', exact: true }));
      await assertAccessible(page, 'The used-reset-link page');
    } finally {
      await s.close();
    }
  });
});
