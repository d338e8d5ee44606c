import { exitSubsidyType, SUBSIDY_TYPE_ROWS } from '../definitions/subsidies.js';
import type { ReportCell, ReportQuestion, ReportRow } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

const subsidyOf = (p: ReportPerson) => exitSubsidyType(p.enrollment.destination, p.enrollment.destinationSubsidyType, p.projectType);

/**
 * Q23d's rows for a group of leavers (Q25j takes them for veterans, Q27f2 for youth): those who exited to rental with
 * an ongoing subsidy (definitions/subsidies.ts), one row per 3.12.A subsidy type in HUD's order, then Total; `cells`
 * lays out a row's people in the table's columns.
 */
export function subsidyTypeRows(leavers: readonly ReportPerson[], cells: (people: readonly ReportPerson[]) => ReportCell[] = byHouseholdType): ReportRow[] {
  const counted = leavers.filter((p) => subsidyOf(p) !== null);
  return [...SUBSIDY_TYPE_ROWS.map((s) => row(s.label, cells(counted.filter((p) => subsidyOf(p) === s.code)))), row('Total', cells(counted))];
}

/** Q23d Exit Destination – Subsidy Type of Persons Exiting to Rental by Client With An Ongoing Subsidy (APR, CAPER; reference §3 Q23d). */
export const q23d: ReportQuestion<ReportUniverse> = {
  id: 'Q23d',
  title: 'Exit Destination – Subsidy Type of Persons Exiting to Rental by Client With An Ongoing Subsidy',
  reports: ['apr', 'caper'],
  compute(universe) {
    return {
      question: 'Q23d',
      title: this.title,
      header: householdTypeHeader(),
      rows: subsidyTypeRows(universe.people.filter((p) => p.isLeaver)),
    };
  },
};
