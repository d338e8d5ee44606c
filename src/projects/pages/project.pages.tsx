import type { ComponentChildren } from 'preact';
import { HOPWA_MED_ASSISTED_LIVING_FAC, HOUSING_TYPE, label, NO_YES, PROJECT_TYPE, RRH_SUBTYPE, TARGET_POPULATION } from '../../hud/code-lists.js';
import { AVAILABILITY, BED_TYPE, FUNDER, GEOGRAPHY_TYPE, HMIS_PARTICIPATION_TYPE, HOUSEHOLD_TYPE, RETIRED_FUNDER } from '../../hud/project-code-lists.js';
import { DataTable, type Column } from '../../views/data-table.js';
import { Notice } from '../../views/components.js';
import { ErrorSummary, PostForm, type FormFailure } from '../../views/form-kit.js';
import { formatDateTime } from '../../views/format.js';
import { Layout } from '../../views/layout.js';
import { savedBy, sitePath, type PageContext } from '../../views/page-context.js';
import { formatDay } from '../project-fields.js';
import { CE_SERVICE_LABELS, CE_SERVICES } from '../project-setup-fields.js';
import type { ProjectSetup } from '../project-setup.model.js';
import type { Organization, Project } from '../projects.model.js';
import { acceptsClientData, asksResidentialAffiliation, collectsInventory, isEmergencyShelter, NO_CLIENT_DATA_AT_VSP } from '../projects.service.js';
import { DONE_MESSAGES, type Done } from './agency.pages.js';
import { ProjectFields, projectValues, type ProjectFormValues } from './fields.js';

