import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit/audit-log.js';

/** The signed-in user as the audit log records them. */
export function actorOf(request: FastifyRequest): Actor {
  const user = request.auth!.user;
  return { userId: user.id, username: user.username, ip: request.ip };
}

/** The :id of a client route, as stored (PersonalIDs are lowercase hex). */
export function personalIdParam(request: FastifyRequest): string {
  return ((request.params as { id?: string }).id ?? '').toLowerCase();
}
