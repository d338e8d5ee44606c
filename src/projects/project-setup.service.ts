import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { canManageProjectsOf, type Viewer } from '../access/access-policy.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { changedFields } from '../audit/changed-fields.js';
import type { Clock } from '../clock.js';
import type { Database, Db } from '../db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError, requireConfirmation, ValidationError } from '../errors.js';
import { label, PROJECT_TYPE } from '../hud/code-lists.js';
import { hudUserId, HUD_ID_PATTERN } from '../hud/ids.js';
import type { Organization, Project, StaysInProjects } from './projects.model.js';
import { projectsRepository } from './projects.repository.js';
import { acceptsClientData, asksResidentialAffiliation, collectsInventory, isEmergencyShelter, isResidential, NOT_A_MANAGER, projectHasEnded } from './projects.service.js';
import { formatDay, periodsShareADay, statusPeriodsOverlap } from './project-fields.js';
import { validateCeParticipation, validateFunder, validateHmisParticipation, validateInventory, validateProjectCoc, type CeParticipationInput, type FunderInput, type HmisParticipationInput, type InventoryContext, type InventoryInput, type ProjectCocInput } from './project-setup-fields.js';
import type { Affiliation, CeParticipation, CeParticipationFields, Funder, FunderFields, HmisParticipation, HmisParticipationFields, Inventory, InventoryFields, ProjectCoc, ProjectCocFields, ProjectSetup, ProjectSetupRecords, RecordBookkeeping } from './project-setup.model.js';
import { affiliationsRepository, ceParticipationsRepository, fundersRepository, hmisParticipationsRepository, inventoriesRepository, projectCocsRepository, type SetupRecordRepository } from './project-setup.repository.js';

/** The HUD file a set-up record belongs to, as audit entries name it. */
export type SetupRecordKind = 'ProjectCoC' | 'Funder' | 'Inventory' | 'Affiliation' | 'HMISParticipation' | 'CEParticipation';

const CORRECT = 'Please correct the highlighted fields.';
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Audit entries name a record's changed fields by their HUD columns. */
const AUDITED_COC_FIELDS: Record<keyof ProjectCocFields, string> = {
  cocCode: 'coc_code',
  geocode: 'geocode',
  address1: 'address1',
  address2: 'address2',
  city: 'city',
  state: 'state',
  zip: 'zip',
  geographyType: 'geography_type',
};
const AUDITED_FUNDER_FIELDS: Record<keyof FunderFields, string> = {
  funder: 'funder',
  otherFunder: 'other_funder',
  grantId: 'grant_id',
  startDate: 'start_date',
  endDate: 'end_date',
};
const AUDITED_INVENTORY_FIELDS: Record<keyof InventoryFields, string> = {
  cocCode: 'coc_code',
  householdType: 'household_type',
  availability: 'availability',
  unitInventory: 'unit_inventory',
  bedInventory: 'bed_inventory',
  chVetBedInventory: 'ch_vet_bed_inventory',
  youthVetBedInventory: 'youth_vet_bed_inventory',
  vetBedInventory: 'vet_bed_inventory',
  chYouthBedInventory: 'ch_youth_bed_inventory',
  youthBedInventory: 'youth_bed_inventory',
  chBedInventory: 'ch_bed_inventory',
  otherBedInventory: 'other_bed_inventory',
  esBedType: 'es_bed_type',
  inventoryStartDate: 'inventory_start_date',
  inventoryEndDate: 'inventory_end_date',
};
const AUDITED_HMIS_FIELDS: Record<keyof HmisParticipationFields, string> = {
  hmisParticipationType: 'hmis_participation_type',
  startDate: 'hmis_participation_status_start_date',
  endDate: 'hmis_participation_status_end_date',
};
const AUDITED_CE_FIELDS: Record<keyof CeParticipationFields, string> = {
  accessPoint: 'access_point',
  preventionAssessment: 'prevention_assessment',
  crisisAssessment: 'crisis_assessment',
  housingAssessment: 'housing_assessment',
  directServices: 'direct_services',
  receivesReferrals: 'receives_referrals',
  startDate: 'ce_participation_status_start_date',
  endDate: 'ce_participation_status_end_date',
};

