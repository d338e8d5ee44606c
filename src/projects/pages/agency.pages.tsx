import { ROLE_NAMES } from '../../access/access-policy.js';
import type { StaffMember } from '../../access/access.model.js';
import { label, NO_YES, PROJECT_TYPE } from '../../hud/code-lists.js';
import { Notice } from '../../views/components.js';
import { DataTable } from '../../views/data-table.js';
import { ErrorSummary, PostForm, type FormFailure } from '../../views/form-kit.js';
import { formatDateTime } from '../../views/format.js';
import { Layout } from '../../views/layout.js';
import { savedBy, sitePath, type PageContext } from '../../views/page-context.js';
import { formatDay } from '../project-fields.js';
import type { OrganizationWithProjects, Project } from '../projects.model.js';
import { acceptsClientData, VSP_HOLDS_NO_CLIENT_DATA } from '../projects.service.js';
import { OrganizationFields, organizationValues, type OrganizationFormValues } from './fields.js';

/** What ?done= may say after a change redirected back to a page. */
export const DONE_MESSAGES = {
  created: 'Saved. It is now listed under Agencies.',
  saved: 'Your changes are saved.',
  added: 'Added.',
  deleted: 'Deleted.',
} as const;

export type Done = keyof typeof DONE_MESSAGES;

export function isDone(value: unknown): value is Done {
  return typeof value === 'string' && Object.hasOwn(DONE_MESSAGES, value);
}

function operatingText(project: Project): string {
  return project.operatingEndDate
    ? `${formatDay(project.operatingStartDate)} to ${formatDay(project.operatingEndDate)}`
    : `Since ${formatDay(project.operatingStartDate)}`;
}

export function ProjectsTable(props: { ctx: PageContext; projects: readonly Project[]; caption: string }) {
  const { ctx } = props;
  return (
    <DataTable
      class="projects-table"
      caption={props.caption}
      hiddenCaption
      rows={props.projects}
      columns={[
        { header: 'Project', cell: (project) => <a href={sitePath(ctx, `projects/${project.projectId}`)}>{project.projectName}</a> },
        { header: 'HUD project type', cell: (project) => label(PROJECT_TYPE, project.projectType) },
        { header: 'Operating', cell: operatingText },
        { header: 'Continuum project', cell: (project) => label(NO_YES, project.continuumProject) },
      ]}
    />
  );
}

/** One agency's projects: current ones, then (on request) the ended ones. */
function AgencyProjects(props: { ctx: PageContext; entry: OrganizationWithProjects; showOld: boolean; togglePath: string }) {
  const { ctx, entry, showOld } = props;
  const name = entry.organization.organizationName;
  return (
    <>
      {entry.current.length > 0 ? (
        <ProjectsTable ctx={ctx} projects={entry.current} caption={`Current projects of ${name}`} />
      ) : (
        <p class="muted">No current projects.</p>
      )}
      {entry.ended.length > 0 &&
        (showOld ? (
          <>
            <h3>Old projects of {name}</h3>
            <ProjectsTable ctx={ctx} projects={entry.ended} caption={`Old projects of ${name}`} />
          </>
        ) : (
          <p>
            {entry.ended.length === 1 ? '1 old project' : `${entry.ended.length} old projects`} (operating end date passed).{' '}
            <a href={`${props.togglePath}?old=1`}>Show old projects</a>
          </p>
        ))}
    </>
  );
}

export function AgenciesListPage(props: { ctx: PageContext; entries: readonly OrganizationWithProjects[]; showOld: boolean; canCreateAgency: boolean }) {
  const { ctx, showOld } = props;
  const listPath = sitePath(ctx, 'agencies');
  const anyOld = props.entries.some((e) => e.ended.length > 0);
  return (
    <Layout ctx={ctx} title="Agencies">
      <h1>Agencies</h1>
      <p class="lede">Agencies (HUD organizations) and their projects.</p>
      <p>
        {props.canCreateAgency && (
          <>
            <a href={sitePath(ctx, 'agencies/new')}>New agency</a>
            {anyOld && ' · '}
          </>
        )}
        {anyOld && (showOld ? <a href={listPath}>Hide old projects</a> : <a href={`${listPath}?old=1`}>Show old projects</a>)}
      </p>
      {props.entries.length === 0 && <p>No agencies yet.</p>}
      {props.entries.map((entry) => (
        <section aria-labelledby={`agency-${entry.organization.organizationId}`}>
          <h2 id={`agency-${entry.organization.organizationId}`}>
            <a href={sitePath(ctx, `agencies/${entry.organization.organizationId}`)}>{entry.organization.organizationName}</a>
          </h2>
          <AgencyProjects ctx={ctx} entry={entry} showOld={showOld} togglePath={listPath} />
        </section>
      ))}
    </Layout>
  );
}

