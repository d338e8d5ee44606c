/**
 * An agency manager sets up a shelter for HUD in a real browser: its Continuum of Care, a funding source (past the
 * warning about grant dates) and its beds, from the project page. Every control is found by its label or role, as
 * a screen reader user would, and every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { TestApp } from '../test/helpers/app.js';
import { buildWorld, type World } from '../test/enrollments/fixtures.js';
import { signedInSession, startBrowserTest, type BrowserTestApp } from './helpers/app.js';
import { assertAccessible, currentPath, skipWithoutChromium, type BrowserSession } from './helpers/browser.js';
import { clickInMain } from './helpers/flows.js';

describe('project set-up in a browser: a CoC, a funding source and inventory', { skip: skipWithoutChromium }, () => {
  let app: BrowserTestApp;
  let t: TestApp;
  let w: World;
  let session: BrowserSession;
  let page: Page;

  before(async () => {
    app = await startBrowserTest({ sites: ['live'] });
    t = app.t;
    w = await buildWorld(t);
    session = await signedInSession(app, { firstName: 'Mira', lastName: 'Manager', role: 'agency_manager', agencies: [w.agencyA], password: 'Harbor-Lights-2026' });
    page = session.page;
  });

  after(async () => {
    await app?.close();
  });

  const click = (name: string | RegExp, role?: 'button' | 'link') => clickInMain(page, name, role);
  const main = () => page.getByRole('main');

  it('adds the CoC, a funder and the beds of a shelter, each listed on the project page', async () => {
    await page.goto(`/live/projects/${w.shelterA}`);
    await assertAccessible(page, 'project page before set-up');
    assert.match(await main().innerText(), /HUD set-up to complete/);

    // 2.03: typed in lower case, stored as HUD writes it.
    await click('Add a CoC', 'link');
    await assertAccessible(page, 'new CoC form');
    await page.getByLabel('CoC code', { exact: true }).fill('xx-502');
    await page.getByLabel('Geocode', { exact: true }).fill('11999');
    await page.getByLabel('City (optional)', { exact: true }).fill('Fairhaven');
    await page.getByLabel('Geography type', { exact: true }).selectOption({ label: 'Urban' });
    await click('Add');
    await assertAccessible(page, 'new CoC form refused');
    assert.match(await main().innerText(), /Enter the geocode as six digits/);
    assert.equal(await page.getByLabel('City (optional)', { exact: true }).inputValue(), 'Fairhaven', 'what was typed is kept');
    await page.getByLabel('Geocode', { exact: true }).fill('119999');
    await click('Add');
    assert.equal(currentPath(page), `/live/projects/${w.shelterA}?done=added`);
    await assertAccessible(page, 'project page with a CoC');
    assert.match(await page.locator('#cocs').innerText(), /XX-502\s+119999\s+Fairhaven\s+Urban/);

    // 2.06: grant dates outside the operating period are saved once confirmed.
    await click('Add a funding source', 'link');
    await assertAccessible(page, 'new funding source form');
    await page.getByLabel('Funding source', { exact: true }).selectOption({ label: 'HUD: ESG – Emergency Shelter (operating and/or essential services)' });
    await page.getByLabel('Grant identifier', { exact: true }).fill('E-26-MC-XX-0001');
    await page.getByLabel('Grant start date', { exact: true }).fill('07/01/2015');
    await page.getByLabel('Grant end date (optional)', { exact: true }).fill('06/30/2016');
    await click('Add');
    await assertAccessible(page, 'funding source with a warning');
    assert.match(await main().innerText(), /share no day with the project’s operating dates/);
    await page.getByLabel('Grant start date', { exact: true }).fill('07/01/2026');
    await page.getByLabel('Grant end date (optional)', { exact: true }).fill('');
    await page.getByLabel(/I have checked the answers with warnings/).check();
    await click('Add');
    assert.equal(currentPath(page), `/live/projects/${w.shelterA}?done=added`);
    assert.match(await page.locator('#funders').innerText(), /HUD: ESG – Emergency Shelter.*\s+E-26-MC-XX-0001\s+Since 07\/01\/2026/);

    // 2.07: an emergency shelter is asked its bed type and availability; the total is computed.
    await click('Add inventory', 'link');
    await assertAccessible(page, 'new inventory form');
    await page.getByLabel('CoC', { exact: true }).selectOption('XX-502');
    await page.getByLabel('Household type', { exact: true }).selectOption({ label: 'Households without children' });
    await page.getByLabel('Bed type', { exact: true }).selectOption({ label: 'Facility-based' });
    await page.getByLabel('Availability', { exact: true }).selectOption({ label: 'Year-round' });
    await page.getByLabel('Beds dedicated to any other veterans', { exact: true }).fill('5');
    await page.getByLabel('Non-dedicated beds', { exact: true }).fill('25');
    await page.getByLabel('Units', { exact: true }).fill('30');
    await page.getByLabel('Inventory start date', { exact: true }).fill('01/01/2020');
    await click('Add');
    assert.equal(currentPath(page), `/live/projects/${w.shelterA}?done=added`);
    await assertAccessible(page, 'project page with its set-up');
    assert.match(await page.locator('#inventory').innerText(), /XX-502\s+Households without children\s+Facility-based, year-round\s+30 \(dedicated: 5 other veterans\)\s+30\s+Since 01\/01\/2020/);

    const stored = await t.sites.live.db.selectFrom('inventories').selectAll().where('project_id', '=', w.shelterA).executeTakeFirstOrThrow();
    assert.equal(stored.bed_inventory, 30);
    assert.equal(stored.coc_code, 'XX-502');
  });
});
