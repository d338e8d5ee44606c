import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../errors.js';

/**
 * Refuses state-changing requests that a browser marks as coming from another site (S46), on top of
 * the CSRF token. Requests without these headers (old browsers, the CLI, tests) rely on the token alone.
 */
export function assertSameOrigin(publicUrl: string) {
  const publicOrigin = new URL(publicUrl).origin;
  return async function sameOrigin(request: FastifyRequest, _reply: FastifyReply) {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite === 'cross-site') throw new ForbiddenError('This form was sent from another website and was refused.');
    // With Referrer-Policy: no-referrer, browsers send `Origin: null` even for our own forms; then
    // Sec-Fetch-Site (above) and the CSRF token decide.
    const origin = request.headers.origin;
    if (typeof origin === 'string' && origin !== 'null') {
      const own = [publicOrigin, `${request.protocol}://${request.host}`];
      if (!own.includes(origin)) throw new ForbiddenError('This form was sent from another website and was refused.');
    }
  };
}
