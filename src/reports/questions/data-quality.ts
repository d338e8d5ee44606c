/**
 * What the data-quality tables (Q6a–Q6c) share: their header, and a row of the three buckets (client doesn't
 * know / prefers not to answer, information missing, data issues), each client in the first that applies, with
 * the row's total and its rate over a denominator.
 */
import type { ReportCell, ReportRow } from '../report.model.js';
import type { ReportPerson } from '../universe.model.js';
import { DONT_KNOW_LABEL } from '../definitions/answers.js';
import { BLANK, count, rate, row } from './table-kit.js';

export const DQ_HEADER = ['Data Element', DONT_KNOW_LABEL, 'Information Missing', 'Data Issues', 'Total', '% of Issue Rate'];

export type Bucket = 'dont-know' | 'missing' | 'issue' | null;

export interface DqRow {
  label: string;
  people: readonly ReportPerson[];
  bucket: (p: ReportPerson) => Bucket;
  /** The rate's denominator (a count of the DQ universe). */
  denominator: number;
  /** Buckets HUD leaves blank in this row. */
  blank?: readonly Exclude<Bucket, null>[];
}

/** A row, and the people with any issue in it (for an overall score). */
export function dqRow(spec: DqRow): { row: ReportRow; flagged: ReportPerson[] } {
  const of = (b: Exclude<Bucket, null>) => spec.people.filter((p) => spec.bucket(p) === b);
  const cells: ReportCell[] = (['dont-know', 'missing', 'issue'] as const).map((b) => (spec.blank?.includes(b) ? BLANK : count(of(b))));
  const flagged = spec.people.filter((p) => spec.bucket(p) !== null);
  return { row: row(spec.label, [...cells, count(flagged), rate(flagged.length, spec.denominator)]), flagged };
}

/** 8/9 → don't know; 99 or nothing → missing. */
export function missingBucket(code: number | null | undefined): Bucket {
  if (code === 8 || code === 9) return 'dont-know';
  if (code === 99 || code === null || code === undefined) return 'missing';
  return null;
}
