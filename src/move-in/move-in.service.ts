import type { Viewer } from '../access/access-policy.js';
import type { Actor } from '../audit/audit-log.js';
import { calendarDate } from '../clock.js';
import { formatDay, readDate } from '../enrollments/enrollment-fields.js';
import type { EnrollmentDetail } from '../enrollments/enrollments.model.js';
import { ConflictError, ValidationError } from '../errors.js';
import { collects } from '../hud/collection-rules.js';
import { HEAD_OF_HOUSEHOLD } from '../hud/enrollment-code-lists.js';
import type { MoveInStatus } from './move-in.model.js';
import { EnrollmentRecordService } from '../enrollments/enrollment-record.service.js';

/**
 * 3.20 Housing move-in date (reference hud-psde-rules.md §2.9): recorded by permanent housing projects (types 3, 9,
 * 10, 13, and Pay for Success and VA GPD case management projects of any type) on the head of household's
 * enrollment, on or after project start, on or before exit, never in the future. Once recorded it is corrected,
 * never removed (a household that loses its housing is exited and starts a new stay). The household's other
 * members take it from the head: a member present at move-in the head's date, a member who joined later their own
 * entry date (HUD's "Handling Housing Move-In Dates"), a member who left before it none.
 */
export class MoveInService extends EnrollmentRecordService {
  /** Whether the enrollment's project collects 3.20 (its funders as of the entry date). */
  async collectedFor(detail: EnrollmentDetail): Promise<boolean> {
    return this.collectsAtEntry(detail, '3.20');
  }

  /** The enrollment page's section; null when the project does not collect move-in dates. */
  async status(detail: EnrollmentDetail): Promise<MoveInStatus | null> {
    if (!(await this.collectedFor(detail))) return null;
    const head = detail.household.find((m) => m.relationshipToHoH === HEAD_OF_HOUSEHOLD);
    const ids = [detail.enrollment.enrollmentId, ...(head ? [head.enrollmentId] : [])];
    const dates = new Map((await this.enrollments.occurrenceDates(ids)).map((d) => [d.enrollmentId, d.moveInDate]));
    const isHead = detail.enrollment.relationshipToHoH === HEAD_OF_HOUSEHOLD;
    return {
      enrollmentId: detail.enrollment.enrollmentId,
      isHead,
      moveInDate: dates.get(detail.enrollment.enrollmentId) ?? null,
      headMoveInDate: head ? (dates.get(head.enrollmentId) ?? null) : null,
      canRecord: isHead && detail.canChange,
    };
  }

  /** The form's starting value: the recorded date, if any. */
  async current(viewer: Viewer, enrollmentId: string): Promise<{ detail: EnrollmentDetail; moveInDate: string | null }> {
    const detail = await this.forRecording(viewer, enrollmentId);
    const [dates] = await this.enrollments.occurrenceDates([enrollmentId]);
    return { detail, moveInDate: dates?.moveInDate ?? null };
  }

  private async forRecording(viewer: Viewer, enrollmentId: string): Promise<EnrollmentDetail> {
    const detail = await this.enrollments.forChange(viewer, enrollmentId);
    if (!(await this.collectedFor(detail))) {
      throw new ConflictError(`${detail.project.projectName} does not record housing move-in dates: HUD asks them of permanent housing projects.`);
    }
    if (detail.enrollment.relationshipToHoH !== HEAD_OF_HOUSEHOLD) {
      throw new ConflictError('The move-in date is recorded for the head of household only: the other members take it from the head.');
    }
    return detail;
  }

  /**
   * Records or corrects the head's move-in date and gives it to the household's members. Audited
   * (`enrollment.move_in_recorded`, whether it was a correction).
   */
  async record(viewer: Viewer, enrollmentId: string, typed: string, actor: Actor): Promise<void> {
    await this.forRecording(viewer, enrollmentId);
    await this.db.transaction().execute(async (trx) => {
      const detail = await this.enrollments.forChange(viewer, enrollmentId, trx);
      const { enrollment, exit } = detail;
      const date = readDate(typed);
      const [before] = await this.enrollments.occurrenceDates([enrollmentId], trx);
      const refuse = (message: string): never => {
        throw new ValidationError('The move-in date cannot be saved.', { moveInDate: [message] });
      };
      if (date === null) refuse(before?.moveInDate ? 'A move-in date cannot be removed, only corrected: if the household lost this housing, exit it and start a new stay.' : 'Type the move-in date (MM/DD/YYYY).');
      if (date === undefined) refuse(`“${typed.trim().slice(0, 40)}” is not a date: type the move-in date as MM/DD/YYYY.`);
      const day = date as string;
      if (day > calendarDate(this.clock.now(), this.timeZone)) refuse('The move-in date cannot be in the future: record it once the household has moved in.');
      if (day < enrollment.entryDate) refuse(`The move-in date cannot be before the project start (${formatDay(enrollment.entryDate)}).`);
      if (exit && day > exit.exitDate) refuse(`The move-in date cannot be after the exit (${formatDay(exit.exitDate)}).`);
      if (before?.moveInDate === day) return;

      const updates = detail.household.map((member) => {
        if (member.enrollmentId === enrollmentId) return { enrollmentId, moveInDate: day };
        const own = member.entryDate > day ? member.entryDate : day;
        return { enrollmentId: member.enrollmentId, moveInDate: member.exitDate !== null && member.exitDate < own ? null : own };
      });
      await this.enrollments.writeOccurrenceDates(trx, updates, actor);
      await this.audit.record(trx, {
        event: 'enrollment.move_in_recorded',
        actor,
        client: enrollment.personalId,
        details: { enrollmentId, householdId: enrollment.householdId, corrected: before?.moveInDate != null },
      });
    });
  }
}
