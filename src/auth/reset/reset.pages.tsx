import { Notice, PasswordRules, SupportContact } from '../../views/components.js';
import { ErrorSummary, PostForm, TextField, type FormFailure } from '../../views/form-kit.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { NewPasswordFields, UsernameForPasswordManagers } from '../password/password.pages.js';

export function ForgotPasswordPage(props: { ctx: PageContext; username?: string; email?: string; failure?: FormFailure | null }) {
  const { ctx, failure } = props;
  return (
    <Layout ctx={ctx} title="Forgot password">
      <div class="narrow">
        <h1>Reset your {ctx.site!.name} password</h1>
        <p class="lede">
          Enter your HMIS username and the work email address registered to your account. We will email you a link to
          set a new password. This resets your password for the {ctx.site!.name} only.
        </p>
        <ErrorSummary failure={failure} />
        <PostForm ctx={ctx} action="forgot-password">
          <TextField name="username" label="Username" value={props.username} autocomplete="username" required autofocus maxLength={200} errors={failure?.errors.username} />
          <TextField name="email" label="Registered email address" type="email" value={props.email} autocomplete="email" required maxLength={320} errors={failure?.errors.email} />
          <button type="submit" class="primary">
            Email me a reset link
          </button>
        </PostForm>
        <p>
          <a href={sitePath(ctx, 'login')}>Back to log in</a>
        </p>
        <p class="hint">Volunteers without an email address: contact the HMIS Administration Team for a temporary password.</p>
        <SupportContact email={ctx.supportEmail} />
      </div>
    </Layout>
  );
}

export function ResetRequestedPage(props: { ctx: PageContext; validMinutes: number }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Check your email">
      <div class="narrow">
        <h1>Check your email</h1>
        <Notice kind="success">
          If the username and email address you entered match an active {ctx.site!.name} account, we have sent an email
          titled “Community Services Email Password Reset” to that address. It shows the date and time of your request
          and contains a link that works once, for {props.validMinutes} minutes.
        </Notice>
        <p>Never reset your password using an email link you didn't ask for.</p>
        <p>
          No email after a few minutes? Check your spam folder, make sure you used the email address registered to your
          HMIS account, or <a href={sitePath(ctx, 'forgot-password')}>try again</a>.
        </p>
        <p>
          Volunteers without an email address cannot reset by email: please contact the HMIS Administration Team at{' '}
          <a href={`mailto:${ctx.supportEmail}`}>{ctx.supportEmail}</a> for a temporary password.
        </p>
        <p>
          <a href={sitePath(ctx, 'login')}>Back to log in</a>
        </p>
      </div>
    </Layout>
  );
}

export function ResetPasswordPage(props: {
  ctx: PageContext;
  token: string;
  username: string;
  failure?: FormFailure | null;
}) {
  const { ctx, failure } = props;
  return (
    <Layout ctx={ctx} title="Create a new password">
      <div class="narrow">
        <h1>Create a new password</h1>
        <p class="lede">
          For <strong>{props.username}</strong> on the {ctx.site!.name}. Enter your new password twice. It will be your
          HMIS password for the next 60 days; save it somewhere safe (not your browser).
        </p>
        <ErrorSummary failure={failure} />
        <PasswordRules />
        <PostForm ctx={ctx} action={`reset/${props.token}`}>
          <UsernameForPasswordManagers username={props.username} />
          <NewPasswordFields failure={failure} autofocus />
          <button type="submit" class="primary">
            Set new password
          </button>
        </PostForm>
        <SupportContact email={ctx.supportEmail} />
      </div>
    </Layout>
  );
}

export function ResetLinkInvalidPage(props: { ctx: PageContext; message: string }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Reset link not valid">
      <div class="narrow">
        <h1>This reset link cannot be used</h1>
        <div class="notice error" role="alert">
          {props.message}
        </div>
        <p>
          Links work once and only for a limited time, and only the newest link you asked for works. Reset links of the
          Training site do not work on the Live site, and the other way round.
        </p>
        <p>
          <a href={sitePath(ctx, 'forgot-password')}>Ask for a new link</a> · <a href={sitePath(ctx, 'login')}>Log in</a>
        </p>
        <SupportContact email={ctx.supportEmail} />
      </div>
    </Layout>
  );
}
