import { categoryAmount } from '../definitions/income.js';
import type { ReportQuestion, ReportRow } from '../report.model.js';
import type { IncomeAtStage, ReportPerson, ReportUniverse } from '../universe.model.js';
import { ADULT_WORDS, annualAssessmentRows, type PersonWords, stageColumns, withIncomeInformationRow } from './income-stages.js';
import { count, row } from './table-kit.js';

type EarnedOrOther = 'only-earned' | 'only-other' | 'both' | 'none' | 'dont-know' | 'missing';

/** §1.11 at one stage: which of earned and other income the person had, or why their income is unknown. */
function earnedOrOther(income: IncomeAtStage): EarnedOrOther {
  if (income.total === null) return income.unknown === 'dont-know' ? 'dont-know' : 'missing';
  if (income.total === 0) return 'none';
  if (categoryAmount(income, 'other') === 0) return 'only-earned';
  return categoryAmount(income, 'earned') === 0 ? 'only-other' : 'both';
}

const CATEGORIES: readonly [(who: string) => string, EarnedOrOther][] = [
  [(who) => `${who} with Only Earned Income (i.e., Employment Income)`, 'only-earned'],
  [(who) => `${who} with Only Other Income`, 'only-other'],
  [(who) => `${who} with Both Earned and Other Income`, 'both'],
  [(who) => `${who} with No Income`, 'none'],
  [(who) => `${who} with Client Doesn’t Know/Prefers Not to Answer`, 'dont-know'],
  [(who) => `${who} with Missing Income Information`, 'missing'],
];

const WITH_INCOME: readonly EarnedOrOther[] = ['only-earned', 'only-other', 'both'];

/**
 * Q18's rows for a group of people (Q27h: youth adults and heads): by earned and other income at start, at the annual
 * assessment (stayers whose assessment was due and found) and at exit, with Q16's annual-assessment rows and totals
 * and Q17's "with information" row, labelled with `words` ("Adults", or "Youth" as HUD relabels Q27h).
 */
export function incomeCategoryRows(people: readonly ReportPerson[], words: PersonWords = ADULT_WORDS): ReportRow[] {
  const columns = stageColumns(people, { found: true });
  const [, [assessed], [leavers]] = columns;
  const cells = (categories: readonly EarnedOrOther[]) => columns.map(([chosen, at]) => count(chosen.filter((p) => categories.includes(earnedOrOther(at(p))))));
  return [
    ...CATEGORIES.map(([label, category]) => row(label(words.plural), cells([category]))),
    ...annualAssessmentRows(people, words),
    row('1 or more source of income', cells(WITH_INCOME)),
    withIncomeInformationRow(assessed, leavers, `${words.plural} with Income Information at Start and Annual Assessment/Exit`),
  ];
}

/** Q18 (APR): adults by earned and other income category at start, at the annual assessment and at exit. */
export const q18: ReportQuestion<ReportUniverse> = {
  id: 'Q18',
  title: 'Client Cash Income Category - Earned/Other Income Category - by Start and Annual Assessment/Exit Status',
  reports: ['apr'],
  compute(universe) {
    return {
      question: 'Q18',
      title: this.title,
      header: [' ', 'Number of Adults at Start', 'Number of Adults at Annual Assessment (Stayers)', 'Number of Adults at Exit (Leavers)'],
      rows: incomeCategoryRows(universe.people.filter((p) => p.isAdult)),
    };
  },
};
