/**
 * The universe of a HUD report (§1.2): every enrollment active in the report in the chosen projects, and one
 * person per client — their latest such enrollment — with HUD's shared definitions applied once, so that every
 * question reads the same ages, household types, stayers and leavers, move-in dates and chronic statuses.
 */
import type { Clock } from '../clock.js';
import type { Db } from '../db/schema.js';
import { ageGroup, reportAge } from './definitions/age.js';
import { answerBucket } from './definitions/answers.js';
import { chronicStatuses, ownChronicStatus } from './definitions/chronic.js';
import { householdType } from './definitions/household.js';
import { annualAnniversary, annualRecord, annualRequired, incomeAt, recordOn } from './definitions/income.js';
import { hasMoveIn, headMoveInDate, memberMoveInDate } from './definitions/move-in.js';
import { isParentingYouth, isVeteran, isYouth, isYouthHousehold } from './definitions/populations.js';
import { isLongStayer, lengthOfStay, NIGHT_BY_NIGHT } from './definitions/stay.js';
import type { ReportParams } from './report.model.js';
import { reportsRepository } from './reports.repository.js';
import type { ReportClient, ReportEnrollment, ReportPerson, ReportProject, ReportRecords, ReportUniverse } from './universe.model.js';

export type { ReportUniverse } from './universe.model.js';

const STREET_OUTREACH = 4;

export async function loadUniverse(db: Db, params: ReportParams, clock: Clock, timeZone = 'UTC'): Promise<ReportUniverse> {
  const records = await reportsRepository.loadRecords(db, params, timeZone);
  return buildUniverse(records, params, clock.now());
}

/** The number of enrollments a report covers, counted in one query (a run's size, and bench:reports' baseline). */
export function countActiveEnrollments(db: Db, params: ReportParams): Promise<number> {
  return reportsRepository.countActiveEnrollments(db, params);
}

/** The universe from loaded records (exported for tests of the definitions on hand-made records). */
export function buildUniverse(records: ReportRecords, params: ReportParams, loadedAt: Date): ReportUniverse {
  const projects = new Map(records.projects.map((p) => [p.projectId, p]));
  const clients = new Map(records.clients.map((c) => [c.personalId, c]));
  const typeOf = (e: ReportEnrollment) => projects.get(e.projectId)?.projectType ?? 99;

  // Method 2: a night-by-night stay is active only with a bed night in the report, or an exit in it.
  const methodActive = records.enrollments.filter(
    (e) => typeOf(e) !== NIGHT_BY_NIGHT || e.exitDate !== null || e.bedNights.some((night) => night >= params.from),
  );
  const byHousehold = groupBy(methodActive, (e) => e.householdId);
  const active = params.cocCode === null ? methodActive : methodActive.filter((e) => effectiveCoc(e, projects, byHousehold) === params.cocCode);
  const households = groupBy(active, (e) => e.householdId);

  const facts = new Map<string, EnrollmentFacts>();
  for (const members of households.values()) {
    for (const [id, f] of householdFacts(members, clients, projects, params)) facts.set(id, f);
  }

  const latest = new Map<string, ReportEnrollment>();
  for (const e of active) {
    const current = latest.get(e.personalId);
    if (!current || isLater(e, current)) latest.set(e.personalId, e);
  }
  const people = [...latest.values()]
    .sort((a, b) => (a.enrollmentId < b.enrollmentId ? -1 : 1))
    .map((e) => person(e, facts.get(e.enrollmentId)!, clients.get(e.personalId)!, projects.get(e.projectId)!, params));
  return { params, loadedAt, projects, people, households, stays: records.stays };
}

/**
 * One universe per project from records loaded over several (a "to fix" list, over the projects of one user's
 * enrollments): each the universe of that project alone, as its Data Quality page computes it.
 */
export function universesByProject(records: ReportRecords, params: ReportParams, loadedAt: Date): Map<string, ReportUniverse> {
  const out = new Map<string, ReportUniverse>();
  for (const project of records.projects) {
    const own = <T extends { projectId: string }>(list: readonly T[]) => list.filter((r) => r.projectId === project.projectId);
    const one = { projects: [project], clients: records.clients, enrollments: own(records.enrollments), stays: own(records.stays) };
    out.set(project.projectId, buildUniverse(one, { ...params, projectIds: [project.projectId] }, loadedAt));
  }
  return out;
}

/** §1.2: latest entry first; the unverified tie-break is the later creation day, then the larger id. */
function isLater(a: ReportEnrollment, b: ReportEnrollment): boolean {
  if (a.entryDate !== b.entryDate) return a.entryDate > b.entryDate;
  if (a.createdOn !== b.createdOn) return a.createdOn > b.createdOn;
  return a.enrollmentId > b.enrollmentId;
}

/** §1.1: the project's CoC when it has exactly one, else the head of household's Enrollment CoC. */
function effectiveCoc(e: ReportEnrollment, projects: Map<string, ReportProject>, households: Map<string, ReportEnrollment[]>): string | null {
  const cocs = projects.get(e.projectId)?.cocs ?? [];
  if (cocs.length === 1) return cocs[0]!.cocCode;
  const head = households.get(e.householdId)?.find((m) => m.relationshipToHoh === 1) ?? e;
  return head.enrollmentCoc;
}

