import { Notice, SupportContact } from '../../views/components.js';
import { ErrorSummary, PostForm, TextField } from '../../views/form-kit.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';

export interface LoginPageProps {
  ctx: PageContext;
  username?: string;
  next?: string;
  /** Any failed attempt: the same words for a wrong password, an unknown user and an account that waits (S14). */
  failed?: boolean;
  notice?: 'logged-out' | 'timeout' | 'password-reset' | 'signed-out' | null;
}

const NOTICES = {
  'logged-out': 'You have logged out.',
  timeout: 'Your session timed out. Please log in again.',
  'password-reset': 'Your password has been reset. Log in with your new password.',
  'signed-out': 'You have been signed out after repeated failed attempts. Your account now waits a few minutes before anyone can sign in to it; you can also reset your password by email.',
} as const;

export const LOGIN_FAILED = 'The username or password is incorrect.';

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
        {props.notice && <Notice kind={props.notice === 'signed-out' ? 'warning' : 'success'}>{NOTICES[props.notice]}</Notice>}
        {props.failed && (
          <ErrorSummary message={LOGIN_FAILED}>
            <p>
              After repeated failed attempts an account waits a few minutes before anyone can sign in to it. If you
              cannot sign in, <a href={sitePath(ctx, 'forgot-password')}>reset your password by email</a>{' '}
              (this also ends the wait) or contact the HMIS Administration Team at{' '}
              <a href={`mailto:${ctx.supportEmail}`}>{ctx.supportEmail}</a>.
            </p>
          </ErrorSummary>
        )}
        <PostForm ctx={ctx} action="login">
          {props.next && <input type="hidden" name="next" value={props.next} />}
          <TextField name="username" label="Username" value={props.username} autocomplete="username" required autofocus maxLength={200} />
          <TextField name="password" label="Password" type="password" autocomplete="current-password" required />
          <button type="submit" class="primary">
            Log in
          </button>
        </PostForm>
        <p>
          <a href={sitePath(ctx, 'forgot-password')}>Forgot password?</a>
        </p>
        <SupportContact email={ctx.supportEmail} />
      </div>
    </Layout>
  );
}
