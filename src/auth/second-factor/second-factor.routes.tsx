import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../http/actor.js';
import { ForbiddenError } from '../../errors.js';
import { formString } from '../../http/form.js';
import { safeNextPath } from '../../http/safe-redirect.js';
import { sendSignedOutToLogin, setSignInCookies, signInMeta } from '../session/session-cookies.js';
import type { SiteId } from '../../site-id.js';
import type { SecondFactorMethod } from '../login/login.service.js';
import { stepPath } from '../login/sign-in-flow.js';
import { showSecurityPage } from '../security/security.routes.js';
import { qrCodeDataUri } from './qr-code.js';
import { AuthenticationCodePage, EnrolPage, RecoveryCodeLoginPage, RecoveryCodesPage } from './second-factor.pages.js';
import type { EnrolmentOffer } from './second-factor.service.js';

const WRONG_CODE = 'That code is not correct. Check your authenticator app and enter the code it shows now.';
const REPLAYED_CODE = 'That code has already been used. Wait for your app to show a new code, then enter it.';
const WRONG_RECOVERY_CODE = 'That recovery code is not correct or has already been used.';

/** The authentication-code step of signing in, and setting up, renewing or removing the second factor. */
export async function secondFactorRoutes(app: FastifyInstance) {
  const codeStep = { access: 'step', step: 'second_factor' } as const;
  const codeSubmission = {
    ...codeStep,
    rateLimit: { max: (request: FastifyRequest) => request.site.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
  };
  const enrolStep = { access: 'step', step: 'second_factor_enrolment' } as const;

  app.get('/login/code', { config: codeStep }, async (request, reply) => {
    if (request.auth!.session.kind !== 'second_factor') return reply.redirect(`/${request.site.id}/`, 303);
    const next = carriedNext(request.site.id, (request.query as Record<string, unknown>).next);
    return reply.page(<AuthenticationCodePage ctx={reply.pageContext()} next={next} />);
  });

  app.post('/login/code', { config: codeSubmission, preHandler: app.csrfProtection }, (request, reply) =>
    submitCode(request, reply, 'authenticator app'),
  );

  app.get('/login/recovery', { config: codeStep }, async (request, reply) => {
    if (request.auth!.session.kind !== 'second_factor') return reply.redirect(`/${request.site.id}/`, 303);
    const next = carriedNext(request.site.id, (request.query as Record<string, unknown>).next);
    return reply.page(<RecoveryCodeLoginPage ctx={reply.pageContext()} next={next} />);
  });

  app.post('/login/recovery', { config: codeSubmission, preHandler: app.csrfProtection }, (request, reply) =>
    submitCode(request, reply, 'recovery code'),
  );

  app.get('/security/second-factor/enrol', { config: enrolStep }, async (request, reply) => {
    const { site, auth } = request;
    if (await site.secondFactors.isEnrolled(auth!.user.id)) return reply.redirect(`/${site.id}/security`, 303);
    const passwordChanged = (request.query as Record<string, unknown>).passwordChanged === '1';
    return showEnrolPage(request, reply, site.secondFactors.offerEnrolment(auth!.user), { passwordChanged });
  });

  app.post('/security/second-factor/enrol', { config: enrolStep, preHandler: app.csrfProtection }, async (request, reply) => {
    const { site, auth } = request;
    const { user, session } = auth!;
    const ticket = formString(request.body, 'ticket', { max: 2000 });
    const code = formString(request.body, 'code', { max: 100 });
    const required = session.kind === 'second_factor_enrolment';
    // Re-authentication before a security change; see SECURITY.md for why the sign-in step asks no second time.
    if (!required) {
      const password = formString(request.body, 'currentPassword', { trim: false, max: 10_000 });
      const confirmation = await site.login.confirmCurrentPassword(user, password, actorOf(request));
      if (confirmation === 'signed-out') return sendSignedOutToLogin(reply, site);
      if (confirmation === 'wrong') {
        const offer = site.secondFactors.reopenEnrolment(user, ticket) ?? site.secondFactors.offerEnrolment(user);
        return showEnrolPage(request, reply, offer, { error: 'Your current password is not correct.', wrongPassword: true }, 422);
      }
    }
    const result = await site.secondFactors.confirmEnrolment(user, ticket, code, actorOf(request), async (trx) => {
      if (!required) return null;
      // The set-up was the last step of signing in: this step's session gives way to a full one.
      await site.sessions.endSession(trx, session);
      return site.signIn.advance(trx, user, 'second_factor_enrolment', signInMeta(request));
    });
    if (!result.ok) {
      const reopened = result.reason === 'wrong-code' ? site.secondFactors.reopenEnrolment(user, ticket) : null;
      const error = reopened
        ? 'That code is not correct. Check that the app shows Hearth, then enter the code it shows now.'
        : 'This set-up page has expired. Scan the new QR code below (remove the old Hearth entry from your app first).';
      return showEnrolPage(request, reply, reopened ?? site.secondFactors.offerEnrolment(user), { error }, 422);
    }
    if (result.then) setSignInCookies(reply, site, result.then);
    return reply.page(<RecoveryCodesPage ctx={reply.pageContext()} codes={result.recoveryCodes} reason="enabled" />);
  });

  app.post('/security/second-factor/recovery-codes', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { site, auth } = request;
    const user = auth!.user;
    const password = formString(request.body, 'currentPassword', { trim: false, max: 10_000 });
    const confirmation = await site.login.confirmCurrentPassword(user, password, actorOf(request));
    if (confirmation === 'signed-out') return sendSignedOutToLogin(reply, site);
    if (confirmation === 'wrong') {
      const errors = { regeneratePassword: ['Enter your current password correctly.'] };
      return showSecurityPage(request, reply, { error: 'Your current password is not correct.', errors }, 422);
    }
    const codes = await site.secondFactors.regenerateRecoveryCodes(user, actorOf(request));
    return reply.page(<RecoveryCodesPage ctx={reply.pageContext()} codes={codes} reason="regenerated" />);
  });

  app.post('/security/second-factor/remove', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { site, auth } = request;
    const user = auth!.user;
    if (!(await site.secondFactors.mayRemove(user))) {
      return showSecurityPage(request, reply, { error: 'A second factor is required on this site, so it cannot be turned off.' }, 403);
    }
    const password = formString(request.body, 'currentPassword', { trim: false, max: 10_000 });
    const confirmation = await site.login.confirmCurrentPassword(user, password, actorOf(request));
    if (confirmation === 'signed-out') return sendSignedOutToLogin(reply, site);
    if (confirmation === 'wrong') {
      const errors = { removePassword: ['Enter your current password correctly.'] };
      return showSecurityPage(request, reply, { error: 'Your current password is not correct.', errors }, 422);
    }
    try {
      await site.secondFactors.remove(user, actorOf(request));
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      return showSecurityPage(request, reply, { error: error.message }, 403);
    }
    return reply.redirect(`/${site.id}/security?done=second-factor-removed`, 303);
  });
}

