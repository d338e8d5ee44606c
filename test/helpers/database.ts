import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import { embeddedDatabase, PGLITE_EXTENSIONS, postgresDatabase, type SiteDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { Mutex } from '../../src/db/mutex.js';
import { SerializedPGliteDialect } from '../../src/db/pglite-dialect.js';
import type { Database } from '../../src/db/schema.js';

/** Set in CI: the same suite then runs against real PostgreSQL as well as PGlite. */
export const TEST_DATABASE_URL = process.env.HEARTH_TEST_DATABASE_URL?.trim() || undefined;
export const DATABASE_KIND = TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * For tests of a fresh installation (the `hearth` binary on its own embedded data folder), which never use
 * HEARTH_TEST_DATABASE_URL: in the PostgreSQL pass they would repeat the PGlite pass exactly, so they skip.
 */
export const SKIP_IN_POSTGRES_PASS: string | false = TEST_DATABASE_URL
  ? 'a fresh installation on its embedded database: identical to the PGlite pass, where it runs'
  : false;

let template: Promise<File | Blob> | undefined;

/** A migrated PGlite image made once per test process; each test database starts as a copy of it. */
function pgliteTemplate(): Promise<File | Blob> {
  template ??= (async () => {
    const db = await embeddedDatabase();
    await migrateToLatest(db.db);
    const dump = await db.pglite.dumpDataDir('none');
    await db.close();
    return dump;
  })();
  return template;
}

/**
 * A fresh, migrated, empty database: a PGlite copy by default, or a new schema in the PostgreSQL
 * at HEARTH_TEST_DATABASE_URL (dropped again on close).
 */
export async function freshDatabase(): Promise<SiteDatabase> {
  if (TEST_DATABASE_URL) {
    const url = TEST_DATABASE_URL;
    const schema = `hearth_test_${randomBytes(6).toString('hex')}`;
    await postgresExtensions(url);
    // public last: where the extensions are (see postgresExtensions).
    const database = postgresDatabase(url, { searchPath: `${schema},public`, max: 5 });
    await withSchemaLock(url, 'shared', async (admin) => {
      await admin.query(`create schema ${schema}`);
      await migrateToLatest(database.db, schema);
    });
    return {
      ...database,
      close: async () => {
        await database.close();
        await withSchemaLock(url, 'exclusive', (admin) => admin.query(`drop schema ${schema} cascade`));
      },
    };
  }
  const pglite = new PGlite({ loadDataDir: await pgliteTemplate(), extensions: PGLITE_EXTENSIONS });
  await pglite.waitReady;
  const mutex = new Mutex();
  const db = new Kysely<Database>({ dialect: new SerializedPGliteDialect(pglite, mutex) });
  await migrateToLatest(db); // a no-op on the template, kept so a stale template can never hide a migration
  return {
    db,
    description: 'in-memory PGlite (test)',
    close: () => db.destroy(),
    stats: () => ({ driver: 'pglite', inFlight: mutex.pending }),
  };
}

let extensions: Promise<unknown> | undefined;

/**
 * The extensions Hearth's migrations create, created once in the test database's public schema. A migration
 * running in a test schema would otherwise create them there, the first time, and dropping that schema would drop
 * them, with every index that uses them in the other test schemas. Creating them is a database-wide change, done
 * holding the exclusive lock so that two test processes never race to create the same extension.
 */
export function postgresExtensions(url: string): Promise<unknown> {
  extensions ??= withSchemaLock(url, 'exclusive', (admin) => admin.query('create extension if not exists pg_trgm schema public'));
  return extensions;
}

// Any number of test files may migrate at once, but no schema is dropped meanwhile: Kysely's migrator reads
// the catalog of every schema, and a schema dropped under it fails the read ("schema … does not exist").
const SCHEMA_LOCK_KEY = 4_207_311;

/** Runs `work` holding the test schemas' advisory lock (shared to create and migrate, exclusive to drop). */
export async function withSchemaLock<T>(url: string, mode: 'shared' | 'exclusive', work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(mode === 'shared' ? 'select pg_advisory_lock_shared($1)' : 'select pg_advisory_lock($1)', [SCHEMA_LOCK_KEY]);
    return await work(admin);
  } finally {
    await admin.end(); // ending the session releases the lock
  }
}
