import type { FastifyRequest } from 'fastify';
import type { Viewer } from '../access/access-policy.js';
import type { Actor } from '../audit/audit-log.js';

/** The signed-in user as the audit log records them: who, and from which address. */
export function actorOf(request: FastifyRequest): Actor {
  const user = request.auth!.user;
  return { userId: user.id, username: user.username, ip: request.ip };
}

const viewers = new WeakMap<FastifyRequest, Promise<Viewer>>();

/**
 * The signed-in user as the access policy sees them, looked up once per request however many times a page asks
 * (a page and the sections it shows each ask).
 */
export function viewerOf(request: FastifyRequest): Promise<Viewer> {
  let viewer = viewers.get(request);
  if (!viewer) {
    viewer = request.site.access.viewerOf(request.auth!.user);
    // A failed lookup is not kept: the error handler answers it, and nothing asks again.
    viewers.set(request, viewer);
  }
  return viewer;
}
