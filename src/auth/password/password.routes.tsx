import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formString, submitForm } from '../../http/form.js';
import type { SessionKind } from '../session/session.model.js';
import { sendSignedOutToLogin, setSignInCookies, signInMeta } from '../session/session-cookies.js';
import { stepPath } from '../login/sign-in-flow.js';
import { requireCurrentPassword } from './current-password.js';
import type { PasswordChangeHow } from './password.service.js';
import { ChangePasswordPage, ExpiredPasswordPage } from './password.pages.js';

export async function passwordRoutes(app: FastifyInstance) {
  const forcedChange = { access: 'step', step: 'password_change' } as const;

  app.get('/password/expired', { config: forcedChange }, async (request, reply) => {
    if (request.auth!.session.kind !== 'password_change') return reply.redirect(`/${request.site.id}/password/change`, 303);
    return reply.page(<ExpiredPasswordPage ctx={reply.pageContext()} />);
  });

  app.post('/password/expired', { config: forcedChange, preHandler: app.csrfProtection }, async (request, reply) => {
    const { site } = request;
    if (request.auth!.session.kind !== 'password_change') return reply.redirect(`/${site.id}/password/change`, 303);
    return submitForm(reply, {
      action: () => setOwnPassword(request, reply, 'forced change'),
      refused: (failure) => <ExpiredPasswordPage ctx={reply.pageContext()} failure={failure} />,
      // The sign-in may not be over: a site that requires a second factor asks for one to be set up now.
      done: (next) => reply.redirect(next === 'full' ? `/${site.id}/?passwordChanged=1` : `${stepPath(site.id, next)}?passwordChanged=1`, 303),
    });
  });

  app.get('/password/change', async (_request, reply) => reply.page(<ChangePasswordPage ctx={reply.pageContext()} />));

  app.post('/password/change', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { site } = request;
    return submitForm(reply, {
      action: async () => {
        if ((await requireCurrentPassword(request)) === 'signed-out') return 'signed-out';
        await setOwnPassword(request, reply, 'change');
        return 'changed';
      },
      refused: (failure) => <ChangePasswordPage ctx={reply.pageContext()} failure={failure} />,
      done: (outcome) => (outcome === 'signed-out' ? sendSignedOutToLogin(reply, site) : reply.redirect(`/${site.id}/?passwordChanged=1`, 303)),
    });
  });
}

/**
 * Sets the signed-in user's new password, ends all their sessions and starts a fresh one here: a full
 * one after a voluntary change, or the next sign-in step after a forced change. Returns its kind.
 */
async function setOwnPassword(request: FastifyRequest, reply: FastifyReply, how: Exclude<PasswordChangeHow, 'reset'>): Promise<SessionKind> {
  const { site, auth } = request;
  const newPassword = formString(request.body, 'newPassword', { trim: false, max: 10_000 });
  const confirm = formString(request.body, 'confirmPassword', { trim: false, max: 10_000 });
  const started = await site.passwords.changeOwn(auth!.user, newPassword, confirm, how, signInMeta(request));
  setSignInCookies(reply, site, started);
  return started.kind;
}
