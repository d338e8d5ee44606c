import type { ComponentChildren } from 'preact';
import { PASSWORD_RULES } from '../auth/password/policy.js';
import { savedBy, type PageContext } from './page-context.js';

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

/** The link to a record's correction form, its target named for screen readers ("Correct the contact of …"). */
export function CorrectLink(props: { href: string; what: string }) {
  return (
    <a href={props.href}>
      Correct<span class="visually-hidden"> {props.what}</span>
    </a>
  );
}

/** A record's "Recorded" cell: when and by whom it was saved, and the link to correct it for those who may. */
export function Recorded(props: { ctx: PageContext; record: { dateUpdated: Date; userId: string }; correct?: { href: string; what: string } | false }) {
  return (
    <>
      {savedBy(props.ctx, props.record)}
      {props.correct && (
        <>
          {' '}
          <CorrectLink href={props.correct.href} what={props.correct.what} />
        </>
      )}
    </>
  );
}
