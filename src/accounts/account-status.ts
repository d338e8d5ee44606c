import type { User } from '../db/schema.js';

export type AccountStatus = 'active' | 'locked' | 'deactivated';
export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['active', 'locked', 'deactivated'];

/** Status is derived, never stored: a lock ends by itself when its time passes. */
export function accountStatus(user: Pick<User, 'deactivated_at' | 'locked_until'>, now: Date): AccountStatus {
  if (user.deactivated_at) return 'deactivated';
  if (user.locked_until && now < user.locked_until) return 'locked';
  return 'active';
}
