/**
 * The form kit: every field Hearth draws, and the error summary that links to them.
 *
 * A field shows, in this order: its label (or legend), its hint, its error, and the control with what was typed
 * kept in it. The control is tied to the hint and the error by `aria-describedby`, and marked `aria-invalid` when
 * the error is there, so a screen reader reads the problem with the field. Field ids are `field-NAME`, so the error
 * summary can link to any field by its name alone.
 *
 * A HUD form is then a page of declarations:
 *
 *   <SelectField name="destination" label="Destination (3.12)" value={values.destination}
 *                groups={livingSituationGroups(DESTINATIONS)} errors={errors.destination} />
 *
 * and the route's "refused → the same form again, with 422" is one call to `submitForm` (src/http/form.ts).
 */
import type { ComponentChildren } from 'preact';
import { codesOf, label as codeLabel, type CodeList } from '../hud/code-lists.js';
import { sitePath, type PageContext } from './page-context.js';

/** A form's refusals by field name, as `ValidationError.fieldErrors` carries them. */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

/** Why a submitted form was refused: the summary's headline and each field's messages. */
export interface FormFailure {
  message: string;
  errors: FieldErrors;
  /** Answers HUD questions but allows: saved once the user ticks the confirmation box (WarningConfirmation). */
  warnings?: FieldErrors;
  /** The error that refused the form, for a page that shows more than the messages (e.g. links to the records in the way). */
  cause?: Error;
}

/** The name of the box that confirms a form's warnings (read with `formConfirmsWarnings`). */
export const CONFIRM_WARNINGS_FIELD = 'confirmWarnings';

/** The id of a form field: field-NAME, with anything but letters, digits, - and _ made a dash. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export interface Choice {
  value: string;
  label: string;
  /** Shown under the choice (radios and checkboxes only). */
  hint?: string;
}

export interface ChoiceGroup {
  label: string;
  choices: Choice[];
}

/** Choices from a HUD code list: all of its codes in HUD's order, or the given ones. */
export function choicesOf(list: CodeList, codes: readonly number[] = codesOf(list)): Choice[] {
  return codes.map((code) => ({ value: String(code), label: codeLabel(list, code) }));
}

interface FieldBase {
  name: string;
  label: ComponentChildren;
  /** Defaults to field-NAME; set it when a page has two forms with a field of the same name. */
  id?: string;
  hint?: ComponentChildren;
  errors?: readonly string[];
  /** Shown like an error, but the answer may stand once the user confirms it. */
  warnings?: readonly string[];
}

/**
 * A form's fields tied to what was typed and why it was refused, so a field is declared by its name once:
 * `<TextField {...field('city')} label="City" />` gives it its name, kept value, errors and warnings. `prefix` names
 * the fields of one member among several (`members.2.`).
 */
export function boundFields<V extends object>(values: V, errors: FieldErrors = {}, warnings?: FieldErrors, prefix = '') {
  return <K extends keyof V & string>(name: K) => {
    const key = `${prefix}${name}`;
    return { name: key, value: values[name], errors: errors[key], ...(warnings ? { warnings: warnings[key] } : {}) };
  };
}

/** Ids of a field's hint, error and warning, and whether it is invalid. */
function parts(props: FieldBase) {
  const id = props.id ?? fieldId(props.name);
  const invalid = Boolean(props.errors?.length);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = invalid ? `${id}-error` : undefined;
  const warningId = props.warnings?.length ? `${id}-warning` : undefined;
  return { id, invalid, hintId, errorId, describedBy: [hintId, errorId, warningId].filter(Boolean).join(' ') || undefined };
}

function Hint(props: { id?: string; children: ComponentChildren }) {
  if (!props.id) return null;
  return (
    <p class="hint" id={props.id}>
      {props.children}
    </p>
  );
}

/**
 * A field's error and warning messages, for controls the kit does not draw (their ids are `<field id>-error` and
 * `<field id>-warning`).
 */
