import { noticeEmail } from './notice-email.js';
import { formatRequestTime, type RenderedEmail } from './password-reset.js';

export interface NewSignInEmailInput {
  siteName: string;
  username: string;
  signedInAt: Date;
  timeZone: string;
  ip: string | null;
  /** e.g. "Firefox on Windows" */
  device: string;
  supportEmail: string;
}

export function newSignInSubject(siteName: string): string {
  return `New sign-in to your Hearth ${siteName} account`;
}

/** Sent the first time an account signs in from a browser it has not used before. No secrets, no link. */
export function newSignInEmail(input: NewSignInEmailInput): RenderedEmail {
  return noticeEmail({
    subject: newSignInSubject(input.siteName),
    username: input.username,
    intro: `Your Hearth ${input.siteName} account was just signed in to from a device or browser it has not used before.`,
    facts: [
      ['When', formatRequestTime(input.signedInAt, input.timeZone)],
      ['Device', input.device],
      ['Network address (IP)', input.ip ?? 'unknown'],
    ],
    fine: "If this was you, you don't need to do anything.",
    advice: { before: 'change your password and contact the HMIS Administration Team at', after: ' right away.' },
    supportEmail: input.supportEmail,
  });
}
