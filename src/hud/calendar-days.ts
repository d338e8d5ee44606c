/**
 * Arithmetic on calendar days written as HUD writes them (YYYY-MM-DD), without time zones: a project start, a
 * birthday and an anniversary are days, not instants.
 */

const DAY_MS = 86_400_000;

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y!, m!, d!];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function toUtc(day: string): number {
  const [y, m, d] = parts(day);
  return Date.UTC(y, m - 1, d);
}

export function addDays(day: string, days: number): string {
  const date = new Date(toUtc(day) + days * DAY_MS);
  return format(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/**
 * The same day `years` later. February 29 becomes March 1 in a year without one, as Open Path normalises
 * anniversaries of a leap day.
 */
export function addYears(day: string, years: number): string {
  const [y, m, d] = parts(day);
  const year = y + years;
  if (m === 2 && d === 29 && !isLeapYear(year)) return format(year, 3, 1);
  return format(year, m, d);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Whole years from `from` to `on`, counted like an age (HUD's rule for ages and years in a project). */
export function wholeYears(from: string, on: string): number {
  const [fy, fm, fd] = parts(from);
  const [oy, om, od] = parts(on);
  let years = oy - fy;
  if (om < fm || (om === fm && od < fd)) years -= 1;
  return years;
}

/**
 * Calendar months from the month of `from` to the month of `to`, both counted ("since January and it is now
 * March: 3 months"), as HUD counts months homeless (3.917.5). Zero when `to` is before `from`.
 */
export function calendarMonthsInclusive(from: string, to: string): number {
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  return Math.max(0, (ty - fy) * 12 + (tm - fm) + 1);
}
