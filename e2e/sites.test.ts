/**
 * Training and Live as a person sees them: two separate websites. The Training site always shows its
 * banner and the Live site never does; usernames, passwords and sessions are not shared between them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { TestApp } from '../test/helpers/app.js';
import { startBrowserTest, type BrowserTestApp } from './helpers/app.js';
import { assertAccessible, assertVisible, currentPath, skipWithoutChromium } from './helpers/browser.js';
import { EXPIRED_HEADING, LOGIN_FAILED, assertSignedIn, firstLogin, logIn, logOut, type SiteId } from './helpers/flows.js';

const BANNER = 'TRAINING SITE — practice only, fictitious data. Never enter real client information here.';

/** The Training banner is on the page and visible at the top of the window. */
async function assertTrainingBanner(page: Page): Promise<void> {
  const banner = page.getByText(BANNER, { exact: true });
  await assertVisible(banner, 'expected the TRAINING banner');
  const box = await banner.boundingBox();
  assert.ok(box && box.y >= 0 && box.y < 10 && box.height > 0, `the banner is at the top of the window on ${page.url()}: ${JSON.stringify(box)}`);
}

async function assertNoTrainingBanner(page: Page): Promise<void> {
  assert.equal(await page.getByText(/TRAINING/).count(), 0, `no TRAINING banner on the Live page ${page.url()}`);
  assert.equal(await page.locator('.training-banner').count(), 0, `no training banner element on ${page.url()}`);
}

/**
 * Every page of the site reachable by links from where the page is now (GET links only: every action
 * is a form POST, so following links changes nothing). Calls `check` on each page; returns the paths.
 */
async function visitEveryLinkedPage(page: Page, site: SiteId, check: (page: Page) => Promise<void>, limit = 40): Promise<string[]> {
  const queue = [currentPath(page)];
  const seen = new Set(queue);
  const visited: string[] = [];
  while (queue.length > 0 && visited.length < limit) {
    const target = queue.shift()!;
    const response = await page.goto(target);
    assert.ok(response && response.status() < 400, `${target} answered ${response?.status()}`);
    visited.push(target);
    await check(page);
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) {
      if (!href.startsWith(`/${site}/`)) continue;
      if (!seen.has(href)) {
        seen.add(href);
        queue.push(href);
      }
    }
  }
  return visited;
}

