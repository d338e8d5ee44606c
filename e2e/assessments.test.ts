import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { signedInSession, startBrowserTest, type BrowserTestApp } from './helpers/app.js';
import { assertAccessible, currentPath, skipWithoutChromium, type BrowserSession } from './helpers/browser.js';
import { clickInMain } from './helpers/flows.js';
import { buildAssessmentWorld, householdOfThree, type AssessmentWorld } from '../test/assessments/fixtures.js';

/** A member's questions on a stage form: the fieldset named after them. */
function member(page: Page, name: RegExp): Locator {
  return page.getByRole('group', { name }).first();
}

async function answer(scope: Locator, question: string, choice: string) {
  await scope.getByRole('group', { name: question, exact: true }).getByLabel(choice, { exact: true }).check();
}

async function noDisabilities(scope: Locator, except: number[] = []) {
  for (const [label, type] of [['Physical disability (4.05)', 5], ['Developmental disability (4.06)', 6], ['Chronic health condition (4.07)', 7], ['HIV/AIDS (4.08)', 8], ['Mental health disorder (4.09)', 9], ['Substance use disorder (4.10)', 10]] as const) {
    if (!except.includes(type)) await scope.getByLabel(label, { exact: true }).selectOption('0');
  }
}

/**
 * Issue 12's browser test: a household of three in permanent supportive housing, its intake answers with income
 * and a disability, then its annual assessment, then its exit-stage answers, every page checked with axe-core.
 */
