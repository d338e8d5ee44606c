/**
 * A hand-built world for question tests: build it in a fresh database, compute every question on it, and read cells
 * by row label with the names the test gave its enrollments.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { SiteDatabase } from '../../src/db/database.js';
import { QUESTIONS } from '../../src/reports/questions/index.js';
import type { ReportParams, ReportTable } from '../../src/reports/report.model.js';
import { loadUniverse } from '../../src/reports/universe.js';
import { FakeClock } from '../helpers/clock.js';
import { freshDatabase } from '../helpers/database.js';

export interface QuestionWorld {
  /** Enrollment ids by the names the world gives them. */
  ids: Record<string, string>;
  table(id: string): ReportTable;
  /** Every row as [label, ...cell values]. */
  values(id: string): unknown[][];
  /** The enrollments behind a cell (column 1 = column B). */
  who(id: string, label: string, column: number): string[] | undefined;
  named(...names: string[]): string[];
}

/** Registers the suite's before/after hooks; call inside `describe`. */
export function questionWorld(params: ReportParams, build: (db: SiteDatabase['db'], params: ReportParams, ids: Record<string, string>) => Promise<void>): QuestionWorld {
  let database: SiteDatabase;
  const ids: Record<string, string> = {};
  const tables = new Map<string, ReportTable>();
  before(async () => {
    database = await freshDatabase();
    await build(database.db, params, ids);
    const universe = await loadUniverse(database.db, params, new FakeClock());
    for (const q of QUESTIONS) tables.set(q.id, q.compute(universe, params));
  });
  after(() => database.close());
  const table = (id: string) => tables.get(id)!;
  return {
    ids,
    table,
    values: (id) => table(id).rows.map((r) => [r.label, ...r.cells.map((c) => c.value)]),
    who(id, label, column) {
      const r = table(id).rows.find((x) => x.label === label);
      assert.ok(r, `${id} has a row "${label}"`);
      return r.cells[column - 1]!.enrollmentIds;
    },
    named: (...names) => names.map((n) => ids[n]!).sort(),
  };
}
