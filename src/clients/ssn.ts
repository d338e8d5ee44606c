/** Social Security numbers as HUD stores them: 9 characters, digits or x for an unknown digit. */

/** ***-**-1234; the last 4 only when they are all known, otherwise fully masked. */
export function maskSsn(ssn: string | null | undefined): string {
  if (!ssn) return '—';
  const last4 = ssnLast4(ssn);
  return `***-**-${last4 ?? '****'}`;
}

/**
 * The whole SSN as 123-45-6789 (x for an unknown digit). Only for the page that answers a deliberate,
 * audited "show" request: everywhere else uses maskSsn.
 */
export function formatFullSsn(ssn: string): string {
  if (ssn.length !== 9) return ssn;
  return `${ssn.slice(0, 3)}-${ssn.slice(3, 5)}-${ssn.slice(5)}`;
}

/** The last 4 digits when they are all known digits. */
export function ssnLast4(ssn: string | null | undefined): string | null {
  if (!ssn || ssn.length !== 9) return null;
  const last4 = ssn.slice(5);
  return /^[0-9]{4}$/.test(last4) ? last4 : null;
}

/** What a person typed, as stored: dashes and spaces removed, X lowercased. */
export function cleanSsn(typed: string): string {
  return typed.replace(/[\s-]/g, '').replace(/X/g, 'x');
}

/** Numbers the SSA says were published and misused (the Woolworth wallet card, the Social Security card sample). */
const PUBLISHED_SSNS: ReadonlySet<string> = new Set(['078051120', '219099999']);

/** Nine digits each one more (or each one less) than the one before, 9 and 0 neighbours: 123456789, 345678901, 987654321. */
function isSequential(ssn: string): boolean {
  const digits = [...ssn].map(Number);
  const steps = digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10);
  return steps.every((step) => step === 1) || steps.every((step) => step === 9);
}

/**
 * Why nine digits cannot be an issued SSN, as HUD's APR (Q6a "SSN data issue") and the SSA count it, or null when they
 * can: area 000, 666 or 9xx, group 00, serial 0000, one digit repeated, a sequential run up or down, or a published
 * number. One rule for the client form's warning and for duplicate detection.
 */
export function ssnProblem(ssn: string): string | null {
  if (!/^[0-9]{9}$/.test(ssn)) return 'An SSN has 9 digits.';
  const area = ssn.slice(0, 3);
  if (area === '000' || area === '666' || area.startsWith('9')) return `No SSN starts with ${area}.`;
  if (ssn.slice(3, 5) === '00') return 'No SSN has 00 as its 4th and 5th digits.';
  if (ssn.slice(5) === '0000') return 'No SSN ends in 0000.';
  if (/^(\d)\1{8}$/.test(ssn)) return 'One digit repeated nine times is no SSN.';
  if (isSequential(ssn)) return 'Nine digits in sequence are no SSN.';
  if (PUBLISHED_SSNS.has(ssn)) return 'This number was published by the SSA as an example and is no one’s SSN.';
  return null;
}

/** A plausible, issued-looking SSN: 9 digits with no problem by `ssnProblem` (HUD's and Open Path's test). */
export function isValidSsn(ssn: string | null | undefined): boolean {
  return Boolean(ssn) && ssnProblem(ssn!) === null;
}
