import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteDatabase } from '../../src/db/database.js';
import type { ReportParams, ReportTable } from '../../src/reports/report.model.js';
import { QUESTIONS } from '../../src/reports/questions/index.js';
import { loadUniverse } from '../../src/reports/universe.js';
import type { ReportUniverse } from '../../src/reports/universe.model.js';
import { FakeClock } from '../helpers/clock.js';
import { freshDatabase } from '../helpers/database.js';
import { bedNight, client, contact, disability, enroll, healthAndDv, household, income, organization, project } from './fixtures.js';

/*
 * One small world, worked out by hand from the reference (§1 and §3), report year 2025-10-01 – 2026-09-30:
 *
 * PSH  HH1  H1 head (45, chronic: disabled, on the street since 2022; a mental health disorder and both alcohol and
 *           drug use at start: 3 conditions), C1 child (17 on the report start, a day short
 *           of 18), entered 2024-05-01, moved in 2024-06-01; stayers; H1 has income at start and an annual
 *           assessment 9 days after the anniversary 2026-05-01.
 *      HH2  H2 head, 18 on entering 2026-03-01 (a youth), exit 2026-10-15 after the report end: a stayer; income
 *           "at start" recorded as an update (stage 2): data at the wrong stage; a DV survivor (three to six months ago).
 * TH   HH3  X head, Y partner (SSN 123456789, made 19 days late), K child (2015): entered 2025-11-01; X left 2026-01-15.
 *      HH4  X again, alone, from 2026-02-01: X's latest stay, so X is reported once, in HH4.
 *      HH5  L head, no DOB, race refused, left 2026-02-01 to "data not collected", a physical disability at exit.
 *      HH6  E left 2025-09-30, before the report: not in it.
 * ES-NbN    N1 (DOB 1914-12-31) with a bed night in the report; N2 with one only before it: not active (Method 2).
 * SO        S1 never engaged (not in the DQ universe), met twice on the street; S2 a veteran met once, housed
 *           (410), then engaged 2026-02-01 with no contact that day (the engagement counts as one).
 */
const PARAMS: ReportParams = { kind: 'apr', from: '2025-10-01', to: '2026-09-30', projectIds: [], cocCode: null };

let database: SiteDatabase;
let universe: ReportUniverse;
const ids: Record<string, string> = {};
const tables = new Map<string, ReportTable>();

async function buildWorld(db: SiteDatabase['db']) {
  const org = await organization(db);
  const psh = await project(db, org, 3, { funders: [2] });
  const th = await project(db, org, 2);
  const nbn = await project(db, org, 1);
  const so = await project(db, org, 4);
  PARAMS.projectIds.push(psh, th, nbn, so);

  const hh1 = household();
  const h1 = await client(db);
  const c1 = await client(db, { dob: '2007-10-02' });
  ids.H1 = await enroll(db, h1, psh, '2024-05-01', { householdId: hh1, moveInDate: '2024-06-01', disablingCondition: 1, dateToStreetEssh: '2022-01-01' });
  ids.C1 = await enroll(db, c1, psh, '2024-05-01', { householdId: hh1, relationshipToHoh: 2, livingSituation: null, dateToStreetEssh: null });
  await income(db, ids.H1, h1, '2024-05-01', 1, 1, { earned: 500 });
  await income(db, ids.H1, h1, '2026-05-10', 5, 0);
  await disability(db, ids.H1, h1, '2024-05-01', 1, 9, 1, 1);
  await disability(db, ids.H1, h1, '2024-05-01', 1, 10, 3, 1);

  const h2 = await client(db, { dob: '2008-03-01' });
  ids.H2 = await enroll(db, h2, psh, '2026-03-01', { householdId: household(), exitDate: '2026-10-15' });
  await income(db, ids.H2, h2, '2026-03-01', 2, 0);
  await healthAndDv(db, ids.H2, h2, '2026-03-01', 1, 1, 2);

  const hh3 = household();
  const x = await client(db, { dob: '1990-01-01' });
  const y = await client(db, { ssn: '123456789' });
  const k = await client(db, { dob: '2015-06-01' });
  ids.X3 = await enroll(db, x, th, '2025-11-01', { householdId: hh3, exitDate: '2026-01-15' });
  ids.Y = await enroll(db, y, th, '2025-11-01', { householdId: hh3, relationshipToHoh: 3, createdAt: new Date('2025-11-20T15:00:00Z') });
  ids.K = await enroll(db, k, th, '2025-11-01', { householdId: hh3, relationshipToHoh: 2 });
  ids.X = await enroll(db, x, th, '2026-02-01', { householdId: household() });
  const l = await client(db, { dob: null, white: 0, raceNone: 9 });
  ids.L = await enroll(db, l, th, '2025-12-01', { householdId: household(), exitDate: '2026-02-01', destination: 99 });
  await disability(db, ids.L, l, '2026-02-01', 3, 5, 1, 0);
  const e = await client(db);
  ids.E = await enroll(db, e, th, '2024-01-01', { householdId: household(), exitDate: '2025-09-30' });

  const n1 = await client(db, { dob: '1914-12-31' });
  ids.N1 = await enroll(db, n1, nbn, '2025-09-01', { householdId: household() });
  await bedNight(db, ids.N1, n1, '2025-12-05');
  const n2 = await client(db);
  ids.N2 = await enroll(db, n2, nbn, '2025-09-01', { householdId: household() });
  await bedNight(db, ids.N2, n2, '2025-09-15');

  const s1 = await client(db);
  ids.S1 = await enroll(db, s1, so, '2026-01-10', { householdId: household() });
  const s2 = await client(db, { veteranStatus: 1 });
  ids.S2 = await enroll(db, s2, so, '2026-01-10', { householdId: household(), dateOfEngagement: '2026-02-01' });
  await contact(db, ids.S1, s1, '2026-01-10', 116);
  await contact(db, ids.S1, s1, '2026-03-01', 116);
  await contact(db, ids.S2, s2, '2026-01-10', 410);
}

