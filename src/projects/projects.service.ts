import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { canManageProjectsOf, type Viewer } from '../access/access-policy.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { changedFields } from '../audit/changed-fields.js';
import { calendarDate, type Clock } from '../clock.js';
import type { Database, Db } from '../db/schema.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import {
  codesOf,
  HOUSING_TYPE,
  isCode,
  label,
  NO_YES,
  PROJECT_TYPE,
  RAPID_RE_HOUSING,
  RRH_SUBTYPE,
  type HousingTypeCode,
  type NoYesCode,
  type ProjectTypeCode,
  type RrhSubTypeCode,
} from '../hud/code-lists.js';
import type { Organization, OrganizationFields, OrganizationWithProjects, Project, ProjectFields } from './projects.model.js';
import { organizationsRepository, projectsRepository } from './projects.repository.js';
import { projectCocsRepository } from './project-setup.repository.js';

/** An organization as typed into the form: every value a string, checked here. */
export interface OrganizationInput {
  name: string;
  commonName: string;
  victimServiceProvider: string;
}

/** A project as typed into the form (its organization is chosen separately). */
export interface ProjectInput {
  name: string;
  commonName: string;
  operatingStartDate: string;
  operatingEndDate: string;
  continuumProject: string;
  projectType: string;
  housingType: string;
  rrhSubType: string;
}

type FieldErrors = Record<string, string[]>;

const NAME_MAX = 200; // HUD S200
// Far outside any real project's dates, but inside what every CSV consumer can parse.
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2199;

/**
 * 2.02.D Housing Type is collected for residential projects: ES (0, 1), TH (2), PSH (3), SH (8), PH – Housing
 * Only (9), PH – Housing with Services (10), and PH – RRH (13) only when its subtype is "Housing with or without
 * services" (2). The reference file gives the list but not this set; it is HUD's HMIS Data Standards (FY2024,
 * unchanged in FY2026), element 2.02.D "Collection: project types 0, 1, 2, 3, 8, 9, 10, and 13 with 2.02.A = 2".
 */
const HOUSING_TYPE_PROJECT_TYPES: ReadonlySet<ProjectTypeCode> = new Set<ProjectTypeCode>([0, 1, 2, 3, 8, 9, 10]);
const RRH_WITH_HOUSING: RrhSubTypeCode = 2;

export function housingTypeRequired(projectType: ProjectTypeCode | null, rrhSubType: RrhSubTypeCode | null): boolean {
  if (projectType === null) return false;
  if (projectType === RAPID_RE_HOUSING) return rrhSubType === RRH_WITH_HOUSING;
  return HOUSING_TYPE_PROJECT_TYPES.has(projectType);
}

/** A project is old project data once its operating end date has passed (it still operates on that day). */
export function projectHasEnded(project: Pick<Project, 'operatingEndDate'>, today: string): boolean {
  return project.operatingEndDate !== null && project.operatingEndDate < today;
}

function validName(value: string, field: string, what: string, errors: FieldErrors, required: boolean): string | null {
  const text = value.trim();
  if (!text) {
    if (required) errors[field] = [`Enter the ${what}.`];
    return null;
  }
  if (text.length > NAME_MAX) errors[field] = [`The ${what} can have at most ${NAME_MAX} characters.`];
  else if (/[\u0000-\u001f\u007f]/.test(text)) errors[field] = [`The ${what} cannot contain control characters.`];
  return text;
}

/** A list code typed into a select: empty is null; anything not in the list is undefined (refused). */
function parseCode<L extends Readonly<Record<number, string>>>(list: L, value: string): (keyof L & number) | null | undefined {
  const text = value.trim();
  if (!text) return null;
  if (!/^[0-9]{1,3}$/.test(text)) return undefined;
  const code = Number(text);
  return isCode(list, code) ? code : undefined;
}

function validNoYes(value: string, field: string, question: string, errors: FieldErrors): NoYesCode {
  const code = parseCode(NO_YES, value);
  if (code === null || code === undefined) errors[field] = [`Choose Yes or No: ${question}`];
  return code ?? 0;
}

/** `YYYY-MM-DD`, a real calendar day. Empty is null; anything else is undefined (refused). */
function parseDate(value: string): string | null | undefined {
  const text = value.trim();
  if (!text) return null;
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return text;
}

