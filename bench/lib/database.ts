/** A bench's database: PGlite by default, or a fresh schema in a PostgreSQL that the bench drops again. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Extensions } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { enableCopyOut } from '../../src/db/copy-out.js';
import { embeddedDatabase, PGLITE_EXTENSIONS, redactUrl, type SiteDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { SerializedPGliteDialect } from '../../src/db/pglite-dialect.js';
import type { Database } from '../../src/db/schema.js';

export interface BenchDatabase extends SiteDatabase {
  kind: 'pglite' | 'postgres';
  /** PostgreSQL only: the pool behind `db` (for COPY, or to tell its backends apart). */
  pool?: pg.Pool;
}

export interface BenchDatabaseOptions {
  /** PostgreSQL; without it, PGlite. */
  url?: string;
  /** PGlite in a temporary folder (on disk, as a server runs it) instead of in memory; the folder goes at close(). */
  onDisk?: boolean;
  /** Kysely's query log, for benches that count or explain the statements the app runs. */
  log?: (event: LogEvent) => void;
  /** PostgreSQL's application_name for the pool's connections, so that their backends can be found. */
  applicationName?: string;
  /**
   * Extensions the bench uses besides Hearth's own, as PGlite modules named like the extension: loaded into PGlite;
   * on PostgreSQL, created by those names.
   */
  extensions?: Extensions;
}

/**
 * A migrated database for a bench. The Kysely instance is built as src/db/database.ts builds it (the same
 * dialect; on PostgreSQL a pool of the same size), plus the query log. On PostgreSQL the bench gets a schema of
 * its own, dropped by close() and also when the migrations fail.
 */
export async function openBenchDatabase(options: BenchDatabaseOptions = {}): Promise<BenchDatabase> {
  const { url, log } = options;
  if (!url) {
    const folder = options.onDisk ? mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-db-')) : undefined;
    const embedded = await embeddedDatabase(folder, { extensions: options.extensions });
    const db = new Kysely<Database>({ dialect: new SerializedPGliteDialect(embedded.pglite, embedded.mutex), log });
    await migrateToLatest(db);
    return {
      kind: 'pglite',
      db,
      description: folder ? `PGlite in ${folder}` : 'in-memory PGlite',
      close: async () => {
        await db.destroy();
        await embedded.close();
        if (folder) rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  const schema = `hearth_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${schema}`);
  // Hearth's extensions (migration 0009's pg_trgm) and the bench's, in public: created from the bench's schema they
  // would go when it is dropped, with the indexes other schemas built on them.
  for (const name of Object.keys({ ...PGLITE_EXTENSIONS, ...options.extensions })) await admin(`create extension if not exists ${name} schema public`);
  const pool = new pg.Pool({
    max: 10,
    connectionTimeoutMillis: 5_000,
    connectionString: url,
    // public last: where the extensions are.
    options: `-c search_path=${schema},public`,
    application_name: options.applicationName,
  });
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  enableCopyOut(db, pool);
  const drop = async () => {
    await db.destroy().catch(() => {});
    await admin(`drop schema if exists ${schema} cascade`);
  };
  try {
    await migrateToLatest(db, schema);
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  return { kind: 'postgres', db, pool, description: `${redactUrl(url)}, schema ${schema} (dropped at the end)`, close: drop };
}
