/** Q25d Age - Veterans: the veterans (adults, §1.9) by age bracket from 18, without the "With Only Children" column. */
import { ADULT_AGE_BRACKETS } from '../definitions/age.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { ageRows } from './age-rows.js';
import { adultHouseholdTypeHeader, byAdultHouseholdType } from './table-kit.js';

export const q25d: ReportQuestion<ReportUniverse> = {
  id: 'Q25d',
  title: 'Age - Veterans',
  reports: ['apr'],
  compute(universe) {
    return {
      question: 'Q25d',
      title: this.title,
      header: adultHouseholdTypeHeader(),
      rows: ageRows(
        universe.people.filter((p) => p.isVeteran),
        ADULT_AGE_BRACKETS,
        byAdultHouseholdType,
      ),
    };
  },
};
