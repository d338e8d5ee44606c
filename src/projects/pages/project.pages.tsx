import { HOUSING_TYPE, label, NO_YES, PROJECT_TYPE, RRH_SUBTYPE } from '../../hud/code-lists.js';
import { CsrfField, ErrorSummary, Notice } from '../../views/components.js';
import { formatDateTime } from '../../views/format.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import type { Organization, Project } from '../projects.model.js';
import { DONE_MESSAGES, type Done } from './agency.pages.js';
import { ProjectFields, projectValues, type FieldErrors, type ProjectFormValues } from './fields.js';

export function NewProjectPage(props: {
  ctx: PageContext;
  organization: Organization;
  values: ProjectFormValues;
  error?: string | null;
  errors?: FieldErrors;
}) {
  const { ctx, organization } = props;
  return (
    <Layout ctx={ctx} title="New project">
      <div class="narrow">
        <p>
          <a href={sitePath(ctx, `agencies/${organization.organizationId}`)}>← {organization.organizationName}</a>
        </p>
        <h1>New project</h1>
        <p class="lede">A project of {organization.organizationName}.</p>
        <ErrorSummary message={props.error} errors={props.errors} />
        <form method="post" action={sitePath(ctx, 'projects/new')} class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="organizationId" value={organization.organizationId} />
          <ProjectFields values={props.values} errors={props.errors} />
          <button type="submit" class="primary">
            Create project
          </button>
        </form>
      </div>
    </Layout>
  );
}

export interface ProjectPageProps {
  ctx: PageContext;
  project: Project;
  organization: Organization;
  ended: boolean;
  /** The viewer may change this project (administrators and its agency's managers). */
  canEdit: boolean;
  done?: Done | null;
  error?: string | null;
  errors?: FieldErrors;
  editValues?: ProjectFormValues;
}

export function ProjectPage(props: ProjectPageProps) {
  const { ctx, project, organization } = props;
  const tz = ctx.timeZone;
  return (
    <Layout ctx={ctx} title={`${project.projectName} · Projects`}>
      <p>
        <a href={sitePath(ctx, `agencies/${organization.organizationId}`)}>← {organization.organizationName}</a>
      </p>
      <h1>{project.projectName}</h1>
      {props.done && <Notice kind="success">{DONE_MESSAGES[props.done]}</Notice>}
      {props.ended && <Notice kind="warning">Old project data: this project stopped operating on {project.operatingEndDate}.</Notice>}
      <ErrorSummary message={props.error} errors={props.errors} />
      <p>
        <a href={sitePath(ctx, `projects/${project.projectId}/enrollments`)}>Enrollments in this project</a> (for users of {organization.organizationName} and HMIS administrators)
      </p>
      <section aria-labelledby="project-heading">
        <h2 id="project-heading">Project</h2>
        <dl class="facts">
          <dt>Project ID</dt>
          <dd>{project.projectId}</dd>
          <dt>Agency</dt>
          <dd>{organization.organizationName}</dd>
          <dt>Name</dt>
          <dd>{project.projectName}</dd>
          <dt>Common name</dt>
          <dd>{project.projectCommonName ?? '—'}</dd>
          <dt>HUD project type</dt>
          <dd>{label(PROJECT_TYPE, project.projectType)}</dd>
          <dt>Operating start date</dt>
          <dd>{project.operatingStartDate}</dd>
          <dt>Operating end date</dt>
          <dd>{project.operatingEndDate ?? '— (operating)'}</dd>
          <dt>Continuum project</dt>
          <dd>{label(NO_YES, project.continuumProject)}</dd>
          <dt>RRH subtype</dt>
          <dd>{project.rrhSubType === null ? 'Not applicable' : label(RRH_SUBTYPE, project.rrhSubType)}</dd>
          <dt>Housing type</dt>
          <dd>{project.housingType === null ? 'Not applicable' : label(HOUSING_TYPE, project.housingType)}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(project.dateCreated, tz)}</dd>
          <dt>Last changed</dt>
          <dd>
            {formatDateTime(project.dateUpdated, tz)} by {project.userId}
          </dd>
        </dl>
      </section>
      {props.canEdit && (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">Edit project</h2>
          <form method="post" action={sitePath(ctx, `projects/${project.projectId}/edit`)} class="stack narrow" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <ProjectFields values={props.editValues ?? projectValues(project)} errors={props.errors} />
            <button type="submit" class="primary">
              Save changes
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}
