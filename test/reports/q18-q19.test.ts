import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { SiteDatabase } from '../../src/db/database.js';
import { money } from '../../src/reports/questions/table-kit.js';
import type { ReportParams } from '../../src/reports/report.model.js';
import { tableCsv } from '../../src/reports/sage-zip.js';
import { client, enroll, household, income, organization, project } from './fixtures.js';
import { questionWorld } from './question-world.js';

/*
 * Q18, Q19a1 and Q19a2 (APR) on one PSH project, report year 2025-10-01 – 2026-09-30, worked out from §1.11 and §3.
 * Earned = the earned amount; other = total − earned; total by §1.11.
 *
 * HH1  since 2024-05-01, stayers; the household's anniversary is 2026-05-01, so the annual assessment is due for all.
 *      A head: start earned $500 + SSI $300 (both); annual 2026-05-10 earned $600 (only earned).
 *      B adult: start no income; annual 2026-04-05 (26 days before: in the window) SSDI $900 (only other).
 *      C adult: start "doesn't know"; annual dated 2026-06-15, 45 days after: outside the window, so due but missing.
 *      K child (2015): has income records, but children are never counted.
 * HH2  D head since 2026-03-01: a stayer not yet due an assessment; start earned $1,200 (only earned).
 * HH3  E head 2026-01-01 – 2026-06-30: start earned $400 + unemployment $100; exit earned $450 + unemployment $100.
 *      F adult 2026-01-01 – 2026-05-01: the start record is dated the day after entry (wrong date: none at start);
 *      exit SSI $700 (only other).
 * HH4  G head 2025-11-01 – 2026-02-01: start no income; the record on the exit day is an update (stage 2), not an
 *      exit record (wrong stage: missing at exit).
 * HH5  H head 2025-12-01 – 2026-08-31: start TotalMonthlyIncome $250 with child support and no amount (only
 *      other, from the total); exit no income.
 * X    a client in two households: left HH6 (2025-10-15 – 2025-12-31, earned $1,000 at start and exit), now in HH7
 *      since 2026-02-01 with no income at start: reported once, from the latest stay, as a stayer not yet due.
 */
const PARAMS: ReportParams = { kind: 'apr', from: '2025-10-01', to: '2026-09-30', projectIds: [], cocCode: null };

