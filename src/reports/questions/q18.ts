import { categoryAmount } from '../definitions/income.js';
import type { ReportQuestion } from '../report.model.js';
import type { IncomeAtStage, ReportUniverse } from '../universe.model.js';
import { annualAssessmentRows, stageColumns, withIncomeInformationRow } from './income-stages.js';
import { count, row } from './table-kit.js';

type EarnedOrOther = 'only-earned' | 'only-other' | 'both' | 'none' | 'dont-know' | 'missing';

/** §1.11 at one stage: which of earned and other income the adult had, or why their income is unknown. */
function earnedOrOther(income: IncomeAtStage): EarnedOrOther {
  if (income.total === null) return income.unknown === 'dont-know' ? 'dont-know' : 'missing';
  if (income.total === 0) return 'none';
  if (categoryAmount(income, 'other') === 0) return 'only-earned';
  return categoryAmount(income, 'earned') === 0 ? 'only-other' : 'both';
}

const ROWS: readonly [string, EarnedOrOther][] = [
  ['Adults with Only Earned Income (i.e., Employment Income)', 'only-earned'],
  ['Adults with Only Other Income', 'only-other'],
  ['Adults with Both Earned and Other Income', 'both'],
  ['Adults with No Income', 'none'],
  ['Adults with Client Doesn’t Know/Prefers Not to Answer', 'dont-know'],
  ['Adults with Missing Income Information', 'missing'],
];

const WITH_INCOME: readonly EarnedOrOther[] = ['only-earned', 'only-other', 'both'];

/**
 * Q18 (APR): adults by earned and other income at start, at the annual assessment (stayers whose assessment was due
 * and found) and at exit, with Q16's annual-assessment rows and totals and Q17's "with information" row.
 */
export const q18: ReportQuestion<ReportUniverse> = {
  id: 'Q18',
  title: 'Client Cash Income Category - Earned/Other Income Category - by Start and Annual Assessment/Exit Status',
  reports: ['apr'],
  compute(universe) {
    const adults = universe.people.filter((p) => p.isAdult);
    const columns = stageColumns(adults, { found: true });
    const [, [assessed], [leavers]] = columns;
    const cells = (categories: readonly EarnedOrOther[]) => columns.map(([people, at]) => count(people.filter((p) => categories.includes(earnedOrOther(at(p))))));
    return {
      question: 'Q18',
      title: this.title,
      header: [' ', 'Number of Adults at Start', 'Number of Adults at Annual Assessment (Stayers)', 'Number of Adults at Exit (Leavers)'],
      rows: [
        ...ROWS.map(([label, category]) => row(label, cells([category]))),
        ...annualAssessmentRows(adults),
        row('1 or more source of income', cells(WITH_INCOME)),
        withIncomeInformationRow(assessed, leavers),
      ],
    };
  },
};
