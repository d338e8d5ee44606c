/**
 * Q19a1 and Q19a2 Client Cash Income Change - Income Source - by Start and Latest Status / by Start and Exit (APR):
 * how each adult's earned, other and total income changed between project start and the annual assessment (adult
 * stayers whose assessment was due and found) or the exit (adult leavers), for those who answered 4.02 at both.
 */
import { categoryAmount, type IncomeCategory } from '../definitions/income.js';
import type { ReportCell, ReportQuestion, ReportRow } from '../report.model.js';
import type { IncomeAtStage, ReportPerson, ReportUniverse } from '../universe.model.js';
import { answeredIncome } from './income-stages.js';
import { average } from './length-of-participation.js';
import { BLANK, count, money, rate, row } from './table-kit.js';

type Later = 'annual' | 'exit';

/** An adult's amounts of one category at start (S) and at the later stage (L). */
interface Change {
  person: ReportPerson;
  start: number;
  later: number;
}

/** Columns B–G: each adult in exactly one, by the category's amounts at start and later. */
const MOVES: readonly ((c: Change) => boolean)[] = [
  (c) => c.start > 0 && c.later === 0,
  (c) => c.start > 0 && c.later > 0 && c.later < c.start,
  (c) => c.start > 0 && c.later === c.start,
  (c) => c.start > 0 && c.later > c.start,
  (c) => c.start === 0 && c.later > 0,
  (c) => c.start === 0 && c.later === 0,
];
const GAINED_OR_INCREASED = (c: Change) => MOVES[3]!(c) || MOVES[4]!(c);

/** The columns of the average rows HUD leaves blank: D (same $), G (none at either), J (a percentage); H but for total income. */
const BLANK_AVERAGES = new Set([2, 5, 8]);

const CATEGORIES: readonly [IncomeCategory, string, string][] = [
  ['earned', 'Number of Adults with Earned Income (i.e., Employment Income)', 'Average Change in Earned Income'],
  ['other', 'Number of Adults with Other Income', 'Average Change in Other Income'],
  ['total', 'Number of Adults with Any Income (i.e., Total Income)', 'Average Change in Overall Income'],
];

function header(later: Later): string[] {
  const at = later === 'annual' ? 'Annual Assessment' : 'Exit';
  const universe = later === 'annual' ? 'Adult Stayers with Income Information at Start and Annual Assessment' : 'Adult Leavers with Income Information at Start and Exit';
  return [
    `Income Change by Income Category (Universe: ${universe})`,
    `Had Income Category at Start and Did Not Have It at ${at}`,
    `Retained Income Category But Had Less $ at ${at} Than at Start`,
    `Retained Income Category and Same $ at ${at} as at Start`,
    `Retained Income Category and Increased $ at ${at}`,
    `Did Not Have the Income Category at Start and Gained the Income Category at ${at}`,
    `Did Not Have the Income Category at Start or at ${at}`,
    'Total Adults (including those with No Income)',
    `Performance Measure: Adults who Gained or Increased Income from Start to ${at}, Average Gain`,
    'Performance measure: Percent of persons who accomplished this measure',
  ];
}

/** 4.02 answered Yes or No and a total income known (§1.11): the stage can be compared. */
const comparable = (income: IncomeAtStage) => answeredIncome(income.record) && income.total !== null;

function categoryRows(changes: readonly Change[], category: IncomeCategory, countLabel: string, averageLabel: string): ReportRow[] {
  const groups = [...MOVES.map((move) => changes.filter(move)), [...changes], changes.filter(GAINED_OR_INCREASED)];
  const counts: ReportCell[] = [...groups.map((g) => count(g.map((c) => c.person))), rate(groups[7]!.length, groups[6]!.length)];
  const averages: ReportCell[] = [...groups, []].map((g, i) =>
    BLANK_AVERAGES.has(i) || (i === 6 && category !== 'total') ? BLANK : money(average(g.map((c) => c.later - c.start))),
  );
  return [row(countLabel, counts), row(averageLabel, averages)];
}

function q19a(id: 'Q19a1' | 'Q19a2', title: string, later: Later): ReportQuestion<ReportUniverse> {
  return {
    id,
    title,
    reports: ['apr'],
    compute(universe) {
      const adults = universe.people.filter((p) =>
        p.isAdult && (later === 'annual' ? p.isStayer && p.annualRequired && p.income.annual.record !== null : p.isLeaver),
      );
      const compared = adults.filter((p) => comparable(p.income.start) && comparable(p.income[later]));
      return {
        question: id,
        title,
        header: header(later),
        rows: CATEGORIES.flatMap(([category, countLabel, averageLabel]) => {
          const changes = compared.map((person) => ({
            person,
            start: categoryAmount(person.income.start, category)!,
            later: categoryAmount(person.income[later], category)!,
          }));
          return categoryRows(changes, category, countLabel, averageLabel);
        }),
      };
    },
  };
}

export const q19a1 = q19a('Q19a1', 'Client Cash Income Change - Income Source - by Start and Latest Status', 'annual');
export const q19a2 = q19a('Q19a2', 'Client Cash Income Change - Income Source - by Start and Exit', 'exit');
