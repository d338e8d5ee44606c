import type { Organization } from '../../projects/projects.model.js';
import { boundFields, CheckboxField, CheckboxGroupField, CsrfField, ErrorSummary, RadioField, TextField, type FieldErrors, type FormFailure } from '../../views/form-kit.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
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
const ROLE_CHOICES = (['case_manager', 'agency_manager', 'admin'] as const).map((role) => ({ value: role, label: ROLE_NAMES[role], hint: ROLE_DESCRIPTIONS[role] }));

/**
 * Name, email, volunteer, role and agencies: shared by the create form and the edit form on a user's page.
 * `organizations` are every agency of the site, offered as checkboxes.
 */
export function AccountFields(props: { ctx: PageContext; values: AccountFormValues; organizations: readonly Organization[]; errors?: FieldErrors }) {
  const { ctx, values, organizations, errors = {} } = props;
  const field = boundFields(values, errors);
  const agencyHint = (
    <>
      The agencies this person works for. Case managers and agency managers see these agencies’ enrollments; agency
      managers also manage their projects and see their staff. Administrators see every agency.
      {organizations.length === 0 && (
        <>
          {' '}
          There are no agencies yet. <a href={sitePath(ctx, 'agencies/new')}>Create an agency</a>, then come back to assign it.
        </>
      )}
    </>
  );
  const noAgency = lacksAgency(values.role, values.agencies)
    ? [`No agency ticked: this person ${NO_AGENCY_WARNING}. That is fine for a new hire not yet assigned; add their agency when you know it.`]
    : undefined;
  return (
    <>
      <TextField {...field('firstName')} label="First name" required maxLength={100} autocomplete="off" />
      <TextField {...field('lastName')} label="Last name" required maxLength={100} autocomplete="off" />
      <TextField
        {...field('email')}
        label="Work email"
        type="email"
        maxLength={254}
        autocomplete="off"
        hint="Password reset links go to this address. Required unless the person is a volunteer."
      />
      <CheckboxField name="isVolunteer" label="Volunteer (no work email required)" checked={values.isVolunteer} errors={errors.isVolunteer} />
      <RadioField {...field('role')} label="Role" choices={ROLE_CHOICES} />
      <CheckboxGroupField
        name="agencies"
        label="Agencies"
        hint={agencyHint}
        choices={organizations.map((organization) => ({ value: organization.organizationId, label: organization.organizationName }))}
        values={values.agencies}
        errors={errors.agencies}
        warnings={noAgency}
      />
    </>
  );
}

export interface NewUserPageProps {
  ctx: PageContext;
  values: NewUserFormValues;
  organizations: readonly Organization[];
  failure?: FormFailure | null;
}

export function NewUserPage(props: NewUserPageProps) {
  const { ctx, values, failure } = props;
  const errors = failure?.errors ?? {};
  const field = boundFields(values, errors);
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
        <ErrorSummary failure={failure} />
        {/* Not PostForm: public/admin.js finds the form by the address that suggests a username. */}
        <form
          method="post"
          action={sitePath(ctx, 'admin/users/new')}
          class="stack"
          novalidate
          data-suggest-url={sitePath(ctx, 'admin/users/suggest-username')}
        >
          <CsrfField token={ctx.csrfToken} />
          <AccountFields ctx={ctx} values={values} organizations={props.organizations} errors={errors} />
          <TextField
            {...field('username')}
            label="Username (optional)"
            maxLength={40}
            autocomplete="off"
            hint="Leave empty to use first initial + last name (John Doe → jdoe)"
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
