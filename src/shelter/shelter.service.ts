import { canEnrollInto, type Viewer } from '../access/access-policy.js';
import type { Actor } from '../audit/audit-log.js';
import { clientName } from '../clients/client-name.js';
import type { Db } from '../db/schema.js';
import { formatDay, readDate } from '../enrollments/enrollment-fields.js';
import type { EnrollmentDetail, EnrollmentSummary, Roster } from '../enrollments/enrollments.model.js';
import type { EnrollmentService } from '../enrollments/enrollments.service.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { addDays } from '../hud/calendar-days.js';
import { collects } from '../hud/collection-rules.js';
import { HEARTH_ID_PATTERN, hudUserId } from '../hud/ids.js';
import type { ProjectSummary } from '../projects/projects.model.js';
import { bedNightsRepository as repo } from './bed-nights.repository.js';
import type { BedNight, BedNightsSection, CheckInGuest, CheckInHousehold, CheckInInput, CheckInResult, CheckInSheet, UncheckInput } from './shelter.model.js';
import { EnrollmentRecordService } from '../enrollments/enrollment-record.service.js';

/** A check-in of more guests than this at once is a mistake (or an attack), not a night at a shelter. */
export const MAX_CHECK_IN = 1_000;

/** The enrollment page shows the latest bed nights, about a month, with a link to every one. */
export const BED_NIGHTS_SHOWN = 30;

/** Whether the project records bed nights (4.14): HUD's night-by-night emergency shelters, whatever funds them. */
export function recordsBedNights(project: Pick<ProjectSummary, 'projectType'>): boolean {
  return collects({ projectType: project.projectType, funders: [] }, '4.14');
}

/**
 * 4.14 bed nights and the check-in screen of night-by-night shelters. A bed night lies within its stay: on or
 * after the entry date and before the exit date (HUD: the exit date of a night-by-night stay is the day after the
 * last bed night), never in the future, one per enrollment and night. Who may see and record them is the
 * enrollments' rule (the access policy), asked through the enrollments service.
 */
export class ShelterService extends EnrollmentRecordService {
  /** The night typed (MM/DD/YYYY or YYYY-MM-DD), tonight when empty; refused on `night` when not a night to record. */
  private readNight(typed: string): string {
    const night = readDate(typed);
    const today = this.today();
    if (night === null) return today;
    if (night === undefined) throw new ValidationError('Please correct the night.', { night: [`“${typed.slice(0, 40)}” is not a date: type the night as MM/DD/YYYY.`] });
    if (night > today) throw new ValidationError('Please correct the night.', { night: ['Guests can be checked in for tonight or a past night, not for a night to come.'] });
    return night;
  }

  /** The project's open stays (the enrollments' own rule decides who may see them), for a project that records bed nights. */
  private async openStays(viewer: Viewer, projectId: string): Promise<Roster> {
    const roster = await this.enrollments.roster(viewer, projectId, { past: false });
    if (!recordsBedNights(roster.project)) {
      throw new ConflictError(`${roster.project.projectName} does not record bed nights: HUD asks them of night-by-night emergency shelters only.`);
    }
    return roster;
  }

  /** The check-in list for one night (tonight by default). */
  async sheet(viewer: Viewer, projectId: string, typedNight: string): Promise<CheckInSheet> {
    const roster = await this.openStays(viewer, projectId);
    // Said before anyone is ticked: a victim service provider's shelter records no guest (the check-in refuses too).
    await this.enrollments.assertAcceptsClients(roster.project.projectId);
    const night = this.readNight(typedNight);
    const openOn = (m: EnrollmentSummary) => m.entryDate <= night && (m.exitDate === null || m.exitDate > night);
    const stays = roster.households.flatMap((h) => h.members).filter(openOn);
    const nights = await repo.around(this.db, stays.map((m) => m.enrollmentId), night);
    const lastNight = addDays(night, -1);
    const households: CheckInHousehold[] = [];
    for (const household of roster.households) {
      const members: CheckInGuest[] = household.members.filter(openOn).map((m) => {
        const known = nights.get(m.enrollmentId);
        return {
          enrollmentId: m.enrollmentId,
          personalId: m.personalId,
          client: m.client,
          relationshipToHoH: m.relationshipToHoH,
          entryDate: m.entryDate,
          lastNight: known?.lastNight ?? null,
          checkedIn: known?.tonight ?? false,
        };
      });
      if (members.length > 0) households.push({ householdId: household.householdId, members, hereLastNight: members.some((m) => m.lastNight === lastNight) });
    }
    households.sort((a, b) => Number(b.hereLastNight) - Number(a.hereLastNight));
    const checkedIn = households.reduce((n, h) => n + h.members.filter((m) => m.checkedIn).length, 0);
    return { project: roster.project, night, today: this.today(), households, checkedIn, truncated: roster.truncated };
  }

