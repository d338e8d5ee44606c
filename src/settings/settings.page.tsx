import { CsrfField, ErrorSummary, Notice } from '../views/components.js';
import { Layout } from '../views/layout.js';
import { sitePath, type PageContext } from '../views/page-context.js';
import { SECOND_FACTOR_POLICIES, SECOND_FACTOR_POLICY_NAMES, type SecondFactorPolicy } from './settings.service.js';

const POLICY_HINTS: Record<SecondFactorPolicy, string> = {
  optional: 'Anyone may set up an authenticator app on their Security page; nobody has to.',
  admins: 'HMIS administrators without one set it up right after entering their password, at their next sign-in.',
  all: 'Everyone without one sets it up right after entering their password, at their next sign-in.',
};

export interface SettingsPageProps {
  ctx: PageContext;
  secondFactorPolicy: SecondFactorPolicy;
  saved?: boolean;
  error?: string | null;
  errors?: Readonly<Record<string, readonly string[]>>;
}

export function SettingsPage(props: SettingsPageProps) {
  const { ctx } = props;
  const fieldErrors = props.errors?.secondFactorPolicy;
  return (
    <Layout ctx={ctx} title="Site settings">
      <h1>Site settings</h1>
      <p class="lede">Settings for the {ctx.site!.name} only. Every change is recorded in the audit log.</p>
      {props.saved && <Notice kind="success">Your changes are saved.</Notice>}
      <ErrorSummary message={props.error} errors={props.errors} />
      <form method="post" action={sitePath(ctx, 'admin/settings')} class="stack narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <fieldset class={fieldErrors?.length ? 'has-error' : undefined}>
          <legend>Who must use a second factor (authenticator app)?</legend>
          <p class="hint">
            The change applies from each person’s next sign-in; anyone signed in now stays signed in. Users keep their
            recovery codes for a lost phone, and you can reset a user’s second factor on their page under Users.
          </p>
          {SECOND_FACTOR_POLICIES.map((policy) => (
            <div class="field checkbox">
              <input
                type="radio"
                id={`policy-${policy}`}
                name="secondFactorPolicy"
                value={policy}
                checked={policy === props.secondFactorPolicy}
                aria-describedby={`policy-${policy}-hint`}
              />
              <label for={`policy-${policy}`}>{SECOND_FACTOR_POLICY_NAMES[policy]}</label>
              <span class="hint" id={`policy-${policy}-hint`}>
                {POLICY_HINTS[policy]}
              </span>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="primary">
          Save settings
        </button>
      </form>
    </Layout>
  );
}
