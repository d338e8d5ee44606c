import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, viewerOf } from '../http/actor.js';
import type { Viewer } from '../access/access-policy.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { HEAD_OF_HOUSEHOLD } from '../hud/enrollment-code-lists.js';
import { HEARTH_ID_PATTERN } from '../hud/ids.js';
import { formConfirmsWarnings, formOptionalString, formString, formStrings, refuse, submitForm } from '../http/form.js';
import type { FieldErrors, FormFailure } from '../views/form-kit.js';
import {
  EMPTY_EXIT,
  EMPTY_MEMBER_ENTRY,
  exitToInput,
  formatDay,
  MEMBER_ENTRY_FIELDS,
  memberEntryToInput,
  type ExitInput,
  type MemberEntryInput,
} from './enrollment-fields.js';
import type { ClientSummary } from '../clients/clients.model.js';
import type { HouseholdStep } from './enrollments.model.js';
import { defaultExitScope, entryFieldsOf, MAX_HOUSEHOLD_SIZE } from './enrollments.service.js';
import { HouseholdStepPage, MemberDetailsPage, type SearchHit } from './pages/enroll.pages.js';
import { EditEnrollmentPage, EnrollmentPage, isDone } from './pages/enrollment.pages.js';
import { AddMemberPage, ChangeHeadPage, ChooseMemberPage, ExitPage } from './pages/household.pages.js';
import { RosterPage } from './pages/roster.page.js';
import { occurrenceSections } from '../contacts/occurrence-sections.routes.js';
import { AssessmentsSection, ExitAnswerFields } from '../assessments/pages/assessments.pages.js';
import { readMembers } from '../assessments/assessments.routes.js';
import type { MemberAnswersInput } from '../assessments/assessments.model.js';

/**
 * Households, enrollments and exits: /SITE/enrollments/… and a project's roster at
 * /SITE/projects/:id/enrollments. Who may see or change what is decided by the access policy, through the
 * enrollments service; an enrollment the viewer may not see is a 404 everywhere.
 */
