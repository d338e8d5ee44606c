import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createPrivateWriteStream, ensurePrivateDir, makeTreePrivate } from '../files/private-files.js';
import { acquireLock, readLock } from './data-dir-lock.js';
import { embeddedDatabase, PGLITE_EXTENSIONS, SERVER_APPLICATION_NAME } from './database.js';
import { BACKUP_SOCKET } from './embedded-socket.js';

/**
 * Backups of one site's database. The embedded database (PGlite) is copied whole, as a gzipped tarball of its
 * data folder: through the running server, which holds it, or directly when no server runs. PostgreSQL is
 * dumped with pg_dump's custom format and restored with pg_restore. Every backup file is private (0600).
 */

/** A program Hearth needs is not installed (pg_dump, pg_restore). */
export class MissingProgramError extends Error {
  override name = 'MissingProgramError';
}

/** Backs up an embedded site into `out`: through its running server when there is one, otherwise directly. */
export async function backupEmbedded(siteDir: string, out: string): Promise<{ through: 'server' | 'files'; bytes: number }> {
  const holder = readLock(siteDir);
  if (holder?.socketDir) {
    const socket = net.connect(path.join(holder.socketDir, BACKUP_SOCKET));
    await writeBackup(socket, out);
    return { through: 'server', bytes: fs.statSync(out).size };
  }
  const releaseLock = acquireLock(siteDir, { pid: process.pid });
  try {
    const embedded = await embeddedDatabase(path.join(siteDir, 'pgdata'));
    try {
      const tarball = await embedded.pglite.dumpDataDir('gzip');
      await writeBackup(Buffer.from(await tarball.arrayBuffer()), out);
    } finally {
      await embedded.close();
    }
  } finally {
    releaseLock();
  }
  return { through: 'files', bytes: fs.statSync(out).size };
}

async function writeBackup(source: NodeJS.ReadableStream | Buffer, out: string): Promise<void> {
  const stream = createPrivateWriteStream(out);
  try {
    if (Buffer.isBuffer(source)) await new Promise<void>((resolve, reject) => stream.end(source, () => resolve()).once('error', reject));
    else await pipeline(source, stream);
  } catch (error) {
    fs.rmSync(out, { force: true });
    throw error;
  }
  if (fs.statSync(out).size === 0) {
    fs.rmSync(out, { force: true });
    throw new Error('the server sent no backup (see its log)');
  }
}

/**
 * Replaces an embedded site's database with a backup. The site must not be in use (the caller checks the lock,
 * and this takes it). The database it replaces is kept beside it, as pgdata.before-restore-<time>, until removed
 * by hand; the backup is checked by opening it before it takes the old one's place.
 */
export async function restoreEmbedded(siteDir: string, file: string, stamp: string): Promise<{ kept: string | null }> {
  ensurePrivateDir(siteDir);
  const releaseLock = acquireLock(siteDir, { pid: process.pid });
  try {
    const target = path.join(siteDir, 'pgdata');
    const staging = path.join(siteDir, `pgdata.restoring-${stamp}`);
    fs.rmSync(staging, { recursive: true, force: true });
    ensurePrivateDir(staging);
    const restored = new PGlite({
      dataDir: staging,
      loadDataDir: new Blob([fs.readFileSync(file)]),
      extensions: PGLITE_EXTENSIONS,
    });
    try {
      await restored.waitReady;
      await restored.query('select 1');
    } finally {
      await restored.close();
    }
    makeTreePrivate(staging);
    let kept: string | null = null;
    if (fs.existsSync(target)) {
      kept = path.join(siteDir, `pgdata.before-restore-${stamp}`);
      fs.renameSync(target, kept);
    }
    fs.renameSync(staging, target);
    return { kept };
  } finally {
    releaseLock();
  }
}

/** Runs a PostgreSQL client program; a missing program is a MissingProgramError, a failure its stderr. */
function runPgProgram(program: 'pg_dump' | 'pg_restore', args: string[], stdout?: fs.WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', stdout ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    if (stdout) child.stdout!.pipe(stdout);
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new MissingProgramError(`${program} was not found: install the PostgreSQL client programs (Debian: apt-get install postgresql-client) in the version of the server or newer`)
          : error,
      ),
    );
    child.once('close', (code) => {
      const finish = () => (code === 0 ? resolve() : reject(new Error(`${program} failed: ${stderr.trim().split('\n').slice(-3).join(' ')}`)));
      if (stdout && !stdout.closed) stdout.once('close', finish);
      else finish();
    });
  });
}

/** Dumps a PostgreSQL database into `out` (pg_dump's custom format, for pg_restore). */
export async function backupPostgres(url: string, out: string): Promise<{ bytes: number }> {
  const stream = createPrivateWriteStream(out);
  try {
    await runPgProgram('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${url}`], stream);
  } catch (error) {
    stream.destroy();
    fs.rmSync(out, { force: true });
    throw error;
  }
  return { bytes: fs.statSync(out).size };
}

/** Restores a pg_dump backup over a PostgreSQL database: what the backup holds replaces what the database holds. */
export function restorePostgres(url: string, file: string): Promise<void> {
  return runPgProgram('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file]);
}

/** How many connections of running Hearth servers the database has. */
export async function serverConnections(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      'select count(*) as count from pg_stat_activity where datname = current_database() and application_name = $1',
      [SERVER_APPLICATION_NAME],
    );
    return Number(rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}
