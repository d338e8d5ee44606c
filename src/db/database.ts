import path from 'node:path';
import { PGlite, type Extensions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { ensurePrivateDir, makeTreePrivate } from '../files/private-files.js';
import type { SiteId } from '../site-id.js';
import { enableCopyOut } from './copy-out.js';
import { acquireLock, readLock, updateLock } from './data-dir-lock.js';
import { serveEmbeddedSocket, SOCKET_PORT } from './embedded-socket.js';
import { migrateToLatest } from './migrate.js';
import { Mutex } from './mutex.js';
import { SerializedPGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export interface SiteDatabase {
  db: Kysely<Database>;
  /** Where the data lives, for logs and CLI messages (never includes a password). */
  description: string;
  close(): Promise<void>;
  /** The connection pool's state, for the metrics. */
  stats?(): DatabaseStats;
}

/** PostgreSQL: the pool's connections and waiting queries; PGlite: queries running or waiting their turn. */
export type DatabaseStats =
  | { driver: 'postgres'; total: number; idle: number; waiting: number }
  | { driver: 'pglite'; inFlight: number };

// Dates come back as Date objects and bigints as strings on both drivers; keep int8 as text.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);

/** The application name a Hearth server's connections carry: `hearth restore` sees by it that a server uses a database. */
export const SERVER_APPLICATION_NAME = 'hearth-server';

export function postgresDatabase(
  connection: string | pg.PoolConfig,
  options: {
    searchPath?: string;
    max?: number;
    description?: string;
    applicationName?: string;
    /** False for a server that speaks PostgreSQL's protocol without COPY out (the embedded database's socket). */
    copyOut?: boolean;
  } = {},
): SiteDatabase {
  const base: pg.PoolConfig = typeof connection === 'string' ? { connectionString: connection } : connection;
  const pool = new pg.Pool({
    max: options.max ?? 10,
    // Fail fast when the server is gone or frozen: requests then get a 503 page, not a hang.
    connectionTimeoutMillis: 2_000,
    query_timeout: 10_000,
    keepAlive: true,
    ...base,
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  // A client losing its server (idle or mid-query) must not crash the process; the pool replaces it and
  // the query in flight fails with an error that becomes a 503.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  if (options.copyOut !== false) enableCopyOut(db, pool);
  const description =
    options.description ?? (typeof connection === 'string' ? redactUrl(connection) : 'PostgreSQL');
  return {
    db,
    description,
    close: () => db.destroy(),
    stats: () => ({ driver: 'postgres', total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

export interface EmbeddedDatabase extends SiteDatabase {
  pglite: PGlite;
  mutex: Mutex;
}

/**
 * The PostgreSQL extensions Hearth's migrations create (0008: pg_trgm, for client search). PGlite has them only
 * when loaded at start, so every PGlite Hearth opens passes these.
 */
export const PGLITE_EXTENSIONS: Extensions = { pg_trgm };

/**
 * PGlite's WASM heap holds PostgreSQL's shared memory and never shrinks. With PostgreSQL's default 128 MB of shared
 * buffers, a server with both sites idled at 610 MB; with 8 MB, 370 MB (`npm run bench:memory`, bench/README.md).
 * PGlite is a single process reading its files through the operating system's page cache, so small shared buffers
 * cost little: the pages they no longer hold are still in memory, the kernel's.
 */
const EMBEDDED_SETTINGS = ['shared_buffers = 8MB', 'wal_buffers = 512kB'];

/**
 * An embedded PostgreSQL (PGlite); in memory when no folder is given. Its folder is made private
 * before PGlite starts, and its files right after: a new cluster is unpacked with files open to
 * everyone, and every start rewrites some with mode 0644. Files Postgres creates while it runs are
 * 0600 already, and the folders around them are 0700; closing corrects whatever shutdown wrote.
 * `extensions` adds to PGLITE_EXTENSIONS.
 */
export async function embeddedDatabase(folder?: string, options: { extensions?: Extensions } = {}): Promise<EmbeddedDatabase> {
  if (folder) ensurePrivateDir(folder);
  const pglite = new PGlite({
    dataDir: folder,
    extensions: { ...PGLITE_EXTENSIONS, ...options.extensions },
    postgresqlconf: EMBEDDED_SETTINGS,
  });
  await pglite.waitReady;
  if (folder) makeTreePrivate(folder);
  const mutex = new Mutex();
  const db = new Kysely<Database>({ dialect: new SerializedPGliteDialect(pglite, mutex) });
  const close = async () => {
    await db.destroy();
    if (folder) makeTreePrivate(folder);
  };
  const stats = (): DatabaseStats => ({ driver: 'pglite', inFlight: mutex.pending });
  return { db, pglite, mutex, description: folder ?? 'in-memory PGlite', close, stats };
}

export function siteDataDir(config: Config, site: SiteId): string {
  return path.join(config.dataDir, site);
}

/**
 * The database a running server uses for one site: PostgreSQL when a URL is configured, otherwise
 * PGlite under the data folder, locked to this process and shared with the CLI over a local socket.
 */
export async function openServerDatabase(config: Config, site: SiteId): Promise<SiteDatabase> {
  const url = config.databaseUrls[site];
  const opened = url
    ? postgresDatabase(url, { applicationName: SERVER_APPLICATION_NAME })
    : await openEmbeddedSite(siteDataDir(config, site), true);
  return migrated(opened);
}

/**
 * The database for a CLI command: PostgreSQL by URL; the running server's embedded database through
 * its socket; or, when no server runs, the embedded database opened (and locked) by the CLI itself.
 */
export async function openCliDatabase(config: Config, site: SiteId): Promise<SiteDatabase> {
  const url = config.databaseUrls[site];
  const dir = siteDataDir(config, site);
  let opened: SiteDatabase;
  if (url) opened = postgresDatabase(url);
  else {
    const holder = readLock(dir);
    opened = holder?.socketDir
      ? postgresDatabase(
          { host: holder.socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' },
          { max: 1, description: `${dir} (through the running server, pid ${holder.pid})`, copyOut: false },
        )
      : await openEmbeddedSite(dir, false);
  }
  return migrated(opened);
}

/** The database brought to the latest schema; closed again when a migration fails, so nothing holds it open. */
async function migrated(opened: SiteDatabase): Promise<SiteDatabase> {
  try {
    await migrateToLatest(opened.db);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}

async function openEmbeddedSite(dir: string, serveCli: boolean): Promise<SiteDatabase> {
  const releaseLock = acquireLock(dir, { pid: process.pid });
  let embedded: EmbeddedDatabase;
  try {
    embedded = await embeddedDatabase(path.join(dir, 'pgdata'));
  } catch (error) {
    releaseLock();
    throw error;
  }
  let stopSocket = async () => {};
  if (serveCli) {
    try {
      const socket = await serveEmbeddedSocket(embedded.pglite, embedded.mutex, dir);
      stopSocket = socket.stop;
      updateLock(dir, { pid: process.pid, socketDir: socket.socketDir });
    } catch (error) {
      await embedded.close();
      releaseLock();
      throw error;
    }
  }
  return {
    db: embedded.db,
    description: dir,
    stats: embedded.stats,
    close: async () => {
      await stopSocket();
      await embedded.close();
      releaseLock();
    },
  };
}
