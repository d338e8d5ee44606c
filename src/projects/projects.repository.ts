import { sql, type Insertable, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { Database, Db, OrganizationsTable, ProjectsTable } from '../db/schema.js';

export type Organization = Selectable<OrganizationsTable>;
export type Project = Selectable<ProjectsTable>;

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
  'date_deleted',
] as const;

/** The only place that reads or writes the organizations table. Deleted rows (DateDeleted set) are never returned. */
export const organizationsRepository = {
  list(db: Db): Promise<Organization[]> {
    return db
      .selectFrom('organizations')
      .selectAll()
      .where('date_deleted', 'is', null)
      .orderBy(sql`lower(organization_name)`)
      .orderBy('organization_id')
      .execute();
  },

  findById(db: Db, id: string): Promise<Organization | undefined> {
    return db.selectFrom('organizations').selectAll().where('organization_id', '=', id).where('date_deleted', 'is', null).executeTakeFirst();
  },

  /** Locks the row until the transaction ends, so two administrators' edits apply in turn. */
  findByIdForUpdate(trx: Transaction<Database>, id: string): Promise<Organization | undefined> {
    return trx
      .selectFrom('organizations')
      .selectAll()
      .where('organization_id', '=', id)
      .where('date_deleted', 'is', null)
      .forUpdate()
      .executeTakeFirst();
  },

  insert(db: Db, row: Insertable<OrganizationsTable>): Promise<Organization> {
    return db.insertInto('organizations').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Db, id: string, changes: Updateable<OrganizationsTable>): Promise<Organization> {
    return db.updateTable('organizations').set(changes).where('organization_id', '=', id).returningAll().executeTakeFirstOrThrow();
  },
};

/** The only place that reads or writes the projects table. Deleted rows (DateDeleted set) are never returned. */
export const projectsRepository = {
  /** Every project, by name within each organization. */
  list(db: Db): Promise<Project[]> {
    return db
      .selectFrom('projects')
      .select(projectColumns)
      .where('date_deleted', 'is', null)
      .orderBy(sql`lower(project_name)`)
      .orderBy('project_id')
      .execute();
  },

  listByOrganization(db: Db, organizationId: string): Promise<Project[]> {
    return db
      .selectFrom('projects')
      .select(projectColumns)
      .where('organization_id', '=', organizationId)
      .where('date_deleted', 'is', null)
      .orderBy(sql`lower(project_name)`)
      .orderBy('project_id')
      .execute();
  },

  findById(db: Db, id: string): Promise<Project | undefined> {
    return db.selectFrom('projects').select(projectColumns).where('project_id', '=', id).where('date_deleted', 'is', null).executeTakeFirst();
  },

  findByIdForUpdate(trx: Transaction<Database>, id: string): Promise<Project | undefined> {
    return trx
      .selectFrom('projects')
      .select(projectColumns)
      .where('project_id', '=', id)
      .where('date_deleted', 'is', null)
      .forUpdate()
      .executeTakeFirst();
  },

  async insert(db: Db, row: Insertable<ProjectsTable>): Promise<Project> {
    const { project_id } = await db.insertInto('projects').values(row).returning('project_id').executeTakeFirstOrThrow();
    return (await this.findById(db, project_id))!;
  },

  async update(db: Db, id: string, changes: Updateable<ProjectsTable>): Promise<Project> {
    await db.updateTable('projects').set(changes).where('project_id', '=', id).executeTakeFirstOrThrow();
    return (await this.findById(db, id))!;
  },
};
