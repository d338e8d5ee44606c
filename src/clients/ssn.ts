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

/**
 * A plausible, issued-looking SSN (the test HUD and Open Path use for duplicate detection): 9 digits,
 * area not 000, 666 or 9xx, group not 00, serial not 0000, not one digit repeated, not 123456789.
 */
export function isValidSsn(ssn: string | null | undefined): boolean {
  if (!ssn || !/^[0-9]{9}$/.test(ssn)) return false;
  const area = ssn.slice(0, 3);
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  if (ssn.slice(3, 5) === '00' || ssn.slice(5) === '0000') return false;
  if (/^(\d)\1{8}$/.test(ssn) || ssn === '123456789') return false;
  return true;
}