const table = (id: string) => tables.get(id)!;
/** A cell by its row label and column (1 = column B). */
function cell(id: string, label: string, column: number) {
  const r = table(id).rows.find((x) => x.label === label);
  assert.ok(r, `${id} has a row "${label}"`);
  return r.cells[column - 1]!;
}
const value = (id: string, label: string, column: number) => cell(id, label, column).value;
const who = (id: string, label: string, column: number) => cell(id, label, column).enrollmentIds;
const named = (...names: string[]) => names.map((n) => ids[n]!).sort();

describe('HUD report universe and questions Q4a–Q16 on a hand-built world', () => {
  before(async () => {
    database = await freshDatabase();
    await buildWorld(database.db);
    universe = await loadUniverse(database.db, PARAMS, new FakeClock());
    for (const q of QUESTIONS) tables.set(q.id, q.compute(universe, PARAMS));
  });
  after(() => database.close());

  it('§1.2: one person per active client, from their latest enrollment; Method 2 for night-by-night; none who left before the report', () => {
    const reported = universe.people.map((p) => p.enrollment.enrollmentId).sort();
    assert.deepEqual(reported, named('H1', 'C1', 'H2', 'Y', 'K', 'X', 'L', 'N1', 'S1', 'S2'));
    const x = universe.people.find((p) => p.enrollment.enrollmentId === ids.X)!;
    assert.equal(x.householdType, 'adults-only', 'X is reported in the household of their latest stay');
    const y = universe.people.find((p) => p.enrollment.enrollmentId === ids.Y)!;
    assert.equal(y.householdType, 'adults-and-children');
  });

  it('Q5a: every row, both universes (the unengaged outreach client only in column C)', () => {
    const expected: [string, number, number][] = [
      ['Total number of persons served', 9, 10],
      ['Number of adults (age 18 or over)', 6, 7],
      ['Number of children (under age 18)', 2, 2],
      ['Number of persons with unknown age', 1, 1],
      ['Number of leavers', 1, 1],
      ['Number of adult leavers', 0, 0],
      ['Number of adult and head of household leavers', 1, 1],
      ['Number of stayers', 8, 9],
      ['Number of adult stayers', 6, 7],
      ['Number of veterans', 1, 1],
      ['Number of chronically homeless persons', 2, 2],
      ['Number of youth under age 25', 1, 1],
      ['Number of parenting youth under age 25 with children', 0, 0],
      ['Number of adult heads of household', 5, 6],
      ['Number of child and unknown-age heads of household', 1, 1],
      ['Heads of households and adult stayers in the project 365 days or more', 1, 1],
    ];
    assert.deepEqual(
      table('Q5a').rows.map((r) => [r.label, r.cells[0]!.value, r.cells[1]!.value]),
      expected,
    );
    assert.deepEqual(who('Q5a', 'Number of chronically homeless persons', 2), named('H1', 'C1'), 'the child inherits the head’s status');
    assert.deepEqual(who('Q5a', 'Number of youth under age 25', 2), named('H2'), '18 on the day of entry');
    assert.deepEqual(who('Q5a', 'Number of children (under age 18)', 2), named('C1', 'K'), 'C1 is 17 on the report start');
    assert.deepEqual(who('Q5a', 'Number of leavers', 2), named('L'), 'an exit after the report end makes a stayer');
  });

  it('Q6a: an invalid SSN, a missing and an impossible DOB, a refused race; the overall score over distinct clients', () => {
    assert.equal(value('Q6a', 'Social Security Number (3.02)', 3), 1);
    assert.deepEqual(who('Q6a', 'Social Security Number (3.02)', 3), named('Y'));
    assert.equal(value('Q6a', 'Date of Birth (3.03)', 2), 1);
    assert.deepEqual(who('Q6a', 'Date of Birth (3.03)', 3), named('N1'));
    assert.equal(value('Q6a', 'Date of Birth (3.03)', 4), 2);
    assert.equal(value('Q6a', 'Race/Ethnicity (3.04)', 1), 1);
    assert.equal(value('Q6a', 'Race/Ethnicity (3.04)', 3), null, 'blank by the specification');
    assert.deepEqual(table('Q6a').rows.at(-1), {
      label: 'Overall Score',
      cells: [{ value: null }, { value: null }, { value: null }, { value: 3, enrollmentIds: named('Y', 'L', 'N1') }, { value: '0.3333' }],
    });
  });

  it('Q6c: income at start recorded at the wrong stage is missing; the annual assessment 9 days after the anniversary counts', () => {
    assert.equal(value('Q6c', 'Destination (3.12)', 2), 1);
    assert.equal(value('Q6c', 'Destination (3.12)', 5), '1.0000');
    // Adults and heads of the DQ universe: H1, H2, X, Y, L, N1, S2; only H1 has a start record on the entry date.
    assert.equal(value('Q6c', 'Income and Sources (4.02) at Start', 2), 6);
    assert.ok(who('Q6c', 'Income and Sources (4.02) at Start', 2)!.includes(ids.H2!));
    assert.equal(value('Q6c', 'Income and Sources (4.02) at Start', 5), '0.8571');
    // H1's anniversary 2026-05-01 is found; N1 (entered 2025-09-01) is due one on 2026-09-01 and has none.
    assert.deepEqual(who('Q6c', 'Income and Sources (4.02) at Annual Assessment', 2), named('N1'));
    assert.deepEqual(who('Q6c', 'Income and Sources (4.02) at Exit', 2), named('L'));
  });

  it('Q6e: days from the event to its record; Q6d by project type', () => {
    assert.equal(value('Q6e', '0 days', 1), 5);
    assert.deepEqual(who('Q6e', '11+ days', 1), named('Y'));
    assert.equal(value('Q6e', '0 days', 2), 1);
    assert.equal(value('Q6d', 'TH', 1), 3);
    assert.equal(value('Q6d', 'ES-EE, ES-NbN, SH, Street Outreach', 2), null);
  });

  it('Q7a and Q8a by household type; moved-in rows', () => {
    assert.deepEqual(
      table('Q7a').rows.map((r) => [r.label, ...r.cells.map((c) => c.value)]),
      [
        ['Adults', 7, 5, 2, null, 0],
        ['Children', 2, null, 2, 0, 0],
        ['Client Doesn’t Know/Prefers Not to Answer', 0, 0, 0, 0, 0],
        ['Data Not Collected', 1, 0, 0, 0, 1],
        ['Total', 10, 5, 4, 0, 1],
        ['For PSH & RRH - the total persons served who moved into housing', 2, 0, 2, 0, 0],
      ],
    );
    assert.deepEqual(table('Q8a').rows.map((r) => r.cells[0]!.value), [7, 1]);
  });

  it('Q7b and Q8b on the last Wednesdays (January 2026-01-28 … October 2025-10-29)', () => {
    assert.equal(value('Q7b', 'January', 1), 7);
    assert.deepEqual(who('Q7b', 'January', 1), named('H1', 'C1', 'Y', 'K', 'L', 'S1', 'S2'));
    assert.deepEqual(who('Q7b', 'October', 1), named('H1', 'C1'));
    assert.equal(value('Q8b', 'January', 1), 4);
  });

  it('Q9a and Q9b: contacts up to the engagement, the engagement as a contact, columns by the first contact', () => {
    assert.deepEqual(
      table('Q9a').rows.map((r) => [r.label, ...r.cells.map((c) => c.value)]),
      [
        ['Once', 0, 0, 0, 0],
        ['2-5 Times', 2, 1, 1, 0],
        ['6-9 Times', 0, 0, 0, 0],
        ['10+ Times', 0, 0, 0, 0],
        ['Total Persons Contacted', 2, 1, 1, 0],
      ],
    );
    assert.deepEqual(who('Q9a', '2-5 Times', 3), named('S1'));
    assert.deepEqual(who('Q9b', '2-5 Contacts', 2), named('S2'));
    assert.deepEqual(
      table('Q9b').rows.at(-1)!.cells.map((c) => c.value),
      ['0.5000', '1.0000', '0.0000', '0.0000'],
    );
  });

  it('Q11 ages by household type (blank where impossible); Q12 race; Q4a one row per project', () => {
    assert.deepEqual(cell('Q11', '45-54', 1).enrollmentIds, named('H1', 'Y', 'S1', 'S2'));
    assert.deepEqual(table('Q11').rows.find((r) => r.label === '45-54')!.cells.map((c) => c.value), [4, 2, 2, null, 0]);
    assert.deepEqual(table('Q11').rows.find((r) => r.label === '5-12')!.cells.map((c) => c.value), [1, null, 1, 0, 0]);
    assert.equal(value('Q11', '65+', 1), 1);
    assert.equal(value('Q11', 'Total', 1), 10);
    assert.equal(table('Q12').rows.length, 33, 'rows 2–34: 7 single, 21 pairs, 2 multiracial, DK, DNC, Total');
    assert.equal(value('Q12', 'White', 1), 9);
    assert.equal(value('Q12', 'Client Doesn’t Know/Prefers Not to Answer', 5), 1);
    assert.equal(table('Q12').rows[7]!.label, 'Asian or Asian American & American Indian, Alaska Native, or Indigenous');
    const q4a = table('Q4a');
    assert.equal(q4a.rows.length, 4);
    const psh = q4a.rows.find((r) => r.cells[3]!.value === 3)!;
    assert.deepEqual([psh.cells[14]!.value, psh.cells[15]!.value], [3, 2]);
    assert.deepEqual([psh.cells[8]!.value, psh.cells[12]!.value, psh.cells[13]!.value], ['XX-501', '2025-10-01', '2026-09-30']);
  });

  it('Q13: conditions at start, exit and for stayers; both alcohol and drug use count as two conditions', () => {
    assert.deepEqual(who('Q13a1', 'Mental Health Disorder', 1), named('H1'));
    assert.deepEqual(who('Q13a1', 'Mental Health Disorder', 3), named('H1'), 'an adult of a household with children');
    assert.equal(value('Q13a1', 'Both Alcohol and Drug Use Disorders', 1), 1);
    assert.equal(value('Q13a1', 'Alcohol Use Disorder', 1), 0);
    assert.deepEqual(who('Q13a2', '3+ Conditions', 1), named('H1'));
    assert.equal(value('Q13a2', 'None', 1), 9);
    assert.equal(value('Q13a2', 'Total', 1), 10);
    assert.deepEqual(who('Q13b1', 'Physical Disability', 1), named('L'));
    assert.deepEqual(who('Q13b1', 'Physical Disability', 6), named('L'), 'unknown household type');
    assert.equal(value('Q13b2', 'Total', 1), 1);
    assert.deepEqual(who('Q13c1', 'Mental Health Disorder', 1), named('H1'));
    assert.equal(value('Q13c2', 'Total', 1), 9);
  });

  it('Q14 domestic violence of adults and heads; Q15 living situation; Q16 income ranges with the annual assessment rows', () => {
    assert.deepEqual(who('Q14a', 'Yes', 1), named('H2'));
    assert.equal(value('Q14a', 'Data Not Collected', 1), 7);
    assert.equal(value('Q14a', 'Total', 1), 8);
    assert.deepEqual(who('Q14b', 'Three to six months ago', 2), named('H2'));
    assert.equal(value('Q14b', 'Total', 1), 1);
    assert.equal(table('Q15').rows.length, 31);
    assert.equal(value('Q15', 'Place not meant for habitation', 1), 8);
    assert.deepEqual(table('Q15').rows[0], { label: 'Homeless Situations', cells: [{ value: null }, { value: null }, { value: null }, { value: null }, { value: null }] });
    assert.equal(value('Q15', 'Total', 1), 8);
    assert.deepEqual(
      table('Q16').rows.map((r) => [r.label, ...r.cells.map((c) => c.value)]),
      [
        ['No Income', 0, 1, 0],
        ['$1 - $150', 0, 0, 0],
        ['$151 - $250', 0, 0, 0],
        ['$251 - $500', 1, 0, 0],
        ['$501 - $1,000', 0, 0, 0],
        ['$1,001 - $1,500', 0, 0, 0],
        ['$1,501 - $2,000', 0, 0, 0],
        ['$2,001+', 0, 0, 0],
        ['Client Doesn’t Know/Prefers Not to Answer', 0, 0, 0],
        ['Data Not Collected', 6, 0, 0],
        ['Number of adult stayers not yet required to have an annual assessment', null, 5, null],
        ['Number of adult stayers without required annual assessment', null, 1, null],
        ['Total Adults', 7, 7, 0],
      ],
    );
    assert.deepEqual(who('Q16', 'Number of adult stayers without required annual assessment', 2), named('N1'));
  });

  it('§1.2 tie-break and Q6e: a record’s creation day is the site’s calendar day, not UTC’s', async () => {
    const org = await organization(database.db, 'Night Owls');
    const th = await project(database.db, org, 2);
    const owl = await client(database.db);
    await enroll(database.db, owl, th, '2026-02-27', {
      householdId: household(),
      createdAt: new Date('2026-03-01T03:00:00Z'),
      exitDate: '2026-03-30',
      exitCreatedAt: new Date('2026-04-01T02:00:00Z'),
    });
    const params = { ...PARAMS, projectIds: [th] };
    const [chicago] = (await loadUniverse(database.db, params, new FakeClock(new Date('2026-11-01T00:00:00Z')), 'America/Chicago')).people;
    assert.equal(chicago!.enrollment.createdOn, '2026-02-28');
    assert.equal(chicago!.enrollment.exitCreatedOn, '2026-03-31');
    const [utc] = (await loadUniverse(database.db, params, new FakeClock(new Date('2026-11-01T00:00:00Z')), 'UTC')).people;
    assert.equal(utc!.enrollment.createdOn, '2026-03-01');
    assert.equal(utc!.enrollment.exitCreatedOn, '2026-04-01');
  });

  it('consistency: Q5a total persons = Q7a, Q11 and Q12 totals; Q8a households = Q5a heads; no Q6 count above Q5a’s', () => {
    for (const id of ['Q7a', 'Q11', 'Q12']) assert.equal(value('Q5a', 'Total number of persons served', 2), value(id, 'Total', 1), id);
    assert.equal(value('Q16', 'Total Adults', 2), value('Q5a', 'Number of adult stayers', 2), 'Q16 C14 = Q5a C10');
    assert.equal(value('Q15', 'Total', 1), (value('Q5a', 'Number of adults (age 18 or over)', 2) as number) + (value('Q5a', 'Number of child and unknown-age heads of household', 2) as number));
    const q4aClients = table('Q4a').rows.reduce((sum, r) => sum + (r.cells[14]!.value as number), 0);
    assert.equal(q4aClients, value('Q5a', 'Total number of persons served', 2), 'Q4a per project adds up to Q5a');
    const heads = (value('Q5a', 'Number of adult heads of household', 2) as number) + (value('Q5a', 'Number of child and unknown-age heads of household', 2) as number);
    assert.equal(value('Q8a', 'Total Households', 1), heads);
    const dqTotal = value('Q5a', 'Total number of persons served', 1) as number;
    for (const id of ['Q6a', 'Q6b', 'Q6c', 'Q6d', 'Q6e', 'Q6f']) {
      for (const r of table(id).rows) {
        for (const c of r.cells) if (typeof c.value === 'number') assert.ok(c.value <= dqTotal, `${id} ${r.label}: ${c.value} ≤ ${dqTotal}`);
      }
    }
  });
});
