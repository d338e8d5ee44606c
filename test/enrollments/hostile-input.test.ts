import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { MEMBER_ENTRY_FIELDS } from '../../src/enrollments/enrollment-fields.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { buildWorld, count, createClient, enroll, enrollForm, enrollmentsOf, HOMELESS_ADULT, user, type World } from './fixtures.js';

/**
 * The enrollment forms against real stays (the site-wide form fuzz in test/properties only reaches their 404s):
 * random and hostile answers never give a 500 or echo markup, a refused request changes nothing stored, and
 * malformed requests (repeated fields, NUL, huge lists, JSON) are refused with a readable page.
 *
 * Reproduce a failure with the seed it prints: HEARTH_FC_SEED=… node --import tsx --test test/enrollments/hostile-input.test.ts
 */
const SEED = Number(process.env.HEARTH_FC_SEED ?? 20_261_204);
const RUNS = Number(process.env.HEARTH_FC_RUNS ?? 20);

let t: TestApp;
let w: World;
let caseA: TestClient;
const p = {} as Record<'head' | 'partner' | 'gone' | 'joiner', string>;
const e = {} as Record<'head' | 'partner' | 'gone', string>;

before(async () => {
  t = await startTestApp({ sites: ['live'] });
  w = await buildWorld(t);
  caseA = await user(t, 'case_manager', [w.agencyA], 'Cara');
  p.head = await createClient(t, 'Hana', 'Host', '1984-04-04');
  p.partner = await createClient(t, 'Pat', 'Host', '1983-03-03');
  p.gone = await createClient(t, 'Gil', 'Gone', '1977-07-07');
  p.joiner = await createClient(t, 'Jo', 'Joiner', '2000-01-01');
  e.head = await enroll(caseA, {
    client: p.head,
    projectId: w.shelterA,
    entryDate: '11/01/2026',
    members: [
      [p.head, HOMELESS_ADULT],
      [p.partner, { ...HOMELESS_ADULT, relationshipToHoH: '3' }],
    ],
  });
  e.partner = (await enrollmentsOf(t, p.partner))[0]!.enrollment_id;
  e.gone = await enroll(caseA, { client: p.gone, projectId: w.servicesA, entryDate: '10/01/2026', members: [[p.gone, HOMELESS_ADULT]] });
  assert.equal((await caseA.post(`/live/enrollments/${e.gone}/exit`, { scope: 'member', exitDate: '10/20/2026', destination: '101' })).status, 303);
});
after(() => t.close());

async function snapshot(): Promise<string> {
  const { rows } = await sql<{ s: string }>`
    select coalesce((select string_agg(to_jsonb(x)::text, '|' order by x.enrollment_id) from enrollments x), '') || '#' ||
           coalesce((select string_agg(to_jsonb(y)::text, '|' order by y.exit_id) from exits y), '') as s`.execute(t.sites.live.db);
  return rows[0]!.s;
}

const MARKUP = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
const HOSTILE = [...MARKUP, "116' OR '1'='1", '1e2', '-1', '0x74', '116.0', ' ', '９９', '\u202E116', '%00', '${7*7}', 'x'.repeat(150), ''];
const PLAUSIBLE = ['1', '2', '3', '4', '5', '8', '9', '10', '11', '17', '99', '101', '106', '113', '116', '204', '314', '410', '419', '435', '11/20/2026', '11/27/2026', '2026-11-15', '06/01/2026', '02/30/2026', 'member', 'household', 'XX-501', 'xx-501', 'XX-502'];

const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PLAUSIBLE) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

