import type { AuditRecord } from '../../audit/audit.model.js';
import { auditEventName } from '../../audit/events.js';
import { Notice } from '../../views/components.js';
import { DataTable } from '../../views/data-table.js';
import { ErrorSummary, fieldId, PostForm, type FormFailure } from '../../views/form-kit.js';
import { formatDateTime } from '../../views/format.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { CurrentPasswordField, UsernameForPasswordManagers } from '../password/password.pages.js';
import { RECOVERY_CODE_COUNT } from '../second-factor/recovery-codes.js';
import type { SecondFactorStatus } from '../second-factor/second-factor.service.js';
import type { Session, SessionKind } from '../session/session.model.js';
import { summariseUserAgent } from '../session/user-agent.js';

/** What ?done= may say after an action on this page redirected back. */
export const SECURITY_DONE_MESSAGES = {
  'signed-out-others': 'You are signed out everywhere else. Only this session is still signed in.',
  'second-factor-removed': 'Your second factor is off. Signing in now needs only your password.',
} as const;

export type SecurityDone = keyof typeof SECURITY_DONE_MESSAGES;

const PENDING_LABELS: Record<Exclude<SessionKind, 'full'>, string> = {
  second_factor: 'Password entered, waiting for the authentication code',
  password_change: 'Signing in, changing an expired password',
  second_factor_enrolment: 'Signing in, setting up a second factor',
};

export interface SecurityPageProps {
  ctx: PageContext;
  sessions: readonly Session[];
  currentSessionHash: string;
  activity: readonly AuditRecord[];
  secondFactor: SecondFactorStatus | null;
  /** The site's policy requires this user to have a second factor. */
  secondFactorRequired: boolean;
  done?: SecurityDone | null;
  /** Just signed in with a recovery code. */
  usedRecoveryCode?: boolean;
  /** A refused form: the current password of "new recovery codes" (regeneratePassword) or of "turn off" (removePassword). */
  failure?: FormFailure | null;
}

