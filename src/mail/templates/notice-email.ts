import { escapeHtml, htmlDocument, type RenderedEmail } from './password-reset.js';

/** A notice about something that happened to an account: what, the facts, and what to do if it wasn't them. */
export interface NoticeEmailInput {
  subject: string;
  username: string;
  intro: string;
  facts: readonly (readonly [label: string, value: string])[];
  /** What to do if it was them. */
  fine: string;
  /** What to do if it wasn't them, around the support address (a mailto link in the HTML part). */
  advice: { before: string; after: string };
  supportEmail: string;
}

export function noticeEmail(input: NoticeEmailInput): RenderedEmail {
  const { subject, advice, supportEmail } = input;
  const text = [
    `Hello ${input.username},`,
    '',
    input.intro,
    '',
    ...input.facts.map(([k, v]) => `${k}: ${v}`),
    '',
    input.fine,
    '',
    `If this wasn't you, ${advice.before} ${supportEmail}${advice.after}`,
    '',
  ].join('\n');
  const e = escapeHtml;
  const html = htmlDocument(subject, [
    `<p>Hello ${e(input.username)},</p>`,
    `<p>${e(input.intro)}</p>`,
    `<ul>${input.facts.map(([k, v]) => `<li>${e(k)}: ${e(v)}</li>`).join('')}</ul>`,
    `<p>${e(input.fine)}</p>`,
    `<p><strong>If this wasn't you,</strong> ${e(advice.before)} <a href="mailto:${e(supportEmail)}">${e(supportEmail)}</a>${e(advice.after)}</p>`,
  ]);
  return { subject, text, html };
}

/** A change to the account in one sentence (`what`), then "if this wasn't you". */
export function changeNoticeEmail(input: { subject: string; username: string; what: string; supportEmail: string }): RenderedEmail {
  const { subject, what, supportEmail } = input;
  const fine = "If you made this change, you don't need to do anything.";
  const advice = `If this wasn't you, contact the HMIS Administration Team at ${supportEmail} right away: someone else may be able to sign in to your account.`;
  const text = [`Hello ${input.username},`, '', what, '', fine, '', advice, ''].join('\n');
  const e = escapeHtml;
  const html = htmlDocument(subject, [
    `<p>Hello ${e(input.username)},</p>`,
    `<p>${e(what)}</p>`,
    `<p>${e(fine)}</p>`,
    `<p><strong>If this wasn't you,</strong> contact the HMIS Administration Team at <a href="mailto:${e(supportEmail)}">${e(supportEmail)}</a> right away: someone else may be able to sign in to your account.</p>`,
  ]);
  return { subject, text, html };
}
