/**
 * Q26e Physical and Mental Health Conditions - Chronically Homeless Persons: Q13a1's, Q13c1's and Q13b1's rules
 * (definitions/conditions.ts) for the chronically homeless persons: conditions at start for all of them, at the
 * latest assessment for stayers, at exit for leavers.
 */
import { conditionRecords, CONDITIONS, hasCondition } from '../definitions/conditions.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { count, row } from './table-kit.js';

const COLUMNS: readonly { header: string; stage: 'start' | 'latest' | 'exit'; who: (p: ReportPerson) => boolean }[] = [
  { header: 'Conditions At Start', stage: 'start', who: () => true },
  { header: 'Conditions at Latest Assessment for Stayers', stage: 'latest', who: (p) => p.isStayer },
  { header: 'Conditions at Exit for Leavers', stage: 'exit', who: (p) => p.isLeaver },
];

export const q26e: ReportQuestion<ReportUniverse> = {
  id: 'Q26e',
  title: 'Physical and Mental Health Conditions - Chronically Homeless Persons',
  reports: ['apr'],
  compute(universe, params) {
    const chronic = universe.people.filter((p) => p.chronic === 'yes');
    const records = COLUMNS.map((c) =>
      chronic.filter(c.who).map((p) => ({ person: p, records: conditionRecords(p.enrollment.disabilities, c.stage, p.enrollment.exitDate, params.to) })),
    );
    return {
      question: 'Q26e',
      title: this.title,
      header: [' ', ...COLUMNS.map((c) => c.header)],
      rows: CONDITIONS.map((condition) =>
        row(
          condition.label,
          records.map((column) => count(column.filter((x) => hasCondition(x.records, condition)).map((x) => x.person))),
        ),
      ),
    };
  },
};
