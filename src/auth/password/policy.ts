/**
 * The single password policy, used on every path that sets a password
 * (account creation, reset, change, admin-issued temporary passwords).
 */
import { randomInt } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';
import { foldAccents, usernameKey } from '../../accounts/username.js';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
export const PASSWORD_HISTORY_SIZE = 6;

export type PasswordRule =
  | 'length'
  | 'maxLength'
  | 'uppercase'
  | 'lowercase'
  | 'number'
  | 'symbol'
  | 'notUsername'
  | 'notPersonalInfo'
  | 'notCommon'
  | 'notReused';

/**
 * Rules as shown on forms before the user types. 'maxLength' has no bullet of
 * its own: it is covered by the 'length' text, and it can never fail together
 * with 'length', so it takes that slot when ordering failures.
 */
export const PASSWORD_RULES: ReadonlyArray<{ id: PasswordRule; text: string }> = [
  { id: 'length', text: `At least ${PASSWORD_MIN_LENGTH} characters (at most ${PASSWORD_MAX_LENGTH})` },
  { id: 'uppercase', text: 'An uppercase letter' },
  { id: 'lowercase', text: 'A lowercase letter' },
  { id: 'number', text: 'A number' },
  { id: 'symbol', text: 'A symbol (anything that is not a letter or number; a space counts)' },
  { id: 'notUsername', text: 'Not your username' },
  { id: 'notPersonalInfo', text: 'Not your name, or the words “HMIS” or “password”' },
  { id: 'notCommon', text: 'Not a common password' },
  { id: 'notReused', text: `Not one of your last ${PASSWORD_HISTORY_SIZE} passwords` },
];

export const NOT_REUSED_MESSAGE = `You used this password recently; choose one you haven't used in your last ${PASSWORD_HISTORY_SIZE} passwords.`;

export interface PasswordContext {
  username?: string;
  firstName?: string;
  lastName?: string;
}

export type PasswordCheckResult =
  | { ok: true; normalized: string }
  | { ok: false; failed: PasswordRule[]; messages: string[] };

/** NFKC so that visually identical input (composed/decomposed, full-width) is one password. */
export function normalizePassword(pw: string): string {
  return pw.normalize('NFKC');
}

function codePointLength(s: string): number {
  return [...s].length;
}

let commonPasswords: Set<string> | undefined;
function isCommon(lowercased: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common']);
  return commonPasswords.has(lowercased);
}

const FORBIDDEN_WORDS = ['hmis', 'password'];
const MIN_CONTEXT_LENGTH = 3;

/** Whole name plus its parts (Smith-Jones → smith-jones, smith, jones), folded, of usable length. */
function nameFragments(name: string | undefined): string[] {
  if (!name) return [];
  const folded = foldAccents(name.trim());
  const parts = [folded, ...folded.split(/[^\p{L}\p{N}]+/u)];
  return parts.filter((p) => codePointLength(p) >= MIN_CONTEXT_LENGTH);
}

// Messages for every rule except 'length', whose message includes the typed length.
const MESSAGES: Readonly<Record<Exclude<PasswordRule, 'length'>, string>> = {
  maxLength: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  uppercase: 'Add an uppercase letter.',
  lowercase: 'Add a lowercase letter.',
  number: 'Add a number.',
  symbol: 'Add a symbol, such as a space or punctuation mark.',
  notUsername: "Don't include your username.",
  notPersonalInfo: "Don't include your name or the words “HMIS” or “password”.",
  notCommon: 'This password is too common; choose something less guessable.',
  notReused: NOT_REUSED_MESSAGE,
};

/**
 * Checks every rule except 'notReused' (which needs the stored hashes) and
 * reports all failures in PASSWORD_RULES order. On success returns the
 * normalized password, which is what must be hashed.
 */
export function checkPasswordPolicy(password: string, ctx: PasswordContext): PasswordCheckResult {
  const normalized = normalizePassword(password);
  const length = codePointLength(normalized);
  const lower = normalized.toLowerCase();
  const folded = foldAccents(normalized);
  const contains = (needle: string) => lower.includes(needle) || folded.includes(needle);

  const failed: PasswordRule[] = [];
  const messages: string[] = [];
  const fail = (rule: PasswordRule, message: string) => {
    failed.push(rule);
    messages.push(message);
  };

  if (length < PASSWORD_MIN_LENGTH) {
    fail('length', `Use at least ${PASSWORD_MIN_LENGTH} characters (you typed ${length}).`);
  } else if (length > PASSWORD_MAX_LENGTH) {
    fail('maxLength', MESSAGES.maxLength);
  }
  if (!/[\p{Lu}\p{Lt}]/u.test(normalized)) fail('uppercase', MESSAGES.uppercase);
  if (!/\p{Ll}/u.test(normalized)) fail('lowercase', MESSAGES.lowercase);
  if (!/\p{Nd}/u.test(normalized)) fail('number', MESSAGES.number);
  if (!/[^\p{L}\p{N}]/u.test(normalized)) fail('symbol', MESSAGES.symbol);

  const username = ctx.username ? usernameKey(ctx.username) : '';
  if (codePointLength(username) >= MIN_CONTEXT_LENGTH && (contains(username) || contains(foldAccents(username)))) {
    fail('notUsername', MESSAGES.notUsername);
  }

  const personal = [...nameFragments(ctx.firstName), ...nameFragments(ctx.lastName), ...FORBIDDEN_WORDS];
  if (personal.some(contains)) fail('notPersonalInfo', MESSAGES.notPersonalInfo);

  if (isCommon(lower)) fail('notCommon', MESSAGES.notCommon);

  return failed.length === 0 ? { ok: true, normalized } : { ok: false, failed, messages };
}

// No 0/O/1/l/I, so temporary passwords can be read aloud or copied by hand.
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '-_.!#%+=?@';
const ALL = UPPER + LOWER + DIGITS + SYMBOLS;
const TEMPORARY_PASSWORD_LENGTH = 16;

function pick(alphabet: string): string {
  return alphabet.charAt(randomInt(alphabet.length));
}

/** A CSPRNG-generated 16-character password that satisfies the policy. */
export function generateTemporaryPassword(): string {
  for (;;) {
    const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < TEMPORARY_PASSWORD_LENGTH) chars.push(pick(ALL));
    // Fisher–Yates, so the guaranteed classes are not always in the first four positions.
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const candidate = chars.join('');
    // Rarely fails (e.g. it happens to contain "hmis"); just draw again.
    if (checkPasswordPolicy(candidate, {}).ok) return candidate;
  }
}
