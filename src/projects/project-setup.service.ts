import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { canManageProjectsOf, type Viewer } from '../access/access-policy.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { hudUserId } from '../hud/ids.js';
import type { Project } from './projects.model.js';
import { projectsRepository } from './projects.repository.js';
import { NOT_A_MANAGER } from './projects.service.js';
import { validateProjectCoc, type ProjectCocInput } from './project-setup-fields.js';
import type { ProjectCoc } from './project-setup.model.js';
import { projectCocsRepository } from './project-setup.repository.js';

/** The HUD file a set-up record belongs to, as audit entries name it. */
export type SetupRecordKind = 'ProjectCoC';

/**
 * A project's set-up records (HUD's project descriptor files): who may change them is the access policy's
 * `canManageProjectsOf` for the project's agency; everyone signed in may read them. Each change is audited, and
 * runs with the project's row locked, so rules that span a project's records (one record per CoC code, periods
 * that must not overlap) hold when two managers save at the same time.
 */
export class ProjectSetupService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    /** HUD ids are at most 32 characters: a random UUID's 32 hex digits. */
    private readonly newId: () => string = () => randomUUID().replaceAll('-', ''),
  ) {}

  /** 2.03: the project's CoCs, by code. */
  projectCocs(projectId: string): Promise<ProjectCoc[]> {
    return projectCocsRepository.listByProject(this.db, projectId);
  }

  async addProjectCoc(viewer: Viewer, projectId: string, input: ProjectCocInput, actor: Actor): Promise<ProjectCoc> {
    await this.projectToManage(viewer, projectId);
    const fields = validateProjectCoc(input);
    return this.inProject(projectId, async (trx) => {
      await this.refuseSecondRecordOfCode(trx, projectId, fields.cocCode, null);
      const now = this.clock.now();
      const record: ProjectCoc = { projectCocId: this.newId(), projectId, ...fields, dateCreated: now, dateUpdated: now, userId: hudUserId(actor) };
      await projectCocsRepository.insert(trx, record);
      await this.recordAudit(trx, 'project_setup.added', actor, projectId, 'ProjectCoC', record.projectCocId, { cocCode: record.cocCode });
      return record;
    });
  }

  /** One record per CoC code and project: (ProjectID, CoCCode) is what enrollments and inventory point at. */
  private async refuseSecondRecordOfCode(trx: Transaction<Database>, projectId: string, cocCode: string, exceptId: string | null): Promise<void> {
    const existing = await projectCocsRepository.listByProject(trx, projectId);
    if (existing.some((r) => r.cocCode === cocCode && r.projectCocId !== exceptId)) {
      throw new ValidationError(CORRECT, { cocCode: [`This project already has a record for ${cocCode}: change that one instead.`] });
    }
  }

  /** The project, if the viewer may change its set-up: who may comes before what was typed. */
  private async projectToManage(viewer: Viewer, projectId: string): Promise<Project> {
    const project = await projectsRepository.findById(this.db, projectId);
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

const CORRECT = 'Please correct the highlighted fields.';
