import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SiteDatabase } from '../../src/db/database.js';
import type { ReportParams } from '../../src/reports/report.model.js';
import { tableCsv } from '../../src/reports/sage-zip.js';
import { client, enroll, household, income, organization, project } from './fixtures.js';
import { questionWorld } from './question-world.js';

/*
 * The APR's youth questions (Q27) on a world worked out from §1.9 and §3 Q27, report year 2025-10-01 – 2026-09-30.
 * Ages are at the later of the project start and the report start (§1.3).
 *
 * ES (emergency shelter, no YHDP grant)
 *   Y18  alone, born 2007-10-01, entered 2025-06-01 (17 then, 18 on the report start: youth, an adult), a stayer of
 *        487 days whose annual assessment (2026-06-01) is due and missing. Living situation 116.
 *   Y21  alone, 21, 2025-12-01 to 2026-01-15 (45 days), left to shelter 101 (not positive); no income record at exit.
 *   P19  head, 19, since 2025-11-01 (334 days), from shelter 101, with PC, her child (RelationshipToHoH 2) aged 1:
 *        a parenting youth in a household with children and adults. PC is under 12: not youth.
 *   H17  head, 17 (born 2008-12-01, entered 2026-02-01, 242 days), with HB, his baby: a parenting youth under 18 in a
 *        household of children only.
 *   N23  head, 23, with N26, a partner of 26: nobody in a household with someone over 24 is youth.
 *   Y20  head, 20, since 2026-01-05 (269 days), with X, a partner whose DOB was not collected: a youth household
 *        (DL: the oldest known age is 24 or under) of unknown type, which Q27a counts in Total but leaves blank.
 * TH (transitional housing, funded by YHDP, 43)
 *   Y24  alone, born 2001-03-02, entered 2026-03-01 (24 then), left 2026-06-01 (92 days) to a rental 410 (positive);
 *        no income at start, earned $500 at exit; disabling condition Yes.
 *   A25  alone, born 2001-03-01, the same stay and income as Y24, but 25 on the day of entry: not youth.
 *   U16  head alone, 16 (born 2009-06-01, entered 2026-01-10), left 2026-02-10 (31 days) to a family's home 312;
 *        came from foster care 215; no income at exit (4.02 No), disabling condition No: a child-only household.
 */
const PARAMS: ReportParams = { kind: 'apr', from: '2025-10-01', to: '2026-09-30', projectIds: [], cocCode: null };

async function buildWorld(db: SiteDatabase['db'], params: ReportParams, ids: Record<string, string>) {
  const org = await organization(db);
  const es = await project(db, org, 0);
  const th = await project(db, org, 2, { funders: [43] });
  params.projectIds.push(es, th);

  ids.Y18 = await enroll(db, await client(db, { dob: '2007-10-01' }), es, '2025-06-01', { householdId: household() });
  ids.Y21 = await enroll(db, await client(db, { dob: '2004-08-01' }), es, '2025-12-01', { householdId: household(), exitDate: '2026-01-15', destination: 101 });

  const p = household();
  ids.P19 = await enroll(db, await client(db, { dob: '2006-01-15' }), es, '2025-11-01', { householdId: p, livingSituation: 101 });
  ids.PC = await enroll(db, await client(db, { dob: '2024-05-01' }), es, '2025-11-01', { householdId: p, relationshipToHoh: 2, livingSituation: 101 });

  const h = household();
  ids.H17 = await enroll(db, await client(db, { dob: '2008-12-01' }), es, '2026-02-01', { householdId: h });
  ids.HB = await enroll(db, await client(db, { dob: '2025-12-01' }), es, '2026-02-01', { householdId: h, relationshipToHoh: 2 });

  const y20 = household();
  ids.Y20 = await enroll(db, await client(db, { dob: '2005-09-01' }), es, '2026-01-05', { householdId: y20 });
  ids.X = await enroll(db, await client(db, { dob: null }), es, '2026-01-05', { householdId: y20, relationshipToHoh: 3 });

  const n = household();
  ids.N23 = await enroll(db, await client(db, { dob: '2002-06-01' }), es, '2026-01-01', { householdId: n });
  ids.N26 = await enroll(db, await client(db, { dob: '1999-06-01' }), es, '2026-01-01', { householdId: n, relationshipToHoh: 3 });

  for (const [name, dob] of [
    ['Y24', '2001-03-02'],
    ['A25', '2001-03-01'],
  ] as const) {
    const personalId = await client(db, { dob });
    ids[name] = await enroll(db, personalId, th, '2026-03-01', { householdId: household(), exitDate: '2026-06-01', destination: 410, disablingCondition: 1 });
    await income(db, ids[name], personalId, '2026-03-01', 1, 0);
    await income(db, ids[name], personalId, '2026-06-01', 3, 1, { earned: 500 });
  }

  const u16 = await client(db, { dob: '2009-06-01' });
  ids.U16 = await enroll(db, u16, th, '2026-01-10', { householdId: household(), exitDate: '2026-02-10', destination: 312, livingSituation: 215 });
  await income(db, ids.U16, u16, '2026-02-10', 3, 0);
}

