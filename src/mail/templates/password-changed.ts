import { changeNoticeEmail } from './notice-email.js';
import { formatRequestTime, type RenderedEmail } from './password-reset.js';

export interface PasswordChangedEmailInput {
  siteName: string;
  username: string;
  changedAt: Date;
  timeZone: string;
  how: 'reset' | 'change' | 'forced change';
  supportEmail: string;
}

export const PASSWORD_CHANGED_SUBJECT = 'Your Hearth password was changed';

const HOW: Record<PasswordChangedEmailInput['how'], string> = {
  reset: 'using a password reset link sent to this address',
  change: 'by someone signed in to the account',
  'forced change': 'at sign-in, because the old password had expired or was temporary',
};

/** A notice only: no link and nothing secret, so it is harmless if it reaches the wrong person. */
export function passwordChangedEmail(input: PasswordChangedEmailInput): RenderedEmail {
  const when = formatRequestTime(input.changedAt, input.timeZone);
  const what = `The password for your Hearth ${input.siteName} account was changed on ${when}, ${HOW[input.how]}.`;
  return changeNoticeEmail({ subject: PASSWORD_CHANGED_SUBJECT, username: input.username, what, supportEmail: input.supportEmail });
}