type Period = { startDate: string; endDate: string | null };

/** A participation record kind (2.08, 2.09): its own fields and checks, the same rules and audit otherwise. */
interface ParticipationKind<R extends F, F extends Period, I> {
  repository: SetupRecordRepository<R, F>;
  record: SetupRecordKind;
  /** As an overlap message names it. */
  what: string;
  idOf: (record: R) => string;
  create: (id: string, rest: { projectId: string } & F & RecordBookkeeping) => R;
  validate: (input: I) => F;
  audited: Record<keyof F, string>;
  addedDetails: (record: R) => Record<string, string | number | null>;
}

const HMIS_PARTICIPATION: ParticipationKind<HmisParticipation, HmisParticipationFields, HmisParticipationInput> = {
  repository: hmisParticipationsRepository,
  record: 'HMISParticipation',
  what: 'HMIS participation',
  idOf: (r) => r.hmisParticipationId,
  create: (id, rest) => ({ hmisParticipationId: id, ...rest }),
  validate: validateHmisParticipation,
  audited: AUDITED_HMIS_FIELDS,
  addedDetails: (r) => ({ type: r.hmisParticipationType }),
};

const CE_PARTICIPATION: ParticipationKind<CeParticipation, CeParticipationFields, CeParticipationInput> = {
  repository: ceParticipationsRepository,
  record: 'CEParticipation',
  what: 'coordinated entry participation',
  idOf: (r) => r.ceParticipationId,
  create: (id, rest) => ({ ceParticipationId: id, ...rest }),
  validate: validateCeParticipation,
  audited: AUDITED_CE_FIELDS,
  addedDetails: (r) => ({ accessPoint: r.accessPoint }),
};

/**
 * A project's set-up records (HUD's project descriptor files: ProjectCoC, Funder, Inventory, Affiliation,
 * HMISParticipation, CEParticipation). Everyone signed in may read them; changing them is the access policy's
 * `canManageProjectsOf` for the project's agency. Each change is audited, and runs with the project's row locked,
 * so rules that span a project's records (one record per CoC code, periods that must not overlap, inventory in
 * the operating period) hold when two managers save at once, and against a change of the project itself.
 */
