import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Viewer } from '../access/access-policy.js';
import { formatDay } from '../enrollments/enrollment-fields.js';
import { NotFoundError } from '../errors.js';
import { actorOf, viewerOf } from '../http/actor.js';
import { formString, submitForm } from '../http/form.js';
import { HEARTH_ID_PATTERN } from '../hud/ids.js';
import { MoveInPage } from './move-in.pages.js';

/** 3.20 on the head of household's enrollment: /SITE/enrollments/:id/move-in. */
export async function moveInRoutes(app: FastifyInstance) {
  app.get('/enrollments/:id/move-in', async (request, reply) => {
    const { detail, moveInDate } = await request.site.moveIn.current(await viewerOf(request), enrollmentParam(request));
    return reply.page(<MoveInPage ctx={reply.pageContext()} detail={detail} value={moveInDate ? formatDay(moveInDate) : ''} />);
  });

  app.post('/enrollments/:id/move-in', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { site } = request;
    const id = enrollmentParam(request);
    const viewer = await viewerOf(request);
    const typed = formString(request.body, 'moveInDate', { max: 40 });
    return submitForm(reply, {
      action: () => site.moveIn.record(viewer, id, typed, actorOf(request)),
      refused: async (failure) => <MoveInPage ctx={reply.pageContext()} detail={(await site.moveIn.current(viewer, id)).detail} value={typed} failure={failure} />,
      done: () => reply.redirect(`/${site.id}/enrollments/${id}?done=saved`, 303),
    });
  });
}


/** An enrollment id from the address; anything else is a page that does not exist. */
export function enrollmentParam(request: FastifyRequest): string {
  const raw = (request.params as { id?: string }).id ?? '';
  if (!HEARTH_ID_PATTERN.test(raw)) throw new NotFoundError('There is no such enrollment.');
  return raw;
}
