import { parseDate } from '../clients/client-fields.js';
import { addYears, calendarMonthsInclusive } from '../hud/calendar-days.js';
import { isCode, label, type CodeList } from '../hud/code-lists.js';
import {
  DESTINATIONS,
  DISABLING_CONDITION,
  HEAD_OF_HOUSEHOLD,
  isMissingAnswer,
  LENGTH_OF_STAY,
  LIVING_SITUATION,
  livingSituationGroup,
  losUnderThreshold,
  MONTHS_HOMELESS_PAST_THREE_YEARS,
  NO_YES_DATA_NOT_COLLECTED,
  OTHER_DESTINATION,
  PRIOR_LIVING_SITUATIONS,
  RELATIONSHIP_TO_HOH,
  RENTAL_SUBSIDY_TYPE,
  RENTAL_WITH_SUBSIDY,
  STREET_ESSH_PROJECT_TYPES,
  TIMES_HOMELESS_PAST_THREE_YEARS,
} from '../hud/enrollment-code-lists.js';
import type { ExitFields, MemberEntryFields } from './enrollments.model.js';

/**
 * HUD's rules for one member's entry data (3.15 relationship, 3.08 disabling condition, 3.917 prior living
 * situation) and for an exit (3.11 exit date, 3.12 destination). Pure functions: the service adds what needs
 * the database (the project, overlapping stays, the household).
 */

export type FieldErrors = Record<string, string[]>;

/** One member's entry answers as typed into the form (every value a string, kept on re-render). */
export interface MemberEntryInput {
  relationshipToHoH: string;
  disablingCondition: string;
  livingSituation: string;
  rentalSubsidyType: string;
  lengthOfStay: string;
  previousStreetEssh: string;
  dateToStreetEssh: string;
  timesHomelessPastThreeYears: string;
  monthsHomelessPastThreeYears: string;
}

export const MEMBER_ENTRY_FIELDS = [
  'relationshipToHoH',
  'disablingCondition',
  'livingSituation',
  'rentalSubsidyType',
  'lengthOfStay',
  'previousStreetEssh',
  'dateToStreetEssh',
  'timesHomelessPastThreeYears',
  'monthsHomelessPastThreeYears',
] as const satisfies readonly (keyof MemberEntryInput)[];

export const EMPTY_MEMBER_ENTRY: MemberEntryInput = {
  relationshipToHoH: '',
  disablingCondition: '',
  livingSituation: '',
  rentalSubsidyType: '',
  lengthOfStay: '',
  previousStreetEssh: '',
  dateToStreetEssh: '',
  timesHomelessPastThreeYears: '',
  monthsHomelessPastThreeYears: '',
};

/** Exit answers as typed. */
export interface ExitInput {
  exitDate: string;
  destination: string;
  destinationSubsidyType: string;
  otherDestination: string;
}

export const EMPTY_EXIT: ExitInput = { exitDate: '', destination: '', destinationSubsidyType: '', otherDestination: '' };

/** What the rules for one member depend on. */
export interface MemberContext {
  /** Prefix of this member's form fields, e.g. "m0." in a household form, "" on a one-member form. */
  prefix: string;
  /** Who the member is, to start each message when a form holds several members ("" for none). */
  who: string;
  entryDate: string;
  projectType: number | null;
  dob: string | null;
}

const OTHER_DESTINATION_MAX = 50; // Exit.csv S50
const FORBIDDEN_TEXT = /[<>[\]{}\p{Cc}]/u;
const EARLIEST_DATE = '1900-01-01';
export const ADULT_AGE = 18;

export const NIGHT_BEFORE_QUESTION = 'On the night before, did you stay on the streets, in an emergency shelter or a safe haven?';

