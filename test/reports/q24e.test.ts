import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { systemClock } from '../../src/clock.js';
import type { Database } from '../../src/db/schema.js';
import { q24e } from '../../src/reports/questions/q24e.js';
import type { ReportParams } from '../../src/reports/report.model.js';
import { loadUniverse } from '../../src/reports/universe.js';
import { freshDatabase } from '../helpers/database.js';
import { client, enroll, household, organization, project } from './fixtures.js';

describe('Q24e Sex (issue 15; reference §3 Q24e): every client by 4.21, by household type', () => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let params: ReportParams;
  const ids: Record<string, string> = {};

  before(async () => {
    ({ db, close } = await freshDatabase());
    const shelter = await project(db, await organization(db), 0);
    params = { kind: 'caper', from: '2025-10-01', to: '2026-09-30', projectIds: [shelter], cocCode: null };
    // A single woman; a family of a father (male) and a child whose sex was not collected; a man who prefers not to answer.
    ids.woman = await enroll(db, await client(db, { sex: 0 }), shelter, '2026-01-01', { householdId: household() });
    const family = household();
    ids.father = await enroll(db, await client(db, { sex: 1 }), shelter, '2026-02-01', { householdId: family });
    ids.child = await enroll(db, await client(db, { sex: null, dob: '2020-01-01' }), shelter, '2026-02-01', { householdId: family, relationshipToHoh: 2 });
    ids.refused = await enroll(db, await client(db, { sex: 9 }), shelter, '2026-03-01', { householdId: household() });
  });
  after(() => close());

  test('Female, Male, DK/PNTA (8/9), Data not collected (99 or blank), Total, by household type', async () => {
    const table = q24e.compute(await loadUniverse(db, params, systemClock), params);
    assert.deepEqual(table.header, [' ', 'Total', 'Without Children', 'With Children and Adults', 'With Only Children', 'Unknown Household Type']);
    assert.deepEqual(
      table.rows.map((r) => [r.label, ...r.cells.map((c) => c.value)]),
      [
        ['Female', 1, 1, 0, 0, 0],
        ['Male', 1, 0, 1, 0, 0],
        ['Client Doesn’t Know/Prefers Not to Answer', 1, 1, 0, 0, 0],
        ['Data not collected', 1, 0, 1, 0, 0],
        ['Total', 4, 2, 2, 0, 0],
      ],
    );
    assert.deepEqual(table.rows[3]!.cells[2]!.enrollmentIds, [ids.child]);
    assert.deepEqual(table.rows[4]!.cells[0]!.enrollmentIds, [ids.woman, ids.father, ids.child, ids.refused].sort());
  });
});
