/** Q26b Number of Chronically Homeless Persons by Household: every person by their chronic status (§1.8, with the household rule). */
import { CHRONIC_STATUS_ROWS } from '../definitions/chronic.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

export const q26b: ReportQuestion<ReportUniverse> = {
  id: 'Q26b',
  title: 'Number of Chronically Homeless Persons by Household',
  reports: ['apr', 'caper'],
  compute(universe) {
    const people = universe.people;
    return {
      question: 'Q26b',
      title: this.title,
      header: householdTypeHeader(),
      rows: [...CHRONIC_STATUS_ROWS.map((r) => row(r.label, byHouseholdType(people.filter((p) => p.chronic === r.status)))), row('Total', byHouseholdType(people))],
    };
  },
};
