import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../../src/db/schema.js';
import type { SiteServices } from '../../src/sites/site-services.js';
import { TO_FIX_TABLES } from '../../src/reports/to-fix.js';
import { OWN_COUNT_TTL_MS } from '../../src/reports/to-fix.service.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { signedInUser } from '../helpers/users.js';
import { client, enroll, household, income, twoAgencies, type EnrollmentOptions } from './fixtures.js';

/** An enrollment recorded by this account: HUD's UserID names the account by its id. */
async function recordedBy(db: Db, userId: number, personalId: string, projectId: string, entryDate: string, options: EnrollmentOptions): Promise<string> {
  const id = await enroll(db, personalId, projectId, entryDate, options);
  await db.updateTable('enrollments').set({ user_id: String(userId) }).where('enrollment_id', '=', id).execute();
  // Income at entry (and exit), so that each client has only the problems their case gives them.
  await income(db, id, personalId, entryDate, 1, 0);
  if (options.exitDate) await income(db, id, personalId, options.exitDate, 3, 0);
  return id;
}

/** The text of the section of the list about the client of this first name. */
function sectionOf(html: string, firstName: string): string {
  const section = html.split('<section').find((part) => part.includes(`>${firstName} Person</a></h2>`));
  assert.ok(section, `a section for ${firstName}`);
  return textOf(`<section${section.slice(0, section.indexOf('</section>'))}`).trim();
}

/**
 * Issue 15 item 5: a "to fix" list per case manager of their clients with missing or invalid elements. Their
 * clients are those of the enrollments they recorded; the problems are the Data Quality report's, per project.
 */
