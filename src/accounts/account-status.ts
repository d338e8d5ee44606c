import type { User } from './accounts.model.js';

export type AccountStatus = 'active' | 'locked' | 'deactivated';
export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['active', 'locked', 'deactivated'];

/** Status is derived, never stored: a lock ends by itself when its time passes. */
export function accountStatus(user: Pick<User, 'deactivatedAt' | 'lockedUntil'>, now: Date): AccountStatus {
  if (user.deactivatedAt) return 'deactivated';
  if (user.lockedUntil && now < user.lockedUntil) return 'locked';
  return 'active';
}
