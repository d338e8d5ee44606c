import { sql, type Selectable } from 'kysely';
import { insertMany, type BulkColumn } from '../db/bulk-insert.js';
import type { Db, DisabilitiesTable, HealthAndDvTable, IncomeBenefitsTable } from '../db/schema.js';
import { BENEFIT_SOURCES, INCOME_SOURCES, INSURANCE_SOURCES } from '../hud/assessment-code-lists.js';
import type {
  BenefitsFields,
  DisabilityAnswer,
  GeneratedStage,
  DomesticViolenceFields,
  IncomeFields,
  InsuranceFields,
  RecordBookkeeping,
  StageAnswers,
  StageCode,
  StageKey,
  StageRecord,
} from './assessments.model.js';

/*
 * The stage-based records (IncomeBenefits, HealthAndDV, Disabilities). A member's answers at one stage and date
 * are read and written together. Money is kept in cents in the domain and as numeric(12, 2) here; dates are
 * read back as `YYYY-MM-DD` text so no driver or time zone can move them by a day. Deleted rows never leave.
 */

const infoDay = sql<string>`to_char(information_date, 'YYYY-MM-DD')`.as('information_day');

/** camelCase of a HUD column → its snake_case column name. */
const column = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const INCOME_KEYS = ['incomeFromAnySource', 'otherIncomeSourceIdentify', ...INCOME_SOURCES.map((s) => s.flag)] as const;
const AMOUNT_KEYS = ['totalMonthlyIncome', ...INCOME_SOURCES.map((s) => s.amount)] as const;
const BENEFIT_KEYS = ['benefitsFromAnySource', 'otherBenefitsSourceIdentify', ...BENEFIT_SOURCES.map((s) => s.flag)] as const;
const INSURANCE_KEYS = ['insuranceFromAnySource', 'otherInsuranceIdentify', ...INSURANCE_SOURCES.map((s) => s.flag)] as const;

type Row = Record<string, unknown>;

function pick(keys: readonly string[], fields: object | null, row: Row, convert: (value: unknown) => unknown = (v) => v ?? null) {
  for (const key of keys) row[column(key)] = fields ? convert((fields as Row)[key]) : null;
}

const toMoney = (cents: unknown) => (typeof cents === 'number' ? (cents / 100).toFixed(2) : null);
const fromMoney = (value: unknown) => (value === null || value === undefined ? null : Math.round(Number(value) * 100));

/** The columns of an IncomeBenefits row for these answers (an element not asked: all its columns null). */
function incomeBenefitsColumns(answers: Pick<StageAnswers, 'income' | 'benefits' | 'insurance'>): Row {
  const row: Row = {};
  pick(INCOME_KEYS, answers.income, row);
  pick(AMOUNT_KEYS, answers.income, row, toMoney);
  pick(BENEFIT_KEYS, answers.benefits, row);
  pick(INSURANCE_KEYS, answers.insurance, row);
  return row;
}

function readFields<T>(keys: readonly string[], row: Row, present: boolean, convert: (value: unknown) => unknown = (v) => v ?? null): T | null {
  if (!present) return null;
  return Object.fromEntries(keys.map((key) => [key, convert(row[column(key)])])) as T;
}

type IncomeBenefitsRow = Selectable<IncomeBenefitsTable> & { information_day: string };
type HealthAndDvRow = Selectable<HealthAndDvTable> & { information_day: string };
type DisabilityRow = Selectable<DisabilitiesTable> & { information_day: string };

function answersOf(income: IncomeBenefitsRow | undefined): Pick<StageAnswers, 'income' | 'benefits' | 'insurance'> {
  const row = (income ?? {}) as Row;
  const incomeFields = readFields<IncomeFields>(INCOME_KEYS, row, row.income_from_any_source != null);
  return {
    income: incomeFields && { ...incomeFields, ...readFields<IncomeFields>(AMOUNT_KEYS, row, true, fromMoney)! },
    benefits: readFields<BenefitsFields>(BENEFIT_KEYS, row, row.benefits_from_any_source != null),
    insurance: readFields<InsuranceFields>(INSURANCE_KEYS, row, row.insurance_from_any_source != null),
  };
}

function dvOf(row: HealthAndDvRow | undefined): DomesticViolenceFields | null {
  if (!row || row.domestic_violence_survivor === null) return null;
  return { domesticViolenceSurvivor: row.domestic_violence_survivor, whenOccurred: row.when_occurred, currentlyFleeing: row.currently_fleeing };
}

