import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

/**
 * The address of a request as logs see it: the path alone, with a reset link's token redacted. Query
 * strings carry what people type (a client's name, date of birth or SSN in a search, or a `?next=` link
 * that carries such a search), so they never reach a log, whatever the route.
 */
export function loggedPath(url: string): string {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return path.replace(/\/reset\/[^/]+/g, '/reset/[redacted]');
}

/**
 * An error as logs see it: its kind, code, where it comes from and its stack. Messages keep their
 * shape but lose anything in double quotes, where PostgreSQL quotes the value it refused (`invalid
 * input syntax for type date: "…"`); a database error's detail, statement and parameters, which
 * hold the values themselves, are left out.
 */
export function errorForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const source = error as Error & Record<string, unknown>;
  const message = messageForLog(error);
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const fields = ['code', 'statusCode', 'severity', 'routine', 'table', 'column', 'constraint'] as const;
  return {
    type: error.name,
    message,
    ...Object.fromEntries(fields.filter((key) => typeof source[key] === 'string' || typeof source[key] === 'number').map((key) => [key, source[key]])),
    stack: [`${error.name}: ${message}`, ...frames].join('\n'),
  };
}

export function messageForLog(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
}

/**
 * Fastify's pino logger. Request lines show the method, the route's pattern, the path (see
 * loggedPath) and the client address: never headers, cookies, bodies or query strings, so no
 * password, token, session id or client data reaches a log.
 */
export function loggerOptions(config: Pick<Config, 'logLevel'>) {
  return {
    level: config.logLevel,
    serializers: {
      req(request: FastifyRequest) {
        return { method: request.method, route: request.routeOptions?.url, path: loggedPath(request.url), remoteAddress: request.ip };
      },
      err: errorForLog,
    },
    redact: { paths: ['req.headers', 'res.headers', '*.password', '*.token', '*.cookie'], censor: '[redacted]' },
  };
}
