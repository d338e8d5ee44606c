import type { FastifyInstance } from 'fastify';
import { formString } from '../../http/form.js';
import { safeNextPath } from '../../http/safe-redirect.js';
import { clearSignInCookies, sessionToken, setSignInCookies, signInMeta } from '../session/session-cookies.js';
import { stepPath } from './sign-in-flow.js';
import { LoginPage } from './login.page.js';

export async function loginRoutes(app: FastifyInstance) {
  app.get('/login', { config: { access: 'public' } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    if (request.auth?.session.kind === 'full') return reply.redirect(safeNextPath(request.site.id, query.next), 303);
    const notice = query.loggedOut
      ? 'logged-out'
      : query.timeout
        ? 'timeout'
        : query.reset
          ? 'password-reset'
          : query.signedOut
            ? 'signed-out'
            : null;
    const next = typeof query.next === 'string' ? safeNextPath(request.site.id, query.next) : undefined;
    return reply.page(<LoginPage ctx={reply.pageContext()} notice={notice} next={next} />);
  });

  app.post(
    '/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: (request) => request.site.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const site = request.site;
      const username = formString(request.body, 'username');
      const password = formString(request.body, 'password', { trim: false });
      const next = safeNextPath(site.id, (request.body as Record<string, unknown> | undefined)?.next);
      const result = await site.login.login(username, password, signInMeta(request));
      switch (result.kind) {
        case 'password-accepted': {
          const { session } = result;
          setSignInCookies(reply, site, session);
          // The page asked for is kept through the code step; a password change or set-up goes home after.
          const carried = session.kind === 'second_factor' && next !== `/${site.id}/` ? `?${new URLSearchParams({ next })}` : '';
          return reply.redirect(`${stepPath(site.id, session.kind, next)}${carried}`, 303);
        }
        case 'failed':
          return reply.page(<LoginPage ctx={reply.pageContext()} username={username} failed />, 401);
      }
    },
  );

  app.post('/logout', { config: { access: 'session' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { site, auth } = request;
    const token = sessionToken(request);
    if (token) await site.sessions.end(token);
    if (auth) {
      const user = auth.user;
      await site.audit.record(site.db, {
        event: 'logout',
        actor: { userId: user.id, username: user.username, ip: request.ip },
        subject: { id: user.id, username: user.username },
      });
    }
    clearSignInCookies(reply, site);
    return reply.redirect(`/${site.id}/login?loggedOut=1`, 303);
  });
}
