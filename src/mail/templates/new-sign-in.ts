import { escapeHtml, formatRequestTime, htmlDocument, type RenderedEmail } from './password-reset.js';

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
  const subject = newSignInSubject(input.siteName);
  const intro = `Your Hearth ${input.siteName} account was just signed in to from a device or browser it has not used before.`;
  const facts = [
    ['When', formatRequestTime(input.signedInAt, input.timeZone)],
    ['Device', input.device],
    ['Network address (IP)', input.ip ?? 'unknown'],
  ] as const;
  const fine = "If this was you, you don't need to do anything.";
  const advice = `If this wasn't you, change your password and contact the HMIS Administration Team at ${input.supportEmail} right away.`;
  const text = [
    `Hello ${input.username},`,
    '',
    intro,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    fine,
    '',
    advice,
    '',
  ].join('\n');
  const e = escapeHtml;
  const html = htmlDocument(subject, [
    `<p>Hello ${e(input.username)},</p>`,
    `<p>${e(intro)}</p>`,
    `<ul>${facts.map(([k, v]) => `<li>${e(k)}: ${e(v)}</li>`).join('')}</ul>`,
    `<p>${e(fine)}</p>`,
    `<p><strong>If this wasn't you,</strong> change your password and contact the HMIS Administration Team at <a href="mailto:${e(input.supportEmail)}">${e(input.supportEmail)}</a> right away.</p>`,
  ]);
  return { subject, text, html };
}
