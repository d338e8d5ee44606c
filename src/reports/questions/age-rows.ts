/**
 * The age rows of Q11 and its family (Q25d veterans, Q26d chronically homeless persons, Q27a youth): one row per age
 * bracket (§1.3, age at the later of project start and report start), then "doesn't know / prefers not to answer"
 * and "data not collected" for an unknown age, then Total. Each table lays out a row's people in its own columns.
 */
import type { AgeBracket } from '../definitions/age.js';
import { DONT_KNOW_LABEL, NOT_COLLECTED_LABEL } from '../definitions/answers.js';
import type { ReportCell, ReportRow } from '../report.model.js';
import type { ReportPerson } from '../universe.model.js';
import { row } from './table-kit.js';

/** Which kind of row a row's cells are for, so that a table can leave HUD's impossible cells blank. */
export type AgeRowKind = 'child' | 'adult' | 'unknown' | 'total';

export function ageRows(
  people: readonly ReportPerson[],
  brackets: readonly AgeBracket[],
  cells: (people: readonly ReportPerson[], kind: AgeRowKind) => ReportCell[],
): ReportRow[] {
  return [
    ...brackets.map((b) => row(b.label, cells(people.filter((p) => p.age !== null && p.age >= b.min && p.age <= b.max), b.max < 18 ? 'child' : 'adult'))),
    row(DONT_KNOW_LABEL, cells(people.filter((p) => p.ageGroup === 'dont-know'), 'unknown')),
    row(NOT_COLLECTED_LABEL, cells(people.filter((p) => p.ageGroup === 'not-collected'), 'unknown')),
    row('Total', cells(people, 'total')),
  ];
}
