import type { Role } from '../db/schema.js';

/**
 * Who may see and do what with HMIS data: the one place the rule lives. Every page, service and export asks
 * these functions (or applies `enrollmentScope` in its query); none decides on its own.
 *
 * - HMIS administrators: everything.
 * - Agency managers: their agencies' projects (create and edit) and staff list, and, as users of those
 *   agencies, their agencies' enrollments.
 * - Case managers: clients, and their agencies' enrollments.
 * - Client identity (name, DOB, PersonalID) and the profile's universal data elements are visible to every
 *   signed-in user, so anyone can search before creating; enrollments (and exits, households, prior living
 *   situation) only to users of the enrolling agency, i.e. the agency that operates the project.
 * - HUD CSV exports: administrators export any project; agency managers only their agencies' projects; case
 *   managers none. The `hearth export` command, run by whoever operates the server, exports any project.
 * - HUD reports (APR, CAPER, Data Quality): administrators run them on any project, agency managers on their
 *   agencies' projects, case managers on none. A past run is seen by administrators, and by agency managers when
 *   every project in it is one of their agencies'. A report's drill-down lists only the enrollments the viewer may
 *   see (the enrollment rule above), whoever ran it; the others are counted, never named. `hearth report` reports
 *   on any project, like `hearth export`.
 * - "To fix" lists (the data-quality problems of the clients whose enrollments a user recorded): every user sees
 *   their own; agency managers that of anyone who works for one of their agencies; administrators anyone's. Like a
 *   drill-down, a list names only the clients whose enrollments the viewer may see; the others are counted.
 * - HUD CSV imports (another HMIS's data into this site): administrators only, on the Import page; the
 *   `hearth import` command, run by whoever operates the server.
 */
export interface Viewer {
  userId: number;
  username: string;
  role: Role;
  /** The agencies (OrganizationIDs) the user works for. */
  organizationIds: ReadonlySet<string>;
}

/** Which enrollments a viewer may see: all of them, or those in projects of these agencies. */
export type EnrollmentScope = { kind: 'all' } | { kind: 'organizations'; organizationIds: readonly string[] };

export const isAdministrator = (viewer: Viewer): boolean => viewer.role === 'admin';

export function enrollmentScope(viewer: Viewer): EnrollmentScope {
  if (isAdministrator(viewer)) return { kind: 'all' };
  return { kind: 'organizations', organizationIds: [...viewer.organizationIds].sort() };
}

/** Enrollments (and their exits and households) in projects of this agency. */
export function canSeeEnrollmentsOf(viewer: Viewer, organizationId: string): boolean {
  return isAdministrator(viewer) || viewer.organizationIds.has(organizationId);
}

/** Enrolling clients into, and exiting them from, projects of this agency. */
export function canEnrollInto(viewer: Viewer, organizationId: string): boolean {
  return canSeeEnrollmentsOf(viewer, organizationId);
}

/** Creating and editing this agency's projects. */
export function canManageProjectsOf(viewer: Viewer, organizationId: string): boolean {
  return isAdministrator(viewer) || (viewer.role === 'agency_manager' && viewer.organizationIds.has(organizationId));
}

/** The list of users who work for this agency. */
export function canSeeStaffOf(viewer: Viewer, organizationId: string): boolean {
  return canManageProjectsOf(viewer, organizationId);
}

/**
 * Which projects a viewer may export as HUD CSV (with their clients and enrollments): all, their agencies', or
 * none (null).
 */
export function exportScope(viewer: Viewer): EnrollmentScope | null {
  if (isAdministrator(viewer)) return { kind: 'all' };
  if (viewer.role === 'agency_manager') return { kind: 'organizations', organizationIds: [...viewer.organizationIds].sort() };
  return null;
}

/** Whether users of this role may import HUD CSV (and so see the Import page): administrators only. */
export const roleCanImport = (role: Role): boolean => role === 'admin';

/** Whether the viewer may import HUD CSV from another HMIS. */
export const canImport = (viewer: Viewer): boolean => roleCanImport(viewer.role);

/** Whether users of this role may export at all (and so see the Exports page). */
export const roleCanExport = (role: Role): boolean => role === 'admin' || role === 'agency_manager';

/** Whether the viewer may export at all. */
export const canExport = (viewer: Viewer): boolean => exportScope(viewer) !== null;

/** Exporting this agency's projects. */
export function canExportProjectsOf(viewer: Viewer, organizationId: string): boolean {
  const scope = exportScope(viewer);
  return scope !== null && (scope.kind === 'all' || scope.organizationIds.includes(organizationId));
}

/** A past export on the Exports page (seeing it, downloading it): administrators every one, agency managers their own. */
export function canSeeExportOf(viewer: Viewer, requestedByUserId: number): boolean {
  return isAdministrator(viewer) || (canExport(viewer) && viewer.userId === requestedByUserId);
}

/** Which projects a viewer may run HUD reports on: all, their agencies', or none (null). */
export function reportScope(viewer: Viewer): EnrollmentScope | null {
  if (isAdministrator(viewer)) return { kind: 'all' };
  if (viewer.role === 'agency_manager') return { kind: 'organizations', organizationIds: [...viewer.organizationIds].sort() };
  return null;
}

/** Whether users of this role may run reports at all (and so see the Reports page and its link). */
export const roleCanRunReports = (role: Role): boolean => role === 'admin' || role === 'agency_manager';

/** Whether the viewer may run reports at all. */
export const canRunReports = (viewer: Viewer): boolean => reportScope(viewer) !== null;

/** Running a report on this agency's projects. */
export function canReportOnProjectsOf(viewer: Viewer, organizationId: string): boolean {
  const scope = reportScope(viewer);
  return scope !== null && (scope.kind === 'all' || scope.organizationIds.includes(organizationId));
}

/** A past report run (its tables, its downloads): the viewer may report on every agency whose projects it covers. */
export function canSeeReportRun(viewer: Viewer, organizationIds: readonly string[]): boolean {
  return canRunReports(viewer) && organizationIds.every((id) => canReportOnProjectsOf(viewer, id));
}

/**
 * The "to fix" list of `subject` (the user whose recorded enrollments it covers): their own, for anyone; that of a
 * user of one of their agencies, for agency managers; anyone's, for administrators. Which of its clients are named
 * is still the enrollment rule's (`canSeeEnrollmentsOf`).
 */
export function canSeeToFixListOf(viewer: Viewer, subject: Pick<Viewer, 'userId' | 'organizationIds'>): boolean {
  if (viewer.userId === subject.userId || isAdministrator(viewer)) return true;
  return viewer.role === 'agency_manager' && [...subject.organizationIds].some((id) => viewer.organizationIds.has(id));
}

/** The scope of `hearth export`: its operator can read the site's database anyway. */
export const OPERATOR_EXPORT_SCOPE: EnrollmentScope = { kind: 'all' };

/** Creating and editing agencies themselves, user accounts and site settings. */
export const canManageAgencies = isAdministrator;

/** Merging two client records into one. */
export const canMergeClients = isAdministrator;

/** Reading the audit trail of a client or of a user. */
export const canReadClientAudit = isAdministrator;

/** Refilling the Training site with generated data (the Live site refuses whatever the role). */
export const canResetTraining = isAdministrator;

/** Names of the roles as people say them. */
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  admin: 'HMIS administrator',
  agency_manager: 'Agency manager',
  case_manager: 'Case manager',
};

export const ROLES: readonly Role[] = ['case_manager', 'agency_manager', 'admin'];
