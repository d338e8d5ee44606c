import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * TOTP as every authenticator app understands it (RFC 6238 defaults): HMAC-SHA1, 6 digits, 30-second
 * steps. Time always comes from the caller (the injected clock), never from Date.now().
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes from one step before or after now are accepted too: about 30 s of clock drift or typing time. */
export const TOTP_WINDOW_STEPS = 1;
/** 160 bits, the size RFC 4226 recommends for HMAC-SHA1. */
const SECRET_BYTES = 20;

export function generateTotpSecret(): string {
  // Copied into its own ArrayBuffer: a Buffer's .buffer may be a larger shared pool.
  return new Secret({ buffer: Uint8Array.from(randomBytes(SECRET_BYTES)).buffer }).base32;
}

/** The otpauth:// address the QR code carries. */
export function totpUri(secretBase32: string, issuer: string, accountName: string): string {
  return new TOTP({
    issuer,
    label: accountName,
    secret: Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

/** The key for typing into an app by hand, in groups of four: "ABCD EFGH …". */
export function formatManualKey(secretBase32: string): string {
  return secretBase32.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Digits only; spaces and dashes people type (or apps show) are ignored. */
export function normalizeTotpCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '');
  return new RegExp(`^[0-9]{${TOTP_DIGITS}}$`).test(code) ? code : null;
}

/**
 * The time step the code belongs to when it is valid at `now` (within ±1 step), otherwise null.
 * The caller refuses a step that was already used, so each code works once.
 */
export function matchingTotpStep(secretBase32: string, input: string, now: Date): number | null {
  const token = normalizeTotpCode(input);
  if (!token) return null;
  const timestamp = now.getTime();
  const delta = TOTP.validate({
    token,
    secret: Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    timestamp,
    window: TOTP_WINDOW_STEPS,
  });
  if (delta === null) return null;
  return TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp }) + delta;
}
