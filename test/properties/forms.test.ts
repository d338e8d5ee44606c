import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import * as OTPAuth from 'otpauth';
import { SYSTEM_ACTOR } from '../../src/audit/audit-log.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { linkIn, pathOf, TestClient, textOf } from '../helpers/client.js';

/**
 * Every form endpoint, fed random and hostile input: huge, empty, control characters, invalid
 * UTF-8, SQL and HTML payloads, repeated fields, wrong content types. Never a 500 or a stack trace,
 * always a readable page, and a refused request changes nothing stored.
 *
 * Reproduce a failure with the seed it prints: HEARTH_FC_SEED=… HEARTH_FC_RUNS=… node --import tsx --test test/properties/forms.test.ts
 */
const SEED = Number(process.env.HEARTH_FC_SEED ?? 20_261_127);
const NUM_RUNS = Number(process.env.HEARTH_FC_RUNS ?? 40);
const BODY_LIMIT_PROBE = 100 * 1024;

type ClientRole = 'anonymous' | 'admin' | 'user' | 'changer' | 'leaver' | 'coder';

interface Endpoint {
  /** The route as Fastify lists it. */
  route: string;
  /** Who sends it: the endpoint's real audience, so the fuzz reaches the handler and not just the login redirect. */
  as: ClientRole;
  fields: string[];
}

