/** What a person does in the browser, step by step: shared by the browser tests. */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertVisible, currentPath } from './browser.js';

export type SiteId = 'training' | 'live';

export const LOGIN_FAILED = 'The username or password is incorrect.';
export const EXPIRED_HEADING = 'Password has expired!';
export const EXPIRED_TEXT =
  'Please enter a new password in both spaces with at least one uppercase letter, one lowercase letter, one number, and one symbol.';

/** Opens the site's login page, fills Username and Password by their labels and presses "Log in". */
export async function logIn(page: Page, site: SiteId, username: string, password: string): Promise<void> {
  await page.goto(`/${site}/login`);
  await submitLogin(page, username, password);
}

export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name: 'Log in', exact: true }).click()]);
  await page.waitForLoadState();
}

/** Fills "New password" and "Confirm new password" and presses the form's submit button. */
export async function submitNewPassword(page: Page, newPassword: string, confirmation: string, button: string): Promise<void> {
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password', { exact: true }).fill(confirmation);
  await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name: button, exact: true }).click()]);
  await page.waitForLoadState();
}

/** First login with a temporary password: the "Password has expired!" screen, then a new password. */
export async function firstLogin(page: Page, site: SiteId, username: string, temporaryPassword: string, newPassword: string): Promise<void> {
  await logIn(page, site, username, temporaryPassword);
  assert.equal(currentPath(page), `/${site}/password/expired`);
  await assertVisible(page.getByRole('heading', { level: 1, name: EXPIRED_HEADING }));
  await submitNewPassword(page, newPassword, newPassword, 'Save new password');
  await assertSignedIn(page, site);
}

/** The home page greets the person by name. */
export async function assertSignedIn(page: Page, site: SiteId): Promise<void> {
  await assertVisible(page.getByRole('heading', { level: 1, name: /^Welcome, / }), 'expected the signed-in home page ("Welcome, …")');
  assert.equal(new URL(page.url()).pathname, `/${site}/`);
}

/** The "Log out <username>" button in the header. */
export async function logOut(page: Page, site: SiteId): Promise<void> {
  const button = page.getByRole('banner').getByRole('button', { name: /^Log out\b/ });
  await Promise.all([page.waitForEvent('framenavigated'), button.click()]);
  await page.waitForLoadState();
  assert.equal(new URL(page.url()).pathname, `/${site}/login`);
  await assertVisible(page.getByText('You have logged out.', { exact: true }));
}

/** Clicks the first button (or link) of that name in the page's main region, and waits for the page it leads to. */
export async function clickInMain(page: Page, name: string | RegExp, role: 'button' | 'link' = 'button'): Promise<void> {
  const target = page.getByRole('main').getByRole(role, { name, exact: typeof name === 'string' }).first();
  await Promise.all([page.waitForEvent('framenavigated'), target.click()]);
  await page.waitForLoadState();
}
