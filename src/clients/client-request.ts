import type { FastifyRequest } from 'fastify';

export { actorOf } from '../http/actor.js';

/** The :id of a client route, as stored (PersonalIDs are lowercase hex). */
export function personalIdParam(request: FastifyRequest): string {
  return ((request.params as { id?: string }).id ?? '').toLowerCase();
}