/** Every POST route of a site. A new one must be added here (the first test fails until it is). */
const ENDPOINTS: Endpoint[] = [
  { route: '/live/login', as: 'anonymous', fields: ['username', 'password', 'next'] },
  { route: '/live/login/code', as: 'coder', fields: ['code', 'next'] },
  { route: '/live/login/recovery', as: 'coder', fields: ['code', 'next'] },
  { route: '/live/logout', as: 'leaver', fields: [] },
  { route: '/live/forgot-password', as: 'anonymous', fields: ['username', 'email'] },
  { route: '/live/reset/:token', as: 'anonymous', fields: ['newPassword', 'confirmPassword', 'username'] },
  { route: '/live/password/expired', as: 'changer', fields: ['newPassword', 'confirmPassword'] },
  { route: '/live/password/change', as: 'user', fields: ['currentPassword', 'newPassword', 'confirmPassword'] },
  { route: '/live/security/second-factor/enrol', as: 'user', fields: ['ticket', 'code'] },
  { route: '/live/security/second-factor/recovery-codes', as: 'user', fields: ['currentPassword'] },
  { route: '/live/security/second-factor/remove', as: 'user', fields: ['currentPassword'] },
  { route: '/live/security/sessions/end-others', as: 'user', fields: [] },
  { route: '/live/admin/users/new', as: 'admin', fields: ['firstName', 'lastName', 'email', 'isVolunteer', 'role', 'username', 'agencies'] },
  { route: '/live/admin/users/:id/edit', as: 'admin', fields: ['firstName', 'lastName', 'email', 'isVolunteer', 'role', 'agencies'] },
  { route: '/live/admin/users/:id/temporary-password', as: 'admin', fields: [] },
  { route: '/live/admin/users/:id/unlock', as: 'admin', fields: [] },
  { route: '/live/admin/users/:id/deactivate', as: 'admin', fields: [] },
  { route: '/live/admin/users/:id/reactivate', as: 'admin', fields: [] },
  { route: '/live/admin/users/:id/second-factor/reset', as: 'admin', fields: [] },
  // Fastify registers a prefixed '/' both with and without the trailing slash.
  { route: '/live/admin/settings', as: 'admin', fields: ['secondFactorPolicy'] },
  { route: '/live/admin/settings/', as: 'admin', fields: ['secondFactorPolicy'] },
  // The Live site refuses (403): it never holds generated training data.
  { route: '/live/admin/training-data', as: 'admin', fields: ['confirm'] },
  { route: '/live/admin/training-data/', as: 'admin', fields: ['confirm'] },
  { route: '/live/agencies/new', as: 'admin', fields: ['name', 'commonName', 'victimServiceProvider'] },
  { route: '/live/agencies/:id/edit', as: 'admin', fields: ['name', 'commonName', 'victimServiceProvider'] },
  { route: '/live/projects/new', as: 'admin', fields: ['organizationId', 'name', 'commonName', 'projectType', 'operatingStartDate', 'operatingEndDate', 'continuumProject', 'housingType', 'rrhSubType', 'residentialAffiliation', 'targetPopulation', 'hopwaMedAssistedLivingFac'] },
  { route: '/live/projects/:id/edit', as: 'admin', fields: ['name', 'commonName', 'projectType', 'operatingStartDate', 'operatingEndDate', 'continuumProject', 'housingType', 'rrhSubType', 'residentialAffiliation', 'targetPopulation', 'hopwaMedAssistedLivingFac'] },
  // A project's set-up records (KIND: cocs, funders, inventory, affiliations, hmis-participation, ce-participation).
  { route: '/live/projects/:id/:kind/new', as: 'admin', fields: ['cocCode', 'geocode', 'funder', 'grantId', 'startDate', 'endDate', 'householdType', 'otherBedInventory', 'unitInventory', 'accessPoint', 'services', 'confirmWarnings'] },
  { route: '/live/projects/:id/:kind/:recordId', as: 'admin', fields: ['cocCode', 'geocode', 'funder', 'grantId', 'startDate', 'endDate', 'householdType', 'otherBedInventory', 'unitInventory', 'accessPoint', 'services', 'confirmWarnings'] },
  { route: '/live/projects/:id/:kind/:recordId/delete', as: 'admin', fields: [] },
  { route: '/live/clients/new', as: 'user', fields: ['firstName', 'middleName', 'lastName', 'nameSuffix', 'nameDataQuality', 'ssn', 'ssnDataQuality', 'dob', 'dobDataQuality', 'races', 'raceNone', 'additionalRaceEthnicity', 'sex', 'veteranStatus', 'confirm', 'dismissedDuplicates'] },
  { route: '/live/clients/:id/edit', as: 'user', fields: ['firstName', 'middleName', 'lastName', 'nameSuffix', 'nameDataQuality', 'ssn', 'ssnDataQuality', 'dob', 'dobDataQuality', 'races', 'raceNone', 'additionalRaceEthnicity', 'sex', 'veteranStatus'] },
  // Enrollments: an administrator may enroll into any agency's projects, so the fuzz reaches past the access check.
  { route: '/live/enrollments/new', as: 'admin', fields: ['client', 'projectId', 'entryDate', 'members', 'enrollmentCoc', 'm0.relationshipToHoH', 'm0.disablingCondition', 'm0.livingSituation', 'm0.rentalSubsidyType', 'm0.lengthOfStay', 'm0.previousStreetEssh', 'm0.dateToStreetEssh', 'm0.timesHomelessPastThreeYears', 'm0.monthsHomelessPastThreeYears'] },
  { route: '/live/enrollments/:id/edit', as: 'admin', fields: ['entryDate', 'relationshipToHoH', 'disablingCondition', 'livingSituation', 'rentalSubsidyType', 'lengthOfStay', 'previousStreetEssh', 'dateToStreetEssh', 'timesHomelessPastThreeYears', 'monthsHomelessPastThreeYears', 'enrollmentCoc'] },
  { route: '/live/enrollments/:id/exit', as: 'admin', fields: ['scope', 'exitDate', 'destination', 'destinationSubsidyType', 'otherDestination'] },
  { route: '/live/enrollments/:id/exit/edit', as: 'admin', fields: ['exitDate', 'destination', 'destinationSubsidyType', 'otherDestination'] },
  { route: '/live/enrollments/:id/head', as: 'admin', fields: ['newHead'] },
  { route: '/live/enrollments/:id/members/new', as: 'admin', fields: ['personalId', 'entryDate', 'relationshipToHoH', 'disablingCondition', 'livingSituation', 'rentalSubsidyType', 'lengthOfStay', 'previousStreetEssh', 'dateToStreetEssh', 'timesHomelessPastThreeYears', 'monthsHomelessPastThreeYears'] },
  { route: '/live/clients/:id/ssn', as: 'user', fields: [] },
  { route: '/live/clients/:id/merge', as: 'admin', fields: ['other', 'keep', 'confirm'] },
  // Program-specific data elements (issue 12): stage forms, check-in, contacts, move-in, coordinated entry.
  { route: '/live/enrollments/:id/assessments/new', as: 'admin', fields: ['informationDate', 'm0.enrollmentId', 'm0.incomeFromAnySource', 'm0.earnedAmount', 'm0.benefitsFromAnySource', 'm0.benefits', 'm0.insuranceFromAnySource', 'm0.insurance', 'm0.disability5', 'm0.impairs5', 'm0.domesticViolenceSurvivor', 'm0.whenOccurred', 'm0.currentlyFleeing', 'confirmWarnings'] },
  { route: '/live/enrollments/:id/assessments/:stage/:date/edit', as: 'admin', fields: ['informationDate', 'm0.enrollmentId', 'm0.incomeFromAnySource', 'm0.earnedAmount', 'm0.disability5', 'm0.domesticViolenceSurvivor'] },
  { route: '/live/projects/:id/check-in', as: 'admin', fields: ['night', 'enrollment', 'household', 'client', 'q'] },
  { route: '/live/projects/:id/check-in/remove', as: 'admin', fields: ['night', 'enrollment'] },
  { route: '/live/enrollments/:id/bed-nights/:servicesId/delete', as: 'admin', fields: [] },
  { route: '/live/enrollments/:id/contacts/new', as: 'admin', fields: ['informationDate', 'currentLivingSituation', 'clsSubsidyType', 'leaveSituation14Days', 'locationDetails', 'verifiedBy'] },
  { route: '/live/enrollments/:id/contacts/:contactId/edit', as: 'admin', fields: ['informationDate', 'currentLivingSituation', 'clsSubsidyType', 'leaveSituation14Days', 'locationDetails', 'verifiedBy'] },
  { route: '/live/enrollments/:id/contacts/:contactId/delete', as: 'admin', fields: [] },
  { route: '/live/enrollments/:id/ce-assessments/:recordId/delete', as: 'admin', fields: [] },
  { route: '/live/enrollments/:id/ce-events/:recordId/delete', as: 'admin', fields: [] },
  { route: '/live/enrollments/:id/engagement', as: 'admin', fields: ['dateOfEngagement'] },
  { route: '/live/enrollments/:id/move-in', as: 'admin', fields: ['moveInDate'] },
  { route: '/live/enrollments/:id/ce-assessments/new', as: 'admin', fields: ['assessmentDate', 'assessmentLocation', 'assessmentType', 'assessmentLevel', 'prioritizationStatus'] },
  { route: '/live/enrollments/:id/ce-events/new', as: 'admin', fields: ['eventDate', 'event', 'probSolDivRrResult', 'referralCaseManageAfter', 'locationCrisisOrPhHousing', 'referralResult', 'resultDate'] },
  // HUD CSV exports (issue 13).
  { route: '/live/exports', as: 'admin', fields: ['from', 'to', 'projectIds', 'cocCode', 'directive', 'hash'] },
  // HUD reports (issue 15).
  { route: '/live/reports', as: 'admin', fields: ['kind', 'from', 'to', 'projectIds', 'cocCode'] },
  // HUD CSV imports (issue 13): without a zip, and of an upload that is not there.
  { route: '/live/imports', as: 'admin', fields: ['file'] },
  { route: '/live/imports/:id', as: 'admin', fields: ['confirm'] },
];

