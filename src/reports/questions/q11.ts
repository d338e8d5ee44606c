import { AGE_BRACKETS } from '../definitions/age.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { ageRows } from './age-rows.js';
import { byHouseholdType, householdTypeHeader } from './table-kit.js';

/** Q11 Age: everyone by age bracket and household type; HUD leaves empty the children of adult-only households and the adults of child-only ones. */
export const q11: ReportQuestion<ReportUniverse> = {
  id: 'Q11',
  title: 'Age',
  reports: ['apr', 'caper'],
  compute(universe) {
    return {
      question: 'Q11',
      title: this.title,
      header: householdTypeHeader(),
      rows: ageRows(universe.people, AGE_BRACKETS, (people, kind) =>
        byHouseholdType(people, kind === 'child' ? ['adults-only'] : kind === 'adult' ? ['children-only'] : []),
      ),
    };
  },
};
