/** Every kind of event the account audit log records. Details never hold a password, token or session id. */
export const AUDIT_EVENTS = {
  'login.succeeded': 'Signed in',
  'login.failed': 'Sign-in failed',
  'login.locked': 'Account locked after repeated failures',
  'logout': 'Signed out',
  'session.expired': 'Session timed out',
  'password.temporary_issued': 'Temporary password issued',
  'password.changed': 'Password changed',
  'password.expired': 'Password expired; change required',
  'password.rehashed': 'Password hash upgraded',
  'reset.requested': 'Password reset requested',
  'reset.completed': 'Password reset completed',
  'account.created': 'Account created',
  'account.changed': 'Account changed',
  'account.deactivated': 'Account deactivated',
  'account.reactivated': 'Account reactivated',
  'account.unlocked': 'Account unlocked',
} as const;

export type AuditEvent = keyof typeof AUDIT_EVENTS;

export function isAuditEvent(value: string): value is AuditEvent {
  return Object.hasOwn(AUDIT_EVENTS, value);
}
