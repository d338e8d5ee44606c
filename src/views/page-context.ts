import type { Role } from '../db/schema.js';
import type { SiteId } from '../site-id.js';

/** What every page needs to draw its frame. Built once per request in the site plugin. */
export interface PageContext {
  site: { id: SiteId; name: string } | null;
  user: {
    username: string;
    firstName: string;
    role: Role;
    mustChangePassword: boolean;
    /** Signed in only part-way (code, password change or second-factor set-up still to do): no navigation. */
    signInPending: boolean;
  } | null;
  csrfToken: string;
  supportEmail: string;
  timeZone: string;
  /** Set from N days before the password expires. */
  passwordExpiresAt: Date | null;
}

export function sitePath(ctx: PageContext, path = ''): string {
  return `/${ctx.site?.id ?? ''}/${path}`.replace(/\/+/g, '/');
}
