import type { Config } from '../config.js';
import type { SiteId } from '../site-id.js';

/**
 * One cookie name per site, so a session of one site is never even sent as the other's. Over HTTPS
 * the `__Host-` prefix pins the cookie to this host, path / and Secure, with no Domain.
 */
export function cookieName(config: Pick<Config, 'secureCookies'>, site: SiteId, purpose: 'session' | 'csrf' | 'device'): string {
  return `${config.secureCookies ? '__Host-' : ''}hearth-${site}-${purpose}`;
}

export function cookieOptions(config: Pick<Config, 'secureCookies'>) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };
}

/** The device cookie outlives sessions: it only tells Hearth it has seen this browser before (new-sign-in emails). */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
