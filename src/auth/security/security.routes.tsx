import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditEvent } from '../../audit/events.js';
import { actorOf } from '../../http/actor.js';
import { doneOf } from '../../views/done.js';
import { SECURITY_DONE_MESSAGES, SecurityPage, type SecurityPageProps } from './security.page.js';

const RECENT_ACTIVITY = 20;

/** What the user's own "Recent sign-in activity" shows: sign-ins, failures and second-factor changes. */
export const SIGN_IN_ACTIVITY_EVENTS: readonly AuditEvent[] = [
  'login.succeeded',
  'login.failed',
  'login.locked',
  'login.second_factor_required',
  'login.new_device',
  'second_factor.enabled',
  'second_factor.disabled',
  'second_factor.reset',
  'second_factor.recovery_codes_regenerated',
  'second_factor.recovery_code_used',
  'session.ended_others',
];

/** The user's own Security page at /SITE/security: second factor, sessions, recent sign-ins. */
export async function securityRoutes(app: FastifyInstance) {
  app.get('/security', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const page = await securityPage(request, reply, {
      done: doneOf(SECURITY_DONE_MESSAGES, query),
      usedRecoveryCode: query.usedRecoveryCode === '1',
    });
    return reply.page(page);
  });

  app.post('/security/sessions/end-others', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { site } = request;
    const { user, session } = request.auth!;
    await site.sessions.endOthers(user, session, actorOf(request));
    return reply.redirect(`/${site.id}/security?done=signed-out-others`, 303);
  });
}

/** The Security page of the signed-in user, with a notice or a refused form of its own. */
export async function securityPage(request: FastifyRequest, reply: FastifyReply, extra: Pick<SecurityPageProps, 'done' | 'usedRecoveryCode' | 'failure'>) {
  const { site } = request;
  const { user, session } = request.auth!;
  const [sessions, activity, secondFactor, secondFactorRequired] = await Promise.all([
    site.sessions.listActiveForUser(user.id),
    site.audit.list(site.db, { subjectUserId: user.id, events: SIGN_IN_ACTIVITY_EVENTS, limit: RECENT_ACTIVITY }),
    site.secondFactors.status(user.id),
    site.settings.requiresSecondFactor(user.role),
  ]);
  return (
    <SecurityPage
      ctx={reply.pageContext()}
      sessions={sessions}
      currentSessionHash={session.tokenHash}
      activity={activity}
      secondFactor={secondFactor}
      secondFactorRequired={secondFactorRequired}
      {...extra}
    />
  );
}
