import type { ReportQuestion } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { count, row } from './table-kit.js';

/** Q5a rows (§3): label and who is counted. */
const ROWS: readonly [string, (p: ReportPerson) => boolean][] = [
  ['Total number of persons served', () => true],
  ['Number of adults (age 18 or over)', (p) => p.isAdult],
  ['Number of children (under age 18)', (p) => p.isChild],
  ['Number of persons with unknown age', (p) => p.age === null],
  ['Number of leavers', (p) => p.isLeaver],
  ['Number of adult leavers', (p) => p.isLeaver && p.isAdult],
  ['Number of adult and head of household leavers', (p) => p.isLeaver && p.isAdultOrHead],
  ['Number of stayers', (p) => p.isStayer],
  ['Number of adult stayers', (p) => p.isStayer && p.isAdult],
  ['Number of veterans', (p) => p.isVeteran],
  ['Number of chronically homeless persons', (p) => p.chronic === 'yes'],
  ['Number of youth under age 25', (p) => p.isYouth],
  ['Number of parenting youth under age 25 with children', (p) => p.isParentingYouth],
  ['Number of adult heads of household', (p) => p.isHead && p.isAdult],
  ['Number of child and unknown-age heads of household', (p) => p.isHead && !p.isAdult],
  ['Heads of households and adult stayers in the project 365 days or more', (p) => p.isLongStayer],
];

export const q05a: ReportQuestion<ReportUniverse> = {
  id: 'Q5a',
  title: 'Report Validations Table',
  reports: ['apr', 'caper', 'dq'],
  compute(universe) {
    const dq = universe.people.filter((p) => p.inDqUniverse);
    return {
      question: 'Q5a',
      title: this.title,
      header: ['Category', 'Count of Clients for DQ', 'Count of Clients'],
      rows: ROWS.map(([label, test]) => row(label, [count(dq.filter(test)), count(universe.people.filter(test))])),
    };
  },
};
