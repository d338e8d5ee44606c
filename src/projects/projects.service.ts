import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { canManageProjectsOf, type Viewer } from '../access/access-policy.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { changedFields } from '../audit/changed-fields.js';
import { calendarDate, type Clock } from '../clock.js';
import type { Database, Db } from '../db/schema.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { hudUserId } from '../hud/ids.js';
import {
  HOPWA_MED_ASSISTED_LIVING_FAC,
  HOUSING_TYPE,
  label,
  NO_YES,
  PROJECT_TYPE,
  RAPID_RE_HOUSING,
  RRH_SUBTYPE,
  TARGET_POPULATION,
  type NoYesCode,
  type ProjectTypeCode,
  type RrhSubTypeCode,
} from '../hud/code-lists.js';
import type { Organization, OrganizationFields, OrganizationWithProjects, Project, ProjectFields, StaysInProjects } from './projects.model.js';
import { organizationsRepository, projectsRepository } from './projects.repository.js';
import { addError, formatDay, readCode, readDateField, readText, type FieldErrors } from './project-fields.js';
import { affiliationsRepository, inventoriesRepository, projectCocsRepository } from './project-setup.repository.js';

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
  /** 2.02.B, asked of services-only projects; absent is not answered. */
  residentialAffiliation?: string;
  /** 2.02.7; absent is not answered. */
  targetPopulation?: string;
  /** 2.02.8; absent is not answered. */
  hopwaMedAssistedLivingFac?: string;
}

const NAME_MAX = 200; // HUD S200
const CORRECT = 'Please correct the highlighted fields.';

/**
 * Residential projects: ES (0, 1), TH (2), PSH (3), SH (8), PH – Housing Only (9), PH – Housing with Services
 * (10), and PH – RRH (13) only when its subtype is "Housing with or without services" (2). HUD collects 2.02.D
 * Housing Type and 2.07 inventory for them, and only they can be the residential project of an Affiliation
 * (HMIS Data Dictionary FY2024, unchanged in FY2026: 2.02.D "project types 0, 1, 2, 3, 8, 9, 10, and 13 with
 * 2.02.A = 2"; 2.07 "Project Type Applicability"; HUD26 Affiliation.ResProjectID).
 */
const RESIDENTIAL_PROJECT_TYPES: ReadonlySet<ProjectTypeCode> = new Set<ProjectTypeCode>([0, 1, 2, 3, 8, 9, 10]);
const RRH_WITH_HOUSING: RrhSubTypeCode = 2;
const RRH_SERVICES_ONLY: RrhSubTypeCode = 1;
const SERVICES_ONLY: ProjectTypeCode = 6;
/** 2.07.5 and 2.07.6 are asked of emergency shelters only: Entry Exit (0) and Night-by-Night (1). */
const EMERGENCY_SHELTER_TYPES: ReadonlySet<number> = new Set([0, 1]);

export function isResidential(projectType: number | null, rrhSubType: number | null): boolean {
  if (projectType === null) return false;
  if (projectType === RAPID_RE_HOUSING) return rrhSubType === RRH_WITH_HOUSING;
  return RESIDENTIAL_PROJECT_TYPES.has(projectType as ProjectTypeCode);
}

/** 2.02.D Housing Type: collected for residential projects. */
export function housingTypeRequired(projectType: ProjectTypeCode | null, rrhSubType: RrhSubTypeCode | null): boolean {
  return isResidential(projectType, rrhSubType);
}

/** 2.07 Bed and unit inventory: residential projects only (not RRH: Services Only). */
export function collectsInventory(project: Pick<Project, 'projectType' | 'rrhSubType'>): boolean {
  return isResidential(project.projectType, project.rrhSubType);
}

/** 2.07.5 ES bed type and 2.07.6 availability: emergency shelters only. */
export function isEmergencyShelter(project: Pick<Project, 'projectType'>): boolean {
  return project.projectType !== null && EMERGENCY_SHELTER_TYPES.has(project.projectType);
}

/**
 * 2.02.B Residential affiliation: asked of Services Only (6) and RRH: Services Only (13 with subtype 1)
 * projects, and null for every other (HUD26 Project.ResidentialAffiliation).
 */
export function asksResidentialAffiliation(projectType: number | null, rrhSubType: number | null): boolean {
  return projectType === SERVICES_ONLY || (projectType === RAPID_RE_HOUSING && rrhSubType === RRH_SERVICES_ONLY);
}

