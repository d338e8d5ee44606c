import { sql, type Compilable, type OperationNodeSource } from 'kysely';
import type { Db } from './schema.js';

/** One write (insert, update or delete, without RETURNING) to run in a batch, and what to do once it has run. */
export interface BatchedWrite {
  query: OperationNodeSource & Compilable;
  /** Called after the batch committed (metrics, for instance); never for a batch that failed. */
  afterWrite?: () => void;
}

/**
 * Runs several writes as ONE statement: each becomes a data-modifying CTE (`with w0 as (insert …), w1 as
 * (update …) select 1`). PostgreSQL runs every one of them exactly once, atomically, without a transaction's
 * begin and commit: one round trip instead of n + 2. The writes see the same snapshot and not each other's
 * effects, so they must be independent (different rows, no write reading what another writes).
 */
export async function executeWriteBatch(db: Db, writes: readonly BatchedWrite[]): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length === 1) {
    await db.executeQuery(writes[0]!.query.compile());
  } else {
    // Kysely's types grow with every CTE; the batch only needs the statement it compiles to.
    let batch = db as unknown as Pick<Db, 'with'>;
    writes.forEach((write, i) => {
      batch = batch.with(`w${i}`, () => write.query as never) as unknown as Pick<Db, 'with'>;
    });
    await (batch as unknown as Db).selectNoFrom(sql<number>`1`.as('done')).execute();
  }
  for (const write of writes) write.afterWrite?.();
}
