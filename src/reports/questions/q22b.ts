import type { ReportCell, ReportQuestion, ReportTable } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { average, median } from './length-of-participation.js';
import { row } from './table-kit.js';

/** Two decimals, 0.00 when there is nobody to average, as Open Path writes them. */
const days = (value: number | null): ReportCell => ({ value: (value ?? 0).toFixed(2) });

/** Q22b's table (Q27j for youth): the average and median length of participation of the leavers and the stayers of `people`. */
export function averageAndMedianTable(question: string, title: string, people: readonly ReportPerson[]): ReportTable {
  const leavers = people.filter((p) => p.isLeaver).map((p) => p.lengthOfStay);
  const stayers = people.filter((p) => p.isStayer).map((p) => p.lengthOfStay);
  return {
    question,
    title,
    header: ['', 'Leavers', 'Stayers'],
    rows: [row('Average Length', [days(average(leavers)), days(average(stayers))]), row('Median Length', [days(median(leavers)), days(median(stayers))])],
  };
}

/**
 * Q22b Average and Median Length of Participation in Days (APR), over the lengths of Q22a1. Two decimals, as Open
 * Path writes them and the test kit compares them (DL writes four; reference §7).
 */
export const q22b: ReportQuestion<ReportUniverse> = {
  id: 'Q22b',
  title: 'Average and Median Length of Participation in Days',
  reports: ['apr'],
  compute: (universe) => averageAndMedianTable('Q22b', q22b.title, universe.people),
};
