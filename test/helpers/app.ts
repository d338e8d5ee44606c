import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { RedisAttemptCounter } from '../../src/auth/throttle/attempt-counter.js';
import { pino } from 'pino';
import type { CreateAccountInput, IssuedPassword } from '../../src/accounts/accounts.service.js';
import { buildApp } from '../../src/app.js';
import { SYSTEM_ACTOR } from '../../src/audit/audit-log.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { SiteDatabase } from '../../src/db/database.js';
import { loggerOptions } from '../../src/http/logging.js';
import { createMailTransport } from '../../src/mail/transport.js';
import type { SiteId } from '../../src/site-id.js';
import { startSite, type RunningSite, type SiteServices } from '../../src/sites/site-services.js';
import { FakeClock } from './clock.js';
import { freshDatabase } from './database.js';
import { TestClient } from './client.js';
import { startSmtpServer, type TestSmtpServer } from './smtp.js';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  clock: FakeClock;
  sites: Record<SiteId, SiteServices>;
  running: RunningSite[];
  databases: SiteDatabase[];
  smtp: TestSmtpServer;
  /** Every line the application logged (pino JSON), for secret scans. */
  logs: string[];
  dataDir: string;
  client(options?: { ip?: string; headers?: Record<string, string> }): TestClient;
  createUser(site: SiteId, input?: Partial<CreateAccountInput>): Promise<IssuedPassword>;
  /** Starts listening on 127.0.0.1 (for browser tests) and returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  sites?: SiteId[];
  env?: Record<string, string>;
  config?: Partial<Config>;
  clock?: FakeClock;
  /** Keep attempt counters in this Redis (a unique key prefix per app) instead of the database. */
  redis?: Redis;
}

/** A real Hearth app on fresh migrated databases, a real SMTP server and a fake clock. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? new FakeClock();
  const smtp = await startSmtpServer();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-test-'));
  const config = loadConfig(
    {
      HEARTH_DATA_DIR: dataDir,
      HEARTH_PUBLIC_URL: 'http://hearth.test',
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'info',
      // Every test client comes from one address; tests of these limits set them explicitly.
      HEARTH_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      HEARTH_IP_LOGIN_FAILURE_LIMIT: '100000',
      HEARTH_IP_RESET_LIMIT: '100000',
      ...options.env,
    },
    { forgotMinResponseMs: 0, ...options.config },
  );
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const log = pino(loggerOptions(config), stream);
  const siteIds = options.sites ?? ['training', 'live'];
  const databases: SiteDatabase[] = [];
  const running: RunningSite[] = [];
  for (const id of siteIds) {
    const database = await freshDatabase();
    databases.push(database);
    running.push(
      startSite({
        id,
        db: database.db,
        config,
        clock,
        siteDir: path.join(dataDir, id),
        log: log.child({ site: id }),
        transport: createMailTransport({ smtpUrl: smtp.url, mailDir: path.join(dataDir, id, 'mail'), log }),
        pollMs: 100,
        counter: options.redis ? new RedisAttemptCounter(options.redis, `hearth-test:${randomUUID()}:${id}`, clock) : undefined,
      }),
    );
  }
  const app = await buildApp({ config, sites: running.map((r) => r.services), logger: log });
  await app.ready();
  const sites = Object.fromEntries(running.map((r) => [r.services.id, r.services])) as Record<SiteId, SiteServices>;
  let counter = 0;
  return {
    app,
    config,
    clock,
    sites,
    running,
    databases,
    smtp,
    logs,
    dataDir,
    client: (o = {}) => new TestClient(app, o.headers, o.ip),
    createUser: (site, input = {}) => {
      counter += 1;
      return sites[site].accounts.create(
        {
          firstName: input.firstName ?? 'Jane',
          lastName: input.lastName ?? `Doe`,
          email: input.email === undefined ? `user${counter}@agency.example` : input.email,
          isVolunteer: input.isVolunteer ?? false,
          role: input.role ?? 'case_manager',
          username: input.username,
        },
        SYSTEM_ACTOR,
      );
    },
    listen: async () => {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('no address');
      return `http://127.0.0.1:${address.port}`;
    },
    close: async () => {
      await app.close();
      for (const r of running) await r.stop();
      for (const d of databases) await d.close();
      await smtp.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