  /**
   * Checks guests in for a night: the stays ticked, every open stay of the households ticked, and a new stay for
   * each client ticked who has none here (EnrollmentService.openStaysAtCheckIn). One transaction, one insert for
   * every bed night; a guest already in for the night is counted, not recorded twice. Audited per guest
   * (`enrollment.bed_night_recorded`, no client data in the details).
   */
  async checkIn(viewer: Viewer, projectId: string, input: CheckInInput, actor: Actor): Promise<CheckInResult> {
    const roster = await this.openStays(viewer, projectId);
    const { project } = roster;
    if (!canEnrollInto(viewer, project.organizationId)) {
      throw new ForbiddenError(`Only users of ${project.organizationName} and HMIS administrators can check guests in.`);
    }
    const night = this.readNight(input.night);
    const ticked = input.enrollmentIds.length + input.householdIds.length + input.personalIds.length;
    if (ticked === 0) throw new ValidationError('Tick the guests to check in.', { guests: ['Tick at least one guest, or a whole household.'] });
    if (ticked > MAX_CHECK_IN) throw new ValidationError(`At most ${MAX_CHECK_IN} guests can be checked in at once.`, { guests: [`Tick at most ${MAX_CHECK_IN} guests.`] });

    const members = roster.households.flatMap((h) => h.members);
    const byEnrollment = new Map(members.map((m) => [m.enrollmentId, m]));
    const errors: Record<string, string[]> = {};
    const refuse = (message: string) => (errors.guests ??= []).push(message);
    const chosen = new Map<string, EnrollmentSummary>();
    for (const id of input.enrollmentIds) {
      const stay = HEARTH_ID_PATTERN.test(id) ? byEnrollment.get(id) : undefined;
      if (!stay) refuse('A guest ticked has no open stay in this shelter any more: reload the list.');
      else chosen.set(stay.enrollmentId, stay);
    }
    for (const id of input.householdIds) {
      const household = roster.households.find((h) => h.householdId === id);
      if (!household) refuse('A household ticked has no open stay in this shelter any more: reload the list.');
      else for (const m of household.members) if (m.entryDate <= night && (m.exitDate === null || m.exitDate > night)) chosen.set(m.enrollmentId, m);
    }
    for (const stay of chosen.values()) {
      const name = clientName(stay.client);
      if (stay.entryDate > night) refuse(`${name} entered on ${formatDay(stay.entryDate)}: a bed night cannot be before the stay began.`);
      else if (stay.exitDate !== null && stay.exitDate <= night) refuse(`${name} exited on ${formatDay(stay.exitDate)}: a bed night must be before the exit date.`);
    }
    const withStay = new Set(members.map((m) => m.personalId));
    const newGuests = [...new Set(input.personalIds)];
    for (const personalId of newGuests) {
      if (withStay.has(personalId)) refuse('A guest found by search already has a stay here: tick them in the list instead.');
    }
    if (Object.keys(errors).length > 0) throw new ValidationError('Nobody was checked in. Please correct the list.', errors);

    return this.db.transaction().execute(async (trx) => {
      const opened = await this.enrollments.openStaysAtCheckIn(trx, viewer, { projectId: project.projectId, entryDate: night, personalIds: newGuests }, actor);
      const guests = [...[...chosen.values()].map((m) => ({ enrollmentId: m.enrollmentId, personalId: m.personalId })), ...opened];
      const before = await repo.around(trx, guests.map((g) => g.enrollmentId), night);
      const now = this.clock.now();
      const userId = hudUserId(actor);
      const fresh = guests.filter((g) => !before.get(g.enrollmentId)?.tonight);
      const nights: BedNight[] = fresh.map((g) => ({ servicesId: this.newId(), ...g, night, dateCreated: now, dateUpdated: now, userId }));
      await repo.insertMany(trx, nights);
      for (const n of nights) {
        await this.audit.record(trx, { event: 'enrollment.bed_night_recorded', actor, client: n.personalId, details: { enrollmentId: n.enrollmentId, servicesId: n.servicesId, night } });
      }
      return { night, checkedIn: nights.length, alreadyIn: guests.length - nights.length, opened: opened.map(({ enrollmentId, personalId }) => ({ enrollmentId, personalId })) };
    });
  }

