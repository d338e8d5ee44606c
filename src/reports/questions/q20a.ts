import { BENEFIT_SOURCES } from '../definitions/sources.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { stageCells, stageColumns } from './income-stages.js';
import { row } from './table-kit.js';

/** Q20a column D: adult leavers who are the head of household or left on the day the head left. */
export function benefitLeavers(universe: ReportUniverse, adults: readonly ReportPerson[]): ReportPerson[] {
  return adults.filter((p) => {
    if (!p.isLeaver) return false;
    if (p.isHead) return true;
    const heads = (universe.households.get(p.enrollment.householdId) ?? []).filter((e) => e.relationshipToHoh === 1);
    return heads.some((h) => h.exitDate === p.enrollment.exitDate);
  });
}

/** Q20a: adults with each non-cash benefit answered Yes, at start, at the annual assessment and at exit. */
export const q20a: ReportQuestion<ReportUniverse> = {
  id: 'Q20a',
  title: 'Type of Non-Cash Benefit Sources',
  reports: ['apr', 'caper'],
  compute(universe) {
    const adults = universe.people.filter((p) => p.isAdult);
    const columns = stageColumns(adults, { found: false, leavers: benefitLeavers(universe, adults) });
    return {
      question: 'Q20a',
      title: this.title,
      header: [' ', 'Benefit at Start', 'Benefit at Latest Annual Assessment for Stayers', 'Benefit at Exit for Leavers'],
      rows: BENEFIT_SOURCES.map((source, i) => row(source.label, stageCells(columns, (r) => r?.benefits[i] === 1))),
    };
  },
};
