import { Notice } from '../views/components.js';
import { ErrorSummary, PostForm, RadioField, type FormFailure } from '../views/form-kit.js';
import { Layout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';
import { SECOND_FACTOR_POLICIES, SECOND_FACTOR_POLICY_NAMES, type SecondFactorPolicy } from './settings.service.js';

const POLICY_HINTS: Record<SecondFactorPolicy, string> = {
  optional: 'Anyone may set up an authenticator app on their Security page; nobody has to.',
  admins: 'HMIS administrators without one set it up right after entering their password, at their next sign-in.',
  all: 'Everyone without one sets it up right after entering their password, at their next sign-in.',
};

const POLICY_CHOICES = SECOND_FACTOR_POLICIES.map((policy) => ({ value: policy, label: SECOND_FACTOR_POLICY_NAMES[policy], hint: POLICY_HINTS[policy] }));

export interface SettingsPageProps {
  ctx: PageContext;
  secondFactorPolicy: SecondFactorPolicy;
  saved?: boolean;
  failure?: FormFailure | null;
}

export function SettingsPage(props: SettingsPageProps) {
  const { ctx, failure } = props;
  return (
    <Layout ctx={ctx} title="Site settings">
      <h1>Site settings</h1>
      <p class="lede">Settings for the {ctx.site!.name} only. Every change is recorded in the audit log.</p>
      {props.saved && <Notice kind="success">Your changes are saved.</Notice>}
      <ErrorSummary failure={failure} />
      <PostForm ctx={ctx} action="admin/settings" class="stack narrow">
        <RadioField
          name="secondFactorPolicy"
          label="Who must use a second factor (authenticator app)?"
          hint="The change applies from each person’s next sign-in; anyone signed in now stays signed in. Users keep their recovery codes for a lost phone, and you can reset a user’s second factor on their page under Users."
          choices={POLICY_CHOICES}
          value={props.secondFactorPolicy}
          errors={failure?.errors.secondFactorPolicy}
        />
        <button type="submit" class="primary">
          Save settings
        </button>
      </PostForm>
    </Layout>
  );
}
