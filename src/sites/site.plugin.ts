import csrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountRoutes } from '../accounts/accounts.routes.js';
import { auditRoutes } from '../audit/audit.routes.js';
import { loginRoutes } from '../auth/login/login.routes.js';
import { stepPath } from '../auth/login/sign-in-flow.js';
import { clearSessionCookie, sessionCookieName } from '../auth/session/session-cookies.js';
import { passwordRoutes } from '../auth/password/password.routes.js';
import { resetRoutes } from '../auth/reset/reset.routes.js';
import { expiryWarning } from '../auth/password/expiry.js';
import { secondFactorRoutes } from '../auth/second-factor/second-factor.routes.js';
import { securityRoutes } from '../auth/security/security.routes.js';
import { ForbiddenError } from '../errors.js';
import { sendErrorPage } from '../http/error-handler.js';
import { cookieName, cookieOptions } from '../http/cookies.js';
import { settingsRoutes } from '../settings/settings.routes.js';
import { projectRoutes } from '../projects/projects.routes.js';
import { projectSetupRoutes } from '../projects/project-setup.routes.js';
import { clientRoutes } from '../clients/clients.routes.js';
import { enrollmentRoutes } from '../enrollments/enrollments.routes.js';
import { exportRoutes } from '../exports/exports.routes.js';
import { reportRoutes } from '../reports/reports.routes.js';
import { importRoutes } from '../imports/imports.routes.js';
import { assessmentRoutes } from '../assessments/assessments.routes.js';
import { homeRoutes } from '../home/home.routes.js';
import { trainingRoutes } from '../training/training.routes.js';
import { shelterRoutes } from '../shelter/shelter.routes.js';
import { moveInRoutes } from '../move-in/move-in.routes.js';
import { contactRoutes } from '../contacts/contacts.routes.js';
import { coordinatedEntryRoutes } from '../coordinated-entry/coordinated-entry.routes.js';
import '../http/fastify-types.js';
import type { PageContext } from '../views/page-context.js';
import type { SiteServices } from './site-services.js';

/**
 * One site (Training or Live) under its own prefix: its own database, cookies, CSRF secret and audit log.
 * Nothing in here can reach the other site's services.
 */
export async function sitePlugin(app: FastifyInstance, options: { site: SiteServices }) {
  const { site } = options;
  const { config } = site;

  await app.register(csrfProtection, {
    cookieKey: cookieName(config, site.id, 'csrf'),
    cookieOpts: cookieOptions(config),
  });

  app.decorateRequest('site', null as unknown as SiteServices);
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request, reply) => {
    request.site = site;
    reply.header('cache-control', 'no-store');
    const token = request.cookies[sessionCookieName(site)];
    if (!token) return;
    const check = await site.sessions.check(token);
    if (check.status === 'valid') {
      request.auth = { session: check.session, user: check.user };
      return;
    }
    clearSessionCookie(reply, site);
    if (check.status === 'timed-out') {
      const user = check.user;
      await site.audit.record(site.db, {
        event: 'session.expired',
        actor: { userId: user.id, username: user.username, ip: request.ip },
        subject: { id: user.id, username: user.username },
        details: { reason: check.reason },
      });
      if (request.method === 'GET') return reply.redirect(`/${site.id}/login?timeout=1`, 303);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    // An unknown address is answered with this site's 404 page, signed in or not.
    const access = request.is404 ? 'public' : (request.routeOptions.config?.access ?? 'user');
    if (access === 'public' || reply.sent) return;
    const auth = request.auth;
    if (!auth) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      return reply.redirect(`/${site.id}/login${next}`, 303);
    }
    if (access === 'session') return;
    const kind = auth.session.kind;
    // A route for one sign-in step serves that step (and full sessions, which its handler sends on).
    if (access === 'step' && (kind === 'full' || kind === request.routeOptions.config?.step)) return;
    // Until the sign-in is complete (code, new password, second factor), nothing else is reachable.
    if (kind !== 'full') return reply.redirect(stepPath(site.id, kind), 303);
    if (access === 'step') return reply.redirect(`/${site.id}/`, 303);
    if (access === 'admin' && auth.user.role !== 'admin') {
      throw new ForbiddenError('This page is for HMIS administrators.');
    }
  });

  app.decorateReply('pageContext', function (this: FastifyReply): PageContext {
    return pageContext(this.request, this, site);
  });
  app.decorateReply('pageContextNaming', async function (this: FastifyReply, hudUserIds: readonly (string | null | undefined)[]): Promise<PageContext> {
    return { ...pageContext(this.request, this, site), userNames: await site.accounts.usernamesOf(hudUserIds) };
  });

  // 404s under this site's prefix keep its frame (the TRAINING banner, the signed-in header).
  app.setNotFoundHandler((_request, reply) => sendErrorPage(reply, 404, 'There is no page at this address.', reply.pageContext()));

  await app.register(loginRoutes);
  await app.register(secondFactorRoutes);
  await app.register(passwordRoutes);
  await app.register(securityRoutes);
  await app.register(resetRoutes);
  await app.register(homeRoutes);
  await app.register(accountRoutes, { prefix: '/admin/users' });
  await app.register(auditRoutes, { prefix: '/admin/audit' });
  await app.register(settingsRoutes, { prefix: '/admin/settings' });
  // Both sites: the Live site answers with why it has no training data.
  await app.register(trainingRoutes, { prefix: '/admin/training-data' });
  await app.register(projectRoutes);
  await app.register(projectSetupRoutes);
  await app.register(clientRoutes, { prefix: '/clients' });
  await app.register(enrollmentRoutes);
  await app.register(shelterRoutes);
  await app.register(exportRoutes);
  await app.register(reportRoutes);
  await app.register(importRoutes);
  await app.register(moveInRoutes);
  await app.register(contactRoutes);
  await app.register(assessmentRoutes);
  await app.register(coordinatedEntryRoutes);
}

function pageContext(request: FastifyRequest, reply: FastifyReply, site: SiteServices): PageContext {
  const user = request.auth?.user ?? null;
  const kind = request.auth?.session.kind;
  const mustChange = kind === 'password_change';
  return {
    site: { id: site.id, name: site.name },
    user: user && {
      username: user.username,
      firstName: user.firstName,
      role: user.role,
      mustChangePassword: mustChange,
      signInPending: kind !== undefined && kind !== 'full',
    },
    csrfToken: reply.generateCsrf(),
    supportEmail: site.config.supportEmail,
    timeZone: site.config.timeZone,
    passwordExpiresAt:
      user && !user.passwordIsTemporary ? expiryWarning(user.passwordExpiresAt, site.clock.now(), site.config) : null,
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The services of the site whose prefix the request is under. */
    site: SiteServices;
  }
  interface FastifyReply {
    pageContext(): PageContext;
    /** The page context with the usernames of these HUD UserIDs, looked up in one query (for "by …" lines). */
    pageContextNaming(hudUserIds: readonly (string | null | undefined)[]): Promise<PageContext>;
  }
}
