import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { assembleHearth } from '../../src/assemble.js';
import { loadConfig } from '../../src/config.js';
import { postgresDatabase } from '../../src/db/database.js';
import { buildMetricsServer } from '../../src/metrics/metrics.routes.js';
import { startTestApp, capturedLogger, type TestApp } from '../helpers/app.js';
import { freshDatabase, TEST_DATABASE_URL } from '../helpers/database.js';
import { signedInUser } from '../helpers/users.js';

const TOKEN = 'metrics-token-0123456789abcdef0123456789abcdef';

/** The sum of a metric's samples in the Prometheus text whose labels include these; 0 when there are none. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.indexOf('}'));
    const found = Object.fromEntries([...inner.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) sum += Number(line.slice(line.indexOf('}') + 1).trim());
  }
  return sum;
}

async function scrape(t: TestApp): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(res.statusCode, 200, res.body);
  return res.body;
}

describe('health and metrics', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['live'], env: { HEARTH_METRICS_TOKEN: TOKEN, HEARTH_READY_MAX_QUEUED_MAIL: '3' } });
  });
  after(async () => {
    await t.close();
  });

  it('/readyz is 200 when every site is reachable, migrated and its mail is leaving', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { status: 'ready', sites: [{ site: 'live', ready: true }] });
  });

  it('/readyz is 503 with the reason while a migration is not applied, and 200 again once it is', async () => {
    const db = t.sites.live.db;
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db);
    const latest = rows[0]!.name;
    await sql`delete from kysely_migration where name = ${latest}`.execute(db);
    try {
      const res = await t.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(res.statusCode, 503);
      const body = res.json() as { status: string; sites: { site: string; ready: boolean; reason: string }[] };
      assert.equal(body.status, 'not ready');
      assert.equal(body.sites[0]!.ready, false);
      assert.match(body.sites[0]!.reason, new RegExp(`not migrated: 1 migrations to apply \\(${latest}\\)`));
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${latest}, ${new Date().toISOString()})`.execute(db);
    }
    assert.equal((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
  });

  it('/metrics is refused without the token, with a wrong one, and with the token in the query', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: `Bearer ${TOKEN}x` }, { authorization: TOKEN }]) {
      const res = await t.app.inject({ method: 'GET', url: '/metrics', headers });
      assert.equal(res.statusCode, 401, JSON.stringify(headers));
      assert.equal(res.headers['www-authenticate'], 'Bearer');
      assert.doesNotMatch(res.body, /hearth_/);
    }
    const res = await t.app.inject({ method: 'GET', url: `/metrics?token=${TOKEN}` });
    assert.equal(res.statusCode, 401);
  });

  it('counts logins by outcome, lockouts and queued mail, and times requests by route pattern without usernames', async () => {
    const before = await scrape(t);
    const { user, client } = await signedInUser(t, { firstName: 'Metric', lastName: 'Person' });
    for (let i = 0; i < t.config.lockoutThreshold; i++) await t.client().login('live', user.username, 'Wrong-Password-1');
    const page = await client.get(`/live/clients/${'a'.repeat(32)}`);
    assert.ok(page.status >= 200);
    const text = await scrape(t);
    const delta = (name: string, labels: Record<string, string>) => sample(text, name, labels) - sample(before, name, labels);
    assert.equal(delta('hearth_logins_total', { site: 'live', outcome: 'succeeded' }), 1);
    assert.equal(delta('hearth_logins_total', { site: 'live', outcome: 'failed' }), t.config.lockoutThreshold);
    assert.equal(delta('hearth_lockouts_total', { site: 'live' }), 1);
    // The lockout emails the account's owner.
    assert.ok(delta('hearth_mail_queued_total', { site: 'live' }) >= 1);
    assert.ok(sample(text, 'hearth_http_request_duration_seconds_count', { route: '/live/login', method: 'POST' }) >= 1 + t.config.lockoutThreshold);
    assert.ok(sample(text, 'hearth_http_request_duration_seconds_count', { route: '/live/clients/:id', method: 'GET' }) >= 1, 'route pattern, not the address');
    assert.doesNotMatch(text, /a{32}/, 'no raw URL in any label');
    assert.ok(!text.includes(user.username), 'no username in any label');
    assert.match(text, /^hearth_password_hash_queue\{state="waiting"\} \d+$/m);
    assert.match(text, /^nodejs_eventloop_lag_seconds \d/m);
    assert.match(text, TEST_DATABASE_URL ? /^hearth_db_pool_connections\{site="live",state="total"\} \d+$/m : /^hearth_db_queries_in_flight\{site="live"\} \d+$/m);
  });

  it('/readyz is 503 while more mail than the bound waits, and the outbox gauges show its depth and age', async () => {
    await t.smtp.stop();
    const queuedBefore = sample(await scrape(t), 'hearth_mail_outbox_queued', { site: 'live' });
    for (let i = 0; i < 4; i++) await t.sites.live.mailer.enqueue(t.sites.live.db, { to: `x${i}@agency.example`, template: 'test', subject: 's', text: 't' });
    t.clock.advance(90_000);
    const text = await scrape(t);
    assert.ok(sample(text, 'hearth_mail_outbox_queued', { site: 'live' }) >= queuedBefore + 4);
    assert.ok(sample(text, 'hearth_mail_outbox_oldest_age_seconds', { site: 'live' }) >= 90);
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 503);
    assert.match((res.json() as { sites: { reason: string }[] }).sites[0]!.reason, /messages waiting in the outbox \(more than 3\)/);
  });
});

describe('health without a database, and metrics off by default', () => {
  it('/healthz is 200 and /readyz 503 "database unreachable" when the database is down; no /metrics without a setting', async () => {
    const database = TEST_DATABASE_URL ? postgresDatabase('postgres://postgres@127.0.0.1:1/none') : await freshDatabase();
    if (!TEST_DATABASE_URL) await database.close(); // a closed PGlite: every query fails
    const config = loadConfig({ HEARTH_DATA_DIR: '/nonexistent-hearth-test', HEARTH_SITES: 'live', LOG_LEVEL: 'silent' });
    const hearth = await assembleHearth(config, { logger: capturedLogger(config).log, databases: { live: database }, mailPollMs: 60_000 });
    try {
      const health = await hearth.app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(health.statusCode, 200);
      const ready = await hearth.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 503);
      assert.deepEqual(ready.json(), { status: 'not ready', sites: [{ site: 'live', ready: false, reason: 'database unreachable' }] });
      const metrics = await hearth.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(metrics.statusCode, 404, 'never public by default');
    } finally {
      await hearth.close();
      if (TEST_DATABASE_URL) await database.close();
    }
  });

  it('the metrics port serves /metrics and nothing else', async () => {
    const server = await buildMetricsServer();
    try {
      const res = await server.inject({ method: 'GET', url: '/metrics' });
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /^text\/plain/);
      assert.match(res.body, /# TYPE hearth_logins_total counter/);
      assert.equal((await server.inject({ method: 'GET', url: '/live/login' })).statusCode, 404);
    } finally {
      await server.close();
    }
  });

  it('a metrics token shorter than 32 characters is refused at start', () => {
    assert.throws(() => loadConfig({ HEARTH_METRICS_TOKEN: 'short' }), /HEARTH_METRICS_TOKEN must be at least 32 characters/);
  });
});
