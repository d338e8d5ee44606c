import type { AliasedSelectQueryBuilder, SelectQueryBuilder } from 'kysely';
import type { Db } from './schema.js';

/** A select of one column that returns at most one row: a scalar subquery. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ScalarRead = SelectQueryBuilder<any, any, any>;
type ValueOf<Q> = Q extends SelectQueryBuilder<infer _DB, infer _TB, infer O> ? O[keyof O] | null : never;

/**
 * Runs several single-value reads as ONE statement (`select (q0) as a, (q1) as b …`): one round trip instead of
 * n. Each read is a select of one column; a read that finds no row gives null.
 */
export async function readBatch<R extends Record<string, ScalarRead>>(db: Db, reads: R): Promise<{ [K in keyof R]: ValueOf<R[K]> }> {
  const selections = Object.entries(reads).map(([name, query]) => query.limit(1).as(name) as AliasedSelectQueryBuilder<object, string>);
  const row = await db.selectNoFrom(selections as never).executeTakeFirstOrThrow();
  return row as { [K in keyof R]: ValueOf<R[K]> };
}