/** A project is old project data once its operating end date has passed (it still operates on that day). */
export function projectHasEnded(project: Pick<Project, 'operatingEndDate'>, today: string): boolean {
  return project.operatingEndDate !== null && project.operatingEndDate < today;
}

function validNoYes(value: string, field: string, question: string, errors: FieldErrors): NoYesCode {
  const code = readCode(NO_YES, value);
  if (code === null || code === undefined) addError(errors, field, `Choose Yes or No: ${question}`);
  return code ?? 0;
}

export function validateOrganization(input: OrganizationInput): OrganizationFields {
  const errors: FieldErrors = {};
  const name = readText(input.name, 'name', 'agency name', { max: NAME_MAX, required: true }, errors);
  const commonName = readText(input.commonName, 'commonName', 'common name', { max: NAME_MAX }, errors);
  const victimServiceProvider = validNoYes(input.victimServiceProvider, 'victimServiceProvider', 'is the agency a victim service provider?', errors);
  if (Object.keys(errors).length > 0) throw new ValidationError(CORRECT, errors);
  return { organizationName: name!, organizationCommonName: commonName, victimServiceProvider };
}

/** Every HUD rule for a project's descriptor (2.02), with a message for each field that breaks one. */
export function validateProject(input: ProjectInput): ProjectFields {
  const errors: FieldErrors = {};
  const name = readText(input.name, 'name', 'project name', { max: NAME_MAX, required: true }, errors);
  const commonName = readText(input.commonName, 'commonName', 'common name', { max: NAME_MAX }, errors);

  const start = readDateField(input.operatingStartDate, 'operatingStartDate', 'operating start date', true, errors);
  const end = readDateField(input.operatingEndDate, 'operatingEndDate', 'operating end date', false, errors);
  if (end && start && end < start) addError(errors, 'operatingEndDate', 'The operating end date cannot be before the operating start date.');

  const continuumProject = validNoYes(input.continuumProject, 'continuumProject', 'is this a Continuum project?', errors);

  const projectType = readCode(PROJECT_TYPE, input.projectType);
  if (projectType === null) addError(errors, 'projectType', 'Choose the HUD project type.');
  else if (projectType === undefined) addError(errors, 'projectType', 'Choose one of the HUD project types in the list.');
  const type: ProjectTypeCode | null = projectType ?? null;

  const rrhSubType = readCode(RRH_SUBTYPE, input.rrhSubType);
  if (rrhSubType === undefined) addError(errors, 'rrhSubType', 'Choose one of the RRH subtypes in the list.');
  else if (type === RAPID_RE_HOUSING && rrhSubType === null) {
    addError(errors, 'rrhSubType', 'Choose the RRH subtype: HUD requires it for PH – Rapid Re-Housing projects.');
  } else if (type !== null && type !== RAPID_RE_HOUSING && rrhSubType !== null) {
    addError(errors, 'rrhSubType', 'Leave the RRH subtype empty: it applies only to PH – Rapid Re-Housing projects.');
  }
  const subType = rrhSubType ?? null;

  const housingType = readCode(HOUSING_TYPE, input.housingType);
  if (housingType === undefined) addError(errors, 'housingType', 'Choose one of the housing types in the list.');
  else if (type !== null && rrhSubType !== undefined) {
    const required = housingTypeRequired(type, subType);
    if (required && housingType === null) {
      addError(errors, 'housingType', `Choose the housing type: HUD requires it for ${label(PROJECT_TYPE, type)} projects${type === RAPID_RE_HOUSING ? ' that provide housing' : ''}.`);
    } else if (!required && housingType !== null) {
      addError(
        errors,
        'housingType',
        type === RAPID_RE_HOUSING
          ? 'Leave the housing type empty: HUD collects it for Rapid Re-Housing only with the subtype “RRH: Housing with or without services”.'
          : `Leave the housing type empty: HUD does not collect it for ${label(PROJECT_TYPE, type)} projects.`,
      );
    }
  }

  const residentialAffiliation = readCode(NO_YES, input.residentialAffiliation ?? '');
  if (residentialAffiliation === undefined) addError(errors, 'residentialAffiliation', 'Choose Yes or No: is the project affiliated with a residential project?');
  else if (type !== null && rrhSubType !== undefined) {
    const asked = asksResidentialAffiliation(type, subType);
    if (asked && residentialAffiliation === null) {
      addError(errors, 'residentialAffiliation', 'Choose Yes or No: HUD asks services-only projects whether they are affiliated with a residential project.');
    } else if (!asked && residentialAffiliation !== null) {
      addError(errors, 'residentialAffiliation', 'Leave “Affiliated with a residential project” empty: HUD asks it only of Services Only and RRH: Services Only projects.');
    }
  }

  const targetPopulation = readCode(TARGET_POPULATION, input.targetPopulation ?? '');
  if (targetPopulation === undefined) addError(errors, 'targetPopulation', 'Choose one of the target populations in the list.');
  const hopwa = readCode(HOPWA_MED_ASSISTED_LIVING_FAC, input.hopwaMedAssistedLivingFac ?? '');
  if (hopwa === undefined) addError(errors, 'hopwaMedAssistedLivingFac', 'Choose one of the answers in the list.');

  if (Object.keys(errors).length > 0) throw new ValidationError(CORRECT, errors);
  return {
    projectName: name!,
    projectCommonName: commonName,
    operatingStartDate: start!,
    operatingEndDate: end,
    continuumProject,
    projectType: type,
    housingType: housingType ?? null,
    rrhSubType: subType,
    residentialAffiliation: residentialAffiliation ?? null,
    targetPopulation: targetPopulation ?? null,
    hopwaMedAssistedLivingFac: hopwa ?? null,
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
  residentialAffiliation: 'residential_affiliation',
  targetPopulation: 'target_population',
  hopwaMedAssistedLivingFac: 'hopwa_med_assisted_living_fac',
};

export const NOT_A_MANAGER = 'Only HMIS administrators and this agency’s managers can create and change its projects.';

/**
 * Why a victim service provider's projects hold no client data. VAWA forbids such agencies to enter client data
 * into an HMIS (HUD's checker, Eva 133 and 139); they record their clients in a comparable database instead.
 */
export const VSP_HOLDS_NO_CLIENT_DATA =
  'Under the Violence Against Women Act (VAWA), victim service providers do not enter client data into an HMIS: they record their clients in a comparable database. Hearth therefore accepts no enrollments in their projects.';
export const NO_CLIENT_DATA_AT_VSP = `This project belongs to a victim service provider. ${VSP_HOLDS_NO_CLIENT_DATA}`;

/** Refused because the project's agency is a victim service provider (see NO_CLIENT_DATA_AT_VSP). */
export class NoClientDataAtVspError extends ForbiddenError {
  constructor() {
    super(NO_CLIENT_DATA_AT_VSP);
  }
}

/** Refused because stays would fall outside the new operating dates: the page links the project's roster. */
export class StaysOutsideOperatingDatesError extends ValidationError {
  constructor(
    message: string,
    fieldErrors: Readonly<Record<string, readonly string[]>>,
    readonly stays: number,
  ) {
    super(message, fieldErrors);
  }
}

/** Whether an agency may hold client data in Hearth: not when it is a victim service provider. */
export function acceptsClientData(organization: Pick<Organization, 'victimServiceProvider'>): boolean {
  return organization.victimServiceProvider !== 1;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

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
    /**
     * The enrollments feature, asked about stays. Given late (a function) because enrollments in turn ask
     * projects about their CoCs and agencies: either service can be built first.
     */
    private readonly stays: () => StaysInProjects,
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
   * Refuses client data for a project whose agency is a victim service provider (NoClientDataAtVspError), or
   * that does not exist (NotFoundError). Given the transaction that writes an enrollment, it locks the agency's
   * row for share until that commits: the agency cannot become a victim service provider meanwhile (that change
   * takes the row for update, and then counts the agency's enrollments).
   */
  async assertAcceptsClients(projectId: string, db: Db = this.db): Promise<void> {
    const project = await projectsRepository.findById(db, projectId);
    if (!project) throw new NotFoundError('There is no such project.');
    const organization = db.isTransaction
      ? await organizationsRepository.findByIdForShare(db as Transaction<Database>, project.organizationId)
      : await organizationsRepository.findById(db, project.organizationId);
    if (!organization) throw new NotFoundError('There is no such project.');
    if (!acceptsClientData(organization)) throw new NoClientDataAtVspError();
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
      if (acceptsClientData(before) && !acceptsClientData(valid)) {
        const enrollments = await this.stays().countEnrollmentsOfAgency(id, trx);
        if (enrollments > 0) {
          throw new ValidationError(CORRECT, {
            victimServiceProvider: [
              `This agency already holds client data in Hearth (${plural(enrollments, 'enrollment', 'enrollments')} in its projects), and a victim service provider holds none (VAWA). Move that data to the agency’s comparable database and remove it from Hearth first, or keep the answer No.`,
            ],
          });
        }
      }
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
      await this.refuseBreakingItsRecords(trx, before, valid);
      const updated = await projectsRepository.update(trx, id, { ...valid, dateUpdated: this.clock.now(), userId: hudUserId(actor) });
      await this.audit.record(trx, {
        event: 'project.changed',
        actor,
        details: { projectId: id, organizationId: before.organizationId, name: updated.projectName, fields: changed.join(', ') },
      });
      return updated;
    });
  }

  /**
   * A change of the descriptor must leave the project's other records valid: its stays and inventory within the
   * operating dates (HUD: clients are exited by the operating end date), inventory only where HUD collects it,
   * and affiliations only between a services-only project that says it has them and residential projects.
   */
  private async refuseBreakingItsRecords(trx: Transaction<Database>, before: Project, after: ProjectFields): Promise<void> {
    const period = { start: after.operatingStartDate, end: after.operatingEndDate };
    const datesMoved = period.start !== before.operatingStartDate || period.end !== before.operatingEndDate;
    const dateField = period.start !== before.operatingStartDate ? 'operatingStartDate' : 'operatingEndDate';
    const dates = period.end ? `${formatDay(period.start)} to ${formatDay(period.end)}` : `from ${formatDay(period.start)} on`;
    if (datesMoved) {
      const stays = await this.stays().countStaysOutside(before.projectId, period, trx);
      if (stays > 0) {
        throw new StaysOutsideOperatingDatesError(
          `${plural(stays, 'stay', 'stays')} in this project would fall outside these operating dates (${dates}).`,
          {
            [dateField]: [
              `${plural(stays, 'stay begins or goes on', 'stays begin or go on')} outside ${dates}. HUD requires every stay to lie within the operating dates (clients are exited by the operating end date): correct or exit ${stays === 1 ? 'it' : 'them'} on the project’s roster first.`,
            ],
          },
          stays,
        );
      }
    }

    const errors: FieldErrors = {};
    const inventories = await inventoriesRepository.listByProject(trx, before.projectId);
    if (inventories.length > 0) {
      const count = plural(inventories.length, 'bed and unit inventory record', 'bed and unit inventory records');
      if (!collectsInventory(after)) {
        addError(errors, 'projectType', `HUD collects no bed and unit inventory for this project type, and the project has ${count}: delete ${inventories.length === 1 ? 'it' : 'them'} first.`);
      } else if (isEmergencyShelter(before) !== isEmergencyShelter(after)) {
        addError(errors, 'projectType', `The project has ${count}, and HUD asks bed type and availability of emergency shelters only: delete ${inventories.length === 1 ? 'it' : 'them'} first, then add ${inventories.length === 1 ? 'it' : 'them'} again for the new type.`);
      }
      const outside = inventories.filter((i) => i.inventoryStartDate < period.start || (period.end !== null && (i.inventoryEndDate === null || i.inventoryEndDate > period.end)));
      if (datesMoved && outside.length > 0) {
        addError(errors, dateField, `${plural(outside.length, 'bed and unit inventory record lies', 'bed and unit inventory records lie')} outside ${dates}: correct ${outside.length === 1 ? 'its' : 'their'} dates first.`);
      }
    }

    const affiliated = await affiliationsRepository.listByProject(trx, before.projectId);
    if (affiliated.length > 0 && (!asksResidentialAffiliation(after.projectType, after.rrhSubType) || after.residentialAffiliation !== 1)) {
      const field = asksResidentialAffiliation(after.projectType, after.rrhSubType) ? 'residentialAffiliation' : 'projectType';
      addError(errors, field, `The project lists ${plural(affiliated.length, 'affiliated residential project', 'affiliated residential projects')}: remove ${affiliated.length === 1 ? 'it' : 'them'} first.`);
    }
    const residentialFor = await affiliationsRepository.countAsResidential(trx, before.projectId);
    if (residentialFor > 0 && !isResidential(after.projectType, after.rrhSubType)) {
      addError(errors, 'projectType', `${plural(residentialFor, 'services-only project names', 'services-only projects name')} this one as ${residentialFor === 1 ? 'its' : 'their'} affiliated residential project, and only residential projects can be: remove those affiliations first.`);
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(CORRECT, errors);
  }
}
