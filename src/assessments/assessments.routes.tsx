import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Viewer } from '../access/access-policy.js';
import { NotFoundError } from '../errors.js';
import { actorOf, viewerOf } from '../http/actor.js';
import { formString, formStrings, submitForm } from '../http/form.js';
import { HEARTH_ID_PATTERN, HUD_ID_PATTERN } from '../hud/ids.js';
import { formatDay } from '../projects/project-fields.js';
import { ANSWER_FIELDS, ANSWER_LIST_FIELDS, answersToInput } from './assessment-fields.js';
import type { MemberAnswersInput } from './assessments.model.js';
import { isStage } from './assessments.service.js';
import { AnnualsDuePage, CorrectionPage, StageFormPage } from './pages/assessments.pages.js';

/** A household never has more members than this: more fields are not read. */
const MAX_MEMBERS = 20;

/**
 * The stage forms of a household (/SITE/enrollments/:id/assessments/new?stage=start|update|annual|exit), the
 * correction of one member's answers, and a project's annual assessments due. Who may see or record what is the
 * enrollment's rule, applied by the enrollments service: an enrollment the viewer may not see is a 404.
 */
export async function assessmentRoutes(app: FastifyInstance) {
  const form = { preHandler: app.csrfProtection };

  app.get('/enrollments/:id/assessments/new', async (request, reply) => {
    const stageForm = await request.site.assessments.stageForm(await viewerOf(request), enrollmentId(request), stageOf(request));
    return reply.page(<StageFormPage ctx={reply.pageContext()} form={stageForm} informationDate={formatDay(request.site.assessments.today())} values={{}} />);
  });

  app.post('/enrollments/:id/assessments/new', form, async (request, reply) => {
    const { site } = request;
    const viewer = await viewerOf(request);
    const id = enrollmentId(request);
    const stage = stageOf(request);
    const informationDate = formString(request.body, 'informationDate', { max: 200 });
    const members = readMembers(request.body);
    return submitForm(reply, {
      action: () => site.assessments.recordStage(viewer, id, stage, { informationDate, members }, actorOf(request)),
      refused: async (failure) => (
        <StageFormPage ctx={reply.pageContext()} form={await site.assessments.stageForm(viewer, id, stage)} informationDate={informationDate} values={members} failure={failure} />
      ),
      done: () => reply.redirect(`/${site.id}/enrollments/${id}#assessments-heading`, 303),
    });
  });

  app.get('/enrollments/:id/assessments/:stage/:date/edit', async (request, reply) => {
    const { stage, date } = recordParams(request);
    const { record, member } = await request.site.assessments.record(await viewerOf(request), enrollmentId(request), stage, date);
    return reply.page(<CorrectionPage ctx={reply.pageContext()} record={record} member={member} values={answersToInput(record.answers)} />);
  });

  app.post('/enrollments/:id/assessments/:stage/:date/edit', form, async (request, reply) => {
    const { site } = request;
    const viewer = await viewerOf(request);
    const id = enrollmentId(request);
    const { stage, date } = recordParams(request);
    const values = readMember(request.body, 'm0.');
    return submitForm(reply, {
      action: () => site.assessments.correct(viewer, id, stage, date, values, actorOf(request)),
      refused: async (failure) => {
        const { record, member } = await site.assessments.record(viewer, id, stage, date);
        return <CorrectionPage ctx={reply.pageContext()} record={record} member={member} values={values} failure={failure} />;
      },
      done: () => reply.redirect(`/${site.id}/enrollments/${id}#assessments-heading`, 303),
    });
  });

  app.get('/projects/:id/annual-assessments', async (request, reply) => {
    const raw = (request.params as { id?: string }).id ?? '';
    if (!HUD_ID_PATTERN.test(raw)) throw new NotFoundError('There is no such project.');
    const due = await request.site.assessments.annualsDue(await viewerOf(request), raw);
    return reply.page(<AnnualsDuePage ctx={reply.pageContext()} {...due} />);
  });
}


function enrollmentId(request: FastifyRequest): string {
  const raw = ((request.params as { id?: string }).id ?? '').toLowerCase();
  if (!HEARTH_ID_PATTERN.test(raw)) throw new NotFoundError('There is no such enrollment.');
  return raw;
}

function stageOf(request: FastifyRequest) {
  const stage = formString(request.query, 'stage', { max: 20 });
  if (!isStage(stage)) throw new NotFoundError('There is no such assessment stage: choose project start, update, annual assessment or exit.');
  return stage;
}

function recordParams(request: FastifyRequest) {
  const { stage, date } = request.params as { stage?: string; date?: string };
  if (!isStage(stage) || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(date ?? '')) throw new NotFoundError('There is no such assessment.');
  return { stage, date: date! };
}

function readMember(body: unknown, prefix: string): MemberAnswersInput {
  const values: Record<string, string | string[]> = {};
  for (const field of ANSWER_FIELDS) values[field] = formString(body, prefix + field, { max: 200 });
  for (const field of ANSWER_LIST_FIELDS) values[field] = formStrings(body, prefix + field, { maxCount: 20, max: 40 });
  return values;
}

/** Every member's answers, by the EnrollmentID each member's fields carry. */
export function readMembers(body: unknown): Record<string, MemberAnswersInput> {
  const members: Record<string, MemberAnswersInput> = {};
  for (let i = 0; i < MAX_MEMBERS; i += 1) {
    const id = formString(body, `m${i}.enrollmentId`, { max: 64 });
    if (HEARTH_ID_PATTERN.test(id)) members[id] = readMember(body, `m${i}.`);
  }
  return members;
}
