import type { Viewer } from '../access/access-policy.js';
import type { Actor } from '../audit/audit-log.js';
import type { StayBounds } from '../contacts/contact-fields.js';
import type { Db } from '../db/schema.js';
import type { EnrollmentDetail } from '../enrollments/enrollments.model.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { HEAD_OF_HOUSEHOLD } from '../hud/enrollment-code-lists.js';
import { HEARTH_ID_PATTERN, hudUserId } from '../hud/ids.js';
import { validateAssessment, validateEvent } from './coordinated-entry-fields.js';
import type { CeAssessment, CeAssessmentInput, CeEvent, CeEventInput, CoordinatedEntrySection } from './coordinated-entry.model.js';
import { coordinatedEntryRepository as repo } from './coordinated-entry.repository.js';
import { EnrollmentRecordService } from '../enrollments/enrollment-record.service.js';

/** What every new assessment or event carries besides its answers. */
type RecordStamps = { enrollmentId: string; personalId: string; dateCreated: Date; dateUpdated: Date; userId: string };

/**
 * 4.19 coordinated entry assessments and 4.20 coordinated entry events, recorded by coordinated entry projects
 * (type 14) on the head of household's enrollment, within the stay and never in the future, with HUD's
 * dependencies. The community's own questions and results (4.19.5–6) are not collected yet. Who may see and
 * record them is the enrollments' rule, asked through the enrollments service.
 */
export class CoordinatedEntryService extends EnrollmentRecordService {
  /** Generated Training data, written as it is, without checks or audit (the Training reset audits itself). */
  async writeGenerated(db: Db, records: { assessments: readonly CeAssessment[]; events: readonly CeEvent[] }): Promise<void> {
    await repo.insertAssessments(db, records.assessments);
    await repo.insertEvents(db, records.events);
  }

  private async asked(detail: EnrollmentDetail): Promise<boolean> {
    if (detail.enrollment.relationshipToHoH !== HEAD_OF_HOUSEHOLD) return false;
    return this.collectsAtEntry(detail, '4.19');
  }

  private bounds(detail: EnrollmentDetail): StayBounds {
    return { entryDate: detail.enrollment.entryDate, exitDate: detail.exit?.exitDate ?? null, today: this.today() };
  }

  /** The enrollment page's section, or null when HUD does not ask these of this enrollment. */
  async section(detail: EnrollmentDetail): Promise<CoordinatedEntrySection | null> {
    if (!(await this.asked(detail))) return null;
    const id = detail.enrollment.enrollmentId;
    return { enrollmentId: id, assessments: await repo.assessmentsOf(this.db, id), events: await repo.eventsOf(this.db, id), canRecord: detail.canChange };
  }

  /** The enrollment an assessment or event form is for: changeable by the viewer, a head's stay in a CE project. */
  async forRecording(viewer: Viewer, enrollmentId: string): Promise<EnrollmentDetail> {
    const detail = await this.enrollments.forChange(viewer, enrollmentId);
    if (!(await this.asked(detail))) {
      throw new ConflictError('Coordinated entry assessments and events are recorded by coordinated entry projects, on the head of household’s enrollment.');
    }
    return detail;
  }

  /** Records a 4.19 assessment. Audited (`enrollment.ce_assessment_recorded`). */
  async recordAssessment(viewer: Viewer, enrollmentId: string, input: CeAssessmentInput, actor: Actor): Promise<void> {
    await this.recordNew(viewer, enrollmentId, actor, {
      what: 'assessment',
      validate: (bounds, errors) => validateAssessment(input, bounds, errors),
      write: async (trx, stamps) => {
        const assessment = { assessmentId: this.newId(), ...stamps };
        await repo.insertAssessments(trx, [assessment]);
        return { event: 'enrollment.ce_assessment_recorded', details: { enrollmentId, assessmentId: assessment.assessmentId } };
      },
    });
  }

  /** Deletes an assessment or event recorded by mistake (HUD's DateDeleted). Audited (`enrollment.ce_<kind>_deleted`). */
  async deleteRecord(viewer: Viewer, enrollmentId: string, kind: 'assessment' | 'event', id: string, actor: Actor): Promise<void> {
    const detail = await this.forRecording(viewer, enrollmentId);
    const what = kind === 'assessment' ? 'assessment' : 'event';
    if (!HEARTH_ID_PATTERN.test(id)) throw new NotFoundError(`There is no such ${what}.`);
    await this.db.transaction().execute(async (trx) => {
      const deleted = await repo.markDeleted(trx, kind, enrollmentId, id, { dateUpdated: this.clock.now(), userId: hudUserId(actor) });
      if (!deleted) throw new NotFoundError(`There is no such ${what}.`);
      await this.audit.record(trx, {
        event: kind === 'assessment' ? 'enrollment.ce_assessment_deleted' : 'enrollment.ce_event_deleted',
        actor,
        client: detail.enrollment.personalId,
        details: { enrollmentId, [kind === 'assessment' ? 'assessmentId' : 'eventId']: id },
      });
    });
  }

  /** Records a 4.20 event. Audited (`enrollment.ce_event_recorded`). */
  async recordEvent(viewer: Viewer, enrollmentId: string, input: CeEventInput, actor: Actor): Promise<void> {
    await this.recordNew(viewer, enrollmentId, actor, {
      what: 'event',
      validate: (bounds, errors) => validateEvent(input, bounds, errors),
      write: async (trx, stamps) => {
        const event = { eventId: this.newId(), ...stamps };
        await repo.insertEvents(trx, [event]);
        return { event: 'enrollment.ce_event_recorded', details: { enrollmentId, eventId: event.eventId, event: event.event } };
      },
    });
  }

  /** Checks and writes a new assessment or event with its audit entry, in one transaction. */
  private async recordNew<F extends object>(
    viewer: Viewer,
    enrollmentId: string,
    actor: Actor,
    kind: {
      what: string;
      validate: (bounds: StayBounds, errors: Record<string, string[]>) => F | null;
      write: (trx: Db, record: F & RecordStamps) => Promise<{ event: 'enrollment.ce_assessment_recorded' | 'enrollment.ce_event_recorded'; details: Record<string, string | number> }>;
    },
  ): Promise<void> {
    const detail = await this.forRecording(viewer, enrollmentId);
    const errors: Record<string, string[]> = {};
    const fields = kind.validate(this.bounds(detail), errors);
    if (!fields) throw new ValidationError(`The ${kind.what} cannot be saved. Please correct the highlighted answers.`, errors);
    const now = this.clock.now();
    const personalId = detail.enrollment.personalId;
    await this.db.transaction().execute(async (trx) => {
      const { event, details } = await kind.write(trx, { enrollmentId, personalId, ...fields, dateCreated: now, dateUpdated: now, userId: hudUserId(actor) });
      await this.audit.record(trx, { event, actor, client: personalId, details });
    });
  }
}
