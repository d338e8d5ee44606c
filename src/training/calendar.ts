/**
 * Calendar dates (`YYYY-MM-DD`) for the generated histories: plain day arithmetic in UTC, so no time zone
 * or daylight-saving change can move a day. "Today" itself comes from the site's clock and time zone.
 */

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** The same day `years` later (or earlier); 29 February becomes 28 February in other years. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The first day of the month `months` months before (negative) or after `date`. */
export function firstOfMonth(date: string, months = 0): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return fromUtc(Date.UTC(y, m - 1 + months, 1));
}

/** Age in whole years on a day. */
export function ageOn(dob: string, on: string): number {
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = on.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/**
 * A moment on that day, at `minutes` past 14:00 UTC (late morning in the United States), never after `now`:
 * when a generated record was "entered".
 */
export function momentOn(date: string, minutes: number, now: Date): Date {
  const at = new Date(toUtc(date) + 14 * 3_600_000 + minutes * 60_000);
  return at.getTime() > now.getTime() ? now : at;
}
