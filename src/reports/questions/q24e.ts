import { DONT_KNOW_LABEL } from '../definitions/answers.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

/** Q24e Sex (APR, CAPER; new in FY2026): every client by 4.21 Sex, by household type (reference §3 Q24e). */
export const q24e: ReportQuestion<ReportUniverse> = {
  id: 'Q24e',
  title: 'Sex',
  reports: ['apr', 'caper'],
  compute(universe) {
    const people = universe.people;
    const sex = (codes: readonly (number | null)[]) => byHouseholdType(people.filter((p) => codes.includes(p.client.sex)));
    return {
      question: 'Q24e',
      title: q24e.title,
      header: householdTypeHeader(),
      rows: [row('Female', sex([0])), row('Male', sex([1])), row(DONT_KNOW_LABEL, sex([8, 9])), row('Data not collected', sex([99, null])), row('Total', byHouseholdType(people))],
    };
  },
};
