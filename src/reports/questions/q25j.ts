/**
 * Q25j Exit Destination – Subsidy Type of Persons Exiting to Rental by Client With An Ongoing Subsidy - Veterans:
 * Q23d's rows (definitions/subsidies.ts) for the veterans who left, in Q25a's columns.
 */
import { exitSubsidyType, SUBSIDY_TYPE_ROWS } from '../definitions/subsidies.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { adultHouseholdTypeHeader, byAdultHouseholdType, row } from './table-kit.js';

const subsidyOf = (p: ReportPerson) => exitSubsidyType(p.enrollment.destination, p.enrollment.destinationSubsidyType, p.projectType);

export const q25j: ReportQuestion<ReportUniverse> = {
  id: 'Q25j',
  title: 'Exit Destination – Subsidy Type of Persons Exiting to Rental by Client With An Ongoing Subsidy - Veterans',
  reports: ['apr'],
  compute(universe) {
    const veterans = universe.people.filter((p) => p.isVeteran && p.isLeaver && subsidyOf(p) !== null);
    return {
      question: 'Q25j',
      title: this.title,
      header: adultHouseholdTypeHeader(),
      rows: [
        ...SUBSIDY_TYPE_ROWS.map((s) => row(s.label, byAdultHouseholdType(veterans.filter((p) => subsidyOf(p) === s.code)))),
        row('Total', byAdultHouseholdType(veterans)),
      ],
    };
  },
};
