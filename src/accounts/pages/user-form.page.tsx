import type { Role } from '../../db/schema.js';
import { CsrfField, ErrorSummary, Field } from '../../views/components.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { ROLE_NAMES } from '../accounts.service.js';

/** The account fields as typed, kept on every re-render. */
export interface AccountFormValues {
  firstName: string;
  lastName: string;
  email: string;
  isVolunteer: boolean;
  role: string;
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
  username: '',
};

// Ordinary users first: the common case is the default.
const ROLE_CHOICES: readonly Role[] = ['case_manager', 'agency_manager', 'admin'];

/** Name, email, volunteer and role: shared by the create form and the edit form on a user's page. */
export function AccountFields(props: { values: AccountFormValues; errors?: FieldErrors }) {
  const { values, errors = {} } = props;
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
      <div class={`field${errors.role?.length ? ' has-error' : ''}`}>
        <label for="field-role">Role</label>
        {errors.role?.length ? (
          <p class="field-error" id="field-role-error">
            {errors.role.join(' ')}
          </p>
        ) : null}
        <select id="field-role" name="role" aria-invalid={errors.role?.length ? 'true' : undefined} aria-describedby={errors.role?.length ? 'field-role-error' : undefined}>
          {ROLE_CHOICES.map((role) => (
            <option value={role} selected={values.role === role}>
              {ROLE_NAMES[role]}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

export interface NewUserPageProps {
  ctx: PageContext;
  values: NewUserFormValues;
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
          <AccountFields values={values} errors={errors} />
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