export function SecurityPage(props: SecurityPageProps) {
  const { ctx, secondFactor, failure } = props;
  const tz = ctx.timeZone;
  const others = props.sessions.filter((s) => s.tokenHash !== props.currentSessionHash).length;
  return (
    <Layout ctx={ctx} title="Security">
      <h1>Security</h1>
      <p class="lede">How you sign in to the {ctx.site!.name}, where you are signed in, and recent sign-ins to your account.</p>
      {props.done && <Notice kind="success">{SECURITY_DONE_MESSAGES[props.done]}</Notice>}
      {props.usedRecoveryCode && secondFactor && (
        <Notice kind="warning">
          You signed in with a recovery code; {secondFactor.recoveryCodesLeft} of {RECOVERY_CODE_COUNT} are left. If you lost
          your phone, ask the HMIS Administration Team at <a href={`mailto:${ctx.supportEmail}`}>{ctx.supportEmail}</a> to
          reset your second factor, or get new recovery codes below.
        </Notice>
      )}
      <ErrorSummary failure={failure} />

      <section aria-labelledby="second-factor-heading">
        <h2 id="second-factor-heading">Second factor (authenticator app)</h2>
        {secondFactor ? (
          <>
            <p>
              <strong>On</strong> since {formatDateTime(secondFactor.enabledAt, tz)}. Signing in asks for a code from your
              authenticator app after your password. {secondFactor.recoveryCodesLeft} of {RECOVERY_CODE_COUNT} recovery
              codes are unused.
            </p>
            <div class="account-actions">
              <PostForm ctx={ctx} action="security/second-factor/recovery-codes" class="account-action stack">
                <UsernameForPasswordManagers username={ctx.user?.username} />
                <p>New recovery codes replace all your old ones. They are shown once.</p>
                <CurrentPasswordField id={fieldId('regeneratePassword')} errors={failure?.errors.regeneratePassword} />
                <button type="submit">Get new recovery codes</button>
              </PostForm>
              {props.secondFactorRequired ? (
                <p class="account-action">
                  The HMIS Administration Team requires a second factor on this site, so it cannot be turned off. If you
                  change phones, ask them to reset it; you will set it up again when you next sign in.
                </p>
              ) : (
                <PostForm ctx={ctx} action="security/second-factor/remove" class="account-action stack">
                  <UsernameForPasswordManagers username={ctx.user?.username} />
                  <p>Turning it off makes your password the only thing protecting your account.</p>
                  <CurrentPasswordField id={fieldId('removePassword')} errors={failure?.errors.removePassword} />
                  <button type="submit" class="danger">
                    Turn off second factor
                  </button>
                </PostForm>
              )}
            </div>
          </>
        ) : (
          <>
            <p>
              <strong>Off.</strong> A second factor protects your account even if someone learns your password: signing
              in also asks for a code from an app on your phone.
            </p>
            <p>
              <a class="button primary" href={sitePath(ctx, 'security/second-factor/enrol')}>
                Set up an authenticator app
              </a>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <DataTable
          class="sessions-table"
          caption={`Your active sessions, most recent activity first. Times are in ${tz}.`}
          rows={props.sessions}
          columns={[
            {
              header: 'Device',
              cell: (session) => (
                <>
                  {summariseUserAgent(session.userAgent)}
                  {session.tokenHash === props.currentSessionHash && <strong class="this-session"> (this session)</strong>}
                  {session.kind !== 'full' && <span class="muted"> · {PENDING_LABELS[session.kind]}</span>}
                </>
              ),
            },
            { header: 'IP address', cell: (session) => session.ip ?? 'Unknown' },
            { header: 'Signed in', cell: (session) => formatDateTime(session.createdAt, tz) },
            { header: 'Last activity', cell: (session) => formatDateTime(session.lastSeenAt, tz) },
          ]}
        />
        {others > 0 ? (
          <PostForm ctx={ctx} action="security/sessions/end-others" class="actions">
            <button type="submit">Sign out everywhere else</button>
          </PostForm>
        ) : (
          <p class="hint">You are not signed in anywhere else.</p>
        )}
      </section>

      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading">Recent sign-in activity</h2>
        {props.activity.length === 0 ? (
          <p class="empty">No sign-in activity recorded yet.</p>
        ) : (
          <DataTable
            class="activity-table"
            caption="Sign-ins to your account and changes to your second factor, newest first."
            rows={props.activity}
            columns={[
              { header: 'When', cell: (entry) => formatDateTime(entry.occurredAt, tz) },
              { header: 'What', cell: (entry) => auditEventName(entry.event) },
              { header: 'IP address', cell: (entry) => entry.ip ?? '—' },
              { header: 'Details', cell: activityDetail },
            ]}
          />
        )}
        <p class="hint">
          Something you don’t recognise? Change your password, sign out everywhere else, and tell the HMIS Administration
          Team at <a href={`mailto:${ctx.supportEmail}`}>{ctx.supportEmail}</a>.
        </p>
      </section>
    </Layout>
  );
}

/** A short, safe reading of the details (they never hold secrets). */
function activityDetail(entry: AuditRecord): string {
  const d = entry.details;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  if (entry.event === 'login.failed') return text(d.reason) ?? '';
  if (entry.event === 'login.succeeded') {
    const how = text(d.secondFactor);
    const change = text(d.passwordChangeRequired);
    return [how && `with ${how}`, change && `password change required (${change})`].filter(Boolean).join('; ');
  }
  if (entry.event === 'login.new_device') return text(d.device) ?? '';
  if (entry.event === 'second_factor.reset') return text(d.resetBy) ? `by ${text(d.resetBy)}` : '';
  if (entry.event === 'second_factor.recovery_code_used' && typeof d.remaining === 'number') return `${d.remaining} left`;
  return '';
}
