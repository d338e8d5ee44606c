import { ValidationError } from '../../errors.js';
import type { PasswordRule } from './policy.js';

export class PasswordPolicyError extends ValidationError {
  constructor(
    readonly failed: readonly PasswordRule[],
    messages: readonly string[],
    field = 'newPassword',
  ) {
    super('Your new password does not meet the requirements.', { [field]: messages });
  }
}
