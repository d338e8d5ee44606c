import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

const PSH = 3;

/** C2.2 Moving On Assistance (Services TypeProvided when RecordType = 300), in HUD's order. */
const ASSISTANCE: readonly [number, string][] = [
  [1, 'Subsidized housing application assistance'],
  [2, 'Financial assistance for Moving On (e.g., security deposit, moving expenses)'],
  [3, 'Non-financial assistance for Moving On (e.g., housing navigation, transition support)'],
  [4, 'Housing referral/placement'],
  [5, 'Other'],
];

/**
 * Q24b Moving On Assistance Provided to Households in PSH (APR): heads of household in PSH by each type of C2 Moving
 * On assistance provided to them in the report, by household type. A head given several types is in each of their
 * rows (decision 10 in docs/reports.md), so there is no total row.
 */
export const q24b: ReportQuestion<ReportUniverse> = {
  id: 'Q24b',
  title: 'Moving On Assistance Provided to Households in PSH',
  reports: ['apr'],
  compute(universe, params) {
    const heads = universe.people.filter((p) => p.isHead && p.projectType === PSH);
    const provided = (type: number) =>
      heads.filter((p) => p.enrollment.movingOnServices.some((s) => s.typeProvided === type && s.dateProvided >= params.from && s.dateProvided <= params.to));
    return {
      question: 'Q24b',
      title: this.title,
      header: householdTypeHeader(),
      rows: ASSISTANCE.map(([type, label]) => row(label, byHouseholdType(provided(type)))),
    };
  },
};
