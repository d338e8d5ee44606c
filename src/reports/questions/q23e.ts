import { DESTINATION_GROUPS, destinationGroup, reportedDestination } from '../definitions/destinations.js';
import { groupByRace, RACE_GROUPS } from '../definitions/race.js';
import type { ReportCell, ReportQuestion } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { count, row } from './table-kit.js';

const groupOf = (p: ReportPerson) => destinationGroup(reportedDestination(p.enrollment.destination, p.enrollment.destinationSubsidyType));

/** Total, then one cell per race and ethnicity group (§1.15). */
const byRace = (people: readonly ReportPerson[]): ReportCell[] => [count(people), ...groupByRace(RACE_GROUPS, people, (p) => p.client).map(count)];

/**
 * Q23e Exit Destination Type by Race and Ethnicity (APR, CAPER; reference §3 Q23e): leavers by the group of their
 * destination (§1.13; as Q23c counts it, so each row's total is Q23c's subtotal), Total and one column per group.
 */
export const q23e: ReportQuestion<ReportUniverse> = {
  id: 'Q23e',
  title: 'Exit Destination Type by Race and Ethnicity',
  reports: ['apr', 'caper'],
  compute(universe) {
    const leavers = universe.people.filter((p) => p.isLeaver);
    return {
      question: 'Q23e',
      title: this.title,
      header: ['', 'Total', ...RACE_GROUPS.map((g) => g.label)],
      rows: [...DESTINATION_GROUPS.map((group) => row(group.label, byRace(leavers.filter((p) => groupOf(p) === group)))), row('Total', byRace(leavers))],
    };
  },
};
