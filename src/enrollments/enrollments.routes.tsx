import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../http/actor.js';
import type { Viewer } from '../access/access-policy.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { HEAD_OF_HOUSEHOLD } from '../hud/enrollment-code-lists.js';
import { HEARTH_ID_PATTERN } from '../hud/ids.js';
import { formString, formStrings } from '../http/form.js';
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
import { clientName } from '../clients/client-name.js';
import type { ClientSummary } from '../clients/clients.model.js';
import type { EnrollmentDetail, ExitScope } from './enrollments.model.js';
import { entryFieldsOf, MAX_HOUSEHOLD_SIZE, StayConflictError } from './enrollments.service.js';
import { HouseholdStepPage, MemberDetailsPage, type HouseholdStepValues, type SearchHit } from './pages/enroll.pages.js';
import { EditEnrollmentPage, EnrollmentPage, isDone } from './pages/enrollment.pages.js';
import { AddMemberPage, ChangeHeadPage, ChooseMemberPage, ExitPage } from './pages/household.pages.js';
import { RosterPage } from './pages/roster.page.js';
import { AssessmentsSection } from '../assessments/pages/assessments.pages.js';

type FieldErrors = Record<string, string[]>;

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
    const client = await site.enrollments.client(personalId(formString(query, 'client', { max: 64 })));
    const projects = await site.enrollments.enrollableProjects(viewer);
    if (projects.length === 0) {
      throw new ForbiddenError('You can enroll clients only into projects of the agencies you work for, and you work for none yet. An HMIS administrator can add you to an agency.');
    }
    const action = formString(query, 'action', { max: 20 });
    const errors: FieldErrors = {};
    const removed = new Set(formStrings(query, 'remove').map(personalId));
    const wanted = [...formStrings(query, 'member'), ...formStrings(query, 'add')].map(personalId).filter((id) => id !== client.personalId && !removed.has(id));
    const others = await site.enrollments.clients([...new Set(wanted)]);

    let addId = formString(query, 'addId', { max: 64 }).replace(/[\s-]/g, '').toLowerCase();
    if (addId) {
      const [found] = HEARTH_ID_PATTERN.test(addId) ? await site.enrollments.clients([addId]) : [];
      if (!HEARTH_ID_PATTERN.test(addId)) errors.addId = [`“${addId.slice(0, 40)}” is not a PersonalID: a PersonalID has 32 letters (a–f) and digits.`];
      else if (!found) errors.addId = ['No client has this PersonalID.'];
      else if (found.personalId === client.personalId || others.some((c) => c.personalId === found.personalId)) errors.addId = [`${clientName(found)} is already in the household.`];
      else {
        others.push(found);
        addId = '';
      }
    }
    if (others.length + 1 > MAX_HOUSEHOLD_SIZE) {
      errors.members = [`A household can have at most ${MAX_HOUSEHOLD_SIZE} members.`];
      others.length = MAX_HOUSEHOLD_SIZE - 1;
    }
    const values: HouseholdStepValues = {
      projectId: query && Object.hasOwn(query, 'projectId') ? formString(query, 'projectId', { max: 64 }) : projects.length === 1 ? projects[0]!.projectId : '',
      entryDate: query && Object.hasOwn(query, 'entryDate') ? formString(query, 'entryDate', { max: 200 }) : formatDay(site.enrollments.today()),
      others,
      addId,
      q: formString(query, 'q', { max: 200 }),
    };

    if (action === 'continue' && Object.keys(errors).length === 0) {
      try {
        const plan = await site.enrollments.planHousehold(viewer, { projectId: values.projectId, entryDate: values.entryDate, personalIds: [client.personalId, ...others.map((c) => c.personalId)] });
        const entries = plan.members.map((m) => ({ ...EMPTY_MEMBER_ENTRY, relationshipToHoH: m.client.personalId === client.personalId ? String(HEAD_OF_HOUSEHOLD) : '' }));
        return reply.page(<MemberDetailsPage ctx={reply.pageContext()} client={client} plan={plan} entries={entries} entryDateTyped={values.entryDate} />);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return reply.page(householdStep(reply, client, projects, values, null, null, error), 422);
      }
    }

    let search: SearchHit[] | null = null;
    let searchError: string | null = null;
    if (values.q && action !== 'continue') {
      try {
        const result = await site.clients.search(values.q, actorOf(request));
        const inHousehold = new Set([client.personalId, ...others.map((c) => c.personalId)]);
        search = result.clients.map((c) => ({ client: identityOf(c), chosen: inHousehold.has(c.personalId) }));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        searchError = error.message;
      }
    }
    const problem = Object.keys(errors).length > 0 ? new ValidationError('Please correct the highlighted answers.', errors) : null;
    return reply.page(householdStep(reply, client, projects, values, search, searchError, problem), problem ? 422 : 200);
  });

  // Enrolling, step two: every member's answers, saved together.
  app.post('/enrollments/new', form, async (request, reply) => {
    const { site } = request;
    const body = request.body;
    const viewer = await viewerOf(request);
    const client = await site.enrollments.client(personalId(formString(body, 'client', { max: 64 })));
    const projectId = formString(body, 'projectId', { max: 64 });
    const entryDate = formString(body, 'entryDate', { max: 200 });
    const personalIds = formStrings(body, 'members').map(personalId);
    const entries = personalIds.slice(0, MAX_HOUSEHOLD_SIZE).map((_, i) => readEntry(body, `m${i}.`));
    let plan;
    try {
      plan = await site.enrollments.planHousehold(viewer, { projectId, entryDate, personalIds });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const projects = await site.enrollments.enrollableProjects(viewer);
      const others = await site.enrollments.clients([...new Set(personalIds)].filter((id) => id !== client.personalId));
      const values: HouseholdStepValues = { projectId, entryDate, others: others.slice(0, MAX_HOUSEHOLD_SIZE - 1), addId: '', q: '' };
      return reply.page(householdStep(reply, client, projects, values, null, null, error), 422);
    }
    try {
      const result = await site.enrollments.enroll(viewer, { projectId, entryDate, personalIds, entries }, actorOf(request));
      const own = result.enrollments.find((e) => e.personalId === client.personalId) ?? result.enrollments[0]!;
      return reply.redirect(`/${site.id}/enrollments/${own.enrollmentId}?done=enrolled`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const page = (
        <MemberDetailsPage
          ctx={reply.pageContext()}
          client={client}
          plan={plan}
          entries={entries}
          entryDateTyped={entryDate}
          error={error.message}
          errors={error.fieldErrors}
          conflicts={conflictsOf(error)}
        />
      );
      return reply.page(page, 422);
    }
  });

  app.get('/enrollments/:id', async (request, reply) => {
    const detail = await request.site.enrollments.view(await viewerOf(request), enrollmentId(request), actorOf(request));
    const done = (request.query as Record<string, unknown>).done;
    // The assessments feature's section (src/assessments/): stage forms, history, annual and chronic status.
    const assessments = <AssessmentsSection ctx={reply.pageContext()} overview={await request.site.assessments.overview(await viewerOf(request), detail.enrollment.enrollmentId)} />;
    return reply.page(<EnrollmentPage ctx={reply.pageContext()} detail={detail} done={isDone(done) ? done : null} assessments={assessments} />);
  });

  app.get('/enrollments/:id/edit', async (request, reply) => {
    const detail = await request.site.enrollments.forChange(await viewerOf(request), enrollmentId(request));
    const values = memberEntryToInput(entryFieldsOf(detail.enrollment));
    return reply.page(<EditEnrollmentPage ctx={reply.pageContext()} detail={detail} entryDate={formatDay(detail.enrollment.entryDate)} values={values} />);
  });

  app.post('/enrollments/:id/edit', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentId(request);
    const viewer = await viewerOf(request);
    const entryDate = formString(request.body, 'entryDate', { max: 200 });
    const entry = readEntry(request.body, '');
    try {
      await site.enrollments.update(viewer, id, { entryDate, entry }, actorOf(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const detail = await site.enrollments.forChange(viewer, id);
      const page = (
        <EditEnrollmentPage ctx={reply.pageContext()} detail={detail} entryDate={entryDate} values={entry} error={error.message} errors={error.fieldErrors} conflicts={conflictsOf(error)} />
      );
      return reply.page(page, 422);
    }
    return reply.redirect(`/${site.id}/enrollments/${id}?done=saved`, 303);
  });

  app.get('/enrollments/:id/exit', async (request, reply) => {
    const { site } = request;
    const detail = await site.enrollments.forChange(await viewerOf(request), enrollmentId(request));
    const values = detail.exit ? exitToInput(detail.exit) : { ...EMPTY_EXIT, exitDate: formatDay(site.enrollments.today()) };
    return reply.page(<ExitPage ctx={reply.pageContext()} detail={detail} values={values} scope={defaultScope(detail)} />);
  });

  app.post('/enrollments/:id/exit', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentId(request);
    const viewer = await viewerOf(request);
    const values = readExit(request.body);
    const scope = formString(request.body, 'scope', { max: 200 });
    try {
      if (scope !== 'member' && scope !== 'household') {
        throw new ValidationError('Please correct the highlighted answers.', { scope: ['Choose who leaves the project: this member only, or the whole household.'] });
      }
      await site.enrollments.exit(viewer, id, values, scope, actorOf(request));
      return reply.redirect(`/${site.id}/enrollments/${id}?done=exited`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const detail = await site.enrollments.forChange(viewer, id);
      const page = (
        <ExitPage ctx={reply.pageContext()} detail={detail} values={values} scope={scope === 'member' || scope === 'household' ? scope : ''} error={error.message} errors={error.fieldErrors} />
      );
      return reply.page(page, 422);
    }
  });

  app.post('/enrollments/:id/exit/edit', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentId(request);
    const viewer = await viewerOf(request);
    const values = readExit(request.body);
    try {
      await site.enrollments.changeExit(viewer, id, values, actorOf(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const detail = await site.enrollments.forChange(viewer, id);
      const page = <ExitPage ctx={reply.pageContext()} detail={detail} values={values} scope="" error={error.message} errors={error.fieldErrors} conflicts={conflictsOf(error)} />;
      return reply.page(page, 422);
    }
    return reply.redirect(`/${site.id}/enrollments/${id}?done=exit-saved`, 303);
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
    try {
      await site.enrollments.changeHead(viewer, id, { newHead, relationships }, actorOf(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const fresh = await site.enrollments.forChange(viewer, id);
      return reply.page(<ChangeHeadPage ctx={reply.pageContext()} detail={fresh} newHead={newHead} relationships={relationships} error={error.message} errors={error.fieldErrors} />, 422);
    }
    return reply.redirect(`/${site.id}/enrollments/${id}?done=head-changed`, 303);
  });

  app.get('/enrollments/:id/members/new', async (request, reply) => {
    const { site } = request;
    const detail = await site.enrollments.forChange(await viewerOf(request), enrollmentId(request));
    refuseEndedHousehold(detail);
    const query = request.query;
    const typedId = formString(query, 'personalId', { max: 64 });
    const q = formString(query, 'q', { max: 200 });
    const inHousehold = new Set(detail.household.map((m) => m.personalId));
    if (typedId) {
      const id = typedId.replace(/[\s-]/g, '').toLowerCase();
      const [member] = await site.enrollments.clients([id]);
      const problem = !member ? 'No client has this PersonalID.' : inHousehold.has(member.personalId) ? `${clientName(member)} is already in this household.` : null;
      if (problem || !member) {
        return reply.page(<ChooseMemberPage ctx={reply.pageContext()} detail={detail} q={q} personalId={typedId} hits={null} error={problem} />, 422);
      }
      return reply.page(<AddMemberPage ctx={reply.pageContext()} detail={detail} member={member} entryDate={formatDay(site.enrollments.today())} values={EMPTY_MEMBER_ENTRY} />);
    }
    let hits: { client: ClientSummary; inHousehold: boolean }[] | null = null;
    let error: string | null = null;
    if (q) {
      try {
        const result = await site.clients.search(q, actorOf(request));
        hits = result.clients.map((c) => ({ client: identityOf(c), inHousehold: inHousehold.has(c.personalId) }));
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        error = e.message;
      }
    }
    return reply.page(<ChooseMemberPage ctx={reply.pageContext()} detail={detail} q={q} personalId="" hits={hits} error={error} />, error ? 422 : 200);
  });

  app.post('/enrollments/:id/members/new', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentId(request);
    const viewer = await viewerOf(request);
    const memberId = personalId(formString(request.body, 'personalId', { max: 64 }));
    const entryDate = formString(request.body, 'entryDate', { max: 200 });
    const entry = readEntry(request.body, '');
    try {
      await site.enrollments.addMember(viewer, id, { personalId: memberId, entryDate, entry }, actorOf(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const detail = await site.enrollments.forChange(viewer, id);
      const member = await site.enrollments.client(memberId);
      const page = (
        <AddMemberPage ctx={reply.pageContext()} detail={detail} member={member} entryDate={entryDate} values={entry} error={error.message} errors={error.fieldErrors} conflicts={conflictsOf(error)} />
      );
      return reply.page(page, 422);
    }
    return reply.redirect(`/${site.id}/enrollments/${id}?done=member-added`, 303);
  });

  app.get('/projects/:id/enrollments', async (request, reply) => {
    const raw = (request.params as { id?: string }).id ?? '';
    const past = (request.query as Record<string, unknown>).past === '1';
    const roster = await request.site.enrollments.roster(await viewerOf(request), raw, { past });
    return reply.page(<RosterPage ctx={reply.pageContext()} roster={roster} />);
  });
}

function householdStep(
  reply: FastifyReply,
  client: ClientSummary,
  projects: Parameters<typeof HouseholdStepPage>[0]['projects'],
  values: HouseholdStepValues,
  search: SearchHit[] | null,
  searchError: string | null,
  error: ValidationError | null,
) {
  return (
    <HouseholdStepPage
      ctx={reply.pageContext()}
      client={client}
      projects={projects}
      values={values}
      search={search}
      searchError={searchError}
      error={error?.message}
      errors={error?.fieldErrors}
      conflicts={error ? conflictsOf(error) : undefined}
    />
  );
}

function refuseEndedHousehold(detail: EnrollmentDetail) {
  const head = detail.household.find((m) => m.relationshipToHoH === HEAD_OF_HOUSEHOLD);
  if (!head || head.exitDate !== null) throw new ConflictError('This household’s stay has ended: enroll the client as a new household instead.');
}

function defaultScope(detail: EnrollmentDetail): ExitScope {
  const open = detail.household.filter((m) => m.exitDate === null);
  return detail.enrollment.relationshipToHoH === HEAD_OF_HOUSEHOLD && open.length > 1 ? 'household' : 'member';
}

function conflictsOf(error: ValidationError) {
  return error instanceof StayConflictError ? error.conflicts : undefined;
}

/** A search result as the enrollment pages show it: identity only, never the SSN. */
function identityOf(client: ClientSummary): ClientSummary {
  return { personalId: client.personalId, firstName: client.firstName, middleName: client.middleName, lastName: client.lastName, nameSuffix: client.nameSuffix, dob: client.dob };
}

async function viewerOf(request: FastifyRequest): Promise<Viewer> {
  return request.site.access.viewerOf(request.auth!.user);
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

