import { INCOME_SOURCES } from '../definitions/sources.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { stageCells, stageColumns, withIncomeInformationRow } from './income-stages.js';
import { row } from './table-kit.js';

/** Q17: adults with each cash income source answered Yes, at start, at the annual assessment and at exit. */
export const q17: ReportQuestion<ReportUniverse> = {
  id: 'Q17',
  title: 'Cash Income - Sources',
  reports: ['apr', 'caper'],
  compute(universe) {
    const adults = universe.people.filter((p) => p.isAdult);
    const columns = stageColumns(adults, { found: true });
    const [, [assessed], [leavers]] = columns;
    return {
      question: 'Q17',
      title: this.title,
      header: [' ', 'Income at Start', 'Income at Latest Annual Assessment for Stayers', 'Income at Exit for Leavers'],
      rows: [
        ...INCOME_SOURCES.map((source, i) => row(source.label, stageCells(columns, (r) => r?.sources[i] === 1))),
        withIncomeInformationRow(assessed, leavers),
      ],
    };
  },
};
