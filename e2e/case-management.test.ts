/**
 * A case manager's day in a real browser: find a client by a misspelt name from the home page, search for a
 * new person and create them (past the duplicate warning), enroll the two as a household, exit the household.
 * Every control is found by its label or role, as a screen reader user would, and every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { TestApp } from '../test/helpers/app.js';
import { buildWorld, createClient, type World } from '../test/enrollments/fixtures.js';
import { signedInSession, startBrowserTest, type BrowserTestApp } from './helpers/app.js';
import { assertAccessible, currentPath, skipWithoutChromium, type BrowserSession } from './helpers/browser.js';
import { clickInMain } from './helpers/flows.js';

describe('case management in a browser: search, create, enroll a household, exit', { skip: skipWithoutChromium }, () => {
  let app: BrowserTestApp;
  let t: TestApp;
  let w: World;
  let session: BrowserSession;
  let page: Page;
  let william: string;

  before(async () => {
    app = await startBrowserTest({ sites: ['live'] });
    t = app.t;
    w = await buildWorld(t);
    william = await createClient(t, 'William', 'Okonkwo', '1984-06-15');
    await createClient(t, 'Denise', 'Marchetti', '1979-01-30');
    session = await signedInSession(app, { firstName: 'Carla', lastName: 'Caseworker', role: 'case_manager', agencies: [w.agencyA], password: 'Harbor-Lights-2026' });
    page = session.page;
  });

  after(async () => {
    await app?.close();
  });

  const click = (name: string | RegExp, role?: 'button' | 'link') => clickInMain(page, name, role);

  it('finds a client by a misspelt nickname, creates a new one, enrolls both and exits them', async () => {
    // Home: quick search with a nickname and a typo ("Bill Okonkow" for William Okonkwo).
    await assertAccessible(page, 'home page');
    await page.getByRole('main').getByLabel('Search clients', { exact: true }).fill('Bill Okonkow');
    await click('Search');
    await assertAccessible(page, 'search results');
    assert.match(currentPath(page), /^\/live\/clients\?q=Bill/);
    const found = page.getByRole('main').getByRole('link', { name: /Okonkwo, William/ });
    assert.equal(await found.count(), 1, 'the misspelt nickname finds William Okonkwo');

    // A person not yet in the HMIS: search first, then create.
    await page.getByLabel('Search clients', { exact: true }).fill('Amara Okonkwo');
    await click('Search');
    assert.equal(await page.getByRole('main').getByRole('link', { name: /Okonkwo, Amara/ }).count(), 0);
    await click('Create a new client', 'link');
    await assertAccessible(page, 'new client form');
    await page.getByLabel('First name', { exact: true }).fill('Amara');
    await page.getByLabel('Last name', { exact: true }).fill('Okonkwo');
    await page.getByLabel('Name data quality', { exact: true }).selectOption('1');
    await page.getByLabel('SSN data quality', { exact: true }).selectOption('99');
    await page.getByLabel('Date of birth', { exact: true }).fill('02/30/2015');
    await page.getByLabel('DOB data quality', { exact: true }).selectOption('1');
    await page.getByLabel('Black, African American, or African', { exact: true }).check();
    await page.getByLabel('Sex (4.21)', { exact: true }).selectOption('0');
    await page.getByLabel('Veteran status (3.07)', { exact: true }).selectOption('0');
    await click('Create client');
    // February 30th does not exist: the form says so and keeps everything else typed.
    await assertAccessible(page, 'new client form refused');
    assert.match(await page.getByRole('main').innerText(), /date/i);
    assert.equal(await page.getByLabel('First name', { exact: true }).inputValue(), 'Amara');
    assert.equal(await page.getByLabel('Black, African American, or African', { exact: true }).isChecked(), true);
    await page.getByLabel('Date of birth', { exact: true }).fill('02/28/2015');
    await click('Create client');
    assert.match(currentPath(page), /^\/live\/clients\/[0-9a-f]{32}\?done=created$/);
    await assertAccessible(page, 'new client profile');
    const amara = currentPath(page).slice('/live/clients/'.length, '/live/clients/'.length + 32);

    // Enroll William (head) and Amara (his child) in the shelter, finding William by a misspelling again.
    await page.goto(`/live/clients/${william}`);
    await click('Enroll in a project', 'link');
    await page.getByLabel('Project', { exact: true }).selectOption({ label: 'Harbor Night Shelter — Emergency Shelter – Entry Exit' });
    await page.getByLabel('Entry date (project start)', { exact: true }).fill('11/20/2026');
    await page.getByLabel('Or search by name, date of birth or last 4 of the SSN', { exact: true }).fill('Amara Okonkow');
    await click('Search');
    await page.getByLabel(/Okonkwo, Amara/).check();
    await click('Add the chosen clients');
    await click('Continue to step 2');
    await assertAccessible(page, 'enroll, step 2');
    const head = page.getByRole('group', { name: /^Okonkwo, William/ });
    await head.getByLabel('Disabling condition (3.08)', { exact: true }).selectOption('0');
    await head.getByLabel('Living situation before entry', { exact: true }).selectOption('116');
    await head.getByLabel('Length of stay in that living situation', { exact: true }).selectOption('3');
    await head.getByLabel('Approximate date this episode of homelessness started', { exact: true }).fill('09/01/2026');
    await head.getByLabel(/^Times on the streets/).selectOption('1');
    await head.getByLabel('Total months homeless in the past three years', { exact: true }).selectOption('103');
    const child = page.getByRole('group', { name: /^Okonkwo, Amara/ });
    await child.getByLabel('Relationship to head of household (3.15)', { exact: true }).selectOption('2');
    await child.getByLabel('Disabling condition (3.08)', { exact: true }).selectOption('0');
    await click('Enroll the household');
    assert.match(currentPath(page), /^\/live\/enrollments\/[0-9a-f]{32}\?done=enrolled$/);
    await assertAccessible(page, 'enrollment page');
    assert.match(await page.getByRole('main').innerText(), /Household \(2\)/);

    // Exit the whole household to a rental without subsidy.
    await click('Exit', 'link');
    await assertAccessible(page, 'exit form');
    await page.getByLabel(/^The whole household/).check();
    await page.getByLabel('Exit date', { exact: true }).fill('11/26/2026');
    await page.getByLabel('Destination (3.12)', { exact: true }).selectOption('410');
    await click('Save the exit');
    assert.match(await page.getByRole('main').innerText(), /The exit is saved/);

    // Both profiles show the stay, now past, with its destination; the home page lists them as recent.
    for (const id of [william, amara]) {
      t.clock.advanceMinutes(1);
      await page.goto(`/live/clients/${id}`);
      const text = await page.getByRole('main').innerText();
      assert.match(text, /Harbor Night Shelter/);
      assert.match(text, /Rental by client, no ongoing housing subsidy/);
    }
    await page.goto('/live/');
    await assertAccessible(page, 'home page with recent clients');
    const recent = page.getByRole('region', { name: 'My recent clients' });
    assert.match(await recent.innerText(), /Okonkwo, Amara[\s\S]*Okonkwo, William/);
    const stored = await t.sites.live.db
      .selectFrom('exits')
      .innerJoin('enrollments', 'enrollments.enrollment_id', 'exits.enrollment_id')
      .select(['exits.personal_id', 'exits.destination', 'enrollments.relationship_to_hoh'])
      .orderBy('enrollments.relationship_to_hoh')
      .execute();
    assert.deepEqual(
      stored.map((r) => [r.personal_id, r.relationship_to_hoh, r.destination]),
      [
        [william, 1, 410],
        [amara, 2, 410],
      ],
    );
    assert.deepEqual(session.errors, []);
  });
});
