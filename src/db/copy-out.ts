import { finished, type Readable } from 'node:stream';
import type { CompiledQuery, Kysely } from 'kysely';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * `COPY (…) TO STDOUT`, streamed: how a large export reads a whole table in one statement, with PostgreSQL writing
 * the CSV itself. Kysely hides its pool, and COPY is not part of its query interface, so the database handles that
 * can COPY are registered here when they are made (postgresDatabase, the benches). PGlite cannot stream a COPY out
 * (it writes it to one blob in memory), and neither can the embedded database's local socket: those handles are
 * never registered, and their readers keep to ordinary queries.
 */
export interface CopyOutStream {
  /** The CSV text, streamed with backpressure; ends when the statement completes. */
  stream: Readable;
  /** The rows COPY wrote, once `stream` has ended. */
  rowCount(): number;
}

export type CopyOut = (statement: CompiledQuery) => Promise<CopyOutStream>;

/**
 * A file of a large export may take minutes to COPY; the pool's read timeout is for requests (10 s). An hour still
 * ends a statement whose server froze.
 */
const COPY_TIMEOUT_MS = 60 * 60_000;

const registered = new WeakMap<Kysely<any>, CopyOut>();

/** Lets readers of `db` COPY through `pool` (the pool `db` itself runs on). */
export function enableCopyOut(db: Kysely<any>, pool: pg.Pool): void {
  registered.set(db, async (statement) => {
    const text = inlineParameters(statement);
    const client = await pool.connect();
    const stream = Object.assign(copyTo(text), { query_timeout: COPY_TIMEOUT_MS });
    // The connection goes back when the COPY ends; after an error or an early stop it is closed instead, since it
    // may still be in the middle of the COPY.
    finished(stream, (error) => client.release(error ?? undefined));
    client.query(stream);
    return { stream, rowCount: () => stream.rowCount };
  });
}

/** How `db` can COPY out, or null when it cannot (PGlite). */
export function copyOutOf(db: Kysely<any>): CopyOut | null {
  return registered.get(db) ?? null;
}

/**
 * COPY takes no bind parameters: the compiled statement's `$n` become SQL literals, quoted by pg's own
 * escapeLiteral. The statements come from repositories, whose SQL text never holds a `$` of its own.
 */
export function inlineParameters(statement: CompiledQuery): string {
  return statement.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= statement.parameters.length) throw new Error(`The statement has no parameter $${n}.`);
    return literal(statement.parameters[index]);
  });
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  if (Array.isArray(value)) return value.length === 0 ? `'{}'` : `array[${value.map(literal).join(', ')}]`;
  throw new Error(`A ${typeof value} cannot be written into a COPY statement.`);
}
