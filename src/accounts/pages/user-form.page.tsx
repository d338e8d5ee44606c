import type { Organization } from '../../projects/projects.model.js';
import { CsrfField, ErrorSummary, Field } from '../../views/components.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import type { Role } from '../accounts.model.js';
import { lacksAgency, NO_AGENCY_WARNING, ROLE_DESCRIPTIONS, ROLE_NAMES } from '../roles.js';

/** The account fields as typed, kept on every re-render. */
export interface AccountFormValues {
  firstName: string;
  lastName: string;
  email: string;
  isVolunteer: boolean;
  role: string;
  /** OrganizationIDs of the ticked agencies. */
  agencies: string[];
}

export interface NewUserFormValues extends AccountFormValues {
  username: string;
}

type FieldErrors = Readonly<Record<string, readonly string[]>>;

export const EMPTY_NEW_USER: NewUserFormValues = {
  firstName: '',
  lastName: '',
  email: '',
  isVolunteer: false,
  role: 'case_manager',
  agencies: [],
  username: '',
};

// Ordinary users first: the common case is the default.
const ROLE_CHOICES: readonly Role[] = ['case_manager', 'agency_manager', 'admin'];

function FieldError(props: { id: string; errors?: readonly string[] }) {
  if (!props.errors?.length) return null;
  return (
    <p class="field-error" id={`${props.id}-error`}>
      {props.errors.join(' ')}
    </p>
  );
}

/**
 * Name, email, volunteer, role and agencies: shared by the create form and the edit form on a user's page.
 * `organizations` are every agency of the site, offered as checkboxes.
 */
export function AccountFields(props: { ctx: PageContext; values: AccountFormValues; organizations: readonly Organization[]; errors?: FieldErrors }) {
  const { ctx, values, organizations, errors = {} } = props;
  const roleInvalid = Boolean(errors.role?.length);
  const agenciesInvalid = Boolean(errors.agencies?.length);
  const describedBy = (...ids: (string | false)[]) => ids.filter(Boolean).join(' ') || undefined;
  return (
    <>
      <Field name="firstName" label="First name" value={values.firstName} required maxLength={100} autocomplete="off" errors={errors.firstName} />
      <Field name="lastName" label="Last name" value={values.lastName} required maxLength={100} autocomplete="off" errors={errors.lastName} />
      <Field
        name="email"
        label="Work email"
        type="email"
        value={values.email}
        maxLength={254}
        autocomplete="off"
        hint="Password reset links go to this address. Required unless the person is a volunteer."
        errors={errors.email}
      />
      <div class="field checkbox">
        <input id="field-isVolunteer" name="isVolunteer" type="checkbox" value="on" checked={values.isVolunteer} />
        <label for="field-isVolunteer">Volunteer (no work email required)</label>
      </div>
      <fieldset class={roleInvalid ? 'has-error' : undefined} aria-describedby={roleInvalid ? 'field-role-error' : undefined}>
        <legend>Role</legend>
        <FieldError id="field-role" errors={errors.role} />
        {ROLE_CHOICES.map((role, i) => (
          <div class="field checkbox">
            <input
              type="radio"
              // The first choice carries the field's own id, so a link to the field lands on the group.
              id={i === 0 ? 'field-role' : `field-role-${role}`}
              name="role"
              value={role}
              checked={values.role === role}
              aria-describedby={`field-role-${role}-hint`}
            />
            <label for={i === 0 ? 'field-role' : `field-role-${role}`}>{ROLE_NAMES[role]}</label>
            <span class="hint" id={`field-role-${role}-hint`}>
              {ROLE_DESCRIPTIONS[role]}
            </span>
          </div>
        ))}
      </fieldset>
      <fieldset
        class={agenciesInvalid ? 'has-error' : undefined}
        aria-describedby={describedBy('field-agencies-hint', agenciesInvalid && 'field-agencies-error', lacksAgency(values.role, values.agencies) && 'field-agencies-warning')}
      >
        <legend>Agencies</legend>
        <p class="hint" id="field-agencies-hint">
          The agencies this person works for. Case managers and agency managers see these agencies’ enrollments;
          agency managers also manage their projects and see their staff. Administrators see every agency.
        </p>
        <FieldError id="field-agencies" errors={errors.agencies} />
        {lacksAgency(values.role, values.agencies) && (
          <p class="notice warning" id="field-agencies-warning">
            <strong>No agency ticked:</strong> this person {NO_AGENCY_WARNING}. That is fine for a new hire not yet
            assigned; add their agency when you know it.
          </p>
        )}
        {organizations.length === 0 ? (
          <p class="empty">
            There are no agencies yet. <a href={sitePath(ctx, 'agencies/new')}>Create an agency</a>, then come back to
            assign it.
          </p>
        ) : (
          organizations.map((organization) => {
            const id = `field-agency-${organization.organizationId}`;
            return (
              <div class="field checkbox">
                <input id={id} name="agencies" type="checkbox" value={organization.organizationId} checked={values.agencies.includes(organization.organizationId)} />
                <label for={id}>{organization.organizationName}</label>
              </div>
            );
          })
        )}
      </fieldset>
    </>
  );
}

export interface NewUserPageProps {
  ctx: PageContext;
  values: NewUserFormValues;
  organizations: readonly Organization[];
  error?: string | null;
  errors?: FieldErrors;
}

export function NewUserPage(props: NewUserPageProps) {
  const { ctx, values, errors = {} } = props;
  return (
    <Layout ctx={ctx} title="Create user">
      <div class="narrow">
        <p>
          <a href={sitePath(ctx, 'admin/users')}>← All users</a>
        </p>
        <h1>Create user</h1>
        <p class="lede">
          Hearth makes a temporary password and shows it to you once. The new user signs in with it and then creates
          their own password.
        </p>
        <ErrorSummary message={props.error} errors={errors} />
        <form
          method="post"
          action={sitePath(ctx, 'admin/users/new')}
          class="stack"
          novalidate
          data-suggest-url={sitePath(ctx, 'admin/users/suggest-username')}
        >
          <CsrfField token={ctx.csrfToken} />
          <AccountFields ctx={ctx} values={values} organizations={props.organizations} errors={errors} />
          <Field
            name="username"
            label="Username (optional)"
            value={values.username}
            maxLength={40}
            autocomplete="off"
            hint="Leave empty to use first initial + last name (John Doe → jdoe)"
            errors={errors.username}
          />
          <p class="hint" id="username-suggestion" aria-live="polite"></p>
          <button type="submit" class="primary">
            Create user
          </button>
        </form>
      </div>
      <script src="/assets/admin.js" defer></script>
    </Layout>
  );
}
