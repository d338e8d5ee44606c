import { ValidationError } from '../errors.js';
import { HEARTH_ID_PATTERN } from '../hud/ids.js';
import { parseDate } from './client-fields.js';
import type { NamePattern, NormalizedName } from './clients.model.js';
import { firstNameSimilarity, nameSimilarity, nicknameVariants, normalizeName, soundex } from './name-matching.js';

export type SearchKind = 'personal-id' | 'ssn' | 'ssn-last4' | 'dob' | 'name';

/** One way to read the typed words as a first and a last name. */
export interface NameReading {
  first: string;
  last: string;
  /** 1 in the order typed (or "Last, First"); a little less the other way round. */
  weight: number;
}

export interface NameQuery {
  kind: 'name';
  /**
   * The ways to read what was typed as a first and a last name: "Ana María López Ortiz" may be first "ana" +
   * last "lopezortiz", or "anamaria" + "lopezortiz", …; two words without a comma also the other way round.
   * Empty for a single word.
   */
  readings: NameReading[];
  /** A single word: matched against first and last names alike. */
  single: string;
}

export type ParsedQuery =
  | { kind: 'empty' }
  | { kind: 'personal-id'; personalId: string }
  | { kind: 'ssn'; ssn: string }
  | { kind: 'ssn-last4'; last4: string }
  | { kind: 'dob'; dob: string }
  | NameQuery;

export const SEARCH_HELP =
  'Type a name (“Smith, John” or “John Smith”), a date of birth (MM/DD/YYYY), the last 4 digits of an SSN, or a PersonalID.';

/** Works out what was typed into the one search box. */
export function parseSearchQuery(raw: string): ParsedQuery {
  const query = raw.trim().replace(/\s+/g, ' ');
  if (!query) return { kind: 'empty' };
  if (HEARTH_ID_PATTERN.test(query.toLowerCase())) return { kind: 'personal-id', personalId: query.toLowerCase() };
  if (/^\d{3}-?\d{2}-?\d{4}$/.test(query)) return { kind: 'ssn', ssn: query.replace(/-/g, '') };
  if (/^\d{4}$/.test(query)) return { kind: 'ssn-last4', last4: query };
  if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(query) || /^\d{4}-\d{2}-\d{2}$/.test(query)) {
    const dob = parseDate(query);
    if (!dob) throw new ValidationError(`“${query}” is not a real date. ${SEARCH_HELP}`);
    return { kind: 'dob', dob };
  }
  const readings: NameReading[] = [];
  const add = (first: string, last: string, weight: number) => {
    if (first.length >= 2 && last.length >= 2 && !readings.some((r) => r.first === first && r.last === last)) readings.push({ first, last, weight });
  };
  let words: string[];
  if (query.includes(',')) {
    const [lastPart = '', firstPart = ''] = query.split(',', 2);
    const firstWords = firstPart.split(' ').map(normalizeName).filter(Boolean);
    const last = normalizeName(lastPart);
    add(firstWords[0] ?? '', last, 1);
    add(firstWords.join(''), last, 1);
    words = [last, ...firstWords];
  } else {
    words = query.split(' ').map(normalizeName).filter(Boolean).slice(0, MAX_WORDS);
    // First and last word (a middle name typed in between), then every split into first and last name.
    if (words.length > 1) add(words[0]!, words[words.length - 1]!, 1);
    for (let k = 1; k < words.length; k++) add(words.slice(0, k).join(''), words.slice(k).join(''), 1);
    // "Smith John" without the comma; longer names are typed first name first.
    if (words.length === 2) add(words[1]!, words[0]!, SWAPPED_PENALTY);
  }
  if (words.every((w) => w.length < 2)) throw new ValidationError(`Type at least 2 letters of a name. ${SEARCH_HELP}`);
  // One word, or only initials besides one word ("J Smith"): the longest word, as first or last name.
  const single = readings.length === 0 ? words.reduce((a, b) => (b.length > a.length ? b : a)) : '';
  return { kind: 'name', readings, single };
}

/** More words than this are not a name anyone types; the rest are ignored. */
const MAX_WORDS = 5;

/** The keys and prefixes of a name part, and of its nicknames when it is a first name. */
export function namePattern(part: string, asFirstName: boolean): NamePattern {
  const variants = [part, ...(asFirstName ? nicknameVariants(part) : [])].filter((v) => v.length >= 2);
  return { keys: [...new Set(variants.map(soundex))], prefixes: [...new Set(variants.map((v) => v.slice(0, 3)))] };
}

/** One letter of each Soundex class, and a vowel: enough to reach every key a single slip could change. */
const KEY_LETTERS = ['a', 'b', 'c', 'd', 'l', 'm', 'r'];

/**
 * The Soundex keys of the names one slip of the keyboard away from this part (a letter left out, added,
 * mistyped or swapped with the next), not counting its own: "sith" reaches S530 (Smith), "naer" N360 (Nader).
 * The first letter is kept, as people rarely mistype it (and Soundex keeps it anyway).
 */
export function typoKeys(part: string): string[] {
  if (part.length < 3) return [];
  const variants: string[] = [];
  for (let i = 1; i < part.length; i++) variants.push(part.slice(0, i) + part.slice(i + 1));
  for (let i = 1; i < part.length - 1; i++) variants.push(part.slice(0, i) + part[i + 1] + part[i] + part.slice(i + 2));
  // Only the first few letters decide a Soundex key.
  for (let i = 1; i <= Math.min(part.length, 5); i++) {
    for (const letter of KEY_LETTERS) {
      variants.push(part.slice(0, i) + letter + part.slice(i));
      if (i < part.length) variants.push(part.slice(0, i) + letter + part.slice(i + 1));
    }
  }
  const own = soundex(part);
  return [...new Set(variants.map(soundex))].filter((key) => key !== own).sort();
}

const MIN_SCORE = 0.7;
const MIN_PART_SCORE = 0.5;
const SWAPPED_PENALTY = 0.95;

/** Scores candidates against the typed name, best first; weak matches are dropped. */
export function rankByName<T extends NormalizedName>(query: NameQuery, candidates: readonly T[]): T[] {
  const scored = candidates
    .map((candidate) => ({ candidate, score: scoreName(query, candidate.firstNameNorm, candidate.lastNameNorm) }))
    .filter((s) => s.score >= MIN_SCORE);
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      a.candidate.lastNameNorm.localeCompare(b.candidate.lastNameNorm) ||
      a.candidate.firstNameNorm.localeCompare(b.candidate.firstNameNorm),
  );
  return scored.map((s) => s.candidate);
}

export function scoreName(query: NameQuery, first: string, last: string): number {
  if (query.single) return Math.max(nameSimilarity(query.single, last), firstNameSimilarity(query.single, first));
  let best = 0;
  for (const reading of query.readings) {
    const f = firstNameSimilarity(reading.first, first);
    if (f < MIN_PART_SCORE) continue;
    const l = nameSimilarity(reading.last, last);
    if (l < MIN_PART_SCORE) continue;
    best = Math.max(best, ((f + l) / 2) * reading.weight);
  }
  return best;
}
