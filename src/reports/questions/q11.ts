import { AGE_BRACKETS } from '../definitions/age.js';
import { DONT_KNOW_LABEL, NOT_COLLECTED_LABEL } from '../definitions/answers.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

export const q11: ReportQuestion<ReportUniverse> = {
  id: 'Q11',
  title: 'Age',
  reports: ['apr', 'caper'],
  compute(universe) {
    const people = universe.people;
    return {
      question: 'Q11',
      title: this.title,
      header: householdTypeHeader(),
      rows: [
        ...AGE_BRACKETS.map((b) =>
          row(
            b.label,
            byHouseholdType(
              people.filter((p) => p.age !== null && p.age >= b.min && p.age <= b.max),
              b.min < 18 ? ['adults-only'] : ['children-only'],
            ),
          ),
        ),
        row(DONT_KNOW_LABEL, byHouseholdType(people.filter((p) => p.ageGroup === 'dont-know'))),
        row(NOT_COLLECTED_LABEL, byHouseholdType(people.filter((p) => p.ageGroup === 'not-collected'))),
        row('Total', byHouseholdType(people)),
      ],
    };
  },
};
