import { sql, type Insertable } from 'kysely';
import type { CurrentLivingSituationsTable, Db } from '../db/schema.js';
import type { CurrentLivingSituation } from './contacts.model.js';

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
  async ofEnrollment(db: Db, enrollmentId: string): Promise<CurrentLivingSituation[]> {
    const rows = await db
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
      .where('date_deleted', 'is', null)
      .orderBy('information_date', 'desc')
      .orderBy('date_created', 'desc')
      .execute();
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
  },
};
