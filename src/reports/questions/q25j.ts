/**
 * Q25j Exit Destination – Subsidy Type of Persons Exiting to Rental by Client With An Ongoing Subsidy - Veterans:
 * Q23d's rows for the veterans who left, in Q25a's columns.
 */
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { subsidyTypeRows } from './q23d.js';
import { adultHouseholdTypeHeader, byAdultHouseholdType } from './table-kit.js';

export const q25j: ReportQuestion<ReportUniverse> = {
  id: 'Q25j',
  title: 'Exit Destination – Subsidy Type of Persons Exiting to Rental by Client With An Ongoing Subsidy - Veterans',
  reports: ['apr'],
  compute(universe) {
    return {
      question: 'Q25j',
      title: this.title,
      header: adultHouseholdTypeHeader(),
      rows: subsidyTypeRows(
        universe.people.filter((p) => p.isVeteran && p.isLeaver),
        byAdultHouseholdType,
      ),
    };
  },
};
