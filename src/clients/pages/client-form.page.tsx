import type { ClientInput } from '../client-fields.js';
import type { PossibleDuplicate } from '../clients.model.js';
import { formatDob } from '../client-fields.js';
import { maskSsn } from '../ssn.js';
import {
  codesOf,
  DOB_DATA_QUALITY,
  NAME_DATA_QUALITY,
  RACE_FIELDS,
  RACE_NONE,
  SEX,
  SSN_DATA_QUALITY,
  VETERAN_STATUS,
  type CodeList,
} from '../../hud/client-code-lists.js';
import { CsrfField, ErrorSummary, Field } from '../../views/components.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { clientName } from '../client-name.js';

type FieldErrors = Readonly<Record<string, readonly string[]>>;

function FieldError(props: { id: string; errors?: readonly string[] }) {
  if (!props.errors?.length) return null;
  return (
    <p class="field-error" id={`${props.id}-error`}>
      {props.errors.join(' ')}
    </p>
  );
}

/** A HUD code list as a drop-down; the empty first choice means "not answered yet". */
function CodeSelect(props: { name: keyof ClientInput; label: string; list: CodeList; value: string; errors?: readonly string[]; hint?: string; emptyLabel?: string }) {
  const id = `field-${props.name}`;
  const invalid = Boolean(props.errors?.length);
  return (
    <div class={`field${invalid ? ' has-error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <FieldError id={id} errors={props.errors} />
      <select id={id} name={props.name} aria-invalid={invalid ? 'true' : undefined} aria-describedby={[props.hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
        <option value="" selected={props.value === ''}>
          {props.emptyLabel ?? 'Choose…'}
        </option>
        {codesOf(props.list).map((code) => (
          <option value={String(code)} selected={props.value === String(code)}>
            {props.list[code]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Every universal data element of Client.csv, in HUD's order. */
export function ClientFormFields(props: { values: ClientInput; errors?: FieldErrors; ssnHint?: string }) {
  const { values, errors = {} } = props;
  const raceInvalid = Boolean(errors.races?.length);
  return (
    <>
      <fieldset>
        <legend>Name (3.01)</legend>
        <Field name="firstName" label="First name" value={values.firstName} maxLength={50} autocomplete="off" errors={errors.firstName} />
        <Field name="middleName" label="Middle name" value={values.middleName} maxLength={50} autocomplete="off" errors={errors.middleName} />
        <Field name="lastName" label="Last name" value={values.lastName} maxLength={50} autocomplete="off" errors={errors.lastName} />
        <Field name="nameSuffix" label="Suffix" value={values.nameSuffix} maxLength={50} autocomplete="off" hint="e.g. Jr., Sr., III" errors={errors.nameSuffix} />
        <CodeSelect name="nameDataQuality" label="Name data quality" list={NAME_DATA_QUALITY} value={values.nameDataQuality} errors={errors.nameDataQuality} />
      </fieldset>
      <fieldset>
        <legend>Social Security number (3.02)</legend>
        <Field
          name="ssn"
          label="SSN"
          value={values.ssn}
          maxLength={11}
          autocomplete="off"
          hint={`9 digits (dashes optional). For a partial SSN type x for each unknown digit, e.g. xxxxx1234.${props.ssnHint ? ` ${props.ssnHint}` : ''}`}
          errors={errors.ssn}
        />
        <CodeSelect name="ssnDataQuality" label="SSN data quality" list={SSN_DATA_QUALITY} value={values.ssnDataQuality} errors={errors.ssnDataQuality} hint="“Client doesn't know”, “prefers not to answer” and “not collected” leave the SSN empty." />
      </fieldset>
      <fieldset>
        <legend>Date of birth (3.03)</legend>
        <Field name="dob" label="Date of birth" value={values.dob} maxLength={10} autocomplete="off" hint="MM/DD/YYYY" errors={errors.dob} />
        <CodeSelect name="dobDataQuality" label="DOB data quality" list={DOB_DATA_QUALITY} value={values.dobDataQuality} errors={errors.dobDataQuality} />
      </fieldset>
      <fieldset class={raceInvalid ? 'has-error' : undefined} aria-describedby={raceInvalid ? 'field-races-error' : undefined}>
        <legend>Race and ethnicity (3.04): select all that apply</legend>
        <FieldError id="field-races" errors={errors.races} />
        {RACE_FIELDS.map((race) => (
          <div class="field checkbox">
            <input id={`field-race-${race.column}`} name="races" type="checkbox" value={race.column} checked={values.races.includes(race.column)} />
            <label for={`field-race-${race.column}`}>{race.label}</label>
          </div>
        ))}
        <CodeSelect name="raceNone" label="Or, why none was recorded" list={RACE_NONE} value={values.raceNone} errors={errors.raceNone} emptyLabel="—" />
        <Field name="additionalRaceEthnicity" label="Additional race and ethnicity detail" value={values.additionalRaceEthnicity} maxLength={100} autocomplete="off" errors={errors.additionalRaceEthnicity} />
      </fieldset>
      <CodeSelect name="sex" label="Sex (4.21)" list={SEX} value={values.sex} errors={errors.sex} />
      <CodeSelect name="veteranStatus" label="Veteran status (3.07)" list={VETERAN_STATUS} value={values.veteranStatus} errors={errors.veteranStatus} />
    </>
  );
}

/** Likely duplicates found before saving: the user opens them, or confirms this is someone else. */
function DuplicateWarning(props: { ctx: PageContext; duplicates: readonly PossibleDuplicate[] }) {
  const { ctx } = props;
  return (
    <div class="notice warning" role="alert" id="duplicate-warning">
      <p>
        <strong>This client may already be in Hearth.</strong> Nothing has been saved yet. Open a record below to check
        it, or confirm at the bottom of the form that these are not the same person.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Date of birth</th>
            <th scope="col">SSN</th>
            <th scope="col">Same</th>
          </tr>
        </thead>
        <tbody>
          {props.duplicates.map(({ client, reasons }) => (
            <tr>
              <td>
                <a href={sitePath(ctx, `clients/${client.personalId}`)}>{clientName(client)}</a>
              </td>
              <td>{formatDob(client.dob)}</td>
              <td>{maskSsn(client.ssn)}</td>
              <td>{reasons.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface ClientFormPageProps {
  ctx: PageContext;
  values: ClientInput;
  error?: string | null;
  errors?: FieldErrors;
  duplicates?: readonly PossibleDuplicate[];
  /** Set when editing an existing client. */
  personalId?: string;
  ssnHint?: string;
}

export function ClientFormPage(props: ClientFormPageProps) {
  const { ctx, values, errors = {}, duplicates = [], personalId } = props;
  const editing = personalId !== undefined;
  const title = editing ? 'Edit client' : 'New client';
  const action = sitePath(ctx, editing ? `clients/${personalId}/edit` : 'clients/new');
  return (
    <Layout ctx={ctx} title={title}>
      <div class="narrow">
        <p>
          <a href={editing ? sitePath(ctx, `clients/${personalId}`) : sitePath(ctx, 'clients')}>{editing ? '← Back to the client' : '← Search clients'}</a>
        </p>
        <h1>{title}</h1>
        {!editing && <p class="lede">Search first: the client may already have a record. Every answer follows the HUD HMIS Data Standards.</p>}
        <ErrorSummary message={props.error} errors={errors} />
        {duplicates.length > 0 && <DuplicateWarning ctx={ctx} duplicates={duplicates} />}
        <form method="post" action={action} class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <ClientFormFields values={values} errors={errors} ssnHint={props.ssnHint} />
          {duplicates.map((d) => (
            <input type="hidden" name="dismissedDuplicates" value={d.client.personalId} />
          ))}
          <button type="submit" class="primary">
            {editing ? 'Save changes' : 'Create client'}
          </button>
          {duplicates.length > 0 && (
            <button type="submit" name="confirm" value="not-duplicates" class="secondary">
              These are not the same person: create anyway
            </button>
          )}
        </form>
      </div>
    </Layout>
  );
}
