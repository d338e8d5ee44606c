import type { ComponentChildren } from 'preact';
import type { AuditRecord } from '../../audit/audit.model.js';
import { AuditTable } from '../../audit/audit.page.js';
import { Notice } from '../../views/components.js';
import { ErrorSummary, PostForm, type FormFailure } from '../../views/form-kit.js';
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
  /** A refused action or edit. */
  failure?: FormFailure | null;
  /** The edit form as typed, when it was refused; otherwise the stored values. */
  editValues?: AccountFormValues;
}

export function UserDetailPage(props: UserDetailPageProps) {
  const { ctx, user, status, isSelf } = props;
  const tz = ctx.timeZone;
  const name = `${user.firstName} ${user.lastName}`;
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
      <ErrorSummary failure={props.failure} />
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
          <AccountAction ctx={ctx} userId={user.id} action="temporary-password" button="Issue temporary password">
            Issuing a temporary password replaces {user.username}’s current password and signs them out everywhere.
            You will see the new temporary password once, to give them in person or by phone.
            {isSelf && ' This is your own account: you will be signed out too.'}
          </AccountAction>
          {status === 'locked' && (
            <AccountAction ctx={ctx} userId={user.id} action="unlock" button="Unlock">
              Lets {user.username} try to sign in again now, and resets their failed sign-in count.
            </AccountAction>
          )}
          {props.secondFactor && (
            <AccountAction ctx={ctx} userId={user.id} action="second-factor/reset" button="Reset second factor" danger>
              For a lost or replaced phone: removes {user.username}’s authenticator app and recovery codes and signs them
              out everywhere. Check who is asking first (in person or by phone).
              {isSelf && ' This is your own account: you will be signed out too.'}
            </AccountAction>
          )}
          {user.deactivatedAt ? (
            <AccountAction ctx={ctx} userId={user.id} action="reactivate" button="Reactivate">
              Lets {user.username} sign in again.
            </AccountAction>
          ) : isSelf ? (
            <p class="hint">You cannot deactivate your own account.</p>
          ) : (
            <AccountAction ctx={ctx} userId={user.id} action="deactivate" button="Deactivate" danger>
              Stops {user.username} signing in, signs them out everywhere and cancels their password reset links. Their
              records stay.
            </AccountAction>
          )}
        </div>
      </section>

      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">Edit account</h2>
        <PostForm ctx={ctx} action={`admin/users/${user.id}/edit`} class="stack narrow">
          <AccountFields ctx={ctx} values={editValues} organizations={props.organizations} errors={props.failure?.errors} />
          <p class="hint">The username cannot be changed.</p>
          <button type="submit" class="primary">
            Save changes
          </button>
        </PostForm>
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

/** One button that acts on the account at once, with what it does written above it (and read with the button). */
function AccountAction(props: { ctx: PageContext; userId: number; action: string; button: string; danger?: boolean; children: ComponentChildren }) {
  const helpId = `${props.action.replace('/', '-')}-help`;
  return (
    <PostForm ctx={props.ctx} action={`admin/users/${props.userId}/${props.action}`} class="account-action">
      <p id={helpId}>{props.children}</p>
      <button type="submit" class={props.danger ? 'danger' : undefined} aria-describedby={helpId}>
        {props.button}
      </button>
    </PostForm>
  );
}
