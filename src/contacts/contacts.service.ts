import type { Viewer } from '../access/access-policy.js';
import type { Actor } from '../audit/audit-log.js';
import type { Db } from '../db/schema.js';
import { ageOn, formatDay, readDate } from '../enrollments/enrollment-fields.js';
import type { EnrollmentDetail } from '../enrollments/enrollments.model.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { changedFields } from '../audit/changed-fields.js';
import { collects, ELEMENTS, isAskedOf, type ProgramElement } from '../hud/collection-rules.js';
import { HEAD_OF_HOUSEHOLD } from '../hud/enrollment-code-lists.js';
import { HEARTH_ID_PATTERN, hudUserId } from '../hud/ids.js';
import { validateContact } from './contact-fields.js';
import type { ContactFields, ContactInput, ContactsSection, CurrentLivingSituation } from './contacts.model.js';
import { currentLivingSituationsRepository as repo } from './current-living-situations.repository.js';
import { EnrollmentRecordService } from '../enrollments/enrollment-record.service.js';

/** Coordinated entry (2.02.6 type 14): its contacts also say which project verified the situation. */
const COORDINATED_ENTRY = 14;

/**
 * 4.12 current living situation contacts and 4.13 date of engagement, where HUD's collection rules
 * (collection-rules.ts) ask them: street outreach, night-by-night shelters, coordinated entry and services-only
 * projects under the funders that require them, of the head of household and adults. Both lie within the stay
 * (start to exit, inclusive) and never in the future; a date of engagement is at most one per enrollment. Who may
 * see and record them is the enrollments' rule, asked through the enrollments service.
 */
export class ContactService extends EnrollmentRecordService {
  /** Generated Training data, written as it is, without checks or audit (the Training reset audits itself). */
  writeGenerated(db: Db, contacts: readonly CurrentLivingSituation[]): Promise<void> {
    return repo.insert(db, contacts);
  }

  /** Whether the project collects the element (its funders at the entry date) and asks it of this member. */
  private async asks(detail: EnrollmentDetail, element: ProgramElement): Promise<boolean> {
    if (!(await this.collectsAtEntry(detail, element))) return false;
    const dob = detail.client.dob;
    return isAskedOf(ELEMENTS[element], {
      isHead: detail.enrollment.relationshipToHoH === HEAD_OF_HOUSEHOLD,
      adult: dob ? ageOn(dob, detail.enrollment.entryDate) >= 18 : null,
    });
  }

  private async refuseUnlessAsked(detail: EnrollmentDetail, element: '4.12' | '4.13'): Promise<void> {
    if (await this.asks(detail, element)) return;
    const what = element === '4.12' ? 'current living situation contacts' : 'a date of engagement';
    throw new ConflictError(
      `HUD does not ask ${what} here: it asks them of heads of household and adults in street outreach, night-by-night shelter, coordinated entry and services-only projects whose funders require them.`,
    );
  }

  /** The enrollment page's section, or null when neither element is asked of this member here. */
  async section(detail: EnrollmentDetail): Promise<ContactsSection | null> {
    const [contacts, engagement] = [await this.asks(detail, '4.12'), await this.asks(detail, '4.13')];
    if (!contacts && !engagement) return null;
    const [dates] = engagement ? await this.enrollments.occurrenceDates([detail.enrollment.enrollmentId]) : [];
    return {
      enrollmentId: detail.enrollment.enrollmentId,
      contacts: contacts ? await repo.ofEnrollment(this.db, detail.enrollment.enrollmentId) : null,
      engagement: engagement ? { dateOfEngagement: dates?.dateOfEngagement ?? null } : null,
      canRecord: detail.canChange,
      asksVerifiedBy: detail.project.projectType === COORDINATED_ENTRY,
    };
  }

  /** The enrollment a contact form is for: changeable by the viewer, and asked 4.12. */
  async forContact(viewer: Viewer, enrollmentId: string): Promise<EnrollmentDetail> {
    const detail = await this.enrollments.forChange(viewer, enrollmentId);
    await this.refuseUnlessAsked(detail, '4.12');
    return detail;
  }

  /** Records one contact. Audited (`enrollment.contact_recorded`), the situation's code and nothing else. */
  async recordContact(viewer: Viewer, enrollmentId: string, input: ContactInput, actor: Actor): Promise<void> {
    const detail = await this.forContact(viewer, enrollmentId);
    const fields = this.readContact(detail, input);
    const now = this.clock.now();
    const contact = { currentLivingSitId: this.newId(), enrollmentId, personalId: detail.enrollment.personalId, ...fields, dateCreated: now, dateUpdated: now, userId: hudUserId(actor) };
    await this.db.transaction().execute(async (trx) => {
      await repo.insert(trx, [contact]);
      await this.audit.record(trx, { event: 'enrollment.contact_recorded', actor, client: contact.personalId, details: { enrollmentId, currentLivingSitId: contact.currentLivingSitId } });
    });
  }

