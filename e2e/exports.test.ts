/**
 * An HMIS administrator exports HUD CSV in a real browser: a refused period, then an export that runs in the
 * background, followed on the Exports page and downloaded as a zip. Controls are found by label or role, and every
 * page is checked with axe.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { TestApp } from '../test/helpers/app.js';
import { buildWorld } from '../test/enrollments/fixtures.js';
import { readZipEntries } from '../test/exchange/zip.js';
import { signedInSession, startBrowserTest, type BrowserTestApp } from './helpers/app.js';
import { assertAccessible, currentPath, skipWithoutChromium, type BrowserSession } from './helpers/browser.js';
import { clickInMain } from './helpers/flows.js';

describe('HUD CSV exports in a browser: start, follow, download', { skip: skipWithoutChromium }, () => {
  let app: BrowserTestApp;
  let t: TestApp;
  let session: BrowserSession;
  let page: Page;

  before(async () => {
    app = await startBrowserTest({ sites: ['live'] });
    t = app.t;
    await buildWorld(t);
    session = await signedInSession(app, { firstName: 'Ada', lastName: 'Admin', role: 'admin', password: 'Harbor-Lights-2026' });
    page = session.page;
  });

  after(async () => {
    await app?.close();
  });

  const main = () => page.getByRole('main');

  it('starts an export of one project, follows it, and downloads the zip', async () => {
    await page.goto('/live/');
    await page.getByRole('link', { name: 'Exports', exact: true }).click();
    assert.equal(currentPath(page), '/live/exports');
    await assertAccessible(page, 'exports page');
    assert.match(await main().innerText(), /No export yet/);

    await page.getByLabel('First day of the period', { exact: true }).fill('10/01/2026');
    await page.getByLabel('Last day of the period', { exact: true }).fill('09/30/2026');
    await page.getByLabel('Northside Transitional (Northside Housing)', { exact: true }).check();
    await clickInMain(page, 'Start the export');
    await assertAccessible(page, 'export refused');
    assert.match(await main().innerText(), /The period must end on or after its first day/);
    assert.ok(await page.getByLabel('Northside Transitional (Northside Housing)', { exact: true }).isChecked(), 'the choice is kept');

    await page.getByLabel('First day of the period', { exact: true }).fill('10/01/2025');
    await page.getByLabel('Hash names and SSNs (for an upload to HUD)', { exact: true }).check();
    await clickInMain(page, 'Start the export');
    assert.equal(currentPath(page), '/live/exports?queued=1');
    await assertAccessible(page, 'export started');

    for (let i = 0; i < 100 && !/Done:/.test(await main().innerText()); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await page.goto('/live/exports');
    }
    assert.match(await main().innerText(), /10\/01\/2025 to 09\/30\/2026, hashed\s+Done:/);
    await assertAccessible(page, 'export done');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download the zip/ }).click()]);
    assert.match(download.suggestedFilename(), /^hud-csv-2025-10-01-2026-09-30-[0-9a-f]{8}\.zip$/);
    const entries = await readZipEntries(fs.readFileSync((await download.path())!));
    assert.equal(entries.size, 24);
    assert.match(entries.get('Project.csv')!, /Northside Transitional/);
    assert.doesNotMatch(entries.get('Project.csv')!, /Harbor/);
    assert.match(entries.get('Export.csv')!.split('\n')[1]!, /,4,"hearth-/, 'HashStatus 4');
  });
});
