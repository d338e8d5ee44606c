import { sql, type Insertable, type Selectable } from 'kysely';
import { insertMany, type BulkColumn } from '../db/bulk-insert.js';
import type { Db, ServicesTable } from '../db/schema.js';
import { BED_NIGHT_RECORD_TYPE, BED_NIGHT_TYPE_PROVIDED } from '../hud/occurrence-code-lists.js';
import type { BedNight } from './shelter.model.js';

const BULK_COLUMNS: readonly BulkColumn<Insertable<ServicesTable>>[] = [
  ['services_id', 'text'],
  ['enrollment_id', 'text'],
  ['personal_id', 'text'],
  ['date_provided', 'date'],
  ['record_type', 'integer'],
  ['type_provided', 'integer'],
  ['date_created', 'timestamptz'],
  ['date_updated', 'timestamptz'],
  ['user_id', 'text'],
];

function toBedNight(r: Pick<Selectable<ServicesTable>, 'services_id' | 'enrollment_id' | 'personal_id' | 'date_provided' | 'date_created' | 'date_updated' | 'user_id'>): BedNight {
  return {
    servicesId: r.services_id,
    enrollmentId: r.enrollment_id,
    personalId: r.personal_id,
    night: r.date_provided,
    dateCreated: r.date_created,
    dateUpdated: r.date_updated,
    userId: r.user_id,
  };
}

function row(night: BedNight): Insertable<ServicesTable> {
  return {
    services_id: night.servicesId,
    enrollment_id: night.enrollmentId,
    personal_id: night.personalId,
    date_provided: night.night,
    record_type: BED_NIGHT_RECORD_TYPE,
    type_provided: BED_NIGHT_TYPE_PROVIDED,
    date_created: night.dateCreated,
    date_updated: night.dateUpdated,
    user_id: night.userId,
  };
}

/** 4.14 bed nights: the Services rows of RecordType 200. Deleted rows never leave the repository. */
export const bedNightsRepository = {
  /** One statement for any number of nights; a night the enrollment already has is left as it is. */
  async insertMany(db: Db, nights: readonly BedNight[]): Promise<void> {
    await insertMany(db, 'services', BULK_COLUMNS, nights.map(row), { skipConflicts: true });
  },

  /** For each enrollment, its last bed night before `night` and whether it has one on `night`. */
  async around(db: Db, enrollmentIds: readonly string[], night: string): Promise<Map<string, { lastNight: string | null; tonight: boolean }>> {
    const result = new Map<string, { lastNight: string | null; tonight: boolean }>();
    if (enrollmentIds.length === 0) return result;
    const rows = await db
      .selectFrom('services')
      .select([
        'enrollment_id',
        sql<string | null>`to_char(max(date_provided) filter (where date_provided < ${night}::date), 'YYYY-MM-DD')`.as('last_night'),
        sql<boolean>`bool_or(date_provided = ${night}::date)`.as('tonight'),
      ])
      .where('enrollment_id', 'in', [...enrollmentIds])
      .where('record_type', '=', BED_NIGHT_RECORD_TYPE)
      .where('date_deleted', 'is', null)
      .where('date_provided', '<=', night)
      .groupBy('enrollment_id')
      .execute();
    for (const r of rows) result.set(r.enrollment_id, { lastNight: r.last_night, tonight: Boolean(r.tonight) });
    return result;
  },

  /** An enrollment's bed nights, the latest first: all of them, or the latest `limit`. */
  async ofEnrollment(db: Db, enrollmentId: string, limit?: number): Promise<BedNight[]> {
    let query = selectNights(db).where('enrollment_id', '=', enrollmentId).orderBy('date_provided', 'desc');
    if (limit !== undefined) query = query.limit(limit);
    return (await query.execute()).map(toBedNight);
  },

  /** How many bed nights the enrollment has. */
  async countOf(db: Db, enrollmentId: string): Promise<number> {
    const { n } = await db
      .selectFrom('services')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('enrollment_id', '=', enrollmentId)
      .where('record_type', '=', BED_NIGHT_RECORD_TYPE)
      .where('date_deleted', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(n);
  },

  /** One live bed night of the enrollment, by its ServicesID or by its night. */
  async find(db: Db, enrollmentId: string, by: { servicesId: string } | { night: string }): Promise<BedNight | undefined> {
    let query = selectNights(db).where('enrollment_id', '=', enrollmentId);
    query = 'servicesId' in by ? query.where('services_id', '=', by.servicesId) : query.where('date_provided', '=', by.night);
    const found = await query.executeTakeFirst();
    return found && toBedNight(found);
  },

  /** HUD's DateDeleted: the row stays (a delta export reports it deleted), a full export, the reports and every page leave it out. */
  async markDeleted(db: Db, servicesId: string, changed: { dateUpdated: Date; userId: string }): Promise<void> {
    await db
      .updateTable('services')
      .set({ date_deleted: changed.dateUpdated, date_updated: changed.dateUpdated, user_id: changed.userId })
      .where('services_id', '=', servicesId)
      .where('record_type', '=', BED_NIGHT_RECORD_TYPE)
      .where('date_deleted', 'is', null)
      .execute();
  },
};

/** Live bed nights, with the night as `YYYY-MM-DD`. */
function selectNights(db: Db) {
  return db
    .selectFrom('services')
    .select(['services_id', 'enrollment_id', 'personal_id', sql<string>`to_char(date_provided, 'YYYY-MM-DD')`.as('date_provided'), 'date_created', 'date_updated', 'user_id'])
    .where('record_type', '=', BED_NIGHT_RECORD_TYPE)
    .where('date_deleted', 'is', null);
}
