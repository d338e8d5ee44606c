import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Viewer } from '../access/access-policy.js';
import type { Actor } from '../audit/audit-log.js';
import { NotFoundError } from '../errors.js';
import { actorOf } from '../http/actor.js';
import { formConfirmsWarnings, formString, formStrings, submitForm } from '../http/form.js';
import { HUD_ID_PATTERN } from '../hud/ids.js';
import type { SiteServices } from '../sites/site-services.js';
import type { FormFailure } from '../views/form-kit.js';
import {
  AffiliationFields,
  CeParticipationFields,
  ceParticipationValues,
  FunderFields,
  funderValues,
  HmisParticipationFields,
  hmisParticipationValues,
  InventoryFields,
  inventoryValues,
  ProjectCocFields,
  projectCocValues,
} from './pages/fields.js';
import { SETUP_PATHS } from './pages/project.pages.js';
import { SetupRecordPage } from './pages/setup.pages.js';
import {
  EMPTY_CE_PARTICIPATION,
  EMPTY_FUNDER,
  EMPTY_HMIS_PARTICIPATION,
  EMPTY_INVENTORY,
  EMPTY_PROJECT_COC,
  type CeParticipationInput,
  type FunderInput,
  type HmisParticipationInput,
  type InventoryInput,
  type ProjectCocInput,
} from './project-setup-fields.js';
import { BED_CATEGORIES, type BedCategory } from './project-setup.model.js';
import { refuseAffiliationsFor, refuseInventoryFor } from './project-setup.service.js';
import type { Project } from './projects.model.js';
import { viewerOf } from '../http/actor.js';
import { idParam } from './projects.routes.js';

/** What a set-up form needs to draw: the project, what was typed, why it was refused, the record it corrects. */
interface FormState<I, R> {
  site: SiteServices;
  project: Project;
  values: I;
  failure: FormFailure | null;
  record: R | null;
}

/**
 * One kind of set-up record, declared once: how its form is read and drawn, and which service calls add,
 * correct, delete and find it. The routes below serve every kind the same way.
 */
interface SetupKind<I, R> {
  element: string;
  /** The project page's section (its id). */
  section: string;
  addHeading: string;
  editHeading: string | null;
  read(body: unknown): I;
  empty: I;
  values(record: R): I;
  find(site: SiteServices, projectId: string, recordId: string): Promise<R>;
  add(site: SiteServices, viewer: Viewer, projectId: string, input: I, confirmed: boolean, actor: Actor): Promise<unknown>;
  update: ((site: SiteServices, viewer: Viewer, projectId: string, recordId: string, input: I, confirmed: boolean, actor: Actor) => Promise<unknown>) | null;
  /** Refuses the forms for a project that HUD asks no such record of (the service refuses the change itself too). */
  applies?(project: Project): void;
  remove(site: SiteServices, viewer: Viewer, projectId: string, recordId: string, actor: Actor): Promise<void>;
  fields(state: FormState<I, R>): Promise<VNode> | VNode;
}

const kind = <I, R>(definition: SetupKind<I, R>): SetupKind<I, R> => definition;
const text = (body: unknown, name: string, max = 200) => formString(body, name, { max });
/** A form's text fields, each at most its length. */
const texts = <K extends string>(body: unknown, limits: Record<K, number>) =>
  Object.fromEntries(Object.entries<number>(limits).map(([name, max]) => [name, text(body, name, max)])) as Record<K, string>;

