import { pointInTimeDates, presentOn, type PitStay } from '../definitions/point-in-time.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

/** The people present on each day, in one pass over them (each one's stay is built once, not once per day). */
export function presentOnDays(people: readonly ReportPerson[], days: readonly string[]): ReportPerson[][] {
  const present = days.map((): ReportPerson[] => []);
  for (const p of people) {
    const e = p.enrollment;
    const stay: PitStay = { projectType: p.projectType, entryDate: e.entryDate, exitDate: e.exitDate, moveInDate: p.moveInDate, bedNights: e.bedNights };
    for (let i = 0; i < days.length; i++) if (presentOn(stay, days[i]!)) present[i]!.push(p);
  }
  return present;
}

export const q07b: ReportQuestion<ReportUniverse> = {
  id: 'Q7b',
  title: 'Point-in-Time Count of Persons on the Last Wednesday',
  reports: ['apr', 'caper'],
  compute(universe, params) {
    const dates = pointInTimeDates(params.to);
    const present = presentOnDays(universe.people, dates.map((d) => d.date));
    return {
      question: 'Q7b',
      title: this.title,
      header: householdTypeHeader(),
      rows: dates.map(({ label }, i) => row(label, byHouseholdType(present[i]!))),
    };
  },
};
