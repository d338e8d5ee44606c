import type { ReportTable } from '../report.model.js';
import type { ReportPerson } from '../universe.model.js';
import { count, row } from './table-kit.js';

/** A bucket of days of participation, both bounds inclusive. */
export interface DayBucket {
  label: string;
  max: number;
}

/** Q22a1, Q22a2, Q27e: a row per bucket of the length of participation (§1.6), columns Total, Leavers, Stayers, then a Total row. */
export function participationTable(question: string, title: string, buckets: readonly DayBucket[], people: readonly ReportPerson[]): ReportTable {
  const cells = (chosen: readonly ReportPerson[]) => [count(chosen), count(chosen.filter((p) => p.isLeaver)), count(chosen.filter((p) => p.isStayer))];
  let min = 0;
  const rows = buckets.map((bucket) => {
    const from = min;
    min = bucket.max + 1;
    return row(bucket.label, cells(people.filter((p) => p.lengthOfStay >= from && p.lengthOfStay <= bucket.max)));
  });
  return { question, title, header: ['', 'Total', 'Leavers', 'Stayers'], rows: [...rows, row('Total', cells(people))] };
}

/** The buckets from 31 days up, shared by Q22a1 and Q22a2. */
export const LONG_STAY_BUCKETS: readonly DayBucket[] = [
  { label: '31 to 60 days', max: 60 },
  { label: '61 to 90 days', max: 90 },
  { label: '91 to 180 days', max: 180 },
  { label: '181 to 365 days', max: 365 },
  { label: '366 to 730 days (1-2 Yrs)', max: 730 },
  { label: '731 to 1,095 days (2-3 Yrs)', max: 1095 },
  { label: '1,096 to 1,460 days (3-4 Yrs)', max: 1460 },
  { label: '1,461 to 1,825 days (4-5 Yrs)', max: 1825 },
  { label: 'More than 1,825 days (> 5 Yrs)', max: Number.POSITIVE_INFINITY },
];

/**
 * The weekly-then-monthly buckets up to two years shared by Q22c, Q22d and Q22e (Q22c's are these; Q22d and Q22e add
 * WEEKS_TO_TWO_YEARS_AND_MORE's last bucket).
 */
export const WEEKS_TO_TWO_YEARS: readonly DayBucket[] = [
  { label: '7 days or less', max: 7 },
  { label: '8 to 14 days', max: 14 },
  { label: '15 to 21 days', max: 21 },
  { label: '22 to 30 days', max: 30 },
  ...LONG_STAY_BUCKETS.slice(0, 5),
];

/** Q22d's and Q22e's buckets: WEEKS_TO_TWO_YEARS, then "731 days or more". */
export const WEEKS_TO_TWO_YEARS_AND_MORE: readonly DayBucket[] = [...WEEKS_TO_TWO_YEARS, { label: '731 days or more', max: Number.POSITIVE_INFINITY }];

/** Q22a1's buckets (CoC projects): the first month in one. */
export const COC_BUCKETS: readonly DayBucket[] = [{ label: '30 days or less', max: 30 }, ...LONG_STAY_BUCKETS];

export function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The median; of an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