export async function enrollmentRoutes(app: FastifyInstance) {
  const form = { preHandler: app.csrfProtection };

  // Enrolling, step one (a GET form: choosing changes nothing stored).
  app.get('/enrollments/new', async (request, reply) => {
    const { site } = request;
    const query = request.query;
    const viewer = await viewerOf(request);
    const action = formString(query, 'action', { max: 20 });
    const step = await site.enrollments.householdStep(viewer, {
      client: personalId(formString(query, 'client', { max: 64 })),
      projectId: query && Object.hasOwn(query, 'projectId') ? formString(query, 'projectId', { max: 64 }) : null,
      entryDate: query && Object.hasOwn(query, 'entryDate') ? formString(query, 'entryDate', { max: 200 }) : null,
      members: [...formStrings(query, 'member'), ...formStrings(query, 'add')].map(personalId),
      remove: formStrings(query, 'remove').map(personalId),
      addId: formString(query, 'addId', { max: 64 }),
      proceed: action === 'continue',
    });
    if (step.kind === 'plan') return reply.page(memberDetails(reply, step));
    const q = formString(query, 'q', { max: 200 });
    let search: SearchHit[] | null = null;
    let searchError: string | null = null;
    if (q && action !== 'continue') {
      try {
        const result = await site.clients.search(q, actorOf(request));
        const inHousehold = new Set([step.client.personalId, ...step.values.others.map((c) => c.personalId)]);
        search = result.clients.map((c) => ({ client: identityOf(c), chosen: inHousehold.has(c.personalId) }));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        searchError = error.message;
      }
    }
    const draw = (failure: FormFailure | null) => (
      <HouseholdStepPage ctx={reply.pageContext()} client={step.client} projects={step.projects} values={step.values} q={q} search={search} searchError={searchError} failure={failure} />
    );
    return step.problem ? refuse(reply, failureOf(step.problem), draw) : reply.page(draw(null));
  });

  // Enrolling, step two: every member's answers, saved together.
  app.post('/enrollments/new', form, async (request, reply) => {
    const { site } = request;
    const body = request.body;
    const viewer = await viewerOf(request);
    const client = personalId(formString(body, 'client', { max: 64 }));
    const projectId = formString(body, 'projectId', { max: 64 });
    const entryDate = formString(body, 'entryDate', { max: 200 });
    const personalIds = formStrings(body, 'members').map(personalId);
    const entries = personalIds.slice(0, MAX_HOUSEHOLD_SIZE).map((_, i) => readEntry(body, `m${i}.`));
    const enrollmentCoc = formString(body, 'enrollmentCoc', { max: 200 });
    return submitForm(reply, {
      action: () => site.enrollments.enroll(viewer, { projectId, entryDate, personalIds, entries, enrollmentCoc, confirmed: formConfirmsWarnings(body) }, actorOf(request)),
      refused: async (failure) => {
        // A household that no longer holds together goes back to step one; else step two comes back as sent.
        const step = await site.enrollments.householdAfterRefusal(viewer, client, { projectId, entryDate, personalIds });
        if (step.kind === 'plan') return memberDetails(reply, step, { entries, enrollmentCoc }, failure);
        return <HouseholdStepPage ctx={reply.pageContext()} client={step.client} projects={step.projects} values={step.values} q="" search={null} failure={failureOf(step.problem) ?? failure} />;
      },
      done: (result) => {
        const own = result.enrollments.find((e) => e.personalId === client) ?? result.enrollments[0]!;
        return reply.redirect(`/${site.id}/enrollments/${own.enrollmentId}?done=enrolled`, 303);
      },
    });
  });

  app.get('/enrollments/:id', async (request, reply) => {
    const detail = await request.site.enrollments.view(await viewerOf(request), enrollmentId(request), actorOf(request));
    const { done, nights } = request.query as Record<string, unknown>;
    // Every "by …" line of the page names its account: the enrollment's and exit's, the sections', the stage records'.
    const occurrences = await occurrenceSections(request.site, detail, { allBedNights: nights === 'all' }, (ids) => reply.pageContextNaming(ids));
    // The assessments feature's section (src/assessments/): stage forms, history, annual and chronic status.
    const overview = await request.site.assessments.overview(await viewerOf(request), detail);
    const recordUserIds = overview.members.flatMap((m) => m.records.map((r) => r.userId));
    const ctx = await reply.pageContextNaming([detail.enrollment.userId, detail.exit?.userId, ...recordUserIds]);
    const assessments = <AssessmentsSection ctx={ctx} overview={overview} />;
    return reply.page(<EnrollmentPage ctx={ctx} detail={detail} done={isDone(done) ? done : null} occurrences={occurrences} assessments={assessments} />);
  });

  app.get('/enrollments/:id/edit', async (request, reply) => {
    const detail = await request.site.enrollments.forChange(await viewerOf(request), enrollmentId(request));
    const values = memberEntryToInput(entryFieldsOf(detail.enrollment));
    const cocCodes = await request.site.enrollments.enrollmentCocChoices(detail);
    const coc = cocCodes && { choices: cocCodes, value: detail.enrollment.enrollmentCoc ?? (cocCodes.length === 1 ? cocCodes[0]! : '') };
    return reply.page(<EditEnrollmentPage ctx={reply.pageContext()} detail={detail} entryDate={formatDay(detail.enrollment.entryDate)} values={values} coc={coc} />);
  });

  app.post('/enrollments/:id/edit', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentId(request);
    const viewer = await viewerOf(request);
    const entryDate = formString(request.body, 'entryDate', { max: 200 });
    const entry = readEntry(request.body, '');
    // Left out (a member's form has no such field) means "keep the stored 3.16".
    const enrollmentCoc = formOptionalString(request.body, 'enrollmentCoc', { max: 20 });
    return submitForm(reply, {
      action: () => site.enrollments.update(viewer, id, { entryDate, entry, enrollmentCoc, confirmed: formConfirmsWarnings(request.body) }, actorOf(request)),
      refused: async (failure) => {
        const detail = await site.enrollments.forChange(viewer, id);
        const cocCodes = await site.enrollments.enrollmentCocChoices(detail);
        return <EditEnrollmentPage ctx={reply.pageContext()} detail={detail} entryDate={entryDate} values={entry} coc={cocCodes && { choices: cocCodes, value: enrollmentCoc ?? detail.enrollment.enrollmentCoc ?? '' }} failure={failure} />;
      },
      done: () => reply.redirect(`/${site.id}/enrollments/${id}?done=saved`, 303),
    });
  });

  // The exit and the exit-stage answers of every member leaving (src/assessments/), in one submit.
  app.get('/enrollments/:id/exit', async (request, reply) => {
    const { site } = request;
    const viewer = await viewerOf(request);
    const id = enrollmentId(request);
    const detail = await site.enrollments.forChange(viewer, id);
    const values = detail.exit ? exitToInput(detail.exit) : { ...EMPTY_EXIT, exitDate: formatDay(site.enrollments.today()) };
    const answers = await exitAnswers(request, id, values.exitDate, {}, {});
    return reply.page(<ExitPage ctx={reply.pageContext()} detail={detail} values={values} scope={defaultExitScope(detail)} answers={answers} />);
  });

  app.post('/enrollments/:id/exit', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentId(request);
    const viewer = await viewerOf(request);
    const values = readExit(request.body);
    const scope = formString(request.body, 'scope', { max: 200 });
    const members = readMembers(request.body);
    return submitForm(reply, {
      action: async () => site.enrollments.exit(viewer, id, values, scope, actorOf(request), await site.assessments.alongsideExit(viewer, id, members, actorOf(request))),
      refused: async (failure) => (
        <ExitPage
          ctx={reply.pageContext()}
          detail={await site.enrollments.forChange(viewer, id)}
          values={values}
          scope={scope === 'member' || scope === 'household' ? scope : ''}
          answers={await exitAnswers(request, id, values.exitDate, members, failure?.errors ?? {})}
          failure={failure}
        />
      ),
      done: () => reply.redirect(`/${site.id}/enrollments/${id}?done=exited`, 303),
    });
  });

  app.post('/enrollments/:id/exit/edit', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentId(request);
    const viewer = await viewerOf(request);
    const values = readExit(request.body);
    return submitForm(reply, {
      action: () => site.enrollments.changeExit(viewer, id, values, actorOf(request)),
      refused: async (failure) => <ExitPage ctx={reply.pageContext()} detail={await site.enrollments.forChange(viewer, id)} values={values} scope="" failure={failure} />,
      done: () => reply.redirect(`/${site.id}/enrollments/${id}?done=exit-saved`, 303),
    });
  });

  app.get('/enrollments/:id/head', async (request, reply) => {
    const detail = await request.site.enrollments.forChange(await viewerOf(request), enrollmentId(request));
    const relationships = Object.fromEntries(
      detail.household.map((m) => [m.enrollmentId, m.relationshipToHoH === HEAD_OF_HOUSEHOLD ? '' : String(m.relationshipToHoH)]),
    );
    return reply.page(<ChangeHeadPage ctx={reply.pageContext()} detail={detail} newHead="" relationships={relationships} />);
  });

  app.post('/enrollments/:id/head', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentId(request);
    const viewer = await viewerOf(request);
    const detail = await site.enrollments.forChange(viewer, id);
    const newHead = formString(request.body, 'newHead', { max: 64 });
    const relationships = Object.fromEntries(detail.household.map((m) => [m.enrollmentId, formString(request.body, `rel.${m.enrollmentId}`, { max: 200 })]));
    return submitForm(reply, {
      action: () => site.enrollments.changeHead(viewer, id, { newHead, relationships, confirmed: formConfirmsWarnings(request.body) }, actorOf(request)),
      refused: async (failure) => (
        <ChangeHeadPage ctx={reply.pageContext()} detail={await site.enrollments.forChange(viewer, id)} newHead={newHead} relationships={relationships} failure={failure} />
      ),
      done: () => reply.redirect(`/${site.id}/enrollments/${id}?done=head-changed`, 303),
    });
  });

  app.get('/enrollments/:id/members/new', async (request, reply) => {
    const { site } = request;
    const id = enrollmentId(request);
    const viewer = await viewerOf(request);
    const query = request.query;
    const typedId = formString(query, 'personalId', { max: 64 });
    const q = formString(query, 'q', { max: 200 });
    if (typedId) {
      return submitForm(reply, {
        action: () => site.enrollments.memberToAdd(viewer, id, typedId),
        refused: async (failure) => <ChooseMemberPage ctx={reply.pageContext()} detail={await site.enrollments.forNewMember(viewer, id)} q={q} personalId={typedId} hits={null} failure={failure} />,
        done: ({ detail, member }) =>
          reply.page(<AddMemberPage ctx={reply.pageContext()} detail={detail} member={member} entryDate={formatDay(site.enrollments.today())} values={EMPTY_MEMBER_ENTRY} />),
      });
    }
    const detail = await site.enrollments.forNewMember(viewer, id);
    const inHousehold = new Set(detail.household.map((m) => m.personalId));
    let hits: { client: ClientSummary; inHousehold: boolean }[] | null = null;
    let failure: FormFailure | null = null;
    if (q) {
      try {
        const result = await site.clients.search(q, actorOf(request));
        hits = result.clients.map((c) => ({ client: identityOf(c), inHousehold: inHousehold.has(c.personalId) }));
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        failure = failureOf(e);
      }
    }
    const draw = (problem: FormFailure | null) => <ChooseMemberPage ctx={reply.pageContext()} detail={detail} q={q} personalId="" hits={hits} failure={problem} />;
    return failure ? refuse(reply, failure, draw) : reply.page(draw(null));
  });

  app.post('/enrollments/:id/members/new', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentId(request);
    const viewer = await viewerOf(request);
    const memberId = personalId(formString(request.body, 'personalId', { max: 64 }));
    const entryDate = formString(request.body, 'entryDate', { max: 200 });
    const entry = readEntry(request.body, '');
    return submitForm(reply, {
      action: () => site.enrollments.addMember(viewer, id, { personalId: memberId, entryDate, entry, confirmed: formConfirmsWarnings(request.body) }, actorOf(request)),
      refused: async (failure) => (
        <AddMemberPage
          ctx={reply.pageContext()}
          detail={await site.enrollments.forChange(viewer, id)}
          member={await site.enrollments.client(memberId)}
          entryDate={entryDate}
          values={entry}
          failure={failure}
        />
      ),
      done: () => reply.redirect(`/${site.id}/enrollments/${id}?done=member-added`, 303),
    });
  });

  app.get('/projects/:id/enrollments', async (request, reply) => {
    const raw = (request.params as { id?: string }).id ?? '';
    const past = (request.query as Record<string, unknown>).past === '1';
    const roster = await request.site.enrollments.roster(await viewerOf(request), raw, { past });
    return reply.page(<RosterPage ctx={reply.pageContext()} roster={roster} />);
  });
}

