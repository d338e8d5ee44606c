import { createHash } from 'node:crypto';
import { normalizeName, soundex } from '../clients/name-matching.js';

/**
 * HashStatus 4 (SHA-256), as HUD specifies it for an export: a name is the SHA-256 of its Soundex code, so every
 * hashed name has the same length (64 hex digits) whatever its own; an SSN is its last four characters in clear
 * followed by the SHA-256 of all nine (an unknown digit written x, a short SSN padded with x on the left), 68
 * characters. Open Path writes the same (its exporter's `apply_hash_status`), lowercase hex.
 */
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function hashedName(name: string): string {
  return sha256(soundex(normalizeName(name)));
}

export function hashedSsn(ssn: string): string {
  const padded = ssn.padStart(9, 'x');
  return `${padded.slice(-4)}${sha256(padded)}`;
}
