/**
 * Setting up an authenticator app from the Security page in a real browser: the page asks for the current
 * password as well as the app's code (re-authentication before a security change), explains a wrong one,
 * and shows the recovery codes once both are right. Accessibility is checked on the way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { totpCode } from '../test/helpers/second-factor.js';
import { startBrowserTest, type BrowserTestApp } from './helpers/app.js';
import { assertAccessible, assertVisible, currentPath, skipWithoutChromium } from './helpers/browser.js';
import { firstLogin } from './helpers/flows.js';

const PASSWORD = 'Sunny-Meadow-42';

describe('second factor set-up in a browser (Live site)', { skip: skipWithoutChromium }, () => {
  let app: BrowserTestApp;

  before(async () => {
    app = await startBrowserTest({ sites: ['live'] });
  });

  after(async () => {
    await app?.close();
  });

  it('S45 the set-up asks for the current password with the code; a wrong password is explained and nothing is turned on', async () => {
    const { user, temporaryPassword } = await app.t.createUser('live', { firstName: 'Ola', lastName: 'Factor', email: 'ola@agency.example' });
    const s = await app.newSession();
    try {
      const { page } = s;
      await firstLogin(page, 'live', user.username, temporaryPassword, PASSWORD);
      await page.goto('/live/security');
      await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('link', { name: /Set up/ }).click()]);
      assert.equal(currentPath(page), '/live/security/second-factor/enrol');
      await assertAccessible(page, 'the set-up page');
      const key = (await page.locator('#manual-key').innerText()).replace(/\s+/g, '');

      const submit = async (password: string) => {
        await page.getByLabel('Current password', { exact: true }).fill(password);
        await page.getByLabel('Enter the 6-digit code from your app', { exact: true }).fill(totpCode(key, app.t.clock.now()));
        await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name: 'Turn on second factor', exact: true }).click()]);
        await page.waitForLoadState();
      };
      await submit('Not-My-Password-1');
      await assertVisible(page.getByRole('alert').getByText('Your current password is not correct.', { exact: true }));
      await assertVisible(page.getByText('Enter your current password correctly.', { exact: true }));
      assert.equal((await page.locator('#manual-key').innerText()).replace(/\s+/g, ''), key, 'the same key, so the app entry still works');
      await assertAccessible(page, 'the set-up page after a wrong password');
      assert.equal(await app.t.sites.live.secondFactors.isEnrolled(user.id), false);

      await submit(PASSWORD);
      await assertVisible(page.getByRole('heading', { level: 1, name: /recovery codes/i }));
      assert.equal(await page.locator('code.recovery-code').count(), 10);
      assert.equal(await app.t.sites.live.secondFactors.isEnrolled(user.id), true);
    } finally {
      await s.close();
    }
  });
});
