import type { FastifyInstance } from 'fastify';
import type { VNode } from 'preact';
import type { Viewer } from '../access/access-policy.js';
import type { Actor } from '../audit/audit-log.js';
import type { EnrollmentDetail } from '../enrollments/enrollments.model.js';
import type { SiteServices } from '../sites/site-services.js';
import type { FormFailure } from '../views/form-kit.js';
import type { PageContext } from '../views/page-context.js';
import { formatDay } from '../enrollments/enrollment-fields.js';
import { actorOf } from '../http/actor.js';
import { formString, submitForm } from '../http/form.js';
import { viewerOf } from '../http/actor.js';
import { enrollmentParam } from '../move-in/move-in.routes.js';
import { AssessmentPage, EventPage } from './coordinated-entry.pages.js';
import { EMPTY_ASSESSMENT, EMPTY_EVENT, type CeAssessmentInput, type CeEventInput } from './coordinated-entry.model.js';

const read = <T extends object>(empty: T, body: unknown): T => Object.fromEntries(Object.keys(empty).map((name) => [name, formString(body, name, { max: 1000 })])) as T;

/** One "record" form of a CE enrollment: its page, its blank answers dated today, and the service call that saves it. */
interface RecordingForm<T extends object> {
  path: string;
  empty: T;
  dated: (today: string) => T;
  Page: (props: { ctx: PageContext; detail: EnrollmentDetail; values: T; failure?: FormFailure | null }) => VNode;
  record: (site: SiteServices, viewer: Viewer, enrollmentId: string, values: T, actor: Actor) => Promise<void>;
}

function recordingForm<T extends object>(app: FastifyInstance, spec: RecordingForm<T>) {
  const { Page } = spec;
  app.get(`/enrollments/:id/${spec.path}/new`, async (request, reply) => {
    const { site } = request;
    const detail = await site.coordinatedEntry.forRecording(await viewerOf(request), enrollmentParam(request));
    return reply.page(<Page ctx={reply.pageContext()} detail={detail} values={spec.dated(formatDay(site.contacts.today()))} />);
  });

  app.post(`/enrollments/:id/${spec.path}/new`, { preHandler: app.csrfProtection }, async (request, reply) => {
    const { site } = request;
    const id = enrollmentParam(request);
    const viewer = await viewerOf(request);
    const values = read<T>(spec.empty, request.body);
    return submitForm(reply, {
      action: () => spec.record(site, viewer, id, values, actorOf(request)),
      refused: async (failure) => <Page ctx={reply.pageContext()} detail={await site.coordinatedEntry.forRecording(viewer, id)} values={values} failure={failure} />,
      done: () => reply.redirect(`/${site.id}/enrollments/${id}?done=saved`, 303),
    });
  });
}

/** 4.19 and 4.20 on a coordinated entry enrollment: /SITE/enrollments/:id/ce-assessments/new and …/ce-events/new. */
export async function coordinatedEntryRoutes(app: FastifyInstance) {
  const form = { preHandler: app.csrfProtection };

  recordingForm(app, {
    path: 'ce-assessments',
    empty: EMPTY_ASSESSMENT,
    dated: (today): CeAssessmentInput => ({ ...EMPTY_ASSESSMENT, assessmentDate: today }),
    Page: AssessmentPage,
    record: (site, viewer, id, values, actor) => site.coordinatedEntry.recordAssessment(viewer, id, values, actor),
  });

  recordingForm(app, {
    path: 'ce-events',
    empty: EMPTY_EVENT,
    dated: (today): CeEventInput => ({ ...EMPTY_EVENT, eventDate: today }),
    Page: EventPage,
    record: (site, viewer, id, values, actor) => site.coordinatedEntry.recordEvent(viewer, id, values, actor),
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
}
