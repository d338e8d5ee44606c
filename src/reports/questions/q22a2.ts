import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { LONG_STAY_BUCKETS, participationTable } from './length-of-participation.js';

/** Q22a2 Length of Participation - ESG Projects (CAPER): as Q22a1 with the first month in weeks (reference §3 Q22a2). */
export const q22a2: ReportQuestion<ReportUniverse> = {
  id: 'Q22a2',
  title: 'Length of Participation - ESG Projects',
  reports: ['caper'],
  compute: (universe) =>
    participationTable(
      'Q22a2',
      q22a2.title,
      [
        { label: '0 to 7 days', max: 7 },
        { label: '8 to 14 days', max: 14 },
        { label: '15 to 21 days', max: 21 },
        { label: '22 to 30 days', max: 30 },
        ...LONG_STAY_BUCKETS,
      ],
      universe.people,
    ),
};
