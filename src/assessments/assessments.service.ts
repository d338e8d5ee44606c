import type { Transaction } from 'kysely';
import type { Viewer } from '../access/access-policy.js';
import type { Actor } from '../audit/audit-log.js';
import { changedFields } from '../audit/changed-fields.js';
import type { Database, Db } from '../db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { annualStatus, windowHolding, type AnnualStatus } from '../hud/annual-assessment.js';
import { wholeYears } from '../hud/calendar-days.js';
import { chronicStatusAtStart, householdChronicStatus, isDisablingRecord, type ChronicStatus } from '../hud/chronic-homelessness.js';
import { DATA_COLLECTION_STAGE, elementsAtStage, isAskedOf, type CollectionPoint, type ProgramElement } from '../hud/collection-rules.js';
import { collectingProjectOn } from '../hud/collecting-project.js';
import { HEAD_OF_HOUSEHOLD } from '../hud/enrollment-code-lists.js';
import { hudUserId } from '../hud/ids.js';
import { clientName } from '../clients/client-name.js';
import type { AlongsideExit, Enrollment, EnrollmentDetail, EnrollmentSummary, Leaving } from '../enrollments/enrollments.model.js';
import { addError, formatDay, readDateField, type FieldErrors } from '../projects/project-fields.js';
import { validateStageAnswers } from './assessment-fields.js';
import type { AnnualDue, AssessmentOverview, GeneratedStage, StageAnswers, StageCode, StageForm, StageInput, StageMember, StageRecord } from './assessments.model.js';
import { assessmentsRepository as repo, type StageRowIds } from './assessments.repository.js';
import { EnrollmentRecordService, type Funding } from '../enrollments/enrollment-record.service.js';

export const STAGES: readonly CollectionPoint[] = ['start', 'update', 'annual', 'exit'];

