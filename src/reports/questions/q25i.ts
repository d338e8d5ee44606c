/** Q25i Exit Destination - Veterans: Q23c's rows and columns for the veterans who left. */
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { destinationRows } from './q23c.js';
import { householdTypeHeader } from './table-kit.js';

export const q25i: ReportQuestion<ReportUniverse> = {
  id: 'Q25i',
  title: 'Exit Destination - Veterans',
  reports: ['apr'],
  compute(universe) {
    return { question: 'Q25i', title: this.title, header: householdTypeHeader(), rows: destinationRows(universe.people.filter((p) => p.isVeteran && p.isLeaver)) };
  },
};
