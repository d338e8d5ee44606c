import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { SiteDatabase } from '../../src/db/database.js';
import type { ReportParams } from '../../src/reports/report.model.js';
import { tableCsv } from '../../src/reports/sage-zip.js';
import { client, enroll, household, movingOn, organization, project } from './fixtures.js';
import { questionWorld } from './question-world.js';

const HH_HEADER = [' ', 'Total', 'Without Children', 'With Children and Adults', 'With Only Children', 'Unknown Household Type'];

/*
 * Q24a (CAPER) and Q24b (APR), report year 2025-10-01 – 2026-09-30, worked out from §3 and decision 10:
 *
 * HP project:  L1 single adult, left 2026-03-31; family L2 (adult head) + L3 (child), both left 2026-05-15;
 *              S1 still enrolled; S2 leaves 2026-10-15, after the report end (a stayer).
 * Shelter:     O1 left 2026-02-01 (a leaver, but not of an HP project).
 * PSH project: P head alone: subsidized housing application assistance (1) on 2026-01-10 and financial assistance (2)
 *              on 2026-02-01 — in two rows. Q head with a child: housing referral (4) twice in the report (counted
 *              once) and once before it; R, an adult in Q's household, got "other" (5): not a head, not counted.
 *              T head: non-financial assistance (3) on 2025-09-15, before the report: not counted.
 * RRH project: U head: subsidized housing application assistance (1): not PSH, not counted.
 */
const PARAMS: ReportParams = { kind: 'caper', from: '2025-10-01', to: '2026-09-30', projectIds: [], cocCode: null };

async function buildWorld(db: SiteDatabase['db'], params: ReportParams, ids: Record<string, string>) {
  const org = await organization(db);
  const [hp, shelter, psh, rrh] = [await project(db, org, 12, { funders: [8] }), await project(db, org, 0), await project(db, org, 3), await project(db, org, 13)];
  params.projectIds.push(hp, shelter, psh, rrh);

  ids.L1 = await enroll(db, await client(db), hp, '2025-11-01', { householdId: household(), exitDate: '2026-03-31' });
  const family = household();
  ids.L2 = await enroll(db, await client(db), hp, '2026-01-05', { householdId: family, exitDate: '2026-05-15' });
  ids.L3 = await enroll(db, await client(db, { dob: '2016-06-01' }), hp, '2026-01-05', { householdId: family, relationshipToHoh: 2, exitDate: '2026-05-15' });
  ids.S1 = await enroll(db, await client(db), hp, '2026-02-01', { householdId: household() });
  ids.S2 = await enroll(db, await client(db), hp, '2026-03-01', { householdId: household(), exitDate: '2026-10-15' });
  ids.O1 = await enroll(db, await client(db), shelter, '2026-01-01', { householdId: household(), exitDate: '2026-02-01' });

  const p = await client(db);
  ids.P = await enroll(db, p, psh, '2024-01-01', { householdId: household() });
  await movingOn(db, ids.P, p, '2026-01-10', 1);
  await movingOn(db, ids.P, p, '2026-02-01', 2);
  const qHousehold = household();
  const [q, r, child] = [await client(db), await client(db), await client(db, { dob: '2018-02-02' })];
  ids.Q = await enroll(db, q, psh, '2025-06-01', { householdId: qHousehold });
  ids.R = await enroll(db, r, psh, '2025-06-01', { householdId: qHousehold, relationshipToHoh: 3 });
  ids.Qchild = await enroll(db, child, psh, '2025-06-01', { householdId: qHousehold, relationshipToHoh: 2 });
  await movingOn(db, ids.Q, q, '2025-07-01', 4);
  await movingOn(db, ids.Q, q, '2026-03-01', 4);
  await movingOn(db, ids.Q, q, '2026-04-01', 4);
  await movingOn(db, ids.R, r, '2026-03-01', 5);
  const t = await client(db);
  ids.T = await enroll(db, t, psh, '2025-01-01', { householdId: household() });
  await movingOn(db, ids.T, t, '2025-09-15', 3);
  const u = await client(db);
  ids.U = await enroll(db, u, rrh, '2025-12-01', { householdId: household() });
  await movingOn(db, ids.U, u, '2026-01-10', 1);
}

