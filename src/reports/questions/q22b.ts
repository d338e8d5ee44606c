import type { StayUniverse } from '../active-stays.model.js';
import type { ReportQuestion } from '../report.model.js';
import { average, decimalCell, median } from './cells.js';
import { isLeaver, lengthOfParticipation } from './length-of-participation.js';

/**
 * Q22b Average and Median Length of Participation in Days (APR), over the lengths of Q22a1. Two decimals, as Open
 * Path writes them and as the test kit compares them (DL writes four; reference §7); 0.00
 * when there is nobody to average, as Open Path writes it.
 */
export const q22b: ReportQuestion<StayUniverse> = {
  id: 'Q22b',
  title: 'Average and Median Length of Participation in Days',
  reports: ['apr'],
  compute(universe, params) {
    const days = (leavers: boolean) => universe.stays.filter((s) => isLeaver(s) === leavers).map((s) => lengthOfParticipation(s, params));
    const leavers = days(true);
    const stayers = days(false);
    return {
      question: 'Q22b',
      title: q22b.title,
      header: ['', 'Leavers', 'Stayers'],
      rows: [
        { label: 'Average Length', cells: [decimalCell(average(leavers) ?? 0, 2), decimalCell(average(stayers) ?? 0, 2)] },
        { label: 'Median Length', cells: [decimalCell(median(leavers) ?? 0, 2), decimalCell(median(stayers) ?? 0, 2)] },
      ],
    };
  },
};
