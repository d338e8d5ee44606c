/**
 * Name comparison that survives accents, typos and nicknames, computed in TypeScript so PGlite and PostgreSQL
 * rank alike: the database narrows candidates by indexed keys and trigrams, this ranks them (search-ranking.ts).
 */
import { nicknameVariants } from './nicknames/nicknames.js';

export { nicknameVariants };

const SPECIAL_LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i' };

/** Lowercase ASCII letters only: "Zoë O'Brien-Smith" → "zoeobriensmith". */
export function normalizeName(name: string | null | undefined): string {
  if (!name) return '';
  return name
    .toLowerCase()
    .replace(/[ßæœøđðþłı]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z]/g, '');
}

/** The words of a name, each normalized: "López-García" and "López García" → ["lopez", "garcia"]. */
export function nameWords(name: string | null | undefined): string[] {
  if (!name) return [];
  return name.split(/[\s\-‐–]+/).map(normalizeName).filter(Boolean);
}

/**
 * The last word of a last name of several words ("garcia" of "López García"), '' for a single word: stored and
 * indexed, so the second surname typed alone finds the person.
 */
export function lastNameTail(lastName: string | null | undefined): string {
  const words = nameWords(lastName);
  return words.length > 1 ? words[words.length - 1]! : '';
}

const SOUNDEX_CODES: Record<string, string> = {
  b: '1', f: '1', p: '1', v: '1',
  c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
  d: '3', t: '3',
  l: '4',
  m: '5', n: '5',
  r: '6',
};

/** American Soundex of a normalized name ("smith" and "smtih" → "S530"); '' for ''. */
export function soundex(normalized: string): string {
  if (!normalized) return '';
  let key = normalized[0]!.toUpperCase();
  let previous = SOUNDEX_CODES[normalized[0]!] ?? '';
  for (const letter of normalized.slice(1)) {
    const code = SOUNDEX_CODES[letter] ?? '';
    // h and w do not separate letters with the same code; vowels do.
    if (letter === 'h' || letter === 'w') continue;
    if (code && code !== previous) key += code;
    previous = code;
    if (key.length === 4) break;
  }
  return key.padEnd(4, '0');
}

/** One letter of each Soundex class, and a vowel: enough to reach every key a single slip could change. */
const KEY_LETTERS = ['a', 'b', 'c', 'd', 'l', 'm', 'r'];

/** First letters that sound alike, so that a name heard rather than read is still found (Kristopher, Jerald). */
const SOUND_ALIKE_STARTS: readonly (readonly string[])[] = [
  ['c', 'k', 'ch', 'q'],
  ['g', 'j'],
  ['f', 'ph'],
  ['s', 'c', 'z', 'x'],
  ['i', 'y', 'e'],
  ['v', 'w', 'b'],
];

/**
 * The Soundex keys of the names one slip away from this part (a letter left out, added, mistyped or swapped with
 * the next; the first letters swapped or dropped, or a first letter that sounds alike), not counting its own:
 * "sith" reaches S530 (Smith), "msith" S530 too, "kristopher" C623 (Christopher). A slip in the first letter
 * changes a Soundex key, which keeps its first letter.
 */
export function typoKeys(part: string): string[] {
  if (part.length < 3) return [];
  // A silent h left out or added: Ernández, Hernández.
  const variants: string[] = [part.slice(1), part[1]! + part[0]! + part.slice(2), `h${part}`];
  for (const group of SOUND_ALIKE_STARTS) {
    for (const start of group) {
      if (!part.startsWith(start)) continue;
      for (const other of group) if (other !== start) variants.push(other + part.slice(start.length));
    }
  }
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
  return [...new Set(variants.filter(Boolean).map(soundex))].filter((key) => key !== own).sort();
}

// Three rows of the distance table, reused: ranking compares thousands of names per search.
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("jonh" ↔ "john" = 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return b.length;
  if (!b) return a.length;
  if (b.length + 1 > rows[0]!.length) rows = rows.map(() => new Int32Array(b.length + 1));
  let [before, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/** A typed part that begins the stored name ("smi" of "smith"). */
const PREFIX = 0.85;
/** One letter typed for a name: an initial. */
const INITIAL = 0.8;
/** Names that sound alike (same Soundex key) but are spelt apart: some evidence, never enough alone. */
const SAME_SOUND = 0.6;

/**
 * How alike a typed name part is to a stored one, 0..1: 1 for equal; 0.85 for a prefix of three letters or more;
 * about 0.85 for one slip in a name of five letters ("smtih", "msith"), 0.85 for two in a long one ("kristopher");
 * 0.6 for names that only sound alike; low otherwise.
 */
export function nameSimilarity(typed: string, stored: string): number {
  if (!typed || !stored) return 0;
  if (typed === stored) return 1;
  if (typed.length === 1) return stored.startsWith(typed) ? INITIAL : 0;
  if (typed.length >= 3 && stored.startsWith(typed)) return PREFIX;
  const longest = Math.max(typed.length, stored.length);
  // Two extra letters in the denominator: one slip costs a short name less than a plain edit ratio would.
  const scale = longest + 2;
  // The distance is at least the difference in length: names far apart in length need no table.
  const similarity = Math.abs(typed.length - stored.length) / scale > 1 - UNALIKE ? 0 : 1 - editDistance(typed, stored) / scale;
  if (similarity < SAME_SOUND) return soundex(typed) === soundex(stored) ? SAME_SOUND : similarity;
  // Among near misses, one that sounds the same comes first: Kaci before Cali for "Caci".
  return similarity >= NEAR && soundsAlike(typed, stored) ? Math.min(similarity + SOUNDS_ALIKE, 0.99) : similarity;
}

const NEAR = 0.75;
const SOUNDS_ALIKE = 0.03;

/** First letters that sound alike, as one: the Soundex key then says whether two names sound the same. */
const SOUND_OF_START: readonly [RegExp, string][] = [
  [/^ph/, 'f'],
  [/^[ckq]/, 'k'],
  [/^[gj]/, 'j'],
  [/^[szx]/, 's'],
  [/^[iy]/, 'i'],
  [/^[bvw]/, 'b'],
];

function soundsAlike(a: string, b: string): boolean {
  const start = (name: string) => SOUND_OF_START.reduce((n, [pattern, letter]) => n.replace(pattern, letter), name);
  return soundex(start(a)) === soundex(start(b));
}

/** Below this, how unalike two names are makes no difference to the ranking. */
const UNALIKE = 0.5;

/** A nickname is the same person, but the name written as typed is a little more likely. */
const NICKNAME = 0.9;
const NICKNAME_SLIP = 0.8;

/** Similarity of a typed first name, also through nicknames (Bill → William, Pepe → José, both ways). */
export function firstNameSimilarity(typed: string, stored: string): number {
  let best = nameSimilarity(typed, stored);
  if (best === 1 || typed.length < 2) return best;
  for (const variant of nicknameVariants(typed)) {
    // A nickname written as stored, or one slip away; not merely alike ("Cris" is not "Luis").
    const similarity = nameSimilarity(variant, stored);
    if (similarity >= NICKNAME_SLIP) best = Math.max(best, similarity * NICKNAME);
  }
  return best;
}
