import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { WEEKS_TO_TWO_YEARS_AND_MORE } from './length-of-participation.js';
import { bucketOf, byHouseholdType, householdTypeHeader, row } from './table-kit.js';

/** Q22d Length of Participation by Household Type (CAPER): every client by length of participation (§1.6; reference §3 Q22d). */
export const q22d: ReportQuestion<ReportUniverse> = {
  id: 'Q22d',
  title: 'Length of Participation by Household Type',
  reports: ['caper'],
  compute(universe) {
    const people = universe.people;
    return {
      question: 'Q22d',
      title: this.title,
      header: householdTypeHeader(),
      rows: [
        ...WEEKS_TO_TWO_YEARS_AND_MORE.map((bucket) =>
          row(bucket.label, byHouseholdType(people.filter((p) => bucketOf(WEEKS_TO_TWO_YEARS_AND_MORE, p.lengthOfStay) === bucket))),
        ),
        row('Total', byHouseholdType(people)),
      ],
    };
  },
};
