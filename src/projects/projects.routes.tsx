import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, viewerOf } from '../http/actor.js';
import { canManageAgencies, canManageProjectsOf, canSeeStaffOf, type Viewer } from '../access/access-policy.js';
import { NotFoundError } from '../errors.js';
import { formString, submitForm } from '../http/form.js';
import { HUD_ID_PATTERN } from '../hud/ids.js';
import { AgenciesListPage, AgencyPage, isDone, NewAgencyPage, type AgencyPageProps, type Done } from './pages/agency.pages.js';
import { EMPTY_ORGANIZATION, EMPTY_PROJECT, type OrganizationFormValues, type ProjectFormValues } from './pages/fields.js';
import { NewProjectPage, ProjectPage, type ProjectPageProps } from './pages/project.pages.js';
import { setupReminders } from './project-setup.service.js';
import { projectHasEnded, StaysOutsideOperatingDatesError } from './projects.service.js';

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
    return submitForm(reply, {
      action: () => site.projects.createOrganization(values, actorOf(request)),
      refused: (failure) => <NewAgencyPage ctx={reply.pageContext()} values={values} failure={failure} />,
      done: (organization) => reply.redirect(`/${site.id}/agencies/${organization.organizationId}?done=created`, 303),
    });
  });

  app.get('/agencies/:id', async (request, reply) => {
    return showAgency(request, reply, idParam(request, 'agency'), { showOld: showOld(request), done: doneOf(request) });
  });

  app.post('/agencies/:id/edit', adminForm, async (request, reply) => {
    const { site } = request;
    const id = idParam(request, 'agency');
    const values = readOrganizationForm(request.body);
    return submitForm(reply, {
      action: () => site.projects.updateOrganization(id, values, actorOf(request)),
      refused: (failure) => showAgency(request, reply, id, { showOld: false, failure, editValues: values }, 422),
      done: () => reply.redirect(`/${site.id}/agencies/${id}?done=saved`, 303),
    });
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
    return submitForm(reply, {
      action: () => site.projects.createProject(viewer, organization.organizationId, values, actorOf(request)),
      refused: (failure) => <NewProjectPage ctx={reply.pageContext()} organization={organization} values={values} failure={failure} />,
      done: (project) => reply.redirect(`/${site.id}/projects/${project.projectId}?done=created`, 303),
    });
  });

  app.get('/projects/:id', async (request, reply) => {
    return showProject(request, reply, idParam(request, 'project'), { done: doneOf(request) });
  });

  app.post('/projects/:id/edit', userForm, async (request, reply) => {
    const { site } = request;
    const id = idParam(request, 'project');
    const values = readProjectForm(request.body);
    const viewer = await viewerOf(request);
    // Refused operating dates that stays lie outside: the page links the roster where they can be corrected.
    let staysOutside: number | null = null;
    return submitForm(reply, {
      action: () =>
        site.projects.updateProject(viewer, id, values, actorOf(request)).catch((error: unknown) => {
          if (error instanceof StaysOutsideOperatingDatesError) staysOutside = error.stays;
          throw error;
        }),
      refused: (failure) => showProject(request, reply, id, { failure, editValues: values, staysOutside }, 422),
      done: () => reply.redirect(`/${site.id}/projects/${id}?done=saved`, 303),
    });
  });
}

/** An agency's page: what everyone sees, plus the controls and the staff list the viewer is allowed. */
async function showAgency(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  extra: Pick<AgencyPageProps, 'showOld' | 'done' | 'failure' | 'editValues'>,
  status = 200,
) {
  const { site } = request;
  const entry = await site.projects.organization(id);
  const viewer = await viewerOf(request);
  const staff = canSeeStaffOf(viewer, id) ? await site.access.staffOf(viewer, id) : null;
  const page = (
    <AgencyPage
      ctx={await reply.pageContextNaming([entry.organization.userId])}
      entry={entry}
      canEditAgency={canManageAgencies(viewer)}
      canManageProjects={canManageProjectsOf(viewer, id)}
      staff={staff}
      {...extra}
    />
  );
  return reply.page(page, status);
}

/** A project's page: its descriptor, its HUD set-up records, and the controls the viewer is allowed. */
export async function showProject(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  extra: Pick<ProjectPageProps, 'done' | 'failure' | 'editValues' | 'staysOutside'>,
  status = 200,
) {
  const { site } = request;
  const { project, organization } = await site.projects.project(id);
  const setup = await site.projectSetup.setup(id);
  const viewer = await viewerOf(request);
  const today = site.projects.today();
  const page = (
    <ProjectPage
      ctx={await reply.pageContextNaming([project.userId])}
      project={project}
      organization={organization}
      setup={setup}
      reminders={setupReminders(project, organization, setup, today)}
      ended={projectHasEnded(project, today)}
      canEdit={canManageProjectsOf(viewer, project.organizationId)}
      {...extra}
    />
  );
  return reply.page(page, status);
}


/** What ?done= says after a change redirected back to the page, if it is one of the known messages. */
export function doneOf(request: FastifyRequest): Done | null {
  const done = (request.query as Record<string, unknown>).done;
  return isDone(done) ? done : null;
}

function showOld(request: FastifyRequest): boolean {
  return (request.query as Record<string, unknown>).old === '1';
}

function agencyId(raw: string): string {
  if (!HUD_ID_PATTERN.test(raw)) throw new NotFoundError('There is no such agency.');
  return raw;
}

export function idParam(request: FastifyRequest, kind: 'agency' | 'project'): string {
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
    residentialAffiliation: formString(body, 'residentialAffiliation', { max: 20 }),
    targetPopulation: formString(body, 'targetPopulation', { max: 20 }),
    hopwaMedAssistedLivingFac: formString(body, 'hopwaMedAssistedLivingFac', { max: 20 }),
  };
}
