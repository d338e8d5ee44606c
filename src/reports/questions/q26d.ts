/**
 * Q26d Age of Chronically Homeless Persons: the chronically homeless persons (§1.8) by age, every child in one row,
 * by household type; HUD leaves blank the children of adult-only households and the adults and unknown ages of
 * child-only ones (C2, E3–E10).
 */
import { CHRONIC_AGE_BRACKETS } from '../definitions/age.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { ageRows } from './age-rows.js';
import { byHouseholdType, householdTypeHeader } from './table-kit.js';

export const q26d: ReportQuestion<ReportUniverse> = {
  id: 'Q26d',
  title: 'Age of Chronically Homeless Persons',
  reports: ['apr'],
  compute(universe) {
    return {
      question: 'Q26d',
      title: this.title,
      header: householdTypeHeader(),
      rows: ageRows(
        universe.people.filter((p) => p.chronic === 'yes'),
        CHRONIC_AGE_BRACKETS,
        (people, kind) => byHouseholdType(people, kind === 'child' ? ['adults-only'] : kind === 'total' ? [] : ['children-only']),
      ),
    };
  },
};