export class ProjectSetupService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    /** The enrollments feature, asked whether a CoC code is in use (given late, see ProjectService). */
    private readonly stays: () => StaysInProjects,
    /** HUD ids are at most 32 characters: a random UUID's 32 hex digits. */
    private readonly newId: () => string = () => randomUUID().replaceAll('-', ''),
  ) {}

  /** Everything set up for the project, for its page. */
  async setup(projectId: string): Promise<ProjectSetup> {
    return {
      cocs: await projectCocsRepository.listByProject(this.db, projectId),
      funders: await fundersRepository.listByProject(this.db, projectId),
      inventories: await inventoriesRepository.listByProject(this.db, projectId),
      affiliations: await affiliationsRepository.listByProject(this.db, projectId),
      hmisParticipations: await hmisParticipationsRepository.listByProject(this.db, projectId),
      ceParticipations: await ceParticipationsRepository.listByProject(this.db, projectId),
    };
  }

  /** 2.06: the project's funding sources (what HUD's collection rules read), without the rest of its set-up. */
  funders(projectId: string): Promise<Funder[]> {
    return fundersRepository.listByProject(this.db, projectId);
  }

  /** 2.03: the project's CoCs, by code. */
  projectCocs(projectId: string): Promise<ProjectCoc[]> {
    return projectCocsRepository.listByProject(this.db, projectId);
  }

  /**
   * Generated Training data, written as it is, without checks or audit (the Training reset audits itself). The
   * projects must have been written first.
   */
  async writeGenerated(db: Db, records: ProjectSetupRecords): Promise<void> {
    await projectCocsRepository.insertMany(db, records.cocs);
    await fundersRepository.insertMany(db, records.funders);
    await inventoriesRepository.insertMany(db, records.inventories);
    await affiliationsRepository.insertMany(db, records.affiliations);
    await hmisParticipationsRepository.insertMany(db, records.hmisParticipations);
    await ceParticipationsRepository.insertMany(db, records.ceParticipations);
  }

  // 2.03 Continuum of Care information

  async projectCoc(projectId: string, recordId: string): Promise<ProjectCoc> {
    return found(HUD_ID_PATTERN.test(recordId) ? await projectCocsRepository.findById(this.db, projectId, recordId) : undefined);
  }

  async addProjectCoc(viewer: Viewer, projectId: string, input: ProjectCocInput, actor: Actor): Promise<ProjectCoc> {
    await this.projectToManage(viewer, projectId);
    const fields = validateProjectCoc(input);
    return this.inProject(projectId, async (trx) => {
      await this.refuseSecondRecordOfCode(trx, projectId, fields.cocCode, null);
      const record: ProjectCoc = { projectCocId: this.newId(), projectId, ...fields, ...this.created(actor) };
      await projectCocsRepository.insert(trx, record);
      await this.recordAudit(trx, 'project_setup.added', actor, projectId, 'ProjectCoC', record.projectCocId, { cocCode: record.cocCode });
      return record;
    });
  }

  async updateProjectCoc(viewer: Viewer, projectId: string, recordId: string, input: ProjectCocInput, actor: Actor): Promise<void> {
    await this.projectToManage(viewer, projectId);
    const fields = validateProjectCoc(input);
    await this.inProject(projectId, async (trx) => {
      const before = found(await projectCocsRepository.findById(trx, projectId, recordId));
      const changed = changedFields(before, fields, AUDITED_COC_FIELDS);
      if (changed.length === 0) return;
      if (fields.cocCode !== before.cocCode) {
        await this.refuseSecondRecordOfCode(trx, projectId, fields.cocCode, recordId);
        const users = await this.usersOfCode(trx, projectId, before.cocCode);
        if (users) throw new ValidationError(CORRECT, { cocCode: [`${users} name ${before.cocCode}, so its code cannot change. Add a record for ${fields.cocCode} instead.`] });
      }
      await projectCocsRepository.update(trx, recordId, fields, this.changed(actor));
      await this.recordAudit(trx, 'project_setup.changed', actor, projectId, 'ProjectCoC', recordId, { cocCode: fields.cocCode, fields: changed.join(', ') });
    });
  }

  /** HUD allows removing a CoC from a project, unless inventory or enrollments still name it. */
  async deleteProjectCoc(viewer: Viewer, projectId: string, recordId: string, actor: Actor): Promise<void> {
    await this.projectToManage(viewer, projectId);
    await this.inProject(projectId, async (trx) => {
      const record = found(await projectCocsRepository.findById(trx, projectId, recordId));
      const users = await this.usersOfCode(trx, projectId, record.cocCode);
      if (users) throw new ConflictError(`${users} name ${record.cocCode}: the CoC cannot be removed from the project while they do.`);
      await projectCocsRepository.markDeleted(trx, recordId, this.deleted(actor));
      await this.recordAudit(trx, 'project_setup.deleted', actor, projectId, 'ProjectCoC', recordId, { cocCode: record.cocCode });
    });
  }

  /** What names a CoC code of the project ("2 inventory records and 1 enrollment"), or null when nothing does. */
  private async usersOfCode(trx: Transaction<Database>, projectId: string, cocCode: string): Promise<string | null> {
    const inventories = (await inventoriesRepository.listByProject(trx, projectId)).filter((i) => i.cocCode === cocCode).length;
    const enrollments = await this.stays().countEnrollmentsInCoc(projectId, cocCode, trx);
    const parts = [
      inventories ? plural(inventories, 'bed and unit inventory record', 'bed and unit inventory records') : '',
      enrollments ? plural(enrollments, 'enrollment (3.16 Enrollment CoC)', 'enrollments (3.16 Enrollment CoC)') : '',
    ].filter(Boolean);
    return parts.length ? parts.join(' and ') : null;
  }

  /** One record per CoC code and project: (ProjectID, CoCCode) is what enrollments and inventory point at. */
  private async refuseSecondRecordOfCode(trx: Transaction<Database>, projectId: string, cocCode: string, exceptId: string | null): Promise<void> {
    const existing = await projectCocsRepository.listByProject(trx, projectId);
    if (existing.some((r) => r.cocCode === cocCode && r.projectCocId !== exceptId)) {
      throw new ValidationError(CORRECT, { cocCode: [`This project already has a record for ${cocCode}: change that one instead.`] });
    }
  }

  // 2.06 Funding sources

  async funder(projectId: string, recordId: string): Promise<Funder> {
    return found(HUD_ID_PATTERN.test(recordId) ? await fundersRepository.findById(this.db, projectId, recordId) : undefined);
  }

  /**
   * A grant whose dates share no day with the project's operating period is allowed (HUD sets no rule), but
   * usually a typing mistake: it is saved once the user confirms it.
   */
  async addFunder(viewer: Viewer, projectId: string, input: FunderInput, confirmed: boolean, actor: Actor): Promise<Funder> {
    const project = await this.projectToManage(viewer, projectId);
    const fields = validateFunder(input);
    requireConfirmation(grantWarnings(project, fields), confirmed);
    return this.inProject(projectId, async (trx) => {
      const record: Funder = { funderId: this.newId(), projectId, ...fields, ...this.created(actor) };
      await fundersRepository.insert(trx, record);
      await this.recordAudit(trx, 'project_setup.added', actor, projectId, 'Funder', record.funderId, { funder: record.funder });
      return record;
    });
  }

  async updateFunder(viewer: Viewer, projectId: string, recordId: string, input: FunderInput, confirmed: boolean, actor: Actor): Promise<void> {
    const project = await this.projectToManage(viewer, projectId);
    const current = found(await fundersRepository.findById(this.db, projectId, recordId));
    const fields = validateFunder(input, current.funder);
    requireConfirmation(grantWarnings(project, fields), confirmed);
    await this.inProject(projectId, async (trx) => {
      const before = found(await fundersRepository.findById(trx, projectId, recordId));
      const changed = changedFields(before, fields, AUDITED_FUNDER_FIELDS);
      if (changed.length === 0) return;
      await fundersRepository.update(trx, recordId, fields, this.changed(actor));
      await this.recordAudit(trx, 'project_setup.changed', actor, projectId, 'Funder', recordId, { funder: fields.funder, fields: changed.join(', ') });
    });
  }

  /** A funding source entered in error. (A grant that ended gets its end date instead.) */
  async deleteFunder(viewer: Viewer, projectId: string, recordId: string, actor: Actor): Promise<void> {
    await this.projectToManage(viewer, projectId);
    await this.inProject(projectId, async (trx) => {
      const record = found(await fundersRepository.findById(trx, projectId, recordId));
      await fundersRepository.markDeleted(trx, recordId, this.deleted(actor));
      await this.recordAudit(trx, 'project_setup.deleted', actor, projectId, 'Funder', recordId, { funder: record.funder });
    });
  }

  // 2.07 Bed and unit inventory

  async inventory(projectId: string, recordId: string): Promise<Inventory> {
    return found(HUD_ID_PATTERN.test(recordId) ? await inventoriesRepository.findById(this.db, projectId, recordId) : undefined);
  }

  /** What an inventory record of this project may say: for its form, and for checking it. */
  async inventoryContext(project: Project, db: Db = this.db): Promise<InventoryContext> {
    const cocs = await projectCocsRepository.listByProject(db, project.projectId);
    return {
      cocCodes: cocs.map((c) => c.cocCode),
      emergencyShelter: isEmergencyShelter(project),
      operatingStartDate: project.operatingStartDate,
      operatingEndDate: project.operatingEndDate,
    };
  }

  async addInventory(viewer: Viewer, projectId: string, input: InventoryInput, actor: Actor): Promise<Inventory> {
    refuseInventoryFor(await this.projectToManage(viewer, projectId));
    return this.inProject(projectId, async (trx, project) => {
      refuseInventoryFor(project);
      const fields = validateInventory(input, await this.inventoryContext(project, trx));
      const record: Inventory = { inventoryId: this.newId(), projectId, ...fields, ...this.created(actor) };
      await inventoriesRepository.insert(trx, record);
      await this.recordAudit(trx, 'project_setup.added', actor, projectId, 'Inventory', record.inventoryId, { cocCode: record.cocCode, beds: record.bedInventory });
      return record;
    });
  }

  async updateInventory(viewer: Viewer, projectId: string, recordId: string, input: InventoryInput, actor: Actor): Promise<void> {
    refuseInventoryFor(await this.projectToManage(viewer, projectId));
    await this.inProject(projectId, async (trx, project) => {
      refuseInventoryFor(project);
      const before = found(await inventoriesRepository.findById(trx, projectId, recordId));
      const fields = validateInventory(input, await this.inventoryContext(project, trx));
      const changed = changedFields(before, fields, AUDITED_INVENTORY_FIELDS);
      if (changed.length === 0) return;
      await inventoriesRepository.update(trx, recordId, fields, this.changed(actor));
      await this.recordAudit(trx, 'project_setup.changed', actor, projectId, 'Inventory', recordId, { cocCode: fields.cocCode, fields: changed.join(', ') });
    });
  }

  async deleteInventory(viewer: Viewer, projectId: string, recordId: string, actor: Actor): Promise<void> {
    await this.projectToManage(viewer, projectId);
    await this.inProject(projectId, async (trx) => {
      const record = found(await inventoriesRepository.findById(trx, projectId, recordId));
      await inventoriesRepository.markDeleted(trx, recordId, this.deleted(actor));
      await this.recordAudit(trx, 'project_setup.deleted', actor, projectId, 'Inventory', recordId, { cocCode: record.cocCode });
    });
  }

  // 2.02.C Affiliated residential projects

  /**
   * The residential projects of the project's CoCs that it is not yet affiliated with: those with a 2.03 record
   * for one of its codes, by name.
   */
  async affiliationCandidates(projectId: string, db: Db = this.db): Promise<Project[]> {
    const codes = (await projectCocsRepository.listByProject(db, projectId)).map((c) => c.cocCode);
    const taken = new Set((await affiliationsRepository.listByProject(db, projectId)).map((a) => a.resProjectId));
    const inCocs = await projectsRepository.listInCocs(db, codes);
    return inCocs.filter((p) => p.projectId !== projectId && !taken.has(p.projectId) && isResidential(p.projectType, p.rrhSubType));
  }

  async addAffiliation(viewer: Viewer, projectId: string, input: { resProjectId: string }, actor: Actor): Promise<Affiliation> {
    refuseAffiliationsFor(await this.projectToManage(viewer, projectId));
    return this.inProject(projectId, async (trx, project) => {
      refuseAffiliationsFor(project);
      const candidates = await this.affiliationCandidates(projectId, trx);
      const resProject = candidates.find((p) => p.projectId === input.resProjectId.trim());
      if (!resProject) {
        const message = candidates.length
          ? 'Choose one of the residential projects in the list: they are the residential projects of this project’s CoCs.'
          : 'No residential project of this project’s CoCs is left to choose: add the project’s Continuum of Care information (2.03) first, or the CoC of the residential project to it.';
        throw new ValidationError(CORRECT, { resProjectId: [message] });
      }
      // Held until this commits: the residential project cannot meanwhile become one that is not.
      await projectsRepository.lockForShare(trx, resProject.projectId);
      const locked = await projectsRepository.findById(trx, resProject.projectId);
      if (!locked || !isResidential(locked.projectType, locked.rrhSubType)) throw new ConflictError(`${resProject.projectName} just changed: choose the residential project again.`);
      const record: Affiliation = { affiliationId: this.newId(), projectId, resProjectId: resProject.projectId, ...this.created(actor) };
      await affiliationsRepository.insert(trx, record);
      await this.recordAudit(trx, 'project_setup.added', actor, projectId, 'Affiliation', record.affiliationId, { resProjectId: resProject.projectId });
      return record;
    });
  }

  async deleteAffiliation(viewer: Viewer, projectId: string, recordId: string, actor: Actor): Promise<void> {
    await this.projectToManage(viewer, projectId);
    await this.inProject(projectId, async (trx) => {
      const record = found(HUD_ID_PATTERN.test(recordId) ? await affiliationsRepository.findById(trx, projectId, recordId) : undefined);
      await affiliationsRepository.markDeleted(trx, recordId, this.deleted(actor));
      await this.recordAudit(trx, 'project_setup.deleted', actor, projectId, 'Affiliation', recordId, { resProjectId: record.resProjectId });
    });
  }

  // 2.08 HMIS participation and 2.09 coordinated entry participation: periods that must not overlap

  async hmisParticipation(projectId: string, recordId: string): Promise<HmisParticipation> {
    return this.participation(HMIS_PARTICIPATION, projectId, recordId);
  }

  addHmisParticipation(viewer: Viewer, projectId: string, input: HmisParticipationInput, actor: Actor): Promise<HmisParticipation> {
    return this.addParticipation(HMIS_PARTICIPATION, viewer, projectId, input, actor);
  }

  updateHmisParticipation(viewer: Viewer, projectId: string, recordId: string, input: HmisParticipationInput, actor: Actor): Promise<void> {
    return this.updateParticipation(HMIS_PARTICIPATION, viewer, projectId, recordId, input, actor);
  }

  deleteHmisParticipation(viewer: Viewer, projectId: string, recordId: string, actor: Actor): Promise<void> {
    return this.deleteParticipation(HMIS_PARTICIPATION, viewer, projectId, recordId, actor);
  }

  async ceParticipation(projectId: string, recordId: string): Promise<CeParticipation> {
    return this.participation(CE_PARTICIPATION, projectId, recordId);
  }

  addCeParticipation(viewer: Viewer, projectId: string, input: CeParticipationInput, actor: Actor): Promise<CeParticipation> {
    return this.addParticipation(CE_PARTICIPATION, viewer, projectId, input, actor);
  }

  updateCeParticipation(viewer: Viewer, projectId: string, recordId: string, input: CeParticipationInput, actor: Actor): Promise<void> {
    return this.updateParticipation(CE_PARTICIPATION, viewer, projectId, recordId, input, actor);
  }

  deleteCeParticipation(viewer: Viewer, projectId: string, recordId: string, actor: Actor): Promise<void> {
    return this.deleteParticipation(CE_PARTICIPATION, viewer, projectId, recordId, actor);
  }

  private async participation<R extends F, F extends Period, I>(kind: ParticipationKind<R, F, I>, projectId: string, recordId: string): Promise<R> {
    return found(HUD_ID_PATTERN.test(recordId) ? await kind.repository.findById(this.db, projectId, recordId) : undefined);
  }

  private async addParticipation<R extends F, F extends Period, I>(kind: ParticipationKind<R, F, I>, viewer: Viewer, projectId: string, input: I, actor: Actor): Promise<R> {
    await this.projectToManage(viewer, projectId);
    const fields = kind.validate(input);
    return this.inProject(projectId, async (trx) => {
      refuseOverlap(await kind.repository.listByProject(trx, projectId), fields, null, kind.idOf, kind.what);
      const record = kind.create(this.newId(), { projectId, ...fields, ...this.created(actor) });
      await kind.repository.insert(trx, record);
      await this.recordAudit(trx, 'project_setup.added', actor, projectId, kind.record, kind.idOf(record), kind.addedDetails(record));
      return record;
    });
  }

  private async updateParticipation<R extends F, F extends Period, I>(
    kind: ParticipationKind<R, F, I>,
    viewer: Viewer,
    projectId: string,
    recordId: string,
    input: I,
    actor: Actor,
  ): Promise<void> {
    await this.projectToManage(viewer, projectId);
    const fields = kind.validate(input);
    await this.inProject(projectId, async (trx) => {
      const all = await kind.repository.listByProject(trx, projectId);
      const before = found(all.find((r) => kind.idOf(r) === recordId));
      const changed = changedFields<F>(before, fields, kind.audited);
      if (changed.length === 0) return;
      refuseOverlap(all, fields, recordId, kind.idOf, kind.what);
      await kind.repository.update(trx, recordId, fields, this.changed(actor));
      await this.recordAudit(trx, 'project_setup.changed', actor, projectId, kind.record, recordId, { fields: changed.join(', ') });
    });
  }

  private async deleteParticipation<R extends F, F extends Period, I>(kind: ParticipationKind<R, F, I>, viewer: Viewer, projectId: string, recordId: string, actor: Actor): Promise<void> {
    await this.projectToManage(viewer, projectId);
    await this.inProject(projectId, async (trx) => {
      found(await kind.repository.findById(trx, projectId, recordId));
      await kind.repository.markDeleted(trx, recordId, this.deleted(actor));
      await this.recordAudit(trx, 'project_setup.deleted', actor, projectId, kind.record, recordId);
    });
  }

  // Shared

  /** The project, if the viewer may change its set-up: who may comes before what was typed. */
  async projectToManage(viewer: Viewer, projectId: string): Promise<Project> {
    const project = HUD_ID_PATTERN.test(projectId) ? await projectsRepository.findById(this.db, projectId) : undefined;
    if (!project) throw new NotFoundError('There is no such project.');
    if (!canManageProjectsOf(viewer, project.organizationId)) throw new ForbiddenError(NOT_A_MANAGER);
    return project;
  }

  /** Runs a change with the project's row locked until it commits: changes to one project's set-up apply in turn. */
  private inProject<T>(projectId: string, change: (trx: Transaction<Database>, project: Project) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      const project = await projectsRepository.findByIdForUpdate(trx, projectId);
      if (!project) throw new NotFoundError('There is no such project.');
      return change(trx, project);
    });
  }

  private created(actor: Actor) {
    const now = this.clock.now();
    return { dateCreated: now, dateUpdated: now, userId: hudUserId(actor) };
  }

  private changed(actor: Actor) {
    return { dateUpdated: this.clock.now(), userId: hudUserId(actor) };
  }

  private deleted(actor: Actor) {
    const now = this.clock.now();
    return { dateDeleted: now, dateUpdated: now, userId: hudUserId(actor) };
  }

  private recordAudit(
    trx: Transaction<Database>,
    event: 'project_setup.added' | 'project_setup.changed' | 'project_setup.deleted',
    actor: Actor,
    projectId: string,
    record: SetupRecordKind,
    recordId: string,
    details: Record<string, string | number | null> = {},
  ): Promise<void> {
    return this.audit.record(trx, { event, actor, details: { projectId, record, recordId, ...details } });
  }
}

