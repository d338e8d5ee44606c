import { sql, type Insertable, type Selectable, type Transaction } from 'kysely';
import type { Database, Db, OrganizationsTable, ProjectsTable } from '../db/schema.js';
import type { Organization, OrganizationFields, Project, ProjectFields } from './projects.model.js';

// Dates are read as text (ISO `YYYY-MM-DD`): the pg and PGlite drivers would otherwise turn them into
// Date objects at midnight in some time zone, and a project's start date must not move by a day.
const projectColumns = [
  'project_id',
  'organization_id',
  'project_name',
  'project_common_name',
  sql<string>`to_char(operating_start_date, 'YYYY-MM-DD')`.as('operating_start_date'),
  sql<string | null>`to_char(operating_end_date, 'YYYY-MM-DD')`.as('operating_end_date'),
  'continuum_project',
  'project_type',
  'housing_type',
  'rrh_sub_type',
  'residential_affiliation',
  'target_population',
  'hopwa_med_assisted_living_fac',
  'pit_count',
  'date_created',
  'date_updated',
  'user_id',
] as const;

function toOrganization(row: Selectable<OrganizationsTable>): Organization {
  return {
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    organizationCommonName: row.organization_common_name,
    victimServiceProvider: row.victim_service_provider,
    dateCreated: row.date_created,
    dateUpdated: row.date_updated,
    userId: row.user_id,
  };
}

/** An agency's fields, and who changed them when: what creating or changing an agency writes. */
type OrganizationChanges = OrganizationFields & Pick<Organization, 'dateUpdated' | 'userId'>;

function organizationColumns(changes: OrganizationChanges) {
  return {
    organization_name: changes.organizationName,
    organization_common_name: changes.organizationCommonName,
    victim_service_provider: changes.victimServiceProvider,
    date_updated: changes.dateUpdated,
    user_id: changes.userId,
  };
}

function toProject(row: Omit<Selectable<ProjectsTable>, 'date_deleted'>): Project {
  return {
    projectId: row.project_id,
    organizationId: row.organization_id,
    projectName: row.project_name,
    projectCommonName: row.project_common_name,
    operatingStartDate: row.operating_start_date,
    operatingEndDate: row.operating_end_date,
    continuumProject: row.continuum_project,
    projectType: row.project_type,
    housingType: row.housing_type,
    rrhSubType: row.rrh_sub_type,
    residentialAffiliation: row.residential_affiliation,
    targetPopulation: row.target_population,
    hopwaMedAssistedLivingFac: row.hopwa_med_assisted_living_fac,
    pitCount: row.pit_count,
    dateCreated: row.date_created,
    dateUpdated: row.date_updated,
    userId: row.user_id,
  };
}

/** A project's descriptor, and who changed it when: what creating or changing a project writes. */
type ProjectChanges = ProjectFields & Pick<Project, 'dateUpdated' | 'userId'>;

function projectColumnsOf(changes: ProjectChanges) {
  return {
    project_name: changes.projectName,
    project_common_name: changes.projectCommonName,
    operating_start_date: changes.operatingStartDate,
    operating_end_date: changes.operatingEndDate,
    continuum_project: changes.continuumProject,
    project_type: changes.projectType,
    housing_type: changes.housingType,
    rrh_sub_type: changes.rrhSubType,
    residential_affiliation: changes.residentialAffiliation,
    target_population: changes.targetPopulation,
    hopwa_med_assisted_living_fac: changes.hopwaMedAssistedLivingFac,
    date_updated: changes.dateUpdated,
    user_id: changes.userId,
  };
}

function projectRow(project: Project): Insertable<ProjectsTable> {
  return {
    project_id: project.projectId,
    organization_id: project.organizationId,
    ...projectColumnsOf(project),
    pit_count: project.pitCount,
    date_created: project.dateCreated,
  };
}

/**
 * Agencies (organizations) for the agency pages. Deleted rows (DateDeleted set) are never returned. Besides this
 * file, only the Training reset deletes organizations (training/training.repository.ts).
 */
