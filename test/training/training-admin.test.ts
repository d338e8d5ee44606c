import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf } from '../helpers/client.js';
import { signedInUser, type SignedInUser } from '../helpers/users.js';

const PAGE = '/training/admin/training-data';

async function clientCount(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*)::text as n from clients`.execute(db);
  return Number(rows[0]!.n);
}

async function resets(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*)::text as n from audit_log where event = 'training.reset'`.execute(db);
  return Number(rows[0]!.n);
}

/** One letter pair swapped in the middle: "Gonzalez" → "Gonzlaez". */
function misspelt(name: string): string {
  const at = Math.floor(name.length / 2);
  return name.slice(0, at - 1) + name[at] + name[at - 1] + name.slice(at + 1);
}

describe('the Training site’s admin page: refill the training data', () => {
  let t: TestApp;
  let admin: SignedInUser;

  before(async () => {
    t = await startTestApp({ sites: ['training', 'live'] });
    admin = await signedInUser(t, { site: 'training', role: 'admin', firstName: 'Ada' });
  });
  after(() => t.close());

  test('explains what a reset does and asks for confirmation; the nav links to it on the Training site only', async () => {
    const page = await admin.client.get(PAGE);
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /Deletes every client, enrollment, exit, project and agency/);
    assert.match(text, /Keeps every user account/);
    assert.match(text, /0 agencies, 0 projects, 0 clients/);
    assert.match(text, /never been refilled/);
    assert.match(page.body, /<label for="field-confirm">Type RESET to confirm<\/label>/);
    assert.match(page.body, /<a href="\/training\/admin\/training-data">Training data<\/a>/);
    const liveAdmin = await signedInUser(t, { site: 'live', role: 'admin', firstName: 'Lia' });
    const home = await liveAdmin.client.get('/live/');
    assert.equal(home.status, 200);
    assert.doesNotMatch(home.body, /training-data/);
  });

  test('without the confirmation nothing happens: 422, the message linked to the field, what was typed kept', async () => {
    await admin.client.get(PAGE);
    for (const typed of ['', 'reset please', 'RESET!']) {
      const refused = await admin.client.post(PAGE, { confirm: typed });
      assert.equal(refused.status, 422, typed);
      assert.match(refused.body, /role="alert"/);
      assert.match(refused.body, /<a href="#field-confirm">Type RESET in the box/);
      assert.match(refused.body, /aria-invalid="true"/);
      if (typed) assert.ok(refused.body.includes(`value="${typed}"`), `kept “${typed}”`);
    }
    const twice = await admin.client.post(PAGE, { confirm: ['RESET', 'RESET'] });
    assert.equal(twice.status, 422);
    assert.equal(await clientCount(t.sites.training.db), 0);
    assert.equal(await resets(t.sites.training.db), 0);
  });

  test('without a CSRF token nothing happens', async () => {
    const forged = await admin.client.post(PAGE, { _csrf: 'forged', confirm: 'RESET' });
    assert.equal(forged.status, 403);
    assert.equal(await clientCount(t.sites.training.db), 0);
  });

  test('case managers and agency managers may not refill it (403), and nothing changes', async () => {
    for (const role of ['case_manager', 'agency_manager'] as const) {
      const user = await signedInUser(t, { site: 'training', role });
      const page = await user.client.get(PAGE);
      assert.equal(page.status, 403, role);
      assert.match(textOf(page.body), /Only HMIS administrators can refill the Training site/);
      const home = await user.client.get('/training/');
      assert.doesNotMatch(home.body, /training-data/, 'no link to it');
      const post = await user.client.post(PAGE, { confirm: 'RESET' });
      assert.equal(post.status, 403, role);
    }
    assert.equal(await clientCount(t.sites.training.db), 0);
  });

  test('the Live site has no training data to refill: 403 with the reason, for administrators too', async () => {
    const liveAdmin = await signedInUser(t, { site: 'live', role: 'admin', firstName: 'Lou' });
    const page = await liveAdmin.client.get('/live/admin/training-data');
    assert.equal(page.status, 403);
    assert.match(textOf(page.body), /The Live site never holds generated data/);
    await liveAdmin.client.get('/live/');
    const post = await liveAdmin.client.post('/live/admin/training-data', { confirm: 'RESET' });
    assert.equal(post.status, 403);
    assert.match(textOf(post.body), /The Live site never holds generated data/);
    assert.equal(await clientCount(t.sites.live.db), 0);
    assert.equal(await resets(t.sites.live.db), 0);
  });

  test('confirmed: the site is refilled, the page shows the counts, the audit log names the administrator', async () => {
    await admin.client.get(PAGE);
    const done = await admin.client.post(PAGE, { confirm: 'reset' });
    assert.equal(done.status, 303, textOf(done.body).slice(0, 300));
    assert.equal(done.location, `${PAGE}?done=1`);
    const shown = await admin.client.follow(done);
    const text = textOf(shown.body);
    assert.match(text, /has been refilled: 2,000 clients in [\d,]+ households, [\d,]+ enrollments \([\d,]+ current\) and [\d,]+ exits, in 15 projects of 6 agencies/);
    assert.match(text, /6 agencies, 15 projects, 2,000 clients/);
    assert.match(text, new RegExp(`Last refilled .* by ${admin.username}`));
    assert.equal(await clientCount(t.sites.training.db), 2000);
    const [entry] = await t.sites.training.audit.list(t.sites.training.db, { event: 'training.reset', limit: 1 });
    assert.equal(entry?.actorUsername, admin.username);
    assert.equal(entry?.actorUserId, admin.user.id);
  });

  test('a newcomer signs in to the Training site and finds a generated client by a misspelt name', async () => {
    const { rows } = await sql<{ personal_id: string; first_name: string; last_name: string }>`
      select personal_id, first_name, last_name from clients
       where name_data_quality = 1 and length(last_name) >= 6 and last_name ~ '^[A-Za-z]+$' and first_name ~ '^[A-Za-z]+$'
       order by personal_id limit 3`.execute(t.sites.training.db);
    assert.equal(rows.length, 3);
    const newcomer = await signedInUser(t, { site: 'training', role: 'case_manager', firstName: 'Nell' });
    for (const row of rows) {
      const query = `${row.first_name} ${misspelt(row.last_name)}`;
      assert.notEqual(misspelt(row.last_name), row.last_name);
      const results = await newcomer.client.get(`/training/clients?q=${encodeURIComponent(query)}`);
      assert.equal(results.status, 200);
      assert.ok(results.body.includes(row.personal_id), `“${query}” finds ${row.first_name} ${row.last_name}`);
    }
  });
});