/** Payloads that must never come back unescaped (S48). */
const MARKUP = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '" autofocus onfocus="alert(1)',
];
const HOSTILE = [
  ...MARKUP,
  "'; drop table users; --",
  "' OR '1'='1",
  'admin\'--',
  '\u0000',
  'a\u0000b',
  '\r\nSet-Cookie: planted=1',
  '../../../etc/passwd',
  '%00',
  '%',
  '%zz',
  '${7*7}{{7*7}}',
  '\uD800',
  'a\uDFFFb',
  '\uFEFF\u202E\u200B',
  'é'.normalize('NFD'),
  '🏠🔥'.repeat(50),
  ' ',
  '',
];
/** Plausible values, so some requests get past the first check. */
const PLAUSIBLE = ['Jane', 'Doe', 'jane.doe@agency.example', 'case_manager', 'admin', 'on', 'true', '1', '/live/', 'https://evil.example/', 'Meadow-Lark-2026'];
/** Tag-like keys and keys that could pollute a prototype. */
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'username[]', 'a[b][c]', '_csrf[]', ''];
const ID_PARAMS = ['999999', '0', '-1', 'abc', '1e3', '99999999999', '2147483648', ' 1', '1.0', '0x1', '%00', '..', 'null'];
const CONTENT_TYPES = [
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=----hearth',
  'application/xml',
  'application/octet-stream',
  'text/html',
  'application/x-www-form-urlencoded; charset=iso-8859-1',
  'APPLICATION/X-WWW-FORM-URLENCODED',
  'application/x-www-form-urlencoded;;;=',
  'application/x-www-form-urlencoded, application/json',
  '',
];
/** Raw urlencoded bodies that are not valid UTF-8 or not valid urlencoding. */
const RAW_BODIES: (string | number[])[] = [
  'username=%FF%FE&password=%C3%28',
  'username=%ED%A0%80&email=%F4%90%80%80',
  'username=%&email=%%%',
  'a=b=c&&&=&==',
  [0x75, 0x73, 0x65, 0x72, 0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xff, 0xfe, 0xc3, 0x28, 0x00],
  [0xef, 0xbb, 0xbf, 0x3d, 0x3d],
];

