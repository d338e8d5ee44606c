import { pointInTimeDates } from '../definitions/point-in-time.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { presentOnDays } from './q07b.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

export const q08b: ReportQuestion<ReportUniverse> = {
  id: 'Q8b',
  title: 'Point-in-Time Count of Households on the Last Wednesday',
  reports: ['apr', 'caper'],
  compute(universe, params) {
    const heads = universe.people.filter((p) => p.isHead);
    const dates = pointInTimeDates(params.to);
    const present = presentOnDays(universe.people, dates.map((d) => d.date));
    return {
      question: 'Q8b',
      title: this.title,
      header: householdTypeHeader(),
      rows: dates.map(({ label }, i) => {
        const households = new Set(present[i]!.map((p) => p.enrollment.householdId));
        return row(label, byHouseholdType(heads.filter((h) => households.has(h.enrollment.householdId))));
      }),
    };
  },
};
