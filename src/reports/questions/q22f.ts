import { groupByRace, RACE_GROUPS } from '../definitions/race.js';
import { daysToMoveIn, inStartToMoveInUniverse } from '../definitions/time-to-housing.js';
import type { ReportCell, ReportQuestion, ReportTable } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { average, median } from './length-of-participation.js';
import { count, row } from './table-kit.js';

/** Four decimals, 0.0000 when nobody moved in, as both sources write Q22f's and Q22g's days. */
const days = (value: number | null): ReportCell => ({ value: (value ?? 0).toFixed(4) });

/**
 * Q22f and Q22g: one column per race and ethnicity group (§1.15, no Total), the people housed with their days, the
 * people not housed, then the average and median days of the housed.
 */
export function timeByRaceTable(
  question: string,
  title: string,
  housed: readonly { person: ReportPerson; days: number }[],
  notHoused: readonly ReportPerson[],
): ReportTable {
  const housedByRace = groupByRace(RACE_GROUPS, housed, (h) => h.person.client);
  const notHousedByRace = groupByRace(RACE_GROUPS, notHoused, (p) => p.client);
  const columns = RACE_GROUPS.map((_, i) => ({ housed: housedByRace[i]!, notHoused: notHousedByRace[i]! }));
  return {
    question,
    title,
    header: ['', ...RACE_GROUPS.map((g) => g.label)],
    rows: [
      row(
        'Persons Moved into housing',
        columns.map((c) => count(c.housed.map((h) => h.person))),
      ),
      row(
        'Persons who were exited without move-in',
        columns.map((c) => count(c.notHoused)),
      ),
      row(
        'Average time to Move-In',
        columns.map((c) => days(average(c.housed.map((h) => h.days)))),
      ),
      row(
        'Median time to Move-In',
        columns.map((c) => days(median(c.housed.map((h) => h.days)))),
      ),
    ],
  };
}

/**
 * Q22f Length of Time between Project Start Date and Housing Move-in Date by Race and Ethnicity (APR, CAPER; reference
 * §3 Q22f): Q22c's people by race and ethnicity; the average and median over everyone moved in.
 */
export const q22f: ReportQuestion<ReportUniverse> = {
  id: 'Q22f',
  title: 'Length of Time between Project Start Date and Housing Move-in Date by Race and Ethnicity',
  reports: ['apr', 'caper'],
  compute(universe, params) {
    const people = universe.people.filter((p) => inStartToMoveInUniverse(p, params));
    const housed = people.flatMap((person) => {
      const d = daysToMoveIn(person);
      return d === null ? [] : [{ person, days: d }];
    });
    return timeByRaceTable('Q22f', this.title, housed, people.filter((p) => daysToMoveIn(p) === null));
  },
};