type Csrf = 'valid' | 'missing' | 'wrong' | 'twice';
type FieldValue = string | string[];
type Fields = [string, FieldValue][];
type Request =
  | { kind: 'form' | 'json'; csrf: Csrf; fields: Fields; param: string }
  | { kind: 'bytes'; csrf: Csrf; bytes: number[]; param: string }
  | { kind: 'raw'; contentType: string | undefined; payload: string; param: string };

const controlChars = fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), maxLength: 12 });

const value: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: controlChars },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.constantFrom(...PLAUSIBLE) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 12_000 }).map((n) => 'x'.repeat(n)) },
);

function requestArbitrary(endpoint: Endpoint, params: fc.Arbitrary<string>): fc.Arbitrary<Request> {
  const name = fc.oneof(
    { weight: 5, arbitrary: endpoint.fields.length ? fc.constantFrom(...endpoint.fields) : fc.constant('note') },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_KEYS) },
    { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
  );
  const fieldValue: fc.Arbitrary<FieldValue> = fc.oneof(
    { weight: 5, arbitrary: value },
    { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 3 }) },
  );
  const fields = fc.array(fc.tuple(name, fieldValue), { maxLength: 7 });
  const csrf = fc.constantFrom<Csrf>('valid', 'valid', 'valid', 'valid', 'missing', 'wrong', 'twice');
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('form' as const), csrf, fields, param: params }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('json' as const), csrf, fields, param: params }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('bytes' as const),
        csrf,
        bytes: fc.oneof(
          fc.constantFrom(...RAW_BODIES).map((b) => (typeof b === 'string' ? [...Buffer.from(b, 'latin1')] : b)),
          fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 120 }),
        ),
        param: params,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('raw' as const),
        contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }),
        payload: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('{"_csrf":', '--garbage--\r\n\r\n', '<x/>', '[]', 'null', '"x"')),
        param: params,
      }),
    },
  );
}

/** A client's cookies as a header, and the cookies a response sets or clears kept, as a browser would. */
function cookieHeader(client: TestClient): string | undefined {
  return client.cookies.size ? [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
}
function keepCookies(client: TestClient, response: LightMyRequestResponse) {
  for (const cookie of response.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
    const cleared = cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.maxAge === 0;
    if (cleared) client.cookies.delete(cookie.name);
    else client.cookies.set(cookie.name, cookie.value);
  }
}

function csrfFields(csrf: Csrf, token: string): Fields {
  if (csrf === 'valid') return [['_csrf', token]];
  if (csrf === 'wrong') return [['_csrf', `${token.slice(0, -4)}AAAA`]];
  if (csrf === 'twice') return [['_csrf', [token, token]]];
  return [];
}

function built(request: Request, token: string): { contentType: string | undefined; payload: string | Buffer } {
  switch (request.kind) {
    case 'form': {
      const params = new URLSearchParams();
      for (const [key, v] of [...csrfFields(request.csrf, token), ...request.fields]) {
        for (const one of Array.isArray(v) ? v : [v]) params.append(key, one);
      }
      return { contentType: 'application/x-www-form-urlencoded', payload: params.toString() };
    }
    case 'json': {
      const object: Record<string, FieldValue> = {};
      for (const [key, v] of [...csrfFields(request.csrf, token), ...request.fields]) {
        Object.defineProperty(object, key, { value: v, enumerable: true, configurable: true, writable: true });
      }
      return { contentType: 'application/json', payload: JSON.stringify(object) };
    }
    case 'bytes': {
      const prefix = request.csrf === 'missing' ? '' : new URLSearchParams(csrfFields(request.csrf, token).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => [k, one]))).toString() + '&';
      return { contentType: 'application/x-www-form-urlencoded', payload: Buffer.concat([Buffer.from(prefix), Buffer.from(request.bytes)]) };
    }
    case 'raw':
      return { contentType: request.contentType, payload: request.payload.replace('{"_csrf":', `{"_csrf":"${token}"`) };
  }
}

