import type { ComponentChildren } from 'preact';
import { PASSWORD_RULES } from '../auth/password/policy.js';

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

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

interface FieldProps {
  name: string;
  /** Defaults to field-NAME; set it when a page has two forms with a field of the same name. */
  id?: string;
  label: string;
  type?: string;
  value?: string | null;
  autocomplete?: string;
  required?: boolean;
  errors?: readonly string[];
  hint?: string;
  autofocus?: boolean;
  maxLength?: number;
  /** e.g. "numeric" for a one-time code: phones show a number pad. */
  inputmode?: string;
  pattern?: string;
}

export function Field(props: FieldProps) {
  const id = props.id ?? `field-${props.name}`;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const isPassword = props.type === 'password';
  return (
    <div class={`field${props.errors?.length ? ' has-error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {errorId && (
        <p class="field-error" id={errorId}>
          {props.errors!.join(' ')}
        </p>
      )}
      <div class={isPassword ? 'password-input' : undefined}>
        <input
          id={id}
          name={props.name}
          type={props.type ?? 'text'}
          value={isPassword ? undefined : (props.value ?? undefined)}
          autocomplete={props.autocomplete}
          required={props.required}
          aria-invalid={props.errors?.length ? 'true' : undefined}
          aria-describedby={describedBy}
          autofocus={props.autofocus}
          maxLength={props.maxLength}
          inputmode={props.inputmode}
          pattern={props.pattern}
          spellcheck={isPassword || props.type === 'email' ? false : undefined}
          autocapitalize={isPassword || props.name === 'username' ? 'none' : undefined}
          data-password-toggle={isPassword ? '' : undefined}
        />
      </div>
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
