import type { Role } from '../db/schema.js';

export type { Role } from '../db/schema.js';

/** A user account, as every feature and page sees it (the repository maps the `users` row). */
export interface User {
  id: number;
  /** Unique whatever the case; shown as it was created. */
  username: string;
  firstName: string;
  lastName: string;
  email: string | null;
  isVolunteer: boolean;
  role: Role;
  /** argon2id; null for an account that has never had a password. */
  passwordHash: string | null;
  /** Issued by an administrator (or at creation): it works for one login only. */
  passwordIsTemporary: boolean;
  passwordSetAt: Date | null;
  passwordExpiresAt: Date | null;
  failedLoginCount: number;
  lockedUntil: Date | null;
  deactivatedAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A new account: the database gives it its id, and it starts unlocked, active and never signed in. */
export type NewUser = Omit<User, 'id' | 'failedLoginCount' | 'lockedUntil' | 'deactivatedAt' | 'lastLoginAt'>;

/** What may change on an account after it is created (the username never does). */
export type UserChanges = Partial<Omit<User, 'id' | 'username' | 'createdAt'>>;

/** Users of one agency, or users of none (new hires not yet assigned). */
export type AgencyFilter = { kind: 'agency'; organizationId: string } | { kind: 'none' };

/** An account's stored email, for the check that lists addresses saved before they were checked strictly. */
export interface StoredEmail {
  id: number;
  username: string;
  email: string;
}
