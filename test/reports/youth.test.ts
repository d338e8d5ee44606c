import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SiteDatabase } from '../../src/db/database.js';
import { questionsOf } from '../../src/reports/questions/index.js';
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

/*
 * Q27f2, Q27h, Q27k and Q27l on a second world, worked out from §1.7, §1.9, §1.11 and §3 Q18/Q22c/Q22e/Q23d, report
 * year 2025-10-01 – 2026-09-30. Boundary ages: 17 and 18 either side of the report start, 24 and 25 on the day of entry.
 *
 * RRH (rapid re-housing, 13)
 *   K18  alone, born 2007-10-01, entered 2025-09-01 (17 then, 18 on the report start: a youth adult), homeless since
 *        2025-08-01, moved in 2025-10-20: 49 days to move-in, 80 days prior to housing. A stayer: the annual
 *        assessment is due on 2026-09-01 and found (2026-09-05). Earned $300 at start; earned $300 and SSI $200 then.
 *   K24  head, born 2001-10-02, entered 2025-11-01 (24), homeless since 2025-10-01, with S17, a sibling born 2008-09-01
 *        (17, RelationshipToHoH 3): a household with children and adults. Moved in 2025-11-08 (7 days; 38 days prior
 *        to housing, S17 taking the head's date), both left 2026-03-01 to 435 with an RRH subsidy (431). K24: no income
 *        at start (4.02 No), SSI $700 at exit.
 *   K25  alone, born 2000-11-01, the same stay as K24 (25 on the day of entry: not youth).
 *   K17  head, born 2008-10-01, entered 2026-01-01 (17), with KB, her baby: a child-only household that never moved
 *        in and left 2026-04-01 to 435 with a FUP voucher (437). No income records.
 * HP (homelessness prevention, 12)
 *   H20  alone, 20, 2026-02-01 to 2026-03-01, to 435 with VASH (419): HP leavers are not in Q23d nor Q27f2, and HP is
 *        not a Q22e project type. No income records.
 * ES (emergency shelter, 0)
 *   E19  alone, 19, since 2026-05-01, homeless since 2026-04-01 (30 days); at start 4.02 "doesn't know" (8).
 *   E22  alone, 22, since 2026-06-01, no 3.917.3 date ("Data not collected" in Q27l); an income record at stage 1
 *        dated 2026-05-15, not on the project start, so not the income at start.
 */
async function buildHousingWorld(db: SiteDatabase['db'], params: ReportParams, ids: Record<string, string>) {
  const org = await organization(db);
  const rrh = await project(db, org, 13);
  const hp = await project(db, org, 12);
  const es = await project(db, org, 0);
  params.projectIds.push(rrh, hp, es);

  const k18 = await client(db, { dob: '2007-10-01' });
  ids.K18 = await enroll(db, k18, rrh, '2025-09-01', { householdId: household(), moveInDate: '2025-10-20', dateToStreetEssh: '2025-08-01' });
  await income(db, ids.K18, k18, '2025-09-01', 1, 1, { earned: 300 });
  await income(db, ids.K18, k18, '2026-09-05', 5, 1, { earned: 300, ssi: 200 });

  const k = household();
  const k24 = await client(db, { dob: '2001-10-02' });
  const stay = { householdId: k, moveInDate: '2025-11-08', exitDate: '2026-03-01', destination: 435, destinationSubsidyType: 431 };
  ids.K24 = await enroll(db, k24, rrh, '2025-11-01', { ...stay, dateToStreetEssh: '2025-10-01' });
  ids.S17 = await enroll(db, await client(db, { dob: '2008-09-01' }), rrh, '2025-11-01', { ...stay, relationshipToHoh: 3, dateToStreetEssh: null });
  await income(db, ids.K24, k24, '2025-11-01', 1, 0);
  await income(db, ids.K24, k24, '2026-03-01', 3, 1, { ssi: 700 });
  ids.K25 = await enroll(db, await client(db, { dob: '2000-11-01' }), rrh, '2025-11-01', { ...stay, householdId: household() });

  const m = household();
  const left = { exitDate: '2026-04-01', destination: 435, destinationSubsidyType: 437 };
  ids.K17 = await enroll(db, await client(db, { dob: '2008-10-01' }), rrh, '2026-01-01', { householdId: m, ...left });
  ids.KB = await enroll(db, await client(db, { dob: '2025-06-01' }), rrh, '2026-01-01', { householdId: m, relationshipToHoh: 2, ...left });

  ids.H20 = await enroll(db, await client(db, { dob: '2005-01-01' }), hp, '2026-02-01', {
    householdId: household(),
    exitDate: '2026-03-01',
    destination: 435,
    destinationSubsidyType: 419,
  });

  const e19 = await client(db, { dob: '2007-05-01' });
  ids.E19 = await enroll(db, e19, es, '2026-05-01', { householdId: household(), dateToStreetEssh: '2026-04-01' });
  await income(db, ids.E19, e19, '2026-05-01', 1, 8);
  const e22 = await client(db, { dob: '2003-06-15' });
  ids.E22 = await enroll(db, e22, es, '2026-06-01', { householdId: household(), dateToStreetEssh: null });
  await income(db, ids.E22, e22, '2026-05-15', 1, 1, { earned: 900 });
}

