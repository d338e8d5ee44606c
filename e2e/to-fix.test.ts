/**
 * Issue 15 item 5 in a real browser: a case manager follows the "records to fix" link of their home page to the list
 * of their clients with missing or invalid elements, follows the fix link of a missing SSN to the client's form,
 * records the SSN, and finds the list empty. Controls are found by label or role; every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { client, enroll, household, income, organization, project } from '../test/reports/fixtures.js';
import { startBrowserTest, type BrowserTestApp } from './helpers/app.js';
import { assertAccessible, currentPath, skipWithoutChromium, type BrowserSession } from './helpers/browser.js';
import { clickInMain, firstLogin } from './helpers/flows.js';

describe('records to fix in a browser: a case manager fixes a missing SSN from their list', { skip: skipWithoutChromium }, () => {
  let app: BrowserTestApp;
  let session: BrowserSession;
  let page: Page;

  before(async () => {
    app = await startBrowserTest({ sites: ['live'] });
    const site = app.t.sites.live;
    const db = site.db;
    const agency = await organization(db, 'Harbor Light');
    const shelter = await project(db, agency, 0, { name: 'Harbor Night Shelter' });
    const { user, temporaryPassword } = await app.t.createUser('live', { firstName: 'Carla', lastName: 'Caseworker', role: 'case_manager' });
    await site.access.setOrganizations(user, [agency], { userId: null, username: 'setup', ip: null });
    // Sam came in last month; Carla recorded his enrollment, without his SSN and without a reason for it.
    const sam = await client(db, { firstName: 'Sam', ssn: null, ssnDataQuality: 99 });
    const stay = await enroll(db, sam, shelter, '2026-10-15', { householdId: household() });
    await income(db, stay, sam, '2026-10-15', 1, 0);
    await db.updateTable('enrollments').set({ user_id: String(user.id) }).where('enrollment_id', '=', stay).execute();
    session = await app.newSession();
    page = session.page;
    await firstLogin(page, 'live', user.username, temporaryPassword, 'Harbor-Lights-2026');
  });

  after(async () => {
    await app?.close();
  });

  const main = () => page.getByRole('main');

  it('follows the home page’s link to the list, fixes the SSN on the client’s form, and the list is empty', async () => {
    await assertAccessible(page, 'home page');
    await clickInMain(page, '1 record to fix', 'link');
    assert.equal(currentPath(page), '/live/data-quality/to-fix');
    await assertAccessible(page, 'to-fix list');
    const list = await main().innerText();
    assert.match(list, /1 client has something to fix/);
    assert.match(list, /Sam Person/);
    assert.match(list, /Social Security Number \(3\.02\)\s*: Information Missing/);

    await clickInMain(page, /^Fix the client record of Sam Person: Social Security Number/, 'link');
    assert.match(currentPath(page), /^\/live\/clients\/[0-9a-f]{32}\/edit$/);
    await assertAccessible(page, 'client form');
    await page.getByLabel('SSN', { exact: true }).fill('287-65-4322');
    await page.getByLabel('SSN data quality', { exact: true }).selectOption('1');
    await clickInMain(page, 'Save changes');
    assert.match(currentPath(page), /^\/live\/clients\/[0-9a-f]{32}/, await main().innerText());

    await page.goto('/live/data-quality/to-fix');
    await assertAccessible(page, 'to-fix list, fixed');
    assert.match(await main().innerText(), /Nothing to fix/);
    // The period is chosen with the form's date fields.
    await page.getByLabel('First day', { exact: true }).fill('10/01/2026');
    await page.getByLabel('Last day', { exact: true }).fill('10/31/2026');
    await clickInMain(page, 'Show this list');
    assert.equal(currentPath(page), '/live/data-quality/to-fix?from=10%2F01%2F2026&to=10%2F31%2F2026');
    assert.match(await main().innerText(), /Your records to fix, 10\/01\/2026 to 10\/31\/2026/);
    await page.goto('/live/');
    assert.equal(await main().getByRole('link', { name: 'No records to fix', exact: true }).count(), 1);
  });
});
