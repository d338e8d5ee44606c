import type { Organization } from '../../projects/projects.model.js';
import { DataTable } from '../../views/data-table.js';
import { formatDateTime } from '../../views/format.js';
import { Notice } from '../../views/components.js';
import { SelectField, TextField } from '../../views/form-kit.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import type { AccountStatus } from '../account-status.js';
import type { Role, StoredEmail, User } from '../accounts.model.js';
import { lacksAgency, NO_AGENCY_WARNING, ROLE_NAMES } from '../roles.js';

export type StatusFilter = AccountStatus | 'all';

export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'active', 'locked', 'deactivated'];

const STATUS_FILTER_NAMES: Record<StatusFilter, string> = {
  all: 'All users',
  active: 'Active',
  locked: 'Locked',
  deactivated: 'Deactivated',
};

/** The agency filter value for "works for no agency yet"; Hearth's OrganizationIDs are 32 hex digits. */
export const NO_AGENCY = 'none';

export interface UserRow {
  user: User;
  status: AccountStatus;
  /** The agencies (OrganizationIDs) the user works for. */
  agencyIds: readonly string[];
}

export interface UsersListPageProps {
  ctx: PageContext;
  rows: readonly UserRow[];
  q: string;
  status: StatusFilter;
  /** The agency filter as the query string carries it: empty (any agency), NO_AGENCY, or one OrganizationID. */
  agency: string;
  /** Every agency of the site, for the filter and the names in the table. */
  organizations: readonly Organization[];
  page: number;
  hasNextPage: boolean;
  now: Date;
  /** Accounts whose stored email is not one plain address: no mail goes to them until it is corrected. */
  unusableEmails: readonly StoredEmail[];
}

export function UsersListPage(props: UsersListPageProps) {
  const { ctx, q, status, agency, page } = props;
  const pageLink = (n: number) => {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    if (status !== 'all') params.set('status', status);
    if (agency) params.set('agency', agency);
    if (n > 1) params.set('page', String(n));
    const query = params.toString();
    return sitePath(ctx, 'admin/users') + (query ? `?${query}` : '');
  };
  const filtered = Boolean(q) || status !== 'all' || Boolean(agency);
  return (
    <Layout ctx={ctx} title="Users">
      <h1>Users</h1>
      {props.unusableEmails.length > 0 && (
        <Notice kind="warning">
          <p>
            <strong>
              {props.unusableEmails.length === 1 ? 'One account has' : `${props.unusableEmails.length} accounts have`} an email that
              is not one plain address
            </strong>{' '}
            (a list, or a name with the address), so Hearth sends them no mail, not even a reset link. Edit each and
            enter one address:
          </p>
          <ul>
            {props.unusableEmails.map((account) => (
              <li>
                <a href={sitePath(ctx, `admin/users/${account.id}/edit`)}>{account.username}</a>: <code>{account.email}</code>
              </li>
            ))}
          </ul>
        </Notice>
      )}
      <p class="actions">
        <a class="button primary" href={sitePath(ctx, 'admin/users/new')}>
          Create user
        </a>
      </p>
      <form method="get" action={sitePath(ctx, 'admin/users')} class="filters" role="search" aria-label="Find users">
        <TextField name="q" label="Name, username or email" type="search" value={q} maxLength={200} autocomplete="off" />
        <SelectField name="status" label="Status" value={status} choices={STATUS_FILTERS.map((s) => ({ value: s, label: STATUS_FILTER_NAMES[s] }))} emptyLabel={null} />
        <SelectField
          name="agency"
          label="Agency"
          value={agency}
          emptyLabel="Any agency"
          choices={[
            { value: NO_AGENCY, label: 'No agency yet' },
            ...props.organizations.map((organization) => ({ value: organization.organizationId, label: organization.organizationName })),
          ]}
        />
        <div>
          <button type="submit">Search</button> {filtered && <a href={sitePath(ctx, 'admin/users')}>Show everyone</a>}
        </div>
      </form>
      {props.rows.length === 0 ? (
        <p class="empty" role="status">
          {filtered ? 'No users match this search.' : 'There are no users on this page.'}
        </p>
      ) : (
        <DataTable
          class="users-table"
          caption={
            <>
              {filtered ? 'Users matching the search' : 'All users'}
              {page > 1 ? `, page ${page}` : ''}
            </>
          }
          rows={props.rows}
          columns={[
            { header: 'Username', cell: ({ user }) => <a href={sitePath(ctx, `admin/users/${user.id}`)}>{user.username}</a> },
            { header: 'Name', cell: ({ user }) => `${user.firstName} ${user.lastName}` },
            { header: 'Email', cell: ({ user }) => emailText(user) },
            { header: 'Role', cell: ({ user }) => ROLE_NAMES[user.role] },
            { header: 'Agencies', cell: ({ user, agencyIds }) => <AgencyNames ctx={ctx} role={user.role} agencyIds={agencyIds} organizations={props.organizations} /> },
            { header: 'Status', cell: ({ user, status }) => <StatusText status={status} user={user} timeZone={ctx.timeZone} /> },
            { header: 'Last login', cell: ({ user }) => (user.lastLoginAt ? formatDateTime(user.lastLoginAt, ctx.timeZone) : 'Never') },
            { header: 'Password expires', cell: ({ user }) => <PasswordExpiryText user={user} now={props.now} timeZone={ctx.timeZone} /> },
            {
              header: 'Details',
              hidden: true,
              cell: ({ user }) => (
                <a href={sitePath(ctx, `admin/users/${user.id}`)} aria-label={`Manage ${user.username}`}>
                  Manage
                </a>
              ),
            },
          ]}
        />
      )}
      {(page > 1 || props.hasNextPage) && (
        <nav class="pagination" aria-label="Pages of users">
          {page > 1 && <a href={pageLink(page - 1)}>Previous page</a>}
          {props.hasNextPage && <a href={pageLink(page + 1)}>Next page</a>}
        </nav>
      )}
    </Layout>
  );
}

