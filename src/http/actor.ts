import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit/audit-log.js';

/** The signed-in user as the audit log records them: who, and from which address. */
export function actorOf(request: FastifyRequest): Actor {
  const user = request.auth!.user;
  return { userId: user.id, username: user.username, ip: request.ip };
}
