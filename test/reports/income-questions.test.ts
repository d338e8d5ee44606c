import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SiteDatabase } from '../../src/db/database.js';
import type { ReportParams } from '../../src/reports/report.model.js';
import { client, enroll, household, income, organization, project } from './fixtures.js';
import { questionWorld } from './question-world.js';

/*
 * Q17, Q20a, Q20b and Q21 on one PSH project, report year 2025-10-01 – 2026-09-30, worked out from §1.11 and §3:
 *
 * HH1  A head (adult) and B child (2015), both since 2024-05-01: stayers whose annual assessment is due (anniversary
 *      2026-05-01). A at start: earned $500 + SSI $300, SNAP, Medicaid and Medicare; at the annual assessment
 *      (2026-05-10, inside ±30 days): earned $600, SNAP, Medicaid. B at start: SCHIP; no annual record (due, missing).
 * HH2  C head, 2026-01-01 to 2026-06-30: no income, benefits or insurance at start; at exit unemployment $200, WIC,
 *      insurance "doesn't know". D partner, left 2026-05-01 before the head: SNAP at exit (not in Q20a's exit column,
 *      which takes heads and those who left with them), income "doesn't know", insurance not collected; D's "start"
 *      record is dated the day after entry, so D has none at start (data at the wrong date).
 * HH3  E head since 2026-03-01, a stayer not yet due an assessment: income and insurance "prefers not to answer".
 */
const PARAMS: ReportParams = { kind: 'apr', from: '2025-10-01', to: '2026-09-30', projectIds: [], cocCode: null };

async function buildWorld(db: SiteDatabase['db'], params: ReportParams, ids: Record<string, string>) {
  const psh = await project(db, await organization(db), 3, { funders: [2] });
  params.projectIds.push(psh);

  const hh1 = household();
  const a = await client(db);
  const b = await client(db, { dob: '2015-01-01' });
  ids.A = await enroll(db, a, psh, '2024-05-01', { householdId: hh1 });
  ids.B = await enroll(db, b, psh, '2024-05-01', { householdId: hh1, relationshipToHoh: 2 });
  await income(db, ids.A, a, '2024-05-01', 1, 1, { earned: 500, ssi: 300 }, { benefits_from_any_source: 1, snap: 1, insurance_from_any_source: 1, medicaid: 1, medicare: 1 });
  await income(db, ids.A, a, '2026-05-10', 5, 1, { earned: 600 }, { benefits_from_any_source: 1, snap: 1, insurance_from_any_source: 1, medicaid: 1 });
  await income(db, ids.B, b, '2024-05-01', 1, 0, {}, { insurance_from_any_source: 1, schip: 1 });

  const hh2 = household();
  const c = await client(db);
  const d = await client(db);
  ids.C = await enroll(db, c, psh, '2026-01-01', { householdId: hh2, exitDate: '2026-06-30' });
  ids.D = await enroll(db, d, psh, '2026-01-01', { householdId: hh2, relationshipToHoh: 3, exitDate: '2026-05-01' });
  await income(db, ids.C, c, '2026-01-01', 1, 0, {}, { benefits_from_any_source: 0, insurance_from_any_source: 0 });
  await income(db, ids.C, c, '2026-06-30', 3, 1, { unemployment: 200 }, { benefits_from_any_source: 1, wic: 1, insurance_from_any_source: 8 });
  await income(db, ids.D, d, '2026-01-02', 1, 1, { ssdi: 900 }, { insurance_from_any_source: 1, medicaid: 1 });
  await income(db, ids.D, d, '2026-05-01', 3, 8, {}, { benefits_from_any_source: 1, snap: 1, insurance_from_any_source: 99 });

  const e = await client(db);
  ids.E = await enroll(db, e, psh, '2026-03-01', { householdId: household() });
  await income(db, ids.E, e, '2026-03-01', 1, 9, {}, { insurance_from_any_source: 9 });
}