/** Full years between a date of birth and a day (both YYYY-MM-DD). */
export function ageOn(dob: string, day: string): number {
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * HUD collects 3.917 for the head of household and every adult; a member whose age is unknown is treated
 * as an adult, so nothing that should be asked is skipped.
 */
export function collectsPriorLivingSituation(isHead: boolean, dob: string | null, entryDate: string): boolean {
  return isHead || dob === null || ageOn(dob, entryDate) >= ADULT_AGE;
}

/**
 * Whether the project's 3.917 form is 3.917A (street outreach, emergency shelter, safe haven): every field is
 * asked and none depends on another, so there is no "stayed less than 7 nights / 90 days" and no "night before".
 */
export function uses3917A(projectType: number | null): boolean {
  return projectType !== null && STREET_ESSH_PROJECT_TYPES.has(projectType);
}

/** Whether 3.917 asks when homelessness started and the times and months homeless (fields 5–7). */
export function asksHomelessHistory(livingSituation: number | null, previousStreetEssh: number | null, projectType: number | null): boolean {
  if (livingSituation === null) return false;
  if (uses3917A(projectType)) return true;
  return livingSituationGroup(livingSituation) === 'homeless' || previousStreetEssh === 1;
}

/** YYYY-MM-DD → MM/DD/YYYY, as US case managers read dates. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  const [y, m, d] = day.split('-');
  return `${m}/${d}/${y}`;
}

/**
 * A typed date (MM/DD/YYYY or YYYY-MM-DD) → YYYY-MM-DD; null when empty; undefined when it is not a real
 * date from 1900 on.
 */
export function readDate(typed: string): string | null | undefined {
  const text = typed.trim();
  if (!text) return null;
  const day = parseDate(text);
  if (!day || day < EARLIEST_DATE || day > '9999-12-31') return undefined;
  return day;
}

class Refusals {
  readonly errors: FieldErrors = {};
  /** Answers HUD's checker questions but allows: saved once the user confirms them. */
  readonly warnings: FieldErrors = {};
  constructor(
    private readonly prefix = '',
    private readonly who = '',
  ) {}
  add(field: string, message: string) {
    (this.errors[this.prefix + field] ??= []).push(this.said(message));
  }
  warn(field: string, message: string) {
    (this.warnings[this.prefix + field] ??= []).push(this.said(message));
  }
  private said(message: string): string {
    return this.who ? `${this.who}: ${message.charAt(0).toLowerCase()}${message.slice(1)}` : message;
  }
  has(field: string): boolean {
    return Boolean(this.errors[this.prefix + field]);
  }
}

/** A code typed into a select: null when empty, undefined (and refused) when not in the list. */
function readCode(refusals: Refusals, field: string, raw: string, list: CodeList, what: string, allowed?: readonly number[]): number | null | undefined {
  const text = raw.trim();
  if (!text) return null;
  const value = /^[0-9]{1,3}$/.test(text) ? Number(text) : NaN;
  if (!isCode(list, value)) {
    refusals.add(field, `Choose ${what} from the list.`);
    return undefined;
  }
  if (allowed && !allowed.includes(value)) {
    refusals.add(field, `“${list[value]}” cannot be chosen as ${what}.`);
    return undefined;
  }
  return value;
}

/**
 * Checks one member's entry answers against HUD's rules and returns what to store. Errors go into `errors`
 * and warnings (answers HUD's checker questions but allows) into `warnings`, under the member's prefixed field
 * names; the caller throws once every member has been checked, and asks for the warnings to be confirmed.
 */
export function validateMemberEntry(input: MemberEntryInput, context: MemberContext, errors: FieldErrors, warnings: FieldErrors = {}): MemberEntryFields | null {
  const r = new Refusals(context.prefix, context.who);

  const relationship = readCode(r, 'relationshipToHoH', input.relationshipToHoH, RELATIONSHIP_TO_HOH, 'the relationship to the head of household');
  if (relationship === null) r.add('relationshipToHoH', 'Choose the relationship to the head of household.');
  const disabling = readCode(r, 'disablingCondition', input.disablingCondition, DISABLING_CONDITION, 'the disabling condition answer');
  if (disabling === null) r.add('disablingCondition', 'Choose whether the client has a disabling condition.');

  const isHead = relationship === HEAD_OF_HOUSEHOLD;
  const collected = collectsPriorLivingSituation(isHead, context.dob, context.entryDate);

  // 3.917.1 Prior living situation, and the subsidy when it was a subsidized rental.
  const living = readCode(r, 'livingSituation', input.livingSituation, LIVING_SITUATION, 'a prior living situation', PRIOR_LIVING_SITUATIONS);
  if (living === null && collected) {
    r.add('livingSituation', `Choose the prior living situation: HUD requires it for ${isHead ? 'the head of household' : 'adults'}.`);
  }
  const known = living ?? null;
  const subsidy = readCode(r, 'rentalSubsidyType', input.rentalSubsidyType, RENTAL_SUBSIDY_TYPE, 'the rental subsidy type');
  if (known === RENTAL_WITH_SUBSIDY && subsidy === null) {
    r.add('rentalSubsidyType', 'Choose the rental subsidy type: HUD requires it for “Rental by client, with ongoing housing subsidy”.');
  } else if (known !== RENTAL_WITH_SUBSIDY && subsidy !== null && subsidy !== undefined) {
    r.add('rentalSubsidyType', 'Leave the rental subsidy type empty: it is asked only for “Rental by client, with ongoing housing subsidy”.');
  }

  // 3.917.2 Length of stay: asked with every prior living situation, and only with one.
  const length = readCode(r, 'lengthOfStay', input.lengthOfStay, LENGTH_OF_STAY, 'the length of stay');
  if (living !== undefined) {
    if (known === null && length !== null && length !== undefined) {
      r.add('lengthOfStay', 'Leave the length of stay empty, or choose the prior living situation it belongs to.');
    } else if (known !== null && length === null) {
      r.add('lengthOfStay', 'Choose the length of stay in the prior living situation.');
    }
  }
  // Further dependencies are judged only on answers that are themselves valid (one message per mistake).
  const depsValid = living !== undefined && length !== undefined;

  // 3.917B field 3 is worked out from the two answers above (HUD's thresholds), not asked; 3.917A has none.
  const formA = uses3917A(context.projectType);
  const under = depsValid && !formA ? losUnderThreshold(known, length) : null;

  // 3.917B field 4 "On the night before, did you stay on the streets, ES or SH?": only after a short stay.
  const previous = readCode(r, 'previousStreetEssh', input.previousStreetEssh, NO_YES_DATA_NOT_COLLECTED, 'an answer');
  if (formA && previous !== null && previous !== undefined) {
    r.add('previousStreetEssh', `Leave “${NIGHT_BEFORE_QUESTION}” empty: street outreach, emergency shelter and safe haven projects do not ask it (HUD 3.917A).`);
  } else if (depsValid && !formA) {
    if (under === 1 && previous === null) {
      r.add('previousStreetEssh', `Answer “${NIGHT_BEFORE_QUESTION}”: HUD asks it after a short stay.`);
    } else if (under !== 1 && previous !== null && previous !== undefined) {
      const why =
        known === null
          ? 'choose the prior living situation it belongs to'
          : livingSituationGroup(known) === 'homeless'
            ? 'it is not asked when the client was already homeless'
            : 'it is asked only after a stay of less than 90 days in an institution or less than 7 nights in other housing';
      r.add('previousStreetEssh', `Leave “${NIGHT_BEFORE_QUESTION}” empty: ${why}.`);
    }
  }

  // 3.917 fields 5–7: when this episode of homelessness started, times and months homeless in three years.
  const historyJudged = depsValid && previous !== undefined;
  const asked = historyJudged && asksHomelessHistory(known, previous, context.projectType);
  const notAsked = historyJudged && !asked;
  const why =
    known === null
      ? 'choose the prior living situation first'
      : 'it is asked only when the client was homeless before entry or stayed on the streets, in an emergency shelter or a safe haven the night before';
  const date = readDate(input.dateToStreetEssh);
  if (date === undefined) {
    r.add('dateToStreetEssh', 'Type the date this episode of homelessness started as MM/DD/YYYY (from 1900 on).');
  } else if (date !== null && notAsked) {
    r.add('dateToStreetEssh', `Leave the date homelessness started empty: ${why}.`);
  } else if (date !== null && date > context.entryDate) {
    r.add('dateToStreetEssh', `The date homelessness started cannot be after the entry date (${formatDay(context.entryDate)}).`);
  } else if (date !== null && context.dob && date < context.dob) {
    r.add('dateToStreetEssh', `The date homelessness started cannot be before the client’s date of birth (${formatDay(context.dob)}).`);
  }
  const times = readCode(r, 'timesHomelessPastThreeYears', input.timesHomelessPastThreeYears, TIMES_HOMELESS_PAST_THREE_YEARS, 'the number of times homeless');
  if (times !== null && times !== undefined && notAsked) {
    r.add('timesHomelessPastThreeYears', `Leave the number of times homeless empty: ${why}.`);
  } else if (times === null && asked) {
    r.add('timesHomelessPastThreeYears', 'Choose how many times the client has been homeless in the past three years.');
  }
  const months = readCode(r, 'monthsHomelessPastThreeYears', input.monthsHomelessPastThreeYears, MONTHS_HOMELESS_PAST_THREE_YEARS, 'the number of months homeless');
  if (months !== null && months !== undefined && notAsked) {
    r.add('monthsHomelessPastThreeYears', `Leave the number of months homeless empty: ${why}.`);
  } else if (months === null && asked) {
    r.add('monthsHomelessPastThreeYears', 'Choose how many months the client has been homeless in the past three years.');
  }

  if (relationship === RELATIONSHIP_NOT_COLLECTED) {
    r.warn('relationshipToHoH', RELATIONSHIP_NOT_COLLECTED_WARNING);
  }
  if (asked) warnHomelessHistory(r, { date: date ?? null, times: times ?? null, months: months ?? null, entryDate: context.entryDate });

  Object.assign(errors, r.errors);
  Object.assign(warnings, r.warnings);
  if (Object.keys(r.errors).length > 0) return null;
  return {
    relationshipToHoH: relationship!,
    disablingCondition: disabling!,
    livingSituation: known,
    rentalSubsidyType: subsidy ?? null,
    lengthOfStay: length ?? null,
    losUnderThreshold: under,
    previousStreetEssh: previous ?? null,
    dateToStreetEssh: date ?? null,
    timesHomelessPastThreeYears: times ?? null,
    monthsHomelessPastThreeYears: months ?? null,
  };
}

/** 3.15.1 99: a valid code, but HUD's reports count it as missing and the LSA leaves the member out. */
export const RELATIONSHIP_NOT_COLLECTED = 99;
export const RELATIONSHIP_NOT_COLLECTED_WARNING =
  '“Data not collected” is counted as a missing relationship in HUD reports (the LSA leaves the member out): choose the relationship if it is known.';

/** 3.917.5: 101 = one month … 112 = twelve, 113 = more than twelve. */
function monthsCode(months: number): number {
  return 100 + Math.min(Math.max(months, 1), 13);
}

/**
 * The answers of 3.917 fields 5–7 that HUD's checker finds inconsistent (Eva 70, 71, 105), as warnings. HUD
 * counts months homeless in calendar months, the start month and the entry month both counted.
 */
function warnHomelessHistory(r: Refusals, answers: { date: string | null; times: number | null; months: number | null; entryDate: string }): void {
  const { date, times, months, entryDate } = answers;
  if (date === null) {
    r.warn('dateToStreetEssh', 'No date homelessness started: HUD reports count it as missing. Type an approximate date if the client can give one.');
  }
  if (times === 1 && months !== null && isMissingAnswer(months)) {
    r.warn('monthsHomelessPastThreeYears', 'Homeless once in three years, yet the months homeless are not known: count the calendar months from when this episode started to the entry month.');
  }
  if (date === null || date > entryDate) return;
  const threeYearsBefore = addYears(entryDate, -3);
  if (date <= threeYearsBefore && (times !== 1 || months === null || months < 112)) {
    r.warn(
      'timesHomelessPastThreeYears',
      `Homeless since ${formatDay(date)}, three years or more before entry: HUD expects “one time” and 12 months or more. Check the date, or the times and months.`,
    );
  } else if (times === 1 && months !== null && !isMissingAnswer(months)) {
    const expected = monthsCode(calendarMonthsInclusive(date, entryDate));
    if (months !== expected) {
      r.warn(
        'monthsHomelessPastThreeYears',
        `Homeless once, since ${formatDay(date)}: HUD counts “${label(MONTHS_HOMELESS_PAST_THREE_YEARS, expected)}” (calendar months from ${formatDay(date)} to the entry month, both counted). Check the date or the months.`,
      );
    }
  }
}

/** Checks an exit against HUD's rules: the exit date within the stay and the project's operating period, a 3.12 destination and its details. */
export function validateExit(input: ExitInput, context: { entryDate: string; today: string; operatingEndDate: string | null }, errors: FieldErrors): ExitFields | null {
  const r = new Refusals();
  const exitDate = readDate(input.exitDate);
  if (exitDate === null) r.add('exitDate', 'Type the exit date (MM/DD/YYYY).');
  else if (exitDate === undefined) r.add('exitDate', `“${input.exitDate.trim().slice(0, 40)}” is not a date: type the exit date as MM/DD/YYYY.`);
  else if (exitDate > context.today) r.add('exitDate', 'The exit date cannot be in the future.');
  else if (exitDate < context.entryDate) r.add('exitDate', `The exit date cannot be before the entry date (${formatDay(context.entryDate)}).`);
  else if (context.operatingEndDate !== null && exitDate > context.operatingEndDate) {
    r.add('exitDate', `The exit date cannot be after the project stopped operating (${formatDay(context.operatingEndDate)}): HUD ends every stay by then.`);
  }

  const destination = readCode(r, 'destination', input.destination, LIVING_SITUATION, 'a destination', DESTINATIONS);
  if (destination === null) r.add('destination', 'Choose the destination: where the client went on leaving the project.');
  const subsidy = readCode(r, 'destinationSubsidyType', input.destinationSubsidyType, RENTAL_SUBSIDY_TYPE, 'the rental subsidy type');
  if (destination === RENTAL_WITH_SUBSIDY && subsidy === null) {
    r.add('destinationSubsidyType', 'Choose the rental subsidy type: HUD requires it for “Rental by client, with ongoing housing subsidy”.');
  } else if (destination !== RENTAL_WITH_SUBSIDY && subsidy !== null && subsidy !== undefined) {
    r.add('destinationSubsidyType', 'Leave the rental subsidy type empty: it is asked only for the destination “Rental by client, with ongoing housing subsidy”.');
  }
  const other = input.otherDestination.trim();
  if (destination === OTHER_DESTINATION) {
    if (!other) r.add('otherDestination', 'Describe the destination: HUD requires a description when the destination is “Other”.');
    else if (other.length > OTHER_DESTINATION_MAX) r.add('otherDestination', `The description of the destination can have at most ${OTHER_DESTINATION_MAX} characters.`);
    else if (FORBIDDEN_TEXT.test(other)) r.add('otherDestination', 'The description of the destination cannot contain < > [ ] { } or control characters.');
  } else if (other && destination !== undefined) {
    r.add('otherDestination', 'Leave the description of the destination empty: it is asked only when the destination is “Other”.');
  }

  Object.assign(errors, r.errors);
  if (Object.keys(r.errors).length > 0) return null;
  return { exitDate: exitDate!, destination: destination!, destinationSubsidyType: subsidy ?? null, otherDestination: destination === OTHER_DESTINATION ? other : null };
}

/** Why a project cannot take enrollments yet: it has no 2.03 CoC record, so 3.16 has nothing to choose from. */
export function noCocMessage(projectName: string): string {
  return `${projectName} has no Continuum of Care set up yet (2.03), and HUD records the head of household’s CoC (3.16) at entry: an HMIS administrator or the agency’s manager adds the project’s CoC on the project’s page first.`;
}

/** 3.16 Enrollment CoC as chosen: one of the project's CoC codes (case forgiven), else refused under `field`. */
export function readEnrollmentCoc(typed: string, cocCodes: readonly string[], errors: FieldErrors, field = 'enrollmentCoc'): string | null {
  const code = typed.trim().toUpperCase();
  if (!code) (errors[field] ??= []).push('Choose the Continuum of Care the head of household is in (3.16 Enrollment CoC).');
  else if (!cocCodes.includes(code)) {
    const list = cocCodes.join(', ');
    (errors[field] ??= []).push(`Choose one of the project’s Continuums of Care (${list}): “${typed.trim().slice(0, 20)}” is not one of them.`);
  } else return code;
  return null;
}

/** The form values that show stored entry answers again (for editing). */
export function memberEntryToInput(fields: MemberEntryFields): MemberEntryInput {
  const code = (value: number | null) => (value === null ? '' : String(value));
  return {
    relationshipToHoH: code(fields.relationshipToHoH),
    disablingCondition: code(fields.disablingCondition),
    livingSituation: code(fields.livingSituation),
    rentalSubsidyType: code(fields.rentalSubsidyType),
    lengthOfStay: code(fields.lengthOfStay),
    previousStreetEssh: code(fields.previousStreetEssh),
    dateToStreetEssh: fields.dateToStreetEssh ? formatDay(fields.dateToStreetEssh) : '',
    timesHomelessPastThreeYears: code(fields.timesHomelessPastThreeYears),
    monthsHomelessPastThreeYears: code(fields.monthsHomelessPastThreeYears),
  };
}

export function exitToInput(fields: ExitFields): ExitInput {
  return {
    exitDate: formatDay(fields.exitDate),
    destination: String(fields.destination),
    destinationSubsidyType: fields.destinationSubsidyType === null ? '' : String(fields.destinationSubsidyType),
    otherDestination: fields.otherDestination ?? '',
  };
}
