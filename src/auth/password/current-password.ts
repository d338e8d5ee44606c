import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../../errors.js';
import { actorOf } from '../../http/actor.js';
import { formString } from '../../http/form.js';

export const WRONG_CURRENT_PASSWORD = 'Your current password is not correct.';

/**
 * The current password, asked again before a security change (a new password, the second factor, recovery
 * codes). A wrong one refuses the form, with the message on `field`; 'signed-out' when it started the account's
 * wait, which ended every session (see LoginService.confirmCurrentPassword): the route sends the browser to the
 * login page.
 */
export async function requireCurrentPassword(request: FastifyRequest, field = 'currentPassword'): Promise<'confirmed' | 'signed-out'> {
  const { site, auth } = request;
  const password = formString(request.body, 'currentPassword', { trim: false, max: 10_000 });
  const confirmation = await site.login.confirmCurrentPassword(auth!.user, password, actorOf(request));
  if (confirmation === 'wrong') throw new ValidationError(WRONG_CURRENT_PASSWORD, { [field]: ['Enter your current password correctly.'] });
  return confirmation;
}
