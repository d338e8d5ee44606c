import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { canEnrollInto, canSeeEnrollmentsOf, enrollmentScope, type Viewer } from '../access/access-policy.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { changedFields } from '../audit/changed-fields.js';
import { calendarDate, type Clock } from '../clock.js';
import type { Database, Db } from '../db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError, requireConfirmation, ValidationError } from '../errors.js';
import { HEAD_OF_HOUSEHOLD, HEAD_OF_HOUSEHOLD_LABEL, losUnderThreshold, MEMBER_RELATIONSHIPS } from '../hud/enrollment-code-lists.js';
import { HEARTH_ID_PATTERN, HUD_ID_PATTERN, hudUserId } from '../hud/ids.js';
import { joiningMemberMoveIn } from '../hud/move-in.js';
import { clientName } from '../clients/client-name.js';
import type { ClientSummary } from '../clients/clients.model.js';
import type { ProjectSummary } from '../projects/projects.model.js';
import {
  ADULT_AGE,
  ageOn,
  collectsPriorLivingSituation,
  formatDay,
  noCocMessage,
  readDate,
  readEnrollmentCoc,
  RELATIONSHIP_NOT_COLLECTED,
  RELATIONSHIP_NOT_COLLECTED_WARNING,
  validateExit,
  validateMemberEntry,
  type ExitInput,
  type FieldErrors,
  type MemberEntryInput,
} from './enrollment-fields.js';
import type {
  AlongsideExit,
  Enrollment,
  EnrollmentDetail,
  EnrollmentOccurrenceDates,
  EnrollmentSummary,
  Exit,
  ExitFields,
  ExitScope,
  HouseholdPlan,
  HouseholdStep,
  HouseholdStepInput,
  MemberEntryFields,
  PlannedMember,
  ProjectChoice,
  ProjectsForEnrollments,
  ProjectEnrollments,
  Roster,
  RosterHousehold,
  StayConflict,
} from './enrollments.model.js';
import { enrollmentsRepository as repo } from './enrollments.repository.js';

/** HUD's 1.8 Yes. */
const YES = 1;
/** A household holds at most this many people: more is a typing mistake, not a family. */
export const MAX_HOUSEHOLD_SIZE = 20;
/** The project roster shows at most this many enrollments. */
export const ROSTER_LIMIT = 500;


/** Refused because of other stays: the fields' messages, plus the stays to link to. */
export class StayConflictError extends ValidationError {
  constructor(
    message: string,
    fieldErrors: Readonly<Record<string, readonly string[]>>,
    readonly conflicts: readonly StayConflict[],
  ) {
    super(message, fieldErrors);
  }
}

/** Step one of enrolling: who is in the household, where and from when. */
export interface HouseholdDraft {
  projectId: string;
  entryDate: string;
  personalIds: readonly string[];
}

export interface EnrollHouseholdInput extends HouseholdDraft {
  /** 3.16 Enrollment CoC of the head of household, as chosen (every member takes it); omitted: the project's only one. */
  enrollmentCoc?: string;
  /** One per PersonalID, in the same order. */
  entries: readonly MemberEntryInput[];
  /** The user has seen the warnings (answers HUD questions but allows) and confirmed them. */
  confirmed?: boolean;
}

function refuse(errors: FieldErrors, message = 'Please correct the highlighted answers.'): never {
  throw new ValidationError(message, errors);
}

function add(errors: FieldErrors, field: string, message: string) {
  (errors[field] ??= []).push(message);
}

/**
 * Households, enrollments and exits (HUD Enrollment.csv and Exit.csv). Who may see and change them is asked of
 * the access policy: lists are filtered by `enrollmentScope` in SQL, and a single enrollment the viewer may not
 * see is answered as if it did not exist.
 */