function formOf(fields: readonly string[]): fc.Arbitrary<Record<string, string>> {
  // Any subset of the fields (an absent key is left out, never sent as "undefined").
  return fc.record(Object.fromEntries(fields.map((f) => [f, value])) as Record<string, fc.Arbitrary<string>>, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
}

const ENTRY = [...MEMBER_ENTRY_FIELDS];

describe('the enrollment forms under random and hostile answers', () => {
  const endpoints: [string, () => string, readonly string[], () => Record<string, string | string[]>][] = [
    ['new enrollment', () => '/live/enrollments/new', ['entryDate', 'enrollmentCoc', ...ENTRY.map((f) => `m0.${f}`), ...ENTRY.map((f) => `m1.${f}`)], () => ({ client: p.joiner, projectId: w.servicesA, members: [p.joiner, p.gone] })],
    ['edit', () => `/live/enrollments/${e.partner}/edit`, ['entryDate', ...ENTRY], () => ({})],
    ['exit', () => `/live/enrollments/${e.head}/exit`, ['scope', 'exitDate', 'destination', 'destinationSubsidyType', 'otherDestination'], () => ({})],
    ['exit correction', () => `/live/enrollments/${e.gone}/exit/edit`, ['exitDate', 'destination', 'destinationSubsidyType', 'otherDestination'], () => ({})],
    ['head change', () => `/live/enrollments/${e.head}/head`, ['newHead', `rel.${e.head}`, `rel.${e.partner}`], () => ({})],
    ['new member', () => `/live/enrollments/${e.head}/members/new`, ['entryDate', ...ENTRY], () => ({ personalId: p.joiner })],
  ];
  for (const [index, [name, path, fields, fixed]] of endpoints.entries()) {
    it(`${name}: never a 500 or unescaped markup; a refusal changes nothing`, async (context) => {
      const statuses = new Map<number, number>();
      const property = fc.asyncProperty(formOf(fields), async (answers) => {
        const before = await snapshot();
        const sent = { ...fixed(), ...answers };
        const response = await caseA.post(path(), sent);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        assert.ok(response.status < 500, `${response.status}: ${textOf(response.body).slice(0, 300)}`);
        for (const markup of MARKUP) assert.ok(!response.body.includes(markup), `echoed ${markup} unescaped`);
        if (response.status >= 400) {
          assert.match(response.body, /role="alert"/, `${response.status} without a message`);
          assert.equal(await snapshot(), before, `refused with ${response.status}, yet stored data changed`);
        } else {
          assert.equal(response.status, 303, `${response.status}`);
          assert.match(response.location ?? '', /^\/live\/enrollments\/[0-9a-f]{32}\?done=/);
        }
      });
      await fc.assert(property, { numRuns: RUNS, seed: SEED + index, endOnFailure: true });
      context.diagnostic(`seed ${SEED + index}: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    });
  }
});

describe('malformed requests', () => {
  it('repeated fields, NUL, huge member lists, JSON bodies and odd addresses get a readable 4xx and change nothing', async () => {
    const before = await snapshot();
    const enrollments = await count(t, 'enrollments');
    const repeated = await caseA.post(`/live/enrollments/${e.partner}/edit`, { entryDate: ['11/01/2026', '11/02/2026'], ...HOMELESS_ADULT, relationshipToHoH: '3' });
    assert.equal(repeated.status, 400);
    assert.match(repeated.body, /role="alert"/);
    const nul = await caseA.post(`/live/enrollments/${e.partner}/exit`, { scope: 'member', exitDate: '11/2\u00000/2026', destination: '101' });
    assert.equal(nul.status, 400);
    const base = enrollForm({ client: p.joiner, projectId: w.servicesA, members: [] });
    const many = await caseA.post('/live/enrollments/new', { ...base, members: Array.from({ length: 60 }, () => p.joiner) });
    assert.equal(many.status, 400);
    const tooBig = await caseA.post('/live/enrollments/new', { ...base, members: Array.from({ length: 25 }, (_, i) => i.toString(16).padStart(32, '0')) });
    assert.equal(tooBig.status, 422);
    assert.match(textOf(tooBig.body), /at most 20 members/);
    const none = await caseA.post('/live/enrollments/new', base);
    assert.equal(none.status, 422);
    assert.match(textOf(none.body), /Add at least one client to the household/);
    const json = await caseA.request('POST', `/live/enrollments/${e.partner}/exit`, {
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ _csrf: caseA.csrf, scope: 'member', exitDate: { $gt: '' }, destination: ['101'] }),
    });
    assert.ok(json.status === 400 || json.status === 415, `JSON body: ${json.status}`);
    assert.match(json.body, /role="alert"/);
    for (const address of ['/live/enrollments/not-an-id', `/live/enrollments/${'g'.repeat(32)}`, `/live/enrollments/${'f'.repeat(32)}/edit`, `/live/enrollments/new?client=${'x'.repeat(60)}`, `/live/projects/${'x'.repeat(40)}/enrollments`]) {
      const response = await caseA.get(address);
      assert.equal(response.status, 404, address);
      assert.match(response.body, /role="alert"/);
    }
    assert.equal(await snapshot(), before);
    assert.equal(await count(t, 'enrollments'), enrollments);
  });
});