describe('“To fix” lists (issue 15, item 5): a case manager’s clients with missing or invalid elements', () => {
  let t: TestApp;
  let shelterA: string;
  let site: SiteServices;
  let casimir: { client: TestClient; id: number };
  let cleo: { client: TestClient; id: number };
  let manager: TestClient;
  let otherManager: TestClient;
  let admin: TestClient;
  let sam: string;
  let lea: string;
  let leaEnrollment: string;

  const account = async (role: 'admin' | 'agency_manager' | 'case_manager', agencies: string[], firstName: string) => {
    const { client: browser, user } = await signedInUser(t, { role, agencies, firstName, lastName: 'Tester' });
    await browser.get('/live/');
    return { client: browser, id: user.id };
  };

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    site = t.sites.live;
    const db = site.db;
    const world = await twoAgencies(db);
    const { agencyA, agencyB, housingB } = world;
    shelterA = world.shelterA;
    casimir = await account('case_manager', [agencyA], 'Casimir');
    cleo = await account('case_manager', [agencyA], 'Cleo');
    manager = (await account('agency_manager', [agencyA], 'Manon')).client;
    otherManager = (await account('agency_manager', [agencyB], 'Otto')).client;
    admin = (await account('admin', [], 'Ada')).client;

    // Sam: no SSN, and no reason given for it (Q6a, SSN, information missing).
    sam = await client(db, { firstName: 'Sam', ssn: null, ssnDataQuality: 99 });
    await recordedBy(db, casimir.id, sam, shelterA, '2026-06-01', { householdId: household() });
    // Lea left without a destination (Q6c, destination, information missing).
    lea = await client(db, { firstName: 'Lea' });
    leaEnrollment = await recordedBy(db, casimir.id, lea, shelterA, '2026-03-01', { householdId: household(), exitDate: '2026-04-01', destination: 99 });
    // Clara: nothing to fix.
    await recordedBy(db, casimir.id, await client(db, { firstName: 'Clara' }), shelterA, '2026-05-01', { householdId: household() });
    // Otis: missing SSN too, but Cleo recorded his enrollment.
    await recordedBy(db, cleo.id, await client(db, { firstName: 'Otis', ssn: null, ssnDataQuality: 99 }), shelterA, '2026-05-01', { householdId: household() });
    // Vera: recorded by Casimir in another agency's project (he has since left it): he may no longer see her enrollment.
    await recordedBy(db, casimir.id, await client(db, { firstName: 'Vera', ssn: null, ssnDataQuality: 99 }), housingB, '2026-02-01', { householdId: household() });
    // Ines (recorded by Casimir) is Jon's daughter, and Jon (recorded by Cleo) heads their household: nothing to fix,
    // which only the whole household shows (alone, Ines would be in a household without a head: Q6b's data issue).
    const family = household();
    await recordedBy(db, cleo.id, await client(db, { firstName: 'Jon' }), shelterA, '2026-07-01', { householdId: family });
    await recordedBy(db, casimir.id, await client(db, { firstName: 'Ines' }), shelterA, '2026-07-01', { householdId: family, relationshipToHoh: 2 });
    // Kai (recorded by Casimir) and Lou (recorded by Cleo) are a household without a head (Q6b, data issue).
    const headless = household();
    await recordedBy(db, cleo.id, await client(db, { firstName: 'Lou' }), shelterA, '2026-07-01', { householdId: headless, relationshipToHoh: 3 });
    await recordedBy(db, casimir.id, await client(db, { firstName: 'Kai' }), shelterA, '2026-07-01', { householdId: headless, relationshipToHoh: 2 });
    // Pia's stay Casimir recorded left without a destination, but the report counts her later stay, which Cleo recorded.
    const pia = await client(db, { firstName: 'Pia' });
    await recordedBy(db, casimir.id, pia, shelterA, '2026-02-01', { householdId: household(), exitDate: '2026-02-20', destination: 99 });
    await recordedBy(db, cleo.id, pia, shelterA, '2026-08-01', { householdId: household() });
    // Ugo: missing SSN, recorded by Casimir, but left before the period.
    await recordedBy(db, casimir.id, await client(db, { firstName: 'Ugo', ssn: null, ssnDataQuality: 99 }), shelterA, '2025-01-01', { householdId: household(), exitDate: '2025-02-01' });
  });
  after(() => t.close());

  test('a case manager sees their clients flagged by the DQ report, grouped per client, each element with the form that fixes it', async () => {
    const page = await casimir.client.get('/live/data-quality/to-fix');
    assert.equal(page.status, 200, textOf(page.body).slice(0, 500));
    const text = textOf(page.body);
    assert.match(text, /Your records to fix, 11\/28\/2025 to 11\/27\/2026/, 'the last twelve months by default');
    assert.match(text, /3 clients have something to fix/);
    // Each client's section lists exactly the problems of their case, each with its fix link.
    assert.equal(sectionOf(page.body, 'Sam'), 'Sam Person Harbor Night Shelter, from 06/01/2026 (still enrolled) · Enrollment of Sam Person Social Security Number (3.02) : Information Missing (Q6a) · Fix the client record of Sam Person: Social Security Number (3.02)');
    assert.equal(sectionOf(page.body, 'Lea'), 'Lea Person Harbor Night Shelter, from 03/01/2026 to 04/01/2026 · Enrollment of Lea Person Destination (3.12) : Information Missing (Q6c) · Fix the exit of Lea Person: Destination (3.12)');
    assert.match(sectionOf(page.body, 'Kai'), /Relationship to Head of Household \(3\.15\) : Data Issues \(Q6b\)/);
    assert.match(page.body, new RegExp(`href="/live/clients/${sam}/edit"`), 'the SSN is fixed on the client’s record');
    assert.match(page.body, new RegExp(`href="/live/enrollments/${leaEnrollment}/exit"`), 'the destination on the exit');
    assert.match(page.body, new RegExp(`href="/live/clients/${lea}"`));
    for (const name of ['Clara', 'Otis', 'Ugo', 'Vera', 'Jon', 'Ines', 'Lou', 'Pia']) assert.doesNotMatch(text, new RegExp(name), name);
    assert.match(text, /1 more client has something to fix in agencies whose enrollments you may not see/, 'Vera, counted not named');
    assert.doesNotMatch(page.body, /name="user"/, 'a case manager has no one else to pick');
  });

  test('a client of another case manager is not shown, and a case manager asking for another’s list is refused (403)', async () => {
    const own = textOf((await cleo.client.get('/live/data-quality/to-fix')).body);
    for (const name of ['Otis', 'Lou']) assert.match(own, new RegExp(`${name} Person`), name);
    assert.doesNotMatch(own, /Sam Person|Lea Person/);
    const refused = await casimir.client.get(`/live/data-quality/to-fix?user=${cleo.id}`);
    assert.equal(refused.status, 403);
    assert.doesNotMatch(refused.body, /Otis/);
    assert.equal((await casimir.client.get('/live/data-quality/to-fix?user=999999')).status, 404);
    assert.equal((await casimir.client.get('/live/data-quality/to-fix?user=abc')).status, 404);
  });

  test('agency managers pick a user of their agencies; administrators anyone; each sees only the clients they may see', async () => {
    const managed = await manager.get(`/live/data-quality/to-fix?user=${casimir.id}`);
    assert.equal(managed.status, 200);
    const text = textOf(managed.body);
    assert.match(text, /Records to fix of Casimir Tester/);
    for (const name of ['Sam', 'Lea', 'Kai']) assert.match(text, new RegExp(`${name} Person`), name);
    assert.doesNotMatch(text, /Vera/);
    assert.match(managed.body, /<select[^>]*name="user"/, 'the manager picks whose list');
    assert.match(managed.body, new RegExp(`<option value="${cleo.id}"[^>]*>Cleo Tester`));
    assert.equal((await otherManager.get(`/live/data-quality/to-fix?user=${casimir.id}`)).status, 403, 'Casimir does not work for Otto’s agency');
    assert.match((await manager.get('/live/data-quality')).body, /href="\/live\/data-quality\/to-fix">Records to fix</, 'linked from the Data quality page');
    const adminsOwn = await admin.get('/live/data-quality/to-fix');
    assert.match(adminsOwn.body, /<option value="\d+" selected>Ada Tester \(HMIS administrator\)/, 'an administrator of no agency still finds their own list picked');
    const all = textOf((await admin.get(`/live/data-quality/to-fix?user=${casimir.id}`)).body);
    assert.match(all, /4 clients have something to fix/);
    assert.match(all, /Vera Person/);
  });

  test('the problems are the project’s Data Quality tables’ own: each flagged cell’s enrollments, split between who recorded them', async () => {
    const viewer = await site.access.viewerOf({ id: 0, username: 'operator', role: 'admin' });
    const actor = { userId: null, username: 'test', ip: null };
    const { tables } = await site.reports.dataQuality(viewer, shelterA, {});
    const fromTables = new Map<string, string[]>();
    for (const table of tables.filter((t) => t.question in TO_FIX_TABLES)) {
      const spec = TO_FIX_TABLES[table.question]!;
      for (const row of table.rows) {
        for (const column of spec.columns) for (const id of row.cells[column]?.enrollmentIds ?? []) fromTables.set(id, [...(fromTables.get(id) ?? []), `${table.question} ${row.label}`]);
      }
    }
    const fromLists = new Map<string, string[]>();
    for (const subject of [casimir.id, cleo.id]) {
      const list = await site.toFix.list(viewer, actor, subject, {});
      for (const { client: c, issues } of list.clients.filter((x) => x.client.projectId === shelterA)) {
        assert.ok(!fromLists.has(c.enrollmentId), 'an enrollment is on one list only: its recorder’s');
        fromLists.set(c.enrollmentId, issues.map((i) => `${i.question} ${i.element}`));
      }
    }
    assert.deepEqual([...fromLists].sort(), [...fromTables].sort());
  });

  test('the period is chosen with the form’s dates; a wrong one is a 4xx with a clear message', async () => {
    const older = textOf((await casimir.client.get('/live/data-quality/to-fix?from=01/01/2025&to=12/31/2025')).body);
    assert.match(older, /Ugo Person/);
    assert.doesNotMatch(older, /Sam Person/);
    const refused = await casimir.client.get('/live/data-quality/to-fix?from=12/31/2025&to=01/01/2025');
    assert.ok(refused.status >= 400 && refused.status < 500, `a 4xx, got ${refused.status}`);
    assert.match(textOf(refused.body), /must end on or after its first day/);
    const nonsense = await casimir.client.get('/live/data-quality/to-fix?from=nonsense');
    assert.ok(nonsense.status >= 400 && nonsense.status < 500, `a 4xx, got ${nonsense.status}`);
    assert.match(textOf(nonsense.body), /Enter the first day as a real date/);
  });

  test('viewing a list is audited, with its user and counts but no client data', async () => {
    await manager.get(`/live/data-quality/to-fix?user=${casimir.id}`);
    const entries = (await site.audit.list(site.db, {})).filter((e) => e.event === 'report.to_fix_viewed');
    const entry = entries.find((e) => e.subjectUserId === casimir.id && e.actorUsername !== null && e.actorUserId !== casimir.id);
    assert.ok(entry, JSON.stringify(entries));
    assert.deepEqual(entry.details, { from: '2025-11-28', to: '2026-11-27', listed: 3, hidden: 1 });
    const logged = JSON.stringify(entries);
    assert.doesNotMatch(logged, /\bSam\b|\bLea\b|\bVera\b/);
    assert.ok(!logged.includes(sam) && !logged.includes(lea), 'no PersonalID either');
  });

  test('the home page links a case manager to their list with its count', async () => {
    const home = await casimir.client.get('/live/');
    assert.match(home.body, /href="\/live\/data-quality\/to-fix">3 records to fix</);
    // The count is kept a minute (the home page is visited often); the list itself is always live.
    await site.db.updateTable('clients').set({ ssn: '287654322', ssn_data_quality: 1 }).where('personal_id', '=', sam).execute();
    assert.match((await casimir.client.get('/live/')).body, /to-fix">3 records to fix</, 'kept for a minute');
    t.clock.advance(OWN_COUNT_TTL_MS);
    assert.match((await casimir.client.get('/live/')).body, /to-fix">2 records to fix</, 'computed again after a minute');
    await site.db.updateTable('clients').set({ ssn: null, ssn_data_quality: 99 }).where('personal_id', '=', sam).execute();
    await casimir.client.get('/live/data-quality/to-fix');
    assert.match((await casimir.client.get('/live/')).body, /to-fix">3 records to fix</, 'seeing one’s own list refreshes it');
    const none = await (await account('case_manager', [], 'Nina')).client.get('/live/');
    assert.match(textOf(none.body), /No records to fix/);
  });
});
