/**
 * Q25a Number of Veterans: every adult, by veteran status (3.07) and, for veterans, chronic homelessness (§1.8), in
 * the household-type columns without "With Only Children" (a veteran is an adult, §1.9).
 */
import { DONT_KNOW_LABEL, NOT_COLLECTED_LABEL } from '../definitions/answers.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { adultHouseholdTypeHeader, byAdultHouseholdType, row } from './table-kit.js';

/** Q25a's rows, which are also Q25b's categories of a household, in HUD's order. */
export const VETERAN_CATEGORIES = [
  'Chronically Homeless Veteran',
  'Non-Chronically Homeless Veteran',
  'Not a Veteran',
  DONT_KNOW_LABEL,
  NOT_COLLECTED_LABEL,
] as const;

/** An adult's row in Q25a: the first that applies, so that the rows add up to the adults (Data Lab's order). */
export function veteranCategory(adult: ReportPerson): (typeof VETERAN_CATEGORIES)[number] {
  if (adult.isVeteran) return adult.chronic === 'yes' ? 'Chronically Homeless Veteran' : 'Non-Chronically Homeless Veteran';
  if (adult.client.veteranStatus === 0) return 'Not a Veteran';
  return adult.veteranAnswer === 'dont-know' ? DONT_KNOW_LABEL : NOT_COLLECTED_LABEL;
}

export const q25a: ReportQuestion<ReportUniverse> = {
  id: 'Q25a',
  title: 'Number of Veterans',
  reports: ['apr', 'caper'],
  compute(universe) {
    const adults = universe.people.filter((p) => p.isAdult);
    return {
      question: 'Q25a',
      title: this.title,
      header: adultHouseholdTypeHeader(),
      rows: [
        ...VETERAN_CATEGORIES.map((category) => row(category, byAdultHouseholdType(adults.filter((p) => veteranCategory(p) === category)))),
        row('Total', byAdultHouseholdType(adults)),
      ],
    };
  },
};
