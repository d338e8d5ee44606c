import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SiteDatabase } from '../../src/db/database.js';
import type { ReportParams } from '../../src/reports/report.model.js';
import { client, enroll, household, income, organization, project } from './fixtures.js';
import { questionWorld } from './question-world.js';

/*
 * Q19b and Q23c on leavers of a TH and a street outreach project, report year 2025-10-01 – 2026-09-30 (§1.13, §3):
 *
 * TH  P1 alone, disabled, left to 410 (positive) with SSI at exit.
 *     P2 alone, not disabled, destination not collected (99), no income at exit.
 *     P3 alone, disabled, left to a hospital 206 (excluded for TH), income "doesn't know" at exit (not in Q19b).
 *     P4 head and P5 child (2015), left together to 435 with a VASH subsidy (positive): P4 not disabled, earned income.
 *     P6 alone, disabling condition not collected (not in Q19b), left to shelter 101 (not positive for TH).
 *     P9 a stayer: in neither table.
 * SO  P7 alone, disabled, left to shelter 101 (positive for outreach) with earned income and SSI at exit.
 *     P8 alone, left to 329 (excluded for outreach), no income record at exit (not in Q19b).
 */
const PARAMS: ReportParams = { kind: 'apr', from: '2025-10-01', to: '2026-09-30', projectIds: [], cocCode: null };

async function buildWorld(db: SiteDatabase['db'], params: ReportParams, ids: Record<string, string>) {
  const org = await organization(db);
  const th = await project(db, org, 2);
  const so = await project(db, org, 4);
  params.projectIds.push(th, so);
  const alone = async (name: string, projectId: string, destination: number, disablingCondition: number, exitIncome: [number, Record<string, number>] | null) => {
    const personalId = await client(db);
    ids[name] = await enroll(db, personalId, projectId, '2026-01-05', { householdId: household(), exitDate: '2026-03-01', destination, disablingCondition, dateOfEngagement: '2026-01-05' });
    if (exitIncome) await income(db, ids[name], personalId, '2026-03-01', 3, exitIncome[0], exitIncome[1]);
  };
  await alone('P1', th, 410, 1, [1, { ssi: 800 }]);
  await alone('P2', th, 99, 0, [0, {}]);
  await alone('P3', th, 206, 1, [8, {}]);
  await alone('P6', th, 101, 99, [1, { ssi: 400 }]);
  await alone('P7', so, 101, 1, [1, { earned: 200, ssi: 500 }]);
  await alone('P8', so, 329, 0, null);

  const family = household();
  const p4 = await client(db);
  const p5 = await client(db, { dob: '2015-01-01' });
  const together = { householdId: family, exitDate: '2026-04-01', destination: 435, destinationSubsidyType: 419 };
  ids.P4 = await enroll(db, p4, th, '2026-01-05', together);
  ids.P5 = await enroll(db, p5, th, '2026-01-05', { ...together, relationshipToHoh: 2 });
  await income(db, ids.P4, p4, '2026-04-01', 3, 1, { earned: 1000 });

  ids.P9 = await enroll(db, await client(db), th, '2026-01-05', { householdId: household(), disablingCondition: 1 });
}

describe('HUD report questions Q19b and Q23c on a hand-built world of leavers', () => {
  const { table, values, who, named } = questionWorld(PARAMS, buildWorld);

  it('Q19b: adult leavers with both answers, by source at exit and household type, with the share disabled', () => {
    const q19b = table('Q19b');
    assert.equal(q19b.header.length, 13);
    assert.equal(q19b.header[4], 'AO: % with Disabling Condition by Source');
    assert.equal(q19b.header[9], 'UK: Adult with Disabling Condition');
    const zeros = [0, 0, 0, '0.0000', 0, 0, 0, '0.0000', 0, 0, 0, '0.0000'];
    const rows = values('Q19b');
    assert.equal(rows.length, 17);
    assert.deepEqual(rows[0], ['Earned Income', 1, 0, 1, '1.0000', 0, 1, 1, '0.0000', 0, 0, 0, '0.0000']);
    assert.deepEqual(rows[1], ['Unemployment Insurance', ...zeros]);
    assert.deepEqual(rows[2], ['Supplemental Security Income (SSI)', 2, 0, 2, '1.0000', 0, 0, 0, '0.0000', 0, 0, 0, '0.0000']);
    assert.deepEqual(rows[15], ['No Sources', 0, 1, 1, '0.0000', 0, 0, 0, '0.0000', 0, 0, 0, '0.0000']);
    assert.deepEqual(rows[16], ['Unduplicated Total Adults', 2, 1, 3, null, 0, 1, 1, null, 0, 0, 0, null]);
    assert.deepEqual(who('Q19b', 'Supplemental Security Income (SSI)', 1), named('P1', 'P7'));
    assert.deepEqual(who('Q19b', 'Unduplicated Total Adults', 6), named('P4'));
  });

  it('Q23c: destinations by section and household type; positive and excluded by project type; the percentage', () => {
    const rows = values('Q23c');
    assert.equal(rows.length, 42);
    const at = (label: string, n = 0) => rows.filter((r) => r[0] === label)[n];
    assert.deepEqual(rows[0], ['Homeless Situations', null, null, null, null, null]);
    assert.deepEqual(at('Emergency shelter, including hotel or motel paid for with emergency shelter voucher, Host Home shelter'), [
      'Emergency shelter, including hotel or motel paid for with emergency shelter voucher, Host Home shelter',
      2, 2, 0, 0, 0,
    ]);
    assert.deepEqual(at('Subtotal', 0), ['Subtotal', 2, 2, 0, 0, 0]);
    assert.deepEqual(at('Subtotal', 1), ['Subtotal', 1, 1, 0, 0, 0]);
    assert.deepEqual(at('Subtotal', 2), ['Subtotal', 1, 1, 0, 0, 0]);
    assert.deepEqual(at('Rental by client, with ongoing housing subsidy'), ['Rental by client, with ongoing housing subsidy', 2, 0, 2, 0, 0]);
    assert.deepEqual(at('Subtotal', 3), ['Subtotal', 3, 1, 2, 0, 0]);
    assert.deepEqual(at('Data Not Collected'), ['Data Not Collected', 1, 1, 0, 0, 0]);
    assert.deepEqual(at('Subtotal', 4), ['Subtotal', 1, 1, 0, 0, 0]);
    assert.deepEqual(rows.slice(38), [
      ['TOTAL', 8, 6, 2, 0, 0],
      ['Total persons exiting to positive housing destinations', 4, 2, 2, 0, 0],
      ['Total persons whose destinations excluded them from the calculation', 2, 2, 0, 0, 0],
      ['Percentage of persons exiting to positive housing destinations', '0.6667', '0.5000', '1.0000', '0.0000', '0.0000'],
    ]);
    assert.deepEqual(who('Q23c', 'Data Not Collected', 1), named('P2'));
    assert.deepEqual(who('Q23c', 'Total persons exiting to positive housing destinations', 1), named('P1', 'P4', 'P5', 'P7'));
    assert.deepEqual(who('Q23c', 'Total persons whose destinations excluded them from the calculation', 1), named('P3', 'P8'));
  });
});
