import { ValidationError } from '../errors.js';
import {
  DATA_NOT_COLLECTED,
  DOB_DATA_QUALITY,
  isMissingDataReason,
  NAME_DATA_QUALITY,
  RACE_FIELDS,
  RACE_NONE,
  SEX,
  SSN_DATA_QUALITY,
  VETERAN_STATUS,
  type CodeList,
  type RaceColumn,
} from '../hud/client-code-lists.js';
import type { ClientFields } from './clients.model.js';
import { cleanSsn, ssnProblem } from './ssn.js';

/** The universal data elements as typed into the form (every value a string, kept on re-render). */
export interface ClientInput {
  firstName: string;
  middleName: string;
  lastName: string;
  nameSuffix: string;
  nameDataQuality: string;
  ssn: string;
  ssnDataQuality: string;
  dob: string;
  dobDataQuality: string;
  /** Selected race/ethnicity columns (RACE_FIELDS[].column). */
  races: string[];
  raceNone: string;
  additionalRaceEthnicity: string;
  sex: string;
  veteranStatus: string;
}

export const EMPTY_CLIENT_INPUT: ClientInput = {
  firstName: '',
  middleName: '',
  lastName: '',
  nameSuffix: '',
  nameDataQuality: '',
  ssn: '',
  ssnDataQuality: '',
  dob: '',
  dobDataQuality: '',
  races: [],
  raceNone: '',
  additionalRaceEthnicity: '',
  sex: '',
  veteranStatus: '',
};

const NAME_MAX = 50; // Client.csv S50
const ADDITIONAL_RACE_MAX = 100; // Client.csv S100
// FY2026 exports strip these; refusing them keeps what is stored and what is exported the same.
const FORBIDDEN_TEXT = /[<>[\]{}\p{Cc}]/u;
/** HUD's floor: the APR counts an earlier date of birth as a data issue, and the LSA reads 1900-01-01 as "unknown". */
const EARLIEST_DOB = '1915-01-01';

/**
 * Checks every element against HUD's rules and returns what to store, or throws a ValidationError
 * with a message per form field. `today` is YYYY-MM-DD in the site's time zone.
 */