describe('HUD APR youth questions (Q27) on a hand-built world', () => {
  const { table, values, who, named } = questionWorld(PARAMS, buildWorld);

  it('Q27a: youth by age and household type; 25-year-olds, under-12s and members of households with someone over 24 are not youth', () => {
    assert.deepEqual(table('Q27a').header, [' ', 'Total', 'Without Children', 'With Children and Adults', 'With Only Children', 'Unknown Household Type']);
    assert.deepEqual(values('Q27a'), [
      ['12-17', 2, null, 0, 2, 0],
      ['18-24', 5, 3, 1, null, null],
      ['Client Doesn’t Know/Prefers Not to Answer', null, null, null, null, null],
      ['Data Not Collected', null, null, null, null, null],
      ['Total', 7, 3, 1, 2, null],
    ]);
    assert.deepEqual(who('Q27a', '12-17', 1), named('U16', 'H17'));
    assert.deepEqual(who('Q27a', '18-24', 2), named('Y18', 'Y21', 'Y24'));
    assert.deepEqual(who('Q27a', '18-24', 1), named('Y18', 'Y20', 'Y21', 'Y24', 'P19'));
  });

  it('Q27b: households of parenting youth by the head’s age: parents, their children, persons, households', () => {
    assert.deepEqual(table('Q27b').header, [' ', 'Total parenting youth', 'Total children of parenting youth', 'Total persons', 'Total Households']);
    assert.deepEqual(values('Q27b'), [
      ['Parent youth < 18', 1, 1, 2, 1],
      ['Parent youth 18 to 24', 1, 1, 2, 1],
    ]);
    assert.deepEqual(who('Q27b', 'Parent youth < 18', 2), named('HB'));
    assert.deepEqual(who('Q27b', 'Parent youth 18 to 24', 3), named('P19', 'PC'));
  });

  it('Q27d: youth heads by living situation, in Q15’s rows', () => {
    const rows = values('Q27d');
    assert.deepEqual(
      rows.map((r) => r[0]),
      values('Q15').map((r) => r[0]),
    );
    assert.equal(rows.length, 31);
    assert.deepEqual(rows[0], ['Homeless Situations', null, null, null, null, null]);
    assert.deepEqual(rows[1], ['Place not meant for habitation', 5, 3, 0, 1, 1]);
    assert.deepEqual(rows[2], ['Emergency shelter, including hotel or motel paid for with emergency shelter voucher, Host Home shelter', 1, 0, 1, 0, 0]);
    assert.deepEqual(rows[4], ['Subtotal', 6, 3, 1, 1, 1]);
    assert.deepEqual(rows[6], ['Foster care home or foster care group home', 1, 0, 0, 1, 0]);
    assert.deepEqual(rows[30], ['Total', 7, 3, 1, 2, 1]);
    assert.deepEqual(who('Q27d', 'Foster care home or foster care group home', 1), named('U16'));
  });

  it('Q27e and Q27j: youth by length of participation; average and median for leavers and stayers', () => {
    assert.deepEqual(values('Q27e'), [
      ['30 days or less', 0, 0, 0],
      ['31 to 60 days', 2, 2, 0],
      ['61 to 90 days', 0, 0, 0],
      ['91 to 180 days', 1, 1, 0],
      ['181 to 365 days', 3, 0, 3],
      ['366 to 730 days (1-2 Yrs)', 1, 0, 1],
      ['731 to 1,095 days (2-3 Yrs)', 0, 0, 0],
      ['1,096 to 1,460 days (3-4 Yrs)', 0, 0, 0],
      ['1,461 to 1,825 days (4-5 Yrs)', 0, 0, 0],
      ['More than 1,825 days (> 5 Yrs)', 0, 0, 0],
      ['Total', 7, 3, 4],
    ]);
    assert.deepEqual(who('Q27e', '366 to 730 days (1-2 Yrs)', 3), named('Y18'));
    // Leavers 31, 45, 92 days; stayers 242, 269, 334, 487 days.
    assert.deepEqual(table('Q27j').header, ['', 'Leavers', 'Stayers']);
    assert.deepEqual(values('Q27j'), [
      ['Average Length', '56.00', '333.00'],
      ['Median Length', '45.00', '301.50'],
    ]);
  });

  it('Q27f1: youth leavers by destination; positive destinations by the project type', () => {
    const rows = values('Q27f1');
    assert.equal(rows.length, 42);
    const at = (label: string) => rows.filter((r) => r[0] === label);
    assert.deepEqual(at('Rental by client, no ongoing housing subsidy'), [['Rental by client, no ongoing housing subsidy', 1, 1, 0, 0, 0]]);
    assert.deepEqual(at('Staying or living with family, temporary tenure (e.g., room, apartment, or house)')[0], [
      'Staying or living with family, temporary tenure (e.g., room, apartment, or house)', 1, 0, 0, 1, 0,
    ]);
    assert.deepEqual(rows.slice(-4), [
      ['TOTAL', 3, 2, 0, 1, 0],
      ['Total persons exiting to positive housing destinations', 1, 1, 0, 0, 0],
      ['Total persons whose destinations excluded them from the calculation', 0, 0, 0, 0, 0],
      ['Percentage of persons exiting to positive housing destinations', '0.3333', '0.5000', '0.0000', '0.0000', '0.0000'],
    ]);
    assert.deepEqual(who('Q27f1', 'TOTAL', 1), named('Y21', 'Y24', 'U16'));
  });

  it('Q27g: youth adults and heads by cash income source; the 25-year-old’s earned income is not counted', () => {
    assert.deepEqual(table('Q27g').header, [' ', 'Income at Start', 'Income at Latest Annual Assessment for Stayers', 'Income at Exit for Leavers']);
    const rows = values('Q27g');
    assert.equal(rows.length, 16);
    assert.deepEqual(rows[0], ['Earned Income', 0, 0, 1]);
    assert.ok(rows.slice(1, 15).every((r) => r[1] === 0 && r[2] === 0 && r[3] === 0));
    assert.deepEqual(rows[15], ['Youth with Income Information at Start and Annual Assessment/Exit', null, 0, 1]);
    assert.deepEqual(who('Q27g', 'Earned Income', 3), named('Y24'));
    assert.deepEqual(who('Q17', 'Earned Income', 3), named('Y24', 'A25'));
  });

  it('Q27i: youth leavers with both answers, by source at exit and household type, child-only columns included', () => {
    const q27i = table('Q27i');
    assert.equal(q27i.header.length, 17);
    assert.deepEqual(q27i.header.slice(9, 13), [
      'CO: Youth with Disabling Condition',
      'CO: Youth without Disabling Condition',
      'CO: Total Youths',
      'CO: % with Disabling Condition by Source',
    ]);
    const zeros = [0, 0, 0, '0.0000'];
    const rows = values('Q27i');
    assert.equal(rows.length, 17);
    assert.deepEqual(rows[0], ['Earned Income', 1, 0, 1, '1.0000', ...zeros, ...zeros, ...zeros]);
    assert.deepEqual(rows[15], ['No Sources', ...zeros, ...zeros, 0, 1, 1, '0.0000', ...zeros]);
    assert.deepEqual(rows[16], ['Unduplicated Total Youth', 1, 0, 1, null, 0, 0, 0, null, 0, 1, 1, null, 0, 0, 0, null]);
    assert.deepEqual(who('Q27i', 'No Sources', 10), named('U16'));
  });

  it('Q27m: youth heads who left a YHDP project; C3 is not recorded, so all are "Data Not Collected"', () => {
    assert.deepEqual(table('Q27m').header, ['Current school and attendance', 'At Project Start', 'At Project Exit']);
    const rows = values('Q27m');
    assert.equal(rows.length, 25);
    assert.deepEqual(rows[4], ['Data Not Collected', 2, 2]);
    assert.deepEqual(rows[5], ['For those not enrolled – most recent education status', null, null]);
    assert.deepEqual(rows[16], ['For those currently enrolled – current status', null, null]);
    assert.deepEqual(rows[24], ['Total', 2, 2]);
    const counted = rows.filter((r, i) => i !== 4 && i !== 24 && r[1] !== null);
    assert.ok(counted.every((r) => r[1] === 0 && r[2] === 0));
    assert.deepEqual(who('Q27m', 'Total', 1), named('Y24', 'U16'));
  });

  it('consistency: Q27a’s total is Q5a’s youth, Q27b’s parents Q5a’s parenting youth; Q27e’s total is Q27a’s', () => {
    const q5a = (label: string) => values('Q5a').find((r) => r[0] === label)![1];
    assert.equal(q5a('Number of youth under age 25'), 7);
    assert.equal(values('Q27a').at(-1)![1], q5a('Number of youth under age 25'));
    assert.equal(
      values('Q27b').reduce((n, r) => n + (r[1] as number), 0),
      q5a('Number of parenting youth under age 25 with children'),
    );
    assert.equal(values('Q27e').at(-1)![1], 7);
  });

  it('each Q27 table’s Sage CSV: the header row, the row labels in column A, every field quoted', () => {
    const lines = (id: string) => tableCsv(table(id)).split('\r\n');
    assert.equal(lines('Q27a')[0], '" ","Total","Without Children","With Children and Adults","With Only Children","Unknown Household Type"');
    assert.equal(lines('Q27a')[3], '"Client Doesn’t Know/Prefers Not to Answer","","","","",""');
    assert.equal(lines('Q27b')[1], '"Parent youth < 18","1","1","2","1"');
    assert.equal(lines('Q27g')[16], '"Youth with Income Information at Start and Annual Assessment/Exit","","0","1"');
    assert.equal(lines('Q27i')[0]!.split('","').length, 17);
    assert.equal(lines('Q27j')[1], '"Average Length","56.00","333.00"');
    assert.equal(lines('Q27m')[0], '"Current school and attendance","At Project Start","At Project Exit"');
    for (const id of ['Q27a', 'Q27b', 'Q27d', 'Q27e', 'Q27f1', 'Q27g', 'Q27i', 'Q27j', 'Q27m']) {
      const t = table(id);
      assert.equal(t.question, id);
      assert.deepEqual(
        lines(id).slice(1, -1).map((line) => line.slice(1, line.indexOf('"', 1))),
        t.rows.map((r) => r.label),
        `${id}.csv has the row labels in column A`,
      );
    }
  });
});
