import { RENTAL_SUBSIDY_TYPE, RENTAL_SUBSIDY_TYPES, RENTAL_WITH_SUBSIDY } from '../../hud/enrollment-code-lists.js';
import { reportedDestination } from '../definitions/destinations.js';
import type { ReportQuestion, ReportRow } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

const HOMELESSNESS_PREVENTION = 12;

/**
 * The leavers Q23d counts among `leavers`: to "rental by client, with ongoing housing subsidy" (435) with a valid
 * subsidy type, HP projects excepted (the question is not asked of them).
 */
export function exitedToSubsidizedRental(leavers: readonly ReportPerson[]): ReportPerson[] {
  return leavers.filter(
    (p) => p.projectType !== HOMELESSNESS_PREVENTION && reportedDestination(p.enrollment.destination, p.enrollment.destinationSubsidyType) === RENTAL_WITH_SUBSIDY,
  );
}

/** Q23d's rows for a group of such leavers: one per 3.12.A subsidy type in HUD's order, then Total (Q25j takes the same). */
export function subsidyTypeRows(people: readonly ReportPerson[], cells = (chosen: readonly ReportPerson[]) => byHouseholdType(chosen)): ReportRow[] {
  return [
    ...RENTAL_SUBSIDY_TYPES.map((code) =>
      row(RENTAL_SUBSIDY_TYPE[code as keyof typeof RENTAL_SUBSIDY_TYPE], cells(people.filter((p) => p.enrollment.destinationSubsidyType === code))),
    ),
    row('Total', cells(people)),
  ];
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
      rows: subsidyTypeRows(exitedToSubsidizedRental(universe.people.filter((p) => p.isLeaver))),
    };
  },
};
