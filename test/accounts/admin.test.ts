import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CreateAccountInput } from '../../src/accounts/accounts.service.js';
import { DAY } from '../../src/clock.js';
import type { User } from '../../src/accounts/accounts.model.js';
import type { SiteId } from '../../src/site-id.js';
import { formatDateTime } from '../../src/views/format.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type Page, type TestClient } from '../helpers/client.js';

const NEW_PASSWORD = 'Str0ng!Passphrase-x';
const USERS = '/live/admin/users';

/** Creates an account, signs in with its temporary password and completes the forced change. */
async function signIn(t: TestApp, input: Partial<CreateAccountInput> = {}, site: SiteId = 'live') {
  const { user, temporaryPassword } = await t.createUser(site, input);
  const client = t.client();
  const login = await client.login(site, user.username, temporaryPassword);
  assert.equal(login.status, 303);
  assert.equal(login.location, `/${site}/password/expired`);
  const changed = await client.submit(`/${site}/password/expired`, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
  assert.equal(changed.status, 303, textOf(changed.body));
  return { client, user, temporaryPassword };
}

function signInAdmin(t: TestApp, input: Partial<CreateAccountInput> = {}) {
  return signIn(t, { role: 'admin', ...input });
}

/** The temporary password in the shown-once box. */
function secretOn(page: Page): string {
  const match = /<span class="secret">([^<]+)<\/span>/.exec(page.body);
  assert.ok(match, `no temporary password on the page: ${textOf(page.body).slice(0, 500)}`);
  return match[1]!;
}

function bodyRows(html: string): string[] {
  const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return tbody.split('<tr').slice(1);
}

/** The visible text of the table row for a username, or undefined. */
function rowFor(html: string, username: string): string | undefined {
  const row = bodyRows(html).find((r) => r.includes(`>${username}</a>`));
  return row === undefined ? undefined : textOf(`<tr${row}`);
}

function listedUsernames(html: string): string[] {
  return bodyRows(html).map((r) => /<a [^>]*>([^<]+)<\/a>/.exec(r)?.[1] ?? '');
}

async function userRow(t: TestApp, id: number): Promise<User> {
  return t.sites.live.accounts.get(id);
}

async function auditRows(t: TestApp) {
  return t.sites.live.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
}

/** No temporary password may reach a log line or the audit log. */
async function assertSecretsNotRecorded(t: TestApp, secrets: string[]) {
  assert.ok(secrets.length > 0);
  const logs = t.logs.join('\n');
  const audit = JSON.stringify(await auditRows(t));
  assert.ok(t.logs.length > 0 && audit.length > 2);
  for (const secret of secrets) {
    assert.ok(!logs.includes(secret), 'a temporary password was logged');
    assert.ok(!audit.includes(secret), 'a temporary password is in the audit log');
  }
}

async function failLogins(client: TestClient, username: string, times: number) {
  for (let i = 0; i < times; i++) {
    const page = await client.login('live', username, 'Wrong-passw0rd!');
    assert.equal(page.status, 401);
  }
}

describe('admin area: who may enter', () => {
  let t: TestApp;
  let admin: TestClient;
  let plain: TestClient;
  let target: User;

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    admin = (await signInAdmin(t)).client;
    plain = (await signIn(t, { firstName: 'Maria', lastName: 'Lopez' })).client;
    target = (await t.createUser('live', { firstName: 'Kim', lastName: 'Park' })).user;
  });
  after(() => t.close());

  const getUrls = () => [
    USERS,
    `${USERS}?q=park&status=active`,
    `${USERS}/new`,
    `${USERS}/suggest-username?firstName=John&lastName=Doe`,
    `${USERS}/${target.id}`,
    '/live/admin/audit',
    '/live/admin/audit?event=login.failed',
  ];
  const postUrls = () => [
    `${USERS}/new`,
    `${USERS}/${target.id}/temporary-password`,
    `${USERS}/${target.id}/unlock`,
    `${USERS}/${target.id}/deactivate`,
    `${USERS}/${target.id}/reactivate`,
    `${USERS}/${target.id}/edit`,
  ];
  const form = { firstName: 'Eve', lastName: 'Mallory', email: 'eve@agency.example', role: 'admin' };

  test('anonymous visitors are sent to the login page', async () => {
    const anonymous = t.client();
    for (const url of getUrls()) {
      const page = await anonymous.get(url);
      assert.equal(page.status, 303, url);
      assert.equal(page.location, `/live/login?next=${encodeURIComponent(url)}`, url);
    }
    await anonymous.get('/live/login');
    for (const url of postUrls()) {
      const page = await anonymous.post(url, form);
      assert.equal(page.status, 303, url);
      assert.equal(page.location, '/live/login', url);
    }
  });

  test('a signed-in non-administrator gets 403 on every admin URL, GET and POST, and nothing changes', async () => {
    for (const url of getUrls()) {
      const page = await plain.get(url);
      assert.equal(page.status, 403, url);
      assert.match(textOf(page.body), /This page is for HMIS administrators\./);
    }
    await plain.get('/live/');
    assert.ok(plain.csrf);
    for (const url of postUrls()) {
      const page = await plain.post(url, form);
      assert.equal(page.status, 403, url);
    }
    const after = await userRow(t, target.id);
    assert.equal(after.deactivatedAt, null);
    assert.equal(after.firstName, 'Kim');
    assert.equal(after.role, 'case_manager');
    assert.deepEqual(after.passwordHash, target.passwordHash);
    const { count } = await t.sites.live.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('last_name', '=', 'Mallory')
      .executeTakeFirstOrThrow();
    assert.equal(Number(count), 0);
  });

  test('an administrator who has not yet replaced a temporary password is sent to change it first', async () => {
    const { user, temporaryPassword } = await t.createUser('live', { role: 'admin', firstName: 'Omar', lastName: 'Haddad' });
    const client = t.client();
    await client.login('live', user.username, temporaryPassword);
    const page = await client.get(USERS);
    assert.equal(page.status, 303);
    assert.equal(page.location, '/live/password/expired');
  });

  test('every admin POST without a CSRF token is refused with 403, and nothing changes', async () => {
    await admin.get(USERS);
    for (const url of postUrls()) {
      const page = await admin.request('POST', url, { form });
      assert.equal(page.status, 403, url);
      assert.match(textOf(page.body), /This form has expired or was not sent from Hearth/);
      const wrong = await admin.request('POST', url, { form: { ...form, _csrf: 'not-a-real-token' } });
      assert.equal(wrong.status, 403, url);
    }
    const after = await userRow(t, target.id);
    assert.equal(after.deactivatedAt, null);
    assert.equal(after.firstName, 'Kim');
    assert.deepEqual(after.passwordHash, target.passwordHash);
  });
});