function found<T>(record: T | undefined): T {
  if (!record) throw new NotFoundError('There is no such record for this project.');
  return record;
}

/** Refuses inventory for a project HUD collects none for (a non-residential one). */
export function refuseInventoryFor(project: Project): void {
  if (!collectsInventory(project)) {
    throw new ConflictError(`HUD collects no bed and unit inventory for ${label(PROJECT_TYPE, project.projectType)} projects${project.rrhSubType === 1 ? ' that provide services only' : ''}.`);
  }
}

/** Refuses affiliated projects for a project that is not a services-only project affiliated with one (2.02.B Yes). */
export function refuseAffiliationsFor(project: Project): void {
  if (!asksResidentialAffiliation(project.projectType, project.rrhSubType) || project.residentialAffiliation !== 1) {
    throw new ConflictError('Only a Services Only or RRH: Services Only project that is affiliated with a residential project (2.02.B Yes) lists affiliated projects.');
  }
}

/** HUD: a project's participation records are transactional and their periods do not overlap. */
function refuseOverlap<R extends { startDate: string; endDate: string | null }>(
  records: readonly R[],
  period: { startDate: string; endDate: string | null },
  exceptId: string | null,
  idOf: (record: R) => string,
  what: string,
): void {
  const clash = records.find((r) => idOf(r) !== exceptId && statusPeriodsOverlap({ start: r.startDate, end: r.endDate }, { start: period.startDate, end: period.endDate }));
  if (!clash) return;
  const other = clash.endDate ? `from ${formatDay(clash.startDate)} to ${formatDay(clash.endDate)}` : `open since ${formatDay(clash.startDate)}`;
  throw new ValidationError(CORRECT, {
    [period.endDate === null && clash.startDate > period.startDate ? 'endDate' : 'startDate']: [
      `This period overlaps another ${what} record (${other}). HUD keeps one status at a time: end the other record first, or change these dates.`,
    ],
  });
}

