import type { Role } from '../db/schema.js';

export { ROLE_NAMES, ROLES } from '../access/access-policy.js';

/** What each role may do, in one line each: the hint beside the role choice and in `hearth user create --help`. */
export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  case_manager: 'Searches and records clients; sees and records the enrollments of their agencies.',
  agency_manager: 'A case manager who also creates and edits their agencies’ projects and sees their staff list.',
  admin: 'Sees and changes everything: every agency, project and enrollment, user accounts and site settings.',
};

/** The warning shown wherever an account that needs an agency has none (a new hire not yet assigned). */
export const NO_AGENCY_WARNING = 'works for no agency yet: can search clients but sees no enrollments';

/**
 * Case managers and agency managers see enrollments only through their agencies; administrators see every
 * agency's, so for them an empty list is normal.
 */
export function lacksAgency(role: Role | string, organizationIds: readonly string[]): boolean {
  return role !== 'admin' && organizationIds.length === 0;
}
