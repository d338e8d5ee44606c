import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../errors.js';
import { sessionMeta } from '../../http/client-ip.js';
import { formString } from '../../http/form.js';
import { setSessionCookie } from '../../sites/site.plugin.js';
import { verifyPassword } from './hashing.js';
import type { PasswordChangeHow } from './password.service.js';
import { ChangePasswordPage, ExpiredPasswordPage } from './password.pages.js';

export async function passwordRoutes(app: FastifyInstance) {
  app.get('/password/expired', { config: { access: 'session' } }, async (request, reply) => {
    if (request.auth!.session.kind !== 'password_change') return reply.redirect(`/${request.site.id}/password/change`, 303);
    return reply.page(<ExpiredPasswordPage ctx={reply.pageContext()} />);
  });

  app.post('/password/expired', { config: { access: 'session' }, preHandler: app.csrfProtection }, async (request, reply) => {
    if (request.auth!.session.kind !== 'password_change') return reply.redirect(`/${request.site.id}/password/change`, 303);
    try {
      await setOwnPassword(request, reply, 'forced change');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.page(<ExpiredPasswordPage ctx={reply.pageContext()} error={error.message} errors={error.fieldErrors} />, 422);
    }
    return reply.redirect(`/${request.site.id}/?passwordChanged=1`, 303);
  });

  app.get('/password/change', async (_request, reply) => reply.page(<ChangePasswordPage ctx={reply.pageContext()} />));

  app.post('/password/change', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { site, auth } = request;
    const user = auth!.user;
    try {
      const current = formString(request.body, 'currentPassword', { trim: false });
      if (!user.password_hash || !(await verifyPassword(user.password_hash, current))) {
        await site.login.recordFailure(user, { userId: user.id, username: user.username, ip: request.ip });
        throw new ValidationError('Your current password is not correct.', {
          currentPassword: ['Enter your current password correctly.'],
        });
      }
      await setOwnPassword(request, reply, 'change');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.page(<ChangePasswordPage ctx={reply.pageContext()} error={error.message} errors={error.fieldErrors} />, 422);
    }
    return reply.redirect(`/${site.id}/?passwordChanged=1`, 303);
  });
}

/** Sets the signed-in user's new password, ends all their sessions and starts a fresh one here. */
async function setOwnPassword(request: FastifyRequest, reply: FastifyReply, how: PasswordChangeHow) {
  const { site, auth } = request;
  const user = auth!.user;
  const newPassword = formString(request.body, 'newPassword', { trim: false, max: 10_000 });
  const confirm = formString(request.body, 'confirmPassword', { trim: false, max: 10_000 });
  const hash = await site.passwords.prepare(user, newPassword, confirm);
  const token = await site.db.transaction().execute(async (trx) => {
    await site.passwords.apply(trx, user, hash, how, { userId: user.id, username: user.username, ip: request.ip });
    return site.sessions.create(trx, user.id, 'full', sessionMeta(request));
  });
  site.mailer.nudge();
  setSessionCookie(reply, site, token);
}