const DATE_FORMAT_MESSAGE = 'as a real date in the form YYYY-MM-DD, for example 2026-07-01.';

export function validateOrganization(input: OrganizationInput): OrganizationFields {
  const errors: FieldErrors = {};
  const name = validName(input.name, 'name', 'agency name', errors, true);
  const commonName = validName(input.commonName, 'commonName', 'common name', errors, false);
  const victimServiceProvider = validNoYes(input.victimServiceProvider, 'victimServiceProvider', 'is the agency a victim service provider?', errors);
  if (Object.keys(errors).length > 0) throw new ValidationError('Please correct the highlighted fields.', errors);
  return { organizationName: name!, organizationCommonName: commonName, victimServiceProvider };
}

/** Every HUD rule for a project's descriptor (2.02), with a message for each field that breaks one. */
export function validateProject(input: ProjectInput): ProjectFields {
  const errors: FieldErrors = {};
  const name = validName(input.name, 'name', 'project name', errors, true);
  const commonName = validName(input.commonName, 'commonName', 'common name', errors, false);

  const start = parseDate(input.operatingStartDate);
  if (start === null) errors.operatingStartDate = ['Enter the operating start date.'];
  else if (start === undefined) errors.operatingStartDate = [`Enter the operating start date ${DATE_FORMAT_MESSAGE}`];
  const end = parseDate(input.operatingEndDate);
  if (end === undefined) errors.operatingEndDate = [`Enter the operating end date ${DATE_FORMAT_MESSAGE} Leave it empty while the project operates.`];
  else if (end && start && end < start) errors.operatingEndDate = ['The operating end date cannot be before the operating start date.'];

  const continuumProject = validNoYes(input.continuumProject, 'continuumProject', 'is this a Continuum project?', errors);

  const projectType = parseCode(PROJECT_TYPE, input.projectType);
  if (projectType === null) errors.projectType = ['Choose the HUD project type.'];
  else if (projectType === undefined) errors.projectType = ['Choose one of the HUD project types in the list.'];
  const type: ProjectTypeCode | null = projectType ?? null;

  const rrhSubType = parseCode(RRH_SUBTYPE, input.rrhSubType);
  if (rrhSubType === undefined) errors.rrhSubType = ['Choose one of the RRH subtypes in the list.'];
  else if (type === RAPID_RE_HOUSING && rrhSubType === null) {
    errors.rrhSubType = ['Choose the RRH subtype: HUD requires it for PH – Rapid Re-Housing projects.'];
  } else if (type !== null && type !== RAPID_RE_HOUSING && rrhSubType !== null) {
    errors.rrhSubType = ['Leave the RRH subtype empty: it applies only to PH – Rapid Re-Housing projects.'];
  }

  const housingType = parseCode(HOUSING_TYPE, input.housingType);
  if (housingType === undefined) errors.housingType = ['Choose one of the housing types in the list.'];
  else if (type !== null && rrhSubType !== undefined) {
    const required = housingTypeRequired(type, rrhSubType);
    if (required && housingType === null) {
      errors.housingType = [`Choose the housing type: HUD requires it for ${label(PROJECT_TYPE, type)} projects${type === RAPID_RE_HOUSING ? ' that provide housing' : ''}.`];
    } else if (!required && housingType !== null) {
      errors.housingType = [
        type === RAPID_RE_HOUSING
          ? 'Leave the housing type empty: HUD collects it for Rapid Re-Housing only with the subtype “RRH: Housing with or without services”.'
          : `Leave the housing type empty: HUD does not collect it for ${label(PROJECT_TYPE, type)} projects.`,
      ];
    }
  }

  if (Object.keys(errors).length > 0) throw new ValidationError('Please correct the highlighted fields.', errors);
  return {
    projectName: name!,
    projectCommonName: commonName,
    operatingStartDate: start!,
    operatingEndDate: end ?? null,
    continuumProject,
    projectType: type,
    housingType: (housingType ?? null) as HousingTypeCode | null,
    rrhSubType: (rrhSubType ?? null) as RrhSubTypeCode | null,
  };
}

