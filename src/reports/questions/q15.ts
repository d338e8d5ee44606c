import { answerBucket, DONT_KNOW_LABEL, NOT_COLLECTED_LABEL } from '../definitions/answers.js';
import type { ReportQuestion, ReportRow } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row, titleRow } from './table-kit.js';

/** 3.917.1 by section, as Q15 lists it (§3), each section with its title and subtotal. */
export const LIVING_SITUATION_SECTIONS: readonly { title: string; codes: readonly [number, string][] }[] = [
  {
    title: 'Homeless Situations',
    codes: [
      [116, 'Place not meant for habitation'],
      [101, 'Emergency shelter, including hotel or motel paid for with emergency shelter voucher, Host Home shelter'],
      [118, 'Safe Haven'],
    ],
  },
  {
    title: 'Institutional Settings',
    codes: [
      [215, 'Foster care home or foster care group home'],
      [206, 'Hospital or other residential non-psychiatric medical facility'],
      [207, 'Jail, prison or juvenile detention facility'],
      [225, 'Long-term care facility or nursing home'],
      [204, 'Psychiatric hospital or other psychiatric facility'],
      [205, 'Substance abuse treatment facility or detox center'],
    ],
  },
  {
    title: 'Temporary Situation',
    codes: [
      [302, 'Transitional housing for homeless persons (including homeless youth)'],
      [329, 'Residential project or halfway house with no homeless criteria'],
      [314, 'Hotel or motel paid for without emergency shelter voucher'],
      [332, 'Host Home (non-crisis)'],
      [336, "Staying or living in a friend's room, apartment or house"],
      [335, "Staying or living in a family member's room, apartment or house"],
    ],
  },
  {
    title: 'Permanent Situations',
    codes: [
      [410, 'Rental by client, no ongoing housing subsidy'],
      [435, 'Rental by client, with ongoing housing subsidy'],
      [421, 'Owned by client, with ongoing housing subsidy'],
      [411, 'Owned by client, no ongoing housing subsidy'],
    ],
  },
];

/** Q15's 31 rows for a group of people (Q27d reuses them for youth heads). */
export function livingSituationRows(people: readonly ReportPerson[]): ReportRow[] {
  const situation = (p: ReportPerson) => p.enrollment.livingSituation;
  const rows: ReportRow[] = [];
  for (const section of LIVING_SITUATION_SECTIONS) {
    rows.push(titleRow(section.title, 5));
    for (const [code, label] of section.codes) rows.push(row(label, byHouseholdType(people.filter((p) => situation(p) === code))));
    const codes = new Set(section.codes.map(([c]) => c));
    rows.push(row('Subtotal', byHouseholdType(people.filter((p) => codes.has(situation(p) ?? -1)))));
  }
  const dontKnow = people.filter((p) => answerBucket(situation(p)) === 'dont-know');
  const notCollected = people.filter((p) => answerBucket(situation(p)) === 'not-collected');
  rows.push(row(DONT_KNOW_LABEL, byHouseholdType(dontKnow)), row(NOT_COLLECTED_LABEL, byHouseholdType(notCollected)));
  rows.push(row('Subtotal', byHouseholdType([...dontKnow, ...notCollected])), row('Total', byHouseholdType(people)));
  return rows;
}

export const q15: ReportQuestion<ReportUniverse> = {
  id: 'Q15',
  title: 'Living Situation',
  reports: ['apr', 'caper'],
  compute(universe) {
    return { question: 'Q15', title: this.title, header: householdTypeHeader(), rows: livingSituationRows(universe.people.filter((p) => p.isAdultOrHead)) };
  },
};
