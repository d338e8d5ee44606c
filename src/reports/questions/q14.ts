import { answerBucket, DONT_KNOW_LABEL, NOT_COLLECTED_LABEL } from '../definitions/answers.js';
import type { ReportQuestion } from '../report.model.js';
import type { HealthAndDvRecord, ReportPerson, ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

/** The latest 4.11 answer of the reported stay up to the report end (ties: the later update). */
function latestDv(p: ReportPerson, reportEnd: string): HealthAndDvRecord | null {
  return p.enrollment.healthAndDv.filter((r) => r.informationDate <= reportEnd && r.domesticViolenceSurvivor !== null).at(-1) ?? null;
}

/** Rows by a code: the answered codes with their labels, then DK/PNTA, Data Not Collected and Total. */
function codeRows(people: readonly ReportPerson[], code: (p: ReportPerson) => number | null, answers: readonly [number, string][]) {
  return [
    ...answers.map(([c, label]) => row(label, byHouseholdType(people.filter((p) => code(p) === c)))),
    row(DONT_KNOW_LABEL, byHouseholdType(people.filter((p) => answerBucket(code(p)) === 'dont-know'))),
    row(NOT_COLLECTED_LABEL, byHouseholdType(people.filter((p) => answerBucket(code(p)) === 'not-collected'))),
    row('Total', byHouseholdType(people)),
  ];
}

export const q14a: ReportQuestion<ReportUniverse> = {
  id: 'Q14a',
  title: 'Domestic Violence History',
  reports: ['apr', 'caper'],
  compute(universe, params) {
    const people = universe.people.filter((p) => p.isAdultOrHead);
    const survivor = (p: ReportPerson) => latestDv(p, params.to)?.domesticViolenceSurvivor ?? null;
    return { question: 'Q14a', title: this.title, header: householdTypeHeader(), rows: codeRows(people, survivor, [[1, 'Yes'], [0, 'No']]) };
  },
};

export const q14b: ReportQuestion<ReportUniverse> = {
  id: 'Q14b',
  title: 'Most recent experience of domestic violence, sexual assault, dating violence, stalking, or human trafficking',
  reports: ['apr', 'caper'],
  compute(universe, params) {
    const survivors = universe.people.filter((p) => p.isAdultOrHead && latestDv(p, params.to)?.domesticViolenceSurvivor === 1);
    const when = (p: ReportPerson) => latestDv(p, params.to)?.whenOccurred ?? null;
    return {
      question: 'Q14b',
      title: this.title,
      header: householdTypeHeader(),
      rows: codeRows(survivors, when, [
        [1, 'Within the past three months'],
        [2, 'Three to six months ago'],
        [3, 'Six months to one year'],
        [4, 'One year ago, or more'],
      ]),
    };
  },
};
