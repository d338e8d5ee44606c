import { sql, type AliasedRawBuilder, type Kysely, type Selectable } from 'kysely';
import type { CeParticipationsTable, Db, FundersTable, HmisParticipationsTable, InventoriesTable, ProjectCocsTable } from '../db/schema.js';
import type { Affiliation, AffiliationWithProject, CeParticipation, CeParticipationFields, Funder, FunderFields, HmisParticipation, HmisParticipationFields, Inventory, InventoryFields, ProjectCoc, ProjectCocFields, RecordBookkeeping } from './project-setup.model.js';

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

const BOOKKEEPING_COLUMNS = ['date_created', 'date_updated', 'user_id'] as const;

type SetupTable = 'project_cocs' | 'funders' | 'inventories' | 'affiliations' | 'hmis_participations' | 'ce_participations';

/**
 * The six set-up tables seen alike: each row has its id, its project, its fields, HUD's bookkeeping and
 * DateDeleted. The factory below writes their queries once; the typed mappers of each table keep the rows inside.
 */
type AnySetupTables = Record<SetupTable, Record<string, unknown>>;

/** How one set-up table maps to its domain record. */
interface SetupTableMapping<R, F, Row> {
  table: SetupTable;
  idColumn: string;
  /** What a read selects (dates as text, see `day`). */
  columns: readonly (string | AliasedRawBuilder<string | null, string>)[];
  /** A project's records in this order. */
  order: readonly (readonly [string, 'asc' | 'desc'])[];
  toRecord: (row: Row) => R;
  /** The columns a change of the fields writes. */
  fieldColumns: (fields: F) => Record<string, unknown>;
  /** The whole row of a new record. */
  row: (record: R) => Record<string, unknown>;
}

/** A set-up record's queries. Deleted rows (DateDeleted set) are never returned. */
export interface SetupRecordRepository<R, F> {
  listByProject(db: Db, projectId: string): Promise<R[]>;
  findById(db: Db, projectId: string, id: string): Promise<R | undefined>;
  insert(db: Db, record: R): Promise<void>;
  insertMany(db: Db, records: readonly R[]): Promise<void>;
  update(db: Db, id: string, fields: F, changed: Changed): Promise<void>;
  /** HUD's delete: the row stays, with DateDeleted set, so an export can tell the receiver. */
  markDeleted(db: Db, id: string, changed: Deleted): Promise<void>;
}

function setupRecordRepository<R, F, Row>(m: SetupTableMapping<R, F, Row>): SetupRecordRepository<R, F> {
  // The tables differ only in the names the mapping gives; it alone knows their types.
  const loose = (db: Db) => db as unknown as Kysely<AnySetupTables>;
  return {
    async listByProject(db, projectId) {
      let query = loose(db).selectFrom(m.table).select(m.columns).where('project_id', '=', projectId).where('date_deleted', 'is', null);
      for (const [column, direction] of m.order) query = query.orderBy(column, direction);
      return ((await query.execute()) as Row[]).map(m.toRecord);
    },
    async findById(db, projectId, id) {
      const row = await loose(db)
        .selectFrom(m.table)
        .select(m.columns)
        .where(m.idColumn, '=', id)
        .where('project_id', '=', projectId)
        .where('date_deleted', 'is', null)
        .executeTakeFirst();
      return row && m.toRecord(row as Row);
    },
    async insert(db, record) {
      await loose(db).insertInto(m.table).values(m.row(record)).execute();
    },
    async insertMany(db, records) {
      if (records.length === 0) return;
      await loose(db).insertInto(m.table).values(records.map(m.row)).execute();
    },
    async update(db, id, fields, changed) {
      await loose(db)
        .updateTable(m.table)
        .set({ ...m.fieldColumns(fields), date_updated: changed.dateUpdated, user_id: changed.userId })
        .where(m.idColumn, '=', id)
        .where('date_deleted', 'is', null)
        .execute();
    },
    async markDeleted(db, id, changed) {
      await loose(db)
        .updateTable(m.table)
        .set({ date_deleted: changed.dateDeleted, date_updated: changed.dateUpdated, user_id: changed.userId })
        .where(m.idColumn, '=', id)
        .where('date_deleted', 'is', null)
        .execute();
    },
  };
}

