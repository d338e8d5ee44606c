import { INCOME_SOURCES } from '../definitions/sources.js';
import type { ReportCell, ReportQuestion } from '../report.model.js';
import type { HouseholdType, ReportPerson, ReportUniverse } from '../universe.model.js';
import { answeredIncome } from './income-stages.js';
import { BLANK, count, rate, row } from './table-kit.js';

/** Q19b's household types (no child-only columns), with their header prefixes. */
const TYPES: readonly [HouseholdType, string][] = [
  ['adults-only', 'AO'],
  ['adults-and-children', 'AC'],
  ['unknown', 'UK'],
];

/**
 * Q19b: adult leavers who answered 3.08 Disabling Condition and 4.02 at exit Yes or No, by income source at exit and by
 * household type: with, without, total and the share with a disabling condition.
 */
export const q19b: ReportQuestion<ReportUniverse> = {
  id: 'Q19b',
  title: 'Disabling Conditions and Income for Adults at Exit',
  reports: ['apr', 'caper'],
  compute(universe) {
    const leavers = universe.people.filter(
      (p) => p.isAdult && p.isLeaver && (p.enrollment.disablingCondition === 0 || p.enrollment.disablingCondition === 1) && answeredIncome(p.income.exit.record),
    );
    const cells = (people: ReportPerson[], percentage: boolean): ReportCell[] =>
      TYPES.flatMap(([type]) => {
        const ofType = people.filter((p) => p.householdType === type);
        const disabled = ofType.filter((p) => p.enrollment.disablingCondition === 1);
        const share = percentage ? rate(disabled.length, ofType.length) : BLANK;
        return [count(disabled), count(ofType.filter((p) => p.enrollment.disablingCondition === 0)), count(ofType), share];
      });
    return {
      question: 'Q19b',
      title: this.title,
      header: [
        ' ',
        ...TYPES.flatMap(([, prefix]) => [
          `${prefix}: Adult with Disabling Condition`,
          `${prefix}: Adult without Disabling Condition`,
          `${prefix}: Total Adults`,
          `${prefix}: % with Disabling Condition by Source`,
        ]),
      ],
      rows: [
        ...INCOME_SOURCES.map((source, i) => row(source.label, cells(leavers.filter((p) => p.income.exit.record?.sources[i] === 1), true))),
        row('No Sources', cells(leavers.filter((p) => p.income.exit.record?.incomeFromAnySource === 0), true)),
        row('Unduplicated Total Adults', cells(leavers, false)),
      ],
    };
  },
};
