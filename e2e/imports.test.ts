/**
 * An HMIS administrator imports another HMIS's HUD CSV in a real browser: uploads the zip, reads the validation
 * report, imports it. Controls are found by label or role, and every page is checked with axe.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { FY2026_ENROLLMENT, tempFolder, zipFixture } from '../test/exchange/import/fixtures.js';
import { signedInSession, startBrowserTest, type BrowserTestApp } from './helpers/app.js';
import { assertAccessible, currentPath, skipWithoutChromium, type BrowserSession } from './helpers/browser.js';
import { clickInMain } from './helpers/flows.js';

describe('HUD CSV import in a browser: upload, report, import', { skip: skipWithoutChromium }, () => {
  let app: BrowserTestApp;
  let session: BrowserSession;
  let page: Page;
  let dir: string;

  before(async () => {
    app = await startBrowserTest({ sites: ['live'] });
    session = await signedInSession(app, { firstName: 'Ada', lastName: 'Admin', role: 'admin', password: 'Harbor-Lights-2026' });
    page = session.page;
    dir = tempFolder('import-e2e');
  });

  after(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const main = () => page.getByRole('main');

  it('uploads a zip, shows the report per file, imports it, and keeps no copy of the upload', async () => {
    await page.goto('/live/');
    await page.getByRole('link', { name: 'Imports', exact: true }).click();
    assert.equal(currentPath(page), '/live/imports');
    await assertAccessible(page, 'import page');

    await clickInMain(page, 'Check the file');
    await assertAccessible(page, 'no file chosen');
    assert.match(await main().innerText(), /Choose the zip file of a HUD CSV export/);

    await page.getByLabel('The export’s zip file', { exact: true }).setInputFiles(await zipFixture(FY2026_ENROLLMENT, dir));
    await clickInMain(page, 'Check the file');
    await assertAccessible(page, 'validation report');
    const report = await main().innerText();
    assert.match(report, /HUD HMIS CSV FY2026, ExportID 31a77b417911747e41ef9936f9a4b657/);
    assert.match(report, /Enrollment\.csv\s+4\s+4\s+0/);
    assert.match(report, /Services\.csv\s+18\s+18\s+0/);

    await clickInMain(page, 'Import');
    await assertAccessible(page, 'imported');
    const done = await main().innerText();
    assert.match(done, /The export was imported\./);
    assert.match(done, /Services\.csv\s+18\s+17\s+1/);
    const { n } = await app.t.sites.live.db.selectFrom('enrollments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n), 4);
    const audit = await app.t.sites.live.db.selectFrom('audit_log').select('event').where('event', '=', 'import.written').execute();
    assert.equal(audit.length, 1);
    const uploads = `${app.t.config.dataDir}/live/imports`;
    assert.deepEqual(fs.existsSync(uploads) ? fs.readdirSync(uploads) : [], [], 'the uploaded zip is deleted once imported');
  });
});
