import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SiteDatabase } from '../../src/db/database.js';
import type { ReportParams } from '../../src/reports/report.model.js';
import { tableCsv } from '../../src/reports/sage-zip.js';
import { type ClientOptions, client, enroll, type EnrollmentOptions, household, organization, project } from './fixtures.js';
import { questionWorld } from './question-world.js';

/*
 * Q22c–Q22g, Q23d and Q23e on one hand-built world, report year 2025-10-01 – 2026-09-30 (reference §1.6, §1.7, §1.13,
 * §1.15, §3). Days are worked out here; "DTS" is 3.917.3 DateToStreetESSH (the fixtures default it to the entry date).
 *
 * RRH  A   alone, entered 11-01-2025, moved in 7 days later (the "7 days or less" bound); a stayer. White.
 *      B1  head, entered 01-01-2026 (DTS 12-01-2025), moved in 02-15-2026 (45 days). Black.
 *      B2  17 on entry (born 01-02-2008), entered with B1, no DTS of their own: a child takes the head's. Black + Hispanic.
 *      B4  18 on entry (born 01-01-2008), entered with B1, own DTS 12-20-2025: an adult keeps their own. Asian.
 *      B3  18, joined 03-01-2026 when the household was housed: moved in on their entry (0 days); no DTS.
 *          Asian + White.
 *      D   alone, 02-01-2026 → left 05-01-2026 without moving in, destination not collected (99). White.
 *      E1  head, 04-01-2026, moved in 06-10-2026 (70 days), left 08-01-2026 to 435 with an RRH subsidy (431). White.
 *      E2  adult with E1, left 05-01-2026 before the move-in, to jail (207): no move-in of their own. White.
 *      F   alone, entered 01-01-2025, moved in 03-01-2025 (before the report): not in Q22c; 59 days in Q22e. White.
 *      G   alone, entered 08-01-2026, not moved in, a stayer: not in Q22c; not yet housed in Q22e. White.
 *      H   alone, entered 09-01-2026, move-in 10-05-2026 after the report end (disregarded): as G. White.
 *      I   alone, entered 09-21-2026, moved in on the report end (9 days). White.
 * PSH  C   alone, entered 06-01-2023, moved in on the report start 10-01-2025 (853 days). Race not known (8).
 * ES   J   alone, 01-10-2026 → left 01-17-2026 to shelter (101); DTS 01-01-2026 (9 days). American Indian.
 *      L   unknown age (no DOB), entered 09-24-2026, no DTS: data not collected. White.
 * TH   K1  head, 02-01-2026 (DTS 02-01-2025: 365 days), left 06-01-2026 to 435 with VASH (419). Native Hawaiian.
 *      K2  17 (born 03-02-2008), joined 03-01-2026, left with K1: a child who did not enter with the head has no
 *          start date. Race not collected (99).
 * HP   M   alone, 03-01-2026 → left 03-09-2026 to 435 with an RRH subsidy: not in Q22e nor Q23d. White.
 */
const PARAMS: ReportParams = { kind: 'apr', from: '2025-10-01', to: '2026-09-30', projectIds: [], cocCode: null };

