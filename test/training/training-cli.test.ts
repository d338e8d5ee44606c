import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { SKIP_IN_POSTGRES_PASS } from '../helpers/database.js';
import { assertOneLineError, BIN, cleanEnv, freePort, hearth, ROOT, SLOW, tempDir, type Run } from '../helpers/hearth-cli.js';

/** A refusal before anything is opened: exit status 2 and one line on stderr. */
function assertRefused(run: Run, pattern: RegExp): void {
  assertOneLineError(run, 2, pattern);
}

/**
 * `hearth training reset`, run as a person runs it: the real binary, on a data folder of its own (embedded
 * PGlite whatever the test database, since the command opens the site as configured).
 */
describe('hearth training reset', { skip: SKIP_IN_POSTGRES_PASS }, () => {
  describe('on the Live site', () => {
    let dataDir: string;
    before(() => {
      dataDir = tempDir('training-cli');
    });
    after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    it('--site live is refused with one line and exit status 2, before anything is opened or written', SLOW, async () => {
      const run = await hearth(['training', 'reset', '--site', 'live'], cleanEnv({ HEARTH_DATA_DIR: dataDir }));
      assertRefused(run, /The Live site never holds generated data/);
      assert.deepEqual(fs.readdirSync(dataDir), [], 'no database was created or opened');
    });

    it('a server with only the Live site has no Training site to refill (exit 2)', SLOW, async () => {
      const run = await hearth(['training', 'reset'], cleanEnv({ HEARTH_DATA_DIR: dataDir, HEARTH_SITES: 'live' }));
      assertRefused(run, /training site is not enabled here/);
      assert.deepEqual(fs.readdirSync(dataDir), []);
    });

    it('an unknown site is a usage error too', SLOW, async () => {
      const run = await hearth(['training', 'reset', '--site', 'staging'], cleanEnv({ HEARTH_DATA_DIR: dataDir }));
      assertRefused(run, /'staging' is invalid/);
    });
  });

  describe('while the server runs', () => {
    let dataDir: string;
    let env: NodeJS.ProcessEnv;
    let port: number;
    let server: ChildProcess | undefined;
    let closed: Promise<number | null>;

    before(async () => {
      dataDir = tempDir('training-cli');
      port = await freePort();
      env = cleanEnv({ HEARTH_DATA_DIR: dataDir, HEARTH_SITES: 'training', PORT: String(port) });
      server = spawn(process.execPath, [BIN, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      closed = new Promise((resolve) => server!.once('close', (code) => resolve(code)));
      let output = '';
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('training site ready')) resolve();
        };
        server!.stdout!.on('data', onData);
        server!.stderr!.on('data', onData);
        void closed.then((code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
      });
    });

    after(async () => {
      if (server && server.exitCode === null) {
        server.kill('SIGTERM');
        await closed;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('refills the Training site through the running server: --json prints exactly the counts', SLOW, async () => {
      const run = await hearth(['training', 'reset', '--json'], env);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout.split('\n').filter(Boolean).length, 1, run.stdout);
      const summary = JSON.parse(run.stdout) as Record<string, number>;
      assert.equal(summary.clients, 2000);
      assert.equal(summary.agencies, 6);
      assert.equal(summary.projects, 15);
      assert.ok(summary.enrollments! > 2500 && summary.exits! > 2000);
      assert.equal(summary.usersKept, 0);
    });

    it('says what it did in one sentence or two, the same data again; the server keeps serving', SLOW, async () => {
      const run = await hearth(['training', 'reset', '--site', 'training'], env);
      assert.equal(run.code, 0, run.stderr);
      assert.match(
        run.stdout,
        /^Refilled the Training site with fictitious data: 6 agencies, 15 projects, 2,000 clients in [\d,]+ households \([\d,]+ near-duplicate records\), [\d,]+ enrollments \([\d,]+ current\) and [\d,]+ exits\.\nKept 0 user accounts and 0 agency memberships\.\n$/,
      );
      const page = await fetch(`http://127.0.0.1:${port}/training/login`);
      assert.equal(page.status, 200);
    });
  });
});