async function submitCode(request: FastifyRequest, reply: FastifyReply, method: SecondFactorMethod) {
  const { site } = request;
  const auth = request.auth!;
  if (auth.session.kind !== 'second_factor') return reply.redirect(`/${site.id}/`, 303);
  const code = formString(request.body, 'code', { max: 100 });
  const next = carriedNext(site.id, (request.body as Record<string, unknown> | undefined)?.next);
  const result = await site.login.loginWithSecondFactor(auth, method, code, signInMeta(request));
  switch (result.kind) {
    case 'code-accepted': {
      setSignInCookies(reply, site, result.session);
      // Someone who needed a recovery code has probably lost their phone: tell them what is left.
      const after = method === 'recovery code' && !next ? `/${site.id}/security?usedRecoveryCode=1` : next ?? undefined;
      return reply.redirect(stepPath(site.id, result.session.kind, after), 303);
    }
    case 'signed-out':
      return sendSignedOutToLogin(reply, site);
    case 'wrong-code': {
      const ctx = reply.pageContext();
      if (method === 'recovery code') return reply.page(<RecoveryCodeLoginPage ctx={ctx} next={next} error={WRONG_RECOVERY_CODE} />, 401);
      return reply.page(<AuthenticationCodePage ctx={ctx} next={next} error={result.replayed ? REPLAYED_CODE : WRONG_CODE} />, 401);
    }
  }
}

async function showEnrolPage(
  request: FastifyRequest,
  reply: FastifyReply,
  offer: EnrolmentOffer,
  extra: { error?: string; wrongPassword?: boolean; passwordChanged?: boolean },
  status = 200,
) {
  const required = request.auth!.session.kind === 'second_factor_enrolment';
  const page = <EnrolPage ctx={reply.pageContext()} offer={offer} qrCode={await qrCodeDataUri(offer.uri)} required={required} {...extra} />;
  return reply.page(page, status);
}

/** The page asked for before login, kept through the code step; null for the home page. */
function carriedNext(site: SiteId, value: unknown): string | null {
  const next = safeNextPath(site, value);
  return next === `/${site}/` ? null : next;
}