/** A grant whose dates share no day with the project's operating period: worth a second look. */
export function grantWarnings(project: Pick<Project, 'operatingStartDate' | 'operatingEndDate'>, fields: Pick<FunderFields, 'startDate' | 'endDate'>): Record<string, string[]> {
  const grant = { start: fields.startDate, end: fields.endDate };
  const operating = { start: project.operatingStartDate, end: project.operatingEndDate };
  if (periodsShareADay(grant, operating)) return {};
  const dates = operating.end ? `${formatDay(operating.start)} to ${formatDay(operating.end)}` : `from ${formatDay(operating.start)} on`;
  return { [grant.end !== null && grant.end < operating.start ? 'endDate' : 'startDate']: [`The grant’s dates share no day with the project’s operating dates (${dates}). Is that right?`] };
}

/**
 * What the project page reminds its readers of: HUD set-up that is missing or contradicts itself, and why a
 * victim service provider's project holds no client data.
 */
export function setupReminders(project: Project, organization: Organization, setup: ProjectSetup, today: string): string[] {
  const reminders: string[] = [];
  const operating = !projectHasEnded(project, today);
  if (setup.cocs.length === 0) reminders.push('No Continuum of Care information (2.03): enrollments need one of the project’s CoC codes (3.16 Enrollment CoC).');
  if (project.operatingEndDate === null) {
    if (!setup.hmisParticipations.some((r) => r.endDate === null)) {
      reminders.push('No open HMIS participation record (2.08): HUD expects every project without an operating end date to have one without an end date.');
    }
    if (!setup.ceParticipations.some((r) => r.endDate === null)) {
      reminders.push('No open coordinated entry participation record (2.09): HUD expects every project without an operating end date to have one without an end date.');
    }
  }
  if (operating && collectsInventory(project) && !setup.inventories.some((i) => i.inventoryEndDate === null || i.inventoryEndDate >= today)) {
    reminders.push('No current bed and unit inventory (2.07).');
  }
  if (asksResidentialAffiliation(project.projectType, project.rrhSubType) && project.residentialAffiliation === 1 && setup.affiliations.length === 0) {
    reminders.push('The project is affiliated with a residential project (2.02.B), but none is listed: add the affiliated residential projects.');
  }
  if (!acceptsClientData(organization) && setup.hmisParticipations.some((r) => r.hmisParticipationType === 1 && (r.endDate === null || r.endDate > today))) {
    reminders.push('The agency is a victim service provider, which does not participate in an HMIS: its participation type is usually “Comparable Database Participating”.');
  }
  return reminders;
}
