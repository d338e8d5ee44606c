import { CsrfField, ErrorSummary, Field, Notice, SupportContact } from '../../views/components.js';
import { formatDateTime } from '../../views/format.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';

export interface LoginPageProps {
  ctx: PageContext;
  username?: string;
  next?: string;
  error?: string | null;
  lockedUntil?: Date | null;
  notice?: 'logged-out' | 'timeout' | 'password-reset' | null;
}

const NOTICES = {
  'logged-out': 'You have logged out.',
  timeout: 'Your session timed out. Please log in again.',
  'password-reset': 'Your password has been reset. Log in with your new password.',
} as const;

export function LoginPage(props: LoginPageProps) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Log in">
      <div class="narrow">
        <h1>Log in to the {ctx.site!.name}</h1>
        {ctx.site!.id === 'training' ? (
          <p class="lede">Practice only. Your Training username and password do not work on the Live site.</p>
        ) : (
          <p class="lede">The live HMIS database. Your Live username and password do not work on the Training site.</p>
        )}
        {props.notice && <Notice kind="success">{NOTICES[props.notice]}</Notice>}
        <ErrorSummary message={props.error} />
        {props.lockedUntil && (
          <div class="notice error" role="alert">
            <p>
              <strong>Your account is locked until {formatDateTime(props.lockedUntil, ctx.timeZone)}</strong> after
              too many failed sign-ins.
            </p>
            <p>
              Try again after that time, <a href={sitePath(ctx, 'forgot-password')}>reset your password by email</a>{' '}
              (this also unlocks your account), or ask the HMIS Administration Team at{' '}
              <a href={`mailto:${ctx.supportEmail}`}>{ctx.supportEmail}</a> to unlock it.
            </p>
          </div>
        )}
        <form method="post" action={sitePath(ctx, 'login')} class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          {props.next && <input type="hidden" name="next" value={props.next} />}
          <Field name="username" label="Username" value={props.username} autocomplete="username" required autofocus maxLength={200} />
          <Field name="password" label="Password" type="password" autocomplete="current-password" required />
          <button type="submit" class="primary">
            Log in
          </button>
        </form>
        <p>
          <a href={sitePath(ctx, 'forgot-password')}>Forgot password?</a>
        </p>
        <SupportContact email={ctx.supportEmail} />
      </div>
    </Layout>
  );
}
