import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canResetTraining } from '../access/access-policy.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { formString } from '../http/form.js';
import { CONFIRMATION_WORD, TrainingDataPage } from './training-data.page.js';
import { LIVE_REFUSAL } from './training.service.js';

/**
 * /SITE/admin/training-data: HMIS administrators of the Training site refill it with generated data. The
 * Live site answers 403 with the reason: it never holds generated data.
 */
export async function trainingRoutes(app: FastifyInstance) {
  app.get('/', async (request, reply) => {
    await assertMayReset(request);
    const { training } = request.site;
    const done = (request.query as Record<string, unknown>).done === '1';
    const [counts, lastReset] = await Promise.all([training.counts(), training.lastReset()]);
    return reply.page(<TrainingDataPage ctx={reply.pageContext()} counts={counts} lastReset={lastReset} done={done} />);
  });

  app.post('/', { preHandler: app.csrfProtection }, async (request, reply) => {
    await assertMayReset(request);
    const { site } = request;
    let confirm = '';
    try {
      confirm = formString(request.body, 'confirm', { max: 100 });
      if (confirm.toUpperCase() !== CONFIRMATION_WORD) {
        throw new ValidationError('Nothing was changed.', {
          confirm: [`Type ${CONFIRMATION_WORD} in the box to confirm that every client, enrollment, project and agency on the ${site.name} is replaced.`],
        });
      }
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const [counts, lastReset] = await Promise.all([site.training.counts(), site.training.lastReset()]);
      const errors = Object.keys(error.fieldErrors).length ? error.fieldErrors : { confirm: [error.message] };
      return reply.page(<TrainingDataPage ctx={reply.pageContext()} counts={counts} lastReset={lastReset} confirm={confirm} error="Nothing was changed." errors={errors} />, 422);
    }
    const user = request.auth!.user;
    await site.training.reset({ userId: user.id, username: user.username, ip: request.ip });
    return reply.redirect(`/${site.id}/admin/training-data?done=1`, 303);
  });
}

async function assertMayReset(request: FastifyRequest): Promise<void> {
  const { site } = request;
  if (!site.training.available) throw new ForbiddenError(LIVE_REFUSAL);
  const viewer = await site.access.viewerOf(request.auth!.user);
  if (!canResetTraining(viewer)) throw new ForbiddenError('Only HMIS administrators can refill the Training site.');
}
