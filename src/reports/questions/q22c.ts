import { HOUSEHOLD_TYPE_COLUMNS } from '../definitions/household.js';
import { daysToMoveIn, inStartToMoveInUniverse } from '../definitions/time-to-housing.js';
import type { ReportCell, ReportParams, ReportQuestion, ReportRow } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { type DayBucket, WEEKS_TO_TWO_YEARS } from './length-of-participation.js';
import { bucketOf, byHouseholdType, householdTypeHeader, row } from './table-kit.js';

/** The average number of days to move-in of each column's people, as a whole number (0 when nobody moved in). */
function averageDays(movedIn: readonly ReportPerson[]): ReportCell[] {
  const average = (people: readonly ReportPerson[]): ReportCell => {
    const days = people.map((p) => daysToMoveIn(p)!);
    return { value: days.length === 0 ? 0 : Math.round(days.reduce((a, b) => a + b, 0) / days.length) };
  };
  return [average(movedIn), ...HOUSEHOLD_TYPE_COLUMNS.map((c) => average(movedIn.filter((p) => p.householdType === c.type)))];
}

/**
 * Q22c's rows for a group of people (Q27k: youth): those of them in Q22c's universe who moved in, by days to move-in
 * (§1.7) up to two years; their total is the sum of those rows, as the test kit's is. The average is over everyone
 * moved in, two years or more included (§7 #9, docs/reports.md), and so is "Total persons".
 */
export function startToMoveInRows(candidates: readonly ReportPerson[], params: Pick<ReportParams, 'from' | 'to'>): ReportRow[] {
  const people = candidates.filter((p) => inStartToMoveInUniverse(p, params));
  const movedIn = people.filter((p) => daysToMoveIn(p) !== null);
  const inBucket = (bucket: DayBucket) => movedIn.filter((p) => bucketOf(WEEKS_TO_TWO_YEARS, daysToMoveIn(p)!) === bucket);
  return [
    ...WEEKS_TO_TWO_YEARS.map((bucket) => row(bucket.label, byHouseholdType(inBucket(bucket)))),
    row('Total (persons moved into housing)', byHouseholdType(movedIn.filter((p) => bucketOf(WEEKS_TO_TWO_YEARS, daysToMoveIn(p)!) !== undefined))),
    row('Average length of time to housing', averageDays(movedIn)),
    row('Persons who were exited without move-in', byHouseholdType(people.filter((p) => daysToMoveIn(p) === null))),
    row('Total persons', byHouseholdType(people)),
  ];
}

/** Q22c Length of Time between Project Start Date and Housing Move-in Date (APR, CAPER; reference §3 Q22c). */
export const q22c: ReportQuestion<ReportUniverse> = {
  id: 'Q22c',
  title: 'Length of Time between Project Start Date and Housing Move-in Date',
  reports: ['apr', 'caper'],
  compute(universe, params) {
    return { question: 'Q22c', title: this.title, header: householdTypeHeader(), rows: startToMoveInRows(universe.people, params) };
  },
};