describe('admin area: the list of users', () => {
  let t: TestApp;
  let admin: TestClient;
  let adminUser: User;
  const secrets: string[] = [];

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    const signedIn = await signInAdmin(t, { firstName: 'Alma', lastName: 'Reyes' });
    admin = signedIn.client;
    adminUser = signedIn.user;
    secrets.push(signedIn.temporaryPassword);
  });
  after(() => t.close());

  test('shows status, last login and password expiry for each kind of account', async () => {
    const maria = await signIn(t, { firstName: 'Maria', lastName: 'Lopez', email: 'maria.lopez@agency.example' });
    const kim = await signIn(t, { firstName: 'Kim', lastName: 'Park' });
    const omar = await t.createUser('live', { firstName: 'Omar', lastName: 'Haddad' });
    const lee = await t.createUser('live', { firstName: 'Lee', lastName: 'Chan' });
    const ana = await t.createUser('live', { firstName: 'Ana', lastName: 'Silva' });
    const vic = await t.createUser('live', { firstName: 'Vic', lastName: 'Tran', email: null, isVolunteer: true });
    secrets.push(maria.temporaryPassword, kim.temporaryPassword, omar.temporaryPassword, lee.temporaryPassword, ana.temporaryPassword, vic.temporaryPassword);
    await failLogins(t.client(), kim.user.username, t.config.lockoutThreshold);
    await t.sites.live.accounts.deactivate(omar.user.id, { userId: adminUser.id, username: adminUser.username, ip: null });
    // Ana signs in with her temporary password and walks away: it is spent.
    assert.equal((await t.client().login('live', ana.user.username, ana.temporaryPassword)).status, 303);

    const page = await admin.get(USERS);
    assert.equal(page.status, 200);
    assert.match(page.body, /<th scope="col">Username<\/th>/);
    assert.match(page.body, /<caption>/);
    assert.match(page.body, /href="\/live\/admin\/users\/new"[^>]*>\s*Create user/);
    const tz = t.config.timeZone;
    const now = t.clock.now();

    const alma = rowFor(page.body, adminUser.username)!;
    assert.ok(alma, 'the admin is listed');
    assert.match(alma, /Alma Reyes/);
    assert.match(alma, /HMIS administrator/);
    assert.match(alma, /Active/);
    assert.ok(alma.includes(formatDateTime(now, tz)), alma);
    assert.ok(alma.includes(formatDateTime(new Date(now.getTime() + 60 * DAY), tz)), alma);

    const mariaRow = rowFor(page.body, maria.user.username)!;
    assert.match(mariaRow, /maria\.lopez@agency\.example/);
    assert.match(mariaRow, /Case manager/);

    const kimRow = rowFor(page.body, kim.user.username)!;
    const lockedUntil = (await userRow(t, kim.user.id)).lockedUntil!;
    assert.ok(kimRow.includes(`Locked until ${formatDateTime(lockedUntil, tz)}`), kimRow);

    assert.match(rowFor(page.body, omar.user.username)!, /Deactivated/);
    const leeRow = rowFor(page.body, lee.user.username)!;
    assert.match(leeRow, /Temporary password \(unused\)/);
    assert.match(leeRow, /Never/);
    const anaRow = rowFor(page.body, ana.user.username)!;
    assert.match(anaRow, /Temporary password — lapsed/);
    assert.ok(anaRow.includes(formatDateTime(now, tz)), 'her last login is shown');
    assert.match(rowFor(page.body, vic.user.username)!, /Volunteer — no email/);
  });

  test('searches by name, username and email, and filters by status', async () => {
    const byName = await admin.get(`${USERS}?q=${encodeURIComponent('maria lop')}`);
    assert.equal(byName.status, 200);
    assert.deepEqual(listedUsernames(byName.body), ['mlopez']);
    assert.deepEqual(listedUsernames((await admin.get(`${USERS}?q=LOPEZ`)).body), ['mlopez']);
    assert.deepEqual(listedUsernames((await admin.get(`${USERS}?q=maria.lopez%40agency`)).body), ['mlopez']);
    assert.deepEqual(listedUsernames((await admin.get(`${USERS}?q=kpar`)).body), ['kpark']);
    const none = await admin.get(`${USERS}?q=nobody-like-this`);
    assert.equal(none.status, 200);
    assert.match(textOf(none.body), /No users match this search\./);

    assert.deepEqual(listedUsernames((await admin.get(`${USERS}?status=locked`)).body), ['kpark']);
    assert.deepEqual(listedUsernames((await admin.get(`${USERS}?status=deactivated`)).body), ['ohaddad']);
    const active = listedUsernames((await admin.get(`${USERS}?status=active`)).body);
    assert.ok(active.includes('mlopez') && active.includes('areyes'));
    assert.ok(!active.includes('kpark') && !active.includes('ohaddad'));
    const all = listedUsernames((await admin.get(`${USERS}?status=all`)).body);
    assert.ok(all.includes('kpark') && all.includes('ohaddad') && all.includes('mlopez'));
    assert.deepEqual(listedUsernames((await admin.get(`${USERS}?q=park&status=deactivated`)).body), []);
  });

  test('an unknown status or page number is a 400 with a clear message, never a 500', async () => {
    const status = await admin.get(`${USERS}?status=frozen`);
    assert.equal(status.status, 400);
    assert.match(textOf(status.body), /Unknown status “frozen”\. Choose one of: all, active, locked, deactivated\./);
    for (const page of ['0', '-1', 'abc', '1.5', '99999999999999999999']) {
      const res = await admin.get(`${USERS}?page=${encodeURIComponent(page)}`);
      assert.equal(res.status, 400, page);
      assert.match(textOf(res.body), /The page number must be a whole number/);
    }
    const repeated = await admin.get(`${USERS}?q=a&q=b`);
    assert.equal(repeated.status, 400);
  });

  test('pages through the list 50 at a time', async () => {
    for (let i = 1; i <= 52; i++) {
      secrets.push((await t.createUser('live', { firstName: 'Quinn', lastName: `Zeller${i}` })).temporaryPassword);
    }
    const first = await admin.get(`${USERS}?q=zeller`);
    assert.equal(bodyRows(first.body).length, 50);
    assert.match(first.body, /href="\/live\/admin\/users\?q=zeller&amp;page=2"[^>]*>Next page/);
    assert.doesNotMatch(first.body, /Previous page/);
    const second = await admin.get(`${USERS}?q=zeller&page=2`);
    assert.equal(second.status, 200);
    assert.equal(bodyRows(second.body).length, 2);
    assert.match(second.body, /Previous page/);
    assert.doesNotMatch(second.body, /Next page/);
    const beyond = await admin.get(`${USERS}?q=zeller&page=3`);
    assert.equal(beyond.status, 200);
    assert.equal(bodyRows(beyond.body).length, 0);
  });

  test('no temporary password reached the logs or the audit log', () => assertSecretsNotRecorded(t, secrets));
});