describe('HUD report questions Q17, Q20a, Q20b and Q21 on a hand-built world', () => {
  const { table, values, who, named } = questionWorld(PARAMS, buildWorld);

  it('Q17: adults by cash income source at start, annual assessment and exit; the "with information" row', () => {
    assert.deepEqual(table('Q17').header, [' ', 'Income at Start', 'Income at Latest Annual Assessment for Stayers', 'Income at Exit for Leavers']);
    assert.deepEqual(values('Q17'), [
      ['Earned Income', 1, 1, 0],
      ['Unemployment Insurance', 0, 0, 1],
      ['Supplemental Security Income (SSI)', 1, 0, 0],
      ['Social Security Disability Insurance (SSDI)', 0, 0, 0],
      ['VA Service - Connected Disability Compensation', 0, 0, 0],
      ['VA Non-Service Connected Disability Pension', 0, 0, 0],
      ['Private Disability Insurance', 0, 0, 0],
      ["Worker's Compensation", 0, 0, 0],
      ['Temporary Assistance for Needy Families (TANF)', 0, 0, 0],
      ['General Assistance (GA)', 0, 0, 0],
      ['Retirement Income from Social Security', 0, 0, 0],
      ['Pension or retirement income from a former job', 0, 0, 0],
      ['Child Support', 0, 0, 0],
      ['Alimony and other spousal support', 0, 0, 0],
      ['Other Source', 0, 0, 0],
      ['Adults with Income Information at Start and Annual Assessment/Exit', null, 1, 1],
    ]);
    assert.deepEqual(who('Q17', 'Earned Income', 2), named('A'));
    assert.deepEqual(who('Q17', 'Adults with Income Information at Start and Annual Assessment/Exit', 3), named('C'));
  });

  it('Q20a: benefits by stage; at exit only the head and those who left with the head', () => {
    assert.deepEqual(values('Q20a'), [
      ['Supplemental Nutrition Assistance Program (SNAP) (Previously known as Food Stamps)', 1, 1, 0],
      ['Special Supplemental Nutrition Program for Women, Infants, and Children (WIC)', 0, 0, 1],
      ['TANF Child Care Services', 0, 0, 0],
      ['TANF Transportation Services', 0, 0, 0],
      ['Other TANF-Funded Services', 0, 0, 0],
      ['Other Source', 0, 0, 0],
    ]);
    assert.deepEqual(who('Q20a', 'Special Supplemental Nutrition Program for Women, Infants, and Children (WIC)', 3), named('C'));
  });

  it('Q20b: adults by number of benefit sources; stayers not yet due an assessment are missing; exit as Q20a', () => {
    assert.deepEqual(values('Q20b'), [
      ['No Sources', 1, 0, 0],
      ['1 + Source(s)', 1, 1, 1],
      ['Client Doesn’t Know/Prefers Not to Answer', 0, 0, 0],
      ['Data Not Collected/Not stayed long enough for Annual Assessment', 2, 1, 0],
      ['Total', 4, 2, 1],
    ]);
    assert.deepEqual(who('Q20b', 'Data Not Collected/Not stayed long enough for Annual Assessment', 1), named('D', 'E'));
    assert.deepEqual(who('Q20b', 'Data Not Collected/Not stayed long enough for Annual Assessment', 2), named('E'));
  });

  it('Q21: every client by insurance; none / DK / not collected; a due but missing annual record is not collected', () => {
    assert.deepEqual(values('Q21'), [
      ['MEDICAID', 1, 1, 0],
      ['MEDICARE', 1, 0, 0],
      ["State Children's Health Insurance Program", 1, 0, 0],
      ['Veteran’s Health Administration (VHA)', 0, 0, 0],
      ['Employer - Provided Health Insurances', 0, 0, 0],
      ['Health Insurance obtained through COBRA', 0, 0, 0],
      ['Private Pay Health Insurance', 0, 0, 0],
      ['State Health Insurance for Adults', 0, 0, 0],
      ['Indian Health Services Program', 0, 0, 0],
      ['Other', 0, 0, 0],
      ['No Health Insurance', 1, 0, 0],
      ['Client Doesn’t Know/Prefers Not to Answer', 1, 0, 1],
      ['Data Not Collected', 1, 1, 1],
      ['Number of Stayers not yet Required To Have an Annual Assessment', null, 1, null],
      ['1 Source of Health Insurance', 1, 1, 0],
      ['More than 1 Source of Health Insurance', 1, 0, 0],
    ]);
    assert.deepEqual(who('Q21', 'Data Not Collected', 1), named('D'));
    assert.deepEqual(who('Q21', 'Data Not Collected', 2), named('B'));
    assert.deepEqual(who('Q21', 'Number of Stayers not yet Required To Have an Annual Assessment', 2), named('E'));
    assert.deepEqual(who('Q21', '1 Source of Health Insurance', 1), named('B'));
  });
});
