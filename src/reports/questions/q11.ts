import { AGE_BRACKETS } from '../definitions/age.js';
import { DONT_KNOW_LABEL, NOT_COLLECTED_LABEL } from '../definitions/answers.js';
import { HOUSEHOLD_TYPE_COLUMNS } from '../definitions/household.js';
import type { ReportQuestion, ReportRow } from '../report.model.js';
import type { HouseholdType, ReportPerson, ReportUniverse } from '../universe.model.js';
import { BLANK, byHouseholdType, householdTypeHeader, row } from './table-kit.js';

/** How an age table by household type is laid out: its brackets and the cells HUD leaves empty. */
export interface AgeTableLayout {
  brackets: readonly { label: string; min: number; max: number }[];
  /** The household types whose cell HUD leaves empty in a bracket's row (children in adult-only households …). */
  blankIn(bracket: { min: number; max: number }): readonly HouseholdType[];
  /** The unknown-age rows are wholly empty where everyone counted has a known age (Q27a's youth). */
  unknownAgesBlank: boolean;
  totalBlank: readonly HouseholdType[];
}

/** A row per age bracket, the two unknown-age rows and the total (Q11; Q27a for youth). */
export function ageRows(people: readonly ReportPerson[], layout: AgeTableLayout): ReportRow[] {
  const unknown = (label: string, group: ReportPerson['ageGroup']) =>
    row(label, layout.unknownAgesBlank ? [BLANK, ...HOUSEHOLD_TYPE_COLUMNS.map(() => BLANK)] : byHouseholdType(people.filter((p) => p.ageGroup === group)));
  return [
    ...layout.brackets.map((b) => row(b.label, byHouseholdType(people.filter((p) => p.age !== null && p.age >= b.min && p.age <= b.max), layout.blankIn(b)))),
    unknown(DONT_KNOW_LABEL, 'dont-know'),
    unknown(NOT_COLLECTED_LABEL, 'not-collected'),
    row('Total', byHouseholdType(people, layout.totalBlank)),
  ];
}

export const q11: ReportQuestion<ReportUniverse> = {
  id: 'Q11',
  title: 'Age',
  reports: ['apr', 'caper'],
  compute(universe) {
    return {
      question: 'Q11',
      title: this.title,
      header: householdTypeHeader(),
      rows: ageRows(universe.people, {
        brackets: AGE_BRACKETS,
        blankIn: (b) => (b.min < 18 ? ['adults-only'] : ['children-only']),
        unknownAgesBlank: false,
        totalBlank: [],
      }),
    };
  },
};