describe('admin area: creating users', () => {
  let t: TestApp;
  let admin: TestClient;
  let adminUser: User;
  const secrets: string[] = [];

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    const signedIn = await signInAdmin(t, { firstName: 'Alma', lastName: 'Reyes' });
    admin = signedIn.client;
    adminUser = signedIn.user;
    secrets.push(signedIn.temporaryPassword);
  });
  after(() => t.close());

  const create = async (form: Record<string, string>) => {
    await admin.get(`${USERS}/new`);
    return admin.post(`${USERS}/new`, form);
  };

  test('the form has labelled fields, the username convention and the suggestion script', async () => {
    const page = await admin.get(`${USERS}/new`);
    assert.equal(page.status, 200);
    for (const [id, label] of [
      ['firstName', 'First name'],
      ['lastName', 'Last name'],
      ['email', 'Work email'],
      ['isVolunteer', 'Volunteer (no work email required)'],
    ]) {
      assert.ok(page.body.includes(`<label for="field-${id}">${label}</label>`), label);
    }
    assert.match(page.body, /<label for="field-username">Username/);
    // The role is a group of radio buttons under one legend; case manager, the common case, is chosen.
    assert.match(page.body, /<legend>Role<\/legend>/);
    assert.match(page.body, /<fieldset id="field-role" class="choices"/);
    assert.match(page.body, /<input id="field-role-case_manager" name="role" type="radio" value="case_manager" checked/);
    assert.match(page.body, /<label for="field-role-case_manager">Case manager<\/label>/);
    assert.match(page.body, /<input id="field-role-admin" name="role" type="radio" value="admin" aria-describedby/);
    assert.match(page.body, /<label for="field-role-admin">HMIS administrator<\/label>/);
    assert.ok(textOf(page.body).includes('Leave empty to use first initial + last name (John Doe → jdoe)'));
    assert.match(page.body, /<script src="\/assets\/admin.js" defer><\/script>/);
    assert.match(page.body, /data-suggest-url="\/live\/admin\/users\/suggest-username"/);
    const script = await admin.get('/assets/admin.js');
    assert.equal(script.status, 200);
    assert.match(script.body, /suggestUrl/);
    // The list page does not load it.
    assert.doesNotMatch((await admin.get(USERS)).body, /admin\.js/);
  });

  test('suggest-username gives the conventional username, with a number once it is taken', async () => {
    const suggest = async (firstName: string, lastName: string) => {
      const res = await admin.get(`${USERS}/suggest-username?${new URLSearchParams({ firstName, lastName })}`);
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /application\/json/);
      return (JSON.parse(res.body) as { username: string | null }).username;
    };
    assert.equal(await suggest('John', 'Doe'), 'jdoe');
    assert.equal(await suggest('Zoë', 'Ñúñez'), 'znunez');
    assert.equal(await suggest('', ''), null);
    assert.equal(await suggest('李', '王'), null);
    secrets.push((await t.createUser('live', { firstName: 'John', lastName: 'Doe' })).temporaryPassword);
    assert.equal(await suggest('John', 'Doe'), 'jdoe2');
  });

  test('creating John Doe uses the next conventional username and shows the temporary password once', async () => {
    const page = await create({ firstName: 'John', lastName: 'Doe', email: 'john.doe2@agency.example', role: 'case_manager', username: '' });
    assert.equal(page.status, 201);
    assert.equal(page.headers['cache-control'], 'no-store');
    const text = textOf(page.body);
    assert.match(text, /Account created/);
    assert.match(text, /Username jdoe2/);
    const secret = secretOn(page);
    secrets.push(secret);
    assert.ok(
      text.includes(
        'Give this temporary password to John Doe in person or by phone — never by email. It works for one login within 72 hours; they will then be asked to create their own password.',
      ),
      text,
    );
    const user = await t.sites.live.accounts.getByUsername('jdoe2');
    assert.equal(user.email, 'john.doe2@agency.example');
    assert.equal(user.passwordIsTemporary, true);
    assert.equal(user.role, 'case_manager');
    const audit = await t.sites.live.audit.list(t.sites.live.db, { username: 'jdoe2', event: 'account.created' });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actorUsername, adminUser.username);
    assert.equal(audit[0]!.ip, '127.0.0.1');
  });

  test('the temporary password works for exactly one login', async () => {
    const page = await create({ firstName: 'Pat', lastName: 'Quill', email: 'pat.quill@agency.example', role: 'case_manager' });
    assert.equal(page.status, 201);
    const secret = secretOn(page);
    secrets.push(secret);
    const first = await t.client().login('live', 'pquill', secret);
    assert.equal(first.status, 303);
    assert.equal(first.location, '/live/password/expired');
    const second = await t.client().login('live', 'pquill', secret);
    assert.equal(second.status, 401);
    const listed = rowFor((await admin.get(`${USERS}?q=pquill`)).body, 'pquill')!;
    assert.match(listed, /Temporary password — lapsed/);
  });

  test('a requested username is used as typed (normalized to lowercase)', async () => {
    const page = await create({ firstName: 'Jo', lastName: 'Doe', email: 'jo@agency.example', role: 'admin', username: 'JD.Custom' });
    assert.equal(page.status, 201);
    secrets.push(secretOn(page));
    assert.match(textOf(page.body), /Username jd\.custom/);
    const user = await t.sites.live.accounts.getByUsername('jd.custom');
    assert.equal(user.role, 'admin');
  });

  test('a username already taken is refused and every typed value is kept', async () => {
    const page = await create({
      firstName: 'Jim',
      lastName: 'Dough',
      email: 'jim@agency.example',
      isVolunteer: 'on',
      role: 'admin',
      username: 'jdoe',
    });
    assert.equal(page.status, 422);
    assert.match(textOf(page.body), /The username jdoe is already taken\. Choose another, or leave it empty for a suggestion\./);
    assert.match(page.body, /id="field-firstName" name="firstName" type="text" value="Jim"/);
    assert.match(page.body, /name="lastName" type="text" value="Dough"/);
    assert.match(page.body, /name="email" type="email" value="jim@agency.example"/);
    assert.match(page.body, /name="isVolunteer" type="checkbox" value="on" checked/);
    assert.match(page.body, /name="role" type="radio" value="admin" checked/);
    assert.match(page.body, /name="username" type="text" value="jdoe"/);
    assert.match(page.body, /aria-invalid="true"/);
    assert.equal((await t.sites.live.db.selectFrom('users').select('id').where('last_name', '=', 'Dough').execute()).length, 0);
  });

  test('an unusable requested username is refused with the rules', async () => {
    const page = await create({ firstName: 'Jim', lastName: 'Dough', email: 'jim@agency.example', role: 'case_manager', username: '9 lives' });
    assert.equal(page.status, 422);
    assert.match(textOf(page.body), /Usernames must be 2 to 40 characters long, start with a letter/);
  });

  test('a volunteer may have no email; anyone else must have one, and it must be valid', async () => {
    const volunteer = await create({ firstName: 'Val', lastName: 'Ortiz', email: '', isVolunteer: 'on', role: 'case_manager' });
    assert.equal(volunteer.status, 201);
    secrets.push(secretOn(volunteer));
    const user = await t.sites.live.accounts.getByUsername('vortiz');
    assert.equal(user.email, null);
    assert.equal(user.isVolunteer, true);
    assert.match(rowFor((await admin.get(USERS)).body, 'vortiz')!, /Volunteer — no email/);

    const noEmail = await create({ firstName: 'Nia', lastName: 'Brooks', email: '', role: 'case_manager' });
    assert.equal(noEmail.status, 422);
    assert.match(textOf(noEmail.body), /Enter the work email address\. Only volunteers may have no email\./);
    assert.match(noEmail.body, /value="Nia"/);

    const badEmail = await create({ firstName: 'Nia', lastName: 'Brooks', email: 'nia at agency', role: 'case_manager' });
    assert.equal(badEmail.status, 422);
    assert.match(textOf(badEmail.body), /Enter one email address, like jane\.doe@agency\.org, and nothing else/);
    assert.match(badEmail.body, /value="nia at agency"/);

    const noName = await create({ firstName: '', lastName: '', email: 'x@agency.example', role: 'superuser' });
    assert.equal(noName.status, 422);
    const text = textOf(noName.body);
    assert.match(text, /Enter a first name\./);
    assert.match(text, /Enter a last name\./);
    assert.match(text, /Choose a role\./);
    assert.equal((await t.sites.live.db.selectFrom('users').select('id').where('last_name', '=', 'Brooks').execute()).length, 0);
  });

  test('S28 the email field takes exactly one plain address: a list, a display name, a comment or brackets get a 422 and nothing is saved', async () => {
    for (const email of ['nia@agency.example,attacker@evil.example', 'nia@agency.example; attacker@evil.example', 'Nia Brooks <attacker@evil.example>', 'nia<attacker@evil.example>', 'nia@agency.example (Nia)', '"nia"@agency.example', 'nia @agency.example']) {
      const page = await create({ firstName: 'Nia', lastName: 'Brooks', email, role: 'case_manager' });
      assert.equal(page.status, 422, email);
      assert.match(textOf(page.body), /Enter one email address, like jane\.doe@agency\.org, and nothing else: no name, no second address, no brackets or spaces\./, email);
    }
    assert.equal((await t.sites.live.db.selectFrom('users').select('id').where('last_name', '=', 'Brooks').execute()).length, 0);
  });

  test('S28 the Users page lists accounts whose stored email is not one plain address, linked to their edit form', async () => {
    const { user } = await t.createUser('live', { firstName: 'Old', lastName: 'Import', email: 'old.import@agency.example' });
    assert.doesNotMatch(textOf((await admin.get(USERS)).body), /not one plain address/);
    await t.sites.live.db.updateTable('users').set({ email: 'old.import@agency.example,attacker@evil.example' }).where('id', '=', user.id).execute();
    const page = await admin.get(USERS);
    assert.match(textOf(page.body), /One account has an email that is not one plain address \(a list, or a name with the address\), so Hearth sends them no mail, not even a reset link\./);
    assert.ok(page.body.includes(`<a href="${USERS}/${user.id}/edit">${user.username}</a>: <code>old.import@agency.example,attacker@evil.example</code>`), textOf(page.body));
    secrets.push((await t.sites.live.accounts.issueTemporaryPassword(user.id, { userId: null, username: 'test', ip: null })).temporaryPassword);
  });

  test('no temporary password reached the logs or the audit log', () => assertSecretsNotRecorded(t, secrets));
});