export class EnrollmentService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly timeZone: string,
    /** The projects feature, for 2.03 CoC codes (given, not imported: projects ask enrollments too). */
    private readonly projects: ProjectsForEnrollments,
    /** HUD ids are at most 32 characters: 16 random bytes in hex. */
    private readonly newId: () => string = () => randomBytes(16).toString('hex'),
  ) {}

  /** Today in the site's time zone, YYYY-MM-DD. */
  today(): string {
    return calendarDate(this.clock.now(), this.timeZone);
  }

  /** Generated Training data, written as it is, without checks or audit (the Training reset audits itself). */
  writeGenerated(db: Db, enrollments: readonly Enrollment[], exits: readonly Exit[]): Promise<void> {
    return repo.insertMany(db, enrollments, exits);
  }

  /** Projects the viewer may enroll clients into, by agency; ended ones are marked. */
  async enrollableProjects(viewer: Viewer): Promise<ProjectChoice[]> {
    const today = this.today();
    const projects = await repo.projectsIn(this.db, enrollmentScope(viewer));
    return projects
      .filter((p) => canEnrollInto(viewer, p.organizationId))
      .map((p) => ({ ...p, ended: p.operatingEndDate !== null && p.operatingEndDate < today }));
  }

  /** Refuses (ForbiddenError, saying why) a project of a victim service provider: it holds no client data (VAWA). */
  assertAcceptsClients(projectId: string, db: Db = this.db): Promise<void> {
    return this.projects.assertAcceptsClients(projectId, db);
  }

  /** The clients with these PersonalIDs that exist, in the order given (unknown and malformed ones left out). */
  async clients(personalIds: readonly string[]): Promise<ClientSummary[]> {
    const wanted = personalIds.filter((id) => HEARTH_ID_PATTERN.test(id));
    const byId = new Map((await repo.findClients(this.db, wanted)).map((c) => [c.personalId, c]));
    return wanted.map((id) => byId.get(id)).filter((c): c is ClientSummary => c !== undefined);
  }

  async client(personalId: string, db: Db = this.db): Promise<ClientSummary> {
    const [client] = HEARTH_ID_PATTERN.test(personalId) ? await repo.findClients(db, [personalId]) : [];
    if (!client) throw new NotFoundError('There is no client with this PersonalID.');
    return client;
  }

  /**
   * Step one of enrolling: checks the project, the entry date and who is in the household, and returns them
   * with each member's age on the entry date. Errors are reported on `projectId`, `entryDate` and `members`.
   */
  async planHousehold(viewer: Viewer, draft: HouseholdDraft): Promise<HouseholdPlan> {
    const errors: FieldErrors = {};
    const { project, entryDate, members, cocCodes } = await this.checkDraft(viewer, draft, errors);
    if (Object.keys(errors).length > 0) refuse(errors, 'The household cannot be enrolled yet. Please correct the highlighted answers.');
    await this.refuseOverlaps(this.db, project!, entryDate!, members);
    return { project: project!, entryDate: entryDate!, members, cocCodes };
  }

  /**
   * Step one of enrolling, as its form sends it: the household is built by adding members (by PersonalID, or
   * chosen from a search) and removing them; once the user continues, it is checked as a whole (planHousehold)
   * and step two follows. Refusals come back with step one as it was sent.
   */
  async householdStep(viewer: Viewer, input: HouseholdStepInput): Promise<HouseholdStep> {
    const client = await this.client(input.client);
    const projects = await this.enrollableProjects(viewer);
    if (projects.length === 0) {
      throw new ForbiddenError('You can enroll clients only into projects of the agencies you work for, and you work for none yet. An HMIS administrator can add you to an agency.');
    }
    const errors: FieldErrors = {};
    const removed = new Set(input.remove);
    const others = await this.clients([...new Set(input.members.filter((id) => id !== client.personalId && !removed.has(id)))]);
    let addId = input.addId.replace(/[\s-]/g, '').toLowerCase();
    if (addId) {
      const [found] = await this.clients([addId]);
      if (!HEARTH_ID_PATTERN.test(addId)) add(errors, 'addId', `“${addId.slice(0, 40)}” is not a PersonalID: a PersonalID has 32 letters (a–f) and digits.`);
      else if (!found) add(errors, 'addId', 'No client has this PersonalID.');
      else if (found.personalId === client.personalId || others.some((c) => c.personalId === found.personalId)) add(errors, 'addId', `${clientName(found)} is already in the household.`);
      else {
        others.push(found);
        addId = '';
      }
    }
    if (others.length + 1 > MAX_HOUSEHOLD_SIZE) {
      add(errors, 'members', `A household can have at most ${MAX_HOUSEHOLD_SIZE} members.`);
      others.length = MAX_HOUSEHOLD_SIZE - 1;
    }
    const values = {
      projectId: input.projectId ?? (projects.length === 1 ? projects[0]!.projectId : ''),
      entryDate: input.entryDate ?? formatDay(this.today()),
      others,
      addId,
    };
    const household = (problem: ValidationError | null): HouseholdStep => ({ kind: 'household', client, projects, values, problem });
    if (Object.keys(errors).length > 0) return household(new ValidationError('Please correct the highlighted answers.', errors));
    if (!input.proceed) return household(null);
    try {
      const personalIds = [client.personalId, ...others.map((c) => c.personalId)];
      const plan = await this.planHousehold(viewer, { projectId: values.projectId, entryDate: values.entryDate, personalIds });
      return { kind: 'plan', client, plan, entryDateTyped: values.entryDate };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return household(error);
    }
  }

  /**
   * Where a refused step two goes back to: step two again while the household as sent still holds together,
   * else step one with what refused it (for a user who can enroll nowhere too: step one then says so).
   */
  async householdAfterRefusal(viewer: Viewer, clientId: string, draft: HouseholdDraft): Promise<HouseholdStep> {
    const client = await this.client(clientId);
    try {
      const plan = await this.planHousehold(viewer, draft);
      return { kind: 'plan', client, plan, entryDateTyped: draft.entryDate };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const projects = await this.enrollableProjects(viewer);
      const others = await this.clients([...new Set(draft.personalIds)].filter((id) => id !== client.personalId));
      const values = { projectId: draft.projectId, entryDate: draft.entryDate, others: others.slice(0, MAX_HOUSEHOLD_SIZE - 1), addId: '' };
      return { kind: 'household', client, projects, values, problem: error };
    }
  }

  private async checkDraft(viewer: Viewer, draft: HouseholdDraft, errors: FieldErrors) {
    let project: ProjectSummary | undefined;
    if (!draft.projectId) add(errors, 'projectId', 'Choose the project.');
    else {
      project = HUD_ID_PATTERN.test(draft.projectId) ? await repo.findProject(this.db, draft.projectId) : undefined;
      if (!project || !canEnrollInto(viewer, project.organizationId)) {
        add(errors, 'projectId', 'Choose one of the projects in the list: you can enroll clients only into projects of the agencies you work for.');
        project = undefined;
      }
    }
    if (project) {
      try {
        await this.projects.assertAcceptsClients(project.projectId);
      } catch (error) {
        if (!(error instanceof ForbiddenError)) throw error;
        add(errors, 'projectId', error.message);
        project = undefined;
      }
    }
    const cocCodes = project ? await this.projects.cocCodesOf(project.projectId) : [];
    if (project && cocCodes.length === 0) add(errors, 'projectId', noCocMessage(project.projectName));

    const typed = draft.entryDate.trim();
    let entryDate = readDate(typed);
    if (entryDate === null) add(errors, 'entryDate', 'Type the entry date (MM/DD/YYYY).');
    else if (entryDate === undefined) add(errors, 'entryDate', `“${typed.slice(0, 40)}” is not a date: type the entry date as MM/DD/YYYY.`);
    else if (entryDate > this.today()) add(errors, 'entryDate', 'The entry date cannot be in the future.');
    else if (project && entryDate < project.operatingStartDate) {
      add(errors, 'entryDate', `The entry date cannot be before the project started operating (${formatDay(project.operatingStartDate)}).`);
    } else if (project && project.operatingEndDate !== null && entryDate > project.operatingEndDate) {
      add(errors, 'entryDate', `The entry date cannot be after the project stopped operating (${formatDay(project.operatingEndDate)}).`);
    }
    if (errors.entryDate) entryDate = undefined;

    const members = await this.checkMembers(draft.personalIds, entryDate ?? null, errors);
    return { project, entryDate, members, cocCodes };
  }

  private async checkMembers(personalIds: readonly string[], entryDate: string | null, errors: FieldErrors): Promise<PlannedMember[]> {
    if (personalIds.length === 0) {
      add(errors, 'members', 'Add at least one client to the household.');
      return [];
    }
    if (personalIds.length > MAX_HOUSEHOLD_SIZE) {
      add(errors, 'members', `A household can have at most ${MAX_HOUSEHOLD_SIZE} members.`);
      return [];
    }
    const malformed = personalIds.filter((id) => !HEARTH_ID_PATTERN.test(id));
    const clients = await repo.findClients(this.db, personalIds.filter((id) => HEARTH_ID_PATTERN.test(id)));
    const byId = new Map(clients.map((c) => [c.personalId, c]));
    for (const id of malformed) add(errors, 'members', `“${id.slice(0, 40)}” is not a PersonalID (32 letters and digits).`);
    for (const id of personalIds) if (HEARTH_ID_PATTERN.test(id) && !byId.has(id)) add(errors, 'members', `There is no client with the PersonalID ${id}.`);
    const seen = new Set<string>();
    for (const id of personalIds) {
      const client = byId.get(id);
      if (seen.has(id) && client) add(errors, 'members', `${clientName(client)} is in the household more than once: a client can be in a household only once.`);
      seen.add(id);
    }
    const members = [...new Set(personalIds)].map((id) => byId.get(id)).filter((c): c is ClientSummary => c !== undefined);
    for (const client of members) {
      const problem = entryDate && bornAfterEntry(client, entryDate, false);
      if (problem) add(errors, 'members', problem);
    }
    return members.map((client) => ({ client, age: client.dob && entryDate ? ageOn(client.dob, entryDate) : null }));
  }

  /** Refuses when a member already has a stay in this project that overlaps [entryDate, exitDate). */
  private async refuseOverlaps(
    db: Db,
    project: ProjectSummary,
    entryDate: string,
    members: readonly { client: ClientSummary; field?: string; exceptEnrollmentId?: string; exitDate?: string | null }[],
  ): Promise<void> {
    const conflicts: StayConflict[] = [];
    const errors: FieldErrors = {};
    for (const member of members) {
      const stays = await repo.overlappingStays(db, {
        personalId: member.client.personalId,
        projectId: project.projectId,
        entryDate,
        exitDate: member.exitDate ?? null,
        exceptEnrollmentId: member.exceptEnrollmentId,
      });
      for (const stay of stays) {
        const name = clientName(member.client);
        conflicts.push({ enrollmentId: stay.enrollmentId, personalId: member.client.personalId, clientName: name, entryDate: stay.entryDate, exitDate: stay.exitDate });
        const period = stay.exitDate ? `from ${formatDay(stay.entryDate)} to ${formatDay(stay.exitDate)}` : `open since ${formatDay(stay.entryDate)}`;
        add(errors, member.field ?? 'members', `${name} already has an enrollment in ${project.projectName} (${period}) that overlaps this stay: a client cannot be enrolled twice in the same project at the same time.`);
      }
    }
    if (conflicts.length > 0) throw new StayConflictError('This stay overlaps another one in the same project.', errors, conflicts);
  }

  /**
   * Enrolls a household: one new HouseholdID shared by every member, exactly one head, each member's entry
   * data checked against HUD's rules. All or nothing, in one transaction; `enrollment.created` per member.
   */
  async enroll(viewer: Viewer, input: EnrollHouseholdInput, actor: Actor): Promise<{ householdId: string; enrollments: { enrollmentId: string; personalId: string }[] }> {
    const errors: FieldErrors = {};
    const warnings: FieldErrors = {};
    const { project, entryDate, members, cocCodes } = await this.checkDraft(viewer, input, errors);
    const enrollmentCoc = cocCodes.length > 0 ? readEnrollmentCoc(input.enrollmentCoc ?? (cocCodes.length === 1 ? cocCodes[0]! : ''), cocCodes, errors) : null;
    const several = members.length > 1;
    const valid: { member: PlannedMember; fields: MemberEntryFields }[] = [];
    if (project && entryDate && members.length === input.personalIds.length) {
      members.forEach((member, i) => {
        const entry = input.entries[i];
        if (!entry) return;
        const fields = validateMemberEntry(
          entry,
          { prefix: `m${i}.`, who: several ? clientName(member.client) : '', entryDate, projectType: project.projectType, dob: member.client.dob },
          errors,
          warnings,
        );
        if (fields) valid.push({ member, fields });
      });
      members.forEach((member, i) => {
        const problem = input.entries[i]?.relationshipToHoH.trim() === String(HEAD_OF_HOUSEHOLD) && bornAfterEntry(member.client, entryDate, true);
        if (problem) add(errors, `m${i}.relationshipToHoH`, problem);
      });
      const heads = input.entries.filter((e) => e.relationshipToHoH.trim() === String(HEAD_OF_HOUSEHOLD)).length;
      if (heads !== 1) {
        add(errors, 'household', heads === 0 ? `Choose the head of household: one member’s relationship must be “${HEAD_OF_HOUSEHOLD_LABEL}”.` : `A household has exactly one head: only one member can be “${HEAD_OF_HOUSEHOLD_LABEL}”.`);
      }
    }
    if (Object.keys(errors).length > 0) refuse(errors);

    const now = this.clock.now();
    const householdId = this.newId();
    return this.db.transaction().execute(async (trx) => {
      const locked = await repo.lockClients(trx, members.map((m) => m.client.personalId));
      if (locked.length !== members.length) throw new ConflictError('A client of this household was just merged or removed. Go back and choose the household again.');
      await this.projects.assertAcceptsClients(project!.projectId, trx);
      // Read again under the project's lock: a code deleted since the form was drawn is not stored.
      if (!(await this.projects.cocCodesOf(project!.projectId, trx)).includes(enrollmentCoc!)) {
        refuse({ enrollmentCoc: [`${enrollmentCoc} is no longer one of ${project!.projectName}’s Continuums of Care: choose again.`] });
      }
      await this.refuseOverlaps(trx, project!, entryDate!, members);
      // Warnings come last: nobody confirms answers only to be refused for something else.
      requireConfirmation(warnings, input.confirmed ?? false);
      const created: { enrollmentId: string; personalId: string }[] = [];
      for (const { member, fields } of valid) {
        const personalId = member.client.personalId;
        const stay = { personalId, projectId: project!.projectId, entryDate: entryDate!, householdId, enrollmentCoc };
        created.push({ enrollmentId: await this.createEnrollment(trx, stay, fields, actor, now), personalId });
      }
      return { householdId, enrollments: created };
    });
  }

  /** One enrollment with its household, for a viewer who may see it (anyone else: not found). */
  async detail(viewer: Viewer, enrollmentId: string, db: Db = this.db): Promise<EnrollmentDetail> {
    const enrollment = HEARTH_ID_PATTERN.test(enrollmentId) ? await repo.findEnrollment(db, enrollmentId) : undefined;
    const project = enrollment && (await repo.findProject(db, enrollment.projectId));
    // An enrollment the viewer may not see is answered exactly like one that does not exist.
    if (!enrollment || !project || !canSeeEnrollmentsOf(viewer, project.organizationId)) throw new NotFoundError('There is no such enrollment.');
    const [client] = await repo.findClients(db, [enrollment.personalId]);
    if (!client) throw new NotFoundError('There is no such enrollment.');
    const exit = (await repo.findExit(db, enrollmentId)) ?? null;
    const household = await repo.householdMembers(db, enrollment.householdId, enrollmentScope(viewer));
    return { enrollment, client, project, exit, household, canChange: canEnrollInto(viewer, project.organizationId) };
  }

  /**
   * The full enrollments of the household's members shown in `detail` (already found visible to the viewer: its
   * members are those the viewer may see), read in one statement, by enrollment id.
   */
  async householdEnrollments(detail: EnrollmentDetail): Promise<Map<string, Enrollment>> {
    const enrollments = await repo.findEnrollments(this.db, detail.household.map((m) => m.enrollmentId));
    return new Map(enrollments.map((e) => [e.enrollmentId, e]));
  }

  /** The enrollment page, opened by a user: audited. */
  async view(viewer: Viewer, enrollmentId: string, actor: Actor): Promise<EnrollmentDetail> {
    const detail = await this.detail(viewer, enrollmentId);
    await this.audit.record(this.db, { event: 'enrollment.viewed', actor, client: detail.client.personalId, details: { enrollmentId } });
    return detail;
  }

  /** An enrollment the viewer is about to change: visible (else not found) and theirs to change (else forbidden). */
  async forChange(viewer: Viewer, enrollmentId: string, db: Db = this.db): Promise<EnrollmentDetail> {
    const detail = await this.detail(viewer, enrollmentId, db);
    if (!detail.canChange) throw new ForbiddenError('Only users of the agency that operates this project and HMIS administrators can change its enrollments.');
    return detail;
  }

  /**
   * 3.16 on a stay's edit page: the project's CoC codes when the stay is the head of household's (members take the
   * head's and are not asked); null when it is not asked (a member, or a project without a CoC, older data).
   */
  async enrollmentCocChoices(detail: EnrollmentDetail): Promise<string[] | null> {
    if (detail.enrollment.relationshipToHoH !== HEAD_OF_HOUSEHOLD) return null;
    const codes = await this.projects.cocCodesOf(detail.project.projectId);
    return codes.length > 0 ? codes : null;
  }

  /**
   * Corrects a member's entry date and entry data. The head stays the head (and a member stays a member):
   * that is changed on the household's own page. The head's 3.16 Enrollment CoC (`enrollmentCoc`, one of the
   * project's codes) is written to every member of the household. Audited with the names of the fields changed,
   * never values: for each member whose CoC changed with the head's too.
   */
  async update(
    viewer: Viewer,
    enrollmentId: string,
    input: { entryDate: string; entry: MemberEntryInput; enrollmentCoc?: string; confirmed?: boolean },
    actor: Actor,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const detail = await this.forChange(viewer, enrollmentId, trx);
      const { enrollment, project, exit, client } = detail;
      const members = await repo.lockHousehold(trx, enrollment.householdId);
      const isHead = enrollment.relationshipToHoH === HEAD_OF_HOUSEHOLD;
      const errors: FieldErrors = {};
      const warnings: FieldErrors = {};

      const typed = input.entryDate.trim();
      const entryDate = readDate(typed);
      const head = members.find((m) => m.relationshipToHoH === HEAD_OF_HOUSEHOLD);
      const earliestMember = members.filter((m) => m.enrollmentId !== enrollmentId).reduce<string | null>((min, m) => (min === null || m.entryDate < min ? m.entryDate : min), null);
      if (entryDate === null) add(errors, 'entryDate', 'Type the entry date (MM/DD/YYYY).');
      else if (entryDate === undefined) add(errors, 'entryDate', `“${typed.slice(0, 40)}” is not a date: type the entry date as MM/DD/YYYY.`);
      else if (entryDate > this.today()) add(errors, 'entryDate', 'The entry date cannot be in the future.');
      else if (entryDate < project.operatingStartDate) add(errors, 'entryDate', `The entry date cannot be before the project started operating (${formatDay(project.operatingStartDate)}).`);
      else if (project.operatingEndDate !== null && entryDate > project.operatingEndDate) add(errors, 'entryDate', `The entry date cannot be after the project stopped operating (${formatDay(project.operatingEndDate)}).`);
      else if (exit && entryDate > exit.exitDate) add(errors, 'entryDate', `The entry date cannot be after the exit date (${formatDay(exit.exitDate)}).`);
      else if (isHead && earliestMember !== null && entryDate > earliestMember) add(errors, 'entryDate', `The head of household’s entry date cannot be after another member’s (${formatDay(earliestMember)}).`);
      else if (!isHead && head && entryDate < head.entryDate) add(errors, 'entryDate', `A member’s entry date cannot be before the head of household’s (${formatDay(head.entryDate)}).`);
      else if (bornAfterEntry(client, entryDate, isHead)) add(errors, 'entryDate', bornAfterEntry(client, entryDate, isHead) as string);

      const relationship = input.entry.relationshipToHoH.trim();
      if (isHead && relationship !== String(HEAD_OF_HOUSEHOLD)) {
        add(errors, 'relationshipToHoH', 'This client is the head of household: to change that, use “Change the head of household” on the enrollment page.');
      } else if (!isHead && relationship === String(HEAD_OF_HOUSEHOLD)) {
        add(errors, 'relationshipToHoH', 'The household already has a head: to make this client the head, use “Change the head of household” on the enrollment page.');
      }
      const fields = validateMemberEntry(
        input.entry,
        { prefix: '', who: '', entryDate: entryDate ?? enrollment.entryDate, projectType: project.projectType, dob: client.dob },
        errors,
        warnings,
      );
      // Read under the project's lock (a code cannot be deleted meanwhile); a project without one keeps what is stored.
      let enrollmentCoc = enrollment.enrollmentCoc;
      if (isHead && input.enrollmentCoc !== undefined) {
        const cocCodes = await this.projects.cocCodesOf(project.projectId, trx);
        if (cocCodes.length > 0) enrollmentCoc = readEnrollmentCoc(input.enrollmentCoc, cocCodes, errors);
      }
      if (Object.keys(errors).length > 0 || !fields || !entryDate) refuse(errors);

      await repo.lockClients(trx, [client.personalId]);
      await this.refuseOverlaps(trx, project, entryDate, [{ client, field: 'entryDate', exceptEnrollmentId: enrollmentId, exitDate: exit?.exitDate ?? null }]);
      requireConfirmation(warnings, input.confirmed ?? false);

      const after = { entryDate, ...fields, enrollmentCoc };
      const changed = changedFields(enrollment, after);
      if (changed.length === 0) return;
      const stamp = { dateUpdated: this.clock.now(), userId: hudUserId(actor) };
      await repo.updateEntry(trx, enrollmentId, entryDate, fields, stamp);
      await this.audit.record(trx, { event: 'enrollment.changed', actor, client: client.personalId, details: { enrollmentId, changed: changed.join(', ') } });
      if (enrollmentCoc === null || enrollmentCoc === enrollment.enrollmentCoc) return;
      await repo.updateHouseholdCoc(trx, enrollment.householdId, enrollmentCoc, stamp);
      for (const member of members.filter((m) => m.enrollmentId !== enrollmentId && m.enrollmentCoc !== enrollmentCoc)) {
        await this.audit.record(trx, { event: 'enrollment.changed', actor, client: member.personalId, details: { enrollmentId: member.enrollmentId, changed: 'enrollmentCoc' } });
      }
    });
  }

  /**
   * Exits a member, or every member still enrolled in the household, with the same exit date and destination.
   * The head cannot leave alone while others stay. `enrollment.exited` per member. What `alongside` saves with
   * the exit (the exit-stage answers) is checked with it and written in the same transaction: all or nothing.
   */
  async exit(viewer: Viewer, enrollmentId: string, input: ExitInput, scope: string, actor: Actor, alongside?: AlongsideExit): Promise<{ exited: number }> {
    return this.db.transaction().execute(async (trx) => {
      const detail = await this.forChange(viewer, enrollmentId, trx);
      const members = await repo.lockHousehold(trx, detail.enrollment.householdId);
      const exits = await repo.findExits(trx, members.map((m) => m.enrollmentId));
      const exited = new Set(exits.map((e) => e.enrollmentId));
      if (exited.has(enrollmentId)) {
        throw new ConflictError(`This enrollment already has an exit (${formatDay(exits.find((e) => e.enrollmentId === enrollmentId)!.exitDate)}). Correct that exit instead.`);
      }
      const open = members.filter((m) => !exited.has(m.enrollmentId));
      const errors: FieldErrors = {};
      const isHead = detail.enrollment.relationshipToHoH === HEAD_OF_HOUSEHOLD;
      if (scope !== 'member' && scope !== 'household') add(errors, 'scope', 'Choose who leaves the project: this member only, or the whole household.');
      else if (scope === 'member' && isHead && open.length > 1) {
        add(
          errors,
          'scope',
          'The head of household cannot exit while other members stay. Exit the whole household, or make another member the head of household first.',
        );
      }
      const targets = scope === 'household' ? open : scope === 'member' ? open.filter((m) => m.enrollmentId === enrollmentId) : [];
      const fields = validateExit(input, { entryDate: detail.enrollment.entryDate, today: this.today(), operatingEndDate: detail.project.operatingEndDate }, errors);
      if (fields) {
        const names = new Map(detail.household.map((m) => [m.enrollmentId, clientName(m.client)]));
        for (const member of targets) {
          if (fields.exitDate < member.entryDate) {
            add(errors, 'exitDate', `The exit date cannot be before ${names.get(member.enrollmentId) ?? 'a member'}’s entry date (${formatDay(member.entryDate)}).`);
          }
        }
      }
      const leaving = targets.map((m) => ({ enrollmentId: m.enrollmentId, exitDate: fields?.exitDate ?? this.today() }));
      const writeAlongside = alongside ? await alongside(trx, detail, leaving, errors) : null;
      if (Object.keys(errors).length > 0 || !fields) refuse(errors);
      const now = this.clock.now();
      const householdExit = scope === 'household' && targets.length > 1;
      for (const member of targets) {
        const exitId = this.newId();
        await repo.insertExit(trx, {
          exitId,
          enrollmentId: member.enrollmentId,
          personalId: member.personalId,
          ...fields,
          dateCreated: now,
          dateUpdated: now,
          userId: hudUserId(actor),
        });
        await this.audit.record(trx, {
          event: 'enrollment.exited',
          actor,
          client: member.personalId,
          details: { enrollmentId: member.enrollmentId, exitId, householdId: detail.enrollment.householdId, householdExit },
        });
      }
      await writeAlongside?.();
      return { exited: targets.length };
    });
  }

  /** Corrects an exit (date, destination and its details). Audited with the names of the fields changed. */
  async changeExit(viewer: Viewer, enrollmentId: string, input: ExitInput, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const { enrollment, project, client } = await this.forChange(viewer, enrollmentId, trx);
      await repo.lockHousehold(trx, enrollment.householdId);
      const exit = await repo.findExit(trx, enrollmentId);
      if (!exit) throw new NotFoundError('This enrollment has no exit to correct.');
      const errors: FieldErrors = {};
      const fields = validateExit(input, { entryDate: enrollment.entryDate, today: this.today(), operatingEndDate: project.operatingEndDate }, errors);
      if (!fields) refuse(errors);
      await repo.lockClients(trx, [client.personalId]);
      await this.refuseOverlaps(trx, project, enrollment.entryDate, [{ client, field: 'exitDate', exceptEnrollmentId: enrollmentId, exitDate: fields.exitDate }]);
      const before: ExitFields = { exitDate: exit.exitDate, destination: exit.destination, destinationSubsidyType: exit.destinationSubsidyType, otherDestination: exit.otherDestination };
      const changed = changedFields(before, fields);
      if (changed.length === 0) return;
      await repo.updateExit(trx, exit.exitId, fields, { dateUpdated: this.clock.now(), userId: hudUserId(actor) });
      await this.audit.record(trx, { event: 'enrollment.exit_changed', actor, client: client.personalId, details: { enrollmentId, exitId: exit.exitId, changed: changed.join(', ') } });
    });
  }

  /**
   * Makes another member still enrolled the head of household; every other member still enrolled gets their
   * relationship to the new head. `household.head_changed` for each member whose relationship changed.
   */
  async changeHead(
    viewer: Viewer,
    enrollmentId: string,
    input: { newHead: string; relationships: Readonly<Record<string, string>>; confirmed?: boolean },
    actor: Actor,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const detail = await this.forChange(viewer, enrollmentId, trx);
      const householdId = detail.enrollment.householdId;
      const members = await repo.lockHousehold(trx, householdId);
      const exited = new Set((await repo.findExits(trx, members.map((m) => m.enrollmentId))).map((e) => e.enrollmentId));
      const open = members.filter((m) => !exited.has(m.enrollmentId));
      const names = new Map(detail.household.map((m) => [m.enrollmentId, clientName(m.client)]));
      const errors: FieldErrors = {};
      const warnings: FieldErrors = {};
      const newHead = open.find((m) => m.enrollmentId === input.newHead);
      const oldHead = members.find((m) => m.relationshipToHoH === HEAD_OF_HOUSEHOLD);
      if (open.length < 2) add(errors, 'newHead', 'Only one member of this household is still enrolled: there is no one else who could be the head.');
      else if (!newHead) add(errors, 'newHead', 'Choose the new head of household among the members still enrolled.');
      else if (newHead.relationshipToHoH === HEAD_OF_HOUSEHOLD) add(errors, 'newHead', `${names.get(newHead.enrollmentId)} is already the head of household: choose another member.`);
      else {
        // HUD's head of household: an adult with 3.917 answers, who entered no later than the others.
        const name = names.get(newHead.enrollmentId);
        const dob = detail.household.find((m) => m.enrollmentId === newHead.enrollmentId)?.client.dob ?? null;
        const age = dob ? ageOn(dob, newHead.entryDate) : null;
        if (age !== null && age < ADULT_AGE) add(errors, 'newHead', `${name} was ${age} at entry: a child cannot be the head of household.`);
        else if (newHead.livingSituation === null) {
          add(errors, 'newHead', `${name} has no prior living situation (3.917), which HUD requires of a head of household: complete ${name}’s entry data first (Edit entry data), then make them the head.`);
        }
        const earliest = open.filter((m) => m.enrollmentId !== newHead.enrollmentId).reduce<string | null>((min, m) => (min === null || m.entryDate < min ? m.entryDate : min), null);
        if (earliest !== null && newHead.entryDate > earliest) {
          add(
            warnings,
            'newHead',
            `${name} entered on ${formatDay(newHead.entryDate)}, after other members (${formatDay(earliest)}): HUD reports move members’ entries up to the head’s, and the nights before are lost. Correct ${name}’s entry date if they entered earlier; else confirm.`,
          );
        }
      }

      const updates: { member: Enrollment; relationship: number }[] = [];
      if (newHead) {
        // Everyone still enrolled, and the head until now even if they left (data from elsewhere may hold that).
        for (const member of members.filter((m) => !exited.has(m.enrollmentId) || m.relationshipToHoH === HEAD_OF_HOUSEHOLD)) {
          if (member.enrollmentId === newHead.enrollmentId) continue;
          const raw = (input.relationships[member.enrollmentId] ?? '').trim();
          const code = /^[0-9]{1,2}$/.test(raw) ? Number(raw) : NaN;
          if (!(MEMBER_RELATIONSHIPS as readonly number[]).includes(code)) {
            add(errors, `rel.${member.enrollmentId}`, `Choose ${names.get(member.enrollmentId)}’s relationship to the new head of household.`);
          } else {
            if (code === RELATIONSHIP_NOT_COLLECTED) add(warnings, `rel.${member.enrollmentId}`, `${names.get(member.enrollmentId)}: ${RELATIONSHIP_NOT_COLLECTED_WARNING}`);
            if (code !== member.relationshipToHoH) updates.push({ member, relationship: code });
          }
        }
      }
      if (Object.keys(errors).length > 0 || !newHead) refuse(errors);
      requireConfirmation(warnings, input.confirmed ?? false);

      const now = this.clock.now();
      // The old head first: at most one head per household at any moment (a unique index says so).
      updates.sort((a, b) => Number(b.member.enrollmentId === oldHead?.enrollmentId) - Number(a.member.enrollmentId === oldHead?.enrollmentId));
      const changes = [...updates, { member: newHead, relationship: HEAD_OF_HOUSEHOLD }];
      for (const { member, relationship } of changes) {
        await repo.updateRelationship(trx, member.enrollmentId, relationship, { dateUpdated: now, userId: hudUserId(actor) });
        await this.audit.record(trx, {
          event: 'household.head_changed',
          actor,
          client: member.personalId,
          details: { householdId, enrollmentId: member.enrollmentId, newHeadEnrollmentId: newHead.enrollmentId },
        });
      }
    });
  }

  /** A household a member can still join: the viewer's to change, and its head still enrolled. */
  async forNewMember(viewer: Viewer, enrollmentId: string, db: Db = this.db): Promise<EnrollmentDetail> {
    const detail = await this.forChange(viewer, enrollmentId, db);
    const head = detail.household.find((m) => m.relationshipToHoH === HEAD_OF_HOUSEHOLD);
    if (!head || head.exitDate !== null) throw new ConflictError('This household’s stay has ended: enroll the client as a new household instead.');
    await this.projects.assertAcceptsClients(detail.project.projectId, db);
    return detail;
  }

  /** Adding a member, step one: the client whose PersonalID was typed (or chosen), not yet in the household. */
  async memberToAdd(viewer: Viewer, enrollmentId: string, typedId: string): Promise<{ detail: EnrollmentDetail; member: ClientSummary }> {
    const detail = await this.forNewMember(viewer, enrollmentId);
    const [member] = await this.clients([typedId.replace(/[\s-]/g, '').toLowerCase()]);
    if (!member) refuse({ personalId: ['No client has this PersonalID.'] }, 'No client has this PersonalID.');
    if (detail.household.some((m) => m.personalId === member.personalId)) {
      refuse({ personalId: [`${clientName(member)} is already in this household.`] }, `${clientName(member)} is already in this household.`);
    }
    return { detail, member };
  }

  /**
   * Adds a client to a household whose stay goes on (a newborn, someone joining): same HouseholdID, an entry
   * date on or after the head's, the member's entry data. `enrollment.created`.
   */
  async addMember(
    viewer: Viewer,
    enrollmentId: string,
    input: { personalId: string; entryDate: string; entry: MemberEntryInput; confirmed?: boolean },
    actor: Actor,
  ): Promise<{ enrollmentId: string }> {
    return this.db.transaction().execute(async (trx) => {
      const detail = await this.forChange(viewer, enrollmentId, trx);
      const { project } = detail;
      await this.projects.assertAcceptsClients(project.projectId, trx);
      const householdId = detail.enrollment.householdId;
      const members = await repo.lockHousehold(trx, householdId);
      const exited = new Set((await repo.findExits(trx, members.map((m) => m.enrollmentId))).map((e) => e.enrollmentId));
      const head = members.find((m) => m.relationshipToHoH === HEAD_OF_HOUSEHOLD);
      if (!head || exited.has(head.enrollmentId)) {
        throw new ConflictError('This household’s stay has ended: enroll the client as a new household instead.');
      }
      const client = await this.client(input.personalId, trx);
      const errors: FieldErrors = {};
      if (members.some((m) => m.personalId === client.personalId)) {
        add(errors, 'personalId', `${clientName(client)} is already in this household: a client can be in a household only once.`);
      }
      const typed = input.entryDate.trim();
      const entryDate = readDate(typed);
      if (entryDate === null) add(errors, 'entryDate', 'Type the entry date (MM/DD/YYYY).');
      else if (entryDate === undefined) add(errors, 'entryDate', `“${typed.slice(0, 40)}” is not a date: type the entry date as MM/DD/YYYY.`);
      else if (entryDate > this.today()) add(errors, 'entryDate', 'The entry date cannot be in the future.');
      else if (entryDate < head.entryDate) add(errors, 'entryDate', `A member joining the household cannot enter before the head of household (${formatDay(head.entryDate)}).`);
      else if (project.operatingEndDate !== null && entryDate > project.operatingEndDate) add(errors, 'entryDate', `The entry date cannot be after the project stopped operating (${formatDay(project.operatingEndDate)}).`);
      else if (bornAfterEntry(client, entryDate, false)) add(errors, 'entryDate', bornAfterEntry(client, entryDate, false) as string);
      if (input.entry.relationshipToHoH.trim() === String(HEAD_OF_HOUSEHOLD)) {
        add(errors, 'relationshipToHoH', 'The household already has a head: choose this member’s relationship to the head of household.');
      }
      const warnings: FieldErrors = {};
      const context = { prefix: '', who: '', entryDate: entryDate ?? head.entryDate, projectType: project.projectType, dob: client.dob };
      const fields = validateMemberEntry(input.entry, context, errors, warnings);
      if (Object.keys(errors).length > 0 || !fields || !entryDate) refuse(errors);

      const locked = await repo.lockClients(trx, [client.personalId]);
      if (locked.length !== 1) throw new NotFoundError('There is no client with this PersonalID.');
      await this.refuseOverlaps(trx, project, entryDate, [{ client, field: 'personalId' }]);
      requireConfirmation(warnings, input.confirmed ?? false);
      // Members take the head's 3.16 Enrollment CoC.
      const stay = { personalId: client.personalId, projectId: project.projectId, entryDate, householdId, enrollmentCoc: head.enrollmentCoc };
      const created = await this.createEnrollment(trx, stay, fields, actor, this.clock.now(), { joinedHousehold: true });
      const moveInDate = joiningMemberMoveIn(head.moveInDate, entryDate);
      if (moveInDate) await repo.updateOccurrenceDates(trx, created, { moveInDate }, { dateUpdated: this.clock.now(), userId: hudUserId(actor) });
      return { enrollmentId: created };
    });
  }

  /** Writes one member's new enrollment and audits it (`enrollment.created`); returns its EnrollmentID. */
  private async createEnrollment(
    trx: Transaction<Database>,
    stay: Pick<Enrollment, 'personalId' | 'projectId' | 'entryDate' | 'householdId' | 'enrollmentCoc'>,
    fields: MemberEntryFields,
    actor: Actor,
    now: Date,
    extra: { joinedHousehold?: true; checkIn?: true } = {},
  ): Promise<string> {
    const enrollmentId = this.newId();
    await repo.insertEnrollment(trx, { enrollmentId, ...stay, ...fields, moveInDate: null, dateCreated: now, dateUpdated: now, userId: hudUserId(actor) });
    await this.audit.record(trx, {
      event: 'enrollment.created',
      actor,
      client: stay.personalId,
      details: { enrollmentId, projectId: stay.projectId, householdId: stay.householdId, ...extra },
    });
    return enrollmentId;
  }

  /**
   * A night-by-night shelter's check-in (src/shelter/): a stay for each of these clients, each the head of a
   * household of their own, entering on `entryDate`. The guest is at the door, so the entry data are "Data not
   * collected" until a worker completes them on the enrollment's edit page. Refused like any enrollment when the
   * project is not the viewer's or not operating that day, or a client already has a stay there that day. The
   * project itself is checked even with nobody new (no bed night either at a victim service provider's shelter).
   * Runs in the caller's transaction; `enrollment.created` with `checkIn`.
   */
  async openStaysAtCheckIn(
    trx: Transaction<Database>,
    viewer: Viewer,
    input: { projectId: string; entryDate: string; personalIds: readonly string[] },
    actor: Actor,
  ): Promise<{ enrollmentId: string; personalId: string; householdId: string }[]> {
    // Everything through the caller's transaction (PGlite has one connection: the database would wait on itself).
    const project = HUD_ID_PATTERN.test(input.projectId) ? await repo.findProject(trx, input.projectId) : undefined;
    if (!project || !canEnrollInto(viewer, project.organizationId)) throw new ForbiddenError('You can check guests in only at shelters of the agencies you work for.');
    await this.projects.assertAcceptsClients(project.projectId, trx);
    if (input.personalIds.length === 0) return [];
    const entryDate = readDate(input.entryDate);
    const errors: FieldErrors = {};
    if (!entryDate || entryDate > this.today()) add(errors, 'night', 'A stay can be opened only for tonight or a past night.');
    else if (entryDate < project.operatingStartDate || (project.operatingEndDate !== null && entryDate > project.operatingEndDate)) {
      add(errors, 'night', `${project.projectName} was not operating on ${formatDay(entryDate)}.`);
    }
    const wanted = input.personalIds.filter((id) => HEARTH_ID_PATTERN.test(id));
    const clients = await repo.findClients(trx, wanted);
    if (clients.length !== input.personalIds.length) add(errors, 'guests', 'A guest found by search no longer exists (merged or removed): search again.');
    if (Object.keys(errors).length > 0 || !entryDate) refuse(errors, 'The guests without a stay cannot be checked in.');
    const members = clients.map((client) => ({ client }));
    const locked = await repo.lockClients(trx, members.map((m) => m.client.personalId));
    if (locked.length !== members.length) throw new ConflictError('A client was just merged or removed. Search for them again.');
    await this.refuseOverlaps(trx, project, entryDate, members);
    // 3.16: the shelter's CoC when it has one only; else the worker chooses it on the entry edit page.
    const cocCodes = await this.projects.cocCodesOf(project.projectId, trx);
    const enrollmentCoc = cocCodes.length === 1 ? cocCodes[0]! : null;
    const now = this.clock.now();
    const opened: { enrollmentId: string; personalId: string; householdId: string }[] = [];
    for (const member of members) {
      const householdId = this.newId();
      const stay = { personalId: member.client.personalId, projectId: project.projectId, entryDate, householdId, enrollmentCoc };
      opened.push({ enrollmentId: await this.createEnrollment(trx, stay, AT_THE_DOOR_ENTRY, actor, now, { checkIn: true }), personalId: member.client.personalId, householdId });
    }
    return opened;
  }

  /**
   * 3.08 Disabling condition kept consistent with the disability records (HUD data dictionary, 3.08): a record that
   * is disabling makes it Yes, and the answer given is kept; once no record makes it Yes any more, the answer
   * given comes back. The assessments feature, which owns the records, says whether one is disabling, in its
   * transaction. `enrollment.disabling_condition_set` when 3.08 changes.
   */
  async keepDisablingCondition(trx: Transaction<Database>, enrollmentId: string, disablingRecord: boolean, actor: Actor): Promise<void> {
    const current = await repo.findDisablingCondition(trx, enrollmentId);
    if (!current) return;
    let next: { disablingCondition: number; given: number | null };
    if (disablingRecord && current.disablingCondition !== YES) next = { disablingCondition: YES, given: current.disablingCondition };
    else if (!disablingRecord && current.given !== null) next = { disablingCondition: current.given, given: null };
    else return;
    await repo.updateDisablingCondition(trx, enrollmentId, next, { dateUpdated: this.clock.now(), userId: hudUserId(actor) });
    const enrollment = await repo.findEnrollment(trx, enrollmentId);
    await this.audit.record(trx, {
      event: 'enrollment.disabling_condition_set',
      actor,
      client: enrollment!.personalId,
      details: { enrollmentId, byDisabilityRecord: disablingRecord },
    });
  }

  /** 3.20 and 4.13 of these enrollments (src/move-in/ and src/contacts/ decide what they may be). */
  occurrenceDates(enrollmentIds: readonly string[], db: Db = this.db): Promise<EnrollmentOccurrenceDates[]> {
    return repo.findOccurrenceDates(db, enrollmentIds);
  }

  /**
   * Writes 3.20 move-in dates and 4.13 dates of engagement checked by the features that own their rules, in the
   * caller's transaction (the caller audits: it knows what the change means).
   */
  async writeOccurrenceDates(
    trx: Transaction<Database>,
    updates: readonly (Partial<EnrollmentOccurrenceDates> & { enrollmentId: string })[],
    actor: Actor,
  ): Promise<void> {
    const changed = { dateUpdated: this.clock.now(), userId: hudUserId(actor) };
    for (const { enrollmentId, ...dates } of updates) await repo.updateOccurrenceDates(trx, enrollmentId, dates, changed);
  }

  /** A client's enrollments the viewer may see, grouped per project (the most recent stay first). */
  async forClient(viewer: Viewer, personalId: string): Promise<ProjectEnrollments[]> {
    const rows = await repo.forClient(this.db, personalId, enrollmentScope(viewer));
    const groups = new Map<string, ProjectEnrollments>();
    for (const row of rows) {
      const group = groups.get(row.project.projectId) ?? { project: row.project, enrollments: [] };
      group.enrollments.push(row);
      groups.set(row.project.projectId, group);
    }
    return [...groups.values()];
  }

  /**
   * Every live stay of a client in any project, newest first, whoever may see it: for the client's own rules (a date of
   * birth before each entry, age at entry), never shown as a list (StaysOfClients in clients.model.ts).
   */
  staysOfClient(personalId: string): Promise<EnrollmentSummary[]> {
    return repo.forClient(this.db, personalId, { kind: 'all' });
  }

  /** The client profile's section: the stays the viewer may see, and whether they may enroll the client anywhere. */
  async forProfile(viewer: Viewer, personalId: string): Promise<{ groups: ProjectEnrollments[]; canEnroll: boolean }> {
    const [groups, projects] = await Promise.all([this.forClient(viewer, personalId), this.enrollableProjects(viewer)]);
    return { groups, canEnroll: projects.length > 0 };
  }

  /** A project's enrollments, current (or with `past`, all), for users of its agency and administrators. */
  async roster(viewer: Viewer, projectId: string, options: { past: boolean }): Promise<Roster> {
    const project = HUD_ID_PATTERN.test(projectId) ? await repo.findProject(this.db, projectId) : undefined;
    if (!project) throw new NotFoundError('There is no such project.');
    if (!canSeeEnrollmentsOf(viewer, project.organizationId)) {
      throw new ForbiddenError(`Only users of ${project.organizationName} and HMIS administrators can see the enrollments of this project.`);
    }
    const rows = await repo.forProject(this.db, project.projectId, enrollmentScope(viewer), { past: options.past, limit: ROSTER_LIMIT + 1 });
    const truncated = rows.length > ROSTER_LIMIT;
    const households: RosterHousehold[] = [];
    for (const row of rows.slice(0, ROSTER_LIMIT)) {
      const last = households.at(-1);
      if (last && last.householdId === row.householdId) last.members.push(row);
      else households.push({ householdId: row.householdId, members: [row] });
    }
    return { project, past: options.past, households, truncated };
  }

  /*
   * What projects ask about stays (StaysInProjects in projects.model.ts): each takes the caller's transaction.
   */

  /** Live stays in the project that begin before `start`, or, with an `end`, begin or end after it, or are still open. */
  countStaysOutside(projectId: string, period: { start: string; end: string | null }, db: Db = this.db): Promise<number> {
    return repo.countStaysOutside(db, projectId, period);
  }

  /** Live enrollments in projects of this agency: the client data it holds. */
  countEnrollmentsOfAgency(organizationId: string, db: Db = this.db): Promise<number> {
    return repo.countEnrollmentsOfAgency(db, organizationId);
  }

  /** Live enrollments in the project whose 3.16 EnrollmentCoC is this code. */
  countEnrollmentsInCoc(projectId: string, cocCode: string, db: Db = this.db): Promise<number> {
    return repo.countEnrollmentsInCoc(db, projectId, cocCode);
  }
}

