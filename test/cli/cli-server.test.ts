import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SKIP_IN_POSTGRES_PASS } from '../helpers/database.js';
import { assertOneLineError, BIN, cleanEnv, freePort, hearth, lines, listed, parseIssued, ROOT, SLOW, startUntil, statusOf, tempDir, type Started } from '../helpers/hearth-cli.js';

/** `hearth` usage, migrations, and the CLI beside a running server: the real binary on fresh data folders. */
/** A browser's login: fetch the form for its CSRF cookie and token, then post it. */
async function logIn(base: string, username: string, password: string): Promise<Response> {
  const page = await fetch(`${base}/live/login`);
  assert.equal(page.status, 200);
  const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  assert.ok(token, 'the login form carries a CSRF token');
  return fetch(`${base}/live/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, username, password }).toString(),
  });
}

describe('hearth CLI: usage, migrate, beside a running server', { skip: SKIP_IN_POSTGRES_PASS }, () => {
  describe('hearth usage errors and help (no database opened)', () => {
    const env = cleanEnv({ HEARTH_DATA_DIR: path.join(os.tmpdir(), 'hearth-cli-never-created') });
    const create = ['user', 'create', '--first-name', 'Ann', '--last-name', 'Bee', '--email', 'ann@agency.example'];

    it('wrong arguments give one line on stderr and exit status 2', SLOW, async () => {
      const [unknownOption, noSite, badSite, badRole, missingArgument, addressList, displayName] = await Promise.all([
        hearth([...create, '--site', 'live', '--emial', 'x'], env),
        hearth(create, env),
        hearth([...create, '--site', 'staging'], env),
        hearth([...create, '--site', 'live', '--role', 'boss'], env),
        hearth(['user', 'unlock', '--site', 'live'], env),
        hearth([...create.slice(0, -1), 'ann@agency.example,attacker@evil.example', '--site', 'live'], env),
        hearth([...create.slice(0, -1), 'Ann Bee <attacker@evil.example>', '--site', 'live'], env),
      ]);
      assertOneLineError(unknownOption, 2, /unknown option '--emial'.*--email/);
      assertOneLineError(noSite, 2, /^hearth: choose --site training or --site live$/m);
      assertOneLineError(badSite, 2, /--site.*training, live/);
      assertOneLineError(badRole, 2, /--role.*case_manager, agency_manager, admin/);
      assertOneLineError(missingArgument, 2, /missing required argument 'username'/);
      // S28: one plain address, or the command is used wrongly.
      for (const run of [addressList, displayName]) assertOneLineError(run, 2, /^hearth: --email: Enter one email address, like jane\.doe@agency\.org, and nothing else/);
      assert.equal(fs.existsSync(path.join(os.tmpdir(), 'hearth-cli-never-created')), false);
    });

    it('every command has --help with examples', SLOW, async () => {
      const expected: [string[], RegExp[]][] = [
        [[], [/serve/, /migrate/, /user/]],
        [['user'], [/create/, /agencies/, /temp-password/, /list/, /deactivate/, /reactivate/, /unlock/, /reset-second-factor/, /check-emails/]],
        [['user', 'create'], [/--site/, /--first-name/, /--last-name/, /--email/, /--volunteer/, /--role/, /--agency/, /--username/, /--json/, /agency_manager: A case manager who also/]],
        [['user', 'agencies'], [/--site/, /<username>/, /--set/, /--add/, /--remove/, /--json/]],
        [['user', 'temp-password'], [/--site/, /--json/, /<username>/]],
        [['user', 'list'], [/--site/, /--status/, /--search/, /--agency/, /--json/]],
        [['user', 'deactivate'], [/--site/, /<username>/]],
        [['user', 'reactivate'], [/--site/, /<username>/]],
        [['user', 'unlock'], [/--site/, /<username>/]],
        [['user', 'reset-second-factor'], [/--site/, /<username>/, /--json/]],
        [['user', 'check-emails'], [/--site/, /--json/, /status 1/]],
        [['migrate'], [/--site/]],
        [['serve'], [/PORT/, /HEARTH_DATA_DIR/]],
      ];
      const runs = await Promise.all(expected.map(([command]) => hearth([...command, '--help'], env)));
      runs.forEach((run, i) => {
        const [command, patterns] = expected[i]!;
        assert.equal(run.code, 0, `hearth ${command.join(' ')} --help: ${run.stderr}`);
        assert.equal(run.stderr, '');
        assert.match(run.stdout, /Examples:\n {2}\$ hearth /, `examples in hearth ${command.join(' ')} --help`);
        for (const pattern of patterns) assert.match(run.stdout, pattern, `hearth ${command.join(' ')} --help`);
      });
    });
  });

  describe('hearth migrate', () => {
    let dataDir: string;
    before(() => (dataDir = tempDir('migrate')));
    after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    it('migrates every configured site and is idempotent', SLOW, async () => {
      const env = cleanEnv({ HEARTH_DATA_DIR: dataDir });
      const first = await hearth(['migrate'], env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^Training site: applied 0001_accounts/m);
      assert.match(first.stdout, /^Live site: applied 0001_accounts/m);

      const again = await hearth(['migrate', '--site', 'live'], env);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(lines(again.stdout).length, 1);
      assert.match(again.stdout, /^Live site: already up to date/);
    });
  });

  describe('hearth while the server runs', () => {
    let dataDir: string;
    let env: NodeJS.ProcessEnv;
    let port: number;
    let server: Started | undefined;

    before(async () => {
      dataDir = tempDir('serve');
      port = await freePort();
      env = cleanEnv({ HEARTH_DATA_DIR: dataDir, HEARTH_SITES: 'live', PORT: String(port), HEARTH_LOCKOUT_THRESHOLD: '2' });
      server = startUntil([BIN, 'serve'], env, 'live site ready');
      await server.ready;
    });

    after(async () => {
      if (server && server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.closed;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('creates a user through the server, who can then sign in with the temporary password', SLOW, async () => {
      const issued = parseIssued(
        await hearth(
          ['user', 'create', '--site', 'live', '--first-name', 'Jane', '--last-name', 'Doe', '--email', 'jane.doe@agency.example', '--role', 'admin', '--json'],
          env,
        ),
      );
      assert.equal(issued.username, 'jdoe');
      const response = await logIn(`http://127.0.0.1:${port}`, issued.username, issued.temporaryPassword);
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), '/live/password/expired');
    });

    it('unlocks an account the server locked after failed logins', SLOW, async () => {
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 2; i++) assert.equal((await logIn(base, 'jdoe', 'wrong password')).status, 401);
      assert.equal(statusOf(await listed(env), 'jdoe'), 'locked');

      const unlock = await hearth(['user', 'unlock', '--site', 'live', 'jdoe'], env);
      assert.equal(unlock.code, 0, unlock.stderr);
      assert.equal(unlock.stdout, 'Unlocked jdoe on the Live site.\n');
      assert.equal(statusOf(await listed(env), 'jdoe'), 'active');
    });

    it('a second server on the same data folder is refused, naming the folder', SLOW, async () => {
      const second = startUntil(['--import', 'tsx', path.join(ROOT, 'src/server.ts')], { ...env, PORT: String(await freePort()) }, 'never printed');
      second.ready.catch(() => {});
      const code = await second.closed;
      assert.notEqual(code, 0);
      assert.ok(second.output().includes(`${path.join(dataDir, 'live')} is in use`), second.output());
    });

    it('stops on SIGTERM', SLOW, async () => {
      server!.child.kill('SIGTERM');
      assert.equal(await server!.closed, 0);
      assert.match(server!.output(), /shutting down/);
      assert.equal(fs.existsSync(path.join(dataDir, 'live', 'hearth.lock')), false, 'the lock is released');
    });
  });
});
