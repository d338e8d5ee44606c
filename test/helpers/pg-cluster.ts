import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './ports.js';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster the test owns and may stop and start at will: never the machine's
 * shared server. Made with initdb in a temporary folder, on a free port on 127.0.0.1, trust auth.
 */
export interface PgCluster {
  /** postgres://postgres@127.0.0.1:PORT/DATABASE */
  url: string;
  port: number;
  dataDir: string;
  running: boolean;
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: connected clients are told "terminating connection due to administrator command". */
  stop(): Promise<void>;
  /** Stops the server if it runs and deletes every file. */
  destroy(): Promise<void>;
  /** The server's own log, for failure messages. */
  log(): string;
}

/** The newest PostgreSQL bin folder with initdb under /usr/lib/postgresql, or undefined. */
export function findPostgresBin(root = '/usr/lib/postgresql'): string | undefined {
  let versions: string[];
  try {
    versions = readdirSync(root);
  } catch {
    return undefined;
  }
  return versions
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(root, v, 'bin'))
    .find((bin) => existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl')));
}

/** PostgreSQL refuses to run as root; as root, run its tools as the postgres user. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  if (existsSync('/usr/sbin/runuser') || existsSync('/sbin/runuser')) return ['runuser', ['-u', 'postgres', '--', command, ...args]];
  const quoted = [command, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return ['su', ['postgres', '-s', '/bin/sh', '-c', quoted]];
}

function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export async function createPgCluster(options: { bin?: string; database?: string } = {}): Promise<PgCluster> {
  const bin = options.bin ?? findPostgresBin();
  if (!bin) throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin');
  const root = mkdtempSync(path.join(os.tmpdir(), 'hearth-pg-'));
  const dataDir = path.join(root, 'data');
  const socketDir = path.join(root, 'sock');
  const logFile = path.join(root, 'server.log');
  mkdirSync(socketDir);
  const ids = postgresIds();
  if (ids) {
    chownSync(root, ids.uid, ids.gid);
    chownSync(socketDir, ids.uid, ids.gid);
  }
  const port = await freePort();
  const pgCtl = path.join(bin, 'pg_ctl');
  const serverOptions = [
    `-p ${port}`,
    `-k ${socketDir}`,
    '-c listen_addresses=127.0.0.1',
    // Throwaway data: durability only costs time here.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');

  const tool = (command: string, args: string[]) => {
    const [file, argv] = asPostgres(command, args);
    return run(file, argv, { timeout: 60_000 });
  };

  await tool(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);

  let running = false;
  const emergencyStop = () => {
    if (!running) return;
    try {
      const [file, argv] = asPostgres(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      execFileSync(file, argv, { stdio: 'ignore', timeout: 10_000 });
    } catch {
      // best effort while the process exits
    }
  };
  // A test that dies half-way must not leave a postmaster behind.
  process.once('exit', emergencyStop);

  const database = options.database ?? 'postgres';
  const cluster: PgCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    port,
    dataDir,
    get running() {
      return running;
    },
    async start() {
      await tool(pgCtl, ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '30', 'start']);
      running = true;
    },
    async stop() {
      await tool(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
      running = false;
    },
    async destroy() {
      if (running) {
        await tool(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']).catch(() => {});
        running = false;
      }
      process.off('exit', emergencyStop);
      rmSync(root, { recursive: true, force: true });
    },
    log() {
      try {
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    },
  };

  await cluster.start();
  if (database !== 'postgres') {
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query(`create database "${database.replace(/"/g, '""')}"`);
    await admin.end();
  }
  return cluster;
}
