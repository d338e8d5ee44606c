import { escapeHtml, formatRequestTime, htmlDocument, type RenderedEmail } from './password-reset.js';

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
  const fine = "If you made this change, you don't need to do anything.";
  const advice = `If this wasn't you, contact the HMIS Administration Team at ${input.supportEmail} right away: someone else may be able to sign in to your account.`;

  const text = [`Hello ${input.username},`, '', what, '', fine, '', advice, ''].join('\n');

  const e = escapeHtml;
  const html = htmlDocument(PASSWORD_CHANGED_SUBJECT, [
    `<p>Hello ${e(input.username)},</p>`,
    `<p>${e(what)}</p>`,
    `<p>${e(fine)}</p>`,
    `<p><strong>If this wasn't you,</strong> contact the HMIS Administration Team at <a href="mailto:${e(input.supportEmail)}">${e(input.supportEmail)}</a> right away: someone else may be able to sign in to your account.</p>`,
  ]);

  return { subject: PASSWORD_CHANGED_SUBJECT, text, html };
}
