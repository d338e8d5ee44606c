import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { SKIP_IN_POSTGRES_PASS } from '../helpers/database.js';
import { BIN, cleanEnv, freePort, hearth, parseIssued, SLOW, startUntil, tempDir, type Started } from '../helpers/hearth-cli.js';

/** Every path under `root` (root included) that a group or other users may read, write or enter. */
function openToOthers(root: string): string[] {
  const found: string[] = [];
  const visit = (entry: string) => {
    const stat = fs.lstatSync(entry);
    if (stat.isSymbolicLink()) return;
    if (stat.mode & 0o077) found.push(`${(stat.mode & 0o777).toString(8)} ${path.relative(root, entry) || '.'}`);
    if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
  };
  visit(root);
  return found;
}

function allPaths(root: string): string[] {
  return fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).map((p) => path.join(root, p));
}

/** Runs fn with the given umask, as an administrator's shell would have it. */
async function withUmask<T>(mask: number, fn: () => Promise<T>): Promise<T> {
  const previous = process.umask(mask);
  try {
    return await fn();
  } finally {
    process.umask(previous);
  }
}

describe('S3 the files Hearth writes are private to the account that runs it', { skip: SKIP_IN_POSTGRES_PASS }, () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let server: Started | undefined;
  const started: Started[] = [];

  const startServer = async () => {
    env.PORT = String(await freePort());
    // A common umask: without Hearth's own care, folders would be 0755 and PGlite's files 0666.
    server = await withUmask(0o022, async () => startUntil([BIN, 'serve'], env, 'live site ready'));
    started.push(server);
    await server.ready;
    return server;
  };
  const stopServer = async () => {
    server!.child.kill('SIGTERM');
    assert.equal(await server!.closed, 0, server!.output());
  };

  before(() => {
    dataDir = tempDir('modes');
    env = cleanEnv({ HEARTH_DATA_DIR: dataDir, HEARTH_SITES: 'live', HEARTH_FORGOT_MIN_RESPONSE_MS: '0' });
  });
  after(async () => {
    // Every server a failed test left running, not only the last one.
    for (const running of started.filter((s) => s.child.exitCode === null)) {
      running.child.kill('SIGTERM');
      await running.closed;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('S3 a umask alone does not protect PGlite: it gives its files their modes with chmod, 0666 for a new cluster', SLOW, async () => {
    const folder = tempDir('pglite-umask');
    try {
      await withUmask(0o077, async () => {
        const pglite = new PGlite(path.join(folder, 'pgdata'));
        await pglite.waitReady;
        await pglite.close();
      });
      const open = openToOthers(folder);
      assert.ok(open.filter((p) => p.startsWith('666 ')).length > 100, `PGlite's files ignore the umask: ${open.slice(0, 5).join(', ')}`);
      assert.equal(open.filter((p) => p.startsWith('7')).length, 0, 'its folders do follow the umask');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('S3 with the server running and data written, no file or folder is open to group or others', SLOW, async () => {
    await startServer();
    const issued = parseIssued(
      await hearth(['user', 'create', '--site', 'live', '--first-name', 'Pat', '--last-name', 'Modes', '--email', 'pat.modes@agency.example', '--json'], env),
    );
    // A reset request writes a mail file holding a working link.
    const base = `http://127.0.0.1:${env.PORT}`;
    const form = await fetch(`${base}/live/forgot-password`);
    const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const sent = await fetch(`${base}/live/forgot-password`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, username: issued.username, email: 'pat.modes@agency.example' }).toString(),
    });
    assert.equal(sent.status, 200);
    const mailDir = path.join(dataDir, 'live', 'mail');
    for (let i = 0; i < 100 && !(fs.existsSync(mailDir) && fs.readdirSync(mailDir).length > 0); i++) await new Promise((r) => setTimeout(r, 100));

    const written = allPaths(dataDir).map((p) => path.relative(dataDir, p));
    for (const expected of ['live/hearth.lock', 'live/mail-outbox.key', 'live/.s.PGSQL.5432', 'live/pgdata/PG_VERSION']) {
      assert.ok(written.includes(expected), `${expected} exists, so its mode is checked`);
    }
    assert.ok(written.some((p) => /^live\/mail\/.+\.eml$/.test(p)), 'the reset email was written as a file');
    assert.deepEqual(openToOthers(dataDir), [], 'while running');

    await stopServer();
    assert.deepEqual(openToOthers(dataDir), [], 'after shutdown');
  });

  it('S3 an install with loosened permissions is repaired at start, with one log line saying how many paths', SLOW, async () => {
    let loosened = 0;
    for (const entry of [dataDir, ...allPaths(dataDir)]) {
      const stat = fs.lstatSync(entry);
      if (stat.isSymbolicLink() || stat.isSocket()) continue;
      fs.chmodSync(entry, stat.isDirectory() ? 0o755 : 0o666);
      loosened += 1;
    }
    assert.ok(loosened > 900, 'the database, the mail and the key');

    const started = await startServer();
    const lines = started.output().split('\n').filter((line) => line.includes('file permissions repaired'));
    assert.equal(lines.length, 1, started.output());
    const entry = JSON.parse(lines[0]!) as { corrected: number; msg: string };
    assert.equal(entry.corrected, loosened);
    assert.match(entry.msg, new RegExp(`^file permissions repaired: ${loosened} files and folders`));
    assert.doesNotMatch(lines[0]!, /Pat|pat\.modes|\.eml|@/, 'no names or addresses in the line');
    assert.deepEqual(openToOthers(dataDir), []);

    await stopServer();
    const quiet = await startServer();
    assert.doesNotMatch(quiet.output(), /file permissions repaired/, 'nothing to repair the next time');
    await stopServer();
  });
});