export function validateClientInput(input: ClientInput, today: string, firstEntryDate: string | null = null): ClientFields {
  const errors: Record<string, string[]> = {};
  const refuse = (field: string, message: string) => (errors[field] ??= []).push(message);

  const text = (field: keyof ClientInput, label: string, max: number): string | null => {
    const value = String(input[field]).trim();
    if (value.length > max) refuse(field, `${label} can be at most ${max} characters.`);
    else if (FORBIDDEN_TEXT.test(value)) refuse(field, `${label} cannot contain < > [ ] { } or control characters.`);
    return value || null;
  };
  const code = (field: keyof ClientInput, list: CodeList, missing: string): number | null => {
    const raw = String(input[field]).trim();
    if (!raw) {
      refuse(field, missing);
      return null;
    }
    const value = /^[0-9]{1,2}$/.test(raw) ? Number(raw) : NaN;
    if (!Object.hasOwn(list, value)) {
      refuse(field, `“${raw}” is not one of the choices. ${missing}`);
      return null;
    }
    return value;
  };

  // 3.01 Name
  let firstName = text('firstName', 'First name', NAME_MAX);
  let middleName = text('middleName', 'Middle name', NAME_MAX);
  let lastName = text('lastName', 'Last name', NAME_MAX);
  let nameSuffix = text('nameSuffix', 'Suffix', NAME_MAX);
  const nameDataQuality = code('nameDataQuality', NAME_DATA_QUALITY, 'Choose the name data quality.');
  if (nameDataQuality === 1) {
    if (!firstName) refuse('firstName', 'A full name needs a first name (or choose “Partial, street name, or code name reported”).');
    if (!lastName) refuse('lastName', 'A full name needs a last name (or choose “Partial, street name, or code name reported”).');
  } else if (nameDataQuality === 2) {
    if (!firstName && !lastName) refuse('firstName', 'A partial, street or code name needs at least a first or a last name.');
  } else if (nameDataQuality !== null && isMissingDataReason(nameDataQuality)) {
    if (firstName || middleName || lastName || nameSuffix) refuse('nameDataQuality', typedWithoutAnswer(NAME_DATA_QUALITY, nameDataQuality, 'name'));
    firstName = middleName = lastName = nameSuffix = null;
  }

  // 3.02 SSN
  const ssnDataQuality = code('ssnDataQuality', SSN_DATA_QUALITY, 'Choose the SSN data quality.');
  let ssn: string | null = cleanSsn(input.ssn.trim()) || null;
  if (ssnDataQuality !== null && isMissingDataReason(ssnDataQuality)) {
    // "Client doesn't know", "prefers not to answer", "not collected": no SSN is kept, so none may be typed.
    if (ssn) refuse('ssnDataQuality', typedWithoutAnswer(SSN_DATA_QUALITY, ssnDataQuality, 'SSN'));
    ssn = null;
  } else if (ssnDataQuality === 1) {
    if (!ssn) refuse('ssn', 'Type the 9-digit SSN, or choose why it is missing.');
    else if (/x/.test(ssn) && /^[0-9x]{9}$/.test(ssn)) {
      refuse('ssn', 'A full SSN has no unknown digits: type all 9 digits, or choose “Approximate or partial SSN reported” and type x for each unknown digit.');
    } else if (!/^[0-9]{9}$/.test(ssn)) refuse('ssn', `A full SSN needs 9 digits (got “${input.ssn.trim()}”).`);
  } else if (ssnDataQuality === 2) {
    if (!ssn) refuse('ssn', 'Type what is known of the SSN, with x for each unknown digit (e.g. xxxxx1234), or choose why it is missing.');
    else if (!/^[0-9x]{9}$/.test(ssn)) {
      refuse('ssn', 'An approximate or partial SSN has 9 characters: digits, and x for each unknown digit (e.g. xxxxx1234).');
    } else if (ssn === 'xxxxxxxxx') refuse('ssn', 'No digit of the SSN is known: choose why it is missing instead.');
  }

  // 3.03 Date of birth
  const dobDataQuality = code('dobDataQuality', DOB_DATA_QUALITY, 'Choose the DOB data quality.');
  let dob: string | null = null;
  if (dobDataQuality !== null && isMissingDataReason(dobDataQuality)) {
    if (input.dob.trim()) refuse('dobDataQuality', typedWithoutAnswer(DOB_DATA_QUALITY, dobDataQuality, 'date of birth'));
  } else if (dobDataQuality === 1 || dobDataQuality === 2) {
    const typed = input.dob.trim();
    if (!typed) refuse('dob', 'Type the date of birth, or choose why it is missing.');
    else {
      dob = parseDate(typed);
      if (!dob) refuse('dob', `“${typed}” is not a date: type the date of birth as MM/DD/YYYY.`);
      else if (dob > today) refuse('dob', 'The date of birth cannot be in the future.');
      else if (dob < EARLIEST_DOB) refuse('dob', `HUD’s data standards accept no date of birth before ${formatDob(EARLIEST_DOB)}: check it with the client, or choose “Approximate or partial DOB reported” with a later date.`);
    }
  }

  // 3.04 Race and ethnicity
  const races = Object.fromEntries(RACE_FIELDS.map((r) => [r.column, 0])) as Record<RaceColumn, 0 | 1>;
  for (const chosen of input.races) {
    const race = RACE_FIELDS.find((r) => r.column === chosen);
    if (race) races[race.column] = 1;
    else refuse('races', `“${chosen}” is not one of the race and ethnicity choices.`);
  }
  const anyRace = Object.values(races).some((v) => v === 1);
  let raceNone: number | null = null;
  if (input.raceNone.trim()) raceNone = code('raceNone', RACE_NONE, 'Choose why no race or ethnicity was recorded.');
  if (anyRace && raceNone !== null) {
    refuse('races', 'Choose races and ethnicities or a reason none was recorded, not both.');
  } else if (!anyRace && raceNone === null && !errors.raceNone) {
    refuse('races', 'Choose at least one race or ethnicity, or why none was recorded.');
  }
  const additionalRaceEthnicity = text('additionalRaceEthnicity', 'Additional race and ethnicity detail', ADDITIONAL_RACE_MAX);

  // 4.21 Sex, 3.07 Veteran status
  const sex = code('sex', SEX, 'Choose the client’s sex, or why it is missing.');
  // 3.07 is asked of adults only (HUD: a child with no answer is exported as 99), judged by the age at the client's
  // first entry (or today, before any): a veteran cannot have been under 18 at any entry.
  const child = dob !== null && isChildAt(dob, firstEntryDate ?? today);
  const veteranStatus = child && !input.veteranStatus.trim() ? DATA_NOT_COLLECTED : code('veteranStatus', VETERAN_STATUS, 'Choose the veteran status.');
  if (veteranStatus === 1 && child) {
    refuse('veteranStatus', firstEntryDate ? `The client was under 18 when they entered a project on ${formatDob(firstEntryDate)}: a veteran cannot have been.` : 'A client under 18 cannot be a veteran.');
  }

  if (Object.keys(errors).length > 0) {
    throw new ValidationError('Some answers do not follow the HUD data standards. Please correct them.', errors);
  }
  return {
    firstName,
    middleName,
    lastName,
    nameSuffix,
    nameDataQuality: nameDataQuality!,
    ssn,
    ssnDataQuality: ssnDataQuality!,
    dob,
    dobDataQuality: dobDataQuality!,
    races,
    raceNone,
    additionalRaceEthnicity,
    sex: sex!,
    veteranStatus: veteranStatus!,
  };
}

