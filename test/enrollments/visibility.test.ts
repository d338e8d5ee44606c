import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type Page, type TestClient } from '../helpers/client.js';
import { buildWorld, createClient, enroll, enrollForm, enrollmentsOf, HOMELESS_ADULT, user, type World } from './fixtures.js';

/**
 * Issue 4 item 2 from every angle: enrollment details are visible only to users of the enrolling agency (the
 * agency of the project) and to administrators. A stay the viewer may not see does not exist for them: it is
 * absent from lists and answers 404 wherever it is addressed, read or changed; the project roster answers 403.
 */

let t: TestApp;
let w: World;
type Who = 'admin' | 'caseA' | 'managerA' | 'caseB' | 'managerB' | 'nobody';
const as = {} as Record<Who, TestClient>;
/** May see agency A's enrollments. */
const INSIDERS: Who[] = ['admin', 'caseA', 'managerA'];
/** May not: a case manager and an agency manager of another agency, and a user of no agency. */
const OUTSIDERS: Who[] = ['caseB', 'managerB', 'nobody'];
const p = {} as Record<'xena' | 'yuri' | 'zoe' | 'newcomer', string>;
/** Xena's household in agency A's shelter (Xena head, Yuri partner); Zoe's ended stay in A; Xena's stay in B. */
const e = {} as Record<'xenaA' | 'yuriA' | 'zoeA' | 'xenaB', string>;

before(async () => {
  t = await startTestApp({ sites: ['live'] });
  w = await buildWorld(t);
  as.admin = await user(t, 'admin', [], 'Ada');
  as.caseA = await user(t, 'case_manager', [w.agencyA], 'Cara');
  as.managerA = await user(t, 'agency_manager', [w.agencyA], 'Mona');
  as.caseB = await user(t, 'case_manager', [w.agencyB], 'Carl');
  as.managerB = await user(t, 'agency_manager', [w.agencyB], 'Mark');
  as.nobody = await user(t, 'case_manager', [], 'Nora');
  p.xena = await createClient(t, 'Xena', 'Vista', '1980-01-15');
  p.yuri = await createClient(t, 'Yuri', 'Vista', '1979-06-20');
  p.zoe = await createClient(t, 'Zoe', 'Wells', '1991-09-09');
  p.newcomer = await createClient(t, 'Nico', 'Newman', '1995-05-05');
  e.xenaA = await enroll(as.caseA, {
    client: p.xena,
    projectId: w.shelterA,
    entryDate: '11/01/2026',
    members: [
      [p.xena, HOMELESS_ADULT],
      [p.yuri, { ...HOMELESS_ADULT, relationshipToHoH: '3' }],
    ],
  });
  e.yuriA = (await enrollmentsOf(t, p.yuri))[0]!.enrollment_id;
  e.zoeA = await enroll(as.caseA, { client: p.zoe, projectId: w.servicesA, entryDate: '10/01/2026', members: [[p.zoe, HOMELESS_ADULT]] });
  assert.equal((await as.caseA.post(`/live/enrollments/${e.zoeA}/exit`, { scope: 'member', exitDate: '10/20/2026', destination: '101' })).status, 303);
  e.xenaB = await enroll(as.caseB, { client: p.xena, projectId: w.housingB, entryDate: '11/15/2026', members: [[p.xena, { ...HOMELESS_ADULT, dateToStreetEssh: '', timesHomelessPastThreeYears: '', monthsHomelessPastThreeYears: '', livingSituation: '410', lengthOfStay: '5' }]] });
});
after(() => t.close());

/** Everything stored about enrollments and exits, to prove a refused request changed nothing. */
async function snapshot(): Promise<string> {
  const { rows } = await sql<{ s: string }>`
    select coalesce((select string_agg(to_jsonb(x)::text, '|' order by x.enrollment_id) from enrollments x), '') || '#' ||
           coalesce((select string_agg(to_jsonb(y)::text, '|' order by y.exit_id) from exits y), '') as s`.execute(t.sites.live.db);
  return rows[0]!.s;
}

function alertOf(page: Page): string {
  return textOf(/role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(page.body)?.[1] ?? '');
}

const GET_PAGES = (id: string) => [`/live/enrollments/${id}`, `/live/enrollments/${id}/edit`, `/live/enrollments/${id}/exit`, `/live/enrollments/${id}/head`, `/live/enrollments/${id}/members/new`, `/live/enrollments/${id}/members/new?personalId=${p.newcomer}`];

