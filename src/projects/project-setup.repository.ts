import { sql, type Selectable } from 'kysely';
import type { CeParticipationsTable, Db, FundersTable, HmisParticipationsTable, InventoriesTable, ProjectCocsTable } from '../db/schema.js';
import type {
  Affiliation,
  AffiliationWithProject,
  CeParticipation,
  CeParticipationFields,
  Funder,
  FunderFields,
  HmisParticipation,
  HmisParticipationFields,
  Inventory,
  InventoryFields,
  ProjectCoc,
  ProjectCocFields,
  RecordBookkeeping,
} from './project-setup.model.js';

/** Who changed a record, and when: what every change of a set-up record writes besides its fields. */
type Changed = Pick<RecordBookkeeping, 'dateUpdated' | 'userId'>;

/** A deletion: who deleted the record, when (HUD's DateDeleted). */
type Deleted = Changed & { dateDeleted: Date };

// Dates are read as text (ISO `YYYY-MM-DD`): the drivers would otherwise make them Dates at midnight in some time
// zone, and a grant's start must not move by a day.
const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const nullableDay = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

function bookkeepingOf(row: { date_created: Date; date_updated: Date; user_id: string }): RecordBookkeeping {
  return { dateCreated: row.date_created, dateUpdated: row.date_updated, userId: row.user_id };
}

function bookkeepingRow(record: RecordBookkeeping) {
  return { date_created: record.dateCreated, date_updated: record.dateUpdated, user_id: record.userId };
}

function deletion(changed: Deleted) {
  return { date_deleted: changed.dateDeleted, date_updated: changed.dateUpdated, user_id: changed.userId };
}

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
    ...bookkeepingOf(row),
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
    ...bookkeepingRow(record),
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
  async markDeleted(db: Db, projectCocId: string, changed: Deleted): Promise<void> {
    await db.updateTable('project_cocs').set(deletion(changed)).where('project_coc_id', '=', projectCocId).where('date_deleted', 'is', null).execute();
  },
};

const funderColumns = [
  'funder_id',
  'project_id',
  'funder',
  'other_funder',
  'grant_id',
  day('start_date').as('start_date'),
  nullableDay('end_date').as('end_date'),
  'date_created',
  'date_updated',
  'user_id',
] as const;

function toFunder(row: Omit<Selectable<FundersTable>, 'date_deleted'>): Funder {
  return {
    funderId: row.funder_id,
    projectId: row.project_id,
    funder: row.funder,
    otherFunder: row.other_funder,
    grantId: row.grant_id,
    startDate: row.start_date,
    endDate: row.end_date,
    ...bookkeepingOf(row),
  };
}

function funderFieldColumns(fields: FunderFields) {
  return { funder: fields.funder, other_funder: fields.otherFunder, grant_id: fields.grantId, start_date: fields.startDate, end_date: fields.endDate };
}

function funderRow(record: Funder) {
  return { funder_id: record.funderId, project_id: record.projectId, ...funderFieldColumns(record), ...bookkeepingRow(record) };
}

