import { INCOME_SOURCES } from '../definitions/sources.js';
import type { ReportQuestion, ReportRow } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { stageCells, stageColumns, withIncomeInformationRow } from './income-stages.js';
import { row } from './table-kit.js';

/**
 * Q17's rows for a group of people: each cash income source answered Yes at start, at the annual assessment (stayers
 * whose assessment was due and found) and at exit; then those who answered 4.02 at start and later, under
 * `informationLabel` (Q27g counts youth).
 */
export function incomeSourceRows(people: readonly ReportPerson[], informationLabel: string): ReportRow[] {
  const columns = stageColumns(people, { found: true });
  const [, [assessed], [leavers]] = columns;
  return [
    ...INCOME_SOURCES.map((source, i) => row(source.label, stageCells(columns, (r) => r?.sources[i] === 1))),
    withIncomeInformationRow(assessed, leavers, informationLabel),
  ];
}

export const INCOME_STAGE_HEADER = [' ', 'Income at Start', 'Income at Latest Annual Assessment for Stayers', 'Income at Exit for Leavers'];

/** Q17: adults with each cash income source answered Yes, at start, at the annual assessment and at exit. */
export const q17: ReportQuestion<ReportUniverse> = {
  id: 'Q17',
  title: 'Cash Income - Sources',
  reports: ['apr', 'caper'],
  compute(universe) {
    return {
      question: 'Q17',
      title: this.title,
      header: INCOME_STAGE_HEADER,
      rows: incomeSourceRows(
        universe.people.filter((p) => p.isAdult),
        'Adults with Income Information at Start and Annual Assessment/Exit',
      ),
    };
  },
};