/** A user's agencies by name, linked; or why having none matters for their role. */
export function AgencyNames(props: { ctx: PageContext; role: Role; agencyIds: readonly string[]; organizations: readonly Organization[] }) {
  const { ctx, agencyIds } = props;
  if (agencyIds.length === 0) {
    if (!lacksAgency(props.role, agencyIds)) return <span class="muted">None (administrators see every agency)</span>;
    return <strong>{`${NO_AGENCY_WARNING.charAt(0).toUpperCase()}${NO_AGENCY_WARNING.slice(1)}`}</strong>;
  }
  // In the order of the site's agencies (by name); an id with no agency left (deleted) comes last.
  const order = new Map(props.organizations.map((o, i) => [o.organizationId, i]));
  const names = new Map(props.organizations.map((o) => [o.organizationId, o.organizationName]));
  const sorted = [...agencyIds].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
  return (
    <>
      {sorted.map((id, i) => (
        <>
          {i > 0 && ', '}
          <a href={sitePath(ctx, `agencies/${id}`)}>{names.get(id) ?? id}</a>
        </>
      ))}
    </>
  );
}

export function emailText(user: Pick<User, 'email' | 'isVolunteer'>): string {
  if (user.email) return user.email;
  return user.isVolunteer ? 'Volunteer — no email' : 'No email';
}

/** Status in words (colour only repeats it). */
export function StatusText(props: { status: AccountStatus; user: Pick<User, 'lockedUntil'>; timeZone: string }) {
  const { status } = props;
  return (
    <span class={`status status-${status}`}>
      {status === 'active' && 'Active'}
      {status === 'locked' && `Locked until ${formatDateTime(props.user.lockedUntil, props.timeZone)}`}
      {status === 'deactivated' && 'Deactivated'}
    </span>
  );
}

/** A temporary password is one-use; its "expiry" is the end of its 72-hour window (or the moment it was used). */
export function PasswordExpiryText(props: {
  user: Pick<User, 'passwordIsTemporary' | 'passwordExpiresAt' | 'passwordHash'>;
  now: Date;
  timeZone: string;
}) {
  const { user, now, timeZone } = props;
  const expiresAt = user.passwordExpiresAt;
  if (!user.passwordHash) return <>No password</>;
  if (user.passwordIsTemporary) {
    if (expiresAt && now < expiresAt) {
      return (
        <>
          Temporary password (unused)
          <span class="hint"> — works until {formatDateTime(expiresAt, timeZone)}</span>
        </>
      );
    }
    return <>Temporary password — lapsed</>;
  }
  if (!expiresAt) return <>Never</>;
  if (expiresAt <= now) return <>Expired {formatDateTime(expiresAt, timeZone)}</>;
  return <>{formatDateTime(expiresAt, timeZone)}</>;
}
