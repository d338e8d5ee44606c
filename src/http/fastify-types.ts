import type { VNode } from 'preact';
import type { User } from '../accounts/accounts.model.js';
import type { Session, SessionKind } from '../auth/session/session.model.js';

/**
 * Who may reach a route: anyone; anyone signed in, whatever step of signing in they are at (logout);
 * a session at the sign-in step named by the route's `step` (or a full one: the handler decides);
 * users with a full session; HMIS administrators.
 */
export type Access = 'public' | 'session' | 'step' | 'user' | 'admin';

/** A step of signing in, between the password and a full session (see src/auth/login/sign-in-flow.ts). */
export type SignInStepKind = Exclude<SessionKind, 'full'>;

export interface Auth {
  session: Session;
  user: User;
}

declare module 'fastify' {
  interface FastifyRequest {
    // `site` (the site's services) is declared by src/sites/site.plugin.ts, which decorates the request with it.
    auth: Auth | null;
  }
  interface FastifyReply {
    page(vnode: VNode, status?: number): FastifyReply;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** With access 'step': the one kind of unfinished sign-in session this route serves. */
    step?: SignInStepKind;
  }
}