/**
 * The entry data of a guest checked in at a night-by-night shelter's door, until a worker completes them: the head of
 * their own household, every answer "Data not collected" (HUD's code for an answer not yet asked). The date
 * homelessness started has no such code: it stays empty, and the entry edit form asks for it.
 */
const AT_THE_DOOR_ENTRY: MemberEntryFields = {
  relationshipToHoH: HEAD_OF_HOUSEHOLD,
  disablingCondition: 99,
  livingSituation: 99,
  rentalSubsidyType: null,
  lengthOfStay: 99,
  losUnderThreshold: losUnderThreshold(99, 99),
  previousStreetEssh: null,
  dateToStreetEssh: null,
  timesHomelessPastThreeYears: 99,
  monthsHomelessPastThreeYears: 99,
};

/**
 * Why a client cannot enter on this day, if they cannot: nobody enters before being born (Eva 84), and a head of
 * household is not a newborn (the LSA reads a head's DOB on the entry date as an unknown age).
 */
function bornAfterEntry(client: ClientSummary, entryDate: string, isHead: boolean): string | null {
  if (!client.dob) return null;
  if (entryDate < client.dob) return `${clientName(client)} was born on ${formatDay(client.dob)}: the entry date (${formatDay(entryDate)}) cannot be before the date of birth.`;
  if (isHead && entryDate === client.dob) return `${clientName(client)} was born on the entry date (${formatDay(entryDate)}): a newborn cannot be the head of household.`;
  return null;
}

