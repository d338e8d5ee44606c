import type { ComponentChildren } from 'preact';
import {
  DESTINATIONS,
  DISABLING_CONDITION,
  HEAD_OF_HOUSEHOLD_LABEL,
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
import { boundFields, choicesOf, DateField, ErrorSummary, FieldError, fieldId, SelectField, TextField, type ChoiceGroup, type FieldErrors, type FormFailure } from '../../views/form-kit.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { formatDay, NIGHT_BEFORE_QUESTION, uses3917A, type ExitInput, type MemberEntryInput } from '../enrollment-fields.js';
import { StayConflictError } from '../enrollments.service.js';

/** 3.16 Enrollment CoC of the head of household, chosen among the project's CoC codes (2.03). */
export function EnrollmentCocField(props: { value: string; choices: readonly string[]; hint: string; errors?: readonly string[] }) {
  return (
    <SelectField
      name="enrollmentCoc"
      label="Continuum of Care of the head of household"
      value={props.value}
      choices={props.choices.map((code) => ({ value: code, label: code }))}
      hint={`${props.hint} The choices are the project’s CoCs.`}
      errors={props.errors}
    />
  );
}

/**
 * A refused enrollment form's summary: the kit's, with links to the stays in the way when other stays refused it.
 */
export function FormProblems(props: { ctx: PageContext; failure?: FormFailure | null }) {
  const { ctx, failure } = props;
  const conflicts = failure?.cause instanceof StayConflictError ? failure.cause.conflicts : [];
  return (
    <ErrorSummary failure={failure}>
      {conflicts.length > 0 && (
        <ul>
          {conflicts.map((c) => (
            <li>
              <a href={sitePath(ctx, `enrollments/${c.enrollmentId}`)}>
                Open {c.clientName}’s {c.exitDate ? 'earlier' : 'open'} enrollment (entered {formatDay(c.entryDate)})
              </a>
            </li>
          ))}
        </ul>
      )}
    </ErrorSummary>
  );
}

/** A form-wide message (e.g. about the whole household), where the summary can link to it. */
export function FormMessage(props: { name: string; errors?: readonly string[]; warnings?: readonly string[] }) {
  const id = fieldId(props.name);
  return (
    <div id={id}>
      <FieldError id={id} errors={props.errors} warnings={props.warnings} />
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
export const MEMBER_RELATIONSHIP_CHOICES = choicesOf(RELATIONSHIP_TO_HOH, [2, 3, 4, 5, 99]);
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
  /** Answers HUD's checker questions but allows (saved once confirmed). */
  warnings?: FieldErrors;
  /** "head": the head of household (fixed, sent as a hidden field); "member": any relationship but head. */
  relationship: RelationshipChoice;
  /** HUD requires 3.917 of this member (head of household or adult). */
  required: boolean;
  /** The project's type: street outreach, shelters and safe havens ask 3.917A, without "the night before". */
  projectType: number | null;
  children?: ComponentChildren;
}) {
  const { prefix, values, errors } = props;
  const warnings = props.warnings ?? {};
  const formA = uses3917A(props.projectType);
  const n = (field: keyof MemberEntryInput) => `${prefix}${field}`;
  const field = boundFields(values, errors, warnings, prefix);
  return (
    <>
      {props.children}
      {props.relationship === 'head' ? (
        <>
          <input type="hidden" name={n('relationshipToHoH')} value="1" />
          <p>
            Relationship to head of household: <strong>{HEAD_OF_HOUSEHOLD_LABEL}</strong>
          </p>
          <FormMessage name={n('relationshipToHoH')} errors={errors[n('relationshipToHoH')]}
          warnings={warnings[n('relationshipToHoH')]} />
        </>
      ) : (
        <SelectField
          {...field('relationshipToHoH')}
          label="Relationship to head of household (3.15)"
          choices={props.relationship === 'member' ? MEMBER_RELATIONSHIP_CHOICES : RELATIONSHIP_CHOICES}
          hint={props.relationship === 'any' ? `Exactly one member is “${HEAD_OF_HOUSEHOLD_LABEL}”.` : undefined}
        />
      )}
      <SelectField
        {...field('disablingCondition')}
        label="Disabling condition (3.08)"
        choices={DISABLING_CHOICES}
      />
      <fieldset>
        <legend>Prior living situation (3.917){props.required ? '' : ' — optional for a child'}</legend>
        <p class="hint">
          {props.required
            ? 'Required for the head of household and adults.'
            : 'HUD collects this for the head of household and adults: for a child it may be left empty.'}{' '}
          {formA
            ? 'In street outreach, emergency shelter and safe haven projects every question is asked.'
            : 'Answer only the questions that apply; Hearth works out “did the stay last less than 90 days (institution) or 7 nights (other housing)” from the length of stay.'}
        </p>
        <SelectField
          {...field('livingSituation')}
          label="Living situation before entry"
          groups={livingSituationGroups(PRIOR_LIVING_SITUATIONS)}
          emptyLabel={props.required ? 'Choose…' : '— (not collected for this child)'}
        />
        <SelectField
          {...field('rentalSubsidyType')}
          label="Rental subsidy type"
          choices={choicesOf(RENTAL_SUBSIDY_TYPE, RENTAL_SUBSIDY_TYPES)}
          hint="Only for “Rental by client, with ongoing housing subsidy”."
          emptyLabel="Not applicable"
        />
        <SelectField
          {...field('lengthOfStay')}
          label="Length of stay in that living situation"
          choices={choicesOf(LENGTH_OF_STAY, LENGTHS_OF_STAY)}
          emptyLabel={props.required ? 'Choose…' : '—'}
        />
        {!formA && (
          <SelectField
            {...field('previousStreetEssh')}
            label={NIGHT_BEFORE_QUESTION}
            choices={NO_YES_CHOICES}
            hint="Only after a stay of less than 90 days in an institution, or less than 7 nights in other housing."
            emptyLabel="Not applicable"
          />
        )}
        <DateField
          {...field('dateToStreetEssh')}
          label="Approximate date this episode of homelessness started"
          hint="When the client was homeless before entry or the night before; for street outreach, emergency shelter and safe haven projects always."
        />
        <SelectField
          {...field('timesHomelessPastThreeYears')}
          label="Times on the streets, in an emergency shelter or a safe haven in the past three years"
          choices={TIMES_CHOICES}
          emptyLabel="Not applicable"
        />
        <SelectField
          {...field('monthsHomelessPastThreeYears')}
          label="Total months homeless in the past three years"
          choices={choicesOf(MONTHS_HOMELESS_PAST_THREE_YEARS, MONTHS_HOMELESS)}
          emptyLabel="Not applicable"
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
      <TextField
        name="otherDestination"
        label="Other destination: describe"
        value={values.otherDestination}
        hint="Only when the destination is “Other”; at most 50 characters."
        maxLength={50}
        autocomplete="off"
        errors={errors.otherDestination}
      />
    </>
  );
}
