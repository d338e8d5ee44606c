import { sql, type Insertable } from 'kysely';
import type { CurrentLivingSituationsTable, Db } from '../db/schema.js';
import type { ContactFields, CurrentLivingSituation } from './contacts.model.js';

function row(c: CurrentLivingSituation): Insertable<CurrentLivingSituationsTable> {
  return {
    current_living_sit_id: c.currentLivingSitId,
    enrollment_id: c.enrollmentId,
    personal_id: c.personalId,
    information_date: c.informationDate,
    current_living_situation: c.currentLivingSituation,
    cls_subsidy_type: c.clsSubsidyType,
    verified_by: c.verifiedBy,
    leave_situation_14_days: c.leaveSituation14Days,
    subsequent_residence: c.subsequentResidence,
    resources_to_obtain: c.resourcesToObtain,
    lease_own_60_day: c.leaseOwn60Day,
    moved_two_or_more: c.movedTwoOrMore,
    location_details: c.locationDetails,
    date_created: c.dateCreated,
    date_updated: c.dateUpdated,
    user_id: c.userId,
  };
}

/** 4.12 contacts (CurrentLivingSituation.csv). Deleted rows never leave the repository. */
export const currentLivingSituationsRepository = {
  async insert(db: Db, contacts: readonly CurrentLivingSituation[]): Promise<void> {
    // A few thousand rows per statement keeps the parameters under PostgreSQL's limit.
    for (let start = 0; start < contacts.length; start += 2_000) {
      await db.insertInto('current_living_situations').values(contacts.slice(start, start + 2_000).map(row)).execute();
    }
  },

  /** An enrollment's contacts, the latest first. */
  ofEnrollment(db: Db, enrollmentId: string): Promise<CurrentLivingSituation[]> {
    return selectContacts(db, enrollmentId);
  },

  /** One live contact of the enrollment. */
  async find(db: Db, enrollmentId: string, contactId: string): Promise<CurrentLivingSituation | undefined> {
    return (await selectContacts(db, enrollmentId, contactId))[0];
  },

  /** Corrects a contact's answers (its ids and date created stay). */
  async update(db: Db, contactId: string, fields: ContactFields, changed: { dateUpdated: Date; userId: string }): Promise<void> {
    const { current_living_sit_id: _id, enrollment_id: _e, personal_id: _p, date_created: _c, ...columns } = row({
      ...fields,
      currentLivingSitId: contactId,
      enrollmentId: '',
      personalId: '',
      dateCreated: changed.dateUpdated,
      dateUpdated: changed.dateUpdated,
      userId: changed.userId,
    });
    await db.updateTable('current_living_situations').set(columns).where('current_living_sit_id', '=', contactId).where('date_deleted', 'is', null).execute();
  },

  /** HUD's DateDeleted: the row stays (a delta export reports it deleted), a full export and every page leave it out. */
  async markDeleted(db: Db, contactId: string, changed: { dateUpdated: Date; userId: string }): Promise<void> {
    await db
      .updateTable('current_living_situations')
      .set({ date_deleted: changed.dateUpdated, date_updated: changed.dateUpdated, user_id: changed.userId })
      .where('current_living_sit_id', '=', contactId)
      .where('date_deleted', 'is', null)
      .execute();
  },
};

/** Live contacts of an enrollment (or one of them), the latest first. */
async function selectContacts(db: Db, enrollmentId: string, contactId?: string): Promise<CurrentLivingSituation[]> {
  let query = db
    .selectFrom('current_living_situations')
    .select([
      'current_living_sit_id',
      'enrollment_id',
      'personal_id',
      sql<string>`to_char(information_date, 'YYYY-MM-DD')`.as('information_day'),
      'current_living_situation',
      'cls_subsidy_type',
      'verified_by',
      'leave_situation_14_days',
      'subsequent_residence',
      'resources_to_obtain',
      'lease_own_60_day',
      'moved_two_or_more',
      'location_details',
      'date_created',
      'date_updated',
      'user_id',
    ])
    .where('enrollment_id', '=', enrollmentId)
    .where('date_deleted', 'is', null);
  if (contactId !== undefined) query = query.where('current_living_sit_id', '=', contactId);
  const rows = await query.orderBy('information_date', 'desc').orderBy('date_created', 'desc').execute();
  return rows.map((r) => ({
    currentLivingSitId: r.current_living_sit_id,
    enrollmentId: r.enrollment_id,
    personalId: r.personal_id,
    informationDate: r.information_day,
    currentLivingSituation: r.current_living_situation,
    clsSubsidyType: r.cls_subsidy_type,
    verifiedBy: r.verified_by,
    leaveSituation14Days: r.leave_situation_14_days,
    subsequentResidence: r.subsequent_residence,
    resourcesToObtain: r.resources_to_obtain,
    leaseOwn60Day: r.lease_own_60_day,
    movedTwoOrMore: r.moved_two_or_more,
    locationDetails: r.location_details,
    dateCreated: r.date_created,
    dateUpdated: r.date_updated,
    userId: r.user_id,
  }));
}