/** One POST per form, each with an answer that is refused, so an insider gets 422 (reached the rules) and changes nothing. */
const REFUSED_POSTS = (): [string, Record<string, string>][] => [
  [`/live/enrollments/${e.xenaA}/edit`, { entryDate: '12/31/2099', ...HOMELESS_ADULT }],
  [`/live/enrollments/${e.yuriA}/exit`, { scope: 'member', exitDate: '01/01/2000', destination: '101' }],
  [`/live/enrollments/${e.zoeA}/exit/edit`, { exitDate: '01/01/2000', destination: '101' }],
  [`/live/enrollments/${e.xenaA}/head`, { newHead: e.yuriA }],
  [`/live/enrollments/${e.xenaA}/members/new`, { personalId: p.newcomer, entryDate: '10/01/2026', ...HOMELESS_ADULT, relationshipToHoH: '5' }],
];

/** The same forms with answers that are accepted: an outsider must still get 404 and change nothing. */
const VALID_POSTS = (): [string, Record<string, string>][] => [
  [`/live/enrollments/${e.xenaA}/edit`, { entryDate: '11/01/2026', ...HOMELESS_ADULT, disablingCondition: '1' }],
  [`/live/enrollments/${e.yuriA}/exit`, { scope: 'member', exitDate: '11/20/2026', destination: '101' }],
  [`/live/enrollments/${e.zoeA}/exit/edit`, { exitDate: '10/21/2026', destination: '116' }],
  [`/live/enrollments/${e.xenaA}/head`, { newHead: e.yuriA, [`rel.${e.xenaA}`]: '3' }],
  [`/live/enrollments/${e.xenaA}/members/new`, { personalId: p.newcomer, entryDate: '11/20/2026', ...HOMELESS_ADULT, relationshipToHoH: '5' }],
];

