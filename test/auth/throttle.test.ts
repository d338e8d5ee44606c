import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { configureHashing } from '../../src/auth/password/hashing.js';
import { MINUTE } from '../../src/clock.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf } from '../helpers/client.js';

const REDIS_URL = process.env.HEARTH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisAvailable(): Promise<Redis | null> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch {
    redis.disconnect();
    return null;
  }
}

const redis = await redisAvailable();

for (const store of ['database', 'redis'] as const) {
  describe(`per-address limits with counters in the ${store}`, { skip: store === 'redis' && !redis ? `no Redis at ${REDIS_URL}` : false }, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({
        sites: ['live'],
        redis: store === 'redis' ? redis! : undefined,
        env: { HEARTH_IP_LOGIN_FAILURE_LIMIT: '5', HEARTH_IP_RESET_LIMIT: '4', HEARTH_ACCOUNT_RESET_LIMIT: '2' },
      });
    });
    after(() => t.close());

    it('S51 failed logins are limited per client address in a sliding window, across usernames', async () => {
      const { user, temporaryPassword } = await t.createUser('live', { firstName: 'Ivy', lastName: 'Address' });
      for (let i = 0; i < 5; i++) {
        const page = await t.client({ ip: '10.0.0.7' }).login('live', `someone${i}`, 'Wrong-Password-1');
        assert.equal(page.status, 401);
      }
      const blocked = await t.client({ ip: '10.0.0.7' }).login('live', user.username, temporaryPassword);
      assert.equal(blocked.status, 429);
      assert.match(textOf(blocked.body), /Too many attempts/);
      assert.ok(blocked.headers['retry-after']);
      // another address is not affected, and the account itself is not locked
      const other = await t.client({ ip: '10.0.0.8' }).login('live', user.username, temporaryPassword);
      assert.equal(other.status, 303);
      t.clock.advance(15 * MINUTE + 1000);
      const later = await t.client({ ip: '10.0.0.7' }).login('live', 'someone', 'Wrong-Password-1');
      assert.equal(later.status, 401, 'the window slid past the old failures');
    });

    it('S38 reset requests are limited per account (same screen, no more email) and per address (429)', async () => {
      const { user } = await t.createUser('live', { firstName: 'Rex', lastName: 'Limit', email: 'rex@agency.example' });
      const screens: string[] = [];
      for (let i = 0; i < 3; i++) {
        const page = await t.client({ ip: `10.1.0.${i}` }).submit('/live/forgot-password', { username: user.username, email: 'rex@agency.example' });
        assert.equal(page.status, 200);
        screens.push(textOf(page.body));
      }
      assert.equal(new Set(screens).size, 1, 'the third request looks exactly like the first two');
      // Wait until the outbox is empty and what it sent has arrived (a fixed pause is not enough on a busy machine).
      const toRex = () => t.smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes('rex@agency.example'));
      for (let waited = 0; waited < 15_000; waited += 100) {
        const queued = await t.sites.live.db.selectFrom('mail_outbox').select('id').where('status', '=', 'queued').execute();
        if (queued.length === 0 && toRex().length >= 2) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(toRex().length, 2, 'only two emails per hour for one account');
      const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'reset.requested', username: user.username });
      assert.ok(audit.some((a) => String(a.details.outcome).startsWith('too many requests')));

      const client = t.client({ ip: '10.2.0.1' });
      for (let i = 0; i < 4; i++) {
        const page = await client.submit('/live/forgot-password', { username: `nobody${i}`, email: 'x@agency.example' });
        assert.equal(page.status, 200);
      }
      const blocked = await client.submit('/live/forgot-password', { username: 'nobody', email: 'x@agency.example' });
      assert.equal(blocked.status, 429);
    });
  });
}

describe('client address and proxies', () => {
  it('without HEARTH_TRUSTED_PROXIES, X-Forwarded-For is ignored; with it, the forwarded client is counted', async () => {
    for (const trusted of [false, true]) {
      const t = await startTestApp({
        sites: ['live'],
        env: { HEARTH_IP_LOGIN_FAILURE_LIMIT: '2', ...(trusted ? { HEARTH_TRUSTED_PROXIES: '10.9.9.9' } : {}) },
      });
      try {
        for (let i = 0; i < 2; i++) {
          await t.client({ ip: '10.9.9.9', headers: { 'x-forwarded-for': `192.0.2.${i}` } }).login('live', 'ghost', 'Wrong-Password-1');
        }
        const next = await t.client({ ip: '10.9.9.9', headers: { 'x-forwarded-for': '192.0.2.50' } }).login('live', 'ghost', 'Wrong-Password-1');
        // untrusted: both failures came from the proxy's own address, so it is blocked; trusted: a new client
        assert.equal(next.status, trusted ? 401 : 429);
        const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'login.failed' });
        assert.equal(audit[0]!.ip, trusted ? '192.0.2.50' : '10.9.9.9');
      } finally {
        await t.close();
      }
    }
  });
});

describe('the per-minute request limit on sign-in with Redis', { skip: redis ? false : `no Redis at ${REDIS_URL}` }, () => {
  it('S51 instances sharing one Redis share the limit: requests to either count towards it, then both answer 429', async () => {
    const shared = { sites: ['live' as const], redis: redis!, redisKeyPrefix: `hearth-test:${randomUUID()}`, env: { HEARTH_LOGIN_RATE_LIMIT_PER_MINUTE: '3' } };
    const [a, b] = [await startTestApp(shared), await startTestApp(shared)];
    try {
      const statuses: number[] = [];
      for (const t of [a, b, a]) statuses.push((await t.client({ ip: '10.3.0.1' }).post('/live/login', { username: 'nobody', password: 'x' })).status);
      assert.ok(!statuses.includes(429), statuses.join(','));
      for (const t of [a, b]) {
        assert.equal((await t.client({ ip: '10.3.0.1' }).post('/live/login', { username: 'nobody', password: 'x' })).status, 429);
      }
      // another address is not affected
      assert.notEqual((await b.client({ ip: '10.3.0.2' }).post('/live/login', { username: 'nobody', password: 'x' })).status, 429);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('bounded hashing', () => {
  it('S51 a flood of concurrent logins queues, then gets 503 with Retry-After instead of exhausting memory', async () => {
    const t = await startTestApp({ sites: ['live'], env: { HEARTH_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
    configureHashing({ maxConcurrent: 1, maxQueue: 2 });
    try {
      await t.client().get('/live/login');
      const clients = await Promise.all(
        Array.from({ length: 12 }, async () => {
          const c = t.client();
          await c.get('/live/login');
          return c;
        }),
      );
      const pages = await Promise.all(clients.map((c) => c.post('/live/login', { username: 'flood', password: 'Wrong-Password-1' })));
      const statuses = pages.map((p) => p.status);
      assert.ok(statuses.includes(503), statuses.join(','));
      assert.ok(statuses.includes(401), statuses.join(','));
      for (const p of pages.filter((p) => p.status === 503)) {
        assert.ok(p.headers['retry-after']);
        assert.match(textOf(p.body), /busy/);
      }
      // other pages stay available while hashing is saturated
      assert.equal((await t.client().get('/live/login')).status, 200);
    } finally {
      configureHashing({ maxConcurrent: 4, maxQueue: 200 });
      await t.close();
    }
  });
});

after(() => redis?.disconnect());
