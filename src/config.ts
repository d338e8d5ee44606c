import path from 'node:path';
import { SITE_IDS, isSiteId, type SiteId } from './site-id.js';

/** Everything Hearth reads from the environment, validated once at boot and frozen. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  sites: readonly SiteId[];
  databaseUrls: Readonly<Partial<Record<SiteId, string>>>;
  publicUrl: string;
  secureCookies: boolean;
  timeZone: string;
  supportEmail: string;
  smtpUrl: string | undefined;
  /** Encrypts queued mail at rest; by default a key file is created in each site's data folder. */
  secretKey: string | undefined;
  mailFrom: string;
  logLevel: string;
  passwordMaxAgeDays: number;
  passwordWarnDays: number;
  tempPasswordTtlHours: number;
  resetTokenTtlMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  lockoutThreshold: number;
  lockoutMaxMinutes: number;
  /** Login attempts per client address per minute before 429 (a coarse shield; per-account lockout is separate). */
  loginRateLimitPerMinute: number;
  /** Failed logins from one client address within 15 minutes before it must wait. */
  ipLoginFailureLimit: number;
  /** Reset requests from one client address within an hour. */
  ipResetLimit: number;
  /** Reset emails to one account within an hour; more requests get the same screen but no email. */
  accountResetLimit: number;
  /** Redis for attempt counters shared by several server instances; the database otherwise. */
  redisUrl: string | undefined;
  /** Where in Redis the counters live (`PREFIX:<site>:…`), so that several Hearths may share one Redis. */
  redisKeyPrefix: string;
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDRs); none by default. */
  trustedProxies: readonly string[];
  /** argon2 hashes running at once (0 = automatic) and waiting before 503. */
  hashConcurrency: number;
  hashQueue: number;
  /** Minimum time a "forgot password" request takes, so the answer's timing tells nothing. */
  forgotMinResponseMs: number;
  /** Prometheus metrics on their own port (0: none) and/or at /metrics behind this bearer token; neither: no metrics. */
  metricsPort: number;
  metricsToken: string | undefined;
  /** /readyz answers 503 while more mail than this waits in a site's outbox. */
  readyMaxQueuedMail: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  }
  return value;
}

function nonEmpty(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

function parseSites(raw: string | undefined): SiteId[] {
  if (!raw) return [...SITE_IDS];
  const sites = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const site of sites) {
    if (!isSiteId(site)) throw new ConfigError(`HEARTH_SITES may list "training" and "live" (got "${site}").`);
  }
  if (sites.length === 0) throw new ConfigError('HEARTH_SITES must name at least one site.');
  return [...new Set(sites)] as SiteId[];
}

function parseUrl(name: string, raw: string): URL {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url;
  } catch {
    throw new ConfigError(`${name} must be an http:// or https:// URL (got "${raw}").`);
  }
}

function validTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new ConfigError(`HEARTH_TIMEZONE must be an IANA time zone such as America/New_York (got "${zone}").`);
  }
}

function metricsToken(env: Env): string | undefined {
  const token = nonEmpty(env, 'HEARTH_METRICS_TOKEN');
  if (token !== undefined && token.length < 32) {
    throw new ConfigError('HEARTH_METRICS_TOKEN must be at least 32 characters (e.g. `openssl rand -hex 32`).');
  }
  return token;
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const publicUrlRaw = nonEmpty(env, 'HEARTH_PUBLIC_URL') ?? `http://localhost:${port}`;
  const publicUrl = parseUrl('HEARTH_PUBLIC_URL', publicUrlRaw).toString().replace(/\/+$/, '');
  const smtpUrl = nonEmpty(env, 'SMTP_URL');
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new ConfigError(`SMTP_URL must start with smtp:// or smtps:// (got "${smtpUrl.replace(/\/\/[^@]*@/, '//***@')}").`);
  }
  const databaseUrls: Partial<Record<SiteId, string>> = {};
  for (const site of SITE_IDS) {
    const url = nonEmpty(env, `HEARTH_${site.toUpperCase()}_DATABASE_URL`);
    if (url) databaseUrls[site] = url;
  }
  const config: Config = {
    port,
    host: nonEmpty(env, 'HOST') ?? '127.0.0.1',
    dataDir: path.resolve(nonEmpty(env, 'HEARTH_DATA_DIR') ?? './data'),
    sites: parseSites(nonEmpty(env, 'HEARTH_SITES')),
    databaseUrls,
    publicUrl,
    secureCookies: publicUrl.startsWith('https:'),
    timeZone: validTimeZone(nonEmpty(env, 'HEARTH_TIMEZONE') ?? 'America/New_York'),
    supportEmail: nonEmpty(env, 'HEARTH_SUPPORT_EMAIL') ?? 'hmis-admin@example.org',
    smtpUrl,
    secretKey: nonEmpty(env, 'HEARTH_SECRET_KEY'),
    mailFrom: nonEmpty(env, 'MAIL_FROM') ?? 'Community Services <no-reply@hearth.invalid>',
    logLevel: nonEmpty(env, 'LOG_LEVEL') ?? 'info',
    passwordMaxAgeDays: integer(env, 'HEARTH_PASSWORD_MAX_AGE_DAYS', 60, 0, 3650),
    passwordWarnDays: integer(env, 'HEARTH_PASSWORD_WARN_DAYS', 7, 0, 365),
    tempPasswordTtlHours: integer(env, 'HEARTH_TEMP_PASSWORD_TTL_HOURS', 72, 1, 24 * 30),
    resetTokenTtlMinutes: integer(env, 'HEARTH_RESET_TOKEN_TTL_MINUTES', 60, 5, 24 * 60),
    sessionIdleMinutes: integer(env, 'HEARTH_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: integer(env, 'HEARTH_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7),
    lockoutThreshold: integer(env, 'HEARTH_LOCKOUT_THRESHOLD', 5, 1, 100),
    lockoutMaxMinutes: integer(env, 'HEARTH_LOCKOUT_MAX_MINUTES', 30, 1, 24 * 60),
    loginRateLimitPerMinute: integer(env, 'HEARTH_LOGIN_RATE_LIMIT_PER_MINUTE', 30, 1, 1_000_000),
    ipLoginFailureLimit: integer(env, 'HEARTH_IP_LOGIN_FAILURE_LIMIT', 50, 1, 1_000_000),
    ipResetLimit: integer(env, 'HEARTH_IP_RESET_LIMIT', 10, 1, 1_000_000),
    accountResetLimit: integer(env, 'HEARTH_ACCOUNT_RESET_LIMIT', 3, 1, 1000),
    redisUrl: nonEmpty(env, 'REDIS_URL'),
    redisKeyPrefix: nonEmpty(env, 'HEARTH_REDIS_PREFIX') ?? 'hearth',
    trustedProxies: (nonEmpty(env, 'HEARTH_TRUSTED_PROXIES') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    hashConcurrency: integer(env, 'HEARTH_HASH_CONCURRENCY', 0, 0, 256),
    hashQueue: integer(env, 'HEARTH_HASH_QUEUE', 200, 0, 100_000),
    forgotMinResponseMs: integer(env, 'HEARTH_FORGOT_MIN_RESPONSE_MS', 400, 0, 10_000),
    metricsPort: integer(env, 'HEARTH_METRICS_PORT', 0, 0, 65535),
    metricsToken: metricsToken(env),
    readyMaxQueuedMail: integer(env, 'HEARTH_READY_MAX_QUEUED_MAIL', 1000, 1, 10_000_000),
    ...overrides,
  };
  return Object.freeze(config);
}