describe('who sees agency A’s enrollments', () => {
  for (const who of INSIDERS) {
    it(`${who}: reads every page of the stay and reaches every form`, async () => {
      const client = as[who];
      for (const path of GET_PAGES(e.xenaA)) {
        const page = await client.get(path);
        assert.equal(page.status, 200, `${who} ${path}: ${alertOf(page)}`);
      }
      const enrollment = textOf((await client.get(`/live/enrollments/${e.xenaA}`)).body);
      assert.match(enrollment, /Vista, Xena in Harbor Night Shelter/);
      assert.match(enrollment, /Vista, Yuri/);
      const before = await snapshot();
      for (const [path, form] of REFUSED_POSTS()) {
        const response = await client.post(path, form);
        assert.equal(response.status, 422, `${who} POST ${path}: ${response.status} ${alertOf(response)}`);
      }
      assert.equal(await snapshot(), before);
      const roster = await client.get(`/live/projects/${w.shelterA}/enrollments`);
      assert.equal(roster.status, 200);
      assert.match(textOf(roster.body), /Household of Vista, Xena \(2 people\)/);
    });
  }

  for (const who of OUTSIDERS) {
    it(`${who}: every page and every form of the stay answers 404 as if it did not exist, and nothing changes`, async () => {
      const client = as[who];
      const views = async () => (await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.viewed', limit: 500 })).length;
      const viewsBefore = await views();
      const nowhere = await client.get(`/live/enrollments/${'0'.repeat(32)}`);
      assert.equal(nowhere.status, 404);
      for (const path of [...GET_PAGES(e.xenaA), ...GET_PAGES(e.zoeA)]) {
        const page = await client.get(path);
        assert.equal(page.status, 404, `${who} ${path}`);
        assert.equal(alertOf(page), alertOf(nowhere), 'the same answer as for an enrollment that does not exist');
        assert.doesNotMatch(page.body, /Harbor Night Shelter|Harbor Case Management|Vista, Yuri/);
      }
      assert.equal(await views(), viewsBefore, 'a refused view is not recorded as a view');
      const before = await snapshot();
      for (const [path, form] of [...REFUSED_POSTS(), ...VALID_POSTS()]) {
        const response = await client.post(path, form);
        assert.equal(response.status, 404, `${who} POST ${path}: ${response.status} ${alertOf(response)}`);
        assert.doesNotMatch(response.body, /Harbor Night Shelter|Vista, Yuri/);
      }
      assert.equal(await snapshot(), before, 'nothing stored changed');
    });

    it(`${who}: the project roster is refused with a clear message (403)`, async () => {
      for (const path of [`/live/projects/${w.shelterA}/enrollments`, `/live/projects/${w.shelterA}/enrollments?past=1`]) {
        const roster = await as[who].get(path);
        assert.equal(roster.status, 403);
        assert.match(alertOf(roster), /Only users of Harbor Light and HMIS administrators can see the enrollments of this project/);
        assert.doesNotMatch(roster.body, /Vista/);
      }
    });

    it(`${who}: cannot enroll anyone into agency A’s projects`, async () => {
      const before = await snapshot();
      const step1 = await as[who].get(`/live/enrollments/new?client=${p.newcomer}&projectId=${w.shelterA}&entryDate=11%2F20%2F2026&action=continue`);
      if (who === 'nobody') {
        assert.equal(step1.status, 403);
        assert.match(alertOf(step1), /you work for none yet/);
      } else {
        assert.equal(step1.status, 422);
        assert.match(textOf(step1.body), /only into projects of the agencies you work for/);
        assert.doesNotMatch(step1.body, new RegExp(`<option value="${w.shelterA}"`));
      }
      const posted = await as[who].post('/live/enrollments/new', enrollForm({ client: p.newcomer, projectId: w.shelterA, members: [[p.newcomer, HOMELESS_ADULT]] }));
      assert.equal(posted.status, 422);
      assert.match(textOf(posted.body), /only into projects of the agencies you work for/);
      assert.equal(await snapshot(), before);
    });
  }
});

describe('the client profile lists only the stays the viewer may see', () => {
  const expected: Record<Who, { sees: RegExp[]; hides: RegExp[]; canEnroll: boolean }> = {
    admin: { sees: [/Harbor Night Shelter · Harbor Light/, /Northside Transitional · Northside Housing/], hides: [], canEnroll: true },
    caseA: { sees: [/Harbor Night Shelter · Harbor Light/], hides: [/Northside/], canEnroll: true },
    managerA: { sees: [/Harbor Night Shelter · Harbor Light/], hides: [/Northside/], canEnroll: true },
    caseB: { sees: [/Northside Transitional · Northside Housing/], hides: [/Harbor/], canEnroll: true },
    managerB: { sees: [/Northside Transitional · Northside Housing/], hides: [/Harbor/], canEnroll: true },
    nobody: { sees: [/No enrollments you can see/], hides: [/Harbor Night Shelter|Northside Transitional/], canEnroll: false },
  };
  for (const [who, expectation] of Object.entries(expected) as [Who, (typeof expected)[Who]][]) {
    it(`${who}`, async () => {
      const profile = await as[who].get(`/live/clients/${p.xena}`);
      assert.equal(profile.status, 200);
      const section = textOf(/<section aria-labelledby="enrollments-heading">([\s\S]*?)<\/section>/.exec(profile.body)?.[1] ?? '');
      for (const pattern of expectation.sees) assert.match(section, pattern);
      for (const pattern of expectation.hides) assert.doesNotMatch(profile.body, pattern);
      assert.equal(profile.body.includes(`href="/live/enrollments/${e.xenaA}"`), INSIDERS.includes(who));
      assert.equal(profile.body.includes(`href="/live/enrollments/${e.xenaB}"`), who === 'admin' || who === 'caseB' || who === 'managerB');
      assert.equal(profile.body.includes('/live/enrollments/new?client='), expectation.canEnroll);
      // The profile itself (identity) stays visible to every signed-in user.
      assert.match(textOf(profile.body), /Vista, Xena/);
    });
  }
});

describe('agency B’s stay, seen from agency A', () => {
  it('the case manager of A gets 404 on B’s stay; B’s users and the administrator read it', async () => {
    for (const who of ['caseA', 'managerA', 'nobody'] as Who[]) {
      assert.equal((await as[who].get(`/live/enrollments/${e.xenaB}`)).status, 404, who);
      assert.equal((await as[who].get(`/live/projects/${w.housingB}/enrollments`)).status, 403, who);
    }
    for (const who of ['caseB', 'managerB', 'admin'] as Who[]) {
      const page = await as[who].get(`/live/enrollments/${e.xenaB}`);
      assert.equal(page.status, 200, who);
      assert.match(textOf(page.body), /Vista, Xena in Northside Transitional/);
      assert.doesNotMatch(page.body, /Harbor/, 'the page of B’s stay says nothing about A’s');
    }
  });

  it('an insider’s accepted change goes through (the rule is not simply “refuse everyone”)', async () => {
    const saved = await as.managerA.post(`/live/enrollments/${e.xenaA}/edit`, { entryDate: '11/01/2026', ...HOMELESS_ADULT, disablingCondition: '1' });
    assert.equal(saved.status, 303);
    const [row] = (await enrollmentsOf(t, p.xena)).filter((r) => r.enrollment_id === e.xenaA);
    assert.equal(row!.disabling_condition, 1);
    const viewed = await as.admin.get(`/live/enrollments/${e.xenaA}`);
    assert.equal(viewed.status, 200);
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.viewed', clientPersonalId: p.xena });
    assert.ok(audit.length > 0);
  });
});
