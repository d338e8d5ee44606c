import { formatDay, readDate } from '../enrollments/enrollment-fields.js';
import { NO_YES_REASONS_FOR_MISSING_DATA } from '../hud/code-lists.js';
import { LIVING_SITUATION, RENTAL_SUBSIDY_TYPES, RENTAL_WITH_SUBSIDY } from '../hud/enrollment-code-lists.js';
import { asksLeaveWithin14Days, CURRENT_LIVING_SITUATIONS } from '../hud/occurrence-code-lists.js';
import { EMPTY_CONTACT, type ContactFields, type ContactInput } from './contacts.model.js';

type Errors = Record<string, string[]>;

/** The 14-day block (4.12.C–F), asked when the client must leave within 14 days. */
export const FOURTEEN_DAY_QUESTIONS = [
  ['subsequentResidence', 'Has a subsequent residence been identified?'],
  ['resourcesToObtain', 'Does the individual or family have resources or support networks to obtain other permanent housing?'],
  ['leaseOwn60Day', 'Has the client had a lease or ownership interest in a permanent housing unit in the last 60 days?'],
  ['movedTwoOrMore', 'Has the client moved 2 or more times in the last 60 days?'],
] as const;

const NO_YES_CODES = Object.keys(NO_YES_REASONS_FOR_MISSING_DATA).map(Number);

export function code(typed: string, allowed: readonly number[]): number | null | undefined {
  const text = typed.trim();
  if (!text) return null;
  const value = /^[0-9]{1,3}$/.test(text) ? Number(text) : NaN;
  return allowed.includes(value) ? value : undefined;
}

export function text(typed: string, max: number): string | null | undefined {
  const value = typed.trim();
  if (!value) return null;
  return value.length > max ? undefined : value;
}

/** The day of something recorded during a stay, as HUD bounds it: from project start to exit, and not in the future. */
export interface StayBounds {
  entryDate: string;
  exitDate: string | null;
  today: string;
}

/** Reads a required day within the stay; `refuse` gets the message when it is missing, not a date or outside. */
export function readDayInStay(typed: string, what: string, stay: StayBounds, refuse: (message: string) => void): string | null {
  const date = readDate(typed);
  const What = what.charAt(0).toUpperCase() + what.slice(1);
  if (date === null) refuse(`Type ${what} (MM/DD/YYYY).`);
  else if (date === undefined) refuse(`“${typed.trim().slice(0, 40)}” is not a date: type ${what} as MM/DD/YYYY.`);
  else if (date > stay.today) refuse(`${What} cannot be in the future.`);
  else if (date < stay.entryDate) refuse(`${What} cannot be before the project start (${formatDay(stay.entryDate)}).`);
  else if (stay.exitDate !== null && date > stay.exitDate) refuse(`${What} cannot be after the exit (${formatDay(stay.exitDate)}).`);
  else return date;
  return null;
}

/**
 * A contact's answers checked against HUD's 4.12 rules (reference §2.6): the date of contact within the stay and
 * not in the future; a situation of HUD's 4.12 list; the subsidy type with 435 only; "verified by" in coordinated
 * entry projects only; the 14-day question for non-homeless situations, and its four follow-ups only after "Yes".
 */
export function validateContact(input: ContactInput, context: StayBounds & { coordinatedEntry: boolean }, errors: Errors): ContactFields | null {
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const date = readDayInStay(input.informationDate, 'the date of the contact', context, (message) => add('informationDate', message));

  const situation = code(input.currentLivingSituation, CURRENT_LIVING_SITUATIONS);
  if (situation === null) add('currentLivingSituation', 'Choose the current living situation.');
  else if (situation === undefined) add('currentLivingSituation', 'Choose one of the living situations in the list.');
  const known = situation ?? null;

  const subsidy = code(input.clsSubsidyType, RENTAL_SUBSIDY_TYPES);
  if (subsidy === undefined) add('clsSubsidyType', 'Choose one of the subsidy types in the list.');
  else if (known === RENTAL_WITH_SUBSIDY && subsidy === null) add('clsSubsidyType', `Choose the rental subsidy type: HUD asks it for “${LIVING_SITUATION[RENTAL_WITH_SUBSIDY]}”.`);
  else if (known !== RENTAL_WITH_SUBSIDY && subsidy !== null) add('clsSubsidyType', 'Leave the rental subsidy type empty: it is asked only for a rental with ongoing housing subsidy.');

  const verifiedBy = text(input.verifiedBy, 200);
  if (verifiedBy === undefined) add('verifiedBy', 'Type at most 200 characters.');
  else if (verifiedBy !== null && !context.coordinatedEntry) add('verifiedBy', 'Leave “verified by” empty: HUD asks it in coordinated entry projects only.');

  const asked = known !== null && asksLeaveWithin14Days(known);
  const leave = code(input.leaveSituation14Days, NO_YES_CODES);
  if (leave === undefined) add('leaveSituation14Days', 'Choose one of the answers.');
  else if (asked && leave === null) add('leaveSituation14Days', 'Answer whether the client will have to leave within 14 days: HUD asks it for this situation.');
  else if (!asked && leave !== null) add('leaveSituation14Days', 'Leave the 14-day question empty: it is asked only when the client is not homeless.');

  const followUps: Partial<Record<(typeof FOURTEEN_DAY_QUESTIONS)[number][0], number | null>> = {};
  for (const [field] of FOURTEEN_DAY_QUESTIONS) {
    const answer = code(input[field], NO_YES_CODES);
    if (answer === undefined) add(field, 'Choose one of the answers.');
    else if (leave === 1 && answer === null) add(field, 'Answer this question: HUD asks it when the client will have to leave within 14 days.');
    else if (leave !== 1 && answer !== null) add(field, 'Leave this question empty: it is asked only when the client will have to leave within 14 days.');
    else followUps[field] = answer;
  }

  const location = text(input.locationDetails, 250);
  if (location === undefined) add('locationDetails', 'Type at most 250 characters.');
  if (Object.keys(errors).length > 0 || !date || known === null) return null;
  return {
    informationDate: date,
    currentLivingSituation: known,
    clsSubsidyType: subsidy ?? null,
    verifiedBy: verifiedBy ?? null,
    leaveSituation14Days: leave ?? null,
    subsequentResidence: followUps.subsequentResidence ?? null,
    resourcesToObtain: followUps.resourcesToObtain ?? null,
    leaseOwn60Day: followUps.leaseOwn60Day ?? null,
    movedTwoOrMore: followUps.movedTwoOrMore ?? null,
    locationDetails: location ?? null,
  };
}

/** A recorded contact as its correction form shows it. */
export function contactToInput(contact: ContactFields): ContactInput {
  const input = { ...EMPTY_CONTACT };
  for (const key of Object.keys(EMPTY_CONTACT) as (keyof ContactInput)[]) {
    const value = contact[key];
    if (value === null) continue;
    input[key] = key === 'informationDate' ? formatDay(String(value)) : String(value);
  }
  return input;
}