async function buildWorld(db: SiteDatabase['db'], params: ReportParams, ids: Record<string, string>) {
  const psh = await project(db, await organization(db), 3, { funders: [2] });
  params.projectIds.push(psh);

  const hh1 = household();
  const [a, b, c, k] = [await client(db), await client(db), await client(db), await client(db, { dob: '2015-01-01' })];
  ids.A = await enroll(db, a, psh, '2024-05-01', { householdId: hh1 });
  ids.B = await enroll(db, b, psh, '2024-05-01', { householdId: hh1, relationshipToHoh: 3 });
  ids.C = await enroll(db, c, psh, '2024-05-01', { householdId: hh1, relationshipToHoh: 3 });
  ids.K = await enroll(db, k, psh, '2024-05-01', { householdId: hh1, relationshipToHoh: 2 });
  await income(db, ids.A, a, '2024-05-01', 1, 1, { earned: 500, ssi: 300 });
  await income(db, ids.A, a, '2026-05-10', 5, 1, { earned: 600 });
  await income(db, ids.B, b, '2024-05-01', 1, 0);
  await income(db, ids.B, b, '2026-04-05', 5, 1, { ssdi: 900 });
  await income(db, ids.C, c, '2024-05-01', 1, 8);
  await income(db, ids.C, c, '2026-06-15', 5, 1, { earned: 700 });
  await income(db, ids.K, k, '2024-05-01', 1, 1, { child_support: 100 });
  await income(db, ids.K, k, '2026-05-01', 5, 1, { child_support: 100 });

  const d = await client(db);
  ids.D = await enroll(db, d, psh, '2026-03-01', { householdId: household() });
  await income(db, ids.D, d, '2026-03-01', 1, 1, { earned: 1200 });

  const hh3 = household();
  const [e, f] = [await client(db), await client(db)];
  ids.E = await enroll(db, e, psh, '2026-01-01', { householdId: hh3, exitDate: '2026-06-30' });
  ids.F = await enroll(db, f, psh, '2026-01-01', { householdId: hh3, relationshipToHoh: 3, exitDate: '2026-05-01' });
  await income(db, ids.E, e, '2026-01-01', 1, 1, { earned: 400, unemployment: 100 });
  await income(db, ids.E, e, '2026-06-30', 3, 1, { earned: 450, unemployment: 100 });
  await income(db, ids.F, f, '2026-01-02', 1, 1, { ssi: 700 });
  await income(db, ids.F, f, '2026-05-01', 3, 1, { ssi: 700 });

  const g = await client(db);
  ids.G = await enroll(db, g, psh, '2025-11-01', { householdId: household(), exitDate: '2026-02-01' });
  await income(db, ids.G, g, '2025-11-01', 1, 0);
  await income(db, ids.G, g, '2026-02-01', 2, 1, { earned: 300 });

  const h = await client(db);
  ids.H = await enroll(db, h, psh, '2025-12-01', { householdId: household(), exitDate: '2026-08-31' });
  await income(db, ids.H, h, '2025-12-01', 1, 1, {}, { total_monthly_income: 250, child_support: 1 });
  await income(db, ids.H, h, '2026-08-31', 3, 0);

  const x = await client(db);
  ids.Xearlier = await enroll(db, x, psh, '2025-10-15', { householdId: household(), exitDate: '2025-12-31' });
  await income(db, ids.Xearlier, x, '2025-10-15', 1, 1, { earned: 1000 });
  await income(db, ids.Xearlier, x, '2025-12-31', 3, 1, { earned: 1000 });
  ids.X = await enroll(db, x, psh, '2026-02-01', { householdId: household() });
  await income(db, ids.X, x, '2026-02-01', 1, 0);
}

/** Column A of every row, then the header: the Sage CSV as HUD lays the table out (§3, §5). */
function sageLayout(csv: string): { header: string[]; labels: string[] } {
  const [header, ...rows] = parse(csv) as string[][];
  return { header: header!, labels: rows.map((r) => r[0]!) };
}

