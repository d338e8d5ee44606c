import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet from 'helmet';

/**
 * The security headers of every answer (pages, assets, errors, 404s), computed by helmet from Hearth's options. They
 * never depend on the request, so helmet runs once at start and its headers are replayed: @fastify/helmet ran it on
 * every request, a measurable share of a login's event-loop time (bench/README.md, bench:login). Every page's scripts,
 * styles and images come from Hearth itself; nothing may frame it or post it elsewhere. HSTS only when the public
 * address is https.
 */
export function securityHeaders(options: { hsts: boolean }): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  const middleware = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    hsts: options.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  let failure: unknown;
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return Object.freeze(headers);
}

export const securityHeadersPlugin = fp(
  async function securityHeadersPlugin(app: FastifyInstance, options: { hsts: boolean }) {
    const headers = securityHeaders(options);
    app.addHook('onRequest', function setSecurityHeaders(_request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
      reply.headers(headers);
      done();
    });
  },
  { name: 'hearth-security-headers' },
);