export const organizationsRepository = {
  async list(db: Db): Promise<Organization[]> {
    const rows = await db
      .selectFrom('organizations')
      .selectAll()
      .where('date_deleted', 'is', null)
      .orderBy(sql`lower(organization_name)`)
      .orderBy('organization_id')
      .execute();
    return rows.map(toOrganization);
  },

  async findById(db: Db, id: string): Promise<Organization | undefined> {
    const row = await db.selectFrom('organizations').selectAll().where('organization_id', '=', id).where('date_deleted', 'is', null).executeTakeFirst();
    return row && toOrganization(row);
  },

  /** Locks the row until the transaction ends, so two administrators' edits apply in turn. */
  async findByIdForUpdate(trx: Transaction<Database>, id: string): Promise<Organization | undefined> {
    const row = await trx
      .selectFrom('organizations')
      .selectAll()
      .where('organization_id', '=', id)
      .where('date_deleted', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    return row && toOrganization(row);
  },

  /** Holds off changes to the agency (they lock its row for update) until the transaction ends. */
  async findByIdForShare(trx: Transaction<Database>, id: string): Promise<Organization | undefined> {
    const row = await trx
      .selectFrom('organizations')
      .selectAll()
      .where('organization_id', '=', id)
      .where('date_deleted', 'is', null)
      .forShare()
      .executeTakeFirst();
    return row && toOrganization(row);
  },

  async insert(db: Db, organization: Organization): Promise<Organization> {
    const row = await db
      .insertInto('organizations')
      .values({ organization_id: organization.organizationId, date_created: organization.dateCreated, ...organizationColumns(organization) })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toOrganization(row);
  },

  /** Writes these agencies, replacing the ones with the same OrganizationID (a deleted one comes back). */
  async upsertMany(db: Db, organizations: readonly Organization[]): Promise<void> {
    if (organizations.length === 0) return;
    await db
      .insertInto('organizations')
      .values(organizations.map((o) => ({ organization_id: o.organizationId, date_created: o.dateCreated, ...organizationColumns(o) })))
      .onConflict((oc) =>
        oc.column('organization_id').doUpdateSet((eb) => ({
          organization_name: eb.ref('excluded.organization_name'),
          organization_common_name: eb.ref('excluded.organization_common_name'),
          victim_service_provider: eb.ref('excluded.victim_service_provider'),
          date_created: eb.ref('excluded.date_created'),
          date_updated: eb.ref('excluded.date_updated'),
          user_id: eb.ref('excluded.user_id'),
          date_deleted: null,
        })),
      )
      .execute();
  },

  async update(db: Db, id: string, changes: OrganizationChanges): Promise<Organization> {
    const row = await db
      .updateTable('organizations')
      .set(organizationColumns(changes))
      .where('organization_id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toOrganization(row);
  },
};

/**
 * Projects for the agency and project pages. Deleted rows (DateDeleted set) are never returned. Besides this
 * file, only the Training reset deletes projects (training/training.repository.ts).
 */
export const projectsRepository = {
  /** Every project, by name within each organization. */
  async list(db: Db): Promise<Project[]> {
    const rows = await db
      .selectFrom('projects')
      .select(projectColumns)
      .where('date_deleted', 'is', null)
      .orderBy(sql`lower(project_name)`)
      .orderBy('project_id')
      .execute();
    return rows.map(toProject);
  },

  async listByOrganization(db: Db, organizationId: string): Promise<Project[]> {
    const rows = await db
      .selectFrom('projects')
      .select(projectColumns)
      .where('organization_id', '=', organizationId)
      .where('date_deleted', 'is', null)
      .orderBy(sql`lower(project_name)`)
      .orderBy('project_id')
      .execute();
    return rows.map(toProject);
  },

  /** Projects with a 2.03 record for one of these CoC codes, by name. */
  async listInCocs(db: Db, cocCodes: readonly string[]): Promise<Project[]> {
    if (cocCodes.length === 0) return [];
    const rows = await db
      .selectFrom('projects')
      .select(projectColumns)
      .where('date_deleted', 'is', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('project_cocs')
            .select('project_cocs.project_coc_id')
            .whereRef('project_cocs.project_id', '=', 'projects.project_id')
            .where('project_cocs.coc_code', 'in', [...cocCodes])
            .where('project_cocs.date_deleted', 'is', null),
        ),
      )
      .orderBy(sql`lower(project_name)`)
      .orderBy('project_id')
      .execute();
    return rows.map(toProject);
  },

  async findById(db: Db, id: string): Promise<Project | undefined> {
    const row = await db.selectFrom('projects').select(projectColumns).where('project_id', '=', id).where('date_deleted', 'is', null).executeTakeFirst();
    return row && toProject(row);
  },

  async findByIdForUpdate(trx: Transaction<Database>, id: string): Promise<Project | undefined> {
    const row = await trx
      .selectFrom('projects')
      .select(projectColumns)
      .where('project_id', '=', id)
      .where('date_deleted', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    return row && toProject(row);
  },

  /** Holds off changes to the project (they lock its row for update) until the transaction ends. */
  async lockForShare(trx: Transaction<Database>, id: string): Promise<void> {
    await trx.selectFrom('projects').select('project_id').where('project_id', '=', id).forShare().execute();
  },

  async insert(db: Db, project: Pick<Project, 'projectId' | 'organizationId' | 'dateCreated'> & ProjectChanges): Promise<Project> {
    await db
      .insertInto('projects')
      .values({ project_id: project.projectId, organization_id: project.organizationId, date_created: project.dateCreated, ...projectColumnsOf(project) })
      .execute();
    return (await this.findById(db, project.projectId))!;
  },

  async insertMany(db: Db, projects: readonly Project[]): Promise<void> {
    if (projects.length === 0) return;
    await db.insertInto('projects').values(projects.map(projectRow)).execute();
  },

  async update(db: Db, id: string, changes: ProjectChanges): Promise<Project> {
    await db.updateTable('projects').set(projectColumnsOf(changes)).where('project_id', '=', id).executeTakeFirstOrThrow();
    return (await this.findById(db, id))!;
  },
};
