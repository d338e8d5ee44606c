import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { httpDuration, registry } from './metrics.js';

/**
 * Times every request by its route pattern, and, when HEARTH_METRICS_TOKEN is set, serves /metrics to a bearer
 * of that token. Call before the sites' plugins are registered, so the hook sees their routes too.
 */
export function installMetrics(app: FastifyInstance, config: Config): void {
  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  const token = config.metricsToken;
  if (!token) return;
  app.get('/metrics', { logLevel: 'warn' }, async (request, reply) => {
    if (!bearerMatches(request, token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').header('cache-control', 'no-store').send({ error: 'unauthorized' });
    }
    return sendMetrics(reply);
  });
}

/** The metrics alone, for HEARTH_METRICS_PORT: a port that only the monitoring network should reach. */
export async function buildMetricsServer(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/metrics', async (_request, reply) => sendMetrics(reply));
  await app.ready();
  return app;
}

async function sendMetrics(reply: FastifyReply) {
  return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(await registry.metrics());
}

/** Compared as digests, in constant time: the answer's timing tells nothing about how much of a guess was right. */
function bearerMatches(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}
