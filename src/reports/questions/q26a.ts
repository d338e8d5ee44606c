/**
 * Q26a Chronic Homeless Status - Number of Households w/at least one or more CH person: each household, counted
 * through its head, by the statuses of its head and adults only (children's never make it): chronically homeless
 * if any is, else don't know if any is, else data not collected if any is, else not chronically homeless (Data
 * Lab; decided in docs/reports.md). The statuses are the reported ones (§1.8 with the household rule).
 */
import { householdChronicStatus, type ChronicStatus } from '../../hud/chronic-homelessness.js';
import { CHRONIC_STATUS_ROWS } from '../definitions/chronic.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

export const q26a: ReportQuestion<ReportUniverse> = {
  id: 'Q26a',
  title: 'Chronic Homeless Status - Number of Households w/at least one or more CH person',
  reports: ['apr'],
  compute(universe) {
    const adultsAndHeads = new Map<string, { isHeadOrAdult: boolean; status: ChronicStatus }[]>();
    for (const p of universe.people.filter((x) => x.isAdultOrHead)) {
      const member = { isHeadOrAdult: true, status: p.chronic };
      const members = adultsAndHeads.get(p.enrollment.householdId);
      if (members) members.push(member);
      else adultsAndHeads.set(p.enrollment.householdId, [member]);
    }
    const heads = universe.people.filter((p) => p.isHead);
    const statusOf = new Map(heads.map((h) => [h, householdChronicStatus(adultsAndHeads.get(h.enrollment.householdId)!)]));
    return {
      question: 'Q26a',
      title: this.title,
      header: householdTypeHeader(),
      rows: [...CHRONIC_STATUS_ROWS.map((r) => row(r.label, byHouseholdType(heads.filter((h) => statusOf.get(h) === r.status)))), row('Total', byHouseholdType(heads))],
    };
  },
};
