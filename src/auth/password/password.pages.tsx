import { CsrfField, ErrorSummary, Field, PasswordRules } from '../../views/components.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';

interface FormState {
  ctx: PageContext;
  error?: string | null;
  errors?: Readonly<Record<string, readonly string[]>>;
}

/** The screen the help article shows after a first (temporary) or expired password. */
export function ExpiredPasswordPage(props: FormState) {
  const { ctx, errors = {} } = props;
  return (
    <Layout ctx={ctx} title="Password has expired!">
      <div class="narrow">
        <h1>Password has expired!</h1>
        <p class="lede">
          Please enter a new password in both spaces with at least one uppercase letter, one lowercase letter, one
          number, and one symbol.
        </p>
        <ErrorSummary message={props.error} errors={errors} />
        <PasswordRules />
        <form method="post" action={sitePath(ctx, 'password/expired')} class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="text" name="username" value={ctx.user?.username} autocomplete="username" hidden readonly />
          <Field name="newPassword" label="New password" type="password" autocomplete="new-password" required autofocus errors={errors.newPassword} hint="See the rules above." />
          <Field name="confirmPassword" label="Confirm new password" type="password" autocomplete="new-password" required errors={errors.confirmPassword} />
          <button type="submit" class="primary">
            Save new password
          </button>
        </form>
        <p class="hint">
          If you leave this screen without creating a new password, your temporary password will no longer work: use
          “Forgot password?” on the login page or ask the HMIS Administration Team for a new one.
        </p>
      </div>
    </Layout>
  );
}

export function ChangePasswordPage(props: FormState) {
  const { ctx, errors = {} } = props;
  return (
    <Layout ctx={ctx} title="Change your password">
      <div class="narrow">
        <h1>Change your password</h1>
        <p class="lede">Your new password will last 60 days. Save it somewhere safe (not your browser on a shared computer).</p>
        <ErrorSummary message={props.error} errors={errors} />
        <PasswordRules />
        <form method="post" action={sitePath(ctx, 'password/change')} class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="text" name="username" value={ctx.user?.username} autocomplete="username" hidden readonly />
          <Field name="currentPassword" label="Current password" type="password" autocomplete="current-password" required autofocus errors={errors.currentPassword} />
          <Field name="newPassword" label="New password" type="password" autocomplete="new-password" required errors={errors.newPassword} />
          <Field name="confirmPassword" label="Confirm new password" type="password" autocomplete="new-password" required errors={errors.confirmPassword} />
          <button type="submit" class="primary">
            Change password
          </button>
        </form>
      </div>
    </Layout>
  );
}
