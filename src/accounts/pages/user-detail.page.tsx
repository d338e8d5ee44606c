import type { AuditRecord } from '../../audit/audit.model.js';
import { AuditTable } from '../../audit/audit.page.js';
import { CsrfField, ErrorSummary, Notice } from '../../views/components.js';
import { formatDateTime } from '../../views/format.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import type { SecondFactorStatus } from '../../auth/second-factor/second-factor.service.js';
import type { Organization } from '../../projects/projects.model.js';
import type { AccountStatus } from '../account-status.js';
import type { User } from '../accounts.model.js';
import { lacksAgency, NO_AGENCY_WARNING, ROLE_NAMES } from '../roles.js';
import { AccountFields, type AccountFormValues } from './user-form.page.js';
import { AgencyNames, emailText, PasswordExpiryText, StatusText } from './users-list.page.js';

/** What ?done= may say after an action redirected back here. */
export const DONE_MESSAGES = {
  unlocked: 'The account is unlocked. They can sign in again now.',
  deactivated: 'The account is deactivated. They were signed out everywhere and cannot sign in.',
  reactivated: 'The account is reactivated. They can sign in with their current password (or a new temporary one).',
  saved: 'Your changes are saved.',
  'second-factor-reset':
    'Their second factor is reset: the old authenticator app and recovery codes no longer work, and they were signed out everywhere. If the site requires a second factor, they set up a new one at their next sign-in.',
} as const;

export type DoneAction = keyof typeof DONE_MESSAGES;

export function isDoneAction(value: unknown): value is DoneAction {
  return typeof value === 'string' && Object.hasOwn(DONE_MESSAGES, value);
}

export interface UserDetailPageProps {
  ctx: PageContext;
  user: User;
  status: AccountStatus;
  now: Date;
  /** The most recent audit entries about or by this user. */
  recent: readonly AuditRecord[];
  /** Their authenticator app, if they set one up. */
  secondFactor: SecondFactorStatus | null;
  /** The administrator is looking at their own account. */
  isSelf: boolean;
  /** The agencies (OrganizationIDs) the user works for. */
  agencyIds: readonly string[];
  /** Every agency of the site: names for the ids, and the choices of the edit form. */
  organizations: readonly Organization[];
  done?: DoneAction | null;
  error?: string | null;
  errors?: Readonly<Record<string, readonly string[]>>;
  /** The edit form as typed, when it was refused; otherwise the stored values. */
  editValues?: AccountFormValues;
}

