import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { COC_BUCKETS, participationTable } from './length-of-participation.js';

/** Q22a1 Length of Participation - CoC Projects (APR): every client by length of participation (reference §3 Q22a1). */
export const q22a1: ReportQuestion<ReportUniverse> = {
  id: 'Q22a1',
  title: 'Length of Participation - CoC Projects',
  reports: ['apr'],
  compute: (universe) => participationTable('Q22a1', q22a1.title, COC_BUCKETS, universe.people),
};
