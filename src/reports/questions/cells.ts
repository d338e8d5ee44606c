import type { ReportCell } from '../report.model.js';

/**
 * Building the cells of a table: a count keeps the enrollments behind it (the drill-down), an average or a
 * percentage is a plain value written as Sage reads it (reference hud-apr-caper.md §5).
 */

/** A count of the people (or households) behind these enrollments. */
export function countCell(enrollmentIds: readonly string[]): ReportCell {
  const ids = [...new Set(enrollmentIds)].sort();
  return { value: ids.length, enrollmentIds: ids };
}

/** A cell left empty on purpose (HUD: not applicable). */
export const blankCell = (): ReportCell => ({ value: null });

/** A number with this many decimals, as Sage expects it (`0.7143`, `-125.50`); null stays blank. */
export function decimalCell(value: number | null, decimals: number): ReportCell {
  return { value: value === null ? null : value.toFixed(decimals) };
}

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

/** A bucket of days, both bounds inclusive; `max` null for "or more". */
export interface DayBucket {
  label: string;
  min: number;
  max: number | null;
}

export const inBucket = (bucket: DayBucket, days: number): boolean => days >= bucket.min && (bucket.max === null || days <= bucket.max);
