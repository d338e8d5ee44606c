import type { Role } from '../accounts/accounts.model.js';

/** Someone on an agency's staff list. */
export interface StaffMember {
  userId: number;
  username: string;
  firstName: string;
  lastName: string;
  role: Role;
  /** False once the account is deactivated. */
  active: boolean;
}
