/**
 * Q25b Number of Veteran Households: each household that is not child-only, counted through its head, in the first
 * of Q25a's categories that any of its adults is in (Data Lab; decided in docs/reports.md). A household with no
 * adult reported in it (every age unknown) is "data not collected".
 */
import { NOT_COLLECTED_LABEL } from '../definitions/answers.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { VETERAN_CATEGORIES, veteranCategory } from './q25a.js';
import { adultHouseholdTypeHeader, byAdultHouseholdType, row } from './table-kit.js';

export const q25b: ReportQuestion<ReportUniverse> = {
  id: 'Q25b',
  title: 'Number of Veteran Households',
  reports: ['apr'],
  compute(universe) {
    const adultsByHousehold = new Map<string, ReportPerson[]>();
    for (const p of universe.people.filter((x) => x.isAdult)) {
      const members = adultsByHousehold.get(p.enrollment.householdId);
      if (members) members.push(p);
      else adultsByHousehold.set(p.enrollment.householdId, [p]);
    }
    const heads = universe.people.filter((p) => p.isHead && p.householdType !== 'children-only');
    const categoryOf = (head: ReportPerson) => {
      const found = new Set((adultsByHousehold.get(head.enrollment.householdId) ?? []).map(veteranCategory));
      return VETERAN_CATEGORIES.find((c) => found.has(c)) ?? NOT_COLLECTED_LABEL;
    };
    return {
      question: 'Q25b',
      title: this.title,
      header: adultHouseholdTypeHeader(),
      rows: [
        ...VETERAN_CATEGORIES.map((category) => row(category, byAdultHouseholdType(heads.filter((h) => categoryOf(h) === category)))),
        row('Total', byAdultHouseholdType(heads)),
      ],
    };
  },
};
