import type { FastifyRequest } from 'fastify';
import type { SessionMeta } from '../auth/session/session.service.js';

export function sessionMeta(request: FastifyRequest): SessionMeta {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
}
