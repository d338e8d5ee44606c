/**
 * Username generation and normalization.
 *
 * Every stored username has the shape of USERNAME_PATTERN and equals its own
 * usernameKey(), so login lookups by usernameKey() are case-insensitive.
 */

export class UsernameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsernameError';
  }
}

export const USERNAME_MIN_LENGTH = 2;
export const USERNAME_MAX_LENGTH = 40;
export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{1,39}$/;

// Leaves room for a numeric collision suffix (base2, base3, …) within USERNAME_MAX_LENGTH.
const BASE_MAX_LENGTH = 32;

const USERNAME_RULE_TEXT =
  'Usernames must be 2 to 40 characters long, start with a letter (a–z), ' +
  'and use only lowercase letters a–z, digits 0–9, dots (.), underscores (_) and hyphens (-).';

// Letters that NFKD does not decompose into a base letter plus marks.
const SPECIAL_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  þ: 'th',
  œ: 'oe',
};
const SPECIAL_FOLD_RE = new RegExp(`[${Object.keys(SPECIAL_FOLDS).join('')}]`, 'gu');

/**
 * Lowercases and folds accents (Zoë → zoe, Ñúñez → nunez, Straße → strasse).
 * Letters from other scripts are kept as-is.
 */
export function foldAccents(input: string): string {
  return input
    .toLowerCase()
    .replace(SPECIAL_FOLD_RE, (ch) => SPECIAL_FOLDS[ch] ?? ch)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
}

function asciiAlnum(input: string): string {
  return foldAccents(input.trim()).replace(/[^a-z0-9]/g, '');
}

/**
 * First initial + last name, lowercase ASCII letters and digits only
 * (John Doe → jdoe, Shannon O'Brien → sobrien). Falls back to whichever name
 * is usable when one of them is empty. Throws UsernameError when no usable
 * username can be made, so the caller can ask for a requested username.
 */
export function baseUsername(firstName: string, lastName: string): string {
  const first = asciiAlnum(firstName);
  const last = asciiAlnum(lastName);

  let base: string;
  if (first && last) base = first.charAt(0) + last;
  else base = last || first;

  // Usernames must start with a letter.
  base = base.replace(/^[0-9]+/, '').slice(0, BASE_MAX_LENGTH);

  if (base.length < USERNAME_MIN_LENGTH) {
    throw new UsernameError(
      "We couldn't make a username from this name because usernames use only the letters a–z and digits 0–9. " +
        'Please enter a requested username instead.',
    );
  }
  return base;
}

/**
 * Returns base if free, otherwise base2, base3, … (never base1).
 * Callers must still rely on the database unique constraint: another request
 * can take the name between this check and the insert.
 */
export async function nextAvailableUsername(
  base: string,
  isTaken: (candidate: string) => boolean | Promise<boolean>,
): Promise<string> {
  if (!(await isTaken(base))) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${n}`;
    if (candidate.length > USERNAME_MAX_LENGTH) {
      throw new UsernameError(
        `No available username starting with “${base}”. Please enter a requested username instead.`,
      );
    }
    if (!(await isTaken(candidate))) return candidate;
  }
}

/** The case-insensitive lookup form of a username, used at login and for storage. */
export function usernameKey(input: string): string {
  return input.normalize('NFKC').trim().toLowerCase();
}

/** Validates and normalizes a username the person asked for. Throws UsernameError if not allowed. */
export function normalizeRequestedUsername(input: string): string {
  const username = usernameKey(input);
  if (!USERNAME_PATTERN.test(username)) {
    throw new UsernameError(USERNAME_RULE_TEXT);
  }
  return username;
}