/**
 * Answers HUD's data standards allow but its data-quality reports flag: saved once the user confirms them. A full SSN
 * (DQ 1) that cannot be an issued one is warned about rather than refused: staff sometimes type an ITIN.
 */
export function clientWarnings(fields: ClientFields): Record<string, string[]> {
  const problem = fields.ssnDataQuality === 1 && fields.ssn ? ssnProblem(fields.ssn) : null;
  if (!problem) return {};
  return {
    ssn: [`${problem} Check the SSN with the client and correct it, or choose “Approximate or partial SSN reported” if it is not their full, real SSN.`],
  };
}

/** 3.01–3.03 alike: a reason for missing data with a value typed all the same is refused, naming both ways out. */
function typedWithoutAnswer(list: CodeList, reason: number, element: 'name' | 'SSN' | 'date of birth'): string {
  const [full, partial] = [list[1], list[2]];
  return `“${list[reason]}” means no ${element} was given: remove the ${element}, or choose “${full}” or “${partial}”.`;
}

/** MM/DD/YYYY (also M/D/YYYY) or YYYY-MM-DD → YYYY-MM-DD, or null when it is not a real date. */
export function parseDate(typed: string): string | null {
  let match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(typed);
  let year: number, month: number, day: number;
  if (match) [year, month, day] = [Number(match[3]), Number(match[1]), Number(match[2])];
  else {
    match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typed);
    if (!match) return null;
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** YYYY-MM-DD → MM/DD/YYYY, as US case managers read dates. */
export function formatDob(dob: string | null): string {
  if (!dob) return '—';
  const [y, m, d] = dob.split('-');
  return `${m}/${d}/${y}`;
}

/** Under 18 on that day (3.07 is not asked of children). */
export function isChildAt(dob: string, day: string): boolean {
  return ageOn(dob, day) < 18;
}

function ageOn(dob: string, today: string): number {
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
