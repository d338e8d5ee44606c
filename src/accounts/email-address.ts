/**
 * Hearth stores and sends to exactly one plain address (local@domain) per account. Mail libraries read
 * much more into an address field: `a@x.example,b@evil.example` is two recipients, and
 * `victim <attacker@evil.example>` is the attacker's address with a display name, so a reset link would
 * go elsewhere. So no lists, display names, comments, angle brackets, quotes or whitespace. The local
 * part uses the characters of HTML's input type=email, with dots neither at the ends nor doubled; the
 * domain is DNS labels with at least one dot; at most 64 + 1 + 253 = 254 characters in all.
 */
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const MAX_LOCAL_PART = 64;
export const MAX_EMAIL_LENGTH = 254;

export const PLAIN_EMAIL_RULE = 'Enter one email address, like jane.doe@agency.org, and nothing else: no name, no second address, no brackets or spaces.';

export function isPlainEmailAddress(value: string): boolean {
  if (value.length > MAX_EMAIL_LENGTH) return false;
  const at = value.indexOf('@');
  if (at < 1 || at !== value.lastIndexOf('@')) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  return local.length <= MAX_LOCAL_PART && LOCAL_PART.test(local) && labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label));
}

/** How a typed address is compared and stored: without surrounding spaces, in lower case. */
export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}