  private readContact(detail: EnrollmentDetail, input: ContactInput): ContactFields {
    const errors: Record<string, string[]> = {};
    const fields = validateContact(
      input,
      { entryDate: detail.enrollment.entryDate, exitDate: detail.exit?.exitDate ?? null, today: this.today(), coordinatedEntry: detail.project.projectType === COORDINATED_ENTRY },
      errors,
    );
    if (!fields) throw new ValidationError('The contact cannot be saved. Please correct the highlighted answers.', errors);
    return fields;
  }

  /** One recorded contact, for its correction form (the enrollment's rule: not visible, not found). */
  async contact(viewer: Viewer, enrollmentId: string, contactId: string): Promise<{ detail: EnrollmentDetail; contact: CurrentLivingSituation }> {
    const detail = await this.forContact(viewer, enrollmentId);
    const contact = HEARTH_ID_PATTERN.test(contactId) ? await repo.find(this.db, enrollmentId, contactId) : undefined;
    if (!contact) throw new NotFoundError('There is no such contact.');
    return { detail, contact };
  }

  /** Corrects a contact. Audited (`enrollment.contact_corrected`) with the names of the answers changed, never their values. */
  async correctContact(viewer: Viewer, enrollmentId: string, contactId: string, input: ContactInput, actor: Actor): Promise<void> {
    const { detail, contact } = await this.contact(viewer, enrollmentId, contactId);
    const fields = this.readContact(detail, input);
    const changed = changedFields(contact, fields);
    if (changed.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      await repo.update(trx, contactId, fields, { dateUpdated: this.clock.now(), userId: hudUserId(actor) });
      await this.audit.record(trx, { event: 'enrollment.contact_corrected', actor, client: contact.personalId, details: { enrollmentId, currentLivingSitId: contactId, changed: changed.join(', ') } });
    });
  }

  /** Deletes a contact recorded by mistake (HUD's DateDeleted). Audited (`enrollment.contact_deleted`). */
  async deleteContact(viewer: Viewer, enrollmentId: string, contactId: string, actor: Actor): Promise<void> {
    const { contact } = await this.contact(viewer, enrollmentId, contactId);
    await this.db.transaction().execute(async (trx) => {
      await repo.markDeleted(trx, contactId, { dateUpdated: this.clock.now(), userId: hudUserId(actor) });
      await this.audit.record(trx, { event: 'enrollment.contact_deleted', actor, client: contact.personalId, details: { enrollmentId, currentLivingSitId: contactId } });
    });
  }

  /** The enrollment a date-of-engagement form is for, with the date recorded so far. */
  async forEngagement(viewer: Viewer, enrollmentId: string): Promise<{ detail: EnrollmentDetail; dateOfEngagement: string | null }> {
    const detail = await this.enrollments.forChange(viewer, enrollmentId);
    await this.refuseUnlessAsked(detail, '4.13');
    const [dates] = await this.enrollments.occurrenceDates([enrollmentId]);
    return { detail, dateOfEngagement: dates?.dateOfEngagement ?? null };
  }

  /**
   * Records or corrects the date of engagement (empty: the client has not engaged, e.g. a date recorded by
   * mistake). Audited (`enrollment.engagement_recorded`).
   */
  async recordEngagement(viewer: Viewer, enrollmentId: string, typed: string, actor: Actor): Promise<void> {
    const { detail, dateOfEngagement: before } = await this.forEngagement(viewer, enrollmentId);
    const { enrollment, exit } = detail;
    const date = readDate(typed);
    const refuse = (message: string): never => {
      throw new ValidationError('The date of engagement cannot be saved.', { dateOfEngagement: [message] });
    };
    if (date === undefined) refuse(`“${typed.trim().slice(0, 40)}” is not a date: type the date of engagement as MM/DD/YYYY.`);
    if (date && date > this.today()) refuse('The date of engagement cannot be in the future.');
    if (date && date < enrollment.entryDate) refuse(`The date of engagement cannot be before the project start (${formatDay(enrollment.entryDate)}).`);
    if (date && exit && date > exit.exitDate) refuse(`The date of engagement cannot be after the exit (${formatDay(exit.exitDate)}).`);
    const after = date ?? null;
    if (after === before) return;
    await this.db.transaction().execute(async (trx) => {
      await this.enrollments.writeOccurrenceDates(trx, [{ enrollmentId, dateOfEngagement: after }], actor);
      await this.audit.record(trx, { event: 'enrollment.engagement_recorded', actor, client: enrollment.personalId, details: { enrollmentId, corrected: before !== null, cleared: after === null } });
    });
  }
}
