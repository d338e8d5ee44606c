import { PasswordRules } from '../../views/components.js';
import { ErrorSummary, PostForm, TextField, type FormFailure, type TextFieldProps } from '../../views/form-kit.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';

interface FormState {
  ctx: PageContext;
  failure?: FormFailure | null;
}

/** The screen the help article shows after a first (temporary) or expired password. */
export function ExpiredPasswordPage(props: FormState) {
  const { ctx, failure } = props;
  return (
    <Layout ctx={ctx} title="Password has expired!">
      <div class="narrow">
        <h1>Password has expired!</h1>
        <p class="lede">
          Please enter a new password in both spaces with at least one uppercase letter, one lowercase letter, one
          number, and one symbol.
        </p>
        <ErrorSummary failure={failure} />
        <PasswordRules />
        <PostForm ctx={ctx} action="password/expired">
          <UsernameForPasswordManagers username={ctx.user?.username} />
          <NewPasswordFields failure={failure} autofocus hint="See the rules above." />
          <button type="submit" class="primary">
            Save new password
          </button>
        </PostForm>
        <p class="hint">
          If you leave this screen without creating a new password, your temporary password will no longer work: use
          “Forgot password?” on the login page or ask the HMIS Administration Team for a new one.
        </p>
      </div>
    </Layout>
  );
}

export function ChangePasswordPage(props: FormState) {
  const { ctx, failure } = props;
  return (
    <Layout ctx={ctx} title="Change your password">
      <div class="narrow">
        <h1>Change your password</h1>
        <p class="lede">Your new password will last 60 days. Save it somewhere safe (not your browser on a shared computer).</p>
        <ErrorSummary failure={failure} />
        <PasswordRules />
        <PostForm ctx={ctx} action="password/change">
          <UsernameForPasswordManagers username={ctx.user?.username} />
          <CurrentPasswordField errors={failure?.errors.currentPassword} autofocus />
          <NewPasswordFields failure={failure} />
          <button type="submit" class="primary">
            Change password
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}

/** Hidden, so that a password manager files the new password under the right account. */
export function UsernameForPasswordManagers(props: { username: string | undefined }) {
  return <input type="text" name="username" value={props.username} autocomplete="username" hidden readonly />;
}

/** The current password, asked again before a security change. `id` tells apart two such fields on one page. */
export function CurrentPasswordField(props: { id?: string; errors?: readonly string[]; autofocus?: boolean }) {
  return <PasswordField {...props} name="currentPassword" label="Current password" autocomplete="current-password" />;
}

/** A new password, typed twice (newPassword, confirmPassword): for a change, an expired password and a reset. */
export function NewPasswordFields(props: { failure?: FormFailure | null; autofocus?: boolean; hint?: string }) {
  const errors = props.failure?.errors ?? {};
  return (
    <>
      <PasswordField name="newPassword" label="New password" autocomplete="new-password" autofocus={props.autofocus} errors={errors.newPassword} hint={props.hint} />
      <PasswordField name="confirmPassword" label="Confirm new password" autocomplete="new-password" errors={errors.confirmPassword} />
    </>
  );
}

function PasswordField(props: Omit<TextFieldProps, 'type' | 'required'>) {
  return <TextField {...props} type="password" required />;
}