type EnrollmentFacts = Pick<
  ReportPerson,
  'age' | 'ageGroup' | 'isHead' | 'isAdult' | 'householdType' | 'lengthOfStay' | 'moveInDate' | 'householdMoveInDate' | 'chronic' | 'isYouth' | 'isParentingYouth' | 'isLongStayer' | 'annualRequired'
> & { anniversary: string | null };

/** The definitions that depend on the whole household (§1.4, §1.6–§1.9, §1.11), for each of its members. */
function householdFacts(
  members: ReportEnrollment[],
  clients: Map<string, ReportClient>,
  projects: Map<string, ReportProject>,
  params: ReportParams,
): Map<string, EnrollmentFacts> {
  const projectType = (e: ReportEnrollment) => projects.get(e.projectId)?.projectType ?? 99;
  const base = members.map((e) => {
    const client = clients.get(e.personalId)!;
    const age = reportAge(client.dob, e.entryDate, params.from);
    const group = ageGroup(age, client.dobDataQuality);
    const isStayer = e.exitDate === null;
    return { e, age, group, isHead: e.relationshipToHoh === 1, isAdult: group === 'adult', isStayer, los: lengthOfStay(e, projectType(e), params.to) };
  });
  const type = householdType(base.map((m) => m.group));
  const heads = base.filter((m) => m.isHead).sort((a, b) => (a.e.entryDate < b.e.entryDate ? -1 : 1));
  const head = heads.at(-1) ?? null;
  const anniversary = annualAnniversary(heads[0]?.e.entryDate ?? base[0]!.e.entryDate, params.to);
  const project = projects.get(members[0]!.projectId);
  const moveIn = project && hasMoveIn(project.projectType ?? 99, project.funders.map((f) => f.funder)) && head ? headMoveInDate(head.e, params.to) : null;
  const chronic = chronicStatuses(
    base.map((m) => ({ enrollmentId: m.e.enrollmentId, entryDate: m.e.entryDate, isHead: m.isHead, isAdult: m.isAdult, own: ownChronicStatus(m.e, projectType(m.e)) })),
  );
  const population = base.map((m) => ({ age: m.age, relationshipToHoh: m.e.relationshipToHoh }));
  const youthHousehold = isYouthHousehold(population);
  const out = new Map<string, EnrollmentFacts>();
  base.forEach((m, i) => {
    out.set(m.e.enrollmentId, {
      age: m.age,
      ageGroup: m.group,
      isHead: m.isHead,
      isAdult: m.isAdult,
      householdType: type,
      lengthOfStay: m.los,
      moveInDate: memberMoveInDate(m.e, moveIn),
      householdMoveInDate: moveIn,
      chronic: chronic.get(m.e.enrollmentId)!,
      isYouth: isYouth(population[i]!, youthHousehold),
      isParentingYouth: isParentingYouth(population[i]!, population),
      isLongStayer: isLongStayer(
        { isStayer: m.isStayer, isHead: m.isHead, isAdult: m.isAdult, lengthOfStay: m.los },
        head ? { isStayer: head.isStayer, lengthOfStay: head.los } : null,
      ),
      annualRequired: annualRequired({ isStayer: m.isStayer, entryDate: m.e.entryDate }, anniversary),
      anniversary,
    });
  });
  return out;
}

function person(e: ReportEnrollment, f: EnrollmentFacts, client: ReportClient, project: ReportProject, params: ReportParams): ReportPerson {
  const projectType = project.projectType ?? 99;
  const isLeaver = e.exitDate !== null;
  // A literal rather than a spread of the facts: a million people are built, each with the same shape.
  return {
    age: f.age,
    ageGroup: f.ageGroup,
    isHead: f.isHead,
    isAdult: f.isAdult,
    householdType: f.householdType,
    lengthOfStay: f.lengthOfStay,
    moveInDate: f.moveInDate,
    householdMoveInDate: f.householdMoveInDate,
    chronic: f.chronic,
    isYouth: f.isYouth,
    isParentingYouth: f.isParentingYouth,
    isLongStayer: f.isLongStayer,
    annualRequired: f.annualRequired,
    enrollment: e,
    client,
    project,
    projectType,
    isChild: f.ageGroup === 'child',
    isAdultOrHead: f.isAdult || f.isHead,
    isLeaver,
    isStayer: !isLeaver,
    isVeteran: isVeteran(f.isAdult, client.veteranStatus),
    inDqUniverse: projectType !== STREET_OUTREACH || (e.dateOfEngagement !== null && e.dateOfEngagement <= params.to),
    income: {
      start: incomeAt(recordOn(e.incomes, 1, e.entryDate)),
      annual: incomeAt(f.annualRequired ? annualRecord(e.incomes, f.anniversary, params.to) : null),
      exit: incomeAt(recordOn(e.incomes, 3, e.exitDate)),
    },
    veteranAnswer: answerBucket(client.veteranStatus),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
