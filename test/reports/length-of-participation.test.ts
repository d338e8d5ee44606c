import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { systemClock } from '../../src/clock.js';
import { loadUniverse } from '../../src/reports/universe.js';
import type { ReportParams, ReportTable } from '../../src/reports/report.model.js';
import { q22a1 } from '../../src/reports/questions/q22a1.js';
import { q22a2 } from '../../src/reports/questions/q22a2.js';
import { q22b } from '../../src/reports/questions/q22b.js';
import type { Database } from '../../src/db/schema.js';
import { freshDatabase } from '../helpers/database.js';
import { bedNight, client, enroll, household, organization, project } from './fixtures.js';

/** A head of household's own stay, with its bed nights. */
async function stay(db: Kysely<Database>, o: { personalId: string; projectId: string; entryDate: string; exitDate?: string; bedNights?: string[] }): Promise<string> {
  const id = await enroll(db, o.personalId, o.projectId, o.entryDate, { householdId: household(), exitDate: o.exitDate ?? null });
  for (const night of o.bedNights ?? []) await bedNight(db, id, o.personalId, night);
  return id;
}

const FROM = '2025-10-01';
const TO = '2026-09-30';

/** The value of a cell by its row label and column header. */
function cell(table: ReportTable, rowLabel: string, column: string) {
  const row = table.rows.find((r) => r.label === rowLabel);
  assert.ok(row, `row ${rowLabel} of ${table.question}`);
  const index = table.header.indexOf(column);
  assert.ok(index > 0, `column ${column} of ${table.question}`);
  return row.cells[index - 1]!;
}

