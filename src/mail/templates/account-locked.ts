import { noticeEmail } from './notice-email.js';
import { formatRequestTime, type RenderedEmail } from './password-reset.js';

export interface AccountLockedEmailInput {
  siteName: string;
  username: string;
  /** When the failure that started the wait happened. */
  lockedAt: Date;
  lockedUntil: Date;
  timeZone: string;
  /** The network address the failure came from. */
  ip: string | null;
  supportEmail: string;
}

export function accountLockedSubject(siteName: string): string {
  return `Your Hearth ${siteName} account is waiting after failed sign-ins`;
}

/**
 * Sent when an account starts to wait after repeated failures. The login page tells nobody that an
 * account waits (it would tell a guesser when a guess was right), so its owner learns it here. No
 * link: the help article tells users never to follow one they did not ask for.
 */
export function accountLockedEmail(input: AccountLockedEmailInput): RenderedEmail {
  const resetHow = `"Forgot password?" on the ${input.siteName} login page`;
  return noticeEmail({
    subject: accountLockedSubject(input.siteName),
    username: input.username,
    intro: `There were too many failed attempts in a row to sign in to your Hearth ${input.siteName} account (wrong passwords or codes). To stop someone guessing, the account waits: nobody can sign in to it for now, and wherever it was signed in, it has been signed out.`,
    facts: [
      ['When', formatRequestTime(input.lockedAt, input.timeZone)],
      ['From network address (IP)', input.ip ?? 'unknown'],
      ['Signing in works again after', formatRequestTime(input.lockedUntil, input.timeZone)],
    ],
    fine: `If this was you, wait until then, or reset your password now with ${resetHow}: a reset also ends the wait.`,
    advice: {
      before: `someone may be trying to guess your password. Reset it with ${resetHow}, and tell the HMIS Administration Team at`,
      after: '.',
    },
    supportEmail: input.supportEmail,
  });
}