describe('household assessments in a browser', { skip: skipWithoutChromium }, () => {
  let app: BrowserTestApp;
  let world: AssessmentWorld;
  let session: BrowserSession;
  let page: Page;
  let household: Awaited<ReturnType<typeof householdOfThree>>;

  before(async () => {
    app = await startBrowserTest({ sites: ['live'] });
    world = await buildAssessmentWorld(app.t);
    // In since 11/20/2025: today (11/27/2026) is in the window of the first anniversary.
    household = await householdOfThree(app.t, world.pshA, '2025-11-20', { headDisabling: '1' });
    session = await signedInSession(app, { firstName: 'Ines', lastName: 'Intake', role: 'case_manager', agencies: [world.agencyA], password: 'Harbor-Lights-2026' });
    page = session.page;
  });

  after(async () => {
    await app?.close();
  });

  const click = (name: string | RegExp, role?: 'button' | 'link') => clickInMain(page, name, role);

  it('intake with income and a disability, the annual assessment, then the exit', async () => {
    await page.goto(`/live/enrollments/${household.head}`);
    await assertAccessible(page, 'enrollment page with its Assessments section');
    await click('Record project start', 'link');
    await assertAccessible(page, 'project start form');

    const head = member(page, /\(Head of household, adult\)/);
    await answer(head, 'Income from any source (4.02)', 'Yes');
    await head.getByLabel('Earned income (i.e., employment income)', { exact: true }).fill('1,250.00');
    await head.getByLabel('Supplemental Security Income (SSI)', { exact: true }).fill('943');
    await answer(head, 'Non-cash benefits from any source (4.03)', 'Yes');
    await head.getByLabel('Supplemental Nutrition Assistance Program (SNAP)', { exact: true }).check();
    await answer(head, 'Covered by health insurance (4.04)', 'Yes');
    await head.getByRole('group', { name: 'Health insurance', exact: true }).getByLabel('Medicaid', { exact: true }).check();
    await noDisabilities(head, [9]);
    await head.getByLabel('Mental health disorder (4.09)', { exact: true }).selectOption('1');
    await answer(head, 'Survivor of domestic violence (4.11)', 'No');

    const partner = member(page, /^Samuel|Samuel \(adult\)|, Samuel/);
    await answer(partner, 'Income from any source (4.02)', 'No');
    await answer(partner, 'Non-cash benefits from any source (4.03)', 'No');
    await answer(partner, 'Covered by health insurance (4.04)', "Client doesn't know");
    await noDisabilities(partner);
    await answer(partner, 'Survivor of domestic violence (4.11)', 'Client prefers not to answer');

    const child = member(page, /Kit \(child\)/);
    await answer(child, 'Covered by health insurance (4.04)', 'Yes');
    await child.getByLabel('State Children’s Health Insurance Program', { exact: true }).check();
    await noDisabilities(child);

    // The mental health disorder's "long-continued … impairs" is left out: refused, the answers kept.
    await click('Save the project start');
    await assertAccessible(page, 'project start refused');
    assert.match(await page.getByRole('alert').innerText(), /Mental health disorder: expected to be long-continued/i);
    assert.equal(await head.getByLabel('Earned income (i.e., employment income)', { exact: true }).inputValue(), '1,250.00', 'what was typed is kept');
    await head.getByLabel(/^Mental health disorder: Expected to be of long-continued/).selectOption('1');
    await click('Save the project start');
    assert.match(currentPath(page), new RegExp(`^/live/enrollments/${household.head}`));
    await assertAccessible(page, 'enrollment page with the intake answers');
    const main = page.getByRole('main');
    assert.match(await main.innerText(), /Income: Yes, \$2,193\.00 a month/);
    assert.match(await main.innerText(), /Mental health disorder: Yes \(long-continued and impairing: Yes\)/);
    assert.match(await main.innerText(), /Annual assessment\s+Due now/);

    await click('Record annual assessment', 'link');
    await assertAccessible(page, 'annual assessment form');
    assert.equal(await page.getByLabel('Information date', { exact: true }).inputValue(), '11/27/2026');
    const headAnnual = member(page, /\(Head of household, adult\)/);
    await answer(headAnnual, 'Income from any source (4.02)', 'Yes');
    await headAnnual.getByLabel('Earned income (i.e., employment income)', { exact: true }).fill('1,400');
    await answer(headAnnual, 'Non-cash benefits from any source (4.03)', 'No');
    await answer(headAnnual, 'Covered by health insurance (4.04)', 'Yes');
    await headAnnual.getByRole('group', { name: 'Health insurance', exact: true }).getByLabel('Medicaid', { exact: true }).check();
    const partnerAnnual = member(page, /^Samuel|Samuel \(adult\)|, Samuel/);
    await answer(partnerAnnual, 'Income from any source (4.02)', 'No');
    await answer(partnerAnnual, 'Non-cash benefits from any source (4.03)', 'No');
    await answer(partnerAnnual, 'Covered by health insurance (4.04)', 'No');
    await answer(member(page, /Kit \(child\)/), 'Covered by health insurance (4.04)', 'Data not collected');
    await click('Save the annual assessment');
    await assertAccessible(page, 'enrollment page after the annual assessment');
    assert.match(await main.innerText(), /Annual assessment\s+Done for the anniversary of 11\/20\/2026/);

    // The exit: destination and the exit-stage answers of the whole household, in one form and one submit.
    await click('Exit', 'link');
    await assertAccessible(page, 'exit form with the answers at exit');
    await page.getByRole('group', { name: 'Who leaves the project?' }).getByLabel(/The whole household/).check();
    await page.getByLabel('Exit date', { exact: true }).fill('11/27/2026');
    await page.getByLabel('Destination (3.12)', { exact: true }).selectOption('410');
    const headExit = member(page, /\(Head of household, adult\)/);
    await answer(headExit, 'Income from any source (4.02)', 'Yes');
    await headExit.getByLabel('Earned income (i.e., employment income)', { exact: true }).fill('1,400');
    await answer(headExit, 'Non-cash benefits from any source (4.03)', 'No');
    await answer(headExit, 'Covered by health insurance (4.04)', 'No');
    await noDisabilities(headExit, [9]);
    await headExit.getByLabel('Mental health disorder (4.09)', { exact: true }).selectOption('1');
    const partnerExit = member(page, /^Samuel|Samuel \(adult\)|, Samuel/);
    await answer(partnerExit, 'Income from any source (4.02)', 'No');
    await answer(partnerExit, 'Non-cash benefits from any source (4.03)', 'No');
    await answer(partnerExit, 'Covered by health insurance (4.04)', 'No');
    await noDisabilities(partnerExit);
    const childExit = member(page, /Kit \(child\)/);
    await answer(childExit, 'Covered by health insurance (4.04)', 'No');
    await noDisabilities(childExit);
    // The mental health disorder's "long-continued … impairs" left out: the whole form comes back, nothing saved.
    await click('Save the exit');
    await assertAccessible(page, 'exit refused');
    assert.match(await page.getByRole('alert').first().innerText(), /Mental health disorder: expected to be long-continued/i);
    assert.equal(await page.getByLabel('Exit date', { exact: true }).inputValue(), '11/27/2026', 'the exit is kept');
    assert.equal(await headExit.getByLabel('Earned income (i.e., employment income)', { exact: true }).inputValue(), '1,400', 'the answers are kept');
    assert.equal(await app.t.sites.live.db.selectFrom('exits').select('exit_id').where('enrollment_id', '=', household.head).executeTakeFirst(), undefined);
    await headExit.getByLabel(/^Mental health disorder: Expected to be of long-continued/).selectOption('1');
    await click('Save the exit');
    await assertAccessible(page, 'enrollment page after the exit');
    assert.match(await main.innerText(), /11\/27\/2026\s+Project exit/);
    const rows = await app.t.sites.live.db.selectFrom('income_benefits').select('data_collection_stage').where('enrollment_id', '=', household.head).orderBy('data_collection_stage').execute();
    assert.deepEqual(rows.map((r) => r.data_collection_stage), [1, 3, 5]);
    assert.deepEqual(session.errors, []);
  });
});