const keyOf = (row: { enrollment_id: string; data_collection_stage: number; information_day: string }) =>
  `${row.enrollment_id}/${row.data_collection_stage}/${row.information_day}`;

function bookkeepingRow(record: RecordBookkeeping) {
  return { date_created: record.dateCreated, date_updated: record.dateUpdated, user_id: record.userId };
}

/** New rows' ids: one per file, and one per disability type. */
export interface StageRowIds {
  incomeBenefitsId: string;
  healthAndDvId: string;
  disabilitiesIds: (type: number) => string;
}

type BulkRow = Record<string, unknown>;
const KEY_COLUMNS: BulkColumn<BulkRow>[] = [
  ['enrollment_id', 'text'],
  ['personal_id', 'text'],
  ['information_date', 'date'],
  ['data_collection_stage', 'smallint'],
  ['date_created', 'timestamptz'],
  ['date_updated', 'timestamptz'],
  ['user_id', 'text'],
];
const typeOf = (key: string): BulkColumn<BulkRow>[1] => (key.endsWith('Identify') ? 'text' : 'smallint');
const INCOME_BENEFITS_COLUMNS: BulkColumn<BulkRow>[] = [
  ['income_benefits_id', 'text'],
  ...KEY_COLUMNS,
  ...[...INCOME_KEYS, ...BENEFIT_KEYS, ...INSURANCE_KEYS].map((key) => [column(key), typeOf(key)] as const),
  ...AMOUNT_KEYS.map((key) => [column(key), 'numeric'] as const),
];
const HEALTH_AND_DV_COLUMNS: BulkColumn<BulkRow>[] = [
  ['health_and_dv_id', 'text'],
  ...KEY_COLUMNS,
  ['domestic_violence_survivor', 'smallint'],
  ['when_occurred', 'smallint'],
  ['currently_fleeing', 'smallint'],
];
const DISABILITY_COLUMNS: BulkColumn<BulkRow>[] = [
  ['disabilities_id', 'text'],
  ...KEY_COLUMNS,
  ['disability_type', 'smallint'],
  ['disability_response', 'smallint'],
  ['indefinite_and_impairs', 'smallint'],
];

