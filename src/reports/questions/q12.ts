import { Q12_RACE_ROWS } from '../definitions/race.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

export const q12: ReportQuestion<ReportUniverse> = {
  id: 'Q12',
  title: 'Race & Ethnicity',
  reports: ['apr', 'caper'],
  compute(universe) {
    const people = universe.people;
    return {
      question: 'Q12',
      title: this.title,
      header: householdTypeHeader(),
      rows: [...Q12_RACE_ROWS.map((r) => row(r.label, byHouseholdType(people.filter((p) => r.test(p.client))))), row('Total', byHouseholdType(people))],
    };
  },
};