async function buildWorld(db: SiteDatabase['db'], params: ReportParams, ids: Record<string, string>) {
  const org = await organization(db);
  const rrh = await project(db, org, 13);
  const psh = await project(db, org, 3);
  const es = await project(db, org, 0);
  const th = await project(db, org, 2);
  const hp = await project(db, org, 12);
  params.projectIds.push(rrh, psh, es, th, hp);

  const person = async (name: string, projectId: string, entry: string, who: ClientOptions, stay: EnrollmentOptions) => {
    ids[name] = await enroll(db, await client(db, who), projectId, entry, stay);
  };
  const white: ClientOptions = { races: ['white'] };
  const alone = () => ({ householdId: household() });

  await person('A', rrh, '2025-11-01', white, { ...alone(), moveInDate: '2025-11-08' });
  const b = household();
  await person('B1', rrh, '2026-01-01', { races: ['black_af_american'] }, { householdId: b, moveInDate: '2026-02-15', dateToStreetEssh: '2025-12-01' });
  await person('B2', rrh, '2026-01-01', { dob: '2008-01-02', races: ['black_af_american', 'hispanic_latinao'] }, { householdId: b, relationshipToHoh: 2, dateToStreetEssh: null });
  await person('B4', rrh, '2026-01-01', { dob: '2008-01-01', races: ['asian'] }, { householdId: b, relationshipToHoh: 3, dateToStreetEssh: '2025-12-20' });
  await person('B3', rrh, '2026-03-01', { dob: '2008-03-01', races: ['asian', 'white'] }, { householdId: b, relationshipToHoh: 3, dateToStreetEssh: null });
  await person('D', rrh, '2026-02-01', white, { ...alone(), exitDate: '2026-05-01', destination: 99 });
  const e = household();
  await person('E1', rrh, '2026-04-01', white, { householdId: e, moveInDate: '2026-06-10', exitDate: '2026-08-01', destination: 435, destinationSubsidyType: 431 });
  await person('E2', rrh, '2026-04-01', white, { householdId: e, relationshipToHoh: 3, exitDate: '2026-05-01', destination: 207 });
  await person('F', rrh, '2025-01-01', white, { ...alone(), moveInDate: '2025-03-01' });
  await person('G', rrh, '2026-08-01', white, alone());
  await person('H', rrh, '2026-09-01', white, { ...alone(), moveInDate: '2026-10-05' });
  await person('I', rrh, '2026-09-21', white, { ...alone(), moveInDate: '2026-09-30' });
  await person('C', psh, '2023-06-01', { races: [], raceNone: 8 }, { ...alone(), moveInDate: '2025-10-01' });
  await person('J', es, '2026-01-10', { races: ['am_ind_ak_native'] }, { ...alone(), dateToStreetEssh: '2026-01-01', exitDate: '2026-01-17', destination: 101 });
  await person('L', es, '2026-09-24', { ...white, dob: null }, { ...alone(), dateToStreetEssh: null });
  const k = household();
  await person('K1', th, '2026-02-01', { races: ['native_hi_pacific'] }, { householdId: k, dateToStreetEssh: '2025-02-01', exitDate: '2026-06-01', destination: 435, destinationSubsidyType: 419 });
  await person('K2', th, '2026-03-01', { dob: '2008-03-02', races: [], raceNone: 99 }, { householdId: k, relationshipToHoh: 2, exitDate: '2026-06-01', destination: 435, destinationSubsidyType: 419 });
  await person('M', hp, '2026-03-01', white, { ...alone(), exitDate: '2026-03-09', destination: 435, destinationSubsidyType: 431 });
}

const HH = ['Total', 'Without Children', 'With Children and Adults', 'With Only Children', 'Unknown Household Type'];
const RACES = [
  'American Indian, Alaska Native, or Indigenous',
  'Asian or Asian American',
  'Black, African American, or African',
  'Hispanic/Latina/e/o',
  'Middle Eastern or North African',
  'Native Hawaiian or Pacific Islander',
  'White',
  'At Least 1 Race and Hispanic/Latina/e/o',
  'Multi-racial (does not include Hispanic/Latina/e/o)',
  'Unknown (Doesn’t Know, Prefers not to Answer, Data not Collected)',
];
const ZEROS = [0, 0, 0, 0, 0];