describe('Q22a1, Q22a2, Q22b: length of participation (issue 15; reference §1.6 and §3 Q22)', () => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  const ids: Record<string, string> = {};
  let params: ReportParams;

  before(async () => {
    const database = await freshDatabase();
    db = database.db;
    close = database.close;
    const org = await organization(db);
    const shelter = await project(db, org, 0);
    const nightly = await project(db, org, 1);
    const other = await project(db, org, 0);
    params = { kind: 'apr', from: FROM, to: TO, projectIds: [shelter, nightly], cocCode: null };
    // A leaver who entered and exited the same day: 0 days.
    ids.sameDay = await stay(db, { personalId: await client(db), projectId: shelter, entryDate: '2026-01-10', exitDate: '2026-01-10' });
    // A leaver of exactly 30 days, and one of 31 (the bucket bounds).
    ids.thirty = await stay(db, { personalId: await client(db), projectId: shelter, entryDate: '2026-03-01', exitDate: '2026-03-31' });
    ids.thirtyOne = await stay(db, { personalId: await client(db), projectId: shelter, entryDate: '2026-03-01', exitDate: '2026-04-01' });
    // A stayer who entered on the report end: (end + 1) − entry = 1 day.
    ids.lastDay = await stay(db, { personalId: await client(db), projectId: shelter, entryDate: TO });
    // A stayer since 2020-09-30: 2020-09-30 → 2026-10-01 is 2,192 days, more than 5 years.
    ids.long = await stay(db, { personalId: await client(db), projectId: shelter, entryDate: '2020-09-30' });
    // Exited after the report end: still a stayer, measured to the report end: 2026-09-01 → 2026-10-01 = 30 days.
    ids.exitsLater = await stay(db, { personalId: await client(db), projectId: shelter, entryDate: '2026-09-01', exitDate: '2026-10-15' });
    // Exited one stay and re-entered: the latest enrollment counts, a stayer of 2026-09-20 → 10-01 = 11 days.
    const twice = await client(db);
    ids.twiceFirst = await stay(db, { personalId: twice, projectId: shelter, entryDate: '2025-11-01', exitDate: '2026-06-01' });
    ids.twice = await stay(db, { personalId: twice, projectId: shelter, entryDate: '2026-09-20' });
    // Night by night: 3 bed nights over a year's enrollment (one before entry does not count), a stayer.
    ids.nightly = await stay(db, { personalId: await client(db), projectId: nightly, entryDate: '2025-10-05', bedNights: ['2025-10-04', '2025-10-05', '2026-02-01', '2026-09-30'] });
    // Night by night without a bed night in the period nor an exit in it: not active (Method 2).
    await stay(db, { personalId: await client(db), projectId: nightly, entryDate: '2024-01-01', bedNights: ['2024-01-01'] });
    // Outside the period, or in another project: not counted.
    await stay(db, { personalId: await client(db), projectId: shelter, entryDate: '2024-01-01', exitDate: '2025-09-30' });
    await stay(db, { personalId: await client(db), projectId: shelter, entryDate: '2026-10-01' });
    await stay(db, { personalId: await client(db), projectId: other, entryDate: '2026-01-01' });
  });
  after(() => close());

  const universe = () => loadUniverse(db, params, systemClock);

  test('the universe counts each client’s latest active enrollment once (Method 1; Method 2 for night by night)', async () => {
    const { people } = await universe();
    assert.deepEqual(
      people.map((p) => p.enrollment.enrollmentId).sort(),
      [ids.sameDay, ids.thirty, ids.thirtyOne, ids.lastDay, ids.long, ids.exitsLater, ids.twice, ids.nightly].sort(),
    );
  });

  test('Q22a1 puts each client in one bucket, leavers and stayers apart, bounds inclusive', async () => {
    const table = q22a1.compute(await universe(), params);
    assert.equal(table.question, 'Q22a1');
    assert.deepEqual(table.header, ['', 'Total', 'Leavers', 'Stayers']);
    assert.equal(table.rows.length, 11);
    assert.deepEqual(cell(table, '30 days or less', 'Leavers').enrollmentIds, [ids.sameDay, ids.thirty].sort());
    assert.deepEqual(cell(table, '30 days or less', 'Stayers').enrollmentIds, [ids.lastDay, ids.exitsLater, ids.twice, ids.nightly].sort());
    assert.equal(cell(table, '30 days or less', 'Total').value, 6);
    assert.deepEqual(cell(table, '31 to 60 days', 'Leavers').enrollmentIds, [ids.thirtyOne]);
    assert.deepEqual(cell(table, 'More than 1,825 days (> 5 Yrs)', 'Stayers').enrollmentIds, [ids.long]);
    assert.deepEqual([cell(table, 'Total', 'Total').value, cell(table, 'Total', 'Leavers').value, cell(table, 'Total', 'Stayers').value], [8, 3, 5]);
    const rowsTotal = table.rows.slice(0, -1).reduce((sum, row) => sum + (row.cells[0]!.value as number), 0);
    assert.equal(rowsTotal, 8, 'the buckets add up to the total');
  });

  test('Q22a2 splits the first month into weeks (0 to 7 … 22 to 30 days)', async () => {
    const table = q22a2.compute(await universe(), { ...params, kind: 'caper' });
    assert.equal(table.rows.length, 14);
    assert.deepEqual(cell(table, '0 to 7 days', 'Total').enrollmentIds, [ids.sameDay, ids.lastDay, ids.nightly].sort());
    assert.deepEqual(cell(table, '8 to 14 days', 'Stayers').enrollmentIds, [ids.twice]);
    assert.deepEqual(cell(table, '22 to 30 days', 'Total').enrollmentIds, [ids.thirty, ids.exitsLater].sort());
    assert.equal(cell(table, 'Total', 'Total').value, 8);
  });

  test('Q22b averages and medians the same lengths, two decimals', async () => {
    const table = q22b.compute(await universe(), params);
    // Leavers 0, 30, 31 → average 20.33, median 30. Stayers 1, 2192, 30, 11, 3 → average 447.40, median 11.
    assert.deepEqual(table.rows.map((r) => [r.label, ...r.cells.map((c) => c.value)]), [
      ['Average Length', '20.33', '447.40'],
      ['Median Length', '30.00', '11.00'],
    ]);
    const empty = q22b.compute({ ...(await universe()), people: [] }, params);
    assert.deepEqual(empty.rows.map((r) => r.cells.map((c) => c.value)), [['0.00', '0.00'], ['0.00', '0.00']]);
  });
});
