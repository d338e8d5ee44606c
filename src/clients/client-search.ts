import { ValidationError } from '../errors.js';
import { HEARTH_ID_PATTERN } from '../hud/ids.js';
import type { CandidateBranch, CandidatePlan, NamePattern, TypedIdentifiers } from './clients.model.js';
import { nicknameVariants, normalizeName, soundex, typoKeys } from './name-matching.js';

/**
 * What was typed into the one search box, read the way a case manager means it: a PersonalID; an SSN, its last 4
 * digits or a date of birth; or a name, alone or with a date of birth and SSN digits ("maria garcia 03/14/1971",
 * "Smith, John Jr. 1234"). A name is read every way its words can be a first and a last name (NameReading); the
 * ranking (search-ranking.ts) keeps the reading that fits each client best.
 */

export type SearchKind = 'personal-id' | 'ssn' | 'ssn-last4' | 'dob' | 'name';

/** One way to read the typed words as a first and a last name. */
export interface NameReading {
  /** Normalized; one letter is an initial ("J Smith"). */
  first: string;
  last: string;
  /** 1 in the order typed (or "Last, First"); a little less the other way round ("Smith John"). */
  weight: number;
  /** The typed words read as the first and the last name ("lopez", "garcia" for "lopezgarcia"). */
  firstWords: string[];
  lastWords: string[];
  /** The typed words this reading leaves over: a middle name, a second surname, an initial. */
  others: string[];
  /**
   * Also searched a slip of the keyboard away: the main readings only (the first word as first name, the last word
   * or words as last name), as each costs index lookups. `both`: also with both parts a little off, by trigrams.
   */
  slips: 'one' | 'both' | false;
}

export interface NameQuery extends TypedIdentifiers {
  kind: 'name';
  /** Every reading of two or more words; empty for a single word. */
  readings: NameReading[];
  /** A single word: matched against first names and last names (either surname) alike. */
  single: string;
  /** A name suffix typed (jr, sr, ii, iii, iv), normalized. */
  suffix: string | null;
}

export type ParsedQuery =
  | { kind: 'empty' }
  | { kind: 'personal-id'; personalId: string }
  | ({ kind: 'ssn'; ssn: string } & TypedIdentifiers)
  | ({ kind: 'ssn-last4'; last4: string } & TypedIdentifiers)
  | ({ kind: 'dob'; dob: string } & TypedIdentifiers)
  | NameQuery;

export const SEARCH_HELP =
  'Type a name (“Smith, John” or “John Smith”), a date of birth (MM/DD/YYYY), the last 4 digits of an SSN, or a PersonalID; ' +
  'a name may be followed by a date of birth or the last 4 of the SSN.';

/** More words than this are not a name anyone types; the rest are ignored. */
const MAX_WORDS = 8;
/** A first or last name of more words than this has no words between it and the other ("Diego Solano de Quintero de la Cruz"). */
const MAX_SPAN_WITH_OTHERS = 3;
/** Readings in the order typed count fully; "Smith John" a little less. */
const SWAPPED = 0.95;

/** Suffixes as stored (normalized) and as typed. */
const SUFFIXES: Record<string, string> = { jr: 'jr', sr: 'sr', ii: 'ii', iii: 'iii', iv: 'iv', '2nd': 'ii', '3rd': 'iii', '4th': 'iv' };