describe('HUD report questions Q24a and Q24b (issue 15) on a hand-built world', () => {
  const { ids, table, values, who, named } = questionWorld(PARAMS, buildWorld);

  it('Q24a: HP leavers by household type; W5.1 is not recorded, so every one is "Data not collected"', () => {
    const zero = [0, 0, 0, 0, 0];
    assert.deepEqual(values('Q24a'), [
      ['Able to maintain the housing they had at project start--Without a subsidy', ...zero],
      ['Able to maintain the housing they had at project start--With the subsidy they had at project start', ...zero],
      ['Able to maintain the housing they had at project start--With an on-going subsidy acquired since project start', ...zero],
      ['Able to maintain the housing they had at project start--Only with financial assistance other than a subsidy', ...zero],
      ['Moved to new housing unit--With on-going subsidy', ...zero],
      ['Moved to new housing unit--Without an on-going subsidy', ...zero],
      ['Moved in with family/friends on a temporary basis', ...zero],
      ['Moved in with family/friends on a permanent basis', ...zero],
      ['Moved to a transitional or temporary housing facility or program', ...zero],
      ['Client became homeless - moving to a shelter or other place unfit for human habitation', ...zero],
      ['Jail/prison', ...zero],
      ['Deceased', ...zero],
      ['Client Doesn’t Know/Prefers Not to Answer', ...zero],
      ['Data not collected (no exit interview completed)', 3, 1, 2, 0, 0],
      ['Total', 3, 1, 2, 0, 0],
    ]);
    assert.deepEqual(who('Q24a', 'Total', 1), named('L1', 'L2', 'L3'), 'stayers, a later exit and a shelter leaver are not HP leavers');
    assert.deepEqual(who('Q24a', 'Data not collected (no exit interview completed)', 3), named('L2', 'L3'));
  });

  it('Q24a: its total is the report’s leavers (Q5a) who left an HP project, as Sage checks', () => {
    const leavers = table('Q5a').rows.find((r) => r.label === 'Number of leavers')!.cells[1]!.enrollmentIds!;
    assert.deepEqual(leavers, named('L1', 'L2', 'L3', 'O1'));
    assert.deepEqual(who('Q24a', 'Total', 1), leavers.filter((id) => id !== ids.O1));
  });

  it('Q24b: PSH heads by each Moving On assistance type given in the report, by household type', () => {
    assert.deepEqual(values('Q24b'), [
      ['Subsidized housing application assistance', 1, 1, 0, 0, 0],
      ['Financial assistance for Moving On (e.g., security deposit, moving expenses)', 1, 1, 0, 0, 0],
      ['Non-financial assistance for Moving On (e.g., housing navigation, transition support)', 0, 0, 0, 0, 0],
      ['Housing referral/placement', 1, 0, 1, 0, 0],
      ['Other', 0, 0, 0, 0, 0],
    ]);
    assert.deepEqual(who('Q24b', 'Subsidized housing application assistance', 1), named('P'), 'not the RRH head U');
    assert.deepEqual(who('Q24b', 'Financial assistance for Moving On (e.g., security deposit, moving expenses)', 1), named('P'), 'a head in two rows');
    assert.deepEqual(who('Q24b', 'Housing referral/placement', 3), named('Q'), 'twice in the report, counted once');
  });

  it('the Sage CSVs have the header and row labels of §3, exactly', () => {
    for (const id of ['Q24a', 'Q24b']) {
      const [header, ...rows] = parse(tableCsv(table(id))) as string[][];
      assert.deepEqual(header, HH_HEADER, id);
      assert.deepEqual(rows.map((r) => r[0]), table(id).rows.map((r) => r.label), id);
    }
    assert.deepEqual(
      table('Q24b').rows.map((r) => r.label),
      [
        'Subsidized housing application assistance',
        'Financial assistance for Moving On (e.g., security deposit, moving expenses)',
        'Non-financial assistance for Moving On (e.g., housing navigation, transition support)',
        'Housing referral/placement',
        'Other',
      ],
    );
  });
});