  /** Generated Training data, written as it is, without checks or audit (the Training reset audits itself). */
  writeGenerated(db: Db, nights: readonly BedNight[]): Promise<void> {
    return repo.insertMany(db, nights);
  }

  /**
   * The enrollment page's 4.14 section, or null when the project does not record bed nights: the latest
   * `BED_NIGHTS_SHOWN` nights, or every one with `all` (the caller has already found the enrollment visible).
   */
  async section(detail: EnrollmentDetail, all: boolean): Promise<BedNightsSection | null> {
    if (!recordsBedNights(detail.project)) return null;
    const { enrollmentId } = detail.enrollment;
    const nights = await repo.ofEnrollment(this.db, enrollmentId, all ? undefined : BED_NIGHTS_SHOWN);
    const total = all || nights.length < BED_NIGHTS_SHOWN ? nights.length : await repo.countOf(this.db, enrollmentId);
    return { enrollmentId, nights, total, canRemove: detail.canChange };
  }

  /**
   * Removes a bed night recorded by mistake, from the enrollment page (the enrollment's rule: not visible, not
   * found; not theirs to change, forbidden). HUD's DateDeleted; audited (`enrollment.bed_night_deleted`).
   */
  async removeBedNight(viewer: Viewer, enrollmentId: string, servicesId: string, actor: Actor): Promise<BedNight> {
    await this.enrollments.forChange(viewer, enrollmentId);
    const night = HEARTH_ID_PATTERN.test(servicesId) ? await repo.find(this.db, enrollmentId, { servicesId }) : undefined;
    if (!night) throw new NotFoundError('There is no such bed night.');
    await this.markDeleted(night, actor);
    return night;
  }

  /**
   * Unticks a guest checked in by mistake for a night, from the check-in screen: the same rule as the check-in
   * (the shelter's list, users of its agency), the same removal as on the enrollment page.
   */
  async uncheck(viewer: Viewer, projectId: string, input: UncheckInput, actor: Actor): Promise<{ night: string; enrollmentId: string }> {
    const roster = await this.openStays(viewer, projectId);
    if (!canEnrollInto(viewer, roster.project.organizationId)) {
      throw new ForbiddenError(`Only users of ${roster.project.organizationName} and HMIS administrators can change the check-in.`);
    }
    const night = this.readNight(input.night);
    const stay = roster.households.flatMap((h) => h.members).find((m) => m.enrollmentId === input.enrollmentId);
    if (!stay) throw new ValidationError('Nobody was removed.', { guests: ['The guest has no open stay in this shelter any more: reload the list.'] });
    const bedNight = await repo.find(this.db, stay.enrollmentId, { night });
    if (!bedNight) throw new ValidationError('Nobody was removed.', { guests: [`${clientName(stay.client)} is not checked in for ${formatDay(night)}: reload the list.`] });
    await this.markDeleted(bedNight, actor);
    return { night, enrollmentId: stay.enrollmentId };
  }

  private async markDeleted(night: BedNight, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await repo.markDeleted(trx, night.servicesId, { dateUpdated: this.clock.now(), userId: hudUserId(actor) });
      await this.audit.record(trx, {
        event: 'enrollment.bed_night_deleted',
        actor,
        client: night.personalId,
        details: { enrollmentId: night.enrollmentId, servicesId: night.servicesId, night: night.night },
      });
    });
  }
}