/** A name suffix as search compares it ("Jr." → "jr", "3rd" → "iii"), or null. */
export function normalizeSuffix(suffix: string | null | undefined): string | null {
  if (!suffix) return null;
  return SUFFIXES[suffix.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? null;
}

/**
 * Works out what was typed. `today` (YYYY-MM-DD, the site's) decides the century of a two-digit year: the latest
 * that does not put the birth in the future.
 */
export function parseSearchQuery(raw: string, today: string): ParsedQuery {
  const query = raw.trim().replace(/\s+/g, ' ');
  if (!query) return { kind: 'empty' };
  if (HEARTH_ID_PATTERN.test(query.toLowerCase())) return { kind: 'personal-id', personalId: query.toLowerCase() };

  const typed: TypedIdentifiers = { dob: null, ssnLast4: null, ssn: null };
  const once = (key: keyof TypedIdentifiers, value: string, what: string) => {
    if (typed[key] !== null && typed[key] !== value) throw new ValidationError(`Type one ${what} at most. ${SEARCH_HELP}`);
    typed[key] = value;
  };
  let suffix: string | null = null;
  const before: string[] = [];
  const after: string[] = [];
  let comma = false;
  for (const token of query.replace(/,/g, ' , ').split(' ').filter(Boolean)) {
    if (token === ',') {
      comma = true;
      continue;
    }
    const words = comma ? after : before;
    if (HEARTH_ID_PATTERN.test(token.toLowerCase())) throw new ValidationError(`Search a PersonalID on its own: type only its 32 characters. ${SEARCH_HELP}`);
    const asSuffix = normalizeSuffix(token);
    if (asSuffix && /^(jr|sr|ii|iii|iv|2nd|3rd|4th)\.?$/i.test(token) && before.length + after.length > 0) {
      suffix = asSuffix;
      continue;
    }
    if (/\d/.test(token)) {
      const date = readDate(token, today);
      if (date) once('dob', date, 'date of birth');
      else if (/^\d{3}-?\d{2}-?\d{4}$/.test(token)) once('ssn', token.replace(/-/g, ''), 'SSN');
      else if (/^(?:[x*]{3}-?[x*]{2}-?)?\d{4}$/i.test(token)) once('ssnLast4', token.slice(-4), 'set of SSN digits');
      else throw new ValidationError(`“${token}” is not a date of birth (MM/DD/YYYY), the last 4 digits of an SSN or a full SSN. ${SEARCH_HELP}`);
      continue;
    }
    const word = normalizeName(token);
    if (word) words.push(word);
  }

  const nameWords = [...before, ...after];
  if (nameWords.length === 0) {
    if (!typed.dob && !typed.ssn && !typed.ssnLast4) throw new ValidationError(`Type at least 2 letters of a name. ${SEARCH_HELP}`);
    if (typed.ssn) return { kind: 'ssn', ...typed, ssn: typed.ssn };
    if (typed.dob) return { kind: 'dob', ...typed, dob: typed.dob };
    return { kind: 'ssn-last4', ...typed, last4: typed.ssnLast4! };
  }
  if (nameWords.every((w) => w.length < 2)) throw new ValidationError(`Type at least 2 letters of a name. ${SEARCH_HELP}`);

  const readings = comma && before.length > 0 && after.length > 0 ? commaReadings(before.slice(0, MAX_WORDS), after.slice(0, MAX_WORDS)) : plainReadings(nameWords.slice(0, MAX_WORDS));
  // No reading only for one word ("J Smith" is read as an initial and a last name).
  return { kind: 'name', readings, single: readings.length > 0 ? '' : nameWords[0]!, suffix, ...typed };
}

/**
 * Words typed without a comma: the first name is the first word(s) and the last name the last word(s), any words
 * between being a middle name or a second surname ("Paul Michael Williams", "María Hernández García"); or the other
 * way round ("López García María"), counted a little less.
 */
function plainReadings(words: string[]): NameReading[] {
  const readings: NameReading[] = [];
  const n = words.length;
  for (let b = 1; b < n; b++) {
    for (let c = b; c < n; c++) {
      if (c > b && (b > MAX_SPAN_WITH_OTHERS || n - c > MAX_SPAN_WITH_OTHERS)) continue;
      // A slip is looked for with a first name of one or two words and a last name of one or two.
      const slips = b <= 2 && n - c <= 2 ? (b === 1 && c === n - 1 ? 'both' : 'one') : false;
      add(readings, { firstWords: words.slice(0, b), lastWords: words.slice(c), weight: 1, others: words.slice(b, c), slips });
      add(readings, { firstWords: words.slice(c), lastWords: words.slice(0, b), weight: SWAPPED, others: words.slice(b, c), slips: false });
    }
  }
  return readings;
}

/** "Last, First Middle": the last name before the comma (whole, or one of its words), the first name after it. */
function commaReadings(lastWords: string[], firstWords: string[]): NameReading[] {
  const readings: NameReading[] = [];
  const lasts = [{ words: lastWords, others: [] as string[] }];
  if (lastWords.length > 1) lastWords.forEach((w, i) => lasts.push({ words: [w], others: lastWords.filter((_, j) => j !== i) }));
  for (const [i, { words, others }] of lasts.entries()) {
    for (let b = 1; b <= firstWords.length; b++) {
      add(readings, { firstWords: firstWords.slice(0, b), lastWords: words, weight: 1, others: [...firstWords.slice(b), ...others], slips: i === 0 && b <= 2 && words.length <= 2 ? (b === 1 ? 'both' : 'one') : false });
    }
  }
  return readings;
}

function add(readings: NameReading[], reading: Omit<NameReading, 'first' | 'last'>): void {
  const first = reading.firstWords.join('');
  const last = reading.lastWords.join('');
  // An initial may stand for a first name, never for a last name.
  if (first.length < 1 || last.length < 2) return;
  if (readings.some((r) => r.first === first && r.last === last && r.others.join(' ') === reading.others.join(' '))) return;
  readings.push({ ...reading, first, last });
}

/**
 * A date of birth in a common form: MM/DD/YYYY, M/D/YYYY, MM-DD-YYYY, MM.DD.YYYY, YYYY-MM-DD, or MM/DD/YY. Null when
 * the token is not shaped like a date; a ValidationError when it is shaped like one but is not a real date (02/30)
 * or is after today.
 */
export function readDate(token: string, today: string): string | null {
  let year: number, month: number, day: number;
  let match = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/.exec(token);
  if (match) {
    [month, day, year] = [Number(match[1]), Number(match[3]), Number(match[4])];
    if (match[4]!.length === 2) year = centuryOf(year, month, day, today);
  } else {
    match = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/.exec(token);
    if (!match) return null;
    [year, month, day] = [Number(match[1]), Number(match[3]), Number(match[4])];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new ValidationError(`“${token}” is not a real date: type a date of birth as MM/DD/YYYY. ${SEARCH_HELP}`);
  }
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (iso > today) throw new ValidationError(`“${token}” is after today: a date of birth cannot be in the future. ${SEARCH_HELP}`);
  return iso;
}

/**
 * The year of a two-digit year: the latest one that does not put the date after today. On 2026-11-27, 03/14/71 is
 * 1971, 03/14/26 is 2026 and 12/14/26 is 1926.
 */
function centuryOf(twoDigits: number, month: number, day: number, today: string): number {
  const [thisYear, thisMonth, thisDay] = today.split('-').map(Number) as [number, number, number];
  let year = Math.floor(thisYear / 100) * 100 + twoDigits;
  if (year > thisYear || (year === thisYear && (month > thisMonth || (month === thisMonth && day > thisDay)))) year -= 100;
  return year;
}

/** The first names a typed first part may stand for: itself and its nicknames both ways. */
export function firstNameForms(first: string): string[] {
  return first.length < 2 ? [] : [first, ...nicknameVariants(first)];
}

/**
 * Trigrams only for names at least this long: a short common name shares its trigrams with a large part of all
 * clients (the index then reads tens of thousands of rows), and one slip in it is found by its Soundex keys anyway.
 */
const TRIGRAM_MIN = 6;
/** Broad branches: names that sound like the typed ones. */
const SOUND_LIMIT = 1000;
/** Narrow branches: one part as typed, the other a slip away; or the identifiers typed. */
const SLIP_LIMIT = 300;

/** What to fetch for a name: see CandidatePlan. */
export function candidatePlan(query: NameQuery): CandidatePlan {
  const sound: CandidateBranch = { pairs: [], either: [], limit: SOUND_LIMIT };
  const slips: CandidateBranch = { pairs: [], either: [], limit: SLIP_LIMIT };
  const trigrams: CandidateBranch = { pairs: [], either: [], limit: SLIP_LIMIT };
  if (query.single) {
    const forms = firstNameForms(query.single);
    sound.either.push({ keys: unique(forms.map(soundex)), prefixes: [query.single], exact: forms });
    if (query.single.length >= TRIGRAM_MIN) trigrams.either.push({ similarTo: query.single });
  }
  for (const r of query.readings) {
    const firstForms = firstNameForms(r.first);
    const firstKeys = unique(firstForms.map(soundex));
    // Names beginning with what was typed, for the main readings, where the words may be unfinished ("Jo Smi"); an
    // initial, only those.
    const prefixes = (typed: string) => (r.slips ? { prefixes: [typed] } : {});
    const first: NamePattern = r.first.length === 1 ? { prefixes: [r.first] } : { keys: firstKeys, exact: firstForms, ...prefixes(r.first) };
    const last: NamePattern = { keys: [soundex(r.last)], exact: [r.last], ...prefixes(r.last) };
    // Names of more than two words are rare, and their first word sounds like the whole: such a reading only when
    // it uses every word, in the order typed (a long surname with a slip); typed exactly, they are found below.
    if ((r.firstWords.length <= 2 && r.lastWords.length <= 2) || (r.others.length === 0 && r.weight === 1)) sound.pairs.push({ first, last });
    if (!r.slips || r.first.length === 1) continue;
    // One part as typed (or a nickname), the other by the keys one slip of the keyboard reaches.
    slips.pairs.push({ first: { exact: firstForms }, last: { keys: typoKeys(r.last) } }, { first: { keys: typoKeys(r.first) }, last: { exact: [r.last] } });
    // Both parts a little off, by trigrams: as typed or sounding alike, the other part similar ("Kristofer Smyht").
    if (r.slips === 'both') {
      if (r.first.length >= TRIGRAM_MIN) trigrams.pairs.push({ first: { similarTo: r.first }, last: { keys: [soundex(r.last)], exact: [r.last] } });
      if (r.last.length >= TRIGRAM_MIN) trigrams.pairs.push({ first: { keys: firstKeys, exact: firstForms }, last: { similarTo: r.last } });
    }
  }
  // Every reading's names exactly as typed, those of more than two words too: a few index lookups.
  const exactFirsts = unique(query.readings.flatMap((r) => firstNameForms(r.first)));
  if (exactFirsts.length) slips.pairs.push({ first: { exact: exactFirsts }, last: { exact: unique(query.readings.map((r) => r.last)) } });
  for (const branch of [sound, slips]) branch.pairs = mergedPairs(branch.pairs);
  const identifiers: TypedIdentifiers = { dob: query.dob, ssnLast4: query.ssnLast4, ssn: query.ssn };
  const branches = [sound, slips];
  if (identifiers.dob || identifiers.ssnLast4 || identifiers.ssn) branches.push({ pairs: [], either: [], identifiers, limit: SLIP_LIMIT });
  return {
    branches,
    fallback: [trigrams],
    exactFirst: unique([query.single, ...query.readings.flatMap((r) => firstNameForms(r.first))].filter(Boolean)),
    exactLast: unique([query.single, ...query.readings.map((r) => r.last)].filter(Boolean)),
    exactPairs: query.readings.filter((r) => r.others.length === 0 && r.weight === 1 && r.first.length > 1).map((r) => ({ first: r.first, last: r.last })),
    identifiers,
  };
}

/**
 * Pairs with the same first-name pattern as one pair, their last-name patterns joined (the same rows, fewer index
 * scans for the planner to plan and run): several readings often share a first name.
 */
function mergedPairs(pairs: CandidateBranch['pairs']): CandidateBranch['pairs'] {
  const byFirst = new Map<string, { first: NamePattern; last: NamePattern }>();
  for (const pair of pairs) {
    const key = JSON.stringify(pair.first);
    const same = byFirst.get(key);
    if (!same || pair.first.similarTo || pair.last.similarTo || same.last.similarTo) {
      byFirst.set(same ? `${key}${byFirst.size}` : key, { first: pair.first, last: { ...pair.last } });
      continue;
    }
    same.last = {
      keys: unique([...(same.last.keys ?? []), ...(pair.last.keys ?? [])]),
      prefixes: unique([...(same.last.prefixes ?? []), ...(pair.last.prefixes ?? [])]),
      exact: unique([...(same.last.exact ?? []), ...(pair.last.exact ?? [])]),
    };
  }
  return [...byFirst.values()];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** What was typed with any SSN or SSN digits masked, for the audit log: "maria garcia ****". */
export function withoutSsnDigits(typed: string): string {
  return typed
    .split(/(\s+|,)/)
    .map((token) => (/^\d{3}-?\d{2}-?\d{4}$/.test(token) || /^(?:[x*]{3}-?[x*]{2}-?)?\d{4}$/i.test(token) ? '****' : token))
    .join('');
}
