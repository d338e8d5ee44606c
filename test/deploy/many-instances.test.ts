/**
 * Two Hearth processes behind nginx (the Debian package), on one fresh PostgreSQL database, with Redis and a shared
 * HEARTH_SECRET_KEY: the set-up of docs/deploy.md, "Running several instances behind nginx". nginx runs the
 * checked-in deploy/nginx/hearth.conf.template, the same text the document shows.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { systemClock } from '../../src/clock.js';
import { postgresDatabase, type SiteDatabase } from '../../src/db/database.js';
import { enqueueMail } from '../../src/mail/outbox.js';
import { loadSealerKey, Sealer } from '../../src/mail/sealer.js';
import { writePrivateFileSync } from '../../src/files/private-files.js';
import { cleanEnv, hearth, parseIssued, ROOT, startUntil, tempDir, type Started } from '../helpers/hearth-cli.js';
import { freePort } from '../helpers/ports.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

const PG_URL = process.env.HEARTH_TEST_DATABASE_URL;
const REDIS_URL = process.env.HEARTH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const TEMPLATE = path.join(ROOT, 'deploy/nginx/hearth.conf.template');
const PASSWORD = 'Meadow-Lark-2026';
const SECRET_KEY = randomBytes(32).toString('base64url');
const SLOW = { timeout: 180_000 };

/** nginx's site config from the template, for these instances on this port. */
function siteConfig(listenPort: number, upstreamPorts: number[]): string {
  return readFileSync(TEMPLATE, 'utf8')
    .replace('@UPSTREAM_SERVERS@', upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n'))
    .replace('@LISTEN@', `    listen 127.0.0.1:${listenPort};`)
    .replace('@SERVER_NAME@', '127.0.0.1');
}

/** The test's own main nginx.conf around the documented site config: everything in a private temporary folder. */
function mainConfig(dir: string): string {
  return [
    // As root, the workers would otherwise run as nobody, who cannot use the private folder.
    process.getuid?.() === 0 ? 'user root;' : '',
    'daemon off;',
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'events { worker_connections 256; }',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
    `  include ${dir}/hearth.conf;`,
    '}',
  ].join('\n');
}

interface Answer {
  status: number;
  location: string | undefined;
  body: string;
  setCookie: string[];
}

/** A browser's cookie jar over node:http, from a chosen local address, to any port. */
class Browser {
  cookies = new Map<string, string>();
  token = '';
  constructor(private readonly localAddress = '127.0.0.1') {}

  request(port: number, method: 'GET' | 'POST', urlPath: string, form?: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
    const body = form ? new URLSearchParams({ _csrf: this.token, ...form }).toString() : undefined;
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path: urlPath,
          localAddress: this.localAddress,
          agent: false,
          headers: {
            ...(cookie ? { cookie } : {}),
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const setCookie = res.headers['set-cookie'] ?? [];
            for (const line of setCookie) {
              const [pair] = line.split(';', 1);
              const eq = pair!.indexOf('=');
              const value = pair!.slice(eq + 1);
              if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(pair!.slice(0, eq));
              else this.cookies.set(pair!.slice(0, eq), value);
            }
            const text = Buffer.concat(chunks).toString('utf8');
            const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
            if (token) this.token = token;
            resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: text, setCookie });
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${urlPath}: no answer in 30 s`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}

const describeOrSkip = PG_URL ? describe : describe.skip;

describeOrSkip(`many instances behind nginx${PG_URL ? '' : ' (skipped: needs PostgreSQL; runs in the HEARTH_TEST_DATABASE_URL pass)'}`, SLOW, () => {
  const dbName = `hearth_many_${randomBytes(5).toString('hex')}`;
  const redisPrefix = `hearth-test-${randomBytes(5).toString('hex')}`;
  const dir = tempDir('many-instances');
  let dbUrl = '';
  let smtp: TestSmtpServer;
  let nginx: ChildProcess | undefined;
  let nginxPort = 0;
  const ports: number[] = [];
  const servers: Started[] = [];
  let database: SiteDatabase;
  let staff: { username: string; temporaryPassword: string }[] = [];

  async function admin(statement: string) {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  function env(port: number): NodeJS.ProcessEnv {
    return cleanEnv({
      PORT: String(port),
      HOST: '127.0.0.1',
      HEARTH_SITES: 'live',
      HEARTH_DATA_DIR: path.join(dir, `data-${port}`),
      HEARTH_LIVE_DATABASE_URL: dbUrl,
      HEARTH_PUBLIC_URL: `http://127.0.0.1:${nginxPort}`,
      HEARTH_SECRET_KEY: SECRET_KEY,
      HEARTH_TRUSTED_PROXIES: '127.0.0.1',
      REDIS_URL,
      HEARTH_REDIS_PREFIX: redisPrefix,
      SMTP_URL: smtp.url,
      HEARTH_LOCKOUT_THRESHOLD: '3',
      HEARTH_IP_LOGIN_FAILURE_LIMIT: '6',
    });
  }

  before(async () => {
    assert.ok(NGINX, 'nginx is not installed: apt-get install -y nginx (the Debian package; .ci/run installs it)');
    const url = new URL(PG_URL!);
    url.pathname = `/${dbName}`;
    dbUrl = url.toString();
    await admin(`create database ${dbName}`);
    smtp = await startSmtpServer();
    nginxPort = await freePort();
    ports.push(await freePort(), await freePort());

    writePrivateFileSync(path.join(dir, 'hearth.conf'), siteConfig(nginxPort, ports));
    writePrivateFileSync(path.join(dir, 'nginx.conf'), mainConfig(dir));
    nginx = spawn(NGINX, ['-e', path.join(dir, 'error.log'), '-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });

    // Both at once on the empty database: each runs the migrations at start.
    for (const port of ports) servers.push(startUntil(['--import', 'tsx', 'src/server.ts'], env(port), 'live site ready at'));
    await Promise.all(servers.map((s) => s.ready));
    database = postgresDatabase(dbUrl);
    // Accounts through the CLI, on the same database.
    staff = [];
    for (const name of ['Ana', 'Ben']) {
      staff.push(parseIssued(await hearth(['user', 'create', '--site', 'live', '--first-name', name, '--last-name', 'Staff', '--role', 'case_manager', '--volunteer', '--json'], env(ports[0]!))));
    }
  });

  after(async () => {
    for (const server of servers) {
      server.child.kill('SIGTERM');
      await server.closed;
    }
    nginx?.kill('SIGQUIT');
    await database?.close();
    await smtp?.stop();
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const keys = await redis.keys(`${redisPrefix}:*`).catch(() => []);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await admin(`drop database if exists ${dbName} with (force)`);
    rmSync(dir, { recursive: true, force: true });
  });

  test('the nginx configuration run here is the one docs/deploy.md documents', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/deploy.md'), 'utf8');
    assert.ok(doc.includes(readFileSync(TEMPLATE, 'utf8').trim()), 'docs/deploy.md quotes deploy/nginx/hearth.conf.template word for word');
  });

  test('migrations run once when both start together on an empty database', async () => {
    const names = (await pgRows(dbUrl, 'select name from kysely_migration')).map((r) => r.name as string);
    assert.ok(names.length >= 14, `migrations applied: ${names.join(', ')}`);
    assert.equal(new Set(names).size, names.length, 'each migration recorded once');
    for (const server of servers) assert.equal(server.child.exitCode, null, `both instances still run:\n${server.output()}`);
  });

  test('a sign-in through one instance continues on the other, and CSRF tokens work across them', async () => {
    const [a, b] = ports as [number, number];
    const browser = new Browser();
    assert.equal((await browser.request(a, 'GET', '/live/login')).status, 200);
    // The token of A's form, posted to B.
    const signedIn = await browser.request(b, 'POST', '/live/login', { username: staff[0]!.username, password: staff[0]!.temporaryPassword });
    assert.equal(signedIn.status, 303, signedIn.body);
    assert.equal(signedIn.location, '/live/password/expired');
    assert.equal((await browser.request(a, 'GET', '/live/password/expired')).status, 200);
    const changed = await browser.request(b, 'POST', '/live/password/expired', { newPassword: PASSWORD, confirmPassword: PASSWORD });
    assert.equal(changed.status, 303, changed.body);
    const home = await browser.request(a, 'GET', '/live/');
    assert.equal(home.status, 200);
    assert.match(home.body, /Welcome, Ana/);
    const logout = await browser.request(b, 'POST', '/live/logout', {});
    assert.equal(logout.status, 303, logout.body);
    assert.equal((await browser.request(a, 'GET', '/live/')).status, 303, 'signed out on both');
  });

  test('lockout and per-address limits are shared', async () => {
    const [a, b] = ports as [number, number];
    const browser = new Browser();
    await browser.request(a, 'GET', '/live/login');
    // Lockout (threshold 3): two failures on A, one on B; then the right password is refused on either.
    const from = { 'x-forwarded-for': '10.20.0.1' };
    const { username } = staff[1]!;
    for (const port of [a, a, b]) {
      const failed = await browser.request(port, 'POST', '/live/login', { username, password: 'wrong-password-1' }, from);
      assert.notEqual(failed.status, 303);
    }
    const locked = await browser.request(a, 'POST', '/live/login', { username, password: staff[1]!.temporaryPassword }, from);
    assert.notEqual(locked.status, 303, 'the account waits, whichever instance is asked');
    const [row] = await pgRows(dbUrl, `select locked_until from users where username = '${username}'`);
    assert.ok(row?.locked_until, 'the lockout is recorded once, in the database');

    // The per-address limit (6 failures) counted in Redis: three on each instance, then both refuse the address.
    const other = { 'x-forwarded-for': '10.20.0.2' };
    for (const port of [a, b, a, b, a, b]) {
      const failed = await browser.request(port, 'POST', '/live/login', { username: `nobody${port}`, password: 'x' }, other);
      assert.notEqual(failed.status, 429, 'not limited yet');
    }
    for (const port of [a, b]) {
      const limited = await browser.request(port, 'POST', '/live/login', { username: 'nobody', password: 'x' }, other);
      assert.equal(limited.status, 429, `instance on ${port} refuses the address`);
    }
  });

  test('with two workers, each outbox message is delivered exactly once', SLOW, async () => {
    const sealer = new Sealer(loadSealerKey({ secret: SECRET_KEY, keyFile: path.join(dir, 'unused.key') }));
    const count = 40;
    const before = smtp.messages.length;
    for (let i = 0; i < count; i++) {
      await enqueueMail(database.db, sealer, systemClock, { to: `probe${i}@example.org`, template: 'probe', subject: `probe ${i}`, text: `message ${i}` });
    }
    const deadline = Date.now() + 60_000;
    while (smtp.messages.length - before < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    // Past the workers' next polls: a second delivery would arrive now.
    await new Promise((r) => setTimeout(r, 5_000));
    const subjects = smtp.messages.slice(before).map((m) => m.subject);
    assert.equal(subjects.length, count, `delivered: ${subjects.length}`);
    assert.equal(new Set(subjects).size, count, 'no message twice');
    const [sent] = await pgRows(dbUrl, `select count(*)::int as n from mail_outbox where template = 'probe' and status = 'sent'`);
    assert.equal(sent!.n, count);
  });

  test('the client address in the audit log is the one nginx saw', async () => {
    const browser = new Browser('127.0.0.2');
    const spoof = { 'x-forwarded-for': '203.0.113.9' };
    await browser.request(nginxPort, 'GET', '/live/login', undefined, spoof);
    const signedIn = await browser.request(nginxPort, 'POST', '/live/login', { username: staff[0]!.username, password: PASSWORD }, spoof);
    assert.equal(signedIn.status, 303, signedIn.body);
    const rows = await pgRows(dbUrl, `select ip from audit_log where event = 'login.succeeded' and actor_username = '${staff[0]!.username}' order by occurred_at desc limit 1`);
    assert.equal(rows[0]?.ip, '127.0.0.2');
  });

  test('killing one instance mid-traffic loses no committed data, and the other keeps serving', SLOW, async () => {
    const browser = new Browser();
    await browser.request(nginxPort, 'GET', '/live/login');
    const signedIn = await browser.request(nginxPort, 'POST', '/live/login', { username: staff[0]!.username, password: PASSWORD });
    assert.equal(signedIn.status, 303, signedIn.body);
    await browser.request(nginxPort, 'GET', '/live/clients/new');
    const created: string[] = [];
    const failures: number[] = [];
    let n = 0;
    const create = async () => {
      n += 1;
      const last = `Probe${randomBytes(6).toString('hex').replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!)}`;
      const answer = await browser.request(nginxPort, 'POST', '/live/clients/new', {
        firstName: 'Kill',
        lastName: last,
        nameDataQuality: '1',
        ssnDataQuality: '99',
        dobDataQuality: '99',
        races: 'white',
        sex: '0',
        veteranStatus: '0',
      });
      if (answer.status === 303) created.push(/clients\/([0-9a-f]{32})/.exec(answer.location ?? '')![1]!);
      else failures.push(answer.status);
    };
    for (let i = 0; i < 10; i++) await create();
    servers[0]!.child.kill('SIGKILL');
    for (let i = 0; i < 20; i++) await create();
    assert.ok(created.length >= 25, `created ${created.length} of ${n}; other answers: ${failures.join(', ')}`);
    const stored = new Set((await pgRows(dbUrl, `select personal_id from clients where first_name = 'Kill'`)).map((r) => r.personal_id as string));
    for (const id of created) assert.ok(stored.has(id), `client ${id}, answered as saved, is in the database`);
    const home = await browser.request(nginxPort, 'GET', '/live/');
    assert.equal(home.status, 200, 'the other instance keeps serving');
  });
});

async function pgRows(url: string, query: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(query)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