/** Who leaves by default: the whole household when its head leaves while others stay, else the member alone. */
export function defaultExitScope(detail: EnrollmentDetail): ExitScope {
  const open = detail.household.filter((m) => m.exitDate === null);
  return detail.enrollment.relationshipToHoH === HEAD_OF_HOUSEHOLD && open.length > 1 ? 'household' : 'member';
}

/** Stored entry data as the validated fields (for editing forms and for comparing). */
export function entryFieldsOf(enrollment: Enrollment): MemberEntryFields {
  return {
    relationshipToHoH: enrollment.relationshipToHoH,
    disablingCondition: enrollment.disablingCondition,
    livingSituation: enrollment.livingSituation,
    rentalSubsidyType: enrollment.rentalSubsidyType,
    lengthOfStay: enrollment.lengthOfStay,
    losUnderThreshold: enrollment.losUnderThreshold,
    previousStreetEssh: enrollment.previousStreetEssh,
    dateToStreetEssh: enrollment.dateToStreetEssh,
    timesHomelessPastThreeYears: enrollment.timesHomelessPastThreeYears,
    monthsHomelessPastThreeYears: enrollment.monthsHomelessPastThreeYears,
  };
}

/** Whether 3.917 is required for this member (head of household, adult, or age unknown) on this entry date. */
export function collects3917(relationshipToHoH: number, dob: string | null, entryDate: string): boolean {
  return collectsPriorLivingSituation(relationshipToHoH === HEAD_OF_HOUSEHOLD, dob, entryDate);
}