/** 2.06 Funder records. Deleted rows are never returned; besides this file, only the Training reset deletes them. */
export const fundersRepository = {
  /** A project's funding sources, the latest grant first. */
  async listByProject(db: Db, projectId: string): Promise<Funder[]> {
    const rows = await db
      .selectFrom('funders')
      .select(funderColumns)
      .where('project_id', '=', projectId)
      .where('date_deleted', 'is', null)
      .orderBy('start_date', 'desc')
      .orderBy('funder_id')
      .execute();
    return rows.map(toFunder);
  },

  async findById(db: Db, projectId: string, funderId: string): Promise<Funder | undefined> {
    const row = await db
      .selectFrom('funders')
      .select(funderColumns)
      .where('funder_id', '=', funderId)
      .where('project_id', '=', projectId)
      .where('date_deleted', 'is', null)
      .executeTakeFirst();
    return row && toFunder(row);
  },

  async insert(db: Db, record: Funder): Promise<void> {
    await db.insertInto('funders').values(funderRow(record)).execute();
  },

  async insertMany(db: Db, records: readonly Funder[]): Promise<void> {
    if (records.length === 0) return;
    await db.insertInto('funders').values(records.map(funderRow)).execute();
  },

  async update(db: Db, funderId: string, fields: FunderFields, changed: Changed): Promise<void> {
    await db
      .updateTable('funders')
      .set({ ...funderFieldColumns(fields), date_updated: changed.dateUpdated, user_id: changed.userId })
      .where('funder_id', '=', funderId)
      .where('date_deleted', 'is', null)
      .execute();
  },

  async markDeleted(db: Db, funderId: string, changed: Deleted): Promise<void> {
    await db.updateTable('funders').set(deletion(changed)).where('funder_id', '=', funderId).where('date_deleted', 'is', null).execute();
  },
};

const inventoryColumns = [
  'inventory_id',
  'project_id',
  'coc_code',
  'household_type',
  'availability',
  'unit_inventory',
  'bed_inventory',
  'ch_vet_bed_inventory',
  'youth_vet_bed_inventory',
  'vet_bed_inventory',
  'ch_youth_bed_inventory',
  'youth_bed_inventory',
  'ch_bed_inventory',
  'other_bed_inventory',
  'es_bed_type',
  day('inventory_start_date').as('inventory_start_date'),
  nullableDay('inventory_end_date').as('inventory_end_date'),
  'date_created',
  'date_updated',
  'user_id',
] as const;

function toInventory(row: Omit<Selectable<InventoriesTable>, 'date_deleted'>): Inventory {
  return {
    inventoryId: row.inventory_id,
    projectId: row.project_id,
    cocCode: row.coc_code,
    householdType: row.household_type,
    availability: row.availability,
    unitInventory: row.unit_inventory,
    bedInventory: row.bed_inventory,
    // HUD lets other systems leave a category empty; it then counts as no beds of that kind.
    chVetBedInventory: row.ch_vet_bed_inventory ?? 0,
    youthVetBedInventory: row.youth_vet_bed_inventory ?? 0,
    vetBedInventory: row.vet_bed_inventory ?? 0,
    chYouthBedInventory: row.ch_youth_bed_inventory ?? 0,
    youthBedInventory: row.youth_bed_inventory ?? 0,
    chBedInventory: row.ch_bed_inventory ?? 0,
    otherBedInventory: row.other_bed_inventory ?? 0,
    esBedType: row.es_bed_type,
    inventoryStartDate: row.inventory_start_date,
    inventoryEndDate: row.inventory_end_date,
    ...bookkeepingOf(row),
  };
}

function inventoryFieldColumns(fields: InventoryFields) {
  return {
    coc_code: fields.cocCode,
    household_type: fields.householdType,
    availability: fields.availability,
    unit_inventory: fields.unitInventory,
    bed_inventory: fields.bedInventory,
    ch_vet_bed_inventory: fields.chVetBedInventory,
    youth_vet_bed_inventory: fields.youthVetBedInventory,
    vet_bed_inventory: fields.vetBedInventory,
    ch_youth_bed_inventory: fields.chYouthBedInventory,
    youth_bed_inventory: fields.youthBedInventory,
    ch_bed_inventory: fields.chBedInventory,
    other_bed_inventory: fields.otherBedInventory,
    es_bed_type: fields.esBedType,
    inventory_start_date: fields.inventoryStartDate,
    inventory_end_date: fields.inventoryEndDate,
  };
}

function inventoryRow(record: Inventory) {
  return { inventory_id: record.inventoryId, project_id: record.projectId, ...inventoryFieldColumns(record), ...bookkeepingRow(record) };
}

