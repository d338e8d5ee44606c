import { CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './schema.js';

/** Stands for one named parameter while the statement is built, so its place among the parameters can be found. */
class Placeholder {
  constructor(readonly name: string) {}
}

/**
 * A statement built with Kysely once, then run again and again with new parameter values: for the hot statements
 * that every request runs (the session lookup of every signed-in page), where building and compiling the query
 * each time costs more event-loop time than the database takes to answer it. `build` is called once, with a
 * placeholder for each parameter; it must put every parameter in the statement as a value (not use it to decide
 * the statement's shape), so that only the values change between runs.
 */
export function prepared<P extends object, R>(names: readonly (keyof P & string)[], build: (db: Db, params: P) => Compilable<R>) {
  let statement: { sql: string; parameters: readonly (Placeholder | unknown)[] } | undefined;
  return async function run(db: Db, params: P): Promise<R[]> {
    if (!statement) {
      const placeholders = Object.fromEntries(names.map((name) => [name, new Placeholder(name)])) as unknown as P;
      const compiled = build(db, placeholders).compile();
      const placed = new Set(compiled.parameters.flatMap((p) => (p instanceof Placeholder ? [p.name] : [])));
      const missing = names.filter((name) => !placed.has(name));
      // A parameter Kysely transformed instead of passing it on as a value would be lost: refuse at the first run.
      if (missing.length > 0) throw new Error(`prepared statement: parameters not passed as values: ${missing.join(', ')}`);
      statement = { sql: compiled.sql, parameters: compiled.parameters };
    }
    const values = statement.parameters.map((p) => (p instanceof Placeholder ? params[p.name as keyof P] : p));
    const result = await db.executeQuery<R>(CompiledQuery.raw(statement.sql, values));
    return result.rows;
  };
}
