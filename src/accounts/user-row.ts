import type { Selectable } from 'kysely';
import type { UsersTable } from '../db/schema.js';
import type { User } from './accounts.model.js';

/**
 * A users row as the domain's User. Apart from the users repository, so that the session lookup can read the
 * session and its user in one statement (sessions.repository.ts) and still hand back the one User shape.
 */
export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    username: row.username,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    isVolunteer: row.is_volunteer,
    role: row.role,
    passwordHash: row.password_hash,
    passwordIsTemporary: row.password_is_temporary,
    passwordSetAt: row.password_set_at,
    passwordExpiresAt: row.password_expires_at,
    failedLoginCount: row.failed_login_count,
    lockedUntil: row.locked_until,
    deactivatedAt: row.deactivated_at,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