/** Step two of enrolling, for a household that holds together. */
function memberDetails(
  reply: FastifyReply,
  step: Extract<HouseholdStep, { kind: 'plan' }>,
  sent?: { entries: readonly MemberEntryInput[]; enrollmentCoc: string },
  failure?: FormFailure,
) {
  const { client, plan } = step;
  const fresh = plan.members.map((m) => ({ ...EMPTY_MEMBER_ENTRY, relationshipToHoH: m.client.personalId === client.personalId ? String(HEAD_OF_HOUSEHOLD) : '' }));
  // The project's only CoC is chosen already.
  const onlyCoc = plan.cocCodes.length === 1 ? plan.cocCodes[0]! : '';
  return (
    <MemberDetailsPage
      ctx={reply.pageContext()}
      client={client}
      plan={plan}
      entries={sent?.entries ?? fresh}
      enrollmentCoc={sent?.enrollmentCoc ?? onlyCoc}
      entryDateTyped={step.entryDateTyped}
      failure={failure}
    />
  );
}

/** A refusal the route draws itself, as the kit's pages take it. */
function failureOf(error: ValidationError): FormFailure;
function failureOf(error: ValidationError | null): FormFailure | null;
function failureOf(error: ValidationError | null): FormFailure | null {
  return error && { message: error.message, errors: error.fieldErrors, cause: error };
}

