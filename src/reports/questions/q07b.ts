import { pointInTimeDates, presentOn } from '../definitions/point-in-time.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

export const isPresent = (p: ReportPerson, day: string) => presentOn({ ...p.enrollment, projectType: p.projectType, moveInDate: p.moveInDate }, day);

export const q07b: ReportQuestion<ReportUniverse> = {
  id: 'Q7b',
  title: 'Point-in-Time Count of Persons on the Last Wednesday',
  reports: ['apr', 'caper'],
  compute(universe, params) {
    return {
      question: 'Q7b',
      title: this.title,
      header: householdTypeHeader(),
      rows: pointInTimeDates(params.to).map(({ label, date }) => row(label, byHouseholdType(universe.people.filter((p) => isPresent(p, date))))),
    };
  },
};