const KINDS: Readonly<Record<string, SetupKind<any, any>>> = {
  [SETUP_PATHS.cocs]: kind({
    element: '2.03 Continuum of Care information',
    section: 'cocs',
    addHeading: 'Add a CoC',
    editHeading: 'Correct a CoC',
    read: (body): ProjectCocInput => texts(body, { cocCode: 40, geocode: 40, address1: 1000, address2: 1000, city: 1000, state: 40, zip: 40, geographyType: 20 }),
    empty: EMPTY_PROJECT_COC,
    values: projectCocValues,
    find: (site, projectId, recordId) => site.projectSetup.projectCoc(projectId, recordId),
    add: (site, viewer, projectId, input, _confirmed, actor) => site.projectSetup.addProjectCoc(viewer, projectId, input, actor),
    update: (site, viewer, projectId, recordId, input, _confirmed, actor) => site.projectSetup.updateProjectCoc(viewer, projectId, recordId, input, actor),
    remove: (site, viewer, projectId, recordId, actor) => site.projectSetup.deleteProjectCoc(viewer, projectId, recordId, actor),
    fields: ({ values, failure }) => <ProjectCocFields values={values} errors={failure?.errors ?? {}} />,
  }),
  [SETUP_PATHS.funders]: kind({
    element: '2.06 Funding sources',
    section: 'funders',
    addHeading: 'Add a funding source',
    editHeading: 'Correct a funding source',
    read: (body): FunderInput => texts(body, { funder: 20, otherFunder: 1000, grantId: 1000, startDate: 40, endDate: 40 }),
    empty: EMPTY_FUNDER,
    values: funderValues,
    find: (site, projectId, recordId) => site.projectSetup.funder(projectId, recordId),
    add: (site, viewer, projectId, input, confirmed, actor) => site.projectSetup.addFunder(viewer, projectId, input, confirmed, actor),
    update: (site, viewer, projectId, recordId, input, confirmed, actor) => site.projectSetup.updateFunder(viewer, projectId, recordId, input, confirmed, actor),
    remove: (site, viewer, projectId, recordId, actor) => site.projectSetup.deleteFunder(viewer, projectId, recordId, actor),
    fields: ({ values, failure, record }) => <FunderFields values={values} errors={failure?.errors ?? {}} warnings={failure?.warnings} retired={record?.funder ?? null} />,
  }),
  [SETUP_PATHS.inventory]: kind({
    element: '2.07 Bed and unit inventory',
    section: 'inventory',
    addHeading: 'Add inventory',
    editHeading: 'Correct inventory',
    read: (body): InventoryInput => ({
      ...texts(body, { cocCode: 40, householdType: 20, availability: 20, esBedType: 20, unitInventory: 40, inventoryStartDate: 40, inventoryEndDate: 40 }),
      ...texts(body, Object.fromEntries(BED_CATEGORIES.map((c) => [c, 40])) as Record<BedCategory, number>),
    }),
    empty: EMPTY_INVENTORY,
    values: inventoryValues,
    find: (site, projectId, recordId) => site.projectSetup.inventory(projectId, recordId),
    add: (site, viewer, projectId, input, _confirmed, actor) => site.projectSetup.addInventory(viewer, projectId, input, actor),
    update: (site, viewer, projectId, recordId, input, _confirmed, actor) => site.projectSetup.updateInventory(viewer, projectId, recordId, input, actor),
    remove: (site, viewer, projectId, recordId, actor) => site.projectSetup.deleteInventory(viewer, projectId, recordId, actor),
    applies: refuseInventoryFor,
    fields: async ({ site, project, values, failure }) => (
      <InventoryFields values={values} errors={failure?.errors ?? {}} context={await site.projectSetup.inventoryContext(project)} />
    ),
  }),
  [SETUP_PATHS.affiliations]: kind({
    element: '2.02.C Affiliated residential projects',
    section: 'affiliations',
    addHeading: 'Add an affiliated residential project',
    editHeading: null,
    read: (body): { resProjectId: string } => ({ resProjectId: text(body, 'resProjectId', 100) }),
    empty: { resProjectId: '' },
    values: (record: { resProjectId: string }) => ({ resProjectId: record.resProjectId }),
    find: () => Promise.reject(new NotFoundError('There is no such page.')),
    add: (site, viewer, projectId, input, _confirmed, actor) => site.projectSetup.addAffiliation(viewer, projectId, input, actor),
    update: null,
    remove: (site, viewer, projectId, recordId, actor) => site.projectSetup.deleteAffiliation(viewer, projectId, recordId, actor),
    applies: refuseAffiliationsFor,
    fields: async ({ site, project, values, failure }) => (
      <AffiliationFields value={values.resProjectId} errors={failure?.errors ?? {}} candidates={await site.projectSetup.affiliationCandidates(project.projectId)} />
    ),
  }),
  [SETUP_PATHS.hmisParticipation]: kind({
    element: '2.08 HMIS participation',
    section: 'hmis-participation',
    addHeading: 'Add an HMIS participation period',
    editHeading: 'Correct an HMIS participation period',
    read: (body): HmisParticipationInput => texts(body, { hmisParticipationType: 20, startDate: 40, endDate: 40 }),
    empty: EMPTY_HMIS_PARTICIPATION,
    values: hmisParticipationValues,
    find: (site, projectId, recordId) => site.projectSetup.hmisParticipation(projectId, recordId),
    add: (site, viewer, projectId, input, _confirmed, actor) => site.projectSetup.addHmisParticipation(viewer, projectId, input, actor),
    update: (site, viewer, projectId, recordId, input, _confirmed, actor) => site.projectSetup.updateHmisParticipation(viewer, projectId, recordId, input, actor),
    remove: (site, viewer, projectId, recordId, actor) => site.projectSetup.deleteHmisParticipation(viewer, projectId, recordId, actor),
    fields: ({ values, failure }) => <HmisParticipationFields values={values} errors={failure?.errors ?? {}} />,
  }),
  [SETUP_PATHS.ceParticipation]: kind({
    element: '2.09 Coordinated entry participation',
    section: 'ce-participation',
    addHeading: 'Add a coordinated entry participation period',
    editHeading: 'Correct a coordinated entry participation period',
    read: (body): CeParticipationInput => ({
      ...texts(body, { accessPoint: 20, receivesReferrals: 20, startDate: 40, endDate: 40 }),
      services: formStrings(body, 'services', { maxCount: 10, max: 40 }),
    }),
    empty: EMPTY_CE_PARTICIPATION,
    values: ceParticipationValues,
    find: (site, projectId, recordId) => site.projectSetup.ceParticipation(projectId, recordId),
    add: (site, viewer, projectId, input, _confirmed, actor) => site.projectSetup.addCeParticipation(viewer, projectId, input, actor),
    update: (site, viewer, projectId, recordId, input, _confirmed, actor) => site.projectSetup.updateCeParticipation(viewer, projectId, recordId, input, actor),
    remove: (site, viewer, projectId, recordId, actor) => site.projectSetup.deleteCeParticipation(viewer, projectId, recordId, actor),
    fields: ({ values, failure }) => <CeParticipationFields values={values} errors={failure?.errors ?? {}} />,
  }),
};

