/**
 * The three columns of the income, benefit and insurance tables (Q16, Q17, Q18, Q20a, Q21): at start for everyone, at the
 * annual assessment for stayers whose assessment was due (§1.11), at exit for leavers, each with its record.
 */
import type { ReportCell, ReportRow } from '../report.model.js';
import type { IncomeAtStage, IncomeRecord, ReportPerson } from '../universe.model.js';
import { BLANK, count, row } from './table-kit.js';

export type StageColumn = [people: ReportPerson[], at: (p: ReportPerson) => IncomeAtStage];

/** Start: `people`; annual: their stayers whose assessment was required (and, with `found`, recorded); exit: leavers. */
export function stageColumns(people: readonly ReportPerson[], options: { found: boolean; leavers?: ReportPerson[] }): [StageColumn, StageColumn, StageColumn] {
  const assessed = people.filter((p) => p.isStayer && p.annualRequired && (!options.found || p.income.annual.record !== null));
  return [
    [[...people], (p) => p.income.start],
    [assessed, (p) => p.income.annual],
    [options.leavers ?? people.filter((p) => p.isLeaver), (p) => p.income.exit],
  ];
}

/** One count per column: the people whose record at that stage passes `test` (no record: `test(null)`). */
export function stageCells(columns: readonly StageColumn[], test: (record: IncomeRecord | null) => boolean): ReportCell[] {
  return columns.map(([people, at]) => count(people.filter((p) => test(at(p).record))));
}

/** 4.02–4.04 "from any source" answered Yes or No (the "with information" rows of Q17, Q18 and Q19). */
export const answeredIncome = (record: IncomeRecord | null) => record?.incomeFromAnySource === 0 || record?.incomeFromAnySource === 1;

/**
 * The "with information" row of Q17 and Q18: B blank; C the assessed stayers, D the leavers, who answered 4.02 at
 * start and at that later stage.
 */
export function withIncomeInformationRow(
  assessed: readonly ReportPerson[],
  leavers: readonly ReportPerson[],
  label = 'Adults with Income Information at Start and Annual Assessment/Exit',
): ReportRow {
  const answered = (people: readonly ReportPerson[], later: 'annual' | 'exit') =>
    count(people.filter((p) => answeredIncome(p.income.start.record) && answeredIncome(p.income[later].record)));
  return row(label, [BLANK, answered(assessed, 'annual'), answered(leavers, 'exit')]);
}

/** Who a table counts, in its labels: Q16 and Q18 count adults, Q27h youth (HUD's "adult" → "youth"). */
export interface PersonWords {
  /** "adult": "Number of adult stayers …". */
  singular: string;
  /** "Adults": "Total Adults". */
  plural: string;
}

export const ADULT_WORDS: PersonWords = { singular: 'adult', plural: 'Adults' };

/**
 * The closing rows of Q16, Q18 and Q27h over their people: the stayers not yet due an annual assessment and those due
 * without one (column C only), then the totals — all the people, all their stayers (for adults, = Q5a's), leavers.
 */
export function annualAssessmentRows(people: readonly ReportPerson[], words: PersonWords = ADULT_WORDS): ReportRow[] {
  const stayers = people.filter((p) => p.isStayer);
  return [
    row(`Number of ${words.singular} stayers not yet required to have an annual assessment`, [BLANK, count(stayers.filter((p) => !p.annualRequired)), BLANK]),
    row(`Number of ${words.singular} stayers without required annual assessment`, [
      BLANK,
      count(stayers.filter((p) => p.annualRequired && p.income.annual.record === null)),
      BLANK,
    ]),
    row(`Total ${words.plural}`, [count(people), count(stayers), count(people.filter((p) => p.isLeaver))]),
  ];
}
