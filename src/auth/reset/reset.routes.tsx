import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isPlainEmailAddress, normalizeEmail, PLAIN_EMAIL_RULE } from '../../accounts/email-address.js';
import { formString, refuse, submitForm } from '../../http/form.js';
import { ForgotPasswordPage, ResetLinkInvalidPage, ResetPasswordPage, ResetRequestedPage } from './reset.pages.js';
import { ResetLinkInvalidError } from './reset.service.js';

const publicAccess = { access: 'public' as const };

export async function resetRoutes(app: FastifyInstance) {
  app.get('/forgot-password', { config: publicAccess }, async (_request, reply) =>
    reply.page(<ForgotPasswordPage ctx={reply.pageContext()} />),
  );

  app.post(
    '/forgot-password',
    { config: { ...publicAccess, rateLimit: { max: 10, timeWindow: '15 minutes' } }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const site = request.site;
      const started = performance.now();
      const username = formString(request.body, 'username', { max: 200 });
      const email = formString(request.body, 'email', { max: 320 });
      const refusal = forgotPasswordRefusal(username, email);
      if (refusal) {
        return refuse(reply, { message: refusal, errors: {} }, (failure) => (
          <ForgotPasswordPage ctx={reply.pageContext()} username={username} email={email} failure={failure} />
        ));
      }
      await site.reset.request(username, email, request.ip);
      // The same screen after the same time, whether or not anything was sent.
      const wait = site.config.forgotMinResponseMs - (performance.now() - started);
      if (wait > 0) await sleep(wait);
      return reply.page(<ResetRequestedPage ctx={reply.pageContext()} validMinutes={site.config.resetTokenTtlMinutes} />);
    },
  );

  app.get('/reset/:token', { config: publicAccess }, async (request, reply) => {
    const { token } = request.params as { token: string };
    reply.header('referrer-policy', 'no-referrer');
    try {
      const user = await request.site.reset.findUserForToken(token);
      return reply.page(<ResetPasswordPage ctx={reply.pageContext()} token={token} username={user.username} />);
    } catch (error) {
      if (!(error instanceof ResetLinkInvalidError)) throw error;
      return sendLinkInvalid(reply, error);
    }
  });

  app.post(
    '/reset/:token',
    { config: { ...publicAccess, rateLimit: { max: 20, timeWindow: '15 minutes' } }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const site = request.site;
      const { token } = request.params as { token: string };
      reply.header('referrer-policy', 'no-referrer');
      const newPassword = formString(request.body, 'newPassword', { trim: false, max: 10_000 });
      const confirm = formString(request.body, 'confirmPassword', { trim: false, max: 10_000 });
      return submitForm(reply, {
        action: () =>
          site.reset.complete(token, newPassword, confirm, request.ip).then(
            () => null,
            (error: unknown) => {
              if (error instanceof ResetLinkInvalidError) return error;
              throw error;
            },
          ),
        refused: async (failure) => {
          // The link may have lapsed while the form was open.
          const user = await site.reset.findUserForToken(token).catch(() => null);
          if (!user) return sendLinkInvalid(reply, new ResetLinkInvalidError());
          return <ResetPasswordPage ctx={reply.pageContext()} token={token} username={user.username} failure={failure} />;
        },
        done: (invalid) => (invalid ? sendLinkInvalid(reply, invalid) : reply.redirect(`/${site.id}/login?reset=1`, 303)),
      });
    },
  );
}

/** Why a reset request cannot go ahead as typed. Says nothing about any account: only that what was typed cannot be anyone's. */
function forgotPasswordRefusal(username: string, email: string): string | null {
  if (!username || !email) return 'Enter both your username and your registered email address.';
  if (!isPlainEmailAddress(normalizeEmail(email))) return PLAIN_EMAIL_RULE;
  return null;
}

function sendLinkInvalid(reply: FastifyReply, error: ResetLinkInvalidError) {
  return reply.page(<ResetLinkInvalidPage ctx={reply.pageContext()} message={error.message} />, 410);
}