export function FieldError(props: { id: string; errors?: readonly string[]; warnings?: readonly string[] }) {
  return (
    <>
      {props.errors?.length ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.errors.join(' ')}
        </p>
      ) : null}
      {props.warnings?.length ? (
        <p class="field-warning" id={`${props.id}-warning`}>
          {props.warnings.join(' ')}
        </p>
      ) : null}
    </>
  );
}

function FieldFrame(props: { invalid: boolean; class?: string; children: ComponentChildren }) {
  return <div class={['field', props.invalid ? 'has-error' : '', props.class ?? ''].filter(Boolean).join(' ')}>{props.children}</div>;
}

export interface TextFieldProps extends FieldBase {
  value?: string | null;
  type?: 'text' | 'email' | 'password' | 'search' | 'tel' | 'number' | 'date';
  autocomplete?: string;
  required?: boolean;
  autofocus?: boolean;
  maxLength?: number;
  /** e.g. "numeric" for a one-time code: phones show a number pad. */
  inputmode?: string;
  pattern?: string;
  placeholder?: string;
}

/** A one-line text input. A password field never sends back what was typed, and gets the show/hide toggle. */
export function TextField(props: TextFieldProps) {
  const { id, invalid, hintId, errorId, describedBy } = parts(props);
  const isPassword = props.type === 'password';
  return (
    <FieldFrame invalid={invalid}>
      <label for={id}>{props.label}</label>
      <Hint id={hintId}>{props.hint}</Hint>
      <FieldError id={id} errors={errorId ? props.errors : undefined} warnings={props.warnings} />
      <div class={isPassword ? 'password-input' : undefined}>
        <input
          id={id}
          name={props.name}
          type={props.type ?? 'text'}
          value={isPassword ? undefined : (props.value ?? undefined)}
          autocomplete={props.autocomplete}
          required={props.required}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={describedBy}
          autofocus={props.autofocus}
          maxLength={props.maxLength}
          inputmode={props.inputmode}
          pattern={props.pattern}
          placeholder={props.placeholder}
          spellcheck={isPassword || props.type === 'email' ? false : undefined}
          autocapitalize={isPassword || props.name === 'username' ? 'none' : undefined}
          data-password-toggle={isPassword ? '' : undefined}
        />
      </div>
    </FieldFrame>
  );
}

/** A several-line text input. */
/** A file to upload (in a PostForm with `upload`); `accept` lists the types offered, e.g. `.zip`. */
export function FileField(props: FieldBase & { accept?: string }) {
  const { id, invalid, hintId, errorId, describedBy } = parts(props);
  return (
    <FieldFrame invalid={invalid}>
      <label for={id}>{props.label}</label>
      <Hint id={hintId}>{props.hint}</Hint>
      <FieldError id={id} errors={errorId ? props.errors : undefined} />
      <input id={id} name={props.name} type="file" accept={props.accept} aria-invalid={invalid ? 'true' : undefined} aria-describedby={describedBy} />
    </FieldFrame>
  );
}