export function isStage(value: unknown): value is CollectionPoint {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

const ADULT_AGE = 18;
const CORRECT = 'Please correct the highlighted answers.';

/** The audit entry of a correction names the elements changed, never their values. */
const ELEMENT_NAMES: Record<keyof StageAnswers, string> = {
  income: '4.02',
  benefits: '4.03',
  insurance: '4.04',
  disabilities: '4.05-4.10',
  domesticViolence: '4.11',
};

/**
 * The stage-based program-specific elements of a household (4.02–4.11 at project start, update, annual
 * assessment and exit; HUD IncomeBenefits, HealthAndDV and Disabilities). Which elements are asked of whom is
 * HUD's collection table (src/hud/collection-rules.ts) for the project's type and its funders open on the
 * information date. Who may see or record them is the enrollment's own rule: the enrollments service applies
 * the access policy, and an enrollment the viewer may not see is not found here either.
 *
 * Each member's answers at a stage are stored with the stage, never inferred from a date. HUD's dates: project
 * start is each member's entry date, exit each member's exit date; an update any day of the stay; an annual
 * assessment inside the 61-day window around the anniversary of the head of household's start, once per window.
 */
export class AssessmentService extends EnrollmentRecordService {
  /** Generated Training data, written as it is, without checks or audit (the Training reset audits itself). */
  writeGenerated(db: Db, records: readonly GeneratedStage[]): Promise<void> {
    return repo.insertGenerated(db, records);
  }

  /** What the stage form asks of each member of the household, as of today. */
  async stageForm(viewer: Viewer, enrollmentId: string, stage: CollectionPoint): Promise<StageForm> {
    const detail = await this.enrollments.forChange(viewer, enrollmentId);
    return this.formFor(this.db, viewer, detail, await this.fundersOf(detail.project.projectId), stage, this.today());
  }

  private async formFor(db: Db, viewer: Viewer, detail: EnrollmentDetail, funders: readonly Funding[], stage: CollectionPoint, day: string): Promise<StageForm> {
    const household = detail.household;
    const ids = household.map((m) => m.enrollmentId);
    const code = DATA_COLLECTION_STAGE[stage] as StageCode;
    const recorded = await repo.stageDates(db, ids, code);
    const headStart = householdStart(household);
    const annualDates = stage === 'annual' ? recorded.map((r) => r.informationDate) : [];
    const members: StageMember[] = [];
    for (const m of household) {
      const entry = (await this.enrollments.detail(viewer, m.enrollmentId, db)).enrollment;
      const date = stage === 'start' ? m.entryDate : stage === 'exit' ? (m.exitDate ?? day) : day;
      const isHead = m.relationshipToHoH === HEAD_OF_HOUSEHOLD;
      const adult = m.client.dob === null ? null : wholeYears(m.client.dob, date) >= ADULT_AGE;
      const project = collectingProjectOn(detail.project.projectType, funders, date);
      const elements = elementsAtStage(project, stage)
        .filter((collection) => isAskedOf(collection, { isHead, adult }))
        .map((collection) => collection.element);
      const mine = recorded.filter((r) => r.enrollmentId === m.enrollmentId).map((r) => r.informationDate);
      members.push({
        enrollmentId: m.enrollmentId,
        personalId: m.personalId,
        client: m.client,
        isHead,
        entryDate: m.entryDate,
        exitDate: m.exitDate,
        disablingCondition: entry.disablingCondition,
        adult,
        elements,
        unavailable: unavailableReason(stage, m, mine, elements, day),
      });
    }
    return {
      enrollmentId: detail.enrollment.enrollmentId,
      householdId: detail.enrollment.householdId,
      projectName: detail.project.projectName,
      stage,
      fixedDate: stage === 'start' || stage === 'exit',
      members,
      annual: stage === 'annual' ? annualStatus(headStart, day, annualDates) : null,
    };
  }

  /**
   * Records one stage for every member of the household it can be recorded for, each with their own answers,
   * all or nothing. `assessment.recorded` per member.
   */
  async recordStage(viewer: Viewer, enrollmentId: string, stage: CollectionPoint, input: StageInput, actor: Actor): Promise<{ recorded: number; informationDate: string | null }> {
    const { project } = await this.enrollments.forChange(viewer, enrollmentId);
    const funders = await this.fundersOf(project.projectId);
    return this.db.transaction().execute(async (trx) => {
      const detail = await this.enrollments.forChange(viewer, enrollmentId, trx);
      return this.recordStageIn(trx, viewer, detail, funders, stage, input, actor);
    });
  }

  /**
   * The same, in the caller's transaction, for an enrollment the caller has already checked the viewer may
   * change: so the exit route can save the exit and the exit-stage answers in one submit. `funders` are the
   * project's (fundersOf), read before the transaction.
   */
  async recordStageIn(trx: Transaction<Database>, viewer: Viewer, detail: EnrollmentDetail, funders: readonly Funding[], stage: CollectionPoint, input: StageInput, actor: Actor): Promise<{ recorded: number; informationDate: string | null }> {
    await repo.lockEnrollments(trx, detail.household.map((m) => m.enrollmentId));
    const today = this.today();
    const errors: FieldErrors = {};
    let typedDate: string | null = null;
    if (stage === 'update' || stage === 'annual') {
      typedDate = readDateField(input.informationDate, 'informationDate', 'information date', true, errors);
      if (typedDate && typedDate > today) addError(errors, 'informationDate', 'The information date cannot be in the future.');
    }
    const form = await this.formFor(trx, viewer, detail, funders, stage, typedDate ?? today);
    const members = form.members.filter((m) => m.unavailable === null);
    if (typedDate && !errors.informationDate) await this.checkTypedDate(trx, stage, typedDate, form, members, errors);
    if (members.length === 0 && Object.keys(errors).length === 0) {
      throw new ConflictError(`There is no one in this household to record the ${STAGE_TITLES[stage].toLowerCase()} for now.`);
    }
    const valid = validateMembers(members, input.members, errors);
    if (Object.keys(errors).length > 0) throw new ValidationError(CORRECT, errors);
    await this.writeStage(trx, stage, valid, typedDate, actor);
    return { recorded: valid.length, informationDate: typedDate };
  }

  /**
   * The exit-stage answers saved with the exit, in its submit (EnrollmentService.exit's `alongside`): the
   * funders are read now, before the exit's transaction opens (PGlite has one connection: a read from outside
   * the transaction would wait on it). Each member leaving is asked what the exit stage asks of them on their
   * exit date; a project that asks nothing at exit saves nothing more.
   */
  async alongsideExit(viewer: Viewer, enrollmentId: string, answers: StageInput['members'], actor: Actor): Promise<AlongsideExit> {
    const { project } = await this.enrollments.forChange(viewer, enrollmentId);
    const funders = await this.fundersOf(project.projectId);
    return async (trx, detail, leaving, errors) => {
      const form = await this.formFor(trx, viewer, leavingOn(detail, leaving), funders, 'exit', this.today());
      const exiting = new Set(leaving.map((l) => l.enrollmentId));
      const valid = validateMembers(form.members.filter((m) => m.unavailable === null && exiting.has(m.enrollmentId)), answers, errors);
      return () => this.writeStage(trx, 'exit', valid, null, actor);
    };
  }

  /** The exit form's questions: every member still enrolled, as if leaving on `exitDate` (today if not a date). Null once exited. */
  async exitForm(viewer: Viewer, enrollmentId: string, exitDate: string): Promise<StageForm | null> {
    const detail = await this.enrollments.forChange(viewer, enrollmentId);
    if (detail.exit) return null;
    const day = readDateField(exitDate, 'exitDate', 'exit date', false, {}) ?? this.today();
    const leaving = detail.household.filter((m) => m.exitDate === null).map((m) => ({ enrollmentId: m.enrollmentId, exitDate: day }));
    const form = await this.formFor(this.db, viewer, leavingOn(detail, leaving), await this.fundersOf(detail.project.projectId), 'exit', day);
    return { ...form, members: form.members.filter((m) => m.unavailable === null && leaving.some((l) => l.enrollmentId === m.enrollmentId)) };
  }

  /** Saves valid answers: one set of records per member at the stage, dated as HUD says. `assessment.recorded` per member. */
  private async writeStage(trx: Transaction<Database>, stage: CollectionPoint, valid: readonly ValidMember[], typedDate: string | null, actor: Actor): Promise<void> {
    const now = this.clock.now();
    for (const { member, answers } of valid) {
      const informationDate = typedDate ?? (stage === 'start' ? member.entryDate : member.exitDate!);
      const key = { enrollmentId: member.enrollmentId, personalId: member.personalId, informationDate, dataCollectionStage: DATA_COLLECTION_STAGE[stage] as StageCode };
      await repo.insertStage(trx, key, answers, this.rowIds(), { dateCreated: now, dateUpdated: now, userId: hudUserId(actor) });
      await this.audit.record(trx, {
        event: 'assessment.recorded',
        actor,
        client: member.personalId,
        details: { enrollmentId: member.enrollmentId, stage, elements: member.elements.join(', ') },
      });
      if (answers.disabilities.length > 0) await this.keepDisablingCondition(trx, member.enrollmentId, actor);
    }
  }

  /** 3.08 follows the enrollment's disability records (the enrollments service keeps the answer given). */
  private async keepDisablingCondition(trx: Transaction<Database>, enrollmentId: string, actor: Actor): Promise<void> {
    const disabling = (await repo.disabilitiesOf(trx, enrollmentId)).some(isDisablingRecord);
    await this.enrollments.keepDisablingCondition(trx, enrollmentId, disabling, actor);
  }

  /**
   * An update's or annual assessment's date: within each member's stay; an annual assessment inside the window
   * around an anniversary of the household's start, and only once per window (HUD: one, and only one).
   */
  private async checkTypedDate(db: Db, stage: CollectionPoint, day: string, form: StageForm, members: readonly StageMember[], errors: FieldErrors): Promise<void> {
    for (const m of members) {
      if (day < m.entryDate) addError(errors, 'informationDate', `The information date cannot be before ${clientName(m.client)}’s entry date (${formatDay(m.entryDate)}).`);
    }
    if (stage !== 'annual') return;
    const headStart = householdStart(form.members);
    const window = windowHolding(headStart, day);
    if (!window) {
      const status = form.annual;
      const hint = status && status.kind !== 'not-yet' ? ` The latest window runs from ${formatDay(status.window.opens)} to ${formatDay(status.window.closes)}.` : '';
      addError(
        errors,
        'informationDate',
        `An annual assessment is dated within 30 days before or after an anniversary of the head of household’s project start (${formatDay(headStart)}).${hint}`,
      );
      return;
    }
    const dates = await repo.stageDates(db, form.members.map((m) => m.enrollmentId), 5);
    const taken = dates.find((d) => d.informationDate >= window.opens && d.informationDate <= window.closes);
    if (taken) {
      addError(
        errors,
        'informationDate',
        `The annual assessment for the anniversary of ${formatDay(window.anniversary)} is already recorded (${formatDay(taken.informationDate)}): HUD allows one per window. Correct it from the history instead.`,
      );
    }
  }

  private rowIds(): StageRowIds {
    return { incomeBenefitsId: this.newId(), healthAndDvId: this.newId(), disabilitiesIds: () => this.newId() };
  }

  /** The enrollment's section: every member's records by date, the annual standing and chronic homelessness. */
  /** The enrollment by id, or as the page already read it for this viewer (enrollments.view), not read again. */
  async overview(viewer: Viewer, enrollment: string | EnrollmentDetail): Promise<AssessmentOverview> {
    const detail = typeof enrollment === 'string' ? await this.enrollments.detail(viewer, enrollment) : enrollment;
    const enrollmentId = detail.enrollment.enrollmentId;
    const household = detail.household;
    const records = await repo.recordsOf(this.db, household.map((m) => m.enrollmentId));
    const today = this.today();
    const isOpen = detail.exit === null;
    const headStart = householdStart(household);
    const annualDates = records.filter((r) => r.dataCollectionStage === 5).map((r) => r.informationDate);
    const anyoneOpen = household.some((m) => m.exitDate === null);
    const stagesOpen: CollectionPoint[] = [];
    if (detail.canChange) {
      const starts = new Set(records.filter((r) => r.dataCollectionStage === 1).map((r) => r.enrollmentId));
      const exits = new Set(records.filter((r) => r.dataCollectionStage === 3).map((r) => r.enrollmentId));
      if (household.some((m) => !starts.has(m.enrollmentId))) stagesOpen.push('start');
      if (anyoneOpen) stagesOpen.push('update', 'annual');
      if (household.some((m) => m.exitDate !== null && !exits.has(m.enrollmentId))) stagesOpen.push('exit');
    }
    return {
      enrollmentId,
      projectId: detail.project.projectId,
      isOpen,
      canChange: detail.canChange,
      annual: anyoneOpen ? annualStatus(headStart, today, annualDates) : null,
      chronic: await this.chronic(viewer, detail, records),
      stagesOpen,
      members: household.map((m) => ({
        enrollmentId: m.enrollmentId,
        client: m.client,
        isHead: m.relationshipToHoH === HEAD_OF_HOUSEHOLD,
        records: records.filter((r) => r.enrollmentId === m.enrollmentId),
      })),
    };
  }

  /** HUD's chronic homelessness at project start, of this member and of the household (its members present at its start). */
  private async chronic(viewer: Viewer, detail: EnrollmentDetail, records: readonly StageRecord[]): Promise<{ member: ChronicStatus; household: ChronicStatus }> {
    const start = householdStart(detail.household);
    // The other members' enrollments, all in one statement, and only when someone else shares the start.
    const others = detail.household.some((m) => m.entryDate === start && m.enrollmentId !== detail.enrollment.enrollmentId)
      ? await this.enrollments.householdEnrollments(detail)
      : new Map<string, Enrollment>();
    const statusOf = async (m: EnrollmentSummary) => {
      const enrollment = m.enrollmentId === detail.enrollment.enrollmentId ? detail.enrollment : others.get(m.enrollmentId);
      if (!enrollment) throw new NotFoundError('There is no such enrollment.');
      const disabilities = records.find((r) => r.enrollmentId === m.enrollmentId && r.dataCollectionStage === 1)?.answers.disabilities ?? [];
      return chronicStatusAtStart({ ...enrollment, projectType: detail.project.projectType ?? 0, projectStart: enrollment.entryDate, disabilities });
    };
    const isHeadOrAdult = (m: EnrollmentSummary) =>
      m.relationshipToHoH === HEAD_OF_HOUSEHOLD || m.client.dob === null || wholeYears(m.client.dob, m.entryDate) >= ADULT_AGE;
    const present = detail.household.filter((m) => m.entryDate === start);
    const statuses = [];
    for (const m of present) statuses.push({ isHeadOrAdult: isHeadOrAdult(m), status: await statusOf(m) });
    const self = detail.household.find((m) => m.enrollmentId === detail.enrollment.enrollmentId)!;
    return { member: await statusOf(self), household: householdChronicStatus(statuses) };
  }

  /** One member's records at one stage and date, for its correction form. */
  async record(viewer: Viewer, enrollmentId: string, stage: CollectionPoint, informationDate: string): Promise<{ detail: EnrollmentDetail; record: StageRecord; member: StageMember }> {
    const detail = await this.enrollments.forChange(viewer, enrollmentId);
    return this.recordIn(this.db, viewer, detail, await this.fundersOf(detail.project.projectId), stage, informationDate);
  }

  private async recordIn(db: Db, viewer: Viewer, detail: EnrollmentDetail, funders: readonly Funding[], stage: CollectionPoint, informationDate: string) {
    const record = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(informationDate)
      ? await repo.findStage(db, detail.enrollment.enrollmentId, DATA_COLLECTION_STAGE[stage] as StageCode, informationDate)
      : undefined;
    if (!record) throw new NotFoundError('There is no such assessment.');
    const form = await this.formFor(db, viewer, detail, funders, stage, informationDate);
    const member = form.members.find((m) => m.enrollmentId === detail.enrollment.enrollmentId)!;
    // A correction asks what was asked then, and anything asked now as well.
    const had = elementsOf(record.answers);
    return { detail, record, member: { ...member, elements: [...new Set([...member.elements, ...had])].sort(), unavailable: null } };
  }

  /**
   * Corrects a member's answers at one stage and date: the stage and the information date stay (HUD: edits to
   * correct errors change neither). `assessment.corrected` names the elements changed, never the values.
   */
  async correct(viewer: Viewer, enrollmentId: string, stage: CollectionPoint, informationDate: string, input: StageInput['members'][string], actor: Actor): Promise<void> {
    const { project } = await this.enrollments.forChange(viewer, enrollmentId);
    const funders = await this.fundersOf(project.projectId);
    await this.db.transaction().execute(async (trx) => {
      const detail = await this.enrollments.forChange(viewer, enrollmentId, trx);
      await repo.lockEnrollments(trx, [enrollmentId]);
      const { record, member } = await this.recordIn(trx, viewer, detail, funders, stage, informationDate);
      const errors: FieldErrors = {};
      const answers = validateStageAnswers(input, { prefix: 'm0.', who: '', elements: member.elements }, errors);
      if (!answers) throw new ValidationError(CORRECT, errors);
      const changed = changedFields(canonical(record.answers), canonical(answers), ELEMENT_NAMES);
      if (changed.length === 0) return;
      await repo.updateStage(trx, record, answers, this.rowIds(), { dateUpdated: this.clock.now(), userId: hudUserId(actor) });
      await this.audit.record(trx, {
        event: 'assessment.corrected',
        actor,
        client: record.personalId,
        details: { enrollmentId, stage, changed: changed.join(', ') },
      });
      await this.keepDisablingCondition(trx, enrollmentId, actor);
    });
  }

  /** A project's households whose annual assessment is due or overdue today (current households only). */
  async annualsDue(viewer: Viewer, projectId: string): Promise<{ projectName: string; projectId: string; households: AnnualDue[] }> {
    const roster = await this.enrollments.roster(viewer, projectId, { past: false });
    const today = this.today();
    const due: AnnualDue[] = [];
    for (const household of roster.households) {
      const head = household.members.find((m) => m.relationshipToHoH === HEAD_OF_HOUSEHOLD);
      if (!head) continue;
      const headStart = householdStart(household.members);
      const dates = await repo.stageDates(this.db, household.members.map((m) => m.enrollmentId), 5);
      const status: AnnualStatus = annualStatus(headStart, today, dates.map((d) => d.informationDate));
      if (status.kind === 'due' || status.kind === 'overdue') {
        due.push({ householdId: household.householdId, headEnrollmentId: head.enrollmentId, head: head.client, entryDate: headStart, status });
      }
    }
    const order = (d: AnnualDue) => (d.status.kind === 'overdue' ? 0 : 1);
    due.sort((a, b) => order(a) - order(b) || a.entryDate.localeCompare(b.entryDate));
    return { projectName: roster.project.projectName, projectId: roster.project.projectId, households: due };
  }
}

export const STAGE_TITLES: Readonly<Record<CollectionPoint, string>> = {
  start: 'Project start',
  update: 'Update',
  annual: 'Annual assessment',
  exit: 'Project exit',
};

type ValidMember = { member: StageMember; answers: StageAnswers };

/** Each member's answers read with HUD's rules; refusals go to `errors` under each member's fields. */
function validateMembers(members: readonly StageMember[], input: StageInput['members'], errors: FieldErrors): ValidMember[] {
  const several = members.length > 1;
  const valid: ValidMember[] = [];
  members.forEach((member, i) => {
    const answers = validateStageAnswers(
      input[member.enrollmentId] ?? {},
      { prefix: `m${i}.`, who: several ? clientName(member.client) : '', elements: member.elements },
      errors,
    );
    if (answers) valid.push({ member, answers });
  });
  return valid;
}

/** The household as it will be once these members leave on their exit dates. */
function leavingOn(detail: EnrollmentDetail, leaving: readonly Leaving[]): EnrollmentDetail {
  const dates = new Map(leaving.map((l) => [l.enrollmentId, l.exitDate]));
  return { ...detail, household: detail.household.map((m) => (dates.has(m.enrollmentId) ? { ...m, exitDate: dates.get(m.enrollmentId)! } : m)) };
}

/** The household's earliest start: HUD keys the annual window on it (even after a change of head). */
function householdStart(household: readonly { entryDate: string }[]): string {
  return household.reduce((min, m) => (m.entryDate < min ? m.entryDate : min), household[0]!.entryDate);
}

/** The answers with every record's keys in one order, so that equal answers compare equal. */
function canonical(answers: StageAnswers): StageAnswers {
  const sorted = <T extends object | null>(fields: T): T => (fields ? (Object.fromEntries(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b))) as T) : fields);
  return {
    income: sorted(answers.income),
    benefits: sorted(answers.benefits),
    insurance: sorted(answers.insurance),
    disabilities: [...answers.disabilities].sort((a, b) => a.disabilityType - b.disabilityType).map(sorted),
    domesticViolence: sorted(answers.domesticViolence),
  };
}

