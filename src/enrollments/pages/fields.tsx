import type { ComponentChildren } from 'preact';
import { label, type CodeList } from '../../hud/code-lists.js';
import {
  DESTINATIONS,
  DISABLING_CONDITION,
  LENGTH_OF_STAY,
  LENGTHS_OF_STAY,
  LIVING_SITUATION,
  LIVING_SITUATION_GROUPS,
  MONTHS_HOMELESS,
  MONTHS_HOMELESS_PAST_THREE_YEARS,
  NO_YES_DATA_NOT_COLLECTED,
  PRIOR_LIVING_SITUATIONS,
  RELATIONSHIP_TO_HOH,
  RENTAL_SUBSIDY_TYPE,
  RENTAL_SUBSIDY_TYPES,
  TIMES_HOMELESS_PAST_THREE_YEARS,
} from '../../hud/enrollment-code-lists.js';
import { CsrfField } from '../../views/components.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { NIGHT_BEFORE_QUESTION, type ExitInput, type MemberEntryInput } from '../enrollment-fields.js';
import type { StayConflict } from '../enrollments.model.js';

export type FieldErrors = Readonly<Record<string, readonly string[]>>;

/** The id of a form field: field-NAME, with anything but letters, digits, - and _ made a dash. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** A form's errors, each linked to its field, and the stays in the way (linked to their enrollment pages). */
export function ErrorSummary(props: { ctx: PageContext; message?: string | null; errors?: FieldErrors; conflicts?: readonly StayConflict[] }) {
  const { ctx } = props;
  if (!props.message) return null;
  const entries = Object.entries(props.errors ?? {}).flatMap(([field, messages]) => messages.map((m) => [field, m] as const));
  return (
    <div class="notice error" role="alert" tabindex={-1} id="error-summary">
      <p>
        <strong>{props.message}</strong>
      </p>
      {entries.length > 0 && (
        <ul>
          {entries.map(([field, message]) => (
            <li>
              <a href={`#${fieldId(field)}`}>{message}</a>
            </li>
          ))}
        </ul>
      )}
      {props.conflicts && props.conflicts.length > 0 && (
        <ul>
          {props.conflicts.map((c) => (
            <li>
              <a href={sitePath(ctx, `enrollments/${c.enrollmentId}`)}>
                Open {c.clientName}’s {c.exitDate ? 'earlier' : 'open'} enrollment (entered {formatShort(c.entryDate)})
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function formatShort(day: string): string {
  const [y, m, d] = day.split('-');
  return `${m}/${d}/${y}`;
}

function FieldMessages(props: { id: string; errors?: readonly string[] }) {
  if (!props.errors?.length) return null;
  return (
    <p class="field-error" id={`${props.id}-error`}>
      {props.errors.join(' ')}
    </p>
  );
}

function describedBy(id: string, hint: boolean, errors?: readonly string[]): string | undefined {
  return [hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

export interface Choice {
  value: string;
  label: string;
}

export interface ChoiceGroup {
  label: string;
  choices: Choice[];
}

export function choicesOf(list: CodeList, codes: readonly number[]): Choice[] {
  return codes.map((code) => ({ value: String(code), label: label(list, code) }));
}

/** A drop-down of HUD codes (optionally in groups); the empty first choice means "not answered". */
export function SelectField(props: {
  name: string;
  label: string;
  value: string;
  choices?: Choice[];
  groups?: ChoiceGroup[];
  emptyLabel?: string;
  hint?: string;
  errors?: readonly string[];
}) {
  const id = fieldId(props.name);
  const invalid = Boolean(props.errors?.length);
  const option = (c: Choice) => (
    <option value={c.value} selected={props.value === c.value}>
      {c.label}
    </option>
  );
  return (
    <div class={`field${invalid ? ' has-error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <FieldMessages id={id} errors={props.errors} />
      <select id={id} name={props.name} aria-invalid={invalid ? 'true' : undefined} aria-describedby={describedBy(id, Boolean(props.hint), props.errors)}>
        <option value="" selected={props.value === ''}>
          {props.emptyLabel ?? 'Choose…'}
        </option>
        {props.choices?.map(option)}
        {props.groups?.map((g) => <optgroup label={g.label}>{g.choices.map(option)}</optgroup>)}
      </select>
    </div>
  );
}

/** A text field for a date, typed as MM/DD/YYYY (YYYY-MM-DD is understood too). */
export function DateField(props: { name: string; label: string; value: string; hint?: string; errors?: readonly string[] }) {
  const id = fieldId(props.name);
  const invalid = Boolean(props.errors?.length);
  const hint = props.hint ? `${props.hint} MM/DD/YYYY.` : 'MM/DD/YYYY.';
  return (
    <div class={`field${invalid ? ' has-error' : ''}`}>
      <label for={id}>{props.label}</label>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <FieldMessages id={id} errors={props.errors} />
      <input
        id={id}
        name={props.name}
        type="text"
        value={props.value}
        maxLength={10}
        autocomplete="off"
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(id, true, props.errors)}
      />
    </div>
  );
}

/** Living situations allowed in `allowed`, in HUD's groups. */
export function livingSituationGroups(allowed: readonly number[]): ChoiceGroup[] {
  return LIVING_SITUATION_GROUPS.map((g) => ({ label: g.label, choices: choicesOf(LIVING_SITUATION, g.codes.filter((c) => allowed.includes(c))) })).filter(
    (g) => g.choices.length > 0,
  );
}

const RELATIONSHIP_CHOICES = choicesOf(RELATIONSHIP_TO_HOH, [1, 2, 3, 4, 5, 99]);
const MEMBER_RELATIONSHIP_CHOICES = choicesOf(RELATIONSHIP_TO_HOH, [2, 3, 4, 5, 99]);
const DISABLING_CHOICES = choicesOf(DISABLING_CONDITION, [0, 1, 8, 9, 99]);
const NO_YES_CHOICES = choicesOf(NO_YES_DATA_NOT_COLLECTED, [0, 1, 99]);
const TIMES_CHOICES = choicesOf(TIMES_HOMELESS_PAST_THREE_YEARS, [1, 2, 3, 4, 8, 9, 99]);

export type RelationshipChoice = 'any' | 'head' | 'member';

/**
 * One member's entry answers: relationship, disabling condition and the 3.917 prior living situation set.
 * `prefix` names this member's fields in a form that holds several.
 */
export function MemberEntryFields(props: {
  prefix: string;
  values: MemberEntryInput;
  errors: FieldErrors;
  /** "head": the head of household (fixed, sent as a hidden field); "member": any relationship but head. */
  relationship: RelationshipChoice;
  /** HUD requires 3.917 of this member (head of household or adult). */
  required: boolean;
  children?: ComponentChildren;
}) {
  const { prefix, values, errors } = props;
  const n = (field: keyof MemberEntryInput) => `${prefix}${field}`;
  return (
    <>
      {props.children}
      {props.relationship === 'head' ? (
        <>
          <input type="hidden" name={n('relationshipToHoH')} value="1" />
          <p id={fieldId(n('relationshipToHoH'))}>
            Relationship to head of household: <strong>Self (head of household)</strong>
          </p>
          <FieldMessages id={fieldId(n('relationshipToHoH'))} errors={errors[n('relationshipToHoH')]} />
        </>
      ) : (
        <SelectField
          name={n('relationshipToHoH')}
          label="Relationship to head of household (3.15)"
          value={values.relationshipToHoH}
          choices={props.relationship === 'member' ? MEMBER_RELATIONSHIP_CHOICES : RELATIONSHIP_CHOICES}
          hint={props.relationship === 'any' ? 'Exactly one member is “Self (head of household)”.' : undefined}
          errors={errors[n('relationshipToHoH')]}
        />
      )}
      <SelectField
        name={n('disablingCondition')}
        label="Disabling condition (3.08)"
        value={values.disablingCondition}
        choices={DISABLING_CHOICES}
        errors={errors[n('disablingCondition')]}
      />
      <fieldset>
        <legend>Prior living situation (3.917){props.required ? '' : ' — optional for a child'}</legend>
        <p class="hint">
          {props.required
            ? 'Required for the head of household and adults.'
            : 'HUD collects this for the head of household and adults: for a child it may be left empty.'}{' '}
          Answer only the questions that apply; Hearth works out “did the stay last less than 90 days (institution) or 7 nights (other
          housing)” from the length of stay.
        </p>
        <SelectField
          name={n('livingSituation')}
          label="Living situation before entry"
          value={values.livingSituation}
          groups={livingSituationGroups(PRIOR_LIVING_SITUATIONS)}
          errors={errors[n('livingSituation')]}
          emptyLabel={props.required ? 'Choose…' : '— (not collected for this child)'}
        />
        <SelectField
          name={n('rentalSubsidyType')}
          label="Rental subsidy type"
          value={values.rentalSubsidyType}
          choices={choicesOf(RENTAL_SUBSIDY_TYPE, RENTAL_SUBSIDY_TYPES)}
          hint="Only for “Rental by client, with ongoing housing subsidy”."
          emptyLabel="Not applicable"
          errors={errors[n('rentalSubsidyType')]}
        />
        <SelectField
          name={n('lengthOfStay')}
          label="Length of stay in that living situation"
          value={values.lengthOfStay}
          choices={choicesOf(LENGTH_OF_STAY, LENGTHS_OF_STAY)}
          errors={errors[n('lengthOfStay')]}
          emptyLabel={props.required ? 'Choose…' : '—'}
        />
        <SelectField
          name={n('previousStreetEssh')}
          label={NIGHT_BEFORE_QUESTION}
          value={values.previousStreetEssh}
          choices={NO_YES_CHOICES}
          hint="Only after a stay of less than 90 days in an institution, or less than 7 nights in other housing."
          emptyLabel="Not applicable"
          errors={errors[n('previousStreetEssh')]}
        />
        <DateField
          name={n('dateToStreetEssh')}
          label="Approximate date this episode of homelessness started"
          value={values.dateToStreetEssh}
          hint="When the client was homeless before entry or the night before; for street outreach, emergency shelter and safe haven projects always."
          errors={errors[n('dateToStreetEssh')]}
        />
        <SelectField
          name={n('timesHomelessPastThreeYears')}
          label="Times on the streets, in an emergency shelter or a safe haven in the past three years"
          value={values.timesHomelessPastThreeYears}
          choices={TIMES_CHOICES}
          emptyLabel="Not applicable"
          errors={errors[n('timesHomelessPastThreeYears')]}
        />
        <SelectField
          name={n('monthsHomelessPastThreeYears')}
          label="Total months homeless in the past three years"
          value={values.monthsHomelessPastThreeYears}
          choices={choicesOf(MONTHS_HOMELESS_PAST_THREE_YEARS, MONTHS_HOMELESS)}
          emptyLabel="Not applicable"
          errors={errors[n('monthsHomelessPastThreeYears')]}
        />
      </fieldset>
    </>
  );
}

/** Exit date, destination (3.12) and the destination's details. */
export function ExitFields(props: { values: ExitInput; errors: FieldErrors }) {
  const { values, errors } = props;
  return (
    <>
      <DateField name="exitDate" label="Exit date" value={values.exitDate} hint="The day the client left the project: not before the entry date, not in the future." errors={errors.exitDate} />
      <SelectField name="destination" label="Destination (3.12)" value={values.destination} groups={livingSituationGroups(DESTINATIONS)} errors={errors.destination} />
      <SelectField
        name="destinationSubsidyType"
        label="Rental subsidy type"
        value={values.destinationSubsidyType}
        choices={choicesOf(RENTAL_SUBSIDY_TYPE, RENTAL_SUBSIDY_TYPES)}
        hint="Only for “Rental by client, with ongoing housing subsidy”."
        emptyLabel="Not applicable"
        errors={errors.destinationSubsidyType}
      />
      <div class={`field${errors.otherDestination?.length ? ' has-error' : ''}`}>
        <label for={fieldId('otherDestination')}>Other destination: describe</label>
        <p class="hint" id={`${fieldId('otherDestination')}-hint`}>
          Only when the destination is “Other”; at most 50 characters.
        </p>
        <FieldMessages id={fieldId('otherDestination')} errors={errors.otherDestination} />
        <input
          id={fieldId('otherDestination')}
          name="otherDestination"
          type="text"
          value={values.otherDestination}
          maxLength={50}
          autocomplete="off"
          aria-invalid={errors.otherDestination?.length ? 'true' : undefined}
          aria-describedby={describedBy(fieldId('otherDestination'), true, errors.otherDestination)}
        />
      </div>
    </>
  );
}

/** A POST form with its CSRF token. */
export function PostForm(props: { ctx: PageContext; action: string; children: ComponentChildren; class?: string }) {
  return (
    <form method="post" action={sitePath(props.ctx, props.action)} class={props.class ?? 'stack'} novalidate>
      <CsrfField token={props.ctx.csrfToken} />
      {props.children}
    </form>
  );
}
