import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Client } from '../../src/clients/clients.model.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf } from '../helpers/client.js';
import { signedInUser, type SignedInUser } from '../helpers/users.js';
import { createClient, tableRows } from './fixtures.js';

/** The "My recent clients" rows of the home page: name, date of birth, last opened. */
function recentRows(html: string): string[][] {
  const section = /<section aria-labelledby="recent-clients-heading">([\s\S]*?)<\/section>/.exec(html)?.[1];
  assert.ok(section, 'the home page has a "My recent clients" section');
  return tableRows(section);
}

describe('home page: my recent clients and quick search', () => {
  let t: TestApp;
  let worker: SignedInUser;
  let colleague: SignedInUser;
  let admin: SignedInUser;
  const people: Client[] = [];

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    worker = await signedInUser(t, { role: 'case_manager', firstName: 'Casey' });
    colleague = await signedInUser(t, { role: 'case_manager', firstName: 'Cole', lastName: 'League' });
    admin = await signedInUser(t, { role: 'admin', firstName: 'Ada' });
    for (let i = 0; i < 12; i++) {
      const day = String(i + 1).padStart(2, '0');
      people.push(await createClient(t, { firstName: `Person${String.fromCharCode(65 + i)}`, lastName: 'Recent', ssn: `2345678${day}`, dob: `01/${day}/1990` }));
    }
  });
  after(() => t.close());

  async function open(user: SignedInUser, client: Client) {
    t.clock.advance(10_000);
    const page = await user.client.get(`/live/clients/${client.personalId}`);
    assert.equal(page.status, 200);
  }

  test('before any client is opened: an empty list, the quick search, a New client link and the account facts', async () => {
    const home = await worker.client.get('/live/');
    assert.equal(home.status, 200);
    const text = textOf(home.body);
    assert.match(text, /My recent clients No clients yet: the clients you open will be listed here\./);
    assert.match(home.body, /<form method="get" action="\/live\/clients" class="search" role="search" aria-label="Find a client"><label for="field-home-q">Search clients<\/label>/);
    assert.match(home.body, /<input id="field-home-q" name="q" type="search"[^>]*aria-describedby="field-home-q-hint"/);
    assert.match(home.body, /<a href="\/live\/clients\/new">New client<\/a>/);
    assert.match(text, /Last sign-in .* Password expires/);
    assert.doesNotMatch(home.body, /id="header-q"/, 'no second search box in the header of the home page');
    assert.equal(recentRows(home.body).length, 0);
  });

  test('the quick search sends a GET to the client search', async () => {
    const results = await worker.client.get('/live/clients?q=PersonC+Recent');
    assert.equal(results.status, 200);
    assert.match(textOf(results.body), /Recent, PersonC/);
    // Other pages carry the quick search in the header.
    const profile = await worker.client.get(`/live/clients/${people[0]!.personalId}`);
    assert.match(profile.body, /<form method="get" action="\/live\/clients" class="header-search" role="search" aria-label="Quick client search"><label for="header-q" class="visually-hidden">Search clients<\/label><input id="header-q" name="q" type="search"/);
  });

  test('the last 10 opened, newest first, with name and date of birth only', async () => {
    for (const person of people) await open(worker, person);
    const home = await worker.client.get('/live/');
    const rows = recentRows(home.body);
    assert.equal(rows.length, 10);
    assert.deepEqual(
      rows.map((r) => r[0]),
      ['L', 'K', 'J', 'I', 'H', 'G', 'F', 'E', 'D', 'C'].map((letter) => `Recent, Person${letter}`),
    );
    assert.equal(rows[0]![1], '01/12/1990');
    assert.match(rows[0]![2]!, /^Nov 27, 2026/);
    assert.ok(home.body.includes(`<a href="/live/clients/${people[11]!.personalId}">Recent, PersonL</a>`));
    const section = /<section aria-labelledby="recent-clients-heading">([\s\S]*?)<\/section>/.exec(home.body)![1]!;
    assert.doesNotMatch(section, /\*\*\*|SSN|2345678/, 'no SSN, masked or not');

    // Opening an older one again puts it first.
    await open(worker, people[3]!);
    const again = recentRows((await worker.client.get('/live/')).body).map((r) => r[0]);
    assert.equal(again[0], 'Recent, PersonD');
    assert.equal(again.length, 10);
    assert.equal(again.filter((n) => n === 'Recent, PersonD').length, 1);
  });

  test('each user has their own list', async () => {
    await open(colleague, people[5]!);
    const theirs = recentRows((await colleague.client.get('/live/')).body);
    assert.deepEqual(theirs.map((r) => r[0]), ['Recent, PersonF']);
    const mine = recentRows((await worker.client.get('/live/')).body);
    assert.equal(mine[0]![0], 'Recent, PersonD');
  });

  test('a merged record shows as the record kept, once; a deleted one disappears', async () => {
    const [keep, gone] = [people[10]!, people[11]!];
    await open(worker, keep);
    await open(worker, gone);
    await admin.client.get(`/live/clients/${keep.personalId}/merge/compare?other=${gone.personalId}`);
    const merged = await admin.client.post(`/live/clients/${keep.personalId}/merge`, { other: gone.personalId, keep: keep.personalId, confirm: 'yes' });
    assert.equal(merged.status, 303, textOf(merged.body));
    const rows = recentRows((await worker.client.get('/live/')).body).map((r) => r[0]);
    assert.equal(rows[0], 'Recent, PersonK', 'the kept record, at the time the merged one was opened');
    assert.ok(!rows.includes('Recent, PersonL'));
    assert.equal(rows.filter((n) => n === 'Recent, PersonK').length, 1);

    await t.sites.live.db.updateTable('clients').set({ date_deleted: t.clock.now() }).where('personal_id', '=', people[3]!.personalId).execute();
    const afterDelete = recentRows((await worker.client.get('/live/')).body).map((r) => r[0]);
    assert.ok(!afterDelete.includes('Recent, PersonD'));
    assert.equal(afterDelete.length, 10, 'older openings fill the list');
  });

  test('only the latest openings are kept per user', async () => {
    for (let i = 0; i < 25; i++) {
      const person = await createClient(t, { firstName: `Many${i}`, lastName: 'Opened', ssn: `3456780${String(i + 10)}`, dob: `02/${String(i + 1).padStart(2, '0')}/1970` });
      await open(worker, person);
    }
    const rows = await t.sites.live.db.selectFrom('client_recent_views').select('personal_id').where('user_id', '=', worker.user.id).execute();
    assert.ok(rows.length <= 30, `${rows.length} rows`);
    const shown = recentRows((await worker.client.get('/live/')).body);
    assert.equal(shown.length, 10);
    assert.equal(shown[0]![0], 'Opened, Many24');
  });
});
