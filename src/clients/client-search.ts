import { ValidationError } from '../errors.js';
import { parseDate } from './client-fields.js';
import type { ClientRow } from './clients.repository.js';
import { firstNameSimilarity, nameSimilarity, nicknameVariants, normalizeName, soundex } from './name-matching.js';

export type SearchKind = 'personal-id' | 'ssn' | 'ssn-last4' | 'dob' | 'name';

export interface NameQuery {
  kind: 'name';
  /** "Last, First": the parts are known. Otherwise the first word is taken as first name, the last as last name. */
  ordered: boolean;
  first: string;
  last: string;
  /** A single word: matched against first and last names alike. */
  single: string;
  keys: string[];
  prefixes: string[];
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
  if (/^[0-9a-f]{32}$/i.test(query)) return { kind: 'personal-id', personalId: query.toLowerCase() };
  if (/^\d{3}-?\d{2}-?\d{4}$/.test(query)) return { kind: 'ssn', ssn: query.replace(/-/g, '') };
  if (/^\d{4}$/.test(query)) return { kind: 'ssn-last4', last4: query };
  if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(query) || /^\d{4}-\d{2}-\d{2}$/.test(query)) {
    const dob = parseDate(query);
    if (!dob) throw new ValidationError(`“${query}” is not a real date. ${SEARCH_HELP}`);
    return { kind: 'dob', dob };
  }
  let first = '';
  let last = '';
  let single = '';
  let ordered = false;
  if (query.includes(',')) {
    const [lastPart = '', firstPart = ''] = query.split(',', 2);
    last = normalizeName(lastPart);
    first = normalizeName(firstPart.trim().split(' ')[0]);
    ordered = true;
    if (!first || !last) single = first || last;
  } else {
    const words = query.split(' ').map(normalizeName).filter(Boolean);
    if (words.length === 1) single = words[0]!;
    else if (words.length > 1) [first, last] = [words[0]!, words[words.length - 1]!];
  }
  if (single) [first, last, ordered] = ['', '', false];
  const parts = single ? [single] : [first, last];
  if (parts.every((p) => p.length < 2)) throw new ValidationError(`Type at least 2 letters of a name. ${SEARCH_HELP}`);
  const variants = parts.flatMap((p) => [p, ...nicknameVariants(p)]);
  return {
    kind: 'name',
    ordered,
    first,
    last,
    single,
    keys: [...new Set(variants.filter((v) => v.length >= 2).map(soundex))],
    prefixes: [...new Set(variants.filter((v) => v.length >= 2).map((v) => v.slice(0, 3)))],
  };
}

const MIN_SCORE = 0.7;
const MIN_PART_SCORE = 0.5;
const SWAPPED_PENALTY = 0.95;

/** Scores candidates against the typed name, best first; weak matches are dropped. */
export function rankByName(query: NameQuery, candidates: ClientRow[]): ClientRow[] {
  const scored = candidates
    .map((row) => ({ row, score: scoreName(query, row.first_name_norm, row.last_name_norm) }))
    .filter((s) => s.score >= MIN_SCORE);
  scored.sort((a, b) => b.score - a.score || a.row.last_name_norm.localeCompare(b.row.last_name_norm) || a.row.first_name_norm.localeCompare(b.row.first_name_norm));
  return scored.map((s) => s.row);
}

export function scoreName(query: NameQuery, first: string, last: string): number {
  if (query.single) return Math.max(nameSimilarity(query.single, last), firstNameSimilarity(query.single, first));
  const pair = (typedFirst: string, typedLast: string) => {
    const f = firstNameSimilarity(typedFirst, first);
    const l = nameSimilarity(typedLast, last);
    return f < MIN_PART_SCORE || l < MIN_PART_SCORE ? 0 : (f + l) / 2;
  };
  const straight = pair(query.first, query.last);
  // "Smith John" typed without a comma: try it the other way round, ranked slightly lower.
  return query.ordered ? straight : Math.max(straight, pair(query.last, query.first) * SWAPPED_PENALTY);
}