/** 2.07 Inventory records. Deleted rows are never returned; besides this file, only the Training reset deletes them. */
export const inventoriesRepository = {
  /** A project's inventory, by CoC, the latest first. */
  async listByProject(db: Db, projectId: string): Promise<Inventory[]> {
    const rows = await db
      .selectFrom('inventories')
      .select(inventoryColumns)
      .where('project_id', '=', projectId)
      .where('date_deleted', 'is', null)
      .orderBy('coc_code')
      .orderBy('inventory_start_date', 'desc')
      .orderBy('household_type')
      .orderBy('inventory_id')
      .execute();
    return rows.map(toInventory);
  },

  async findById(db: Db, projectId: string, inventoryId: string): Promise<Inventory | undefined> {
    const row = await db
      .selectFrom('inventories')
      .select(inventoryColumns)
      .where('inventory_id', '=', inventoryId)
      .where('project_id', '=', projectId)
      .where('date_deleted', 'is', null)
      .executeTakeFirst();
    return row && toInventory(row);
  },

  async insert(db: Db, record: Inventory): Promise<void> {
    await db.insertInto('inventories').values(inventoryRow(record)).execute();
  },

  async insertMany(db: Db, records: readonly Inventory[]): Promise<void> {
    if (records.length === 0) return;
    await db.insertInto('inventories').values(records.map(inventoryRow)).execute();
  },

  async update(db: Db, inventoryId: string, fields: InventoryFields, changed: Changed): Promise<void> {
    await db
      .updateTable('inventories')
      .set({ ...inventoryFieldColumns(fields), date_updated: changed.dateUpdated, user_id: changed.userId })
      .where('inventory_id', '=', inventoryId)
      .where('date_deleted', 'is', null)
      .execute();
  },

  async markDeleted(db: Db, inventoryId: string, changed: Deleted): Promise<void> {
    await db.updateTable('inventories').set(deletion(changed)).where('inventory_id', '=', inventoryId).where('date_deleted', 'is', null).execute();
  },
};

function toAffiliation(row: { affiliation_id: string; project_id: string; res_project_id: string; date_created: Date; date_updated: Date; user_id: string }): Affiliation {
  return { affiliationId: row.affiliation_id, projectId: row.project_id, resProjectId: row.res_project_id, ...bookkeepingOf(row) };
}