export const assessmentsRepository = {
  /** Generated Training records, written in bulk. */
  async insertGenerated(db: Db, records: readonly GeneratedStage[]): Promise<void> {
    const key = (r: GeneratedStage): BulkRow => ({
      enrollment_id: r.enrollmentId,
      personal_id: r.personalId,
      information_date: r.informationDate,
      data_collection_stage: r.dataCollectionStage,
      date_created: r.dateCreated,
      date_updated: r.dateCreated,
      user_id: r.userId,
    });
    await insertMany<BulkRow>(
      db,
      'income_benefits',
      INCOME_BENEFITS_COLUMNS,
      records.filter((r) => r.answers.income || r.answers.benefits || r.answers.insurance).map((r) => ({ income_benefits_id: r.ids.incomeBenefitsId, ...key(r), ...incomeBenefitsColumns(r.answers) })),
    );
    await insertMany<BulkRow>(
      db,
      'health_and_dv',
      HEALTH_AND_DV_COLUMNS,
      records
        .filter((r) => r.answers.domesticViolence)
        .map((r) => ({
          health_and_dv_id: r.ids.healthAndDvId,
          ...key(r),
          domestic_violence_survivor: r.answers.domesticViolence!.domesticViolenceSurvivor,
          when_occurred: r.answers.domesticViolence!.whenOccurred,
          currently_fleeing: r.answers.domesticViolence!.currentlyFleeing,
        })),
    );
    await insertMany<BulkRow>(
      db,
      'disabilities',
      DISABILITY_COLUMNS,
      records.flatMap((r) =>
        r.answers.disabilities.map((d) => ({
          disabilities_id: r.ids.disabilitiesIds[d.disabilityType]!,
          ...key(r),
          disability_type: d.disabilityType,
          disability_response: d.disabilityResponse,
          indefinite_and_impairs: d.indefiniteAndImpairs,
        })),
      ),
    );
  },

  /** A member's answers at one stage and date, as new rows (the elements not asked write no row). */
  async insertStage(db: Db, key: StageKey, answers: StageAnswers, ids: StageRowIds, bookkeeping: RecordBookkeeping): Promise<void> {
    const base = {
      enrollment_id: key.enrollmentId,
      personal_id: key.personalId,
      information_date: key.informationDate,
      data_collection_stage: key.dataCollectionStage,
      ...bookkeepingRow(bookkeeping),
    };
    if (answers.income || answers.benefits || answers.insurance) {
      await db
        .insertInto('income_benefits')
        .values({ income_benefits_id: ids.incomeBenefitsId, ...base, ...incomeBenefitsColumns(answers) } as never)
        .execute();
    }
    if (answers.domesticViolence) {
      const dv = answers.domesticViolence;
      await db
        .insertInto('health_and_dv')
        .values({
          health_and_dv_id: ids.healthAndDvId,
          ...base,
          domestic_violence_survivor: dv.domesticViolenceSurvivor,
          when_occurred: dv.whenOccurred,
          currently_fleeing: dv.currentlyFleeing,
        })
        .execute();
    }
    for (const d of answers.disabilities) {
      await db
        .insertInto('disabilities')
        .values({
          disabilities_id: ids.disabilitiesIds(d.disabilityType),
          ...base,
          disability_type: d.disabilityType,
          disability_response: d.disabilityResponse,
          indefinite_and_impairs: d.indefiniteAndImpairs,
        })
        .execute();
    }
  },

  /**
   * A correction of a member's answers at one stage and date: the rows are updated in place (their ids, stage
   * and information date stay), and an element asked now but not before gets its row.
   */
  async updateStage(db: Db, key: StageKey, answers: StageAnswers, ids: StageRowIds, changed: Pick<RecordBookkeeping, 'dateUpdated' | 'userId'>): Promise<void> {
    const where = { enrollment_id: key.enrollmentId, data_collection_stage: key.dataCollectionStage, information_date: key.informationDate };
    const bookkeeping = { date_updated: changed.dateUpdated, user_id: changed.userId };
    const existing = await this.findStage(db, key.enrollmentId, key.dataCollectionStage, key.informationDate);
    const missing: StageAnswers = { income: null, benefits: null, insurance: null, disabilities: [], domesticViolence: null };
    const hasIncomeRow = await rowExists(db, 'income_benefits', where);
    if (hasIncomeRow) {
      await db
        .updateTable('income_benefits')
        .set({ ...incomeBenefitsColumns(answers), ...bookkeeping } as never)
        .where('enrollment_id', '=', where.enrollment_id)
        .where('data_collection_stage', '=', where.data_collection_stage)
        .where('information_date', '=', where.information_date)
        .where('date_deleted', 'is', null)
        .execute();
    } else Object.assign(missing, { income: answers.income, benefits: answers.benefits, insurance: answers.insurance });
    if (answers.domesticViolence && (await rowExists(db, 'health_and_dv', where))) {
      const dv = answers.domesticViolence;
      await db
        .updateTable('health_and_dv')
        .set({ domestic_violence_survivor: dv.domesticViolenceSurvivor, when_occurred: dv.whenOccurred, currently_fleeing: dv.currentlyFleeing, ...bookkeeping })
        .where('enrollment_id', '=', where.enrollment_id)
        .where('data_collection_stage', '=', where.data_collection_stage)
        .where('information_date', '=', where.information_date)
        .where('date_deleted', 'is', null)
        .execute();
    } else missing.domesticViolence = answers.domesticViolence;
    const had = new Set(existing?.answers.disabilities.map((d) => d.disabilityType));
    for (const d of answers.disabilities) {
      if (!had.has(d.disabilityType)) {
        missing.disabilities.push(d);
        continue;
      }
      await db
        .updateTable('disabilities')
        .set({ disability_response: d.disabilityResponse, indefinite_and_impairs: d.indefiniteAndImpairs, ...bookkeeping })
        .where('enrollment_id', '=', where.enrollment_id)
        .where('data_collection_stage', '=', where.data_collection_stage)
        .where('information_date', '=', where.information_date)
        .where('disability_type', '=', d.disabilityType)
        .where('date_deleted', 'is', null)
        .execute();
    }
    await this.insertStage(db, key, missing, ids, { dateCreated: changed.dateUpdated, ...changed });
  },

  /** Every live record of these enrollments, one StageRecord per enrollment, stage and date, oldest first. */
  async recordsOf(db: Db, enrollmentIds: readonly string[]): Promise<StageRecord[]> {
    if (enrollmentIds.length === 0) return [];
    const [incomes, dvs, disabilities] = await Promise.all([
      db.selectFrom('income_benefits').selectAll().select(infoDay).where('enrollment_id', 'in', enrollmentIds).where('date_deleted', 'is', null).execute(),
      db.selectFrom('health_and_dv').selectAll().select(infoDay).where('enrollment_id', 'in', enrollmentIds).where('date_deleted', 'is', null).execute(),
      db
        .selectFrom('disabilities')
        .selectAll()
        .select(infoDay)
        .where('enrollment_id', 'in', enrollmentIds)
        .where('date_deleted', 'is', null)
        .orderBy('disability_type')
        .execute(),
    ]);
    const records = new Map<string, StageRecord>();
    const touch = (row: IncomeBenefitsRow | HealthAndDvRow | DisabilityRow): StageRecord => {
      const key = keyOf(row);
      let record = records.get(key);
      if (!record) {
        record = {
          enrollmentId: row.enrollment_id,
          personalId: row.personal_id,
          informationDate: row.information_day,
          dataCollectionStage: row.data_collection_stage as StageCode,
          answers: { income: null, benefits: null, insurance: null, disabilities: [], domesticViolence: null },
          dateUpdated: row.date_updated,
          userId: row.user_id,
        };
        records.set(key, record);
      }
      if (row.date_updated > record.dateUpdated) Object.assign(record, { dateUpdated: row.date_updated, userId: row.user_id });
      return record;
    };
    for (const row of incomes) Object.assign(touch(row).answers, answersOf(row));
    for (const row of dvs) touch(row).answers.domesticViolence = dvOf(row);
    for (const row of disabilities) {
      const answer: DisabilityAnswer = { disabilityType: row.disability_type, disabilityResponse: row.disability_response, indefiniteAndImpairs: row.indefinite_and_impairs };
      touch(row).answers.disabilities.push(answer);
    }
    return [...records.values()].sort((a, b) => a.informationDate.localeCompare(b.informationDate) || a.dataCollectionStage - b.dataCollectionStage);
  },

  async findStage(db: Db, enrollmentId: string, stage: StageCode, informationDate: string): Promise<StageRecord | undefined> {
    const records = await this.recordsOf(db, [enrollmentId]);
    return records.find((r) => r.dataCollectionStage === stage && r.informationDate === informationDate);
  },

  /** The information dates of these enrollments' records at one stage. */
  async stageDates(db: Db, enrollmentIds: readonly string[], stage: StageCode): Promise<{ enrollmentId: string; informationDate: string }[]> {
    if (enrollmentIds.length === 0) return [];
    const rows = await sql<{ enrollment_id: string; information_day: string }>`
      select enrollment_id, to_char(information_date, 'YYYY-MM-DD') as information_day from income_benefits
       where enrollment_id in (${sql.join(enrollmentIds)}) and data_collection_stage = ${stage} and date_deleted is null
      union
      select enrollment_id, to_char(information_date, 'YYYY-MM-DD') from health_and_dv
       where enrollment_id in (${sql.join(enrollmentIds)}) and data_collection_stage = ${stage} and date_deleted is null
      union
      select enrollment_id, to_char(information_date, 'YYYY-MM-DD') from disabilities
       where enrollment_id in (${sql.join(enrollmentIds)}) and data_collection_stage = ${stage} and date_deleted is null`.execute(db);
    return rows.rows.map((r) => ({ enrollmentId: r.enrollment_id, informationDate: r.information_day }));
  },

  /** The enrollment's live disability records (any stage), as HUD's disabling test reads them. */
  async disabilitiesOf(db: Db, enrollmentId: string): Promise<DisabilityAnswer[]> {
    const rows = await db
      .selectFrom('disabilities')
      .select(['disability_type', 'disability_response', 'indefinite_and_impairs'])
      .where('enrollment_id', '=', enrollmentId)
      .where('date_deleted', 'is', null)
      .execute();
    return rows.map((r) => ({ disabilityType: r.disability_type, disabilityResponse: r.disability_response, indefiniteAndImpairs: r.indefinite_and_impairs }));
  },

  /** Locks the enrollments' rows, so two saves of the same stage wait for each other. */
  async lockEnrollments(db: Db, enrollmentIds: readonly string[]): Promise<void> {
    if (enrollmentIds.length === 0) return;
    await db.selectFrom('enrollments').select('enrollment_id').where('enrollment_id', 'in', enrollmentIds).orderBy('enrollment_id').forUpdate().execute();
  },
};

async function rowExists(db: Db, table: 'income_benefits' | 'health_and_dv', where: { enrollment_id: string; data_collection_stage: number; information_date: string }) {
  const row = await db
    .selectFrom(table)
    .select('enrollment_id')
    .where('enrollment_id', '=', where.enrollment_id)
    .where('data_collection_stage', '=', where.data_collection_stage)
    .where('information_date', '=', where.information_date)
    .where('date_deleted', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}
