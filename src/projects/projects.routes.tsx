import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../audit/audit-log.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { formString } from '../http/form.js';
import { AgenciesListPage, AgencyPage, isDone, NewAgencyPage } from './pages/agency.pages.js';
import { EMPTY_ORGANIZATION, EMPTY_PROJECT, type OrganizationFormValues, type ProjectFormValues } from './pages/fields.js';
import { NewProjectPage, ProjectPage } from './pages/project.pages.js';
import { projectHasEnded } from './projects.service.js';

// HUD ids are at most 32 characters; Hearth makes 32 hex digits, imports may bring other letters.
const HUD_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Agencies and their projects, under /SITE/agencies and /SITE/projects. Every signed-in user browses them;
 * only HMIS administrators create and change them.
 */
export async function projectRoutes(app: FastifyInstance) {
  const adminOnly = { config: { access: 'admin' as const } };
  const adminForm = { config: { access: 'admin' as const }, preHandler: app.csrfProtection };

  app.get('/agencies', async (request, reply) => {
    const entries = await request.site.projects.overview();
    return reply.page(<AgenciesListPage ctx={reply.pageContext()} entries={entries} showOld={showOld(request)} />);
  });

  app.get('/agencies/new', adminOnly, async (_request, reply) =>
    reply.page(<NewAgencyPage ctx={reply.pageContext()} values={EMPTY_ORGANIZATION} />),
  );

  app.post('/agencies/new', adminForm, async (request, reply) => {
    const { site } = request;
    const values = readOrganizationForm(request.body);
    try {
      const organization = await site.projects.createOrganization(values, actorOf(request));
      return reply.redirect(`/${site.id}/agencies/${organization.organization_id}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.page(<NewAgencyPage ctx={reply.pageContext()} values={values} error={error.message} errors={error.fieldErrors} />, 422);
    }
  });

  app.get('/agencies/:id', async (request, reply) => {
    const entry = await request.site.projects.organization(idParam(request, 'agency'));
    const done = (request.query as Record<string, unknown>).done;
    return reply.page(<AgencyPage ctx={reply.pageContext()} entry={entry} showOld={showOld(request)} done={isDone(done) ? done : null} />);
  });

  app.post('/agencies/:id/edit', adminForm, async (request, reply) => {
    const { site } = request;
    const id = idParam(request, 'agency');
    const values = readOrganizationForm(request.body);
    try {
      await site.projects.updateOrganization(id, values, actorOf(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const entry = await site.projects.organization(id);
      const page = <AgencyPage ctx={reply.pageContext()} entry={entry} showOld={false} error={error.message} errors={error.fieldErrors} editValues={values} />;
      return reply.page(page, 422);
    }
    return reply.redirect(`/${site.id}/agencies/${id}?done=saved`, 303);
  });

  app.get('/projects/new', adminOnly, async (request, reply) => {
    const { organization } = await request.site.projects.organization(agencyId(formString(request.query, 'agency', { max: 100 })));
    return reply.page(<NewProjectPage ctx={reply.pageContext()} organization={organization} values={EMPTY_PROJECT} />);
  });

  app.post('/projects/new', adminForm, async (request, reply) => {
    const { site } = request;
    const { organization } = await site.projects.organization(agencyId(formString(request.body, 'organizationId', { max: 100 })));
    const values = readProjectForm(request.body);
    try {
      const project = await site.projects.createProject(organization.organization_id, values, actorOf(request));
      return reply.redirect(`/${site.id}/projects/${project.project_id}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const page = <NewProjectPage ctx={reply.pageContext()} organization={organization} values={values} error={error.message} errors={error.fieldErrors} />;
      return reply.page(page, 422);
    }
  });

  app.get('/projects/:id', async (request, reply) => {
    const { site } = request;
    const { project, organization } = await site.projects.project(idParam(request, 'project'));
    const done = (request.query as Record<string, unknown>).done;
    const page = (
      <ProjectPage
        ctx={reply.pageContext()}
        project={project}
        organization={organization}
        ended={projectHasEnded(project, site.projects.today())}
        done={isDone(done) ? done : null}
      />
    );
    return reply.page(page);
  });

  app.post('/projects/:id/edit', adminForm, async (request, reply) => {
    const { site } = request;
    const id = idParam(request, 'project');
    const values = readProjectForm(request.body);
    try {
      await site.projects.updateProject(id, values, actorOf(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { project, organization } = await site.projects.project(id);
      const page = (
        <ProjectPage
          ctx={reply.pageContext()}
          project={project}
          organization={organization}
          ended={projectHasEnded(project, site.projects.today())}
          error={error.message}
          errors={error.fieldErrors}
          editValues={values}
        />
      );
      return reply.page(page, 422);
    }
    return reply.redirect(`/${site.id}/projects/${id}?done=saved`, 303);
  });
}

function showOld(request: FastifyRequest): boolean {
  return (request.query as Record<string, unknown>).old === '1';
}

function actorOf(request: FastifyRequest): Actor {
  const user = request.auth!.user;
  return { userId: user.id, username: user.username, ip: request.ip };
}

function agencyId(raw: string): string {
  if (!HUD_ID.test(raw)) throw new NotFoundError('There is no such agency.');
  return raw;
}

function idParam(request: FastifyRequest, kind: 'agency' | 'project'): string {
  const raw = (request.params as { id?: string }).id ?? '';
  if (!HUD_ID.test(raw)) throw new NotFoundError(`There is no such ${kind}.`);
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
