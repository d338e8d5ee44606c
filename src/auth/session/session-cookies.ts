import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { sessionMeta } from '../../http/client-ip.js';
import { cookieName, cookieOptions, DEVICE_COOKIE_MAX_AGE_SECONDS } from '../../http/cookies.js';
import type { SiteId } from '../../site-id.js';
import type { DeviceMeta } from '../devices/device.service.js';
import type { StartedSession } from '../login/sign-in-flow.js';

/** What the cookie helpers need to know of a site: its id and whether cookies are Secure. */
export interface CookieSite {
  id: SiteId;
  config: Pick<Config, 'secureCookies'>;
}

export function sessionCookieName(site: CookieSite): string {
  return cookieName(site.config, site.id, 'session');
}

export function setSessionCookie(reply: FastifyReply, site: CookieSite, token: string) {
  reply.setCookie(sessionCookieName(site), token, cookieOptions(site.config));
}

export function clearSessionCookie(reply: FastifyReply, site: CookieSite) {
  reply.clearCookie(sessionCookieName(site), cookieOptions(site.config));
}

/**
 * A new CSRF secret whenever the browser's session changes (each sign-in step, signing out), so no form
 * token from before, nor a secret planted in the browser before sign-in, works after it. The secret is
 * an opaque random string to @fastify/csrf-protection; stored in this request's cookies too, every token
 * made for the rest of the response comes from it.
 */
export function renewCsrfSecret(reply: FastifyReply, site: CookieSite) {
  const name = cookieName(site.config, site.id, 'csrf');
  const secret = randomBytes(18).toString('base64url');
  reply.setCookie(name, secret, cookieOptions(site.config));
  reply.request.cookies[name] = secret;
}

/** Signing out: the session cookie goes, and so does the CSRF secret that served it. */
export function clearSignInCookies(reply: FastifyReply, site: CookieSite) {
  clearSessionCookie(reply, site);
  renewCsrfSecret(reply, site);
}

/**
 * After repeated failures inside a session started the account's wait, which ended all its sessions:
 * the browser goes to the login page, which says why.
 */
export function sendSignedOutToLogin(reply: FastifyReply, site: CookieSite) {
  clearSignInCookies(reply, site);
  return reply.redirect(`/${site.id}/login?signedOut=1`, 303);
}

export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[sessionCookieName(request.site)];
}

/** After a sign-in step: the new session's cookie, a new CSRF secret, and the device cookie once the sign-in is complete. */
export function setSignInCookies(reply: FastifyReply, site: CookieSite, started: StartedSession) {
  setSessionCookie(reply, site, started.token);
  renewCsrfSecret(reply, site);
  if (started.deviceToken) {
    reply.setCookie(cookieName(site.config, site.id, 'device'), started.deviceToken, {
      ...cookieOptions(site.config),
      maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
    });
  }
}

/** The client's address, browser and device cookie, for a sign-in step. */
export function signInMeta(request: FastifyRequest): DeviceMeta {
  const deviceToken = request.cookies[cookieName(request.site.config, request.site.id, 'device')] ?? null;
  return { ...sessionMeta(request), deviceToken };
}
