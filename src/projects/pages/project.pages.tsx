import { HOUSING_TYPE, label, NO_YES, PROJECT_TYPE, RRH_SUBTYPE } from '../../hud/code-lists.js';
import { CsrfField, ErrorSummary, Notice } from '../../views/components.js';
import { formatDateTime } from '../../views/format.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import type { Organization, Project } from '../projects.service.js';
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
          <a href={sitePath(ctx, `agencies/${organization.organization_id}`)}>← {organization.organization_name}</a>
        </p>
        <h1>New project</h1>
        <p class="lede">A project of {organization.organization_name}.</p>
        <ErrorSummary message={props.error} errors={props.errors} />
        <form method="post" action={sitePath(ctx, 'projects/new')} class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="organizationId" value={organization.organization_id} />
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
    <Layout ctx={ctx} title={`${project.project_name} · Projects`}>
      <p>
        <a href={sitePath(ctx, `agencies/${organization.organization_id}`)}>← {organization.organization_name}</a>
      </p>
      <h1>{project.project_name}</h1>
      {props.done && <Notice kind="success">{DONE_MESSAGES[props.done]}</Notice>}
      {props.ended && <Notice kind="warning">Old project data: this project stopped operating on {project.operating_end_date}.</Notice>}
      <ErrorSummary message={props.error} errors={props.errors} />
      <p>
        <a href={sitePath(ctx, `projects/${project.project_id}/enrollments`)}>Enrollments in this project</a> (for users of {organization.organization_name} and HMIS administrators)
      </p>
      <section aria-labelledby="project-heading">
        <h2 id="project-heading">Project</h2>
        <dl class="facts">
          <dt>Project ID</dt>
          <dd>{project.project_id}</dd>
          <dt>Agency</dt>
          <dd>{organization.organization_name}</dd>
          <dt>Name</dt>
          <dd>{project.project_name}</dd>
          <dt>Common name</dt>
          <dd>{project.project_common_name ?? '—'}</dd>
          <dt>HUD project type</dt>
          <dd>{label(PROJECT_TYPE, project.project_type)}</dd>
          <dt>Operating start date</dt>
          <dd>{project.operating_start_date}</dd>
          <dt>Operating end date</dt>
          <dd>{project.operating_end_date ?? '— (operating)'}</dd>
          <dt>Continuum project</dt>
          <dd>{label(NO_YES, project.continuum_project)}</dd>
          <dt>RRH subtype</dt>
          <dd>{project.rrh_sub_type === null ? 'Not applicable' : label(RRH_SUBTYPE, project.rrh_sub_type)}</dd>
          <dt>Housing type</dt>
          <dd>{project.housing_type === null ? 'Not applicable' : label(HOUSING_TYPE, project.housing_type)}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(project.date_created, tz)}</dd>
          <dt>Last changed</dt>
          <dd>
            {formatDateTime(project.date_updated, tz)} by {project.user_id}
          </dd>
        </dl>
      </section>
      {props.canEdit && (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">Edit project</h2>
          <form method="post" action={sitePath(ctx, `projects/${project.project_id}/edit`)} class="stack narrow" novalidate>
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