export function UserDetailPage(props: UserDetailPageProps) {
  const { ctx, user, status, isSelf } = props;
  const tz = ctx.timeZone;
  const name = `${user.firstName} ${user.lastName}`;
  const userPath = (action = '') => sitePath(ctx, `admin/users/${user.id}${action ? `/${action}` : ''}`);
  const editValues: AccountFormValues = props.editValues ?? {
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email ?? '',
    isVolunteer: user.isVolunteer,
    role: user.role,
    agencies: [...props.agencyIds],
  };
  return (
    <Layout ctx={ctx} title={`${user.username} · Users`}>
      <p>
        <a href={sitePath(ctx, 'admin/users')}>← All users</a>
      </p>
      <h1>
        {name} <span class="muted">({user.username})</span>
      </h1>
      {props.done && <Notice kind="success">{DONE_MESSAGES[props.done]}</Notice>}
      <ErrorSummary message={props.error} errors={props.errors} />
      {lacksAgency(user.role, props.agencyIds) && (
        <Notice kind="warning">
          <strong>{user.username}</strong> {NO_AGENCY_WARNING}. Tick their agencies under “Edit account” below.
        </Notice>
      )}

      <section aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        <dl class="facts">
          <dt>Username</dt>
          <dd>{user.username}</dd>
          <dt>Name</dt>
          <dd>{name}</dd>
          <dt>Work email</dt>
          <dd>{emailText(user)}</dd>
          <dt>Volunteer</dt>
          <dd>{user.isVolunteer ? 'Yes' : 'No'}</dd>
          <dt>Role</dt>
          <dd>{ROLE_NAMES[user.role]}</dd>
          <dt>Agencies</dt>
          <dd>
            <AgencyNames ctx={ctx} role={user.role} agencyIds={props.agencyIds} organizations={props.organizations} />
          </dd>
          <dt>Status</dt>
          <dd>
            <StatusText status={status} user={user} timeZone={tz} />
            {user.deactivatedAt && ` (since ${formatDateTime(user.deactivatedAt, tz)})`}
          </dd>
          <dt>Created</dt>
          <dd>{formatDateTime(user.createdAt, tz)}</dd>
          <dt>Last login</dt>
          <dd>{user.lastLoginAt ? formatDateTime(user.lastLoginAt, tz) : 'Never'}</dd>
          <dt>Password set</dt>
          <dd>
            {formatDateTime(user.passwordSetAt, tz)}
            {user.passwordIsTemporary && ' (temporary password issued by an administrator)'}
          </dd>
          <dt>Password expires</dt>
          <dd>
            <PasswordExpiryText user={user} now={props.now} timeZone={tz} />
          </dd>
          <dt>Second factor</dt>
          <dd>
            {props.secondFactor
              ? `On (authenticator app) since ${formatDateTime(props.secondFactor.enabledAt, tz)}; ${props.secondFactor.recoveryCodesLeft} recovery codes unused`
              : 'Off'}
          </dd>
          <dt>Failed sign-ins in a row</dt>
          <dd>{user.failedLoginCount}</dd>
          <dt>Locked until</dt>
          <dd>{status === 'locked' ? formatDateTime(user.lockedUntil, tz) : 'Not locked'}</dd>
        </dl>
      </section>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">Actions</h2>
        <div class="account-actions">
          <form method="post" action={userPath('temporary-password')} class="account-action">
            <CsrfField token={ctx.csrfToken} />
            <p id="temporary-password-help">
              Issuing a temporary password replaces {user.username}’s current password and signs them out everywhere.
              You will see the new temporary password once, to give them in person or by phone.
              {isSelf && ' This is your own account: you will be signed out too.'}
            </p>
            <button type="submit" aria-describedby="temporary-password-help">
              Issue temporary password
            </button>
          </form>
          {status === 'locked' && (
            <form method="post" action={userPath('unlock')} class="account-action">
              <CsrfField token={ctx.csrfToken} />
              <p id="unlock-help">Lets {user.username} try to sign in again now, and resets their failed sign-in count.</p>
              <button type="submit" aria-describedby="unlock-help">
                Unlock
              </button>
            </form>
          )}
          {props.secondFactor && (
            <form method="post" action={userPath('second-factor/reset')} class="account-action">
              <CsrfField token={ctx.csrfToken} />
              <p id="second-factor-reset-help">
                For a lost or replaced phone: removes {user.username}’s authenticator app and recovery codes and signs them
                out everywhere. Check who is asking first (in person or by phone).
                {isSelf && ' This is your own account: you will be signed out too.'}
              </p>
              <button type="submit" class="danger" aria-describedby="second-factor-reset-help">
                Reset second factor
              </button>
            </form>
          )}
          {user.deactivatedAt ? (
            <form method="post" action={userPath('reactivate')} class="account-action">
              <CsrfField token={ctx.csrfToken} />
              <p id="reactivate-help">Lets {user.username} sign in again.</p>
              <button type="submit" aria-describedby="reactivate-help">
                Reactivate
              </button>
            </form>
          ) : isSelf ? (
            <p class="hint">You cannot deactivate your own account.</p>
          ) : (
            <form method="post" action={userPath('deactivate')} class="account-action">
              <CsrfField token={ctx.csrfToken} />
              <p id="deactivate-help">
                Stops {user.username} signing in, signs them out everywhere and cancels their password reset links. Their
                records stay.
              </p>
              <button type="submit" class="danger" aria-describedby="deactivate-help">
                Deactivate
              </button>
            </form>
          )}
        </div>
      </section>

      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">Edit account</h2>
        <form method="post" action={userPath('edit')} class="stack narrow" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <AccountFields ctx={ctx} values={editValues} organizations={props.organizations} errors={props.errors} />
          <p class="hint">The username cannot be changed.</p>
          <button type="submit" class="primary">
            Save changes
          </button>
        </form>
      </section>

      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading">Recent activity</h2>
        <AuditTable ctx={ctx} entries={props.recent} caption={`Recent audit entries by or about ${user.username}, newest first`} />
        <p>
          <a href={`${sitePath(ctx, 'admin/audit')}?${new URLSearchParams({ username: user.username }).toString()}`}>
            Full audit log for {user.username}
          </a>
        </p>
        <p>
          <a href={`${sitePath(ctx, 'admin/audit')}?${new URLSearchParams({ actor: user.username, area: 'client-data' }).toString()}`}>
            Client data this user viewed or changed
          </a>
        </p>
      </section>
    </Layout>
  );
}