describe('HUD APR youth questions Q27f2, Q27h, Q27k and Q27l on hand-built households', () => {
  const params: ReportParams = { ...PARAMS, projectIds: [] };
  const { table, values, who, named } = questionWorld(params, buildHousingWorld);
  const cells = (id: string, label: string) => values(id).find((r) => r[0] === label)!.slice(1);
  const ZEROS = [0, 0, 0, 0, 0];

  it('Q27f2: youth leavers to a subsidized rental by subsidy type; the 25-year-old, the baby and HP’s leaver are not counted', () => {
    assert.deepEqual(table('Q27f2').header, table('Q23d').header);
    assert.deepEqual(
      values('Q27f2').map((r) => r[0]),
      values('Q23d').map((r) => r[0]),
    );
    assert.equal(values('Q27f2').length, 12);
    assert.deepEqual(cells('Q27f2', 'RRH or equivalent subsidy'), [2, 0, 2, 0, 0]);
    assert.deepEqual(cells('Q27f2', 'Family Unification Program Voucher (FUP)'), [1, 0, 0, 1, 0]);
    assert.deepEqual(cells('Q27f2', 'VASH housing subsidy'), ZEROS);
    assert.deepEqual(cells('Q27f2', 'Total'), [3, 0, 2, 1, 0]);
    assert.deepEqual(who('Q27f2', 'Total', 1), named('K24', 'S17', 'K17'));
    // Q23d counts the 25-year-old and the baby too.
    assert.deepEqual(cells('Q23d', 'Total'), [5, 1, 2, 2, 0]);
  });

  it('Q27h: youth adults and heads by earned and other income; the 17-year-old head counts, the 17-year-old sibling does not', () => {
    assert.deepEqual(table('Q27h').header, [
      'Number of Youth By Income Category',
      'Number of Youth at Start',
      'Number of Youth at Annual Assessment (Stayers)',
      'Number of Youth at Exit (Leavers)',
    ]);
    assert.deepEqual(values('Q27h'), [
      ['Youth with Only Earned Income (i.e., Employment Income)', 1, 0, 0],
      ['Youth with Only Other Income', 0, 0, 1],
      ['Youth with Both Earned and Other Income', 0, 1, 0],
      ['Youth with No Income', 1, 0, 0],
      ['Youth with Client Doesn’t Know/Prefers Not to Answer', 1, 0, 0],
      ['Youth with Missing Income Information', 3, 0, 2],
      ['Number of youth stayers not yet required to have an annual assessment', null, 2, null],
      ['Number of youth stayers without required annual assessment', null, 0, null],
      ['Total Youth', 6, 3, 3],
      ['1 or more source of income', 1, 1, 1],
      ['Youth with Income Information at Start and Annual Assessment/Exit', null, 1, 1],
    ]);
    assert.deepEqual(who('Q27h', 'Youth with Missing Income Information', 1), named('K17', 'H20', 'E22'));
    assert.deepEqual(who('Q27h', 'Total Youth', 1), named('K18', 'K24', 'K17', 'H20', 'E19', 'E22'));
    assert.deepEqual(who('Q27h', 'Youth with Both Earned and Other Income', 2), named('K18'));
    // Q18 has the same rows for adults: the 25-year-old is an adult, the 17-year-old head is not.
    assert.deepEqual(cells('Q18', 'Total Adults'), [6, 3, 3]);
    assert.deepEqual(who('Q18', 'Total Adults', 1), named('K18', 'K24', 'K25', 'H20', 'E19', 'E22'));
  });

  it('Q27k: youth by days from project start to move-in; the child-only household that left unhoused; the average', () => {
    assert.deepEqual(
      values('Q27k').map((r) => r[0]),
      values('Q22c').map((r) => r[0]),
    );
    assert.deepEqual(cells('Q27k', '7 days or less'), [2, 0, 2, 0, 0]);
    assert.deepEqual(cells('Q27k', '31 to 60 days'), [1, 1, 0, 0, 0]);
    assert.deepEqual(cells('Q27k', 'Total (persons moved into housing)'), [3, 1, 2, 0, 0]);
    // (49 + 7 + 7) / 3 = 21; each column's own average; 0 where nobody moved in.
    assert.deepEqual(cells('Q27k', 'Average length of time to housing'), [21, 49, 7, 0, 0]);
    assert.deepEqual(cells('Q27k', 'Persons who were exited without move-in'), [1, 0, 0, 1, 0]);
    assert.deepEqual(cells('Q27k', 'Total persons'), [4, 1, 2, 1, 0]);
    const counted = ['7 days or less', '31 to 60 days', 'Total (persons moved into housing)', 'Average length of time to housing', 'Persons who were exited without move-in', 'Total persons'];
    assert.ok(values('Q27k').every((r) => counted.includes(r[0] as string) || r.slice(1).every((v) => v === 0)));
    assert.deepEqual(who('Q27k', 'Total persons', 1), named('K18', 'K24', 'S17', 'K17'));
    // Q22c: the 25-year-old moved in after 7 days, the baby left unhoused.
    assert.deepEqual(cells('Q22c', 'Total persons'), [6, 2, 2, 2, 0]);
  });

  it('Q27l: youth by days from the start of homelessness to housing; not yet housed; no start date', () => {
    assert.deepEqual(
      values('Q27l').map((r) => r[0]),
      values('Q22e').map((r) => r[0]),
    );
    assert.deepEqual(cells('Q27l', '22 to 30 days'), [1, 1, 0, 0, 0]);
    assert.deepEqual(cells('Q27l', '31 to 60 days'), [2, 0, 2, 0, 0]);
    assert.deepEqual(cells('Q27l', '61 to 90 days'), [1, 1, 0, 0, 0]);
    assert.deepEqual(cells('Q27l', 'Total (persons moved into housing)'), [4, 2, 2, 0, 0]);
    assert.deepEqual(cells('Q27l', 'Not yet moved into housing'), [1, 0, 0, 1, 0]);
    assert.deepEqual(cells('Q27l', 'Data not collected'), [1, 1, 0, 0, 0]);
    assert.deepEqual(cells('Q27l', 'Total persons'), [6, 3, 2, 1, 0]);
    const counted = ['22 to 30 days', '31 to 60 days', '61 to 90 days', 'Total (persons moved into housing)', 'Not yet moved into housing', 'Data not collected', 'Total persons'];
    assert.ok(values('Q27l').every((r) => counted.includes(r[0] as string) || r.slice(1).every((v) => v === 0)));
    assert.deepEqual(who('Q27l', '31 to 60 days', 1), named('K24', 'S17'));
    assert.deepEqual(who('Q27l', 'Data not collected', 1), named('E22'));
    // Q22e adds the 25-year-old (7 days) and the baby (not yet housed); HP's leaver is in neither.
    assert.deepEqual(cells('Q22e', 'Total persons'), [8, 4, 2, 2, 0]);
  });

  it('the four tables are the APR’s, in HUD’s file order, and not the CAPER’s; each Sage CSV has its labels in column A', () => {
    const apr = questionsOf('apr').map((q) => q.id);
    assert.deepEqual(
      apr.filter((id) => id.startsWith('Q27')),
      ['Q27a', 'Q27b', 'Q27d', 'Q27e', 'Q27f1', 'Q27f2', 'Q27g', 'Q27h', 'Q27i', 'Q27j', 'Q27k', 'Q27l', 'Q27m'],
    );
    assert.ok(!questionsOf('caper').some((q) => q.id.startsWith('Q27')));
    assert.equal(apr.length, 67, 'the APR zip has 67 files (§5), the CAPER’s 40');
    assert.equal(questionsOf('caper').length, 40);
    const lines = (id: string) => tableCsv(table(id)).split('\r\n');
    assert.equal(lines('Q27h')[0], '"Number of Youth By Income Category","Number of Youth at Start","Number of Youth at Annual Assessment (Stayers)","Number of Youth at Exit (Leavers)"');
    assert.equal(lines('Q27h')[7], '"Number of youth stayers not yet required to have an annual assessment","","2",""');
    assert.equal(lines('Q27k')[11], '"Average length of time to housing","21","49","7","0","0"');
    for (const id of ['Q27f2', 'Q27h', 'Q27k', 'Q27l']) {
      assert.equal(table(id).question, id);
      assert.deepEqual(
        lines(id).slice(1, -1).map((line) => line.slice(1, line.indexOf('"', 1))),
        table(id).rows.map((r) => r.label),
        `${id}.csv has the row labels in column A`,
      );
    }
  });
});
