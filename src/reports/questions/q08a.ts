import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

export const q08a: ReportQuestion<ReportUniverse> = {
  id: 'Q8a',
  title: 'Number of Households Served',
  reports: ['apr', 'caper'],
  compute(universe, params) {
    const heads = universe.people.filter((p) => p.isHead);
    return {
      question: 'Q8a',
      title: this.title,
      header: householdTypeHeader(),
      rows: [
        row('Total Households', byHouseholdType(heads)),
        row(
          'For PSH & RRH - the total households served who moved into housing',
          byHouseholdType(heads.filter((p) => (p.projectType === 3 || p.projectType === 13) && p.moveInDate !== null && p.moveInDate <= params.to)),
        ),
      ],
    };
  },
};
