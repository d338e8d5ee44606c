/**
 * HUD's annual assessment window (Data Dictionary, "Annual Assessment"; Reporting Glossary, steps 1–10):
 *
 * - It is keyed on the head of household's project start (the household's earliest start, when the head changed),
 *   and on nothing else: not on an earlier update or annual assessment.
 * - Each anniversary of that start opens a window from 30 days before to 30 days after it (61 days, the
 *   anniversary counted), in which every member's stage-5 records are taken, all together.
 * - A stay shorter than a year expects none. A member who joined after an anniversary is not expected to have one
 *   for it. One, and only one, per element, member and window.
 */
import { addDays, addYears, daysBetween, wholeYears } from './calendar-days.js';

/** Days before and after the anniversary that still count (HUD: "no more than 30 days before or after"). */
export const ANNUAL_WINDOW_DAYS = 30;

export interface AnnualWindow {
  /** 1 for the first anniversary, 2 for the second … */
  year: number;
  anniversary: string;
  opens: string;
  closes: string;
}

export function annualWindow(headStart: string, year: number): AnnualWindow {
  const anniversary = addYears(headStart, year);
  return { year, anniversary, opens: addDays(anniversary, -ANNUAL_WINDOW_DAYS), closes: addDays(anniversary, ANNUAL_WINDOW_DAYS) };
}

/** The window that holds `day`, or null when `day` is in none (before the first, or between two). */
export function windowHolding(headStart: string, day: string): AnnualWindow | null {
  // The anniversary nearest to `day` is the one a window could be around.
  const years = wholeYears(headStart, addDays(day, ANNUAL_WINDOW_DAYS));
  if (years < 1) return null;
  const window = annualWindow(headStart, years);
  return day >= window.opens && day <= window.closes ? window : null;
}

export type AnnualStatus =
  /** Less than a year in, and the first window not open yet. */
  | { kind: 'not-yet'; next: AnnualWindow }
  /** The window is open and this window's assessment has not been recorded. */
  | { kind: 'due'; window: AnnualWindow; daysLeft: number }
  /** The last window closed without an assessment; the next one is not open yet. */
  | { kind: 'overdue'; window: AnnualWindow; next: AnnualWindow }
  /** Recorded in the window around the latest anniversary (or in the one open now). */
  | { kind: 'done'; window: AnnualWindow; next: AnnualWindow };

/**
 * Where a household stands on `today`: `assessed` are the information dates of its annual assessments (stage 5)
 * on this stay. A household that has left is not judged here.
 */
export function annualStatus(headStart: string, today: string, assessed: readonly string[]): AnnualStatus {
  const open = windowHolding(headStart, today);
  const recordedIn = (window: AnnualWindow) => assessed.some((day) => day >= window.opens && day <= window.closes);
  if (open) {
    const next = annualWindow(headStart, open.year + 1);
    if (recordedIn(open)) return { kind: 'done', window: open, next };
    return { kind: 'due', window: open, daysLeft: daysBetween(today, open.closes) };
  }
  const passed = wholeYears(headStart, today);
  const next = annualWindow(headStart, Math.max(1, passed + 1));
  if (passed < 1) return { kind: 'not-yet', next };
  const last = annualWindow(headStart, passed);
  return recordedIn(last) ? { kind: 'done', window: last, next } : { kind: 'overdue', window: last, next };
}

/**
 * Whether a member is expected to have an assessment for this window: present on its anniversary (entered on or
 * before it, and not exited before it).
 */
export function isExpectedIn(window: AnnualWindow, member: { entryDate: string; exitDate: string | null }): boolean {
  return member.entryDate <= window.anniversary && (member.exitDate === null || member.exitDate >= window.anniversary);
}
