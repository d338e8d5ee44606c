/**
 * The help article's "Logging into HMIS for the First Time", in a real browser: an administrator's
 * temporary password works once and leads to "Password has expired!", where a new password is entered
 * twice. Also checks the show-password toggle and the accessibility of every page on the way, and of
 * the administration pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestApp } from '../test/helpers/app.js';
import { startBrowserTest, type BrowserTestApp } from './helpers/app.js';
import { assertAccessible, assertVisible, currentPath, skipWithoutChromium } from './helpers/browser.js';
import {
  EXPIRED_HEADING,
  EXPIRED_TEXT,
  LOGIN_FAILED,
  assertSignedIn,
  firstLogin,
  logIn,
  logOut,
  submitLogin,
  submitNewPassword,
} from './helpers/flows.js';

describe('first login in a browser (Live site)', { skip: skipWithoutChromium }, () => {
  let app: BrowserTestApp;
  let t: TestApp;

  before(async () => {
    app = await startBrowserTest();
    t = app.t;
  });

  after(async () => {
    await app?.close();
  });

  it('the login page is accessible, and "Show password" switches the password field between hidden and shown', async () => {
    // No bypassCSP here: the toggle must work under the site's real `script-src 'self'` policy.
    const plain = await app.newSession({ bypassCSP: false });
    try {
      const { page } = plain;
      await page.goto('/live/login');
      const password = page.getByLabel('Password', { exact: true });
      await password.fill('Typed-Secret-1');
      assert.equal(await password.getAttribute('type'), 'password');
      const toggle = page.getByRole('button', { name: 'Show password', exact: true });
      await toggle.click();
      assert.equal(await password.getAttribute('type'), 'text', 'after "Show password" the password is readable');
      assert.equal(await password.inputValue(), 'Typed-Secret-1', 'showing the password keeps what was typed');
      const hide = page.getByRole('button', { name: 'Hide password', exact: true });
      assert.equal(await hide.getAttribute('aria-pressed'), 'true');
      await hide.click();
      assert.equal(await password.getAttribute('type'), 'password', 'after "Hide password" it is hidden again');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      assert.deepEqual(plain.errors, [], 'no script or CSP errors on the login page');
    } finally {
      await plain.close();
    }

    const s = await app.newSession();
    try {
      await s.page.goto('/live/login');
      await assertVisible(s.page.getByRole('heading', { level: 1, name: 'Log in to the Live site' }));
      await assertAccessible(s.page, 'The Live login page');
      await submitLogin(s.page, 'nobody', 'Wrong-Password-1');
      await assertVisible(s.page.getByRole('alert').getByText(LOGIN_FAILED, { exact: true }));
      await assertAccessible(s.page, 'The Live login page after a failed login');
    } finally {
      await s.close();
    }
  });

  it('a temporary password leads to "Password has expired!"; mistakes are explained there; the new password signs in and the temporary one is spent', async () => {
    const { user, temporaryPassword } = await t.createUser('live', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@agency.example', role: 'admin' });
    assert.equal(user.username, 'alovelace');
    const newPassword = 'Sunny-Meadow-42';
    const s = await app.newSession();
    try {
      const { page } = s;
      await logIn(page, 'live', 'alovelace', temporaryPassword);

      // The screen from the help article, word for word.
      assert.equal(currentPath(page), '/live/password/expired');
      await assertVisible(page.getByRole('heading', { level: 1, name: EXPIRED_HEADING, exact: true }));
      await assertVisible(page.getByText(EXPIRED_TEXT, { exact: true }));
      await assertAccessible(page, 'The "Password has expired!" page');

      // Both password fields have their own show/hide toggle.
      const toggles = page.getByRole('button', { name: 'Show password', exact: true });
      assert.equal(await toggles.count(), 2, 'a "Show password" button next to each password field');
      const confirmField = page.getByLabel('Confirm new password', { exact: true });
      await page.locator('button[aria-controls="field-confirmPassword"]').click();
      assert.equal(await confirmField.getAttribute('type'), 'text');
      assert.equal(await page.getByLabel('New password', { exact: true }).getAttribute('type'), 'password', 'only its own field is shown');

      // A weak password: every failed rule is listed, and the person stays on the page.
      await submitNewPassword(page, 'lake7', 'lake7', 'Save new password');
      const alert = page.getByRole('alert');
      await assertVisible(alert.getByText('Your new password does not meet the requirements.', { exact: true }));
      assert.deepEqual(await alert.getByRole('listitem').allInnerTexts(), [
        'Use at least 8 characters (you typed 5).',
        'Add an uppercase letter.',
        'Add a symbol, such as a space or punctuation mark.',
      ]);
      assert.equal(currentPath(page), '/live/password/expired');
      await assertVisible(page.getByRole('heading', { level: 1, name: EXPIRED_HEADING, exact: true }));
      assert.equal(await page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, 'The "Password has expired!" page showing failed password rules');

      // A confirmation that does not match: a clear error on the confirmation field, still on the page.
      await submitNewPassword(page, newPassword, 'Sunny-Meadow-43', 'Save new password');
      await assertVisible(page.getByRole('alert').getByText('The two passwords do not match.', { exact: true }));
      await assertVisible(page.getByText('The two passwords do not match. Type the same new password in both spaces.', { exact: true }));
      assert.equal(await page.getByLabel('Confirm new password', { exact: true }).getAttribute('aria-invalid'), 'true');
      assert.equal(currentPath(page), '/live/password/expired');
      await assertVisible(page.getByRole('heading', { level: 1, name: EXPIRED_HEADING, exact: true }));
      await assertAccessible(page, 'The "Password has expired!" page showing a mismatched confirmation');

      // Nothing else is reachable until the new password is set.
      await page.goto('/live/');
      assert.equal(currentPath(page), '/live/password/expired');

      // The new password, entered twice: signed in.
      await submitNewPassword(page, newPassword, newPassword, 'Save new password');
      await assertSignedIn(page, 'live');
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Welcome, Ada', exact: true }));
      await assertVisible(page.getByText('Your password has been changed.', { exact: false }));
      await assertAccessible(page, 'The home page');

      // Log out with the header button; the temporary password was used once and no longer works.
      await logOut(page, 'live');
      await submitLogin(page, 'alovelace', temporaryPassword);
      await assertVisible(page.getByRole('alert').getByText(LOGIN_FAILED, { exact: true }));
      assert.equal(new URL(page.url()).pathname, '/live/login');
      assert.equal((await s.context.cookies()).some((c) => c.name === 'hearth-live-session'), false, 'no session after the failed login');

      // The new password works.
      await submitLogin(page, 'alovelace', newPassword);
      await assertSignedIn(page, 'live');
    } finally {
      await s.close();
    }
  });

  it('the change-password page and the administration pages are accessible', async () => {
    const admin = await t.createUser('live', { firstName: 'Grace', lastName: 'Hopper', email: 'grace@agency.example', role: 'admin' });
    const other = await t.createUser('live', { firstName: 'Alan', lastName: 'Turing', email: 'alan@agency.example' });
    const s = await app.newSession();
    try {
      const { page } = s;
      await firstLogin(page, 'live', admin.user.username, admin.temporaryPassword, 'Quiet-River-58');

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Change password', exact: true }).click();
      await page.waitForURL('**/live/password/change');
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Change your password' }));
      await assertAccessible(page, 'The change-password page');

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users', exact: true }).click();
      await page.waitForURL('**/live/admin/users');
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Users' }));
      await assertVisible(page.getByRole('link', { name: other.user.username, exact: true }));
      await assertAccessible(page, 'The users list');

      await page.getByRole('link', { name: 'Create user', exact: true }).click();
      await page.waitForURL('**/live/admin/users/new');
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Create user' }));
      await assertAccessible(page, 'The create-user page');

      await page.goto(`/live/admin/users/${other.user.id}`);
      await assertVisible(page.getByRole('heading', { level: 1, name: /Alan Turing/ }));
      await assertAccessible(page, "A user's page");

      await page.goto(`/live/admin/users/${admin.user.id}`);
      await assertVisible(page.getByRole('heading', { level: 1, name: /Grace Hopper/ }));
      await assertAccessible(page, "The administrator's own user page (with recent activity)");

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log', exact: true }).click();
      await page.waitForURL('**/live/admin/audit');
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Audit log' }));
      await assertVisible(page.getByRole('table'));
      await assertAccessible(page, 'The audit log');
    } finally {
      await s.close();
    }
  });
});