/** 2.02.C Affiliation records. Deleted rows are never returned; besides this file, only the Training reset deletes them. */
export const affiliationsRepository = {
  /** The residential projects a services-only project is affiliated with, by name. */
  async listByProject(db: Db, projectId: string): Promise<AffiliationWithProject[]> {
    const rows = await db
      .selectFrom('affiliations')
      .innerJoin('projects', 'projects.project_id', 'affiliations.res_project_id')
      .select([
        'affiliations.affiliation_id',
        'affiliations.project_id',
        'affiliations.res_project_id',
        'affiliations.date_created',
        'affiliations.date_updated',
        'affiliations.user_id',
        'projects.project_name',
      ])
      .where('affiliations.project_id', '=', projectId)
      .where('affiliations.date_deleted', 'is', null)
      .orderBy(sql`lower(projects.project_name)`)
      .orderBy('affiliations.affiliation_id')
      .execute();
    return rows.map((row) => ({ ...toAffiliation(row), resProjectName: row.project_name }));
  },

  async findById(db: Db, projectId: string, affiliationId: string): Promise<Affiliation | undefined> {
    const row = await db
      .selectFrom('affiliations')
      .selectAll()
      .where('affiliation_id', '=', affiliationId)
      .where('project_id', '=', projectId)
      .where('date_deleted', 'is', null)
      .executeTakeFirst();
    return row && toAffiliation(row);
  },

  /** How many services-only projects name this one as their residential project. */
  async countAsResidential(db: Db, resProjectId: string): Promise<number> {
    const row = await db
      .selectFrom('affiliations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('res_project_id', '=', resProjectId)
      .where('date_deleted', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async insert(db: Db, record: Affiliation): Promise<void> {
    await db.insertInto('affiliations').values(affiliationRow(record)).execute();
  },

  async insertMany(db: Db, records: readonly Affiliation[]): Promise<void> {
    if (records.length === 0) return;
    await db.insertInto('affiliations').values(records.map(affiliationRow)).execute();
  },

  async markDeleted(db: Db, affiliationId: string, changed: Deleted): Promise<void> {
    await db.updateTable('affiliations').set(deletion(changed)).where('affiliation_id', '=', affiliationId).where('date_deleted', 'is', null).execute();
  },
};

function affiliationRow(record: Affiliation) {
  return { affiliation_id: record.affiliationId, project_id: record.projectId, res_project_id: record.resProjectId, ...bookkeepingRow(record) };
}

const hmisParticipationColumns = [
  'hmis_participation_id',
  'project_id',
  'hmis_participation_type',
  day('hmis_participation_status_start_date').as('hmis_participation_status_start_date'),
  nullableDay('hmis_participation_status_end_date').as('hmis_participation_status_end_date'),
  'date_created',
  'date_updated',
  'user_id',
] as const;

function toHmisParticipation(row: Omit<Selectable<HmisParticipationsTable>, 'date_deleted'>): HmisParticipation {
  return {
    hmisParticipationId: row.hmis_participation_id,
    projectId: row.project_id,
    hmisParticipationType: row.hmis_participation_type,
    startDate: row.hmis_participation_status_start_date,
    endDate: row.hmis_participation_status_end_date,
    ...bookkeepingOf(row),
  };
}

function hmisParticipationFieldColumns(fields: HmisParticipationFields) {
  return {
    hmis_participation_type: fields.hmisParticipationType,
    hmis_participation_status_start_date: fields.startDate,
    hmis_participation_status_end_date: fields.endDate,
  };
}

function hmisParticipationRow(record: HmisParticipation) {
  return { hmis_participation_id: record.hmisParticipationId, project_id: record.projectId, ...hmisParticipationFieldColumns(record), ...bookkeepingRow(record) };
}

/** 2.08 HMISParticipation records. Deleted rows are never returned; besides this file, only the Training reset deletes them. */
export const hmisParticipationsRepository = {
  /** A project's participation periods, the latest first. */
  async listByProject(db: Db, projectId: string): Promise<HmisParticipation[]> {
    const rows = await db
      .selectFrom('hmis_participations')
      .select(hmisParticipationColumns)
      .where('project_id', '=', projectId)
      .where('date_deleted', 'is', null)
      .orderBy('hmis_participation_status_start_date', 'desc')
      .orderBy('hmis_participation_id')
      .execute();
    return rows.map(toHmisParticipation);
  },

  async findById(db: Db, projectId: string, id: string): Promise<HmisParticipation | undefined> {
    const row = await db
      .selectFrom('hmis_participations')
      .select(hmisParticipationColumns)
      .where('hmis_participation_id', '=', id)
      .where('project_id', '=', projectId)
      .where('date_deleted', 'is', null)
      .executeTakeFirst();
    return row && toHmisParticipation(row);
  },

  async insert(db: Db, record: HmisParticipation): Promise<void> {
    await db.insertInto('hmis_participations').values(hmisParticipationRow(record)).execute();
  },

  async insertMany(db: Db, records: readonly HmisParticipation[]): Promise<void> {
    if (records.length === 0) return;
    await db.insertInto('hmis_participations').values(records.map(hmisParticipationRow)).execute();
  },

  async update(db: Db, id: string, fields: HmisParticipationFields, changed: Changed): Promise<void> {
    await db
      .updateTable('hmis_participations')
      .set({ ...hmisParticipationFieldColumns(fields), date_updated: changed.dateUpdated, user_id: changed.userId })
      .where('hmis_participation_id', '=', id)
      .where('date_deleted', 'is', null)
      .execute();
  },

  async markDeleted(db: Db, id: string, changed: Deleted): Promise<void> {
    await db.updateTable('hmis_participations').set(deletion(changed)).where('hmis_participation_id', '=', id).where('date_deleted', 'is', null).execute();
  },
};

const ceParticipationColumns = [
  'ce_participation_id',
  'project_id',
  'access_point',
  'prevention_assessment',
  'crisis_assessment',
  'housing_assessment',
  'direct_services',
  'receives_referrals',
  day('ce_participation_status_start_date').as('ce_participation_status_start_date'),
  nullableDay('ce_participation_status_end_date').as('ce_participation_status_end_date'),
  'date_created',
  'date_updated',
  'user_id',
] as const;

function toCeParticipation(row: Omit<Selectable<CeParticipationsTable>, 'date_deleted'>): CeParticipation {
  return {
    ceParticipationId: row.ce_participation_id,
    projectId: row.project_id,
    accessPoint: row.access_point,
    preventionAssessment: row.prevention_assessment,
    crisisAssessment: row.crisis_assessment,
    housingAssessment: row.housing_assessment,
    directServices: row.direct_services,
    receivesReferrals: row.receives_referrals,
    startDate: row.ce_participation_status_start_date,
    endDate: row.ce_participation_status_end_date,
    ...bookkeepingOf(row),
  };
}

function ceParticipationFieldColumns(fields: CeParticipationFields) {
  return {
    access_point: fields.accessPoint,
    prevention_assessment: fields.preventionAssessment,
    crisis_assessment: fields.crisisAssessment,
    housing_assessment: fields.housingAssessment,
    direct_services: fields.directServices,
    receives_referrals: fields.receivesReferrals,
    ce_participation_status_start_date: fields.startDate,
    ce_participation_status_end_date: fields.endDate,
  };
}

function ceParticipationRow(record: CeParticipation) {
  return { ce_participation_id: record.ceParticipationId, project_id: record.projectId, ...ceParticipationFieldColumns(record), ...bookkeepingRow(record) };
}

/** 2.09 CEParticipation records. Deleted rows are never returned; besides this file, only the Training reset deletes them. */
export const ceParticipationsRepository = {
  /** A project's participation periods, the latest first. */
  async listByProject(db: Db, projectId: string): Promise<CeParticipation[]> {
    const rows = await db
      .selectFrom('ce_participations')
      .select(ceParticipationColumns)
      .where('project_id', '=', projectId)
      .where('date_deleted', 'is', null)
      .orderBy('ce_participation_status_start_date', 'desc')
      .orderBy('ce_participation_id')
      .execute();
    return rows.map(toCeParticipation);
  },

  async findById(db: Db, projectId: string, id: string): Promise<CeParticipation | undefined> {
    const row = await db
      .selectFrom('ce_participations')
      .select(ceParticipationColumns)
      .where('ce_participation_id', '=', id)
      .where('project_id', '=', projectId)
      .where('date_deleted', 'is', null)
      .executeTakeFirst();
    return row && toCeParticipation(row);
  },

  async insert(db: Db, record: CeParticipation): Promise<void> {
    await db.insertInto('ce_participations').values(ceParticipationRow(record)).execute();
  },

  async insertMany(db: Db, records: readonly CeParticipation[]): Promise<void> {
    if (records.length === 0) return;
    await db.insertInto('ce_participations').values(records.map(ceParticipationRow)).execute();
  },

  async update(db: Db, id: string, fields: CeParticipationFields, changed: Changed): Promise<void> {
    await db
      .updateTable('ce_participations')
      .set({ ...ceParticipationFieldColumns(fields), date_updated: changed.dateUpdated, user_id: changed.userId })
      .where('ce_participation_id', '=', id)
      .where('date_deleted', 'is', null)
      .execute();
  },

  async markDeleted(db: Db, id: string, changed: Deleted): Promise<void> {
    await db.updateTable('ce_participations').set(deletion(changed)).where('ce_participation_id', '=', id).where('date_deleted', 'is', null).execute();
  },
};
