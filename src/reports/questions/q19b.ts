import { INCOME_SOURCES } from '../definitions/sources.js';
import type { ReportCell, ReportQuestion, ReportTable } from '../report.model.js';
import type { HouseholdType, ReportPerson, ReportUniverse } from '../universe.model.js';
import { answeredIncome } from './income-stages.js';
import { BLANK, count, rate, row } from './table-kit.js';

/** The header prefix of each household type in the "disabling conditions and income at exit" tables. */
const PREFIXES: Record<HouseholdType, string> = { 'adults-only': 'AO', 'adults-and-children': 'AC', 'children-only': 'CO', unknown: 'UK' };

/** Who a "disabling conditions and income at exit" table counts, in which household types, and its words for them. */
export interface DisablingConditionLayout {
  types: readonly HouseholdType[];
  /** "Adult" / "Youth", "Total Adults" / "Total Youths", and the last row's label. */
  person: string;
  total: string;
  unduplicatedTotal: string;
}

/**
 * Q19b's table (Q27i for youth): leavers of `people` who answered 3.08 Disabling Condition and 4.02 at exit Yes or No,
 * by income source at exit and by household type: with, without, total and the share with a disabling condition.
 */
export function disablingConditionTable(question: string, title: string, people: readonly ReportPerson[], layout: DisablingConditionLayout): ReportTable {
  const leavers = people.filter(
    (p) => p.isLeaver && (p.enrollment.disablingCondition === 0 || p.enrollment.disablingCondition === 1) && answeredIncome(p.income.exit.record),
  );
  const cells = (chosen: ReportPerson[], percentage: boolean): ReportCell[] =>
    layout.types.flatMap((type) => {
      const ofType = chosen.filter((p) => p.householdType === type);
      const disabled = ofType.filter((p) => p.enrollment.disablingCondition === 1);
      const share = percentage ? rate(disabled.length, ofType.length) : BLANK;
      return [count(disabled), count(ofType.filter((p) => p.enrollment.disablingCondition === 0)), count(ofType), share];
    });
  return {
    question,
    title,
    header: [
      ' ',
      ...layout.types.flatMap((type) => [
        `${PREFIXES[type]}: ${layout.person} with Disabling Condition`,
        `${PREFIXES[type]}: ${layout.person} without Disabling Condition`,
        `${PREFIXES[type]}: ${layout.total}`,
        `${PREFIXES[type]}: % with Disabling Condition by Source`,
      ]),
    ],
    rows: [
      ...INCOME_SOURCES.map((source, i) => row(source.label, cells(leavers.filter((p) => p.income.exit.record?.sources[i] === 1), true))),
      row('No Sources', cells(leavers.filter((p) => p.income.exit.record?.incomeFromAnySource === 0), true)),
      row(layout.unduplicatedTotal, cells(leavers, false)),
    ],
  };
}

/** Q19b: adult leavers, in households without children, with children and adults, or of unknown type (no child-only columns). */
export const q19b: ReportQuestion<ReportUniverse> = {
  id: 'Q19b',
  title: 'Disabling Conditions and Income for Adults at Exit',
  reports: ['apr', 'caper'],
  compute(universe) {
    return disablingConditionTable(
      'Q19b',
      this.title,
      universe.people.filter((p) => p.isAdult),
      { types: ['adults-only', 'adults-and-children', 'unknown'], person: 'Adult', total: 'Total Adults', unduplicatedTotal: 'Unduplicated Total Adults' },
    );
  },
};