/** A search result as the enrollment pages show it: identity only, never the SSN. */
function identityOf(client: ClientSummary): ClientSummary {
  return { personalId: client.personalId, firstName: client.firstName, middleName: client.middleName, lastName: client.lastName, nameSuffix: client.nameSuffix, dob: client.dob };
}

/** The exit-stage questions of the members still enrolled, as they would be asked on this exit date (none once exited). */
async function exitAnswers(request: FastifyRequest, id: string, exitDate: string, values: Readonly<Record<string, MemberAnswersInput>>, errors: FieldErrors) {
  const form = await request.site.assessments.exitForm(await viewerOf(request), id, exitDate);
  return form && <ExitAnswerFields form={form} values={values} errors={errors} />;
}



/** A PersonalID as typed or sent (case and spaces forgiven); anything else stays as it is and is refused later. */
function personalId(raw: string): string {
  return raw.trim().toLowerCase();
}

function enrollmentId(request: FastifyRequest): string {
  const raw = ((request.params as { id?: string }).id ?? '').toLowerCase();
  if (!HEARTH_ID_PATTERN.test(raw)) throw new NotFoundError('There is no such enrollment.');
  return raw;
}

function readEntry(body: unknown, prefix: string): MemberEntryInput {
  const entry = { ...EMPTY_MEMBER_ENTRY };
  for (const field of MEMBER_ENTRY_FIELDS) entry[field] = formString(body, `${prefix}${field}`, { max: 200 });
  return entry;
}

function readExit(body: unknown): ExitInput {
  return {
    exitDate: formString(body, 'exitDate', { max: 200 }),
    destination: formString(body, 'destination', { max: 200 }),
    destinationSubsidyType: formString(body, 'destinationSubsidyType', { max: 200 }),
    otherDestination: formString(body, 'otherDestination', { max: 400 }),
  };
}

