import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { signedInSession, startBrowserTest, type BrowserTestApp } from './helpers/app.js';
import { assertAccessible, currentPath, skipWithoutChromium, type BrowserSession } from './helpers/browser.js';
import { clickInMain } from './helpers/flows.js';
import type { TestApp } from '../test/helpers/app.js';
import { buildWorld, createClient, enrollmentsOf, type World } from '../test/enrollments/fixtures.js';

/**
 * Enrolling a household, adding a newborn and exiting, in a real browser: every control found by its label or
 * role as a screen reader user would, plain forms and links only (these pages have no script of their own), and
 * every page checked with axe-core.
 */
describe('households in a browser', { skip: skipWithoutChromium }, () => {
  let app: BrowserTestApp;
  let t: TestApp;
  let w: World;
  let session: BrowserSession;
  let page: Page;
  const p = {} as Record<'rosa' | 'tom' | 'kid' | 'baby', string>;

  before(async () => {
    app = await startBrowserTest({ sites: ['live'] });
    t = app.t;
    w = await buildWorld(t);
    p.rosa = await createClient(t, 'Rosa', 'Reyes', '1990-02-02');
    p.tom = await createClient(t, 'Tomas', 'Reyes', '1989-03-03');
    p.kid = await createClient(t, 'Kiki', 'Reyes', '2016-04-04');
    p.baby = await createClient(t, 'Bebe', 'Reyes', '2026-11-25');
    session = await signedInSession(app, { firstName: 'Bea', lastName: 'Browser', role: 'case_manager', agencies: [w.agencyA], password: 'Harbor-Lights-2026' });
    page = session.page;
  });

  after(async () => {
    await app?.close();
  });

  const click = (name: string | RegExp, role?: 'button' | 'link') => clickInMain(page, name, role);

  it('enroll a family from the profile, add a newborn, exit the household', async () => {
    await page.goto(`/live/clients/${p.rosa}`);
    await assertAccessible(page, 'client profile with enrollments');
    await click('Enroll in a project', 'link');
    await assertAccessible(page, 'enroll, step 1');
    await page.getByLabel('Project', { exact: true }).selectOption({ label: 'Harbor Night Shelter — Emergency Shelter – Entry Exit' });
    await page.getByLabel('Entry date (project start)', { exact: true }).fill('11/20/2026');
    await page.getByLabel('By PersonalID', { exact: true }).fill(p.tom);
    await click('Add');
    await page.getByLabel('Or search by name, date of birth or last 4 of the SSN', { exact: true }).fill('Kiki Reyes');
    await click('Search');
    await assertAccessible(page, 'enroll, step 1 with search results');
    await page.getByLabel(/Reyes, Kiki/).check();
    await click('Add the chosen clients');
    await click('Continue to step 2');
    await assertAccessible(page, 'enroll, step 2');

    const rosa = page.getByRole('group', { name: /^Reyes, Rosa/ });
    await rosa.getByLabel('Disabling condition (3.08)', { exact: true }).selectOption('0');
    await rosa.getByLabel('Living situation before entry', { exact: true }).selectOption('116');
    await rosa.getByLabel('Length of stay in that living situation', { exact: true }).selectOption('4');
    await rosa.getByLabel('Approximate date this episode of homelessness started', { exact: true }).fill('05/01/2026');
    await rosa.getByLabel(/^Times on the streets/).selectOption('2');
    await rosa.getByLabel('Total months homeless in the past three years', { exact: true }).selectOption('107');
    const tom = page.getByRole('group', { name: /^Reyes, Tomas/ });
    await tom.getByLabel('Relationship to head of household (3.15)', { exact: true }).selectOption('3');
    await tom.getByLabel('Disabling condition (3.08)', { exact: true }).selectOption('1');
    // Tomas's prior living situation is left out: the page must say so and keep everything typed.
    const kid = page.getByRole('group', { name: /^Reyes, Kiki/ });
    await kid.getByLabel('Relationship to head of household (3.15)', { exact: true }).selectOption('2');
    await kid.getByLabel('Disabling condition (3.08)', { exact: true }).selectOption('0');
    await click('Enroll the household');
    await assertAccessible(page, 'enroll, step 2 refused');
    const summary = page.getByRole('alert');
    assert.match(await summary.innerText(), /Reyes, Tomas: choose the prior living situation/);
    await summary.getByRole('link', { name: /Reyes, Tomas: choose the prior living situation/ }).click();
    assert.equal(await page.evaluate('document.activeElement && document.activeElement.id'), 'field-m1-livingSituation', 'the summary link leads to the field');
    assert.equal(await rosa.getByLabel('Living situation before entry', { exact: true }).inputValue(), '116', 'what was typed is kept');
    await tom.getByLabel('Living situation before entry', { exact: true }).selectOption('116');
    await tom.getByLabel('Length of stay in that living situation', { exact: true }).selectOption('4');
    await tom.getByLabel('Approximate date this episode of homelessness started', { exact: true }).fill('05/01/2026');
    await tom.getByLabel(/^Times on the streets/).selectOption('2');
    await tom.getByLabel('Total months homeless in the past three years', { exact: true }).selectOption('107');
    await click('Enroll the household');
    assert.match(currentPath(page), /^\/live\/enrollments\/[0-9a-f]{32}\?done=enrolled$/);
    await assertAccessible(page, 'enrollment page');
    assert.match(await page.getByRole('main').innerText(), /Household \(3\)/);

    await click('Add a member to the household', 'link');
    await assertAccessible(page, 'add a member, step 1');
    await page.getByLabel('PersonalID', { exact: true }).fill(p.baby);
    await click('Choose this client');
    await assertAccessible(page, 'add a member, step 2');
    await page.getByLabel('Entry date', { exact: true }).fill('11/25/2026');
    await page.getByLabel('Relationship to head of household (3.15)', { exact: true }).selectOption('2');
    await page.getByLabel('Disabling condition (3.08)', { exact: true }).selectOption('0');
    await click('Add to the household');
    assert.match(await page.getByRole('main').innerText(), /Household \(4\)/);

    await click('Exit', 'link');
    await assertAccessible(page, 'exit form');
    await page.getByLabel('Only Reyes, Rosa', { exact: true }).check();
    await page.getByLabel('Destination (3.12)', { exact: true }).selectOption('410');
    await click('Save the exit');
    await assertAccessible(page, 'exit refused for the head');
    assert.match(await page.getByRole('alert').innerText(), /head of household cannot exit while other members stay/);
    await page.getByLabel(/^The whole household/).check();
    await click('Save the exit');
    assert.match(await page.getByRole('main').innerText(), /The exit is saved/);
    for (const id of [p.rosa, p.tom, p.kid, p.baby]) {
      const [row] = await enrollmentsOf(t, id);
      const exit = await t.sites.live.db.selectFrom('exits').select('destination').where('enrollment_id', '=', row!.enrollment_id).executeTakeFirst();
      assert.equal(exit?.destination, 410, id);
    }
    await page.goto(`/live/projects/${w.shelterA}/enrollments?past=1`);
    await assertAccessible(page, 'project roster');
    await page.goto(`/live/clients/${p.rosa}`);
    await assertAccessible(page, 'client profile after the exit');
    assert.deepEqual(session.errors, []);
  });
});
