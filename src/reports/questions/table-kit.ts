/**
 * The pieces every question's table is made of: a count cell with the enrollments behind it, a rate, the five
 * household-type columns, blank cells and title rows. A question is then its universe, its rows and its rules.
 */
import { HOUSEHOLD_TYPE_COLUMNS } from '../definitions/household.js';
import type { ReportCell, ReportRow } from '../report.model.js';
import type { HouseholdType, ReportPerson } from '../universe.model.js';

/**
 * A count of people, with the enrollments behind it (the drill-down), in enrollment id order. The universe lists
 * its people in that order and most questions filter it, so the ids are usually sorted already: sorting only when
 * they are not keeps a report over many clients from spending most of its time here.
 */
export function count(people: readonly ReportPerson[]): ReportCell {
  const ids = new Array<string>(people.length);
  let sorted = true;
  for (let i = 0; i < people.length; i++) {
    const id = people[i]!.enrollment.enrollmentId;
    if (i > 0 && id < ids[i - 1]!) sorted = false;
    ids[i] = id;
  }
  if (!sorted) ids.sort();
  return { value: people.length, enrollmentIds: ids };
}

/** A cell HUD leaves empty (structurally impossible or not applicable). */
export const BLANK: ReportCell = { value: null };

/** A rate or percentage as Sage takes it: a decimal fraction with 4 places, 0 when nothing to divide by. */
export function rate(numerator: number, denominator: number): ReportCell {
  return { value: (denominator === 0 ? 0 : numerator / denominator).toFixed(4) };
}

export function row(label: string, cells: ReportCell[]): ReportRow {
  return { label, cells };
}

/** A section title row (HUD's "Homeless Situations" …): a label and empty cells. */
export function titleRow(label: string, columns: number): ReportRow {
  return { label, cells: Array.from({ length: columns }, () => BLANK) };
}

/** The header of a table by household type: column A's header, Total, then the four types. */
export function householdTypeHeader(first = ' '): string[] {
  return [first, 'Total', ...HOUSEHOLD_TYPE_COLUMNS.map((c) => c.header)];
}

/**
 * One row by household type: Total, then each type's people; `blank` names the types whose cell HUD leaves empty
 * (e.g. adults in a child-only household).
 */
export function byHouseholdType(people: readonly ReportPerson[], blank: readonly HouseholdType[] = []): ReportCell[] {
  return [
    count(people),
    ...HOUSEHOLD_TYPE_COLUMNS.map((c) => (blank.includes(c.type) ? BLANK : count(people.filter((p) => p.householdType === c.type)))),
  ];
}

/**
 * The columns of the tables that have no "With Only Children" column (Q25a/b/d/j: veterans are adults, and a
 * veteran household has one): Total, Without Children, With Children and Adults, Unknown Household Type.
 */
export const ADULT_HOUSEHOLD_TYPE_COLUMNS = HOUSEHOLD_TYPE_COLUMNS.filter((c) => c.type !== 'children-only');

export function adultHouseholdTypeHeader(first = ' '): string[] {
  return [first, 'Total', ...ADULT_HOUSEHOLD_TYPE_COLUMNS.map((c) => c.header)];
}

/** One row in those columns; the people are never in a child-only household (Q25 counts adults and their households). */
export function byAdultHouseholdType(people: readonly ReportPerson[]): ReportCell[] {
  return [count(people), ...ADULT_HOUSEHOLD_TYPE_COLUMNS.map((c) => count(people.filter((p) => p.householdType === c.type)))];
}

/** The people of `people` for whom `test` holds, for each of several rows. */
export function rowsBy<T>(people: readonly ReportPerson[], rows: readonly T[], test: (person: ReportPerson, row: T) => boolean): ReportPerson[][] {
  return rows.map((r) => people.filter((p) => test(p, r)));
}

/** People counted once each, in several lists (the distinct union). */
export function union(...lists: (readonly ReportPerson[])[]): ReportPerson[] {
  return [...new Set(lists.flat())];
}

/** Day-count buckets (Q6e, Q22 …): the first whose upper bound (inclusive) is not exceeded. */
export function bucketOf<B extends { max: number }>(buckets: readonly B[], days: number): B | undefined {
  return buckets.find((b) => days <= b.max);
}

/**
 * An amount of money as Sage takes it (Q19a's average changes): 2 decimals, halves to even as Open Path's banker's
 * rounding and R's round() do; 0.00 when nothing was averaged.
 */
export function money(value: number | null): ReportCell {
  const cents = (value ?? 0) * 100;
  const floor = Math.floor(cents);
  const half = Math.abs(cents - floor - 0.5) < 1e-6;
  const rounded = half ? (floor % 2 === 0 ? floor : floor + 1) : Math.round(cents);
  return { value: (rounded / 100).toFixed(2) };
}
