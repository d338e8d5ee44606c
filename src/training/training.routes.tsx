import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canResetTraining } from '../access/access-policy.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { actorOf, viewerOf } from '../http/actor.js';
import { formString, submitForm } from '../http/form.js';
import { CONFIRMATION_WORD, TrainingDataPage, type TrainingDataPageProps } from './training-data.page.js';
import { LIVE_REFUSAL } from './training.service.js';

/**
 * /SITE/admin/training-data: HMIS administrators of the Training site refill it with generated data. The
 * Live site answers 403 with the reason: it never holds generated data.
 */
export async function trainingRoutes(app: FastifyInstance) {
  app.get('/', async (request, reply) => {
    await assertMayReset(request);
    const done = (request.query as Record<string, unknown>).done === '1';
    return reply.page(await trainingDataPage(request, reply, { done }));
  });

  app.post('/', { preHandler: app.csrfProtection }, async (request, reply) => {
    await assertMayReset(request);
    const { site } = request;
    let confirm = '';
    return submitForm(reply, {
      action: async () => {
        confirm = formString(request.body, 'confirm', { max: 100 });
        if (confirm.toUpperCase() !== CONFIRMATION_WORD) {
          throw new ValidationError(NOTHING_CHANGED, {
            confirm: [`Type ${CONFIRMATION_WORD} in the box to confirm that every client, enrollment, project and agency on the ${site.name} is replaced.`],
          });
        }
        await site.training.reset(actorOf(request));
      },
      // A box sent in an unexpected form (twice) is refused on the box too.
      refused: (failure) =>
        trainingDataPage(request, reply, { confirm, failure: failure.errors.confirm ? failure : { message: NOTHING_CHANGED, errors: { confirm: [failure.message] } } }),
      done: () => reply.redirect(`/${site.id}/admin/training-data?done=1`, 303),
    });
  });
}

const NOTHING_CHANGED = 'Nothing was changed.';

async function trainingDataPage(request: FastifyRequest, reply: FastifyReply, extra: Pick<TrainingDataPageProps, 'done' | 'confirm' | 'failure'>) {
  const { training } = request.site;
  const [counts, lastReset] = await Promise.all([training.counts(), training.lastReset()]);
  return <TrainingDataPage ctx={reply.pageContext()} counts={counts} lastReset={lastReset} {...extra} />;
}

async function assertMayReset(request: FastifyRequest): Promise<void> {
  const { site } = request;
  if (!site.training.available) throw new ForbiddenError(LIVE_REFUSAL);
  const viewer = await viewerOf(request);
  if (!canResetTraining(viewer)) throw new ForbiddenError('Only HMIS administrators can refill the Training site.');
}
