import type { Actor } from '../audit/audit-log.js';

/**
 * A PersonalID, EnrollmentID, HouseholdID or ExitID as Hearth makes them: 32 lowercase hex digits (16 random
 * bytes). Anything else is not one of Hearth's records.
 */
export const HEARTH_ID_PATTERN = /^[0-9a-f]{32}$/;

/** Any HUD id (at most 32 characters): Hearth makes 32 hex digits, data imported from elsewhere may use other letters. */
export const HUD_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * HUD's UserID column (S32): who made the change. An account's stable id, never its username (up to 40 characters,
 * and it may change); the pages name the account by looking the id up. The system and the command line, which have
 * no account, are named by their actor name, cut to HUD's 32 characters (never digits only, so never an account's).
 */
export function hudUserId(actor: Actor): string {
  if (actor.userId !== null) return String(actor.userId);
  return (actor.username ?? 'system').slice(0, HUD_USER_ID_MAX);
}

export const HUD_USER_ID_MAX = 32;
