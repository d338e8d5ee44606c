import { answerBucket, DONT_KNOW_LABEL, NOT_COLLECTED_LABEL } from '../definitions/answers.js';
import { INSURANCE_SOURCES } from '../definitions/sources.js';
import type { ReportQuestion } from '../report.model.js';
import type { IncomeRecord, ReportUniverse } from '../universe.model.js';
import { stageCells, stageColumns } from './income-stages.js';
import { BLANK, count, row } from './table-kit.js';

const sourcesOf = (r: IncomeRecord | null) => (r?.insurance ?? []).filter((flag) => flag === 1).length;

/**
 * Q21: every client (not only adults) by insurance source at start, at the annual assessment (stayers whose
 * assessment was due; one due but missing is Data Not Collected) and at exit; without a source by 4.04's answer.
 */
export const q21: ReportQuestion<ReportUniverse> = {
  id: 'Q21',
  title: 'Health Insurance',
  reports: ['apr', 'caper'],
  compute(universe) {
    const people = universe.people;
    const columns = stageColumns(people, { found: false });
    const none = (bucket: 'answered' | 'dont-know' | 'not-collected') => (r: IncomeRecord | null) =>
      sourcesOf(r) === 0 && answerBucket(r?.insuranceFromAnySource) === bucket;
    return {
      question: 'Q21',
      title: this.title,
      header: [' ', 'At Start', 'At Annual Assessment for Stayers', 'At Exit for Leavers'],
      rows: [
        ...INSURANCE_SOURCES.map((source, i) => row(source.label, stageCells(columns, (r) => r?.insurance[i] === 1))),
        row('No Health Insurance', stageCells(columns, none('answered'))),
        row(DONT_KNOW_LABEL, stageCells(columns, none('dont-know'))),
        row(NOT_COLLECTED_LABEL, stageCells(columns, none('not-collected'))),
        row('Number of Stayers not yet Required To Have an Annual Assessment', [BLANK, count(people.filter((p) => p.isStayer && !p.annualRequired)), BLANK]),
        row('1 Source of Health Insurance', stageCells(columns, (r) => sourcesOf(r) === 1)),
        row('More than 1 Source of Health Insurance', stageCells(columns, (r) => sourcesOf(r) > 1)),
      ],
    };
  },
};
