import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SYSTEM_ACTOR } from '../../src/audit/audit-log.js';
import type { User } from '../../src/accounts/accounts.model.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type Page, type TestClient } from '../helpers/client.js';
import { signedInUser } from '../helpers/users.js';

const USERS = '/live/admin/users';
const WARNING = /works for no agency yet: can search clients but sees no enrollments/i;

/** A valid new-user form; tests change a field at a time. */
function newUser(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return { firstName: 'Rosa', lastName: 'Parks', email: 'rosa@agency.example', role: 'case_manager', username: '', ...overrides };
}

/** The ids of the agency checkboxes that are ticked on a page. */
function tickedAgencies(html: string): string[] {
  return [...html.matchAll(/<input id="field-agencies-[^"]+" name="agencies" type="checkbox" value="([^"]+)"( checked)?/g)]
    .filter((m) => m[2])
    .map((m) => m[1]!)
    .sort();
}

function bodyRows(html: string): string[] {
  const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return tbody.split('<tr').slice(1);
}

function listedUsernames(html: string): string[] {
  return bodyRows(html).map((r) => /<a [^>]*>([^<]+)<\/a>/.exec(r)?.[1] ?? '');
}

function rowFor(html: string, username: string): string | undefined {
  const row = bodyRows(html).find((r) => r.includes(`>${username}</a>`));
  return row === undefined ? undefined : textOf(`<tr${row}`);
}

describe('administrators assign agencies to accounts', () => {
  let t: TestApp;
  let admin: TestClient;
  let adminUser: User;
  /** Harbor Light, Northside Outreach and Riverside Family Services, by name. */
  const agency: Record<'harbor' | 'northside' | 'riverside', string> = { harbor: '', northside: '', riverside: '' };

  async function agenciesAudit(username: string) {
    return t.sites.live.audit.list(t.sites.live.db, { username, event: 'account.agencies_changed' });
  }

  async function membershipsOf(username: string): Promise<string[]> {
    const user = await t.sites.live.accounts.getByUsername(username);
    return t.sites.live.access.organizationIdsOf(user.id);
  }

  async function create(form: Record<string, string | string[]>): Promise<Page> {
    await admin.get(`${USERS}/new`);
    return admin.post(`${USERS}/new`, form);
  }

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    ({ client: admin, user: adminUser } = await signedInUser(t, { role: 'admin', firstName: 'Ada', lastName: 'Admin' }));
    const projects = t.sites.live.projects;
    const make = async (name: string) => (await projects.createOrganization({ name, commonName: '', victimServiceProvider: '0' }, SYSTEM_ACTOR)).organizationId;
    agency.harbor = await make('Harbor Light Services');
    agency.northside = await make('Northside Outreach');
    agency.riverside = await make('Riverside Family Services');
  });
  after(() => t.close());

  it('the create form offers every agency by name in an "Agencies" fieldset, and explains each role in one line', async () => {
    const page = await admin.get(`${USERS}/new`);
    assert.equal(page.status, 200);
    assert.match(page.body, /<legend>Agencies<\/legend>/);
    for (const [key, name] of [['harbor', 'Harbor Light Services'], ['northside', 'Northside Outreach'], ['riverside', 'Riverside Family Services']] as const) {
      const id = agency[key];
      assert.ok(
        page.body.includes(`<input id="field-agencies-${id}" name="agencies" type="checkbox" value="${id}"/><label for="field-agencies-${id}">${name}</label>`),
        `a labelled checkbox for ${name}`,
      );
    }
    assert.deepEqual(tickedAgencies(page.body), []);
    assert.match(page.body, /<legend>Role<\/legend>/);
    const text = textOf(page.body);
    assert.match(text, /Case manager Searches and records clients; sees and records the enrollments of their agencies\./);
    assert.match(text, /Agency manager A case manager who also creates and edits their agencies’ projects and sees their staff list\./);
    assert.match(text, /HMIS administrator Sees and changes everything/);
    for (const role of ['case_manager', 'agency_manager', 'admin']) {
      assert.match(page.body, new RegExp(`value="${role}"[^>]*aria-describedby="field-role-${role}-hint"`), `the hint of ${role} is tied to its radio button`);
    }
    // Nothing ticked yet for a case manager: the form says what that means.
    assert.match(text, WARNING);
  });

  it('creating a case manager with two agencies saves both with the account, audited as added, with no secret in the audit row', async () => {
    const page = await create(newUser({ agencies: [agency.northside, agency.harbor] }));
    assert.equal(page.status, 201, textOf(page.body).slice(0, 400));
    const text = textOf(page.body);
    assert.match(text, /Agencies Harbor Light Services ?, Northside Outreach/);
    assert.doesNotMatch(text, WARNING);
    const temporaryPassword = /<span class="secret">([^<]+)<\/span>/.exec(page.body)![1]!;
    assert.deepEqual(await membershipsOf('rparks'), [agency.harbor, agency.northside].sort());

    const audit = await agenciesAudit('rparks');
    assert.equal(audit.length, 1);
    const entry = audit[0]!;
    assert.equal(entry.actorUsername, adminUser.username);
    assert.equal(entry.subjectUsername, 'rparks');
    assert.equal(entry.ip, '127.0.0.1');
    assert.deepEqual(entry.details, { added: [agency.harbor, agency.northside].sort().join(', '), removed: null });
    const rows = JSON.stringify(await t.sites.live.db.selectFrom('audit_log').selectAll().where('subject_username', '=', 'rparks').execute());
    assert.ok(!rows.includes(temporaryPassword), 'the temporary password is not in the audit log');
    assert.doesNotMatch(rows, /\$argon2|password_hash|session/i);
    assert.ok(!t.logs.join('\n').includes(temporaryPassword), 'nor in the logs');
  });

  it('an agency manager may be created with no agency (a new hire): allowed, with the warning on the page shown after', async () => {
    const page = await create(newUser({ firstName: 'Nell', lastName: 'Hire', email: 'nell@agency.example', role: 'agency_manager' }));
    assert.equal(page.status, 201);
    assert.match(textOf(page.body), /nhire works for no agency yet: can search clients but sees no enrollments/);
    assert.deepEqual(await membershipsOf('nhire'), []);
    assert.equal((await agenciesAudit('nhire')).length, 0, 'no change, no entry');
    // An administrator needs no agency: no warning.
    const adminPage = await create(newUser({ firstName: 'Abe', lastName: 'Boss', email: 'abe@agency.example', role: 'admin' }));
    assert.equal(adminPage.status, 201);
    assert.doesNotMatch(textOf(adminPage.body), WARNING);
  });

  it('the user page shows the agencies and the edit form ticks them; an administrator adds one and removes another, audited', async () => {
    const user = await t.sites.live.accounts.getByUsername('rparks');
    const page = await admin.get(`${USERS}/${user.id}`);
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /Agencies Harbor Light Services ?, Northside Outreach/);
    assert.match(page.body, new RegExp(`<a href="/live/agencies/${agency.harbor}">Harbor Light Services</a>`));
    assert.deepEqual(tickedAgencies(page.body), [agency.harbor, agency.northside].sort());
    assert.doesNotMatch(textOf(page.body), WARNING);

    const saved = await admin.post(`${USERS}/${user.id}/edit`, newUser({ agencies: [agency.harbor, agency.riverside] }));
    assert.equal(saved.status, 303, textOf(saved.body).slice(0, 400));
    assert.equal(saved.location, `${USERS}/${user.id}?done=saved`);
    assert.deepEqual(await membershipsOf('rparks'), [agency.harbor, agency.riverside].sort());
    const audit = await agenciesAudit('rparks');
    assert.equal(audit.length, 2);
    assert.deepEqual(audit[0]!.details, { added: agency.riverside, removed: agency.northside }, 'newest first');
    assert.equal(audit[0]!.actorUsername, adminUser.username);
    const changed = await t.sites.live.audit.list(t.sites.live.db, { username: 'rparks', event: 'account.changed' });
    assert.equal(changed.length, 0, 'only the agencies changed: no account.changed entry');
    const after = await admin.follow(saved);
    assert.match(textOf(after.body), /Your changes are saved\./);
    assert.match(textOf(after.body), /Agencies Harbor Light Services ?, Riverside Family Services/);

    // Saving the same again changes nothing and records nothing.
    const again = await admin.post(`${USERS}/${user.id}/edit`, newUser({ agencies: [agency.riverside, agency.harbor] }));
    assert.equal(again.status, 303);
    assert.equal((await agenciesAudit('rparks')).length, 2);
  });

  it('removing every agency is allowed; the user page, the list and the form then warn', async () => {
    const user = await t.sites.live.accounts.getByUsername('rparks');
    const saved = await admin.post(`${USERS}/${user.id}/edit`, newUser());
    assert.equal(saved.status, 303);
    assert.deepEqual(await membershipsOf('rparks'), []);
    const audit = await agenciesAudit('rparks');
    assert.deepEqual(audit[0]!.details, { added: null, removed: [agency.harbor, agency.riverside].sort().join(', ') });
    const page = await admin.follow(saved);
    const text = textOf(page.body);
    assert.match(text, /rparks works for no agency yet: can search clients but sees no enrollments\. Tick their agencies/);
    assert.match(text, /No agency ticked: this person works for no agency yet/, 'the edit form warns too');
    assert.match(rowFor((await admin.get(USERS)).body, 'rparks')!, WARNING);
    // An administrator without agencies is normal.
    assert.match(rowFor((await admin.get(USERS)).body, adminUser.username)!, /None \(administrators see every agency\)/);
    assert.doesNotMatch(textOf((await admin.get(`${USERS}/${adminUser.id}`)).body), WARNING);
  });

  it('an unknown agency is refused (422) with every typed value kept, and nothing is saved: not even the account', async () => {
    const before = await t.sites.live.db.selectFrom('users').select('id').execute();
    const page = await create(newUser({ firstName: 'Tam', lastName: 'Per', email: 'tam@agency.example', role: 'agency_manager', agencies: [agency.harbor, 'f'.repeat(32)] }));
    assert.equal(page.status, 422);
    assert.match(textOf(page.body), /Choose agencies from the list\./);
    assert.match(page.body, /id="field-agencies-error"/);
    assert.match(page.body, /<fieldset id="field-agencies" class="choices has-error" aria-describedby="field-agencies-hint field-agencies-error"/);
    assert.deepEqual(tickedAgencies(page.body), [agency.harbor], 'the real agency stays ticked');
    assert.match(page.body, /name="firstName" type="text" value="Tam"/);
    assert.match(page.body, /name="role" type="radio" value="agency_manager" checked/);
    assert.deepEqual(await t.sites.live.db.selectFrom('users').select('id').execute(), before, 'the account and its agencies are saved together or not at all');
  });

  it('other refusals keep the ticked agencies too', async () => {
    const page = await create(newUser({ firstName: '', agencies: [agency.northside, agency.riverside] }));
    assert.equal(page.status, 422);
    assert.match(textOf(page.body), /Enter a first name\./);
    assert.deepEqual(tickedAgencies(page.body), [agency.northside, agency.riverside].sort());
    assert.doesNotMatch(textOf(page.body), /No agency ticked/);
  });

  it('an edit refused for its agencies changes nothing else either', async () => {
    const user = await t.sites.live.accounts.getByUsername('rparks');
    const refused = await admin.post(`${USERS}/${user.id}/edit`, newUser({ firstName: 'Renamed', agencies: ['no-such-agency'] }));
    assert.equal(refused.status, 422);
    assert.match(textOf(refused.body), /Choose agencies from the list\./);
    assert.match(refused.body, /name="firstName" type="text" value="Renamed"/, 'the form keeps what was typed');
    assert.equal((await t.sites.live.accounts.get(user.id)).firstName, 'Rosa');
    assert.deepEqual(await membershipsOf('rparks'), []);

    const twice = await admin.post(`${USERS}/${user.id}/edit`, newUser({ agencies: ['x'.repeat(33)] }));
    assert.equal(twice.status, 400);
    assert.match(textOf(twice.body), /The field “agencies” was sent in an unexpected form\./);
  });

  it('the users list shows each user’s agencies and filters by agency, or by "no agency yet"', async () => {
    await t.sites.live.access.setOrganizations(await t.sites.live.accounts.getByUsername('rparks'), [agency.harbor], SYSTEM_ACTOR);
    await t.sites.live.access.setOrganizations(await t.sites.live.accounts.getByUsername('aboss'), [agency.northside], SYSTEM_ACTOR);
    const all = await admin.get(USERS);
    assert.equal(all.status, 200);
    assert.match(all.body, /<th scope="col">Agencies<\/th>/);
    assert.match(rowFor(all.body, 'rparks')!, /Harbor Light Services/);
    assert.match(rowFor(all.body, 'aboss')!, /Northside Outreach/);
    assert.match(rowFor(all.body, 'nhire')!, WARNING);
    assert.match(all.body, /<label for="field-agency">Agency<\/label>/);
    assert.match(all.body, /<option value selected>Any agency<\/option>/);

    const harbor = await admin.get(`${USERS}?agency=${agency.harbor}`);
    assert.equal(harbor.status, 200);
    assert.deepEqual(listedUsernames(harbor.body), ['rparks']);
    assert.match(harbor.body, new RegExp(`<option value="${agency.harbor}" selected>Harbor Light Services</option>`));
    assert.match(harbor.body, /Show everyone/);

    const none = await admin.get(`${USERS}?agency=none`);
    assert.deepEqual(listedUsernames(none.body), [adminUser.username, 'nhire'].sort());
    assert.match(none.body, /<option value="none" selected>No agency yet<\/option>/);

    const combined = await admin.get(`${USERS}?agency=${agency.northside}&q=boss`);
    assert.deepEqual(listedUsernames(combined.body), ['aboss']);
    assert.deepEqual(listedUsernames((await admin.get(`${USERS}?agency=${agency.riverside}`)).body), []);

    const unknown = await admin.get(`${USERS}?agency=${'0'.repeat(32)}`);
    assert.equal(unknown.status, 400);
    assert.match(textOf(unknown.body), /There is no such agency to filter by\./);
  });

  it('the staff list of an agency shows whom the administrator assigned', async () => {
    const page = await admin.get(`/live/agencies/${agency.harbor}`);
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /Staff .*Rosa Parks rparks Case manager Yes/);
  });
});
