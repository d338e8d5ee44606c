/** What every browser test starts from: the real app listening on 127.0.0.1, and Chromium. */
import type { Browser } from 'playwright-core';
import type { CreateAccountInput } from '../../src/accounts/accounts.service.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../../test/helpers/app.js';
import { closeBrowser, launchBrowser, newSession, type BrowserSession } from './browser.js';
import { firstLogin } from './flows.js';

export interface BrowserTestApp {
  t: TestApp;
  /** Where the app listens, e.g. http://127.0.0.1:41234. */
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context and page on the app (see newSession in browser.ts). */
  newSession(options?: { bypassCSP?: boolean }): Promise<BrowserSession>;
  /** Closes the browser (with every context still open) and the app. */
  close(): Promise<void>;
}

export async function startBrowserTest(options: TestAppOptions = {}): Promise<BrowserTestApp> {
  const t = await startTestApp(options);
  try {
    const baseUrl = await t.listen();
    const browser = await launchBrowser();
    return {
      t,
      baseUrl,
      browser,
      newSession: (o) => newSession(browser, baseUrl, o),
      close: async () => {
        await closeBrowser(browser);
        await t.close();
      },
    };
  } catch (error) {
    await t.close();
    throw error;
  }
}

/**
 * A Live site user of the given agencies, signed in through the browser: the first login with the temporary
 * password, then `password` as the new one. Returns the session on the home page.
 */
export async function signedInSession(
  app: BrowserTestApp,
  input: Partial<CreateAccountInput> & { agencies?: string[]; password: string },
): Promise<BrowserSession> {
  const { user, temporaryPassword } = await app.t.createUser('live', input);
  if (input.agencies) await app.t.sites.live.access.setOrganizations(user, input.agencies, { userId: null, username: 'setup', ip: null });
  const session = await app.newSession();
  await firstLogin(session.page, 'live', user.username, temporaryPassword, input.password);
  return session;
}
