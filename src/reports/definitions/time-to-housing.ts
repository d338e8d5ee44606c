/**
 * The two times to housing of Q22c–Q22g (and Q27k): from project start to housing move-in (§1.7), and from the day
 * homelessness started (3.917.3) to housing. Each question reads them from here, so the race tables count exactly
 * the people of the household-type tables.
 */
import { daysBetween } from '../../hud/calendar-days.js';
import type { ReportParams } from '../report.model.js';
import type { ReportEnrollment, ReportPerson, ReportUniverse } from '../universe.model.js';
import { hasMoveIn } from './move-in.js';

/** The person's project records a housing move-in (PSH, RRH, Pay for Success Other: §1.7). */
export function isMoveInProject(person: ReportPerson): boolean {
  return hasMoveIn(person.projectType, person.project.funders.map((f) => f.funder));
}

/**
 * Q22c's and Q22f's universe, in the specification's words: "all active clients where the head of household had a
 * move-in date in the report date range plus leavers who exited in the date range and never had a move-in date".
 * A member who left before the head moved in is such a leaver (the glossary gives them no move-in date).
 */
export function inStartToMoveInUniverse(person: ReportPerson, params: Pick<ReportParams, 'from' | 'to'>): boolean {
  if (!isMoveInProject(person)) return false;
  const head = person.householdMoveInDate;
  if (head !== null && head >= params.from && head <= params.to) return true;
  return person.isLeaver && person.moveInDate === null;
}

/** Days from project start to the member's housing move-in (§1.7); null when not moved in. */
export function daysToMoveIn(person: ReportPerson): number | null {
  return person.moveInDate === null ? null : daysBetween(person.enrollment.entryDate, person.moveInDate);
}

/** Q22e's project types: shelters, TH, safe havens and permanent housing (Pay for Success Other with them, §1.7). */
const TIME_PRIOR_TO_HOUSING_TYPES = [0, 1, 2, 3, 8, 9, 13];
/** The types among them whose housing date is the move-in date rather than the project start. */
const PERMANENT_HOUSING_TYPES = [3, 9, 13];

/**
 * Q22e's answer for one person: housed after so many days, not yet housed (a permanent housing stay without a
 * move-in by the report end), or no usable start date ("Data not collected"); null outside Q22e's project types.
 */
export type TimePriorToHousing = { kind: 'housed'; days: number } | { kind: 'not-yet-housed' } | { kind: 'not-collected' };

/**
 * §3 Q22e. The housing date is the project start, or in permanent housing the member's move-in date. Homelessness
 * started on the person's own 3.917.3 when they are an adult or of unknown age and it is not after their project
 * start; a child takes the head of household's when they entered with the head (the head who entered first), and
 * otherwise has none. A start after the housing date is no usable start either.
 */
export function timePriorToHousing(person: ReportPerson, household: readonly ReportEnrollment[]): TimePriorToHousing | null {
  const moveInProject = isMoveInProject(person);
  if (!TIME_PRIOR_TO_HOUSING_TYPES.includes(person.projectType) && !moveInProject) return null;
  const housed = PERMANENT_HOUSING_TYPES.includes(person.projectType) || moveInProject ? person.moveInDate : person.enrollment.entryDate;
  if (housed === null) return { kind: 'not-yet-housed' };
  const started = homelessnessStarted(person, household);
  if (started === null || started > housed) return { kind: 'not-collected' };
  return { kind: 'housed', days: daysBetween(started, housed) };
}

function homelessnessStarted(person: ReportPerson, household: readonly ReportEnrollment[]): string | null {
  const { entryDate, dateToStreetEssh } = person.enrollment;
  if (!person.isChild) return dateToStreetEssh !== null && dateToStreetEssh <= entryDate ? dateToStreetEssh : null;
  const head = household.filter((m) => m.relationshipToHoh === 1).sort((a, b) => (a.entryDate < b.entryDate ? -1 : a.entryDate > b.entryDate ? 1 : 0))[0];
  return head !== undefined && head.entryDate === entryDate ? head.dateToStreetEssh : null;
}

/** Q22e's universe with each person's answer (Q22g reads the same). */
export function timesPriorToHousing(universe: Pick<ReportUniverse, 'people' | 'households'>): { person: ReportPerson; time: TimePriorToHousing }[] {
  return universe.people.flatMap((person) => {
    const time = timePriorToHousing(person, universe.households.get(person.enrollment.householdId) ?? []);
    return time === null ? [] : [{ person, time }];
  });
}