function elementsOf(answers: StageAnswers): ProgramElement[] {
  const elements: ProgramElement[] = [];
  if (answers.income) elements.push('4.02');
  if (answers.benefits) elements.push('4.03');
  if (answers.insurance) elements.push('4.04');
  const byType: Record<number, ProgramElement> = { 5: '4.05', 6: '4.06', 7: '4.07', 8: '4.08', 9: '4.09', 10: '4.10' };
  for (const d of answers.disabilities) elements.push(byType[d.disabilityType]!);
  if (answers.domesticViolence) elements.push('4.11');
  return elements;
}

/** Why a member cannot be recorded at this stage now, or null. */
function unavailableReason(stage: CollectionPoint, m: EnrollmentSummary, recordedDates: readonly string[], elements: readonly ProgramElement[], day: string): string | null {
  if (elements.length === 0) return 'Nothing is asked of this member at this stage.';
  if (stage === 'start' && recordedDates.length > 0) return 'Project start is already recorded: correct it from the history.';
  if (stage === 'exit') {
    if (m.exitDate === null) return 'Still enrolled: record the exit first.';
    if (recordedDates.length > 0) return 'Project exit is already recorded: correct it from the history.';
  }
  if ((stage === 'update' || stage === 'annual') && m.exitDate !== null && m.exitDate < day) return 'Has left the household.';
  return null;
}