describe("admin area: managing a user's account", () => {
  let t: TestApp;
  let admin: TestClient;
  let adminUser: User;
  const secrets: string[] = [];

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    const signedIn = await signInAdmin(t, { firstName: 'Alma', lastName: 'Reyes' });
    admin = signedIn.client;
    adminUser = signedIn.user;
    secrets.push(signedIn.temporaryPassword);
  });
  after(() => t.close());

  const act = async (userId: number, action: string, form: Record<string, string> = {}) => {
    await admin.get(`${USERS}/${userId}`);
    return admin.post(`${USERS}/${userId}/${action}`, form);
  };

  test("the user's page shows every account field, the actions and recent activity", async () => {
    const maria = await signIn(t, { firstName: 'Maria', lastName: 'Lopez', email: 'maria@agency.example' });
    secrets.push(maria.temporaryPassword);
    const page = await admin.get(`${USERS}/${maria.user.id}`);
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    const tz = t.config.timeZone;
    const now = t.clock.now();
    for (const fact of [
      'Username mlopez',
      'Name Maria Lopez',
      'Work email maria@agency.example',
      'Volunteer No',
      'Role Case manager',
      'Status Active',
      `Created ${formatDateTime(maria.user.createdAt, tz)}`,
      `Last login ${formatDateTime(now, tz)}`,
      `Password set ${formatDateTime(now, tz)}`,
      `Password expires ${formatDateTime(new Date(now.getTime() + 60 * DAY), tz)}`,
      'Failed sign-ins in a row 0',
      'Locked until Not locked',
    ]) {
      assert.ok(text.includes(fact), fact);
    }
    assert.match(text, /Issuing a temporary password replaces mlopez’s current password and signs them out everywhere\./);
    assert.match(page.body, /action="\/live\/admin\/users\/\d+\/temporary-password"/);
    assert.match(page.body, /action="\/live\/admin\/users\/\d+\/deactivate"/);
    assert.match(page.body, /action="\/live\/admin\/users\/\d+\/edit"/);
    assert.doesNotMatch(page.body, /\/unlock"/, 'no unlock button when not locked');
    assert.doesNotMatch(page.body, /\/reactivate"/);
    // Every form carries the CSRF token.
    const forms = page.body.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [];
    assert.ok(forms.length >= 4);
    for (const form of forms) assert.match(form, /name="_csrf" value="[^"]+"/);
    // Recent activity: her account creation and sign-ins, linking to the full log.
    assert.match(text, /Recent activity/);
    assert.match(text, /Account created/);
    assert.match(text, /Signed in/);
    assert.match(text, /Password changed/);
    assert.match(page.body, /href="\/live\/admin\/audit\?username=mlopez"/);
  });

  test('your own page has no deactivate button', async () => {
    const page = await admin.get(`${USERS}/${adminUser.id}`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.body, /\/deactivate"/);
    assert.match(textOf(page.body), /You cannot deactivate your own account\./);
  });

  test('a non-numeric or unknown id is a 404 page', async () => {
    for (const id of ['abc', '0', '-1', '1.5', '99999', '99999999999', '1e3']) {
      const page = await admin.get(`${USERS}/${id}`);
      assert.equal(page.status, 404, id);
      assert.match(page.headers['content-type'] as string, /text\/html/);
    }
    await admin.get(USERS);
    for (const action of ['temporary-password', 'unlock', 'deactivate', 'reactivate', 'edit']) {
      const page = await admin.post(`${USERS}/99999/${action}`, { firstName: 'A', lastName: 'B', email: 'a@b.example', role: 'case_manager' });
      assert.equal(page.status, 404, action);
      const junk = await admin.post(`${USERS}/abc/${action}`);
      assert.equal(junk.status, 404, action);
    }
  });

  test("issuing a temporary password ends the user's sessions and replaces their password", async () => {
    const kim = await signIn(t, { firstName: 'Kim', lastName: 'Park' });
    secrets.push(kim.temporaryPassword);
    assert.equal((await kim.client.get('/live/')).status, 200);

    const page = await act(kim.user.id, 'temporary-password');
    assert.equal(page.status, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    const text = textOf(page.body);
    assert.match(text, /Temporary password issued/);
    assert.match(text, /Kim Park’s previous password no longer works, and they have been signed out everywhere\./);
    assert.match(text, /Give this temporary password to Kim Park in person or by phone — never by email\./);
    const secret = secretOn(page);
    secrets.push(secret);

    const old = await kim.client.get('/live/');
    assert.equal(old.status, 303);
    assert.match(old.location ?? '', /^\/live\/login/);
    assert.equal((await t.client().login('live', 'kpark', NEW_PASSWORD)).status, 401);
    const fresh = await t.client().login('live', 'kpark', secret);
    assert.equal(fresh.status, 303);
    assert.equal(fresh.location, '/live/password/expired');

    const audit = await t.sites.live.audit.list(t.sites.live.db, { username: 'kpark', event: 'password.temporary_issued' });
    assert.equal(audit[0]!.actorUsername, adminUser.username);
  });

  test('deactivating ends their sessions and stops them signing in; reactivating lets them back', async () => {
    const omar = await signIn(t, { firstName: 'Omar', lastName: 'Haddad' });
    secrets.push(omar.temporaryPassword);
    assert.equal((await omar.client.get('/live/')).status, 200);

    const page = await act(omar.user.id, 'deactivate');
    assert.equal(page.status, 303);
    assert.equal(page.location, `${USERS}/${omar.user.id}?done=deactivated`);
    const shown = await admin.follow(page);
    assert.equal(shown.status, 200);
    const text = textOf(shown.body);
    assert.match(text, /The account is deactivated\. They were signed out everywhere and cannot sign in\./);
    assert.match(text, /Status Deactivated/);
    assert.match(shown.body, /\/reactivate"/);
    assert.doesNotMatch(shown.body, /\/deactivate"/);

    const old = await omar.client.get('/live/');
    assert.equal(old.status, 303);
    assert.match(old.location ?? '', /^\/live\/login/);
    assert.equal((await t.client().login('live', 'ohaddad', NEW_PASSWORD)).status, 401);

    const again = await act(omar.user.id, 'reactivate');
    assert.equal(again.status, 303);
    assert.equal(again.location, `${USERS}/${omar.user.id}?done=reactivated`);
    assert.match(textOf((await admin.follow(again)).body), /The account is reactivated\./);
    const back = await t.client().login('live', 'ohaddad', NEW_PASSWORD);
    assert.equal(back.status, 303);
    assert.equal(back.location, '/live/');

    const events = (await t.sites.live.audit.list(t.sites.live.db, { username: 'ohaddad' })).map((e) => e.event);
    assert.ok(events.includes('account.deactivated') && events.includes('account.reactivated'));
  });

  test('unlock clears a lock made by repeated failed sign-ins', async () => {
    const lee = await signIn(t, { firstName: 'Lee', lastName: 'Chan' });
    secrets.push(lee.temporaryPassword);
    await failLogins(t.client(), 'lchan', t.config.lockoutThreshold);
    assert.equal((await t.client().login('live', 'lchan', NEW_PASSWORD)).status, 401);

    const locked = await admin.get(`${USERS}/${lee.user.id}`);
    const lockedUntil = (await userRow(t, lee.user.id)).lockedUntil!;
    assert.ok(textOf(locked.body).includes(`Status Locked until ${formatDateTime(lockedUntil, t.config.timeZone)}`));
    assert.match(textOf(locked.body), /Failed sign-ins in a row 5/);
    assert.match(locked.body, /\/unlock"/);

    const page = await act(lee.user.id, 'unlock');
    assert.equal(page.status, 303);
    assert.equal(page.location, `${USERS}/${lee.user.id}?done=unlocked`);
    const shown = await admin.follow(page);
    assert.match(textOf(shown.body), /The account is unlocked\./);
    assert.match(textOf(shown.body), /Status Active/);
    const after = await userRow(t, lee.user.id);
    assert.equal(after.lockedUntil, null);
    assert.equal(after.failedLoginCount, 0);
    assert.equal((await t.client().login('live', 'lchan', NEW_PASSWORD)).status, 303);
  });

  test('editing name, email, volunteer flag and role is saved and audited', async () => {
    const ana = await t.createUser('live', { firstName: 'Ana', lastName: 'Silva', email: 'ana@agency.example' });
    secrets.push(ana.temporaryPassword);
    const page = await act(ana.user.id, 'edit', {
      firstName: 'Anabel',
      lastName: 'Silva-Costa',
      email: 'Anabel.Costa@Agency.example',
      role: 'admin',
    });
    assert.equal(page.status, 303);
    assert.equal(page.location, `${USERS}/${ana.user.id}?done=saved`);
    const text = textOf((await admin.follow(page)).body);
    assert.match(text, /Your changes are saved\./);
    assert.match(text, /Name Anabel Silva-Costa/);
    assert.match(text, /Work email anabel\.costa@agency\.example/);
    assert.match(text, /Role HMIS administrator/);
    const after = await userRow(t, ana.user.id);
    assert.equal(after.firstName, 'Anabel');
    assert.equal(after.role, 'admin');
    assert.equal(after.username, 'asilva', 'the username never changes');

    const changed = await t.sites.live.audit.list(t.sites.live.db, { username: 'asilva', event: 'account.changed' });
    assert.equal(changed.length, 1);
    assert.equal(changed[0]!.actorUsername, adminUser.username);
    assert.deepEqual(changed[0]!.details, { fields: 'first_name, last_name, email, role', role: 'admin' });

    const volunteer = await act(ana.user.id, 'edit', { firstName: 'Anabel', lastName: 'Silva-Costa', email: '', isVolunteer: 'on', role: 'case_manager' });
    assert.equal(volunteer.status, 303);
    const again = await userRow(t, ana.user.id);
    assert.equal(again.email, null);
    assert.equal(again.isVolunteer, true);
    assert.equal(again.role, 'case_manager');
    const rows = await t.sites.live.audit.list(t.sites.live.db, { username: 'asilva', event: 'account.changed' });
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[0]!.details, { fields: 'email, is_volunteer, role', role: 'case_manager' });
  });

  test('an invalid edit is refused with the typed values kept', async () => {
    const vic = await t.createUser('live', { firstName: 'Vic', lastName: 'Tran', email: 'vic@agency.example' });
    secrets.push(vic.temporaryPassword);
    const page = await act(vic.user.id, 'edit', { firstName: '', lastName: 'Tranh', email: 'not-an-email', role: 'case_manager' });
    assert.equal(page.status, 422);
    const text = textOf(page.body);
    assert.match(text, /Please correct the highlighted fields\./);
    assert.match(text, /Enter a first name\./);
    assert.match(text, /Enter one email address/);
    assert.match(page.body, /name="lastName" type="text" value="Tranh"/);
    assert.match(page.body, /name="email" type="email" value="not-an-email"/);
    const after = await userRow(t, vic.user.id);
    assert.equal(after.lastName, 'Tran');
    assert.equal(after.email, 'vic@agency.example');
  });

  test('no temporary password reached the logs or the audit log', () => assertSecretsNotRecorded(t, secrets));
});

describe('admin area: the last administrator', () => {
  let t: TestApp;
  let admin: TestClient;
  let adminUser: User;

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    const signedIn = await signInAdmin(t, { firstName: 'Alma', lastName: 'Reyes' });
    admin = signedIn.client;
    adminUser = signedIn.user;
  });
  after(() => t.close());

  const ownForm = { firstName: 'Alma', lastName: 'Reyes', email: 'alma@agency.example', role: 'case_manager' };

  test('cannot demote themselves (409) or deactivate themselves (403)', async () => {
    await admin.get(`${USERS}/${adminUser.id}`);
    const demote = await admin.post(`${USERS}/${adminUser.id}/edit`, ownForm);
    assert.equal(demote.status, 409);
    assert.match(textOf(demote.body), /areyes is the only active HMIS administrator; make someone else an administrator first\./);
    assert.equal((await userRow(t, adminUser.id)).role, 'admin');

    const deactivate = await admin.post(`${USERS}/${adminUser.id}/deactivate`);
    assert.equal(deactivate.status, 403);
    assert.match(textOf(deactivate.body), /You cannot deactivate your own account\./);
    assert.equal((await userRow(t, adminUser.id)).deactivatedAt, null);
    assert.equal((await admin.get(USERS)).status, 200, 'still an administrator');
  });

  test('with another administrator, demoting yourself works and the admin area closes to you', async () => {
    const other = await signInAdmin(t, { firstName: 'Bea', lastName: 'Nolan' });
    await admin.get(`${USERS}/${adminUser.id}`);
    const demote = await admin.post(`${USERS}/${adminUser.id}/edit`, ownForm);
    assert.equal(demote.status, 303);
    assert.equal(demote.location, '/live/');
    assert.equal((await admin.get(USERS)).status, 403);

    // Now Bea is the last one.
    await other.client.get(`${USERS}/${other.user.id}`);
    const refused = await other.client.post(`${USERS}/${other.user.id}/edit`, { firstName: 'Bea', lastName: 'Nolan', email: 'bea@agency.example', role: 'case_manager' });
    assert.equal(refused.status, 409);
    assert.equal((await userRow(t, other.user.id)).role, 'admin');
  });
});