describe('Training and Live sites in a browser', { skip: skipWithoutChromium }, () => {
  let app: BrowserTestApp;
  let t: TestApp;

  before(async () => {
    app = await startBrowserTest();
    t = app.t;
  });

  after(async () => {
    await app?.close();
  });

  it('the front page lists both sites with links to each, and is accessible', async () => {
    const s = await app.newSession();
    try {
      const { page } = s;
      await page.goto('/');
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Hearth HMIS' }));
      assert.equal(await page.getByRole('heading', { level: 2, name: 'Training site', exact: true }).getByRole('link').getAttribute('href'), '/training/');
      assert.equal(await page.getByRole('heading', { level: 2, name: 'Live site', exact: true }).getByRole('link').getAttribute('href'), '/live/');
      assert.equal(await page.getByRole('link', { name: 'Log in to the Training site', exact: true }).getAttribute('href'), '/training/login');
      assert.equal(await page.getByRole('link', { name: 'Log in to the Live site', exact: true }).getAttribute('href'), '/live/login');
      await assertNoTrainingBanner(page);
      await assertAccessible(page, 'The front page');

      await page.getByRole('link', { name: 'Log in to the Training site', exact: true }).click();
      await page.waitForURL('**/training/login');
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Log in to the Training site' }));
      await assertTrainingBanner(page);

      await page.goto('/');
      await page.getByRole('link', { name: 'Log in to the Live site', exact: true }).click();
      await page.waitForURL('**/live/login');
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Log in to the Live site' }));
      await assertNoTrainingBanner(page);
    } finally {
      await s.close();
    }
  });

  it('every Training page shows the TRAINING banner, before and after login; no Live page does', async () => {
    const pages: Record<SiteId, string[]> = { training: [], live: [] };
    for (const site of ['training', 'live'] as const) {
      const check = site === 'training' ? assertTrainingBanner : assertNoTrainingBanner;
      // An administrator sees every page there is.
      const { user, temporaryPassword } = await t.createUser(site, { firstName: 'Pat', lastName: 'Banner', email: `pat.${site}@agency.example`, role: 'admin' });
      const s = await app.newSession();
      try {
        const { page } = s;
        for (const path of [`/${site}/login`, `/${site}/forgot-password`, `/${site}/reset/not-a-real-token`]) {
          await page.goto(path);
          await check(page);
        }
        await logIn(page, site, user.username, temporaryPassword);
        await assertVisible(page.getByRole('heading', { level: 1, name: EXPIRED_HEADING }));
        await check(page);
        await page.getByLabel('New password', { exact: true }).fill('Copper-Finch-27!');
        await page.getByLabel('Confirm new password', { exact: true }).fill('Copper-Finch-27!');
        await page.getByRole('button', { name: 'Save new password', exact: true }).click();
        await page.waitForURL(`**/${site}/?passwordChanged=1`);
        await assertSignedIn(page, site);
        await check(page);
        await page.goto(`/${site}/`);
        pages[site] = await visitEveryLinkedPage(page, site, check);
      } finally {
        await s.close();
      }
    }
    // The walk really covered the signed-in pages.
    for (const site of ['training', 'live'] as const) {
      for (const path of ['/', '/admin/users', '/admin/users/new', '/admin/audit', '/password/change']) {
        assert.ok(pages[site].includes(`/${site}${path}`), `${site}: visited ${path} (visited: ${pages[site].join(', ')})`);
      }
      assert.ok(pages[site].some((p) => /^\/(training|live)\/admin\/users\/\d+$/.test(p)), `${site}: visited a user's page`);
    }
  });

  it('usernames and passwords are not shared: a Training login does not work on Live, nor a Live login on Training', async () => {
    const s = await app.newSession();
    try {
      const { page } = s;
      const trainee = await t.createUser('training', { firstName: 'Terry', lastName: 'Trainee' });
      await firstLogin(page, 'training', trainee.user.username, trainee.temporaryPassword, 'Maple-Harbor-31');
      await logOut(page, 'training');
      await logIn(page, 'live', trainee.user.username, 'Maple-Harbor-31');
      await assertVisible(page.getByRole('alert').getByText(LOGIN_FAILED, { exact: true }), 'a Training login must not work on Live');
      assert.equal(new URL(page.url()).pathname, '/live/login');

      const liveUser = await t.createUser('live', { firstName: 'Lee', lastName: 'Liveson' });
      await firstLogin(page, 'live', liveUser.user.username, liveUser.temporaryPassword, 'Cedar-Lantern-64');
      await logOut(page, 'live');
      await logIn(page, 'training', liveUser.user.username, 'Cedar-Lantern-64');
      await assertVisible(page.getByRole('alert').getByText(LOGIN_FAILED, { exact: true }), 'a Live login must not work on Training');
      assert.equal(new URL(page.url()).pathname, '/training/login');

      // The same username on both sites is two separate accounts with their own passwords.
      const onTraining = await t.createUser('training', { firstName: 'Sam', lastName: 'Same' });
      const onLive = await t.createUser('live', { firstName: 'Sam', lastName: 'Same' });
      assert.equal(onTraining.user.username, onLive.user.username);
      await firstLogin(page, 'training', onTraining.user.username, onTraining.temporaryPassword, 'Willow-Signal-75');
      await logOut(page, 'training');
      await logIn(page, 'live', onLive.user.username, 'Willow-Signal-75');
      await assertVisible(page.getByRole('alert').getByText(LOGIN_FAILED, { exact: true }), "the Training password of the same username does not work on Live");
      await logIn(page, 'training', onTraining.user.username, onLive.temporaryPassword);
      await assertVisible(page.getByRole('alert').getByText(LOGIN_FAILED, { exact: true }), "the Live temporary password does not work on Training");
      await logIn(page, 'live', onLive.user.username, onLive.temporaryPassword);
      await assertVisible(page.getByRole('heading', { level: 1, name: EXPIRED_HEADING }), 'it is still unused on Live');
      await assertNoTrainingBanner(page);
    } finally {
      await s.close();
    }
  });

  it('being signed in on one site does not sign you in on the other', async () => {
    const trainee = await t.createUser('training', { firstName: 'Robin', lastName: 'Trainee' });
    const liveUser = await t.createUser('live', { firstName: 'Kim', lastName: 'Liveson' });
    const s = await app.newSession();
    try {
      const { page, context } = s;
      await firstLogin(page, 'training', trainee.user.username, trainee.temporaryPassword, 'Harbor-Maple-13');

      await page.goto('/live/');
      assert.equal(currentPath(page), `/live/login?next=${encodeURIComponent('/live/')}`, 'a Training session is no Live session');
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Log in to the Live site' }));
      await assertNoTrainingBanner(page);
      const names = (await context.cookies()).map((c) => c.name);
      assert.ok(names.includes('hearth-training-session'), names.join(', '));
      assert.ok(!names.includes('hearth-live-session'), names.join(', '));

      await page.goto('/live/admin/users');
      assert.equal(new URL(page.url()).pathname, '/live/login');

      // Now sign in on Live as someone else; Training still knows only its own user.
      await firstLogin(page, 'live', liveUser.user.username, liveUser.temporaryPassword, 'Lantern-Cedar-46');
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Welcome, Kim', exact: true }));
      await page.goto('/training/');
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Welcome, Robin', exact: true }));
      await assertTrainingBanner(page);

      // Logging out of Live leaves the Training session alone, and the other way round.
      await page.goto('/live/');
      await logOut(page, 'live');
      await page.goto('/training/');
      await assertVisible(page.getByRole('heading', { level: 1, name: 'Welcome, Robin', exact: true }));
      await logOut(page, 'training');
      await page.goto('/training/');
      assert.equal(new URL(page.url()).pathname, '/training/login');
    } finally {
      await s.close();
    }
  });
});
