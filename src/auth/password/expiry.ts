import { addMs, DAY, HOUR } from '../../clock.js';
import type { Config } from '../../config.js';

type ExpiryConfig = Pick<Config, 'passwordMaxAgeDays' | 'passwordWarnDays' | 'tempPasswordTtlHours'>;

/** When a password the user chose stops working: 60 days by default; null when expiry is switched off (0). */
export function userPasswordExpiresAt(setAt: Date, config: ExpiryConfig): Date | null {
  return config.passwordMaxAgeDays > 0 ? addMs(setAt, config.passwordMaxAgeDays * DAY) : null;
}

/** An unused temporary password lapses after 72 hours by default. */
export function temporaryPasswordExpiresAt(issuedAt: Date, config: ExpiryConfig): Date {
  return addMs(issuedAt, config.tempPasswordTtlHours * HOUR);
}

export function isExpired(expiresAt: Date | null, now: Date): boolean {
  return expiresAt !== null && now.getTime() >= expiresAt.getTime();
}

/** The expiry to warn about on every page, from N days before it. */
export function expiryWarning(expiresAt: Date | null, now: Date, config: ExpiryConfig): Date | null {
  if (!expiresAt || isExpired(expiresAt, now)) return null;
  return expiresAt.getTime() - now.getTime() <= config.passwordWarnDays * DAY ? expiresAt : null;
}