/** Audit entries name the changed fields by their HUD columns, as they always have. */
const AUDITED_ORGANIZATION_FIELDS: Record<keyof OrganizationFields, string> = {
  organizationName: 'organization_name',
  organizationCommonName: 'organization_common_name',
  victimServiceProvider: 'victim_service_provider',
};
const AUDITED_PROJECT_FIELDS: Record<keyof ProjectFields, string> = {
  projectName: 'project_name',
  projectCommonName: 'project_common_name',
  operatingStartDate: 'operating_start_date',
  operatingEndDate: 'operating_end_date',
  continuumProject: 'continuum_project',
  projectType: 'project_type',
  housingType: 'housing_type',
  rrhSubType: 'rrh_sub_type',
};

/** HUD's UserID column: who made the change. */
function hudUserId(actor: Actor): string {
  return actor.username ?? 'system';
}

export const NOT_A_MANAGER = 'Only HMIS administrators and this agency’s managers can create and change its projects.';

/**
 * Agencies (HUD organizations) and their projects. Every signed-in user may browse them, old projects
 * included. HMIS administrators create and change agencies (the routes check the role); projects are
 * created and changed by whoever the access policy allows for the project's agency (checked here).
 */
export class ProjectService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly timeZone: string,
    /** HUD ids are at most 32 characters: a random UUID's 32 hex digits. */
    private readonly newId: () => string = () => randomUUID().replaceAll('-', ''),
  ) {}

  /** Today in the site's time zone: a project whose end date is before it is old project data. */
  today(): string {
    return calendarDate(this.clock.now(), this.timeZone);
  }

  /** Every agency, by name: for choosing agencies (a user's, a filter). */
  organizations(): Promise<Organization[]> {
    return organizationsRepository.list(this.db);
  }

  async overview(): Promise<OrganizationWithProjects[]> {
    const organizations = await organizationsRepository.list(this.db);
    const projects = await projectsRepository.list(this.db);
    const today = this.today();
    return organizations.map((organization) => {
      const own = projects.filter((p) => p.organizationId === organization.organizationId);
      return {
        organization,
        current: own.filter((p) => !projectHasEnded(p, today)),
        ended: own.filter((p) => projectHasEnded(p, today)),
      };
    });
  }

  async organization(id: string): Promise<OrganizationWithProjects> {
    const organization = await organizationsRepository.findById(this.db, id);
    if (!organization) throw new NotFoundError('There is no such agency.');
    const projects = await projectsRepository.listByOrganization(this.db, id);
    const today = this.today();
    return {
      organization,
      current: projects.filter((p) => !projectHasEnded(p, today)),
      ended: projects.filter((p) => projectHasEnded(p, today)),
    };
  }

  async project(id: string): Promise<{ project: Project; organization: Organization }> {
    const project = await projectsRepository.findById(this.db, id);
    if (!project) throw new NotFoundError('There is no such project.');
    const organization = await organizationsRepository.findById(this.db, project.organizationId);
    if (!organization) throw new NotFoundError('There is no such project.');
    return { project, organization };
  }

  /**
   * 2.03: the CoC codes the project operates in, upper case and sorted: the option list of 3.16 EnrollmentCoC.
   * HUD's ProjectCoC records have no dates, so every code recorded (and not deleted) counts; an unknown project
   * has none. Given the transaction that writes an enrollment, it locks the project's row for share until that
   * commits, so no code it returned can be deleted meanwhile (deleting one takes the row for update).
   */
  async cocCodesOf(projectId: string, db: Db = this.db): Promise<string[]> {
    if (db.isTransaction) await projectsRepository.lockForShare(db as Transaction<Database>, projectId);
    const records = await projectCocsRepository.listByProject(db, projectId);
    return [...new Set(records.map((r) => r.cocCode))].sort();
  }

  /**
   * Generated Training data, written as it is, without checks or audit (the Training reset audits itself):
   * these agencies, replacing any with the same OrganizationID, and these projects.
   */
  async writeGenerated(db: Db, organizations: readonly Organization[], projects: readonly Project[]): Promise<void> {
    await organizationsRepository.upsertMany(db, organizations);
    await projectsRepository.insertMany(db, projects);
  }

  async createOrganization(input: OrganizationInput, actor: Actor): Promise<Organization> {
    const valid = validateOrganization(input);
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const organization = await organizationsRepository.insert(trx, {
        organizationId: this.newId(),
        ...valid,
        dateCreated: now,
        dateUpdated: now,
        userId: hudUserId(actor),
      });
      await this.audit.record(trx, {
        event: 'organization.created',
        actor,
        details: { organizationId: organization.organizationId, name: organization.organizationName },
      });
      return organization;
    });
  }

  async updateOrganization(id: string, input: OrganizationInput, actor: Actor): Promise<Organization> {
    const valid = validateOrganization(input);
    return this.db.transaction().execute(async (trx) => {
      const before = await organizationsRepository.findByIdForUpdate(trx, id);
      if (!before) throw new NotFoundError('There is no such agency.');
      const changed = changedFields(before, valid, AUDITED_ORGANIZATION_FIELDS);
      if (changed.length === 0) return before;
      const updated = await organizationsRepository.update(trx, id, { ...valid, dateUpdated: this.clock.now(), userId: hudUserId(actor) });
      await this.audit.record(trx, {
        event: 'organization.changed',
        actor,
        details: { organizationId: id, name: updated.organizationName, fields: changed.join(', ') },
      });
      return updated;
    });
  }

  /** The agency a new project is being added to, for its form: refused unless the viewer may manage its projects. */
  async organizationForNewProject(viewer: Viewer, organizationId: string): Promise<Organization> {
    const organization = await organizationsRepository.findById(this.db, organizationId);
    if (!organization) throw new NotFoundError('There is no such agency.');
    if (!canManageProjectsOf(viewer, organizationId)) throw new ForbiddenError(NOT_A_MANAGER);
    return organization;
  }

  async createProject(viewer: Viewer, organizationId: string, input: ProjectInput, actor: Actor): Promise<Project> {
    // Who may comes before what was typed: someone refused learns nothing from validation messages.
    await this.organizationForNewProject(viewer, organizationId);
    const valid = validateProject(input);
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      // Locked so the agency cannot be deleted (a later feature) while its project is added.
      const organization = await organizationsRepository.findByIdForUpdate(trx, organizationId);
      if (!organization) throw new NotFoundError('There is no such agency.');
      const project = await projectsRepository.insert(trx, {
        projectId: this.newId(),
        organizationId: organization.organizationId,
        ...valid,
        dateCreated: now,
        dateUpdated: now,
        userId: hudUserId(actor),
      });
      await this.audit.record(trx, {
        event: 'project.created',
        actor,
        details: { projectId: project.projectId, organizationId, name: project.projectName, projectType: project.projectType },
      });
      return project;
    });
  }

  async updateProject(viewer: Viewer, id: string, input: ProjectInput, actor: Actor): Promise<Project> {
    const current = await projectsRepository.findById(this.db, id);
    if (!current) throw new NotFoundError('There is no such project.');
    if (!canManageProjectsOf(viewer, current.organizationId)) throw new ForbiddenError(NOT_A_MANAGER);
    const valid = validateProject(input);
    return this.db.transaction().execute(async (trx: Transaction<Database>) => {
      const before = await projectsRepository.findByIdForUpdate(trx, id);
      if (!before) throw new NotFoundError('There is no such project.');
      // Projects do not move between agencies today; checked again in case that ever changes under us.
      if (!canManageProjectsOf(viewer, before.organizationId)) throw new ForbiddenError(NOT_A_MANAGER);
      const changed = changedFields(before, valid, AUDITED_PROJECT_FIELDS);
      if (changed.length === 0) return before;
      const updated = await projectsRepository.update(trx, id, { ...valid, dateUpdated: this.clock.now(), userId: hudUserId(actor) });
      await this.audit.record(trx, {
        event: 'project.changed',
        actor,
        details: { projectId: id, organizationId: before.organizationId, name: updated.projectName, fields: changed.join(', ') },
      });
      return updated;
    });
  }
}

/** The choices of a list for a select, in HUD's order. */
export function choices<L extends Readonly<Record<number, string>>>(list: L): { value: string; label: string }[] {
  return codesOf(list).map((code) => ({ value: String(code), label: list[code]! }));
}
