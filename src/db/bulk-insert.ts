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

/** HUD bookkeeping date-times of a row upserted by `upsertMany`, as HUD writes them (`yyyy-mm-dd hh:mm:ss`). */
export interface BulkBookkeeping {
  dateCreated: string | null;
  dateUpdated: string | null;
  dateDeleted: string | null;
}

/**
 * Many rows upserted in one statement with one parameter: the rows as a JSON array, typed by the table's own row
 * type (`json_populate_record(null::table, …)`), so no column needs its type spelled out and the statement costs
 * the same to build whatever its size. New keys are inserted, known ones updated in every column given.
 * Bookkeeping date-times, given in the site's time zone, are converted in the database (an empty DateCreated or
 * DateUpdated is `now`), as hudBookkeepingColumns does for one row. Every row must have the same columns.
 */
export async function upsertMany(
  db: Db,
  target: { table: keyof Database & string; key: string },
  rows: readonly { columns: Record<string, unknown>; bookkeeping: BulkBookkeeping }[],
  time: { timeZone: string; now: Date },
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!.columns);
  const updated = [...columns.filter((c) => c !== target.key), 'date_created', 'date_updated', 'date_deleted'];
  for (let start = 0; start < rows.length; start += BATCH) {
    const json = JSON.stringify(
      rows.slice(start, start + BATCH).map(({ columns: values, bookkeeping: b }) => ({
        ...values,
        '~created': b.dateCreated,
        '~updated': b.dateUpdated,
        '~deleted': b.dateDeleted,
      })),
    );
    const at = (field: string) => sql`((e->>${field})::timestamp at time zone ${time.timeZone})`;
    await sql`insert into ${sql.table(target.table)} (${sql.join([...columns, 'date_created', 'date_updated', 'date_deleted'].map((c) => sql.ref(c)))})
              select ${sql.join(columns.map((c) => sql.ref(`r.${c}`)))},
                     coalesce(${at('~created')}, ${time.now}::timestamptz), coalesce(${at('~updated')}, ${time.now}::timestamptz), ${at('~deleted')}
              from json_array_elements(${json}::json) e, json_populate_record(null::${sql.table(target.table)}, e) r
              on conflict (${sql.ref(target.key)}) do update set
              ${sql.join(updated.map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`))}`.execute(db);
  }
}
