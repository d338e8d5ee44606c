export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface PasswordResetEmailInput {
  siteName: string;
  username: string;
  requestedAt: Date;
  timeZone: string;
  link: string;
  validMinutes: number;
  supportEmail: string;
}

/** The subject users are told to expect, so a reset mail with any other subject looks suspicious. */
export const PASSWORD_RESET_SUBJECT = 'Community Services Email Password Reset';

export function passwordResetEmail(input: PasswordResetEmailInput): RenderedEmail {
  if (!/^https?:\/\//i.test(input.link)) throw new Error('A password reset link must be an http(s) URL.');
  const when = formatRequestTime(input.requestedAt, input.timeZone);
  const expiry = `This link works once and expires in ${input.validMinutes} minutes.`;

  const text = [
    `Hello ${input.username},`,
    '',
    `Someone (hopefully you) asked to reset the password for your Hearth ${input.siteName} account on ${when}.`,
    '',
    'To choose a new password, open this link:',
    '',
    input.link,
    '',
    expiry,
    '',
    `Never reset your password using an email link you didn't ask for. If you didn't ask for this, ignore this email and tell the HMIS Administration Team at ${input.supportEmail}.`,
    '',
  ].join('\n');

  const e = escapeHtml;
  const html = htmlDocument(PASSWORD_RESET_SUBJECT, [
    `<p>Hello ${e(input.username)},</p>`,
    `<p>Someone (hopefully you) asked to reset the password for your Hearth ${e(input.siteName)} account on ${e(when)}.</p>`,
    `<p><a href="${e(input.link)}">Choose a new password</a></p>`,
    `<p>If the link above does not open, copy this address into your browser:<br>${e(input.link)}</p>`,
    `<p>${e(expiry)}</p>`,
    `<p><strong>Never reset your password using an email link you didn't ask for.</strong> If you didn't ask for this, ignore this email and tell the HMIS Administration Team at <a href="mailto:${e(input.supportEmail)}">${e(input.supportEmail)}</a>.</p>`,
  ]);

  return { subject: PASSWORD_RESET_SUBJECT, text, html };
}

/**
 * "Friday, November 27, 2026 at 9:15 AM EST": assembled from parts rather than Intl's own pattern,
 * which differs between ICU versions (", " vs " at ", and a narrow no-break space before AM).
 */
export function formatRequestTime(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h12',
    timeZoneName: 'short',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')}, ${part('month')} ${part('day')}, ${part('year')} at ${part('hour')}:${part('minute')} ${part('dayPeriod')} ${part('timeZoneName')}`;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A minimal, client-safe HTML message; `paragraphs` must already be escaped. */
export function htmlDocument(title: string, paragraphs: string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1b1b1b;">',
    ...paragraphs,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
