import { type TimePriorToHousing, timesPriorToHousing } from '../definitions/time-to-housing.js';
import type { ReportQuestion, ReportRow } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { type DayBucket, WEEKS_TO_TWO_YEARS_AND_MORE } from './length-of-participation.js';
import { bucketOf, byHouseholdType, householdTypeHeader, row } from './table-kit.js';

/** Q22e's rows for people with their answer (Q27l: youth): housed by days, then not yet housed, not collected, total. */
export function timePriorToHousingRows(times: readonly { person: ReportPerson; time: TimePriorToHousing }[]): ReportRow[] {
  const housed = times.flatMap(({ person, time }) => (time.kind === 'housed' ? [{ person, days: time.days }] : []));
  const inBucket = (bucket: DayBucket) => housed.filter((h) => bucketOf(WEEKS_TO_TWO_YEARS_AND_MORE, h.days) === bucket).map((h) => h.person);
  const ofKind = (kind: TimePriorToHousing['kind']) => times.filter((t) => t.time.kind === kind).map((t) => t.person);
  return [
    ...WEEKS_TO_TWO_YEARS_AND_MORE.map((bucket) => row(bucket.label, byHouseholdType(inBucket(bucket)))),
    row('Total (persons moved into housing)', byHouseholdType(housed.map((h) => h.person))),
    row('Not yet moved into housing', byHouseholdType(ofKind('not-yet-housed'))),
    row('Data not collected', byHouseholdType(ofKind('not-collected'))),
    row('Total persons', byHouseholdType(times.map((t) => t.person))),
  ];
}

/**
 * Q22e Length of Time Prior to Housing - based on 3.917 Date Homelessness Started (APR, CAPER; reference §3 Q22e):
 * the clients of shelters, TH, safe havens and permanent housing by days from the start of homelessness to housing
 * (definitions/time-to-housing.ts), then those not yet housed and those without a usable start date.
 */
export const q22e: ReportQuestion<ReportUniverse> = {
  id: 'Q22e',
  title: 'Length of Time Prior to Housing - based on 3.917 Date Homelessness Started',
  reports: ['apr', 'caper'],
  compute(universe) {
    return { question: 'Q22e', title: this.title, header: householdTypeHeader(), rows: timePriorToHousingRows(timesPriorToHousing(universe)) };
  },
};
