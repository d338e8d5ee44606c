import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../../src/config.js';
import { embeddedDatabase, openCliDatabase, openServerDatabase, postgresDatabase, type SiteDatabase } from '../../src/db/database.js';
import { DataDirBusyError, readLock } from '../../src/db/data-dir-lock.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { postgresExtensions, TEST_DATABASE_URL, withSchemaLock } from '../helpers/database.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SLOW = { timeout: 120_000 };
const src = (file: string) => pathToFileURL(path.join(ROOT, 'src', file)).href;

/** Runs an ES module snippet in a separate Node process (through tsx), as another Hearth process would. */
function runChild(code: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('HEARTH_') || key === 'SMTP_URL' || key === 'NODE_OPTIONS' || key.startsWith('NODE_TEST')) continue;
    childEnv[key] = value;
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', code],
      { cwd: ROOT, env: { ...childEnv, ...env }, timeout: 90_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

function lastJsonLine(stdout: string): Record<string, unknown> {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as Record<string, unknown>;
}

async function usernames(database: SiteDatabase): Promise<string[]> {
  return (await database.db.selectFrom('users').select('username').orderBy('username').execute()).map((r) => r.username);
}

let allMigrations: Promise<string[]> | undefined;
/** Every migration Hearth has, in order: what a fresh in-memory database gets on its first migrateToLatest. */
function freshMigrationNames(): Promise<string[]> {
  allMigrations ??= (async () => {
    const database = await embeddedDatabase();
    try {
      return await migrateToLatest(database.db);
    } finally {
      await database.close();
    }
  })();
  return allMigrations;
}

function insertUser(username: string) {
  const now = new Date('2026-11-27T14:00:00Z');
  return sql`insert into users (username, first_name, last_name, email, role, created_at, updated_at)
    values (${username}, 'Test', 'User', ${`${username}@agency.example`}, 'case_manager', ${now}, ${now})`;
}

describe('the embedded database (PGlite) in the data folder', () => {
  let dataDir: string;
  let config: Config;
  let server: SiteDatabase | undefined;
  const liveDir = () => path.join(dataDir, 'live');
  const lockFile = () => path.join(liveDir(), 'hearth.lock');

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-db-'));
    config = loadConfig({ HEARTH_DATA_DIR: dataDir });
    assert.deepEqual(config.databaseUrls, {});
  });
  after(async () => {
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('openServerDatabase creates <dir>/live/pgdata, migrates it and locks the folder', SLOW, async () => {
    server = await openServerDatabase(config, 'live');
    assert.ok(fs.statSync(path.join(liveDir(), 'pgdata')).isDirectory());
    assert.equal(server.description, liveDir());
    const lock = JSON.parse(fs.readFileSync(lockFile(), 'utf8')) as { pid: number; socketDir?: string };
    assert.equal(lock.pid, process.pid);
    assert.ok(lock.socketDir, 'the lock names the socket folder for the CLI');
    assert.ok(fs.existsSync(path.join(lock.socketDir, '.s.PGSQL.5432')));
    assert.equal(fs.statSync(lockFile()).mode & 0o777, 0o600);
    // Migrated: every table exists and is empty.
    for (const table of ['users', 'password_history', 'sessions', 'password_reset_tokens', 'mail_outbox', 'audit_log'] as const) {
      const { rows } = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(server.db);
      assert.equal(rows[0]!.n, '0', table);
    }
    await insertUser('server1').execute(server.db);
    assert.deepEqual(await usernames(server), ['server1']);
  });

  it('another process cannot open the same folder while the server holds it (DataDirBusyError)', SLOW, async () => {
    assert.ok(server);
    const run = await runChild(
      `
      import { loadConfig } from ${JSON.stringify(src('config.ts'))};
      import { openServerDatabase } from ${JSON.stringify(src('db/database.ts'))};
      try {
        const db = await openServerDatabase(loadConfig({ HEARTH_DATA_DIR: process.env.TEST_DATA_DIR }), 'live');
        await db.close();
        console.log(JSON.stringify({ opened: true }));
      } catch (error) {
        console.log(JSON.stringify({ name: error.name, message: error.message }));
      }
      `,
      { TEST_DATA_DIR: dataDir },
    );
    assert.equal(run.code, 0, run.stderr);
    const result = lastJsonLine(run.stdout);
    assert.equal(result.name, new DataDirBusyError('').name);
    assert.equal(result.message, `${liveDir()} is in use by another Hearth process (pid ${process.pid}).`);
    // The refused process left the server's lock alone.
    assert.equal((JSON.parse(fs.readFileSync(lockFile(), 'utf8')) as { pid: number }).pid, process.pid);
    assert.deepEqual(await usernames(server), ['server1']);
  });

  it('openCliDatabase in another process goes through the running server and sees its rows; a rolled-back CLI transaction leaves nothing', SLOW, async () => {
    assert.ok(server);
    await insertUser('server2').execute(server.db);
    const run = await runChild(
      `
      import { sql } from 'kysely';
      import { loadConfig } from ${JSON.stringify(src('config.ts'))};
      import { openCliDatabase } from ${JSON.stringify(src('db/database.ts'))};
      const names = async (db) => (await db.selectFrom('users').select('username').orderBy('username').execute()).map((r) => r.username);
      const database = await openCliDatabase(loadConfig({ HEARTH_DATA_DIR: process.env.TEST_DATA_DIR }), 'live');
      const out = { description: database.description, before: await names(database.db) };
      try {
        await database.db.transaction().execute(async (trx) => {
          const now = new Date('2026-11-27T14:00:00Z');
          await sql\`insert into users (username, first_name, last_name, email, role, created_at, updated_at)
            values ('cliuser', 'Cli', 'User', 'cli@agency.example', 'case_manager', \${now}, \${now})\`.execute(trx);
          out.inside = await names(trx);
          throw new Error('roll back');
        });
      } catch (error) {
        out.rolledBack = error.message;
      }
      out.after = await names(database.db);
      await database.close();
      console.log(JSON.stringify(out));
      `,
      { TEST_DATA_DIR: dataDir },
    );
    assert.equal(run.code, 0, run.stderr);
    const out = lastJsonLine(run.stdout);
    assert.match(String(out.description), /through the running server/);
    assert.match(String(out.description), new RegExp(`pid ${process.pid}`));
    assert.deepEqual(out.before, ['server1', 'server2'], 'the CLI sees what the server wrote');
    assert.deepEqual(out.inside, ['cliuser', 'server1', 'server2'], 'inside its transaction the CLI sees the server rows and its own');
    assert.equal(out.rolledBack, 'roll back');
    assert.deepEqual(out.after, ['server1', 'server2'], 'the rolled-back row is gone for the CLI');
    assert.deepEqual(await usernames(server), ['server1', 'server2'], 'and for the server');
    // The server still works normally after the CLI disconnected.
    await insertUser('server3').execute(server.db);
    assert.deepEqual(await usernames(server), ['server1', 'server2', 'server3']);
  });

  it('after close the lock file and socket are gone; the data stays; the CLI then opens the folder itself', SLOW, async () => {
    assert.ok(server);
    const socketDir = (JSON.parse(fs.readFileSync(lockFile(), 'utf8')) as { socketDir: string }).socketDir;
    await server.close();
    server = undefined;
    assert.equal(fs.existsSync(lockFile()), false, 'the lock file is removed');
    assert.equal(fs.existsSync(path.join(socketDir, '.s.PGSQL.5432')), false, 'the socket is removed');
    assert.equal(readLock(liveDir()), undefined);

    const cli = await openCliDatabase(config, 'live');
    try {
      assert.equal(cli.description, liveDir(), 'no server: the CLI opens the folder directly');
      assert.ok(fs.existsSync(lockFile()), 'and locks it while it has it open');
      assert.deepEqual(await usernames(cli), ['server1', 'server2', 'server3']);
    } finally {
      await cli.close();
    }
    assert.equal(fs.existsSync(lockFile()), false);

    // Reopening as the server finds the migrated data and migrates nothing twice.
    server = await openServerDatabase(config, 'live');
    assert.deepEqual(await usernames(server), ['server1', 'server2', 'server3']);
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(server.db);
    assert.deepEqual(rows.map((r) => r.name), await freshMigrationNames(), 'each migration recorded exactly once');
    await server.close();
    server = undefined;
    assert.equal(fs.existsSync(lockFile()), false);
  });
});

describe('migrations', () => {
  it('migrateToLatest is idempotent on PGlite: the second run applies nothing', SLOW, async () => {
    const database = await embeddedDatabase();
    try {
      const first = await migrateToLatest(database.db);
      assert.equal(first[0], '0001_accounts');
      assert.deepEqual(first, [...first].sort(), 'applied in order');
      assert.deepEqual(await migrateToLatest(database.db), []);
      assert.deepEqual(await migrateToLatest(database.db), []);
    } finally {
      await database.close();
    }
  });

  it('migrateToLatest is idempotent on PostgreSQL (HEARTH_TEST_DATABASE_URL)', { ...SLOW, skip: TEST_DATABASE_URL ? false : 'HEARTH_TEST_DATABASE_URL is not set' }, async () => {
    const url = TEST_DATABASE_URL!;
    const schema = `hearth_migrate_${randomBytes(6).toString('hex')}`;
    await postgresExtensions(url);
    const database = postgresDatabase(url, { searchPath: `${schema},public`, max: 2 });
    try {
      await withSchemaLock(url, 'shared', async (admin) => {
        await admin.query(`create schema ${schema}`);
        assert.deepEqual(await migrateToLatest(database.db, schema), await freshMigrationNames());
        assert.deepEqual(await migrateToLatest(database.db, schema), []);
      });
      const { rows } = await sql<{ n: string }>`select count(*)::text as n from users`.execute(database.db);
      assert.equal(rows[0]!.n, '0');
    } finally {
      await database.close();
      await withSchemaLock(url, 'exclusive', (admin) => admin.query(`drop schema if exists ${schema} cascade`));
    }
  });
});
