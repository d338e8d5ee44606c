import { groupByRace, Q12_RACE_ROWS } from '../definitions/race.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

export const q12: ReportQuestion<ReportUniverse> = {
  id: 'Q12',
  title: 'Race & Ethnicity',
  reports: ['apr', 'caper'],
  compute(universe) {
    const people = universe.people;
    const byRace = groupByRace(Q12_RACE_ROWS, people, (p) => p.client);
    return {
      question: 'Q12',
      title: this.title,
      header: householdTypeHeader(),
      rows: [...Q12_RACE_ROWS.map((r, i) => row(r.label, byHouseholdType(byRace[i]!))), row('Total', byHouseholdType(people))],
    };
  },
};