export function TextAreaField(props: FieldBase & { value?: string | null; rows?: number; maxLength?: number }) {
  const { id, invalid, hintId, errorId, describedBy } = parts(props);
  return (
    <FieldFrame invalid={invalid}>
      <label for={id}>{props.label}</label>
      <Hint id={hintId}>{props.hint}</Hint>
      <FieldError id={id} errors={errorId ? props.errors : undefined} warnings={props.warnings} />
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

/**
 * A calendar date, typed as MM/DD/YYYY (the services also understand YYYY-MM-DD). A plain text input: the
 * browsers' date pickers differ, and the format in the hint is the one people already type on paper forms.
 */
export function DateField(props: FieldBase & { value: string | null | undefined }) {
  const hint = props.hint ? (
    <>
      {props.hint} MM/DD/YYYY.
    </>
  ) : (
    'MM/DD/YYYY.'
  );
  const { id, invalid, hintId, describedBy } = parts({ ...props, hint });
  return (
    <FieldFrame invalid={invalid}>
      <label for={id}>{props.label}</label>
      <Hint id={hintId}>{hint}</Hint>
      <FieldError id={id} errors={props.errors} warnings={props.warnings} />
      <input
        id={id}
        name={props.name}
        type="text"
        value={props.value ?? ''}
        maxLength={10}
        autocomplete="off"
        inputmode="numeric"
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </FieldFrame>
  );
}

export interface SelectFieldProps extends FieldBase {
  value: string | null | undefined;
  choices?: readonly Choice[];
  /** Choices in labelled groups (`<optgroup>`), after any ungrouped `choices`. */
  groups?: readonly ChoiceGroup[];
  /**
   * The first, empty option: "Choose…" (the default) for a required answer, "Not applicable" for a dependent
   * one. `null` draws no empty option, for filters whose every choice is an answer.
   */
  emptyLabel?: string | null;
  /** Send the form as soon as a choice is made (filters); pages still work without JavaScript. */
  autosubmit?: boolean;
}

/** A drop-down list. */
export function SelectField(props: SelectFieldProps) {
  const { id, invalid, hintId, errorId, describedBy } = parts(props);
  const option = (choice: Choice) => (
    <option value={choice.value} selected={props.value === choice.value}>
      {choice.label}
    </option>
  );
  const emptyLabel = props.emptyLabel === undefined ? 'Choose…' : props.emptyLabel;
  return (
    <FieldFrame invalid={invalid}>
      <label for={id}>{props.label}</label>
      <Hint id={hintId}>{props.hint}</Hint>
      <FieldError id={id} errors={errorId ? props.errors : undefined} warnings={props.warnings} />
      <select id={id} name={props.name} aria-invalid={invalid ? 'true' : undefined} aria-describedby={describedBy} data-autosubmit={props.autosubmit ? '' : undefined}>
        {emptyLabel !== null && (
          <option value="" selected={!props.value}>
            {emptyLabel}
          </option>
        )}
        {props.choices?.map(option)}
        {props.groups?.map((group) => <optgroup label={group.label}>{group.choices.map(option)}</optgroup>)}
      </select>
    </FieldFrame>
  );
}

/** Options shared by the kit's fieldsets (radios, checkboxes). */
interface ChoiceFieldBase extends FieldBase {
  choices: readonly Choice[];
  /** Draw the choices side by side (short answers such as Yes / No). */
  inline?: boolean;
}

/**
 * Choices in a fieldset whose legend is the question. The fieldset carries the field's id, so the error summary's
 * link lands on the question; each choice's id is `<field id>-<value>`.
 */
function ChoiceFieldset(props: ChoiceFieldBase & { type: 'radio' | 'checkbox'; isChecked: (value: string) => boolean }) {
  const { id, invalid, hintId, errorId, describedBy } = parts(props);
  return (
    <fieldset id={id} class={['choices', invalid ? 'has-error' : '', props.inline ? 'inline' : ''].filter(Boolean).join(' ')} aria-describedby={describedBy}>
      <legend>{props.label}</legend>
      <Hint id={hintId}>{props.hint}</Hint>
      <FieldError id={id} errors={errorId ? props.errors : undefined} warnings={props.warnings} />
      {props.choices.map((choice) => {
        const choiceId = `${id}-${choice.value.replace(/[^A-Za-z0-9_-]/g, '-')}`;
        return (
          <div class="choice">
            <input
              id={choiceId}
              name={props.name}
              type={props.type}
              value={choice.value}
              checked={props.isChecked(choice.value)}
              aria-describedby={choice.hint ? `${choiceId}-hint` : undefined}
            />
            <label for={choiceId}>{choice.label}</label>
            {choice.hint && (
              <p class="hint" id={`${choiceId}-hint`}>
                {choice.hint}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

/** One answer of a few, all visible (use a select for long lists). */
export function RadioField(props: ChoiceFieldBase & { value: string | null | undefined }) {
  return <ChoiceFieldset {...props} type="radio" isChecked={(value) => props.value === value} />;
}

/** Any number of answers of a few ("select all that apply"). Sent as the field name repeated. */
export function CheckboxGroupField(props: ChoiceFieldBase & { values: readonly string[] }) {
  return <ChoiceFieldset {...props} type="checkbox" isChecked={(value) => props.values.includes(value)} />;
}

/** A single yes/no tick box (sent as "on" when ticked). */
export function CheckboxField(props: FieldBase & { checked: boolean; value?: string }) {
  const { id, invalid, hintId, errorId, describedBy } = parts(props);
  return (
    <FieldFrame invalid={invalid} class="checkbox">
      <FieldError id={id} errors={errorId ? props.errors : undefined} warnings={props.warnings} />
      <input
        id={id}
        name={props.name}
        type="checkbox"
        value={props.value ?? 'on'}
        checked={props.checked}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      <label for={id}>{props.label}</label>
      <Hint id={hintId}>{props.hint}</Hint>
    </FieldFrame>
  );
}

/**
 * A refused form's summary, first on the page: the headline, then each field's message linked to the field. Warnings
 * (answers that may stand once confirmed) are listed the same way, in a warning box when there is no error.
 * `children` adds further items (e.g. links to the stays that are in the way).
 */
export function ErrorSummary(props: { failure?: FormFailure | null; message?: string | null; errors?: FieldErrors; children?: ComponentChildren }) {
  const message = props.failure?.message ?? props.message;
  if (!message) return null;
  const errors = linked(props.failure?.errors ?? props.errors ?? {});
  const warnings = linked(props.failure?.warnings ?? {});
  return (
    <div class={`notice ${errors.length === 0 && warnings.length > 0 ? 'caution' : 'error'}`} role="alert" tabindex={-1} id="error-summary">
      <p>
        <strong>{message}</strong>
      </p>
      {errors.length > 0 && <ul>{errors}</ul>}
      {warnings.length > 0 && (
        <>
          {errors.length > 0 && <p>Please check as well:</p>}
          <ul class="warnings">{warnings}</ul>
        </>
      )}
      {props.children}
    </div>
  );
}

function linked(messages: FieldErrors) {
  return Object.entries(messages).flatMap(([field, list]) =>
    list.map((text) => (
      <li>
        <a href={`#${fieldId(field)}`}>{text}</a>
      </li>
    )),
  );
}

/**
 * The box that lets a form with warnings be saved as it is. Drawn only when the last submit came back with
 * warnings, next to the submit button, so nobody confirms a warning they have not been shown.
 */
export function WarningConfirmation(props: { failure?: FormFailure | null }) {
  const warnings = props.failure?.warnings;
  if (!warnings || Object.values(warnings).every((list) => list.length === 0)) return null;
  return (
    <CheckboxField
      name={CONFIRM_WARNINGS_FIELD}
      label="I have checked the answers with warnings: they are right, save them as they are."
      checked={false}
    />
  );
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/** A POST form under the current site, with its CSRF token. `novalidate`: the server's messages are the ones shown. */
export function PostForm(props: { ctx: PageContext; action: string; children: ComponentChildren; class?: string; id?: string; upload?: boolean }) {
  return (
    <form
      method="post"
      action={sitePath(props.ctx, props.action)}
      class={props.class ?? 'stack'}
      id={props.id}
      enctype={props.upload ? 'multipart/form-data' : undefined}
      novalidate
    >
      <CsrfField token={props.ctx.csrfToken} />
      {props.children}
    </form>
  );
}

/**
 * One button that posts on its own, inside a sentence or a table cell: deleting a record made by mistake
 * (HUD's DateDeleted; audited by the service). `what` names the record for screen readers.
 */
export function InlinePostButton(props: { ctx: PageContext; action: string; label: string; what: string }) {
  return (
    <PostForm ctx={props.ctx} action={props.action} class="inline">
      <button type="submit" class="link-button">
        {props.label}
        <span class="visually-hidden"> {props.what}</span>
      </button>
    </PostForm>
  );
}
