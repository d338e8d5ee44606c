import type { ComponentChildren } from 'preact';
import { PASSWORD_RULES } from '../auth/password/policy.js';

export function Notice(props: { kind?: 'info' | 'success' | 'warning'; children: ComponentChildren }) {
  return (
    <div class={`notice ${props.kind ?? 'info'}`} role="status">
      {props.children}
    </div>
  );
}

/** The rules, shown before the user types (S12/S9): the same list the policy checks. */
export function PasswordRules() {
  return (
    <div class="password-rules" id="password-rules">
      <p>Your new password needs:</p>
      <ul>
        {PASSWORD_RULES.map((rule) => (
          <li>{rule.text}</li>
        ))}
      </ul>
    </div>
  );
}

export function SupportContact(props: { email: string }) {
  return (
    <p class="support">
      Still having trouble? Contact the HMIS Administration Team at <a href={`mailto:${props.email}`}>{props.email}</a>.
    </p>
  );
}
