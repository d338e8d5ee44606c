import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Redis } from 'ioredis';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Config } from './config.js';
import { checkReadiness } from './health/readiness.js';
import { installErrorHandlers, sendErrorPage } from './http/error-handler.js';
import './http/fastify-types.js';
import { renderPage } from './http/render.js';
import { assertSameOrigin } from './http/same-origin.js';
import { securityHeadersPlugin } from './http/security-headers.js';
import { installMetrics } from './metrics/metrics.routes.js';
import { sitePlugin } from './sites/site.plugin.js';
import type { SiteServices } from './sites/site-services.js';
import { SitesIndexPage } from './sites/sites-index.page.js';
import type { PageContext } from './views/page-context.js';

const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public');

export interface AppOptions {
  config: Config;
  sites: SiteServices[];
  /** The pino logger shared with the rest of the process. */
  logger: FastifyBaseLogger;
  /**
   * Where the per-minute request limits (logins, codes) count, so that instances behind one proxy share them: this
   * Redis, under `keyPrefix:rate-limit:`. Without it each process counts alone, in memory.
   */
  redis?: { client: Redis; keyPrefix: string } | null;
}

/** Builds the web app: shared plugins, one error boundary, and one encapsulated plugin per site. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: 64 * 1024,
    // X-Forwarded-For is believed only from the proxies named in HEARTH_TRUSTED_PROXIES.
    trustProxy: config.trustedProxies.length > 0 ? [...config.trustedProxies] : false,
    return503OnClosing: true,
    // Malformed or over-long URLs get the same HTML error page as everything else, not Fastify's JSON.
    frameworkErrors: (error, request, reply) =>
      sendErrorPage(
        reply,
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400,
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'That address is too long.' : 'That address is not valid.',
        errorPageContext(config, request, reply),
      ),
  });

  await app.register(securityHeadersPlugin, { hsts: config.secureCookies });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    // When Redis does not answer, the limit lets requests through rather than refuse every sign-in; the
    // account lockout, kept in the database, still applies.
    ...(options.redis ? { redis: options.redis.client, nameSpace: `${options.redis.keyPrefix}:rate-limit:`, skipOnError: true } : {}),
  });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/assets/', index: false, maxAge: '1h' });

  app.decorateReply('page', function (this: FastifyReply, vnode: VNode, status = 200) {
    return this.status(status).header('content-type', 'text/html; charset=utf-8').send(renderPage(vnode));
  });

  app.addHook('onRequest', assertSameOrigin(config.publicUrl));
  installErrorHandlers(app, (request, reply) => errorPageContext(config, request, reply));

  const siteIds = options.sites.map((s) => s.id);
  app.get('/', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.page(<SitesIndexPage ctx={anonymousContext(config)} sites={siteIds} />);
  });
  installMetrics(app, config);
  // Probes come every few seconds: their requests are not logged.
  app.get('/healthz', { logLevel: 'warn' }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok', sites: siteIds };
  });
  app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
    const readiness = await checkReadiness(options.sites, config.readyMaxQueuedMail);
    return reply
      .code(readiness.ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: readiness.ready ? 'ready' : 'not ready', sites: readiness.sites });
  });
  for (const site of options.sites) {
    await app.register(sitePlugin, { prefix: `/${site.id}`, site });
  }
  return app;
}

function anonymousContext(config: Config): PageContext {
  return {
    site: null,
    user: null,
    csrfToken: '',
    supportEmail: config.supportEmail,
    timeZone: config.timeZone,
    passwordExpiresAt: null,
  };
}

function errorPageContext(config: Config, request: FastifyRequest, reply: FastifyReply): PageContext {
  if (request.site && typeof reply.pageContext === 'function') {
    try {
      return reply.pageContext();
    } catch {
      // fall through to a context without the user
    }
  }
  return anonymousContext(config);
}
