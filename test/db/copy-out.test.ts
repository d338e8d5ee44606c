import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { SiteDatabase } from '../../src/db/database.js';
import { copyOutOf, inlineParameters } from '../../src/db/copy-out.js';
import { freshDatabase, TEST_DATABASE_URL } from '../helpers/database.js';

describe('COPY out (the HUD CSV export reads whole files through it on PostgreSQL)', () => {
  let database: SiteDatabase;
  before(async () => {
    database = await freshDatabase();
  });
  after(() => database.close());

  // Values a statement's parameters take, written as literals COPY can run: quotes, backslashes, a dollar sign, dates.
  const values = ["O'Brien \\ \"x\" $1", '', 42, new Date('2026-03-01T05:06:07.089Z'), ['a', "b'c", 'd\\e'], [] as string[], null, true];
  const statement = () =>
    sql`select ${values[0]}::text as s, ${values[1]}::text as e, ${values[2]}::int as n, ${values[3]}::timestamptz as t,
               ${values[4]}::text[] as a, ${values[5]}::text[] as z, ${values[6]}::text as u, ${values[7]}::boolean as b`;

  test('inlined, a statement selects what it selects with its parameters bound', { skip: TEST_DATABASE_URL ? false : 'PGlite has no COPY out' }, async () => {
    const { db } = database;
    const bound = await sql<Record<string, unknown>>`select to_json(q)::text as j from (${statement()}) q`.execute(db);
    const copy = await copyOutOf(db)!(sql`copy (${statement()}) to stdout with (format csv)`.compile(db));
    const chunks: Buffer[] = [];
    for await (const chunk of copy.stream) chunks.push(chunk as Buffer);
    assert.equal(copy.rowCount(), 1);
    const [row] = parse(Buffer.concat(chunks).toString('utf8')) as string[][];
    const expected = JSON.parse(bound.rows[0]!.j as string) as Record<string, unknown>;
    assert.deepEqual(row!.slice(0, 3), [expected.s, expected.e, '42']);
    assert.equal(new Date(row![3]!).getTime(), (values[3] as Date).getTime());
    assert.deepEqual([row![4], row![5], row![6], row![7]], ['{a,b\'c,"d\\\\e"}', '{}', '', 't']);
    // The connection went back to the pool: another statement runs.
    assert.equal((await sql<{ one: number }>`select 1 as one`.execute(db)).rows[0]!.one, 1);
  });

  test('a statement that fails ends its stream with the error, and the pool goes on', { skip: TEST_DATABASE_URL ? false : 'PGlite has no COPY out' }, async () => {
    const { db } = database;
    const copy = await copyOutOf(db)!(sql`copy (select 1 / (n - 3) from generate_series(1, 5) n) to stdout with (format csv)`.compile(db));
    await assert.rejects(async () => {
      for await (const _ of copy.stream) void _;
    }, /division by zero/);
    assert.equal((await sql<{ one: number }>`select 1 as one`.execute(db)).rows[0]!.one, 1);
  });

  test('PGlite cannot COPY out, so its readers keep to queries', { skip: TEST_DATABASE_URL ? 'PostgreSQL can' : false }, () => {
    assert.equal(copyOutOf(database.db), null);
  });

  test('a parameter a statement cannot hold is refused, not written', () => {
    assert.throws(() => inlineParameters({ sql: 'select $1', parameters: [{ a: 1 }], query: undefined as never, queryId: undefined as never }), /cannot be written/);
    assert.throws(() => inlineParameters({ sql: 'select $2', parameters: [1], query: undefined as never, queryId: undefined as never }), /no parameter \$2/);
  });
});
