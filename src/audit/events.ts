/** Every kind of event the account audit log records. Details never hold a password, token or session id. */
export const AUDIT_EVENTS = {
  'login.succeeded': 'Signed in',
  'login.failed': 'Sign-in failed',
  'login.locked': 'Account locked after repeated failures',
  'login.second_factor_required': 'Password accepted; authentication code required',
  'login.new_device': 'Signed in from a new device',
  'logout': 'Signed out',
  'session.expired': 'Session timed out',
  'session.ended_others': 'Signed out of all other sessions',
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
  'second_factor.enabled': 'Second factor turned on',
  'second_factor.disabled': 'Second factor turned off',
  'second_factor.reset': 'Second factor reset by an administrator',
  'second_factor.recovery_codes_regenerated': 'New recovery codes generated',
  'second_factor.recovery_code_used': 'Recovery code used to sign in',
  'settings.changed': 'Site settings changed',
  'client.viewed': 'Client profile viewed',
  'client.created': 'Client created',
  'client.changed': 'Client changed',
  'client.searched': 'Clients searched',
  'client.ssn_revealed': 'Full SSN shown',
  'client.merged': 'Client records merged',
  'enrollment.viewed': 'Enrollment viewed',
  'enrollment.created': 'Client enrolled',
  'enrollment.changed': 'Enrollment changed',
  'enrollment.exited': 'Client exited',
  'enrollment.exit_changed': 'Exit changed',
  'household.head_changed': 'Head of household changed',
  'enrollment.bed_night_recorded': 'Bed night recorded',
  'enrollment.bed_night_deleted': 'Bed night removed',
  'enrollment.move_in_recorded': 'Housing move-in date recorded',
  'enrollment.contact_recorded': 'Current living situation contact recorded',
  'enrollment.disabling_condition_set': 'Disabling condition set from the disability records',
  'enrollment.contact_corrected': 'Current living situation contact corrected',
  'enrollment.contact_deleted': 'Current living situation contact deleted',
  'enrollment.engagement_recorded': 'Date of engagement recorded',
  'enrollment.ce_assessment_recorded': 'Coordinated entry assessment recorded',
  'enrollment.ce_event_recorded': 'Coordinated entry event recorded',
  'enrollment.ce_assessment_deleted': 'Coordinated entry assessment deleted',
  'enrollment.ce_event_deleted': 'Coordinated entry event deleted',
  'account.agencies_changed': 'Agencies of an account changed',
  'training.reset': 'Training data refilled',
  'organization.created': 'Agency created',
  'organization.changed': 'Agency changed',
  'project.created': 'Project created',
  'project.changed': 'Project changed',
  'project_setup.added': 'Project set-up record added',
  'project_setup.changed': 'Project set-up record changed',
  'project_setup.deleted': 'Project set-up record deleted',
  'export.written': 'HUD CSV export written',
  'import.written': 'HUD CSV import written',
  'export.downloaded': 'HUD CSV export downloaded',
  'export.deleted': 'HUD CSV export deleted',
  'assessment.recorded': 'Assessment recorded (income, benefits, insurance, disabilities, domestic violence)',
  'assessment.corrected': 'Assessment corrected',
  'report.requested': 'HUD report asked for',
  'report.written': 'HUD report computed',
  'report.downloaded': 'HUD report downloaded (Sage zip or a table as CSV)',
  'report.drilled_down': 'Clients behind a HUD report’s count listed',
  'report.to_fix_viewed': 'A list of records to fix (data quality) viewed',
} as const;

export type AuditEvent = keyof typeof AUDIT_EVENTS;

/** Events about client data: views, creation, changes, searches, SSN reveals, merges, enrollments and exits. */
export const CLIENT_DATA_EVENTS: readonly AuditEvent[] = (Object.keys(AUDIT_EVENTS) as AuditEvent[]).filter((event) =>
  /^(client|enrollment|household|assessment)\./.test(event),
);

export function isAuditEvent(value: string): value is AuditEvent {
  return Object.hasOwn(AUDIT_EVENTS, value);
}

/** An event in words, for the tables that list the log; an event no longer known shows as stored. */
export function auditEventName(event: string): string {
  return isAuditEvent(event) ? AUDIT_EVENTS[event] : event;
}
