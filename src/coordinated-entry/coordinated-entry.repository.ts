import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { CeAssessment, CeEvent } from './coordinated-entry.model.js';

/** 4.19 assessments (Assessment.csv) and 4.20 events (Event.csv). Deleted rows never leave the repository. */
export const coordinatedEntryRepository = {
  async insertAssessments(db: Db, assessments: readonly CeAssessment[]): Promise<void> {
    if (assessments.length === 0) return;
    await db
      .insertInto('assessments')
      .values(
        assessments.map((a) => ({
          assessment_id: a.assessmentId,
          enrollment_id: a.enrollmentId,
          personal_id: a.personalId,
          assessment_date: a.assessmentDate,
          assessment_location: a.assessmentLocation,
          assessment_type: a.assessmentType,
          assessment_level: a.assessmentLevel,
          prioritization_status: a.prioritizationStatus,
          date_created: a.dateCreated,
          date_updated: a.dateUpdated,
          user_id: a.userId,
        })),
      )
      .execute();
  },

  async insertEvents(db: Db, events: readonly CeEvent[]): Promise<void> {
    if (events.length === 0) return;
    await db
      .insertInto('events')
      .values(
        events.map((e) => ({
          event_id: e.eventId,
          enrollment_id: e.enrollmentId,
          personal_id: e.personalId,
          event_date: e.eventDate,
          event: e.event,
          prob_sol_div_rr_result: e.probSolDivRrResult,
          referral_case_manage_after: e.referralCaseManageAfter,
          location_crisis_or_ph_housing: e.locationCrisisOrPhHousing,
          referral_result: e.referralResult,
          result_date: e.resultDate,
          date_created: e.dateCreated,
          date_updated: e.dateUpdated,
          user_id: e.userId,
        })),
      )
      .execute();
  },

  /**
   * HUD's DateDeleted on one live assessment (its questions and results with it) or event of the enrollment: the row
   * stays for a delta export, a full export and every page leave it out. Returns whether there was one.
   */
  async markDeleted(db: Db, kind: 'assessment' | 'event', enrollmentId: string, id: string, changed: { dateUpdated: Date; userId: string }): Promise<boolean> {
    const set = { date_deleted: changed.dateUpdated, date_updated: changed.dateUpdated, user_id: changed.userId };
    const table = kind === 'assessment' ? 'assessments' : 'events';
    const key = kind === 'assessment' ? 'assessment_id' : 'event_id';
    const result = await db.updateTable(table).set(set).where(key, '=', id).where('enrollment_id', '=', enrollmentId).where('date_deleted', 'is', null).executeTakeFirst();
    if (kind === 'assessment') {
      for (const part of ['assessment_questions', 'assessment_results'] as const) {
        await db.updateTable(part).set(set).where('assessment_id', '=', id).where('date_deleted', 'is', null).execute();
      }
    }
    return Number(result.numUpdatedRows) > 0;
  },

  async assessmentsOf(db: Db, enrollmentId: string): Promise<CeAssessment[]> {
    const rows = await db
      .selectFrom('assessments')
      .select(['assessment_id', 'enrollment_id', 'personal_id', sql<string>`to_char(assessment_date, 'YYYY-MM-DD')`.as('day'), 'assessment_location', 'assessment_type', 'assessment_level', 'prioritization_status', 'date_created', 'date_updated', 'user_id'])
      .where('enrollment_id', '=', enrollmentId)
      .where('date_deleted', 'is', null)
      .orderBy('assessment_date', 'desc')
      .orderBy('date_created', 'desc')
      .execute();
    return rows.map((r) => ({
      assessmentId: r.assessment_id,
      enrollmentId: r.enrollment_id,
      personalId: r.personal_id,
      assessmentDate: r.day,
      assessmentLocation: r.assessment_location,
      assessmentType: r.assessment_type,
      assessmentLevel: r.assessment_level,
      prioritizationStatus: r.prioritization_status,
      dateCreated: r.date_created,
      dateUpdated: r.date_updated,
      userId: r.user_id,
    }));
  },

  async eventsOf(db: Db, enrollmentId: string): Promise<CeEvent[]> {
    const rows = await db
      .selectFrom('events')
      .select([
        'event_id',
        'enrollment_id',
        'personal_id',
        sql<string>`to_char(event_date, 'YYYY-MM-DD')`.as('day'),
        'event',
        'prob_sol_div_rr_result',
        'referral_case_manage_after',
        'location_crisis_or_ph_housing',
        'referral_result',
        sql<string | null>`to_char(result_date, 'YYYY-MM-DD')`.as('result_day'),
        'date_created',
        'date_updated',
        'user_id',
      ])
      .where('enrollment_id', '=', enrollmentId)
      .where('date_deleted', 'is', null)
      .orderBy('event_date', 'desc')
      .orderBy('date_created', 'desc')
      .execute();
    return rows.map((r) => ({
      eventId: r.event_id,
      enrollmentId: r.enrollment_id,
      personalId: r.personal_id,
      eventDate: r.day,
      event: r.event,
      probSolDivRrResult: r.prob_sol_div_rr_result,
      referralCaseManageAfter: r.referral_case_manage_after,
      locationCrisisOrPhHousing: r.location_crisis_or_ph_housing,
      referralResult: r.referral_result,
      resultDate: r.result_day,
      dateCreated: r.date_created,
      dateUpdated: r.date_updated,
      userId: r.user_id,
    }));
  },
};
