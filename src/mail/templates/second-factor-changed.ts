import { changeNoticeEmail } from './notice-email.js';
import { formatRequestTime, type RenderedEmail } from './password-reset.js';

export type SecondFactorChange = 'enabled' | 'disabled' | 'reset' | 'recovery-codes';

export interface SecondFactorChangedEmailInput {
  siteName: string;
  username: string;
  changedAt: Date;
  timeZone: string;
  change: SecondFactorChange;
  supportEmail: string;
}

export const SECOND_FACTOR_SUBJECTS: Record<SecondFactorChange, string> = {
  enabled: 'Second factor turned on for your Hearth account',
  disabled: 'Second factor turned off for your Hearth account',
  reset: 'Second factor turned off for your Hearth account',
  'recovery-codes': 'New recovery codes for your Hearth account',
};

const WHAT: Record<SecondFactorChange, (site: string, when: string) => string> = {
  enabled: (site, when) =>
    `An authenticator app was set up as a second factor for your Hearth ${site} account on ${when}. From now on, signing in asks for a code from that app after your password.`,
  disabled: (site, when) =>
    `The second factor (authenticator app) was turned off for your Hearth ${site} account on ${when}, by someone signed in to the account. Signing in now needs only your password.`,
  reset: (site, when) =>
    `An HMIS administrator reset the second factor (authenticator app) of your Hearth ${site} account on ${when}. Your old authenticator app entry and recovery codes no longer work; you may be asked to set up a new one at your next sign-in.`,
  'recovery-codes': (site, when) =>
    `New recovery codes were generated for your Hearth ${site} account on ${when}. The old recovery codes no longer work.`,
};

/** A notice only: no codes, no key and no link, so it is harmless if it reaches the wrong person. */
export function secondFactorChangedEmail(input: SecondFactorChangedEmailInput): RenderedEmail {
  const subject = SECOND_FACTOR_SUBJECTS[input.change];
  const what = WHAT[input.change](input.siteName, formatRequestTime(input.changedAt, input.timeZone));
  return changeNoticeEmail({ subject, username: input.username, what, supportEmail: input.supportEmail });
}
