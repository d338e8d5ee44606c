import type { VNode } from 'preact';
import type { Session, User } from '../db/schema.js';
import type { SiteServices } from '../sites/site-services.js';

/**
 * Who may reach a route: anyone; anyone signed in, even if they must change their password first;
 * users with a full session; HMIS administrators.
 */
export type Access = 'public' | 'session' | 'user' | 'admin';

export interface Auth {
  session: Session;
  user: User;
}

declare module 'fastify' {
  interface FastifyRequest {
    site: SiteServices;
    auth: Auth | null;
  }
  interface FastifyReply {
    page(vnode: VNode, status?: number): FastifyReply;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}
