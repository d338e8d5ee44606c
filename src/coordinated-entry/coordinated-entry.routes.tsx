import type { FastifyInstance } from 'fastify';
import { formatDay } from '../enrollments/enrollment-fields.js';
import { actorOf } from '../http/actor.js';
import { formString, submitForm } from '../http/form.js';
import { viewerOf } from '../http/actor.js';
import { enrollmentParam } from '../move-in/move-in.routes.js';
import { AssessmentPage, EventPage } from './coordinated-entry.pages.js';
import { EMPTY_ASSESSMENT, EMPTY_EVENT, type CeAssessmentInput, type CeEventInput } from './coordinated-entry.model.js';

const read = <T extends object>(empty: T, body: unknown): T => Object.fromEntries(Object.keys(empty).map((name) => [name, formString(body, name, { max: 1000 })])) as T;

/** 4.19 and 4.20 on a coordinated entry enrollment: /SITE/enrollments/:id/ce-assessments/new and …/ce-events/new. */
export async function coordinatedEntryRoutes(app: FastifyInstance) {
  const form = { preHandler: app.csrfProtection };

  app.get('/enrollments/:id/ce-assessments/new', async (request, reply) => {
    const { site } = request;
    const detail = await site.coordinatedEntry.forRecording(await viewerOf(request), enrollmentParam(request));
    return reply.page(<AssessmentPage ctx={reply.pageContext()} detail={detail} values={{ ...EMPTY_ASSESSMENT, assessmentDate: formatDay(site.contacts.today()) }} />);
  });

  app.post('/enrollments/:id/ce-assessments/new', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentParam(request);
    const viewer = await viewerOf(request);
    const values = read<CeAssessmentInput>(EMPTY_ASSESSMENT, request.body);
    return submitForm(reply, {
      action: () => site.coordinatedEntry.recordAssessment(viewer, id, values, actorOf(request)),
      refused: async (failure) => <AssessmentPage ctx={reply.pageContext()} detail={await site.coordinatedEntry.forRecording(viewer, id)} values={values} failure={failure} />,
      done: () => reply.redirect(`/${site.id}/enrollments/${id}?done=saved`, 303),
    });
  });

  for (const [kind, path] of [['assessment', 'ce-assessments'], ['event', 'ce-events']] as const) {
    app.post(`/enrollments/:id/${path}/:recordId/delete`, form, async (request, reply) => {
      const { site } = request;
      const id = enrollmentParam(request);
      const recordId = ((request.params as { recordId?: string }).recordId ?? '').toLowerCase();
      await site.coordinatedEntry.deleteRecord(await viewerOf(request), id, kind, recordId, actorOf(request));
      return reply.redirect(`/${site.id}/enrollments/${id}?done=saved#ce-heading`, 303);
    });
  }

  app.get('/enrollments/:id/ce-events/new', async (request, reply) => {
    const { site } = request;
    const detail = await site.coordinatedEntry.forRecording(await viewerOf(request), enrollmentParam(request));
    return reply.page(<EventPage ctx={reply.pageContext()} detail={detail} values={{ ...EMPTY_EVENT, eventDate: formatDay(site.contacts.today()) }} />);
  });

  app.post('/enrollments/:id/ce-events/new', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentParam(request);
    const viewer = await viewerOf(request);
    const values = read<CeEventInput>(EMPTY_EVENT, request.body);
    return submitForm(reply, {
      action: () => site.coordinatedEntry.recordEvent(viewer, id, values, actorOf(request)),
      refused: async (failure) => <EventPage ctx={reply.pageContext()} detail={await site.coordinatedEntry.forRecording(viewer, id)} values={values} failure={failure} />,
      done: () => reply.redirect(`/${site.id}/enrollments/${id}?done=saved`, 303),
    });
  });
}
