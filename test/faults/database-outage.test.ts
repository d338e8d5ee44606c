import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { assembleHearth, type Hearth } from '../../src/assemble.js';
import { SYSTEM_ACTOR } from '../../src/audit/audit-log.js';
import { loadConfig } from '../../src/config.js';
import { postgresDatabase, type SiteDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { capturedLogger } from '../helpers/app.js';
import { FakeClock } from '../helpers/clock.js';
import { TestClient, textOf, type Page } from '../helpers/client.js';
import { createPgCluster, findPostgresBin, type PgCluster } from '../helpers/pg-cluster.js';

// PostgreSQL-only by nature: this file starts and stops its own cluster, whatever HEARTH_TEST_DATABASE_URL says.
const bin = findPostgresBin();
const skip = bin
  ? false
  : 'initdb/pg_ctl not found under /usr/lib/postgresql/*/bin: this test needs a PostgreSQL installation it can start and stop';

const PASSWORD = 'Granite-Heron-2026';
const UNAVAILABLE = 'Hearth is busy or briefly unavailable. Please try again in a moment.';
/** What "quickly" means for a request while the database is down. */
const QUICK_MS = 3_000;
const STACK_MARKERS = [/\bat .+\.(?:ts|js|tsx):\d+/, /node_modules/, /\bError:/, /ECONNREFUSED|57P0\d|terminat/i];

interface OutageApp {
  hearth: Hearth;
  logs: string[];
  close(): Promise<void>;
}

/** The real app with only the Live site, on a database the test controls. */
async function startAppOn(database: SiteDatabase, clock: FakeClock): Promise<OutageApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-outage-'));
  const config = loadConfig(
    { HEARTH_DATA_DIR: dataDir, HEARTH_PUBLIC_URL: 'http://hearth.test', LOG_LEVEL: 'info', HEARTH_SITES: 'live' },
    { forgotMinResponseMs: 0 },
  );
  const { log, logs } = capturedLogger(config);
  const hearth = await assembleHearth(config, { clock, logger: log, databases: { live: database }, mailPollMs: 100 });
  await hearth.app.ready();
  return {
    hearth,
    logs,
    close: async () => {
      await hearth.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function timed(request: () => Promise<Page>): Promise<{ page: Page; ms: number }> {
  const started = performance.now();
  const page = await request();
  return { page, ms: performance.now() - started };
}

function assertUnavailablePage(label: string, { page, ms }: { page: Page; ms: number }) {
  assert.equal(page.status, 503, `${label}: ${page.status} ${textOf(page.body).slice(0, 300)}`);
  assert.ok(ms < QUICK_MS, `${label}: answered in ${Math.round(ms)} ms, expected under ${QUICK_MS} ms`);
  assert.match(String(page.headers['content-type']), /^text\/html; charset=utf-8/, label);
  const retryAfter = Number(page.headers['retry-after']);
  assert.ok(Number.isInteger(retryAfter) && retryAfter > 0, `${label}: Retry-After is ${page.headers['retry-after']}`);
  assert.match(page.body, /role="alert"/, label);
  assert.ok(textOf(page.body).includes(UNAVAILABLE), `${label}: ${textOf(page.body)}`);
  for (const marker of STACK_MARKERS) assert.doesNotMatch(page.body, marker, `${label}: leaks ${marker}`);
}

/** Polls GET /live/ with the client's session until it answers 200; fails after 10 s. */
async function waitForService(client: TestClient): Promise<{ page: Page; ms: number }> {
  const backAt = Date.now();
  let page: Page | undefined;
  while (Date.now() - backAt < 10_000) {
    page = await client.get('/live/');
    if (page.status === 200) break;
    assert.equal(page.status, 503, textOf(page.body).slice(0, 300));
    await sleep(100);
  }
  assert.equal(page?.status, 200, `still ${page?.status} 10 s after the server came back`);
  return { page: page!, ms: Date.now() - backAt };
}

describe('PostgreSQL goes away and comes back', { skip }, () => {
  let cluster: PgCluster;
  let database: SiteDatabase;
  let t: OutageApp;
  let signedIn: TestClient;
  let username: string;
  /** Load generators of the test under way; stopped before the app closes, whatever happened. */
  let load: { flowing: boolean; workers: Promise<void>[] } = { flowing: false, workers: [] };
  const clock = new FakeClock();
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => {
    crashes.push(error);
  };

  before(async () => {
    // Either of these would take a real server down; here they fail the test instead.
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
    cluster = await createPgCluster({ bin, database: 'hearth' });
    // The production pool (src/db/database.ts, connectionTimeoutMillis 5 s), small like the other test databases.
    database = postgresDatabase(cluster.url, { max: 5, description: 'throwaway outage cluster' });
    await migrateToLatest(database.db);
    t = await startAppOn(database, clock);

    const { user, temporaryPassword } = await t.hearth.sites[0]!.services.accounts.create(
      { firstName: 'Olive', lastName: 'Outage', email: 'olive@agency.example', role: 'case_manager' },
      SYSTEM_ACTOR,
    );
    username = user.username;
    signedIn = new TestClient(t.hearth.app);
    const first = await signedIn.login('live', user.username, temporaryPassword);
    assert.equal(first.location, '/live/password/expired');
    const changed = await signedIn.submit('/live/password/expired', { newPassword: PASSWORD, confirmPassword: PASSWORD });
    assert.equal(changed.status, 303, textOf(changed.body));
  });

  after(async () => {
    load.flowing = false;
    await Promise.allSettled(load.workers);
    await t?.close();
    await database?.close();
    await cluster?.destroy();
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
  });

  it('requests during the outage get a quick 503 page with Retry-After, and the same session works again within seconds', async () => {
    const cookie = signedIn.sessionCookie('live');
    assert.ok(cookie);
    assert.equal((await signedIn.get('/live/')).status, 200);
    // A visitor who opened the login form before the outage.
    const visitor = new TestClient(t.hearth.app);
    assert.equal((await visitor.get('/live/login')).status, 200);

    await cluster.stop();

    const timings: string[] = [];
    const check = async (label: string, request: () => Promise<Page>) => {
      const result = await timed(request);
      assertUnavailablePage(label, result);
      timings.push(`${label} ${Math.round(result.ms)} ms`);
    };
    await check('GET /live/ (session cookie)', () => signedIn.get('/live/'));
    await check('GET /live/login (session cookie)', () => signedIn.get('/live/login'));
    await check('POST /live/login', () => visitor.post('/live/login', { username, password: PASSWORD }));
    await check('POST /live/forgot-password', () => visitor.post('/live/forgot-password', { username, email: 'olive@agency.example' }));
    // The login form itself needs no database; whichever it shows, it shows it quickly.
    const anonymous = await timed(() => new TestClient(t.hearth.app).get('/live/login'));
    assert.ok(anonymous.ms < QUICK_MS);
    if (anonymous.page.status !== 200) assertUnavailablePage('anonymous GET /live/login', anonymous);
    else assert.match(anonymous.page.body, /name="password"/);
    // An error is not a sign-out: the cookie is kept.
    assert.equal(signedIn.sessionCookie('live'), cookie);

    const logged = t.logs.join('');
    assert.match(logged, /database unavailable/);
    assert.doesNotMatch(logged, /"msg":"request failed"/, 'an outage is not logged as a bug');

    await cluster.start();
    const back = await waitForService(signedIn);
    assert.match(textOf(back.page.body), /Welcome, Olive/, 'the same session, without logging in again');
    // What failed during the outage works again.
    const login = await visitor.post('/live/login', { username, password: PASSWORD });
    assert.equal(login.status, 303, textOf(login.body));
    assert.equal(login.location, '/live/');

    assert.deepEqual(crashes, [], 'no unhandled rejection or uncaught exception');
    console.log(`# quiet outage: ${timings.join('; ')}; service back ${back.ms} ms after restart`);
  });

  it('the process survives the server stopping under live traffic (queries cut off mid-flight), and recovers by itself', async () => {
    const allowed = new Set([200, 303, 503]);
    const statuses: number[] = [];
    let slowest = 0;
    for (let round = 0; round < 3; round++) {
      load = { flowing: true, workers: [] };
      const current = load;
      const worker = async () => {
        while (current.flowing) {
          const { page, ms } = await timed(() => signedIn.get(round % 2 ? '/live/password/change' : '/live/'));
          statuses.push(page.status);
          slowest = Math.max(slowest, ms);
          if (!allowed.has(page.status)) assert.fail(`status ${page.status} under load: ${textOf(page.body).slice(0, 300)}`);
        }
      };
      current.workers = Array.from({ length: 4 }, worker);
      await sleep(30);
      await cluster.stop();
      await sleep(100);
      current.flowing = false;
      await Promise.all(current.workers);
      await cluster.start();
      await waitForService(signedIn);
    }
    assert.ok(statuses.includes(503), 'some requests met the outage');
    assert.ok(slowest < QUICK_MS, `slowest request under load took ${Math.round(slowest)} ms`);
    assert.deepEqual(
      crashes.map((e) => String((e as Error)?.message ?? e)),
      [],
      'a connection cut off mid-query must not become an uncaught exception (it would stop a real server)',
    );
    console.log(`# under load: ${statuses.length} requests, ${statuses.filter((s) => s === 503).length} × 503, slowest ${Math.round(slowest)} ms`);
  });
});