describe('HUD report questions Q22c–Q22g, Q23d and Q23e: time to housing and destinations (issue 15)', () => {
  const { table, values, who, named } = questionWorld(PARAMS, buildWorld);
  /** A row's values by its label (the n-th row of that label). */
  const at = (id: string, label: string) => {
    const found = values(id).find((r) => r[0] === label);
    assert.ok(found, `${id} has a row "${label}"`);
    return found.slice(1);
  };
  /** The first line of the table's Sage CSV, and its labels in column A. */
  const sage = (id: string) => {
    const lines = tableCsv(table(id)).split('\r\n').filter((l) => l !== '');
    return { header: lines[0], labels: lines.slice(1).map((l) => l.slice(1, l.indexOf('"', 1))) };
  };

  it('Q22c: days from project start to move-in by household type; leavers without move-in; the whole-number average', () => {
    assert.deepEqual(values('Q22c'), [
      ['7 days or less', 2, 1, 1, 0, 0],
      ['8 to 14 days', 1, 1, 0, 0, 0],
      ['15 to 21 days', ...ZEROS],
      ['22 to 30 days', ...ZEROS],
      ['31 to 60 days', 3, 0, 3, 0, 0],
      ['61 to 90 days', 1, 1, 0, 0, 0],
      ['91 to 180 days', ...ZEROS],
      ['181 to 365 days', ...ZEROS],
      ['366 to 730 days (1-2 Yrs)', ...ZEROS],
      // C's 853 days fall in no row and out of this total (the test kit's sum of the rows) …
      ['Total (persons moved into housing)', 7, 3, 4, 0, 0],
      // … but into the average: (7 + 45·3 + 0 + 853 + 70 + 9) / 8 = 134.25; A, C, E1, I: 939 / 4 = 234.75; B: 135 / 4 = 33.75.
      ['Average length of time to housing', 134, 235, 34, 0, 0],
      ['Persons who were exited without move-in', 2, 2, 0, 0, 0],
      ['Total persons', 10, 6, 4, 0, 0],
    ]);
    assert.deepEqual(who('Q22c', '7 days or less', 1), named('A', 'B3'), 'a member who joined a housed household moved in on their entry');
    assert.deepEqual(who('Q22c', '8 to 14 days', 1), named('I'), 'a move-in on the report end counts');
    assert.deepEqual(who('Q22c', 'Persons who were exited without move-in', 1), named('D', 'E2'), 'a member who left before the head moved in');
    assert.deepEqual(who('Q22c', 'Total persons', 1), named('A', 'B1', 'B2', 'B3', 'B4', 'C', 'D', 'E1', 'E2', 'I'));
    assert.equal(table('Q22c').rows[10]!.cells[0]!.enrollmentIds, undefined, 'an average has no drill-down');
  });

  it('Q22d: every client by length of participation, by household type (the CAPER’s weeks, then 731 days or more)', () => {
    assert.deepEqual(values('Q22d'), [
      ['7 days or less', 2, 1, 0, 0, 1], // J left after 7 days; L (unknown age) has stayed 7 days by the report end + 1
      ['8 to 14 days', 2, 2, 0, 0, 0], // I (10), M (8)
      ['15 to 21 days', ...ZEROS],
      ['22 to 30 days', 2, 2, 0, 0, 0], // E2 (30), H (30)
      ['31 to 60 days', ...ZEROS],
      ['61 to 90 days', 2, 2, 0, 0, 0], // D (89), G (61)
      ['91 to 180 days', 3, 1, 2, 0, 0], // E1 (122), K1 (120), K2 (92)
      ['181 to 365 days', 5, 1, 4, 0, 0], // A (334), B1, B2, B4 (273), B3 (214)
      ['366 to 730 days (1-2 Yrs)', 1, 1, 0, 0, 0], // F (638)
      ['731 days or more', 1, 1, 0, 0, 0], // C (1,218)
      ['Total', 18, 11, 6, 0, 1],
    ]);
    assert.deepEqual(who('Q22d', '7 days or less', 5), named('L'));
  });

  it('Q22e: days from the start of homelessness to housing; not yet housed; no usable start date', () => {
    assert.deepEqual(values('Q22e'), [
      ['7 days or less', 1, 1, 0, 0, 0],
      ['8 to 14 days', 2, 2, 0, 0, 0],
      ['15 to 21 days', ...ZEROS],
      ['22 to 30 days', ...ZEROS],
      ['31 to 60 days', 2, 1, 1, 0, 0],
      ['61 to 90 days', 3, 1, 2, 0, 0],
      ['91 to 180 days', ...ZEROS],
      ['181 to 365 days', 1, 0, 1, 0, 0],
      ['366 to 730 days (1-2 Yrs)', ...ZEROS],
      ['731 days or more', 1, 1, 0, 0, 0],
      ['Total (persons moved into housing)', 10, 6, 4, 0, 0],
      ['Not yet moved into housing', 4, 4, 0, 0, 0],
      ['Data not collected', 3, 0, 2, 0, 1],
      ['Total persons', 17, 10, 6, 0, 1],
    ]);
    assert.deepEqual(who('Q22e', '8 to 14 days', 1), named('I', 'J'), 'a shelter’s housing date is its project start');
    assert.deepEqual(who('Q22e', '31 to 60 days', 1), named('F', 'B4'), 'an 18-year-old keeps their own start (57 days); a move-in before the report counts (59)');
    assert.deepEqual(who('Q22e', '61 to 90 days', 1), named('B1', 'B2', 'E1'), 'a 17-year-old who entered with the head takes the head’s start (76 days)');
    assert.deepEqual(who('Q22e', '181 to 365 days', 1), named('K1'), '365 days is the bucket’s upper bound');
    assert.deepEqual(who('Q22e', 'Not yet moved into housing', 1), named('D', 'E2', 'G', 'H'));
    assert.deepEqual(who('Q22e', 'Data not collected', 1), named('B3', 'K2', 'L'));
    assert.ok(!who('Q22e', 'Total persons', 1)!.includes(named('M')[0]!), 'HP is not asked');
  });

  it('Q22f: Q22c’s people by race and ethnicity, with the average and median days to move-in (4 decimals)', () => {
    assert.deepEqual(table('Q22f').header, ['', ...RACES]);
    assert.deepEqual(values('Q22f'), [
      ['Persons Moved into housing', 0, 1, 1, 0, 0, 0, 3, 1, 1, 1],
      ['Persons who were exited without move-in', 0, 0, 0, 0, 0, 0, 2, 0, 0, 0],
      // White: A 7, I 9, E1 70 → 28.6667 and 9; C (race not known) 853.
      ['Average time to Move-In', '0.0000', '45.0000', '45.0000', '0.0000', '0.0000', '0.0000', '28.6667', '45.0000', '0.0000', '853.0000'],
      ['Median time to Move-In', '0.0000', '45.0000', '45.0000', '0.0000', '0.0000', '0.0000', '9.0000', '45.0000', '0.0000', '853.0000'],
    ]);
    assert.deepEqual(who('Q22f', 'Persons Moved into housing', 8), named('B2'), 'two races, one of them Hispanic');
    assert.deepEqual(who('Q22f', 'Persons Moved into housing', 9), named('B3'), 'two races, neither Hispanic');
  });

  it('Q22g: Q22e’s people with a usable start date by race and ethnicity; those not yet housed in row 3', () => {
    assert.deepEqual(table('Q22g').header, ['', ...RACES]);
    assert.deepEqual(values('Q22g'), [
      ['Persons Moved into housing', 1, 1, 1, 0, 0, 1, 4, 1, 0, 1],
      ['Persons who were exited without move-in', 0, 0, 0, 0, 0, 0, 4, 0, 0, 0],
      // White: A 7, I 9, F 59, E1 70 → 36.25, median (9 + 59) / 2 = 34.
      ['Average time to Move-In', '9.0000', '57.0000', '76.0000', '0.0000', '0.0000', '365.0000', '36.2500', '76.0000', '0.0000', '853.0000'],
      ['Median time to Move-In', '9.0000', '57.0000', '76.0000', '0.0000', '0.0000', '365.0000', '34.0000', '76.0000', '0.0000', '853.0000'],
    ]);
  });

  it('Q23d: leavers to rental with a subsidy by subsidy type; HP’s leavers left out', () => {
    const rows = values('Q23d');
    assert.deepEqual(
      rows.map((r) => r[0]),
      [
        'GPD TIP housing subsidy',
        'VASH housing subsidy',
        'RRH or equivalent subsidy',
        'HCV voucher (tenant or project based) (not dedicated)',
        'Public housing unit',
        'Rental by client, with other ongoing housing subsidy',
        'Housing Stability Voucher',
        'Family Unification Program Voucher (FUP)',
        'Foster Youth to Independence Initiative (FYI)',
        'Permanent Supportive Housing',
        'Other permanent housing dedicated for formerly homeless persons',
        'Total',
      ],
    );
    assert.deepEqual(at('Q23d', 'VASH housing subsidy'), [2, 0, 2, 0, 0]);
    assert.deepEqual(at('Q23d', 'RRH or equivalent subsidy'), [1, 1, 0, 0, 0]);
    assert.deepEqual(at('Q23d', 'Public housing unit'), ZEROS);
    assert.deepEqual(at('Q23d', 'Total'), [3, 1, 2, 0, 0]);
    assert.deepEqual(who('Q23d', 'Total', 1), named('E1', 'K1', 'K2'));
  });

  it('Q23e: leavers by destination group and race and ethnicity', () => {
    assert.deepEqual(table('Q23e').header, ['', 'Total', ...RACES]);
    assert.deepEqual(values('Q23e'), [
      ['Homeless Situations', 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      ['Institutional Situations', 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0],
      ['Temporary Situations', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      ['Permanent Situations', 4, 0, 0, 0, 0, 0, 1, 2, 0, 0, 1],
      ['Other Situations', 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0],
      ['Total', 7, 1, 0, 0, 0, 0, 1, 4, 0, 0, 1],
    ]);
    assert.deepEqual(who('Q23e', 'Other Situations', 1), named('D'), 'a destination not collected is an other situation');
  });

  it('the tables agree as the specification guarantees', () => {
    const column = (id: string, label: string) => (at(id, label) as number[]).reduce((a, b) => a + b, 0);
    // Q22f covers Q22c's people: its moved-in are Q22c's total persons less those exited without move-in.
    assert.equal(column('Q22f', 'Persons Moved into housing'), (at('Q22c', 'Total persons')[0] as number) - (at('Q22c', 'Persons who were exited without move-in')[0] as number));
    assert.equal(column('Q22f', 'Persons who were exited without move-in'), at('Q22c', 'Persons who were exited without move-in')[0]);
    // Q22g covers Q22e's people less "Data not collected".
    assert.equal(column('Q22g', 'Persons Moved into housing'), at('Q22e', 'Total (persons moved into housing)')[0]);
    assert.equal(column('Q22g', 'Persons who were exited without move-in'), at('Q22e', 'Not yet moved into housing')[0]);
    // Q22e's rows add up to its totals; Q22d's total is every client, as Q22a1's.
    const q22e = values('Q22e');
    assert.equal(q22e.slice(0, 10).reduce((sum, r) => sum + (r[1] as number), 0), at('Q22e', 'Total (persons moved into housing)')[0]);
    assert.deepEqual(at('Q22e', 'Total persons'), [0, 1, 2, 3, 4].map((i) => (at('Q22e', 'Total (persons moved into housing)')[i] as number) + (at('Q22e', 'Not yet moved into housing')[i] as number) + (at('Q22e', 'Data not collected')[i] as number)));
    assert.equal(at('Q22d', 'Total')[0], at('Q22a1', 'Total')[0]);
    // Q23e's totals are Q23c's leavers, group by group; each row's race columns add up to its total.
    const subtotals = values('Q23c').filter((r) => r[0] === 'Subtotal').map((r) => r[1]);
    assert.deepEqual(values('Q23e').slice(0, 5).map((r) => r[1]), subtotals);
    assert.equal(at('Q23e', 'Total')[0], at('Q23c', 'TOTAL')[0]);
    for (const r of values('Q23e')) assert.equal((r.slice(2) as number[]).reduce((a, b) => a + b, 0), r[1], `${r[0]} by race adds up`);
    // Q23d's total is Q23c's "rental with a subsidy" less HP's leavers (M).
    assert.equal(at('Q23d', 'Total')[0], (at('Q23c', 'Rental by client, with ongoing housing subsidy')[0] as number) - 1);
  });

  it('each table’s Sage CSV has HUD’s header and row labels', () => {
    const quoted = (cells: string[]) => cells.map((c) => `"${c}"`).join(',');
    for (const id of ['Q22c', 'Q22d', 'Q22e', 'Q23d']) assert.equal(sage(id).header, quoted([' ', ...HH]), id);
    for (const id of ['Q22f', 'Q22g']) assert.equal(sage(id).header, quoted(['', ...RACES]), id);
    assert.equal(sage('Q23e').header, quoted(['', 'Total', ...RACES]));
    assert.deepEqual(sage('Q22c').labels.slice(9), ['Total (persons moved into housing)', 'Average length of time to housing', 'Persons who were exited without move-in', 'Total persons']);
    assert.deepEqual(sage('Q22e').labels.slice(9), ['731 days or more', 'Total (persons moved into housing)', 'Not yet moved into housing', 'Data not collected', 'Total persons']);
    assert.deepEqual(sage('Q22f').labels, ['Persons Moved into housing', 'Persons who were exited without move-in', 'Average time to Move-In', 'Median time to Move-In']);
    assert.deepEqual(sage('Q23e').labels, ['Homeless Situations', 'Institutional Situations', 'Temporary Situations', 'Permanent Situations', 'Other Situations', 'Total']);
    assert.match(tableCsv(table('Q22c')), /"Average length of time to housing","134","235","34","0","0"/);
    assert.deepEqual(
      ['Q22c', 'Q22d', 'Q22e', 'Q22f', 'Q22g', 'Q23d', 'Q23e'].map((id) => table(id).title),
      [
        'Length of Time between Project Start Date and Housing Move-in Date',
        'Length of Participation by Household Type',
        'Length of Time Prior to Housing - based on 3.917 Date Homelessness Started',
        'Length of Time between Project Start Date and Housing Move-in Date by Race and Ethnicity',
        'Length of Time Prior to Housing by Race and Ethnicity - based on 3.917 Date Homelessness Started',
        'Exit Destination – Subsidy Type of Persons Exiting to Rental by Client With An Ongoing Subsidy',
        'Exit Destination Type by Race and Ethnicity',
      ],
    );
  });
});
