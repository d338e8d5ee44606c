import { DONT_KNOW_LABEL, NOT_COLLECTED_LABEL } from '../definitions/answers.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

const PSH_RRH: ReadonlySet<number> = new Set([3, 13]);

export const q07a: ReportQuestion<ReportUniverse> = {
  id: 'Q7a',
  title: 'Number of Persons Served',
  reports: ['apr', 'caper'],
  compute(universe, params) {
    const people = universe.people;
    return {
      question: 'Q7a',
      title: this.title,
      header: householdTypeHeader(),
      rows: [
        row('Adults', byHouseholdType(people.filter((p) => p.ageGroup === 'adult'), ['children-only'])),
        row('Children', byHouseholdType(people.filter((p) => p.ageGroup === 'child'), ['adults-only'])),
        row(DONT_KNOW_LABEL, byHouseholdType(people.filter((p) => p.ageGroup === 'dont-know'))),
        row(NOT_COLLECTED_LABEL, byHouseholdType(people.filter((p) => p.ageGroup === 'not-collected'))),
        row('Total', byHouseholdType(people)),
        row(
          'For PSH & RRH - the total persons served who moved into housing',
          byHouseholdType(people.filter((p) => PSH_RRH.has(p.projectType) && p.moveInDate !== null && p.moveInDate <= params.to)),
        ),
      ],
    };
  },
};
