import type { Selectable } from 'kysely';
import type { Db, ProjectCocsTable } from '../db/schema.js';
import type { ProjectCoc, ProjectCocFields, RecordBookkeeping } from './project-setup.model.js';

/** Who changed a record, and when: what every change of a set-up record writes besides its fields. */
type Changed = Pick<RecordBookkeeping, 'dateUpdated' | 'userId'>;

function toProjectCoc(row: Selectable<ProjectCocsTable>): ProjectCoc {
  return {
    projectCocId: row.project_coc_id,
    projectId: row.project_id,
    cocCode: row.coc_code,
    geocode: row.geocode,
    address1: row.address1,
    address2: row.address2,
    city: row.city,
    state: row.state,
    zip: row.zip,
    geographyType: row.geography_type,
    dateCreated: row.date_created,
    dateUpdated: row.date_updated,
    userId: row.user_id,
  };
}

function projectCocColumns(fields: ProjectCocFields) {
  return {
    coc_code: fields.cocCode,
    geocode: fields.geocode,
    address1: fields.address1,
    address2: fields.address2,
    city: fields.city,
    state: fields.state,
    zip: fields.zip,
    geography_type: fields.geographyType,
  };
}

function projectCocRow(record: ProjectCoc) {
  return {
    project_coc_id: record.projectCocId,
    project_id: record.projectId,
    ...projectCocColumns(record),
    date_created: record.dateCreated,
    date_updated: record.dateUpdated,
    user_id: record.userId,
  };
}

/**
 * 2.03 ProjectCoC records. Deleted rows (DateDeleted set) are never returned. Besides this file, only the
 * Training reset deletes them (training/training.repository.ts).
 */
export const projectCocsRepository = {
  /** A project's CoCs, by code. */
  async listByProject(db: Db, projectId: string): Promise<ProjectCoc[]> {
    const rows = await db
      .selectFrom('project_cocs')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('date_deleted', 'is', null)
      .orderBy('coc_code')
      .execute();
    return rows.map(toProjectCoc);
  },

  async findById(db: Db, projectId: string, projectCocId: string): Promise<ProjectCoc | undefined> {
    const row = await db
      .selectFrom('project_cocs')
      .selectAll()
      .where('project_coc_id', '=', projectCocId)
      .where('project_id', '=', projectId)
      .where('date_deleted', 'is', null)
      .executeTakeFirst();
    return row && toProjectCoc(row);
  },

  async insert(db: Db, record: ProjectCoc): Promise<void> {
    await db.insertInto('project_cocs').values(projectCocRow(record)).execute();
  },

  async insertMany(db: Db, records: readonly ProjectCoc[]): Promise<void> {
    if (records.length === 0) return;
    await db.insertInto('project_cocs').values(records.map(projectCocRow)).execute();
  },

  async update(db: Db, projectCocId: string, fields: ProjectCocFields, changed: Changed): Promise<void> {
    await db
      .updateTable('project_cocs')
      .set({ ...projectCocColumns(fields), date_updated: changed.dateUpdated, user_id: changed.userId })
      .where('project_coc_id', '=', projectCocId)
      .where('date_deleted', 'is', null)
      .execute();
  },

  /** HUD's delete: the row stays, with DateDeleted set, so an export can tell the receiver. */
  async markDeleted(db: Db, projectCocId: string, changed: Changed & { dateDeleted: Date }): Promise<void> {
    await db
      .updateTable('project_cocs')
      .set({ date_deleted: changed.dateDeleted, date_updated: changed.dateUpdated, user_id: changed.userId })
      .where('project_coc_id', '=', projectCocId)
      .where('date_deleted', 'is', null)
      .execute();
  },
};
