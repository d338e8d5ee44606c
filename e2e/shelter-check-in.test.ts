import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Viewer } from '../src/access/access-policy.js';
import { signedInSession, startBrowserTest, type BrowserTestApp } from './helpers/app.js';
import { assertAccessible, skipWithoutChromium, type BrowserSession } from './helpers/browser.js';
import { clickInMain } from './helpers/flows.js';
import type { TestApp } from '../test/helpers/app.js';
import { CHILD, createClient, HOMELESS_ADULT } from '../test/enrollments/fixtures.js';
import { addCoc } from '../test/helpers/project-coc.js';

/**
 * Tonight's check-in at a night-by-night shelter, in a real browser (issue 12, 4.14): a family ticked at once, a
 * guest alone, a newcomer found by search whose stay opens with the check-in; every page checked with axe-core.
 */
describe('shelter check-in in a browser', { skip: skipWithoutChromium }, () => {
  let app: BrowserTestApp;
  let t: TestApp;
  let session: BrowserSession;
  let page: Page;
  let shelter: string;

  before(async () => {
    app = await startBrowserTest({ sites: ['live'] });
    t = app.t;
    const setup = { userId: null, username: 'setup', ip: null };
    const admin: Viewer = { userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() };
    const live = t.sites.live;
    const agency = await live.projects.createOrganization({ name: 'Harbor Light', commonName: '', victimServiceProvider: '0' }, setup);
    const project = await live.projects.createProject(
      admin,
      agency.organizationId,
      { name: 'Harbor Night Shelter', commonName: '', operatingStartDate: '2020-01-01', operatingEndDate: '', continuumProject: '1', projectType: '1', housingType: '1', rrhSubType: '' },
      setup,
    );
    shelter = project.projectId;
    await addCoc(live, [shelter]);
    const rosa = await createClient(t, 'Rosa', 'Reyes', '1990-02-02');
    const kiki = await createClient(t, 'Kiki', 'Reyes', '2016-04-04');
    const dan = await createClient(t, 'Dan', 'Doorway', '1975-05-05');
    await createClient(t, 'Nora', 'Newcomer', '1988-08-08');
    const enroll = (ids: string[], entries: (typeof HOMELESS_ADULT)[]) =>
      live.enrollments.enroll(admin, { projectId: shelter, entryDate: '11/20/2026', personalIds: ids, entries }, setup);
    await enroll([rosa, kiki], [HOMELESS_ADULT, CHILD]);
    await enroll([dan], [HOMELESS_ADULT]);
    session = await signedInSession(app, { firstName: 'Nina', lastName: 'Night', role: 'case_manager', agencies: [agency.organizationId], password: 'Harbor-Lights-2026' });
    page = session.page;
  });

  after(async () => {
    await app?.close();
  });

  const click = (name: string | RegExp, role?: 'button' | 'link') => clickInMain(page, name, role);

  it('check in a family at once and a guest alone, then a newcomer found by search', async () => {
    await page.goto(`/live/projects/${shelter}`);
    await click('Check in tonight’s guests', 'link');
    await assertAccessible(page, 'check-in list');
    await page.getByLabel('Whole household of Reyes, Rosa (2 people)').check();
    await page.getByLabel('Doorway, Dan').check();
    await click('Check in the guests ticked');
    await assertAccessible(page, 'check-in done');
    assert.match(await page.getByRole('status').first().innerText(), /3 guests checked in for tonight \(11\/27\/2026\)/);

    await page.getByLabel('Find a guest who is not in the list').fill('Newcomer');
    await click('Show');
    await assertAccessible(page, 'check-in with search results');
    await page.getByLabel(/Newcomer, Nora/).check();
    await click('Check in the guests ticked');
    await assertAccessible(page, 'check-in with a stay opened');
    const status = await page.getByRole('status').first().innerText();
    assert.match(status, /1 guest checked in/);
    assert.match(status, /Complete their entry data/);
    await page.getByRole('link', { name: 'Newcomer, Nora' }).click();
    await assertAccessible(page, 'entry data to complete');
    assert.match(await page.locator('h1').innerText(), /Edit entry data/);
  });
});