function kindOf(request: FastifyRequest): SetupKind<any, any> {
  const slug = (request.params as { kind?: string }).kind ?? '';
  const found = Object.hasOwn(KINDS, slug) ? KINDS[slug] : undefined;
  if (!found) throw new NotFoundError('There is no page at this address.');
  return found;
}

function recordIdOf(request: FastifyRequest): string {
  const raw = (request.params as { recordId?: string }).recordId ?? '';
  if (!HUD_ID_PATTERN.test(raw)) throw new NotFoundError('There is no such record for this project.');
  return raw;
}

/**
 * A project's set-up records, under /SITE/projects/:id/KIND (cocs, funders, inventory, affiliations,
 * hmis-participation, ce-participation): a form to add one, a form to correct one, and its deletion. Only those
 * the access policy lets change the project reach the forms; the project page lists the records to everyone.
 */
export async function projectSetupRoutes(app: FastifyInstance) {
  const form = { preHandler: app.csrfProtection };

  app.get('/projects/:id/:kind/new', async (request, reply) => {
    const setup = kindOf(request);
    const project = await request.site.projectSetup.projectToManage(await viewerOf(request), idParam(request, 'project'));
    setup.applies?.(project);
    return reply.page(await drawForm(request, reply, setup, project, { values: setup.empty, failure: null, record: null }));
  });

  app.post('/projects/:id/:kind/new', form, async (request, reply) => {
    const { site } = request;
    const setup = kindOf(request);
    const viewer = await viewerOf(request);
    const project = await site.projectSetup.projectToManage(viewer, idParam(request, 'project'));
    const values = setup.read(request.body);
    return submitForm(reply, {
      action: () => setup.add(site, viewer, project.projectId, values, formConfirmsWarnings(request.body), actorOf(request)),
      refused: (failure) => drawForm(request, reply, setup, project, { values, failure, record: null }),
      done: () => reply.redirect(`/${site.id}/projects/${project.projectId}?done=added#${setup.section}`, 303),
    });
  });

  app.get('/projects/:id/:kind/:recordId', async (request, reply) => {
    const setup = kindOf(request);
    if (!setup.update) throw new NotFoundError('There is no page at this address.');
    const project = await request.site.projectSetup.projectToManage(await viewerOf(request), idParam(request, 'project'));
    setup.applies?.(project);
    const record = await setup.find(request.site, project.projectId, recordIdOf(request));
    return reply.page(await drawForm(request, reply, setup, project, { values: setup.values(record), failure: null, record }));
  });

  app.post('/projects/:id/:kind/:recordId', form, async (request, reply) => {
    const { site } = request;
    const setup = kindOf(request);
    const update = setup.update;
    if (!update) throw new NotFoundError('There is no page at this address.');
    const viewer = await viewerOf(request);
    const project = await site.projectSetup.projectToManage(viewer, idParam(request, 'project'));
    const recordId = recordIdOf(request);
    const record = await setup.find(site, project.projectId, recordId);
    const values = setup.read(request.body);
    return submitForm(reply, {
      action: () => update(site, viewer, project.projectId, recordId, values, formConfirmsWarnings(request.body), actorOf(request)),
      refused: (failure) => drawForm(request, reply, setup, project, { values, failure, record }),
      done: () => reply.redirect(`/${site.id}/projects/${project.projectId}?done=saved#${setup.section}`, 303),
    });
  });

  app.post('/projects/:id/:kind/:recordId/delete', form, async (request, reply) => {
    const { site } = request;
    const setup = kindOf(request);
    const projectId = idParam(request, 'project');
    await setup.remove(site, await viewerOf(request), projectId, recordIdOf(request), actorOf(request));
    return reply.redirect(`/${site.id}/projects/${projectId}?done=deleted#${setup.section}`, 303);
  });
}

async function drawForm<I, R>(request: FastifyRequest, reply: FastifyReply, setup: SetupKind<I, R>, project: Project, state: Omit<FormState<I, R>, 'site' | 'project'>): Promise<VNode> {
  const recordPath = state.record ? (request.params as { recordId: string }).recordId : 'new';
  const slug = (request.params as { kind: string }).kind;
  const fields = await setup.fields({ site: request.site, project, ...state });
  return (
    <SetupRecordPage
      ctx={reply.pageContext()}
      project={project}
      heading={state.record ? setup.editHeading! : setup.addHeading}
      element={setup.element}
      action={`projects/${project.projectId}/${slug}/${recordPath}`}
      section={setup.section}
      failure={state.failure}
      submitLabel={state.record ? 'Save changes' : 'Add'}
    >
      {fields}
    </SetupRecordPage>
  );
}
