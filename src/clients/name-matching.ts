/**
 * Name comparison that survives accents, typos and nicknames, computed in TypeScript so PGlite and
 * PostgreSQL behave the same: the database narrows candidates by indexed keys, this ranks them.
 */

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

/** Common English nicknames; each group is one name. */
const NICKNAME_GROUPS: readonly (readonly string[])[] = [
  ['william', 'bill', 'billy', 'will', 'willy', 'willie', 'liam'],
  ['robert', 'bob', 'bobby', 'rob', 'robbie', 'bert'],
  ['elizabeth', 'liz', 'lizzie', 'beth', 'betty', 'eliza', 'libby'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['katherine', 'kate', 'katie', 'kathy', 'kat', 'catherine', 'cathy', 'kathryn'],
  ['anthony', 'tony'],
  ['richard', 'rick', 'ricky', 'rich', 'dick'],
  ['michael', 'mike', 'mikey', 'mick'],
  ['margaret', 'maggie', 'meg', 'peggy', 'marge'],
  ['joseph', 'joe', 'joey'],
  ['thomas', 'tom', 'tommy'],
  ['christopher', 'chris'],
  ['jennifer', 'jen', 'jenny'],
  ['daniel', 'dan', 'danny'],
  ['edward', 'ed', 'eddie', 'ted', 'teddy'],
  ['charles', 'charlie', 'chuck'],
  ['alexander', 'alex'],
  ['patricia', 'pat', 'patty', 'trish'],
  ['susan', 'sue', 'susie'],
  ['deborah', 'deb', 'debbie'],
  ['samuel', 'sam', 'sammy'],
  ['jonathan', 'jon'],
  ['john', 'johnny', 'jack'],
];

const NICKNAMES = new Map<string, readonly string[]>();
for (const group of NICKNAME_GROUPS) {
  for (const name of group) NICKNAMES.set(name, [...(NICKNAMES.get(name) ?? []), ...group.filter((n) => n !== name)]);
}

/** The other names a normalized first name may stand for (Bill → William, Will, …). */
export function nicknameVariants(normalized: string): readonly string[] {
  return NICKNAMES.get(normalized) ?? [];
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("jonh" ↔ "john" = 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return b.length;
  if (!b) return a.length;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * How alike a typed name part is to a stored one, 0..1: 1 for equal, high for a prefix ("smi" of
 * "smith") or one or two typos, low otherwise.
 */
export function nameSimilarity(typed: string, stored: string): number {
  if (!typed || !stored) return 0;
  if (typed === stored) return 1;
  if (typed.length >= 2 && stored.startsWith(typed)) return 0.85;
  const distance = editDistance(typed, stored);
  const similarity = 1 - distance / Math.max(typed.length, stored.length);
  // Same sound (Soundex) lifts a near miss that edit distance alone would score low (e.g. short names).
  return soundex(typed) === soundex(stored) ? Math.max(similarity, 0.7) : similarity;
}

/** Similarity of a typed first name, also through nicknames (a nickname match counts a little less). */
export function firstNameSimilarity(typed: string, stored: string): number {
  let best = nameSimilarity(typed, stored);
  for (const variant of nicknameVariants(typed)) best = Math.max(best, nameSimilarity(variant, stored) * 0.9);
  return best;
}
