import type { ComponentChildren } from 'preact';
import { PASSWORD_RULES } from '../auth/password/policy.js';

/** The kit's, under their old names, for the pages not yet moved to `form-kit.tsx` (import from there instead). */
export { CsrfField, TextField as Field } from './form-kit.js';

export function ErrorSummary(props: { message?: string | null; errors?: Readonly<Record<string, readonly string[]>> }) {
  if (!props.message) return null;
  const list = Object.values(props.errors ?? {}).flat();
  return (
    <div class="notice error" role="alert" tabindex={-1} id="error-summary">
      <p>
        <strong>{props.message}</strong>
      </p>
      {list.length > 0 && (
        <ul>
          {list.map((m) => (
            <li>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

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
