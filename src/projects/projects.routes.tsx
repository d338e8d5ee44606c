import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../http/actor.js';
import { canManageAgencies, canManageProjectsOf, canSeeStaffOf, type Viewer } from '../access/access-policy.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { formString } from '../http/form.js';
import { HUD_ID_PATTERN } from '../hud/ids.js';
import { AgenciesListPage, AgencyPage, isDone, NewAgencyPage, type AgencyPageProps } from './pages/agency.pages.js';
import { EMPTY_ORGANIZATION, EMPTY_PROJECT, type OrganizationFormValues, type ProjectFormValues } from './pages/fields.js';
import { NewProjectPage, ProjectPage, type ProjectPageProps } from './pages/project.pages.js';
import { projectHasEnded } from './projects.service.js';

/**
 * Agencies and their projects, under /SITE/agencies and /SITE/projects. Every signed-in user browses them.
 * Only HMIS administrators create and change agencies; projects are created and changed by whoever the
 * access policy allows for their agency (administrators and the agency's managers), checked by the service.
 */
export async function projectRoutes(app: FastifyInstance) {
  const adminOnly = { config: { access: 'admin' as const } };
  const adminForm = { config: { access: 'admin' as const }, preHandler: app.csrfProtection };
  const userForm = { preHandler: app.csrfProtection };

  app.get('/agencies', async (request, reply) => {
    const entries = await request.site.projects.overview();
    const viewer = await viewerOf(request);
    return reply.page(<AgenciesListPage ctx={reply.pageContext()} entries={entries} showOld={showOld(request)} canCreateAgency={canManageAgencies(viewer)} />);
  });

  app.get('/agencies/new', adminOnly, async (_request, reply) =>
    reply.page(<NewAgencyPage ctx={reply.pageContext()} values={EMPTY_ORGANIZATION} />),
  );

  app.post('/agencies/new', adminForm, async (request, reply) => {
    const { site } = request;
    const values = readOrganizationForm(request.body);
    try {
      const organization = await site.projects.createOrganization(values, actorOf(request));
      return reply.redirect(`/${site.id}/agencies/${organization.organizationId}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.page(<NewAgencyPage ctx={reply.pageContext()} values={values} error={error.message} errors={error.fieldErrors} />, 422);
    }
  });

  app.get('/agencies/:id', async (request, reply) => {
    const done = (request.query as Record<string, unknown>).done;
    return showAgency(request, reply, idParam(request, 'agency'), { showOld: showOld(request), done: isDone(done) ? done : null });
  });

  app.post('/agencies/:id/edit', adminForm, async (request, reply) => {
    const { site } = request;
    const id = idParam(request, 'agency');
    const values = readOrganizationForm(request.body);
    try {
      await site.projects.updateOrganization(id, values, actorOf(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return showAgency(request, reply, id, { showOld: false, error: error.message, errors: error.fieldErrors, editValues: values }, 422);
    }
    return reply.redirect(`/${site.id}/agencies/${id}?done=saved`, 303);
  });

  app.get('/projects/new', async (request, reply) => {
    const id = agencyId(formString(request.query, 'agency', { max: 100 }));
    const organization = await request.site.projects.organizationForNewProject(await viewerOf(request), id);
    return reply.page(<NewProjectPage ctx={reply.pageContext()} organization={organization} values={EMPTY_PROJECT} />);
  });

  app.post('/projects/new', userForm, async (request, reply) => {
    const { site } = request;
    const viewer = await viewerOf(request);
    const organization = await site.projects.organizationForNewProject(viewer, agencyId(formString(request.body, 'organizationId', { max: 100 })));
    const values = readProjectForm(request.body);
    try {
      const project = await site.projects.createProject(viewer, organization.organizationId, values, actorOf(request));
      return reply.redirect(`/${site.id}/projects/${project.projectId}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const page = <NewProjectPage ctx={reply.pageContext()} organization={organization} values={values} error={error.message} errors={error.fieldErrors} />;
      return reply.page(page, 422);
    }
  });

  app.get('/projects/:id', async (request, reply) => {
    const done = (request.query as Record<string, unknown>).done;
    return showProject(request, reply, idParam(request, 'project'), { done: isDone(done) ? done : null });
  });

  app.post('/projects/:id/edit', userForm, async (request, reply) => {
    const { site } = request;
    const id = idParam(request, 'project');
    const values = readProjectForm(request.body);
    try {
      await site.projects.updateProject(await viewerOf(request), id, values, actorOf(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return showProject(request, reply, id, { error: error.message, errors: error.fieldErrors, editValues: values }, 422);
    }
    return reply.redirect(`/${site.id}/projects/${id}?done=saved`, 303);
  });
}

/** An agency's page: what everyone sees, plus the controls and the staff list the viewer is allowed. */
async function showAgency(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  extra: Pick<AgencyPageProps, 'showOld' | 'done' | 'error' | 'errors' | 'editValues'>,
  status = 200,
) {
  const { site } = request;
  const entry = await site.projects.organization(id);
  const viewer = await viewerOf(request);
  const staff = canSeeStaffOf(viewer, id) ? await site.access.staffOf(viewer, id) : null;
  const page = (
    <AgencyPage
      ctx={reply.pageContext()}
      entry={entry}
      canEditAgency={canManageAgencies(viewer)}
      canManageProjects={canManageProjectsOf(viewer, id)}
      staff={staff}
      {...extra}
    />
  );
  return reply.page(page, status);
}

async function showProject(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  extra: Pick<ProjectPageProps, 'done' | 'error' | 'errors' | 'editValues'>,
  status = 200,
) {
  const { site } = request;
  const { project, organization } = await site.projects.project(id);
  const viewer = await viewerOf(request);
  const page = (
    <ProjectPage
      ctx={reply.pageContext()}
      project={project}
      organization={organization}
      ended={projectHasEnded(project, site.projects.today())}
      canEdit={canManageProjectsOf(viewer, project.organizationId)}
      {...extra}
    />
  );
  return reply.page(page, status);
}

function viewerOf(request: FastifyRequest): Promise<Viewer> {
  return request.site.access.viewerOf(request.auth!.user);
}

function showOld(request: FastifyRequest): boolean {
  return (request.query as Record<string, unknown>).old === '1';
}


function agencyId(raw: string): string {
  if (!HUD_ID_PATTERN.test(raw)) throw new NotFoundError('There is no such agency.');
  return raw;
}

function idParam(request: FastifyRequest, kind: 'agency' | 'project'): string {
  const raw = (request.params as { id?: string }).id ?? '';
  if (!HUD_ID_PATTERN.test(raw)) throw new NotFoundError(`There is no such ${kind}.`);
  return raw;
}

function readOrganizationForm(body: unknown): OrganizationFormValues {
  return {
    name: formString(body, 'name', { max: 1000 }),
    commonName: formString(body, 'commonName', { max: 1000 }),
    victimServiceProvider: formString(body, 'victimServiceProvider', { max: 20 }),
  };
}

function readProjectForm(body: unknown): ProjectFormValues {
  return {
    name: formString(body, 'name', { max: 1000 }),
    commonName: formString(body, 'commonName', { max: 1000 }),
    operatingStartDate: formString(body, 'operatingStartDate', { max: 40 }),
    operatingEndDate: formString(body, 'operatingEndDate', { max: 40 }),
    continuumProject: formString(body, 'continuumProject', { max: 20 }),
    projectType: formString(body, 'projectType', { max: 20 }),
    housingType: formString(body, 'housingType', { max: 20 }),
    rrhSubType: formString(body, 'rrhSubType', { max: 20 }),
  };
}
