import type { StayUniverse } from '../active-stays.model.js';
import type { ReportQuestion } from '../report.model.js';
import { LONG_STAY_BUCKETS, participationTable } from './length-of-participation.js';

/** Q22a1 Length of Participation - CoC Projects (APR): every client by length of participation (reference §3 Q22a1). */
export const q22a1: ReportQuestion<StayUniverse> = {
  id: 'Q22a1',
  title: 'Length of Participation - CoC Projects',
  reports: ['apr'],
  compute: (universe, params) =>
    participationTable('Q22a1', q22a1.title, [{ label: '30 days or less', min: 0, max: 30 }, ...LONG_STAY_BUCKETS], universe.stays, params),
};