function sentValues(request: Request): string[] {
  if (request.kind === 'form' || request.kind === 'json') return request.fields.flatMap(([, v]) => (Array.isArray(v) ? v : [v]));
  return [];
}

const STACK_MARKERS = [
  /\bat (?:async )?[\w$.<>[\] ]+ \((?:file:\/\/|node:|\/)/, // a stack frame
  /\.(?:ts|tsx|js|mjs):\d+:\d+/,
  /node_modules/,
  /\b(?:Type|Reference|Syntax|Range)?Error: /,
  /\bFST_[A-Z_]+/,
  /\b(?:ECONNREFUSED|ERR_[A-Z_]{4,})\b/,
];

/**
 * Everything stored, table by table (row count and an md5 of the rows), except what records refused
 * attempts by design: the audit log, the attempt counters and the lockout columns of users (S16, S49).
 * Queued mail is only counted, since the worker updates its rows on its own. Tables added later are
 * included automatically.
 */
const NOT_FINGERPRINTED = new Set(['audit_log', 'attempt_events', 'kysely_migration', 'kysely_migration_lock']);
const BOOKKEEPING_COLUMNS = ['failed_login_count', 'locked_until', 'last_login_at'];

async function fingerprint(t: TestApp): Promise<string> {
  const db = t.sites.live.db;
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const parts: string[] = [];
  for (const { name } of tables) {
    if (NOT_FINGERPRINTED.has(name)) continue;
    if (name === 'mail_outbox') {
      const { rows } = await sql<{ n: string }>`select count(*)::text as n from mail_outbox`.execute(db);
      parts.push(`mail_outbox ${rows[0]!.n}`);
      continue;
    }
    let row = sql`to_jsonb(t)`;
    for (const column of BOOKKEEPING_COLUMNS) row = sql`${row} - ${column}::text`;
    const { rows } = await sql<{ part: string }>`
      select count(*)::text || ' ' || md5(coalesce(string_agg((${row})::text, '|' order by (${row})::text), '')) as part
        from ${sql.table(name)} t`.execute(db);
    parts.push(`${name} ${rows[0]!.part}`);
  }
  return parts.join('\n');
}

let nextIp = 1;
function ip(): string {
  nextIp += 1;
  return `10.99.${Math.floor(nextIp / 250) % 250}.${(nextIp % 250) + 1}`;
}

function assertReadable(label: string, response: LightMyRequestResponse, sent: string[]) {
  const body = response.body;
  assert.ok(response.statusCode < 500, `${label}: status ${response.statusCode}: ${textOf(body).slice(0, 400)}`);
  for (const marker of STACK_MARKERS) {
    // Input that is echoed back (escaped) may itself look like anything; only markers we did not send count.
    const echoed = sent.some((v) => marker.test(v));
    if (!echoed) assert.doesNotMatch(body, marker, `${label}: leaks ${marker} (status ${response.statusCode})`);
  }
  for (const markup of MARKUP) {
    if (sent.some((v) => v.includes(markup))) assert.ok(!body.includes(markup), `${label}: echoed ${markup} unescaped (S48)`);
  }
  if (response.statusCode === 303 || response.statusCode === 302) {
    const location = String(response.headers.location ?? '');
    assert.match(location, /^\/live\//, `${label}: redirect to ${location}`);
    return;
  }
  assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/, `${label}: content-type ${response.headers['content-type']}`);
  if (response.statusCode >= 400) {
    assert.match(body, /role="alert"/, `${label}: ${response.statusCode} without a message: ${textOf(body).slice(0, 300)}`);
    const message = /role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(body)?.[1] ?? '';
    assert.ok(textOf(message).length >= 10, `${label}: the message is empty`);
  } else {
    assert.match(body, /<h1>[^<]+/, `${label}: ${response.statusCode} page without a heading`);
  }
}

describe('form endpoints under random and hostile input', () => {
  let t: TestApp;
  const clients = {} as Record<ClientRole, TestClient>;
  /** Clients whose session a run may end for real (logout, a lock): signed in again before the next run. */
  const relogin = new Map<TestClient, { username: string; password: string; csrfPage: string }>();
  let targetIds: string[] = [];
  let resetToken = '';
  const timings: string[] = [];

  async function signIn(role: 'admin' | 'case_manager', firstName: string): Promise<{ client: TestClient; username: string; password: string }> {
    const { user, temporaryPassword } = await t.createUser('live', { firstName, lastName: 'Fuzz', role });
    const client = t.client();
    await client.login('live', user.username, temporaryPassword);
    const password = 'Granite-Heron-2026';
    const changed = await client.submit('/live/password/expired', { newPassword: password, confirmPassword: password });
    assert.equal(changed.status, 303, textOf(changed.body));
    return { client, username: user.username, password };
  }

  before(async () => {
    t = await startTestApp({
      sites: ['live'],
      // Thousands of requests from a handful of addresses; the limits themselves are tested elsewhere.
      config: {
        loginRateLimitPerMinute: 1_000_000,
        ipLoginFailureLimit: 1_000_000,
        ipResetLimit: 1_000_000,
        accountResetLimit: 1000,
        lockoutThreshold: 1_000_000,
      },
    });
    const admin = await signIn('admin', 'Ada');
    const user = await signIn('case_manager', 'Ulla');
    const leaver = await signIn('case_manager', 'Lea');
    clients.admin = admin.client;
    clients.user = user.client;
    clients.leaver = leaver.client;
    relogin.set(leaver.client, { ...leaver, csrfPage: '/live/password/change' });
    // Signed in with a temporary password: only the forced-change page is open.
    const changer = await t.createUser('live', { firstName: 'Chan', lastName: 'Fuzz' });
    clients.changer = t.client();
    assert.equal((await clients.changer.login('live', changer.user.username, changer.temporaryPassword)).location, '/live/password/expired');
    clients.anonymous = t.client();
    // The admin forms act on these two (never on the administrator, who must stay signed in).
    const target = await t.createUser('live', { firstName: 'Tara', lastName: 'Target' });
    const other = await t.createUser('live', { firstName: 'Otto', lastName: 'Other', email: null, isVolunteer: true });
    targetIds = [String(target.user.id), String(other.user.id)];
    // A live reset link, so the reset form is reached with a token that works.
    const resetee = await t.createUser('live', { firstName: 'Remy', lastName: 'Reset', email: 'remy@agency.example' });
    const asked = await t.client().submit('/live/forgot-password', { username: resetee.user.username, email: 'remy@agency.example' });
    assert.equal(asked.status, 200);
    const mail = await t.smtp.waitForMail((m) => m.text?.includes('/live/reset/') === true);
    resetToken = pathOf(linkIn(mail.text, 'live')).split('/').pop()!;
    // Every client holds a CSRF token from a form it was shown.
    await clients.anonymous.get('/live/login');
    await clients.admin.get('/live/admin/users/new');
    await clients.user.get('/live/password/change');
    await clients.leaver.get('/live/password/change');
    await clients.changer.get('/live/password/expired');
    for (const role of Object.keys(clients) as ClientRole[]) assert.ok(clients[role].csrf, `${role} has a CSRF token`);
  });

  /**
   * Half-way through signing in: password accepted, authenticator code still to come. Made on first
   * use, so a fault in setting it up fails only the code-step endpoints.
   */
  async function coderClient(): Promise<TestClient> {
    if (clients.coder) return clients.coder;
    const coder = await signIn('case_manager', 'Cody');
    const coderUser = await t.sites.live.accounts.getByUsername(coder.username);
    const offer = t.sites.live.secondFactors.offerEnrolment(coderUser);
    const code = (OTPAuth.URI.parse(offer.uri) as OTPAuth.TOTP).generate({ timestamp: t.clock.now().getTime() });
    const enrolled = await t.sites.live.secondFactors.confirmEnrolment(coderUser, offer.ticket, code, SYSTEM_ACTOR, async () => null);
    assert.ok(enrolled.ok, 'the coder has an authenticator app');
    const client = t.client();
    const login = await client.login('live', coder.username, coder.password);
    assert.equal(login.location, '/live/login/code', `password login of a user with an authenticator app: ${login.status} ${textOf(login.body).slice(0, 200)}`);
    await client.get('/live/login/code');
    assert.ok(client.csrf);
    relogin.set(client, { ...coder, csrfPage: '/live/login/code' });
    clients.coder = client;
    return client;
  }

  after(async () => {
    console.log(`# forms: seed ${SEED}, ${NUM_RUNS} runs per endpoint\n# ${timings.join('\n# ')}`);
    await t.close();
  });

  it('the list above is every POST route the app has', () => {
    const listed = postRoutes(t.app.printRoutes({ commonPrefix: false })).sort();
    assert.deepEqual(listed, ENDPOINTS.map((e) => e.route).sort(), 'a new form endpoint needs its entry in ENDPOINTS');
  });

  function urlFor(endpoint: Endpoint, param: string): string {
    return endpoint.route.replace(/:id|:token/, encodeURIComponent(param));
  }

  function paramsFor(endpoint: Endpoint): fc.Arbitrary<string> {
    if (endpoint.route.includes(':id')) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...targetIds) }, { weight: 2, arbitrary: fc.constantFrom(...ID_PARAMS) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) });
    if (endpoint.route.includes(':token')) return fc.oneof({ weight: 3, arbitrary: fc.constant(resetToken) }, { weight: 1, arbitrary: fc.constantFrom('x', 'A'.repeat(43), 'A'.repeat(2000), '..', '%00') }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 60 }) });
    return fc.constant('');
  }

  /** The endpoint's client, signed in again if an earlier run ended its session for real (call before the fingerprint). */
  async function clientFor(endpoint: Endpoint): Promise<TestClient> {
    const client = endpoint.as === 'coder' ? await coderClient() : clients[endpoint.as];
    const credentials = relogin.get(client);
    if (credentials && !client.sessionCookie('live')) {
      const again = await client.login('live', credentials.username, credentials.password);
      assert.equal(again.status, 303, textOf(again.body));
      await client.get(credentials.csrfPage);
    }
    return client;
  }

  async function send(endpoint: Endpoint, request: Request): Promise<LightMyRequestResponse> {
    const client = await clientFor(endpoint);
    const { contentType, payload } = built(request, client.csrf!);
    const headers: Record<string, string> = {};
    const cookie = cookieHeader(client);
    if (cookie) headers.cookie = cookie;
    if (contentType !== undefined) headers['content-type'] = contentType;
    const response = await t.app.inject({ method: 'POST', url: urlFor(endpoint, request.param), headers, payload, remoteAddress: ip() });
    keepCookies(client, response);
    return response;
  }

  for (const [index, endpoint] of ENDPOINTS.entries()) {
    // One seed per endpoint (the base seed plus its position), so endpoints do not all get the same shapes.
    const seed = SEED + index;
    it(`${endpoint.route}: no 500, no stack trace, a readable page, and a refused request changes nothing (S46, S48)`, async () => {
      const started = performance.now();
      const statuses = new Map<number, number>();
      const first = endpoint.fields[0] ?? 'note';
      const examples: [Request][] = [
        [{ kind: 'form', csrf: 'valid', fields: [[first, "'; drop table users; --"]], param: targetIds[0]! }],
        [{ kind: 'form', csrf: 'valid', fields: endpoint.fields.map((f) => [f, '<script>alert(1)</script>'] as [string, string]), param: resetToken || targetIds[0]! }],
        [{ kind: 'form', csrf: 'valid', fields: endpoint.fields.map((f) => [f, 'a\u0000b'] as [string, string]), param: resetToken || targetIds[0]! }],
        [{ kind: 'form', csrf: 'valid', fields: endpoint.fields.map((f) => [f, ['one', 'two']] as [string, string[]]), param: targetIds[0]! }],
        [{ kind: 'bytes', csrf: 'valid', bytes: [...Buffer.from(`${first}=%FF%FE%C3%28`, 'latin1'), 0xff, 0xc3, 0x28], param: targetIds[0]! }],
        [{ kind: 'json', csrf: 'valid', fields: [[first, ['nested']]], param: targetIds[0]! }],
        [{ kind: 'raw', contentType: 'multipart/form-data; boundary=----hearth', payload: '------hearth\r\ngarbage', param: targetIds[0]! }],
        [{ kind: 'raw', contentType: undefined, payload: 'username=x', param: targetIds[0]! }],
      ];
      const property = fc.asyncProperty(requestArbitrary(endpoint, paramsFor(endpoint)), async (request) => {
        await clientFor(endpoint);
        const before = await fingerprint(t);
        const response = await send(endpoint, request);
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        const label = `${endpoint.route} ${request.kind}`;
        assertReadable(label, response, sentValues(request));
        if (response.statusCode >= 400) {
          assert.equal(await fingerprint(t), before, `${label}: refused with ${response.statusCode}, yet stored data changed`);
        }
      });
      try {
        await fc.assert(property, { numRuns: NUM_RUNS, seed, examples, endOnFailure: true });
      } catch (error) {
        const cause = (error as Error).cause as Error | undefined;
        (error as Error).message = `seed ${seed} (base HEARTH_FC_SEED=${SEED}): ${(error as Error).message}${cause ? `\nCause: ${cause.message}` : ''}`;
        throw error;
      }
      const seen = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ');
      timings.push(`${endpoint.route.replace('/live/', '')} ${Math.round(performance.now() - started)} ms (${seen})`);
    });
  }

  it('a body over the limit (100 KB) gets 413 with a readable page on every form endpoint, and changes nothing', async () => {
    for (const endpoint of ENDPOINTS) {
      for (const kind of ['form', 'json'] as const) {
        await clientFor(endpoint);
        const before = await fingerprint(t);
        const field = endpoint.fields[0] ?? 'note';
        const response = await send(endpoint, { kind, csrf: 'valid', fields: [[field, 'a'.repeat(BODY_LIMIT_PROBE)]], param: targetIds[0]! });
        assert.equal(response.statusCode, 413, `${endpoint.route} ${kind}: ${response.statusCode}`);
        assertReadable(`${endpoint.route} 100 KB ${kind}`, response, []);
        assert.match(textOf(response.body), /too large/);
        assert.equal(await fingerprint(t), before);
      }
    }
  });

  it('S48 markup sent as a username or a name comes back escaped', async () => {
    const payload = MARKUP[0]!;
    // preact escapes < (and " in attributes), which is what keeps a tag from opening.
    const escaped = '&lt;script>alert(1)&lt;/script>';
    const login = await send(ENDPOINTS[0]!, { kind: 'form', csrf: 'valid', fields: [['username', payload], ['password', 'Wrong-Password-1']], param: '' });
    assert.equal(login.statusCode, 401);
    assert.ok(login.body.includes(escaped), 'the username is shown again, escaped');
    assert.ok(!login.body.includes(payload));
    const forgot = await send(ENDPOINTS.find((e) => e.route === '/live/forgot-password')!, { kind: 'form', csrf: 'valid', fields: [['username', payload]], param: '' });
    assert.equal(forgot.statusCode, 422);
    assert.ok(forgot.body.includes(escaped) && !forgot.body.includes(payload));
    const attribute = MARKUP[1]!;
    const created = await send(ENDPOINTS.find((e) => e.route === '/live/admin/users/new')!, {
      kind: 'form',
      csrf: 'valid',
      fields: [['firstName', payload], ['lastName', attribute], ['role', 'case_manager']],
      param: '',
    });
    assert.equal(created.statusCode, 422);
    assert.ok(!created.body.includes(payload) && !created.body.includes(attribute));
    assert.ok(created.body.includes('&quot;>&lt;img src=x onerror=alert(1)>'), 'the quote cannot close the attribute');
  });

  it('U+0000 in a username is refused with a readable page, not a 500 (PostgreSQL text cannot hold it)', async () => {
    for (const route of ['/live/login', '/live/forgot-password']) {
      const endpoint = ENDPOINTS.find((e) => e.route === route)!;
      const response = await send(endpoint, { kind: 'form', csrf: 'valid', fields: [['username', 'a\u0000b'], ['password', 'x'], ['email', 'a@b.example']], param: '' });
      assertReadable(`${route} with NUL`, response, []);
    }
  });

  it('an over-long path parameter gets the HTML error page, not Fastify\'s JSON with its error code', async () => {
    const endpoint = ENDPOINTS.find((e) => e.route === '/live/reset/:token')!;
    const response = await send(endpoint, { kind: 'form', csrf: 'valid', fields: [], param: 'A'.repeat(101) });
    assertReadable('POST /live/reset/<101 characters>', response, []);
  });
});

/** POST routes from Fastify's route tree (printRoutes with commonPrefix: false), as full paths. */
function postRoutes(tree: string): string[] {
  const stack: string[] = [];
  const found: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^(.*?)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = [...match[1]!].length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    const methods = (match[3] ?? '').split(',').map((m) => m.trim());
    if (methods.includes('POST')) found.push(stack.join(''));
  }
  return found;
}