describe('HUD report questions Q18, Q19a1 and Q19a2 (issue 15, APR) on a hand-built world', () => {
  const { table, values, who, named } = questionWorld(PARAMS, buildWorld);

  it('Q18: adults by earned/other income category at start, at the annual assessment and at exit', () => {
    assert.deepEqual(values('Q18'), [
      ['Adults with Only Earned Income (i.e., Employment Income)', 1, 1, 0],
      ['Adults with Only Other Income', 1, 1, 1],
      ['Adults with Both Earned and Other Income', 2, 0, 1],
      ['Adults with No Income', 3, 0, 1],
      ['Adults with Client Doesn’t Know/Prefers Not to Answer', 1, 0, 0],
      ['Adults with Missing Income Information', 1, 0, 1],
      ['Number of adult stayers not yet required to have an annual assessment', null, 2, null],
      ['Number of adult stayers without required annual assessment', null, 1, null],
      ['Total Adults', 9, 5, 4],
      ['1 or more source of income', 4, 2, 2],
      ['Adults with Income Information at Start and Annual Assessment/Exit', null, 2, 2],
    ]);
  });

  it('Q18: the people behind the cells — the latest stay of a client in two households, data on the wrong date or stage', () => {
    assert.deepEqual(who('Q18', 'Adults with Only Earned Income (i.e., Employment Income)', 1), named('D'));
    assert.deepEqual(who('Q18', 'Adults with Only Earned Income (i.e., Employment Income)', 2), named('A'));
    assert.deepEqual(who('Q18', 'Adults with Only Other Income', 1), named('H'), 'a total with a source and no amount is other income');
    assert.deepEqual(who('Q18', 'Adults with No Income', 1), named('B', 'G', 'X'), 'X from the latest stay, not the earlier one');
    assert.deepEqual(who('Q18', 'Adults with Missing Income Information', 1), named('F'), "a start record not dated the entry day is missing");
    assert.deepEqual(who('Q18', 'Adults with Missing Income Information', 3), named('G'), 'an update on the exit day is not an exit record');
    assert.deepEqual(who('Q18', 'Number of adult stayers not yet required to have an annual assessment', 2), named('D', 'X'));
    assert.deepEqual(who('Q18', 'Number of adult stayers without required annual assessment', 2), named('C'), '45 days from the anniversary is outside the window');
    assert.deepEqual(who('Q18', 'Total Adults', 1), named('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'X'), 'the child K is never counted');
    assert.deepEqual(who('Q18', 'Adults with Income Information at Start and Annual Assessment/Exit', 3), named('E', 'H'));
  });

  it('Q18 is consistent with Q16: the same totals and annual-assessment rows; the categories add up to each column’s total', () => {
    const q16 = Object.fromEntries(values('Q16').map(([label, ...cells]) => [label, cells]));
    const q18 = values('Q18');
    assert.deepEqual(q18[8]!.slice(1), q16['Total Adults']);
    assert.deepEqual(q18[6]!.slice(1), q16['Number of adult stayers not yet required to have an annual assessment']);
    for (const column of [1, 3]) {
      assert.equal(q18.slice(0, 6).reduce((sum, r) => sum + (r[column] as number), 0), q18[8]![column]);
    }
    // Column C: the assessed stayers, plus those not yet due and those due without one, are all the adult stayers.
    assert.equal(q18.slice(0, 8).reduce((sum, r) => sum + (r[2] as number), 0), q18[8]![2]);
  });

  it('Q19a1: adult stayers assessed in the window with income information at both: change per category', () => {
    assert.deepEqual(values('Q19a1'), [
      ['Number of Adults with Earned Income (i.e., Employment Income)', 0, 0, 0, 1, 0, 1, 2, 1, '0.5000'],
      ['Average Change in Earned Income', '0.00', '0.00', null, '100.00', '0.00', null, null, '100.00', null],
      ['Number of Adults with Other Income', 1, 0, 0, 0, 1, 0, 2, 1, '0.5000'],
      ['Average Change in Other Income', '-300.00', '0.00', null, '0.00', '900.00', null, null, '900.00', null],
      ['Number of Adults with Any Income (i.e., Total Income)', 0, 1, 0, 0, 1, 0, 2, 1, '0.5000'],
      ['Average Change in Overall Income', '0.00', '-200.00', null, '0.00', '900.00', null, '350.00', '900.00', null],
    ]);
    assert.deepEqual(who('Q19a1', 'Number of Adults with Any Income (i.e., Total Income)', 7), named('A', 'B'), 'C, due but not found, is outside');
    assert.deepEqual(who('Q19a1', 'Number of Adults with Other Income', 5), named('B'));
  });

  it('Q19a2: adult leavers with income information at start and exit: change per category', () => {
    assert.deepEqual(values('Q19a2'), [
      ['Number of Adults with Earned Income (i.e., Employment Income)', 0, 0, 0, 1, 0, 1, 2, 1, '0.5000'],
      ['Average Change in Earned Income', '0.00', '0.00', null, '50.00', '0.00', null, null, '50.00', null],
      ['Number of Adults with Other Income', 1, 0, 1, 0, 0, 0, 2, 0, '0.0000'],
      ['Average Change in Other Income', '-250.00', '0.00', null, '0.00', '0.00', null, null, '0.00', null],
      ['Number of Adults with Any Income (i.e., Total Income)', 1, 0, 0, 1, 0, 0, 2, 1, '0.5000'],
      ['Average Change in Overall Income', '-250.00', '0.00', null, '50.00', '0.00', null, '-100.00', '50.00', null],
    ]);
    assert.deepEqual(who('Q19a2', 'Number of Adults with Any Income (i.e., Total Income)', 7), named('E', 'H'), 'F (none at start) and G (none at exit) are outside');
    assert.deepEqual(who('Q19a2', 'Number of Adults with Other Income', 3), named('E'), 'same other income at exit');
  });

  it('money: 2 decimals, halves to even, 0.00 for nothing averaged', () => {
    assert.deepEqual([money(2.345), money(2.355), money(-0.125), money(null), money(-125.5)].map((c) => c.value), ['2.34', '2.36', '-0.12', '0.00', '-125.50']);
  });

  it('the Sage CSVs have the header and row labels of §3, exactly', () => {
    const q18 = sageLayout(tableCsv(table('Q18')));
    assert.deepEqual(q18.header, [' ', 'Number of Adults at Start', 'Number of Adults at Annual Assessment (Stayers)', 'Number of Adults at Exit (Leavers)']);
    assert.deepEqual(q18.labels, [
      'Adults with Only Earned Income (i.e., Employment Income)',
      'Adults with Only Other Income',
      'Adults with Both Earned and Other Income',
      'Adults with No Income',
      'Adults with Client Doesn’t Know/Prefers Not to Answer',
      'Adults with Missing Income Information',
      'Number of adult stayers not yet required to have an annual assessment',
      'Number of adult stayers without required annual assessment',
      'Total Adults',
      '1 or more source of income',
      'Adults with Income Information at Start and Annual Assessment/Exit',
    ]);
    const labels = [
      'Number of Adults with Earned Income (i.e., Employment Income)',
      'Average Change in Earned Income',
      'Number of Adults with Other Income',
      'Average Change in Other Income',
      'Number of Adults with Any Income (i.e., Total Income)',
      'Average Change in Overall Income',
    ];
    const a1 = sageLayout(tableCsv(table('Q19a1')));
    assert.deepEqual(a1.header, [
      'Income Change by Income Category (Universe: Adult Stayers with Income Information at Start and Annual Assessment)',
      'Had Income Category at Start and Did Not Have It at Annual Assessment',
      'Retained Income Category But Had Less $ at Annual Assessment Than at Start',
      'Retained Income Category and Same $ at Annual Assessment as at Start',
      'Retained Income Category and Increased $ at Annual Assessment',
      'Did Not Have the Income Category at Start and Gained the Income Category at Annual Assessment',
      'Did Not Have the Income Category at Start or at Annual Assessment',
      'Total Adults (including those with No Income)',
      'Performance Measure: Adults who Gained or Increased Income from Start to Annual Assessment, Average Gain',
      'Performance measure: Percent of persons who accomplished this measure',
    ]);
    assert.deepEqual(a1.labels, labels);
    const a2 = sageLayout(tableCsv(table('Q19a2')));
    assert.deepEqual(a2.header, [
      'Income Change by Income Category (Universe: Adult Leavers with Income Information at Start and Exit)',
      'Had Income Category at Start and Did Not Have It at Exit',
      'Retained Income Category But Had Less $ at Exit Than at Start',
      'Retained Income Category and Same $ at Exit as at Start',
      'Retained Income Category and Increased $ at Exit',
      'Did Not Have the Income Category at Start and Gained the Income Category at Exit',
      'Did Not Have the Income Category at Start or at Exit',
      'Total Adults (including those with No Income)',
      'Performance Measure: Adults who Gained or Increased Income from Start to Exit, Average Gain',
      'Performance measure: Percent of persons who accomplished this measure',
    ]);
    assert.deepEqual(a2.labels, labels);
    // The blank cells of §3 are empty fields (D3, G3, H3, J3 … of the average rows; B8, B9, B12, D8, D9 of Q18).
    const q19Rows = parse(tableCsv(table('Q19a1'))) as string[][];
    assert.deepEqual([q19Rows[2]![3], q19Rows[2]![6], q19Rows[2]![7], q19Rows[2]![9], q19Rows[6]![3], q19Rows[6]![6], q19Rows[6]![9]], ['', '', '', '', '', '', '']);
    assert.equal(q19Rows[6]![7], '350.00', 'H7 is the average change of all adults');
  });
});
