import type { User } from '../accounts.model.js';
import type { Organization } from '../../projects/projects.model.js';
import { Notice } from '../../views/components.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { lacksAgency, NO_AGENCY_WARNING } from '../roles.js';
import { AgencyNames } from './users-list.page.js';

export interface TemporaryPasswordPageProps {
  ctx: PageContext;
  user: Pick<User, 'id' | 'username' | 'firstName' | 'lastName' | 'role'>;
  temporaryPassword: string;
  ttlHours: number;
  /** A new account, or a new temporary password for an existing one. */
  kind: 'created' | 'issued';
  /** For a new account: the agencies it was given (ids), and every agency for their names. */
  agencies?: { ids: readonly string[]; organizations: readonly Organization[] };
}

/** Shown once: the password is not stored anywhere it could be shown again. */
export function TemporaryPasswordPage(props: TemporaryPasswordPageProps) {
  const { ctx, user } = props;
  const name = `${user.firstName} ${user.lastName}`;
  const title = props.kind === 'created' ? 'Account created' : 'Temporary password issued';
  return (
    <Layout ctx={ctx} title={title}>
      <div class="narrow">
        <h1>{title}</h1>
        {props.agencies && lacksAgency(user.role, props.agencies.ids) && (
          <Notice kind="warning">
            {user.username} {NO_AGENCY_WARNING}. Add their agencies on {user.username}’s page when you know them.
          </Notice>
        )}
        {props.kind === 'issued' && (
          <p>
            {name}’s previous password no longer works, and they have been signed out everywhere.
          </p>
        )}
        <dl class="facts">
          <dt>Name</dt>
          <dd>{name}</dd>
          <dt>Username</dt>
          <dd>
            <strong>{user.username}</strong>
          </dd>
          {props.agencies && (
            <>
              <dt>Agencies</dt>
              <dd>
                <AgencyNames ctx={ctx} role={user.role} agencyIds={props.agencies.ids} organizations={props.agencies.organizations} />
              </dd>
            </>
          )}
          <dt>Temporary password</dt>
          <dd>
            <span class="secret">
              {props.temporaryPassword}
            </span>
          </dd>
        </dl>
        <p class="instruction">
          Give this temporary password to {name} in person or by phone — never by email. It works for one login
          within {props.ttlHours} hours; they will then be asked to create their own password.
        </p>
        <p class="hint">
          This is the only time it is shown. If it is lost, issue a new temporary password from {user.username}’s page.
        </p>
        <p class="actions">
          <a class="button" href={sitePath(ctx, `admin/users/${user.id}`)}>
            Go to {user.username}’s page
          </a>
          <a class="button" href={sitePath(ctx, 'admin/users')}>
            All users
          </a>
        </p>
      </div>
    </Layout>
  );
}
