import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

/** Reset links carry their token in the path; logs only ever see it redacted. */
export function redactUrl(url: string): string {
  return url.replace(/\/reset\/[^/?#]+/g, '/reset/[redacted]');
}

/**
 * Fastify's pino logger. Request lines show method, redacted URL and client address: never headers,
 * cookies or bodies, so no password, token or session id reaches a log.
 */
export function loggerOptions(config: Pick<Config, 'logLevel'>) {
  return {
    level: config.logLevel,
    serializers: {
      req(request: FastifyRequest) {
        return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
      },
    },
    redact: { paths: ['req.headers', 'res.headers', '*.password', '*.token', '*.cookie'], censor: '[redacted]' },
  };
}
