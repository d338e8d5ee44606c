import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../db/schema.js';
import { ENROLLMENT_RECORD_TABLES } from '../db/enrollment-records.js';
import type { MergeCandidate, OverlappingStays, RecordCounts } from './clients.model.js';

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const nullableDay = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/**
 * The SQL of merging two client records. A merge reaches into enrollments, exits and recent views, so it
 * lives here rather than in those features: this file only ever changes which PersonalID their rows carry.
 */
export const clientMergeRepository = {
  /** Both rows, locked for the rest of the transaction, deleted ones included (in PersonalID order: no deadlock). */
  async lock(trx: Transaction<Database>, personalIds: readonly string[]): Promise<MergeCandidate[]> {
    const rows = await trx
      .selectFrom('clients')
      .select(['personal_id', 'date_created', 'date_deleted', 'merged_into'])
      .where('personal_id', 'in', [...personalIds])
      .orderBy('personal_id')
      .forUpdate()
      .execute();
    return rows.map((r) => ({ personalId: r.personal_id, dateCreated: r.date_created, dateDeleted: r.date_deleted, mergedInto: r.merged_into }));
  },

  /** HouseholdIDs of live enrollments both clients are members of (one person cannot be in a household twice). */
  async sharedHouseholds(db: Db, a: string, b: string): Promise<string[]> {
    const rows = await db
      .selectFrom('enrollments as ea')
      .innerJoin('enrollments as eb', 'eb.household_id', 'ea.household_id')
      .select('ea.household_id')
      .distinct()
      .where('ea.personal_id', '=', a)
      .where('eb.personal_id', '=', b)
      .where('ea.date_deleted', 'is', null)
      .where('eb.date_deleted', 'is', null)
      .orderBy('ea.household_id')
      .execute();
    return rows.map((r) => r.household_id);
  },

  /**
   * Pairs of live stays, one of each client, in the same project that share a day (an open stay runs on; leaving on
   * the day the other begins is no overlap): merged, they would be one person in one project twice (APR Q6b).
   */
  async overlappingStays(db: Db, a: string, b: string): Promise<OverlappingStays[]> {
    const rows = await db
      .selectFrom('enrollments as ea')
      .innerJoin('enrollments as eb', (join) => join.onRef('eb.project_id', '=', 'ea.project_id').on('eb.personal_id', '=', b).on('eb.date_deleted', 'is', null))
      .innerJoin('projects', 'projects.project_id', 'ea.project_id')
      .leftJoin('exits as xa', (join) => join.onRef('xa.enrollment_id', '=', 'ea.enrollment_id').on('xa.date_deleted', 'is', null))
      .leftJoin('exits as xb', (join) => join.onRef('xb.enrollment_id', '=', 'eb.enrollment_id').on('xb.date_deleted', 'is', null))
      .select([
        'projects.project_name',
        'ea.enrollment_id as a_id',
        day('ea.entry_date').as('a_entry'),
        nullableDay('xa.exit_date').as('a_exit'),
        'eb.enrollment_id as b_id',
        day('eb.entry_date').as('b_entry'),
        nullableDay('xb.exit_date').as('b_exit'),
      ])
      .where('ea.personal_id', '=', a)
      .where('ea.date_deleted', 'is', null)
      .where((eb) => eb.or([eb('xb.exit_date', 'is', null), eb('xb.exit_date', '>', eb.ref('ea.entry_date'))]))
      .where((eb) => eb.or([eb('xa.exit_date', 'is', null), eb('xa.exit_date', '>', eb.ref('eb.entry_date'))]))
      .orderBy('ea.entry_date')
      .orderBy('eb.entry_date')
      .execute();
    return rows.map((r) => ({
      projectName: r.project_name,
      stays: [
        { enrollmentId: r.a_id, entryDate: r.a_entry, exitDate: r.a_exit },
        { enrollmentId: r.b_id, entryDate: r.b_entry, exitDate: r.b_exit },
      ],
    }));
  },

  /** Live enrollments and exits of each client, for the side-by-side comparison. */
  async counts(db: Db, personalIds: readonly string[]): Promise<Map<string, RecordCounts>> {
    const counts = new Map(personalIds.map((id) => [id, { enrollments: 0, exits: 0 }]));
    if (personalIds.length === 0) return counts;
    const enrollments = await db
      .selectFrom('enrollments')
      .select(['personal_id', sql<string>`count(*)::text`.as('n')])
      .where('personal_id', 'in', [...personalIds])
      .where('date_deleted', 'is', null)
      .groupBy('personal_id')
      .execute();
    const exits = await db
      .selectFrom('exits')
      .select(['personal_id', sql<string>`count(*)::text`.as('n')])
      .where('personal_id', 'in', [...personalIds])
      .where('date_deleted', 'is', null)
      .groupBy('personal_id')
      .execute();
    for (const row of enrollments) counts.get(row.personal_id)!.enrollments = Number(row.n);
    for (const row of exits) counts.get(row.personal_id)!.exits = Number(row.n);
    return counts;
  },

  /** Every enrollment row (deleted ones too: they are history) moves to the kept PersonalID. */
  async moveEnrollments(trx: Transaction<Database>, from: string, to: string): Promise<number> {
    const result = await trx.updateTable('enrollments').set({ personal_id: to }).where('personal_id', '=', from).executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  async moveExits(trx: Transaction<Database>, from: string, to: string): Promise<number> {
    const result = await trx.updateTable('exits').set({ personal_id: to }).where('personal_id', '=', from).executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  /**
   * The records that hang off an enrollment and name its client (stage and occurrence records: HUD's files carry
   * EnrollmentID and PersonalID together) follow the kept PersonalID, so that every pair still matches its enrollment.
   */
  async moveEnrollmentRecords(trx: Transaction<Database>, from: string, to: string): Promise<number> {
    let moved = 0;
    for (const table of ENROLLMENT_RECORD_TABLES) {
      const result = await trx.updateTable(table).set({ personal_id: to }).where('personal_id', '=', from).executeTakeFirst();
      moved += Number(result.numUpdatedRows);
    }
    return moved;
  },

  /**
   * "My recent clients" rows follow the kept record. A user who opened both keeps one row (primary key
   * user_id, personal_id) with the later of the two times.
   */
  async moveRecentViews(trx: Transaction<Database>, from: string, to: string): Promise<void> {
    await trx
      .insertInto('client_recent_views')
      .columns(['user_id', 'personal_id', 'viewed_at'])
      .expression((eb) =>
        eb.selectFrom('client_recent_views').select(['user_id', sql<string>`${to}::text`.as('personal_id'), 'viewed_at']).where('personal_id', '=', from),
      )
      .onConflict((oc) =>
        oc.columns(['user_id', 'personal_id']).doUpdateSet({ viewed_at: sql`greatest(client_recent_views.viewed_at, excluded.viewed_at)` }),
      )
      .execute();
    await trx.deleteFrom('client_recent_views').where('personal_id', '=', from).execute();
  },

  /** Records merged earlier into the one now merged away point straight at the kept one (no chains). */
  async repointMerged(trx: Transaction<Database>, from: string, to: string): Promise<void> {
    await trx.updateTable('clients').set({ merged_into: to }).where('merged_into', '=', from).execute();
  },

  async markMerged(trx: Transaction<Database>, merged: string, kept: string, now: Date, userId: string): Promise<void> {
    await trx
      .updateTable('clients')
      .set({ merged_into: kept, date_deleted: now, date_updated: now, user_id: userId })
      .where('personal_id', '=', merged)
      .execute();
  },

  async updateKept(trx: Transaction<Database>, kept: string, changes: { dateCreated: Date; now: Date; userId: string }): Promise<void> {
    await trx
      .updateTable('clients')
      .set({ date_created: changes.dateCreated, date_updated: changes.now, user_id: changes.userId })
      .where('personal_id', '=', kept)
      .execute();
  },

  /** The PersonalID a merged record now lives on, or null when it was not merged. */
  async mergedInto(db: Db, personalId: string): Promise<string | null> {
    const row = await db.selectFrom('clients').select('merged_into').where('personal_id', '=', personalId).executeTakeFirst();
    return row?.merged_into ?? null;
  },

  /** The records merged into this one (their history belongs to it now). */
  async mergedIdsOf(db: Db, personalId: string): Promise<string[]> {
    const rows = await db.selectFrom('clients').select('personal_id').where('merged_into', '=', personalId).orderBy('personal_id').execute();
    return rows.map((r) => r.personal_id);
  },
};