export function NewAgencyPage(props: { ctx: PageContext; values: OrganizationFormValues; failure?: FormFailure | null }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="New agency">
      <div class="narrow">
        <p>
          <a href={sitePath(ctx, 'agencies')}>← All agencies</a>
        </p>
        <h1>New agency</h1>
        <ErrorSummary failure={props.failure} />
        <PostForm ctx={ctx} action="agencies/new">
          <OrganizationFields values={props.values} errors={props.failure?.errors} />
          <button type="submit" class="primary">
            Create agency
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}

export interface AgencyPageProps {
  ctx: PageContext;
  entry: OrganizationWithProjects;
  showOld: boolean;
  /** The viewer may change the agency itself (HMIS administrators). */
  canEditAgency: boolean;
  /** The viewer may add and change this agency's projects (administrators and its managers). */
  canManageProjects: boolean;
  /** The people who work for the agency, for those allowed to see them; otherwise null. */
  staff: readonly StaffMember[] | null;
  done?: Done | null;
  /** Why the edit form was refused, if it was. */
  failure?: FormFailure | null;
  /** The edit form as typed, when it was refused; otherwise the stored values. */
  editValues?: OrganizationFormValues;
}

export function AgencyPage(props: AgencyPageProps) {
  const { ctx, entry } = props;
  const organization = entry.organization;
  const tz = ctx.timeZone;
  const path = sitePath(ctx, `agencies/${organization.organizationId}`);
  return (
    <Layout ctx={ctx} title={`${organization.organizationName} · Agencies`}>
      <p>
        <a href={sitePath(ctx, 'agencies')}>← All agencies</a>
      </p>
      <h1>{organization.organizationName}</h1>
      {props.done && <Notice kind="success">{DONE_MESSAGES[props.done]}</Notice>}
      {!acceptsClientData(organization) && <Notice kind="info">This agency is a victim service provider. {VSP_HOLDS_NO_CLIENT_DATA}</Notice>}
      <ErrorSummary failure={props.failure} />
      <section aria-labelledby="agency-heading">
        <h2 id="agency-heading">Agency</h2>
        <dl class="facts">
          <dt>Organization ID</dt>
          <dd>{organization.organizationId}</dd>
          <dt>Name</dt>
          <dd>{organization.organizationName}</dd>
          <dt>Common name</dt>
          <dd>{organization.organizationCommonName ?? '—'}</dd>
          <dt>Victim service provider</dt>
          <dd>{label(NO_YES, organization.victimServiceProvider)}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(organization.dateCreated, tz)}</dd>
          <dt>Last changed</dt>
          <dd>
            {savedBy(ctx, organization)}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="projects-heading">
        <h2 id="projects-heading">Projects</h2>
        {props.canManageProjects && (
          <p>
            <a href={`${sitePath(ctx, 'projects/new')}?agency=${encodeURIComponent(organization.organizationId)}`}>Add a project</a>
          </p>
        )}
        <AgencyProjects ctx={ctx} entry={entry} showOld={props.showOld} togglePath={path} />
      </section>
      {props.staff && <StaffList ctx={ctx} agencyName={organization.organizationName} staff={props.staff} />}
      {props.canEditAgency && (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">Edit agency</h2>
          <PostForm ctx={ctx} action={`agencies/${organization.organizationId}/edit`} class="stack narrow">
            <OrganizationFields values={props.editValues ?? organizationValues(organization)} errors={props.failure?.errors} />
            <button type="submit" class="primary">
              Save changes
            </button>
          </PostForm>
        </section>
      )}
    </Layout>
  );
}

/** Who works for the agency: for HMIS administrators and the agency's managers (the route asks the policy). */
function StaffList(props: { ctx: PageContext; agencyName: string; staff: readonly StaffMember[] }) {
  const { ctx, staff } = props;
  const isAdministrator = ctx.user?.role === 'admin';
  return (
    <section aria-labelledby="staff-heading">
      <h2 id="staff-heading">Staff</h2>
      <p class="hint">
        People who work for {props.agencyName} in Hearth: they see its enrollments.
        {isAdministrator ? ' Change who works where on each user’s page under Users.' : ' Ask an HMIS administrator to add or remove someone.'}
      </p>
      {staff.length === 0 ? (
        <p class="empty">Nobody works for this agency yet.</p>
      ) : (
        <DataTable
          class="staff-table"
          caption={`Staff of ${props.agencyName}`}
          hiddenCaption
          rows={staff}
          columns={[
            { header: 'Name', cell: (member) => `${member.firstName} ${member.lastName}` },
            { header: 'Username', cell: (member) => (isAdministrator ? <a href={sitePath(ctx, `admin/users/${member.userId}`)}>{member.username}</a> : member.username) },
            { header: 'Role', cell: (member) => ROLE_NAMES[member.role] },
            { header: 'Active', cell: (member) => (member.active ? 'Yes' : 'No (deactivated)') },
          ]}
        />
      )}
    </section>
  );
}
