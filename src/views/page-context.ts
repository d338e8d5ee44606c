import type { Role } from '../db/schema.js';
import { formatDateTime } from './format.js';
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
  /** The usernames of the accounts the page's HUD UserIDs name (reply.pageContextNaming), for its "by …" lines. */
  userNames?: ReadonlyMap<string, string>;
}

/** Who a HUD UserID names, as a "by …" line shows it: the account's username, else the UserID as stored. */
export function byWhom(ctx: PageContext, hudUserId: string): string {
  return ctx.userNames?.get(hudUserId) ?? hudUserId;
}

export function sitePath(ctx: PageContext, path = ''): string {
  return `/${ctx.site?.id ?? ''}/${path}`.replace(/\/+/g, '/');
}

/** When a record was last saved and by whom, as its "Recorded" or "Last changed" line says: "Nov 27, 2026, 9:15 AM EST by jdoe". */
export function savedBy(ctx: PageContext, record: { dateUpdated: Date; userId: string }): string {
  return `${formatDateTime(record.dateUpdated, ctx.timeZone)} by ${byWhom(ctx, record.userId)}`;
}
