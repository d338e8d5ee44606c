import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import type { CreateAccountInput, IssuedPassword } from '../../src/accounts/accounts.service.js';
import { assembleHearth, type AssembledSite } from '../../src/assemble.js';
import { SYSTEM_ACTOR } from '../../src/audit/audit-log.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { SiteDatabase } from '../../src/db/database.js';
import { loggerOptions } from '../../src/http/logging.js';
import type { SiteId } from '../../src/site-id.js';
import type { SiteServices } from '../../src/sites/site-services.js';
import { FakeClock } from './clock.js';
import { freshDatabase } from './database.js';
import { TestClient } from './client.js';
import { startSmtpServer, type TestSmtpServer } from './smtp.js';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  clock: FakeClock;
  sites: Record<SiteId, SiteServices>;
  running: readonly AssembledSite[];
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
  /** With `redis`: this key prefix instead of a new one, so that several apps count together like instances of one Hearth. */
  redisKeyPrefix?: string;
}

/** The application's logger (its options as in production), writing every line into `logs` instead of stdout. */
export function capturedLogger(config: Config): { log: Logger; logs: string[] } {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  return { log: pino(loggerOptions(config), stream), logs };
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
      HEARTH_SITES: (options.sites ?? ['training', 'live']).join(','),
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
  const { log, logs } = capturedLogger(config);
  const databases: Partial<Record<SiteId, SiteDatabase>> = {};
  for (const id of config.sites) databases[id] = await freshDatabase();
  const hearth = await assembleHearth(config, {
    clock,
    logger: log,
    databases,
    mailPollMs: 100,
    redis: options.redis && { client: options.redis, keyPrefix: options.redisKeyPrefix ?? `hearth-test:${randomUUID()}` },
  });
  const { app } = hearth;
  await app.ready();
  const sites = Object.fromEntries(hearth.sites.map((s) => [s.id, s.services])) as Record<SiteId, SiteServices>;
  let counter = 0;
  return {
    app,
    config,
    clock,
    sites,
    running: hearth.sites,
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
      await hearth.close();
      for (const d of Object.values(databases)) await d.close();
      await smtp.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
