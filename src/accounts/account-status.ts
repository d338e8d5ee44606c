import type { User } from './accounts.model.js';

export type AccountStatus = 'active' | 'locked' | 'deactivated';
export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['active', 'locked', 'deactivated'];

/** Status is derived, never stored: a lock ends by itself when its time passes. */
export function accountStatus(user: Pick<User, 'deactivatedAt' | 'lockedUntil'>, now: Date): AccountStatus {
  if (user.deactivatedAt) return 'deactivated';
  if (isLocked(user, now)) return 'locked';
  return 'active';
}

/** Whether the account waits after repeated failures: then no password or code of it is even checked. */
export function isLocked(user: Pick<User, 'lockedUntil'>, now: Date): boolean {
  return user.lockedUntil !== null && now < user.lockedUntil;
}