export function NewProjectPage(props: { ctx: PageContext; organization: Organization; values: ProjectFormValues; failure?: FormFailure | null }) {
  const { ctx, organization } = props;
  return (
    <Layout ctx={ctx} title="New project">
      <div class="narrow">
        <p>
          <a href={sitePath(ctx, `agencies/${organization.organizationId}`)}>← {organization.organizationName}</a>
        </p>
        <h1>New project</h1>
        <p class="lede">A project of {organization.organizationName}.</p>
        <ErrorSummary failure={props.failure} />
        <PostForm ctx={ctx} action="projects/new">
          <input type="hidden" name="organizationId" value={organization.organizationId} />
          <ProjectFields values={props.values} errors={props.failure?.errors} />
          <button type="submit" class="primary">
            Create project
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}

export interface ProjectPageProps {
  ctx: PageContext;
  project: Project;
  organization: Organization;
  setup: ProjectSetup;
  /** HUD set-up that is missing or contradicts itself (see setupReminders). */
  reminders: readonly string[];
  ended: boolean;
  /** The viewer may change this project (administrators and its agency's managers). */
  canEdit: boolean;
  done?: Done | null;
  /** Why the edit form was refused, if it was. */
  failure?: FormFailure | null;
  editValues?: ProjectFormValues;
  /** Stays that the refused operating dates would have left outside: the summary links the roster. */
  staysOutside?: number | null;
}

/** Where each kind of set-up record lives under /projects/:id/ (see project-setup.routes.tsx). */
export const SETUP_PATHS = {
  cocs: 'cocs',
  funders: 'funders',
  inventory: 'inventory',
  affiliations: 'affiliations',
  hmisParticipation: 'hmis-participation',
  ceParticipation: 'ce-participation',
} as const;

export function ProjectPage(props: ProjectPageProps) {
  const { ctx, project, organization } = props;
  const tz = ctx.timeZone;
  const roster = sitePath(ctx, `projects/${project.projectId}/enrollments`);
  return (
    <Layout ctx={ctx} title={`${project.projectName} · Projects`}>
      <p>
        <a href={sitePath(ctx, `agencies/${organization.organizationId}`)}>← {organization.organizationName}</a>
      </p>
      <h1>{project.projectName}</h1>
      {props.done && <Notice kind="success">{DONE_MESSAGES[props.done]}</Notice>}
      {props.ended && <Notice kind="warning">Old project data: this project stopped operating on {formatDay(project.operatingEndDate)}.</Notice>}
      {!acceptsClientData(organization) && <Notice kind="info">{NO_CLIENT_DATA_AT_VSP}</Notice>}
      {props.reminders.length > 0 && (
        <div class="notice caution" role="status">
          <p>
            <strong>HUD set-up to complete</strong>
          </p>
          <ul>
            {props.reminders.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorSummary failure={props.failure}>
        {props.staysOutside ? (
          <p>
            <a href={`${roster}?past=1`}>Open the roster of {project.projectName}</a> to correct or exit those stays.
          </p>
        ) : null}
      </ErrorSummary>
      <p>
        <a href={roster}>Enrollments in this project</a> (for users of {organization.organizationName} and HMIS administrators)
        {project.projectType === 1 && (
          <>
            {' · '}
            <a href={sitePath(ctx, `projects/${project.projectId}/check-in`)}>Check in tonight’s guests</a>
          </>
        )}
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
          <dd>{formatDay(project.operatingStartDate)}</dd>
          <dt>Operating end date</dt>
          <dd>{project.operatingEndDate ? formatDay(project.operatingEndDate) : '— (operating)'}</dd>
          <dt>Continuum project</dt>
          <dd>{label(NO_YES, project.continuumProject)}</dd>
          <dt>RRH subtype</dt>
          <dd>{project.rrhSubType === null ? 'Not applicable' : label(RRH_SUBTYPE, project.rrhSubType)}</dd>
          <dt>Housing type</dt>
          <dd>{project.housingType === null ? 'Not applicable' : label(HOUSING_TYPE, project.housingType)}</dd>
          <dt>Affiliated with a residential project</dt>
          <dd>{project.residentialAffiliation === null ? 'Not applicable' : label(NO_YES, project.residentialAffiliation)}</dd>
          <dt>Target population</dt>
          <dd>{project.targetPopulation === null ? 'Not answered' : label(TARGET_POPULATION, project.targetPopulation)}</dd>
          <dt>HOPWA-funded medically assisted living facility</dt>
          <dd>{project.hopwaMedAssistedLivingFac === null ? 'Not answered' : label(HOPWA_MED_ASSISTED_LIVING_FAC, project.hopwaMedAssistedLivingFac)}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(project.dateCreated, tz)}</dd>
          <dt>Last changed</dt>
          <dd>
            {savedBy(ctx, project)}
          </dd>
        </dl>
      </section>
      <CocSection {...props} />
      <FunderSection {...props} />
      <InventorySection {...props} />
      <AffiliationSection {...props} />
      <HmisParticipationSection {...props} />
      <CeParticipationSection {...props} />
      {props.canEdit && (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">Edit project</h2>
          <PostForm ctx={ctx} action={`projects/${project.projectId}/edit`} class="stack narrow">
            <ProjectFields values={props.editValues ?? projectValues(project)} errors={props.failure?.errors} />
            <button type="submit" class="primary">
              Save changes
            </button>
          </PostForm>
        </section>
      )}
    </Layout>
  );
}

/**
 * One set-up section: heading, what HUD asks, the records' table (or a line saying there are none), the add link.
 * Those who may change the project get a last column with each record's edit and delete controls.
 */
function SetupSection<T>(props: {
  ctx: PageContext;
  project: Project;
  canEdit: boolean;
  id: string;
  title: string;
  about: ComponentChildren;
  path: string;
  addLabel: string;
  empty: string;
  caption: string;
  records: readonly T[];
  columns: readonly (Column<T> | false)[];
  /** The record's id and how its controls name it ("CoC XX-501"); `edit: false` for a record that is only deleted. */
  actions: (record: T) => { recordId: string; what: string; edit?: boolean };
}) {
  const { ctx, project } = props;
  const change: Column<T> = { header: 'Change', cell: (record) => <RecordActions ctx={ctx} project={project} path={props.path} {...props.actions(record)} /> };
  return (
    <section aria-labelledby={`${props.id}-heading`} id={props.id}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      <p class="hint">{props.about}</p>
      {props.records.length === 0 ? (
        <p class="empty">{props.empty}</p>
      ) : (
        <DataTable caption={`${props.caption} ${project.projectName}`} hiddenCaption rows={props.records} columns={[...props.columns, props.canEdit && change]} />
      )}
      {props.canEdit && (
        <p>
          <a href={sitePath(ctx, `projects/${project.projectId}/${props.path}/new`)}>{props.addLabel}</a>
        </p>
      )}
    </section>
  );
}

/** Edit and delete controls of one record, for those who may change the project. */
function RecordActions(props: { ctx: PageContext; project: Project; path: string; recordId: string; what: string; edit?: boolean }) {
  const { ctx, project } = props;
  const base = `projects/${project.projectId}/${props.path}/${props.recordId}`;
  return (
    <>
      {props.edit !== false && (
        <>
          <a href={sitePath(ctx, base)} aria-label={`Edit ${props.what}`}>
            Edit
          </a>{' '}
        </>
      )}
      <PostForm ctx={ctx} action={`${base}/delete`} class="inline">
        <button type="submit" class="link-button" aria-label={`Delete ${props.what}`}>
          Delete
        </button>
      </PostForm>
    </>
  );
}

const period = (start: string, end: string | null) => (end ? `${formatDay(start)} to ${formatDay(end)}` : `Since ${formatDay(start)}`);
const periodOf = (r: { startDate: string; endDate: string | null }) => period(r.startDate, r.endDate);

function CocSection(props: ProjectPageProps) {
  return (
    <SetupSection
      {...props}
      id="cocs"
      title="Continuum of Care (2.03)"
      about="The CoCs the project operates in. Their codes are the choices of an enrollment's CoC (3.16)."
      path={SETUP_PATHS.cocs}
      addLabel="Add a CoC"
      empty="No CoC recorded."
      caption="Continuum of Care information of"
      records={props.setup.cocs}
      columns={[
        { header: 'CoC code', cell: (c) => c.cocCode },
        { header: 'Geocode', cell: (c) => c.geocode },
        { header: 'Address', cell: (c) => [c.address1, c.address2, c.city, [c.state, c.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '—' },
        { header: 'Geography type', cell: (c) => label(GEOGRAPHY_TYPE, c.geographyType) },
      ]}
      actions={(c) => ({ recordId: c.projectCocId, what: `CoC ${c.cocCode}` })}
    />
  );
}

function funderName(code: number, other: string | null): string {
  const name = Object.hasOwn(RETIRED_FUNDER, code) ? label(RETIRED_FUNDER, code) : label(FUNDER, code);
  return other ? `${name}: ${other}` : name;
}

function FunderSection(props: ProjectPageProps) {
  return (
    <SetupSection
      {...props}
      id="funders"
      title="Funding sources (2.06)"
      about="Every grant that funds the project, current and past. A grant that ended keeps its record, with its end date."
      path={SETUP_PATHS.funders}
      addLabel="Add a funding source"
      empty="No funding source recorded."
      caption="Funding sources of"
      records={props.setup.funders}
      columns={[
        { header: 'Funding source', cell: (f) => funderName(f.funder, f.otherFunder) },
        { header: 'Grant', cell: (f) => f.grantId },
        { header: 'Grant dates', cell: periodOf },
      ]}
      actions={(f) => ({ recordId: f.funderId, what: `funding source ${f.grantId}` })}
    />
  );
}

function InventorySection(props: ProjectPageProps) {
  const { project } = props;
  if (!collectsInventory(project)) {
    return (
      <section aria-labelledby="inventory-heading" id="inventory">
        <h2 id="inventory-heading">Bed and unit inventory (2.07)</h2>
        <p class="hint">HUD collects bed and unit inventory for residential projects only, not for {label(PROJECT_TYPE, project.projectType)} projects{project.rrhSubType === 1 ? ' that provide services only' : ''}.</p>
      </section>
    );
  }
  const shelter = isEmergencyShelter(project);
  return (
    <SetupSection
      {...props}
      id="inventory"
      title="Bed and unit inventory (2.07)"
      about="Beds and units by CoC and household type. A change gets a new record; a mistake is corrected in its record."
      path={SETUP_PATHS.inventory}
      addLabel="Add inventory"
      empty="No inventory recorded."
      caption="Bed and unit inventory of"
      records={props.setup.inventories}
      columns={[
        { header: 'CoC', cell: (i) => i.cocCode },
        { header: 'Household type', cell: (i) => label(HOUSEHOLD_TYPE, i.householdType) },
        shelter && { header: 'Bed type and availability', cell: (i) => `${label(BED_TYPE, i.esBedType)}, ${label(AVAILABILITY, i.availability).toLowerCase()}` },
        {
          header: 'Beds',
          cell: (i) => (
            <>
              {i.bedInventory}
              {dedicatedBeds(i)}
            </>
          ),
        },
        { header: 'Units', cell: (i) => i.unitInventory },
        { header: 'Dates', cell: (i) => period(i.inventoryStartDate, i.inventoryEndDate) },
      ]}
      actions={(i) => ({ recordId: i.inventoryId, what: `inventory of ${i.cocCode} from ${formatDay(i.inventoryStartDate)}` })}
    />
  );
}

function dedicatedBeds(i: ProjectSetup['inventories'][number]) {
  const dedicated = [
    ['CH veterans', i.chVetBedInventory],
    ['youth veterans', i.youthVetBedInventory],
    ['other veterans', i.vetBedInventory],
    ['CH youth', i.chYouthBedInventory],
    ['other youth', i.youthBedInventory],
    ['other CH', i.chBedInventory],
  ].filter(([, n]) => Number(n) > 0);
  if (dedicated.length === 0) return null;
  return <span class="muted"> (dedicated: {dedicated.map(([what, n]) => `${n} ${what}`).join(', ')})</span>;
}

function AffiliationSection(props: ProjectPageProps) {
  const { ctx, project } = props;
  if (!asksResidentialAffiliation(project.projectType, project.rrhSubType)) return null;
  if (project.residentialAffiliation !== 1) {
    return (
      <section aria-labelledby="affiliations-heading" id="affiliations">
        <h2 id="affiliations-heading">Affiliated residential projects (2.02.C)</h2>
        <p class="hint">
          {project.residentialAffiliation === 0
            ? 'The project is not affiliated with a residential project.'
            : 'Answer “Affiliated with a residential project” under Edit project first.'}
        </p>
      </section>
    );
  }
  return (
    <SetupSection
      {...props}
      id="affiliations"
      title="Affiliated residential projects (2.02.C)"
      about="The residential projects whose clients this project serves, among the residential projects of its CoCs."
      path={SETUP_PATHS.affiliations}
      addLabel="Add an affiliated project"
      empty="No affiliated project listed."
      caption="Residential projects affiliated with"
      records={props.setup.affiliations}
      columns={[{ header: 'Residential project', cell: (a) => <a href={sitePath(ctx, `projects/${a.resProjectId}`)}>{a.resProjectName}</a> }]}
      actions={(a) => ({ recordId: a.affiliationId, what: `affiliation with ${a.resProjectName}`, edit: false })}
    />
  );
}

function HmisParticipationSection(props: ProjectPageProps) {
  return (
    <SetupSection
      {...props}
      id="hmis-participation"
      title="HMIS participation (2.08)"
      about="How the project takes part in the HMIS, period by period. Periods do not overlap; an operating project has one without an end date."
      path={SETUP_PATHS.hmisParticipation}
      addLabel="Add an HMIS participation period"
      empty="No HMIS participation recorded."
      caption="HMIS participation of"
      records={props.setup.hmisParticipations}
      columns={[
        { header: 'Participation', cell: (r) => label(HMIS_PARTICIPATION_TYPE, r.hmisParticipationType) },
        { header: 'Dates', cell: periodOf },
      ]}
      actions={(r) => ({ recordId: r.hmisParticipationId, what: `HMIS participation from ${formatDay(r.startDate)}` })}
    />
  );
}

function CeParticipationSection(props: ProjectPageProps) {
  return (
    <SetupSection
      {...props}
      id="ce-participation"
      title="Coordinated entry participation (2.09)"
      about="How the project takes part in coordinated entry, period by period. Periods do not overlap; an operating project has one without an end date."
      path={SETUP_PATHS.ceParticipation}
      addLabel="Add a coordinated entry participation period"
      empty="No coordinated entry participation recorded."
      caption="Coordinated entry participation of"
      records={props.setup.ceParticipations}
      columns={[
        {
          header: 'Access point',
          cell: (r) => {
            const services = CE_SERVICES.filter((s) => r[s] === 1).map((s) => CE_SERVICE_LABELS[s].toLowerCase());
            return (
              <>
                {label(NO_YES, r.accessPoint)}
                {r.accessPoint === 1 && services.length > 0 && <span class="muted">: {services.join('; ')}</span>}
              </>
            );
          },
        },
        { header: 'Receives referrals', cell: (r) => label(NO_YES, r.receivesReferrals) },
        { header: 'Dates', cell: periodOf },
      ]}
      actions={(r) => ({ recordId: r.ceParticipationId, what: `coordinated entry participation from ${formatDay(r.startDate)}` })}
    />
  );
}
