import { sql } from 'kysely';
import type { Database, Db } from './schema.js';

/** A column and its PostgreSQL type, for inserting many rows as one array per column. */
export type BulkColumn<Row> = readonly [keyof Row & string, 'text' | 'smallint' | 'integer' | 'numeric' | 'date' | 'timestamptz'];

/** Rows per statement: one array parameter per column, so the count is bounded by memory, not by parameters. */
const BATCH = 5_000;

/**
 * Many rows in one statement: `insert … select * from unnest($1::text[], $2::smallint[], …)`. Much faster
 * than row-by-row inserts, and the same on PGlite and PostgreSQL. With `skipConflicts`, a row that a unique index
 * already holds is left out (`on conflict do nothing`).
 */
export async function insertMany<Row extends object>(
  db: Db,
  table: keyof Database & string,
  columns: readonly BulkColumn<Row>[],
  rows: readonly Row[],
  options: { skipConflicts?: boolean } = {},
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const arrays = columns.map(([name, type]) => {
      const values = batch.map((row) => {
        const value = (row as Record<string, unknown>)[name];
        return value instanceof Date ? value.toISOString() : (value ?? null);
      });
      return sql`${values}::${sql.raw(type)}[]`;
    });
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([name]) => sql.ref(name)))})
              select * from unnest(${sql.join(arrays)})${options.skipConflicts ? sql` on conflict do nothing` : sql``}`.execute(db);
  }
}
