import { isCode, type Code, type CodeList } from '../hud/code-lists.js';

/**
 * Reading what was typed into the project forms: every value arrives as a string, and each reader returns the
 * stored value, or adds a message for the person at the keyboard under the field's name.
 */

/** Messages by field name, as `ValidationError.fieldErrors` carries them. */
export type FieldErrors = Record<string, string[]>;

export function addError(errors: FieldErrors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

// Far outside any real project's dates, but inside what every CSV consumer can parse.
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2199;

/**
 * A typed calendar day, MM/DD/YYYY (as the form kit's date fields ask) or YYYY-MM-DD → YYYY-MM-DD. Empty is
 * null; anything that is not a real day from 1900 to 2199 is undefined (refused).
 */
export function readDay(value: string): string | null | undefined {
  const text = value.trim();
  if (!text) return null;
  let match = /^([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{4})$/.exec(text);
  let year: number, month: number, day: number;
  if (match) [month, day, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
    if (!match) return undefined;
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** YYYY-MM-DD → MM/DD/YYYY, as US staff read and type dates; empty for none. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.split('-');
  return `${m}/${d}/${y}`;
}

/** A code chosen from a list: empty is null; anything not in the list is undefined (refused). */
export function readCode<L extends CodeList>(list: L, value: string): Code<L> | null | undefined {
  const text = value.trim();
  if (!text) return null;
  if (!/^[0-9]{1,3}$/.test(text)) return undefined;
  const code = Number(text);
  return isCode(list, code) ? code : undefined;
}

/**
 * Free text of at most `max` characters (HUD's S-lengths), without control characters: trimmed, empty is null.
 * A required field left empty gets "Enter the …".
 */
export function readText(value: string, field: string, what: string, options: { max: number; required?: boolean }, errors: FieldErrors): string | null {
  const text = value.trim();
  if (!text) {
    if (options.required) addError(errors, field, `Enter the ${what}.`);
    return null;
  }
  if (text.length > options.max) addError(errors, field, `The ${what} can have at most ${options.max} characters.`);
  else if (/[\u0000-\u001f\u007f]/.test(text)) addError(errors, field, `The ${what} cannot contain control characters.`);
  // HUD's FY2026 CSV allows any UTF-8 but these, which an export would have to strip.
  else if (/[<>[\]{}]/.test(text)) addError(errors, field, `The ${what} cannot contain < > [ ] { }: HUD's files do not allow them.`);
  return text;
}

/** A date the form requires or allows: checked, with the message naming the field. */
export function readDateField(value: string, field: string, what: string, required: boolean, errors: FieldErrors): string | null {
  const day = readDay(value);
  if (day === undefined) {
    addError(errors, field, `Enter the ${what} as a real date, MM/DD/YYYY (for example 07/01/2026).`);
    return null;
  }
  if (day === null && required) addError(errors, field, `Enter the ${what} (MM/DD/YYYY).`);
  return day;
}

/** Whether two periods share a day; an end of null runs on. Ends are inclusive: the last day is still in. */
export function periodsShareADay(a: { start: string; end: string | null }, b: { start: string; end: string | null }): boolean {
  return (a.end === null || b.start <= a.end) && (b.end === null || a.start <= b.end);
}

/**
 * Whether two status periods overlap, when one may end on the day the next begins (as an exit and a new entry
 * can share a day): HUD's participation records then follow each other without a gap and without overlapping.
 */
export function statusPeriodsOverlap(a: { start: string; end: string | null }, b: { start: string; end: string | null }): boolean {
  return (a.end === null || b.start < a.end) && (b.end === null || a.start < b.end);
}