function toProjectCoc(row: Omit<Selectable<ProjectCocsTable>, 'date_deleted'>): ProjectCoc {
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
 * 2.03 ProjectCoC records, by code. Deleted rows (DateDeleted set) are never returned. Besides this file, only the
 * Training reset deletes them (training/training.repository.ts).
 */
export const projectCocsRepository = setupRecordRepository({
  table: 'project_cocs',
  idColumn: 'project_coc_id',
  columns: ['project_coc_id', 'project_id', 'coc_code', 'geocode', 'address1', 'address2', 'city', 'state', 'zip', 'geography_type', ...BOOKKEEPING_COLUMNS],
  order: [['coc_code', 'asc']],
  toRecord: toProjectCoc,
  fieldColumns: projectCocColumns,
  row: projectCocRow,
});

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

/** 2.06 Funder records, the latest grant first. Deleted rows are never returned; besides this file, only the Training reset deletes them. */
export const fundersRepository = setupRecordRepository({
  table: 'funders',
  idColumn: 'funder_id',
  columns: funderColumns,
  order: [['start_date', 'desc'], ['funder_id', 'asc']],
  toRecord: toFunder,
  fieldColumns: funderFieldColumns,
  row: funderRow,
});

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

/** 2.07 Inventory records, by CoC, the latest first. Deleted rows are never returned; besides this file, only the Training reset deletes them. */
export const inventoriesRepository = setupRecordRepository({
  table: 'inventories',
  idColumn: 'inventory_id',
  columns: inventoryColumns,
  order: [['coc_code', 'asc'], ['inventory_start_date', 'desc'], ['household_type', 'asc'], ['inventory_id', 'asc']],
  toRecord: toInventory,
  fieldColumns: inventoryFieldColumns,
  row: inventoryRow,
});

type AffiliationRow = { affiliation_id: string; project_id: string; res_project_id: string; date_created: Date; date_updated: Date; user_id: string };

function toAffiliation(row: AffiliationRow): Affiliation {
  return { affiliationId: row.affiliation_id, projectId: row.project_id, resProjectId: row.res_project_id, ...bookkeepingOf(row) };
}

function affiliationRow(record: Affiliation) {
  return { affiliation_id: record.affiliationId, project_id: record.projectId, res_project_id: record.resProjectId, ...bookkeepingRow(record) };
}

const affiliations = setupRecordRepository<Affiliation, never, AffiliationRow>({
  table: 'affiliations',
  idColumn: 'affiliation_id',
  columns: ['affiliation_id', 'project_id', 'res_project_id', ...BOOKKEEPING_COLUMNS],
  order: [['affiliation_id', 'asc']],
  toRecord: toAffiliation,
  fieldColumns: () => ({}),
  row: affiliationRow,
});

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

  findById: affiliations.findById,

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

  insert: affiliations.insert,
  insertMany: affiliations.insertMany,
  markDeleted: affiliations.markDeleted,
};

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

/** 2.08 HMISParticipation records, the latest first. Deleted rows are never returned; besides this file, only the Training reset deletes them. */
export const hmisParticipationsRepository = setupRecordRepository({
  table: 'hmis_participations',
  idColumn: 'hmis_participation_id',
  columns: hmisParticipationColumns,
  order: [['hmis_participation_status_start_date', 'desc'], ['hmis_participation_id', 'asc']],
  toRecord: toHmisParticipation,
  fieldColumns: hmisParticipationFieldColumns,
  row: hmisParticipationRow,
});

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

/** 2.09 CEParticipation records, the latest first. Deleted rows are never returned; besides this file, only the Training reset deletes them. */
export const ceParticipationsRepository = setupRecordRepository({
  table: 'ce_participations',
  idColumn: 'ce_participation_id',
  columns: ceParticipationColumns,
  order: [['ce_participation_status_start_date', 'desc'], ['ce_participation_id', 'asc']],
  toRecord: toCeParticipation,
  fieldColumns: ceParticipationFieldColumns,
  row: ceParticipationRow,
});
