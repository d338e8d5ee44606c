import type { ComponentChildren } from 'preact';
import { Notice, SupportContact } from '../../views/components.js';
import { ErrorSummary, PostForm, TextField, type FormFailure, type TextFieldProps } from '../../views/form-kit.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { CurrentPasswordField } from '../password/password.pages.js';
import type { EnrolmentOffer } from './second-factor.service.js';

interface CodeFormProps {
  ctx: PageContext;
  /** Where to go once signed in, carried over from the login form. */
  next?: string | null;
  failure?: FormFailure | null;
}

function nextQuery(next?: string | null): string {
  return next ? `?${new URLSearchParams({ next }).toString()}` : '';
}

/** A sign-in step that asks for one code: its form, then the way to the other kind of code (`children`). */
function CodeStepPage(
  props: CodeFormProps & { title: string; heading: string; lede: ComponentChildren; action: string; field: Omit<TextFieldProps, 'name' | 'errors'>; children: ComponentChildren },
) {
  const { ctx, failure } = props;
  return (
    <Layout ctx={ctx} title={props.title}>
      <div class="narrow">
        <h1>{props.heading}</h1>
        <p class="lede">{props.lede}</p>
        <ErrorSummary failure={failure} />
        <PostForm ctx={ctx} action={props.action}>
          {props.next && <input type="hidden" name="next" value={props.next} />}
          <TextField {...props.field} name="code" required autofocus errors={failure?.errors.code} />
          <button type="submit" class="primary">
            Verify
          </button>
        </PostForm>
        {props.children}
      </div>
    </Layout>
  );
}

/** A code from an authenticator app: six digits, a number pad on phones. */
const APP_CODE_FIELD = { autocomplete: 'one-time-code', inputmode: 'numeric', pattern: '[0-9 ]*', maxLength: 12 } as const;

/** The sign-in step after the password, for users with an authenticator app. */
export function AuthenticationCodePage(props: CodeFormProps) {
  const { ctx } = props;
  return (
    <CodeStepPage
      {...props}
      title="Authentication code"
      heading="Enter your authentication code"
      lede={`Open the authenticator app on your phone and enter the 6-digit code it shows for Hearth ${ctx.site!.name}.`}
      action="login/code"
      field={{ ...APP_CODE_FIELD, label: 'Authentication code' }}
    >
      <p>
        <a href={sitePath(ctx, 'login/recovery') + nextQuery(props.next)}>Use a recovery code instead</a>
      </p>
      <SupportContact email={ctx.supportEmail} />
    </CodeStepPage>
  );
}

export function RecoveryCodeLoginPage(props: CodeFormProps) {
  const { ctx } = props;
  return (
    <CodeStepPage
      {...props}
      title="Recovery code"
      heading="Enter a recovery code"
      lede="Use one of the recovery codes you saved when you set up your authenticator app. Each code works once."
      action="login/recovery"
      field={{ label: 'Recovery code', hint: 'Like 7k2m-q9xd-4f. Dashes and capitals do not matter.', autocomplete: 'off', maxLength: 40 }}
    >
      <p>
        <a href={sitePath(ctx, 'login/code') + nextQuery(props.next)}>Use a code from your authenticator app instead</a>
      </p>
      <p>
        Lost your phone and your recovery codes? Ask the HMIS Administration Team at{' '}
        <a href={`mailto:${ctx.supportEmail}`}>{ctx.supportEmail}</a> to reset your second factor.
      </p>
    </CodeStepPage>
  );
}

export interface EnrolPageProps {
  ctx: PageContext;
  offer: EnrolmentOffer;
  qrCode: string;
  /** Part of signing in: the site requires a second factor and the user has none yet. */
  required: boolean;
  passwordChanged?: boolean;
  failure?: FormFailure | null;
}

export function EnrolPage(props: EnrolPageProps) {
  const { ctx, offer, failure } = props;
  return (
    <Layout ctx={ctx} title="Set up your authenticator app">
      <div class="narrow">
        {props.passwordChanged && <Notice kind="success">Your new password is saved.</Notice>}
        <h1>Set up your authenticator app</h1>
        {props.required ? (
          <p class="lede">
            The HMIS Administration Team requires a second factor on the {ctx.site!.name}. Set it up now to finish
            signing in: from then on, signing in asks for your password and a code from your phone.
          </p>
        ) : (
          <p class="lede">
            A second factor protects your account even if someone learns your password: signing in will ask for a
            code from your phone as well.
          </p>
        )}
        <ErrorSummary failure={failure} />
        <ol class="steps">
          <li>
            <p>
              Install an authenticator app on your phone if you do not have one. Any app for time-based codes (TOTP)
              works, for example Google Authenticator, Microsoft Authenticator or FreeOTP.
            </p>
          </li>
          <li>
            <p>In the app, add an account and scan this QR code:</p>
            <img class="qr-code" src={props.qrCode} width={240} height={240} alt="QR code for your authenticator app; the same key is written out below." />
            <p>Can’t scan it? Choose to enter a setup key instead, and type this key (time-based):</p>
            <p>
              <code class="secret manual-key" id="manual-key">
                {offer.manualKey}
              </code>
            </p>
          </li>
          <li>
            <PostForm ctx={ctx} action="security/second-factor/enrol">
              <input type="hidden" name="ticket" value={offer.ticket} />
              {!props.required && <CurrentPasswordField errors={failure?.errors.currentPassword} />}
              <TextField {...APP_CODE_FIELD} name="code" label="Enter the 6-digit code from your app" required errors={failure?.errors.code} />
              <button type="submit" class="primary">
                Turn on second factor
              </button>
            </PostForm>
          </li>
        </ol>
        {!props.required && (
          <p>
            <a href={sitePath(ctx, 'security')}>Cancel</a>
          </p>
        )}
      </div>
    </Layout>
  );
}

export interface RecoveryCodesPageProps {
  ctx: PageContext;
  codes: readonly string[];
  /** The second factor was just turned on, or only the codes were replaced. */
  reason: 'enabled' | 'regenerated';
}

/** Shown exactly once, in the response to the POST that made them (never cached: every page is no-store). */
export function RecoveryCodesPage(props: RecoveryCodesPageProps) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Your recovery codes">
      <div class="narrow">
        <Notice kind="success">
          {props.reason === 'enabled'
            ? 'Your second factor is on. Signing in now asks for a code from your authenticator app.'
            : 'You have new recovery codes. Your old recovery codes no longer work.'}
        </Notice>
        <h1>Save your recovery codes</h1>
        <p class="lede">
          If you lose your phone, each of these codes lets you sign in once instead of a code from your app.{' '}
          <strong>This is the only time they are shown.</strong>
        </p>
        <ol class="recovery-codes" aria-label="Recovery codes">
          {props.codes.map((code) => (
            <li>
              <code class="recovery-code">{code}</code>
            </li>
          ))}
        </ol>
        <p>
          Keep them somewhere safe and private: print them or write them down and keep them where you keep important
          papers, or save them in a password manager. Don’t keep them on the same phone as your authenticator app, and
          don’t email them to yourself. You can make new ones at any time on your Security page.
        </p>
        <p>
          <a class="button primary" href={sitePath(ctx, 'security')}>
            I have saved my recovery codes
          </a>
        </p>
      </div>
    </Layout>
  );
}
