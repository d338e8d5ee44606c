import { DONT_KNOW_LABEL, NOT_COLLECTED_LABEL } from '../definitions/answers.js';
import type { ReportQuestion } from '../report.model.js';
import type { IncomeAtStage, ReportUniverse } from '../universe.model.js';
import { annualAssessmentRows, stageColumns } from './income-stages.js';
import { count, row } from './table-kit.js';

const RANGES: readonly [string, (total: number) => boolean][] = [
  ['No Income', (t) => t === 0],
  ['$1 - $150', (t) => t > 0 && t <= 150],
  ['$151 - $250', (t) => t > 150 && t <= 250],
  ['$251 - $500', (t) => t > 250 && t <= 500],
  ['$501 - $1,000', (t) => t > 500 && t <= 1000],
  ['$1,001 - $1,500', (t) => t > 1000 && t <= 1500],
  ['$1,501 - $2,000', (t) => t > 1500 && t <= 2000],
  ['$2,001+', (t) => t > 2000],
];

export const q16: ReportQuestion<ReportUniverse> = {
  id: 'Q16',
  title: 'Cash Income - Ranges',
  reports: ['apr', 'caper'],
  compute(universe) {
    const adults = universe.people.filter((p) => p.isAdult);
    // Column C counts only stayers whose annual assessment was due and found; the others have rows 12 and 13.
    const columns = stageColumns(adults, { found: true });
    const cells = (test: (income: IncomeAtStage) => boolean) => columns.map(([people, at]) => count(people.filter((p) => test(at(p)))));
    return {
      question: 'Q16',
      title: this.title,
      header: [' ', 'Income at Start', 'Income at Latest Annual Assessment for Stayers', 'Income at Exit for Leavers'],
      rows: [
        ...RANGES.map(([label, inRange]) => row(label, cells((i) => i.total !== null && inRange(i.total)))),
        row(DONT_KNOW_LABEL, cells((i) => i.total === null && i.unknown === 'dont-know')),
        row(NOT_COLLECTED_LABEL, cells((i) => i.total === null && i.unknown === 'not-collected')),
        ...annualAssessmentRows(adults),
      ],
    };
  },
};
