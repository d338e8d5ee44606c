/**
 * Q13a1/b1/c1 Physical and Mental Health Conditions at Start / at Exit / for Stayers, and Q13a2/b2/c2 Number of
 * Conditions: the same universes (all clients; leavers; stayers) and columns, by household type with the adults
 * and children of mixed households apart.
 */
import { DONT_KNOW_LABEL, NOT_COLLECTED_LABEL } from '../definitions/answers.js';
import { conditionCount, conditionRecords, CONDITIONS, hasCondition } from '../definitions/conditions.js';
import type { ReportCell, ReportParams, ReportQuestion, ReportRow, ReportTable } from '../report.model.js';
import type { DisabilityRecord, ReportPerson, ReportUniverse } from '../universe.model.js';
import { count, row } from './table-kit.js';

const HEADER = [
  ' ',
  'Total Persons',
  'Without Children',
  'Adults in HH with Children & Adults',
  'Children in HH with Children & Adults',
  'With Only Children',
  'Unknown Household Type',
];

/** Unknown-age members of mixed households go to the unknown column (OP). */
function cells(people: readonly ReportPerson[]): ReportCell[] {
  const mixed = people.filter((p) => p.householdType === 'adults-and-children');
  return [
    count(people),
    count(people.filter((p) => p.householdType === 'adults-only')),
    count(mixed.filter((p) => p.isAdult)),
    count(mixed.filter((p) => p.isChild)),
    count(people.filter((p) => p.householdType === 'children-only')),
    count(people.filter((p) => p.householdType === 'unknown' || (p.householdType === 'adults-and-children' && p.age === null))),
  ];
}

type Stage = 'start' | 'exit' | 'latest';
const STAGES: Record<Stage, { suffix: string; title: string; who: (p: ReportPerson) => boolean }> = {
  start: { suffix: 'a', title: 'at Start', who: () => true },
  exit: { suffix: 'b', title: 'at Exit', who: (p) => p.isLeaver },
  latest: { suffix: 'c', title: 'for Stayers', who: (p) => p.isStayer },
};

function withRecords(universe: ReportUniverse, params: ReportParams, stage: Stage): [ReportPerson, DisabilityRecord[]][] {
  return universe.people
    .filter(STAGES[stage].who)
    .map((p) => [p, conditionRecords(p.enrollment.disabilities, stage, p.enrollment.exitDate, params.to)] as [ReportPerson, DisabilityRecord[]]);
}

/** One Q13 table: its number (1 conditions, 2 number of conditions), its stage and its rows. */
function q13Table(
  stage: Stage,
  table: 1 | 2,
  title: string,
  reports: ReportQuestion<ReportUniverse>['reports'],
  rows: (people: [ReportPerson, DisabilityRecord[]][]) => ReportRow[],
): ReportQuestion<ReportUniverse> {
  const id = `Q13${STAGES[stage].suffix}${table}`;
  return {
    id,
    title: `${title} ${STAGES[stage].title}`,
    reports,
    compute(universe, params): ReportTable {
      return { question: id, title: this.title, header: HEADER, rows: rows(withRecords(universe, params, stage)) };
    },
  };
}

const COUNT_ROWS: readonly [string, (n: number, disabling: number | null) => boolean][] = [
  ['None', (n, d) => n === 0 && d === 0],
  ['1 Condition', (n) => n === 1],
  ['2 Conditions', (n) => n === 2],
  ['3+ Conditions', (n) => n >= 3],
  ['Condition Unknown', (n, d) => n === 0 && d === 1],
  [DONT_KNOW_LABEL, (n, d) => n === 0 && (d === 8 || d === 9)],
  [NOT_COLLECTED_LABEL, (n, d) => n === 0 && (d === null || d === 99)],
];

const conditionsTable = (stage: Stage) =>
  q13Table(stage, 1, 'Physical and Mental Health Conditions', ['apr', 'caper'], (people) =>
    CONDITIONS.map((c) => row(c.label, cells(people.filter(([, records]) => hasCondition(records, c)).map(([p]) => p)))),
  );

const countTable = (stage: Stage) =>
  q13Table(stage, 2, 'Number of Conditions', ['apr'], (people) => [
    ...COUNT_ROWS.map(([label, test]) =>
      row(label, cells(people.filter(([p, records]) => test(conditionCount(records), p.enrollment.disablingCondition)).map(([p]) => p))),
    ),
    row('Total', cells(people.map(([p]) => p))),
  ]);

export const q13a1 = conditionsTable('start');
export const q13b1 = conditionsTable('exit');
export const q13c1 = conditionsTable('latest');
export const q13a2 = countTable('start');
export const q13b2 = countTable('exit');
export const q13c2 = countTable('latest');
