import type { Actor } from '../audit/audit-log.js';

/**
 * A PersonalID, EnrollmentID, HouseholdID or ExitID as Hearth makes them: 32 lowercase hex digits (16 random
 * bytes). Anything else is not one of Hearth's records.
 */
export const HEARTH_ID_PATTERN = /^[0-9a-f]{32}$/;

/** Any HUD id (at most 32 characters): Hearth makes 32 hex digits, data imported from elsewhere may use other letters. */
export const HUD_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** HUD's UserID column: who made the change. */
export function hudUserId(actor: Actor): string {
  return actor.username ?? 'system';
}
