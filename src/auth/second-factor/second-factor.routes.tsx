import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../http/actor.js';
import { ForbiddenError, ValidationError } from '../../errors.js';
import { formString, refuse, submitForm } from '../../http/form.js';
import type { FormFailure } from '../../views/form-kit.js';
import { safeNextPath } from '../../http/safe-redirect.js';
import { sendSignedOutToLogin, setSignInCookies, signInMeta } from '../session/session-cookies.js';
import type { SiteId } from '../../site-id.js';
import type { SecondFactorMethod } from '../login/login.service.js';
import { stepPath } from '../login/sign-in-flow.js';
import { requireCurrentPassword } from '../password/current-password.js';
import { securityPage } from '../security/security.routes.js';
import { qrCodeDataUri } from './qr-code.js';
import { AuthenticationCodePage, EnrolPage, RecoveryCodeLoginPage, RecoveryCodesPage, type EnrolPageProps } from './second-factor.pages.js';
import type { EnrolmentOffer } from './second-factor.service.js';

/** The two ways through the code step: its page, and what a refused code says (the summary, then the field). */
const CODE_STEPS = {
  'authenticator app': {
    path: '/login/code',
    Page: AuthenticationCodePage,
    wrong: (replayed: boolean) =>
      codeFailure(
        replayed
          ? 'That code has already been used. Wait for your app to show a new code, then enter it.'
          : 'That code is not correct. Check your authenticator app and enter the code it shows now.',
        'Enter the 6-digit code your app shows now.',
      ),
  },
  'recovery code': {
    path: '/login/recovery',
    Page: RecoveryCodeLoginPage,
    wrong: () => codeFailure('That recovery code is not correct or has already been used.', 'Enter one of your unused recovery codes.'),
  },
} as const satisfies Record<SecondFactorMethod, unknown>;

/** The authentication-code step of signing in, and setting up, renewing or removing the second factor. */
export async function secondFactorRoutes(app: FastifyInstance) {
  const codeStep = { access: 'step', step: 'second_factor' } as const;
  const codeSubmission = {
    ...codeStep,
    rateLimit: { max: (request: FastifyRequest) => request.site.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
  };
  const enrolStep = { access: 'step', step: 'second_factor_enrolment' } as const;

  for (const [method, { path, Page }] of Object.entries(CODE_STEPS) as [SecondFactorMethod, (typeof CODE_STEPS)[SecondFactorMethod]][]) {
    app.get(path, { config: codeStep }, async (request, reply) => {
      if (request.auth!.session.kind !== 'second_factor') return reply.redirect(`/${request.site.id}/`, 303);
      const next = carriedNext(request.site.id, (request.query as Record<string, unknown>).next);
      return reply.page(<Page ctx={reply.pageContext()} next={next} />);
    });

    app.post(path, { config: codeSubmission, preHandler: app.csrfProtection }, (request, reply) => submitCode(request, reply, method));
  }

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
    // A refused code shows the same QR code again while its ticket lasts, and a new one once it has expired.
    let offerAgain: EnrolmentOffer | null = null;
    return submitForm(reply, {
      action: async () => {
        // Re-authentication before a security change; see SECURITY.md for why the sign-in step asks no second time.
        if (!required && (await requireCurrentPassword(request)) === 'signed-out') return null;
        const result = await site.secondFactors.confirmEnrolment(user, ticket, code, actorOf(request), async (trx) => {
          if (!required) return null;
          // The set-up was the last step of signing in: this step's session gives way to a full one.
          await site.sessions.endSession(trx, session);
          return site.signIn.advance(trx, user, 'second_factor_enrolment', signInMeta(request));
        });
        if (result.ok) return result;
        const reopened = result.reason === 'wrong-code' ? site.secondFactors.reopenEnrolment(user, ticket) : null;
        offerAgain = reopened ?? site.secondFactors.offerEnrolment(user);
        const codeErrors = { code: ['Enter the code your app shows now for Hearth.'] };
        if (reopened) throw new ValidationError('That code is not correct. Check that the app shows Hearth, then enter the code it shows now.', codeErrors);
        throw new ValidationError('This set-up page has expired. Scan the new QR code below (remove the old Hearth entry from your app first).', codeErrors);
      },
      refused: (failure) => {
        const offer = offerAgain ?? site.secondFactors.reopenEnrolment(user, ticket) ?? site.secondFactors.offerEnrolment(user);
        return enrolPage(request, reply, offer, { failure });
      },
      done: (result) => {
        if (!result) return sendSignedOutToLogin(reply, site);
        if (result.then) setSignInCookies(reply, site, result.then);
        return reply.page(<RecoveryCodesPage ctx={reply.pageContext()} codes={result.recoveryCodes} reason="enabled" />);
      },
    });
  });

  app.post('/security/second-factor/recovery-codes', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { site, auth } = request;
    return submitForm(reply, {
      action: async () => {
        if ((await requireCurrentPassword(request, 'regeneratePassword')) === 'signed-out') return null;
        return site.secondFactors.regenerateRecoveryCodes(auth!.user, actorOf(request));
      },
      refused: (failure) => securityPage(request, reply, { failure }),
      done: (codes) => (codes ? reply.page(<RecoveryCodesPage ctx={reply.pageContext()} codes={codes} reason="regenerated" />) : sendSignedOutToLogin(reply, site)),
    });
  });

  app.post('/security/second-factor/remove', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { site, auth } = request;
    const user = auth!.user;
    return submitForm(reply, {
      action: async () => {
        if (!(await site.secondFactors.mayRemove(user))) throw new ForbiddenError('A second factor is required on this site, so it cannot be turned off.');
        if ((await requireCurrentPassword(request, 'removePassword')) === 'signed-out') return 'signed-out';
        await site.secondFactors.remove(user, actorOf(request));
        return 'removed';
      },
      refused: (failure) => securityPage(request, reply, { failure }),
      done: (outcome) => (outcome === 'signed-out' ? sendSignedOutToLogin(reply, site) : reply.redirect(`/${site.id}/security?done=second-factor-removed`, 303)),
      alsoRefuses: [ForbiddenError],
    });
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
      const { Page, wrong } = CODE_STEPS[method];
      return refuse(reply, wrong(result.replayed), (failure) => <Page ctx={reply.pageContext()} next={next} failure={failure} />, 401);
    }
  }
}

function codeFailure(message: string, fieldMessage: string): FormFailure {
  return { message, errors: { code: [fieldMessage] } };
}

async function showEnrolPage(request: FastifyRequest, reply: FastifyReply, offer: EnrolmentOffer, extra: { passwordChanged?: boolean }) {
  return reply.page(await enrolPage(request, reply, offer, extra));
}

async function enrolPage(request: FastifyRequest, reply: FastifyReply, offer: EnrolmentOffer, extra: Pick<EnrolPageProps, 'passwordChanged' | 'failure'>) {
  const required = request.auth!.session.kind === 'second_factor_enrolment';
  return <EnrolPage ctx={reply.pageContext()} offer={offer} qrCode={await qrCodeDataUri(offer.uri)} required={required} {...extra} />;
}

/** The page asked for before login, kept through the code step; null for the home page. */
function carriedNext(site: SiteId, value: unknown): string | null {
  const next = safeNextPath(site, value);
  return next === `/${site}/` ? null : next;
}

