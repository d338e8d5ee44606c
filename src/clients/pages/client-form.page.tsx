import type { ClientInput } from '../client-fields.js';
import type { PossibleDuplicate } from '../clients.model.js';
import { DOB_DATA_QUALITY, NAME_DATA_QUALITY, RACE_FIELDS, RACE_NONE, SEX, SSN_DATA_QUALITY, VETERAN_STATUS } from '../../hud/client-code-lists.js';
import {
  CheckboxGroupField,
  CONFIRM_WARNINGS_FIELD,
  choicesOf,
  DateField,
  ErrorSummary,
  PostForm,
  SelectField,
  TextField,
  WarningConfirmation,
  type FormFailure,
} from '../../views/form-kit.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { BackLink, ClientsTable } from './client-tables.js';

const RACE_CHOICES = RACE_FIELDS.map((race) => ({ value: race.column, label: race.label }));

/** Every universal data element of Client.csv, in HUD's order. */
export function ClientFormFields(props: { values: ClientInput; failure?: FormFailure | null; ssnHint?: string }) {
  const { values } = props;
  const errors = props.failure?.errors ?? {};
  const warnings = props.failure?.warnings ?? {};
  const name = (field: 'firstName' | 'middleName' | 'lastName' | 'nameSuffix', label: string, hint?: string) => (
    <TextField name={field} label={label} value={values[field]} maxLength={50} autocomplete="off" hint={hint} errors={errors[field]} warnings={warnings[field]} />
  );
  const code = (field: 'nameDataQuality' | 'ssnDataQuality' | 'dobDataQuality' | 'sex' | 'veteranStatus', label: string, list: Readonly<Record<number, string>>, hint?: string) => (
    <SelectField name={field} label={label} value={values[field]} choices={choicesOf(list)} hint={hint} errors={errors[field]} warnings={warnings[field]} />
  );
  return (
    <>
      <fieldset>
        <legend>Name (3.01)</legend>
        {name('firstName', 'First name')}
        {name('middleName', 'Middle name')}
        {name('lastName', 'Last name')}
        {name('nameSuffix', 'Suffix', 'e.g. Jr., Sr., III')}
        {code('nameDataQuality', 'Name data quality', NAME_DATA_QUALITY)}
      </fieldset>
      <fieldset>
        <legend>Social Security number (3.02)</legend>
        <TextField
          name="ssn"
          label="SSN"
          value={values.ssn}
          maxLength={11}
          autocomplete="off"
          hint={`9 digits (dashes optional). For a partial SSN type x for each unknown digit, e.g. xxxxx1234.${props.ssnHint ? ` ${props.ssnHint}` : ''}`}
          errors={errors.ssn}
          warnings={warnings.ssn}
        />
        {code('ssnDataQuality', 'SSN data quality', SSN_DATA_QUALITY, "“Client doesn't know”, “prefers not to answer” and “not collected” leave the SSN empty.")}
      </fieldset>
      <fieldset>
        <legend>Date of birth (3.03)</legend>
        <DateField name="dob" label="Date of birth" value={values.dob} errors={errors.dob} warnings={warnings.dob} />
        {code('dobDataQuality', 'DOB data quality', DOB_DATA_QUALITY)}
      </fieldset>
      <fieldset>
        <legend>Race and ethnicity (3.04)</legend>
        <CheckboxGroupField name="races" label="Select all that apply" choices={RACE_CHOICES} values={values.races} errors={errors.races} />
        <SelectField name="raceNone" label="Or, why none was recorded" value={values.raceNone} choices={choicesOf(RACE_NONE)} emptyLabel="—" errors={errors.raceNone} />
        <TextField name="additionalRaceEthnicity" label="Additional race and ethnicity detail" value={values.additionalRaceEthnicity} maxLength={100} autocomplete="off" errors={errors.additionalRaceEthnicity} />
      </fieldset>
      {code('sex', 'Sex (4.21)', SEX)}
      {code('veteranStatus', 'Veteran status (3.07)', VETERAN_STATUS, 'Asked of adults only: for a client under 18 leave it unanswered (saved as “Data not collected”).')}
    </>
  );
}

/** Likely duplicates found before saving: the user opens them, or confirms this is someone else. */
function DuplicateWarning(props: { ctx: PageContext; duplicates: readonly PossibleDuplicate[] }) {
  return (
    <div class="notice warning" role="alert" id="duplicate-warning">
      <p>
        <strong>This client may already be in Hearth.</strong> Nothing has been saved yet. Open a record below to check
        it, or confirm at the bottom of the form that these are not the same person.
      </p>
      <ClientsTable
        ctx={props.ctx}
        clients={props.duplicates.map((d) => d.client)}
        reasons={props.duplicates.map((d) => d.reasons.join(', '))}
        caption="Records that may be the same person"
        hiddenCaption
      />
    </div>
  );
}

export interface ClientFormPageProps {
  ctx: PageContext;
  values: ClientInput;
  failure?: FormFailure | null;
  duplicates?: readonly PossibleDuplicate[];
  /** Set when editing an existing client. */
  personalId?: string;
  ssnHint?: string;
  /** The warnings were confirmed before the duplicates were shown: "create anyway" keeps that confirmation. */
  warningsConfirmed?: boolean;
}

export function ClientFormPage(props: ClientFormPageProps) {
  const { ctx, values, duplicates = [], personalId } = props;
  const editing = personalId !== undefined;
  const title = editing ? 'Edit client' : 'New client';
  return (
    <Layout ctx={ctx} title={title}>
      <div class="narrow">
        {editing ? <BackLink href={sitePath(ctx, `clients/${personalId}`)}>Back to the client</BackLink> : <BackLink href={sitePath(ctx, 'clients')}>Search clients</BackLink>}
        <h1>{title}</h1>
        {!editing && <p class="lede">Search first: the client may already have a record. Every answer follows the HUD HMIS Data Standards.</p>}
        <ErrorSummary failure={props.failure} />
        {duplicates.length > 0 && <DuplicateWarning ctx={ctx} duplicates={duplicates} />}
        <PostForm ctx={ctx} action={editing ? `clients/${personalId}/edit` : 'clients/new'}>
          <ClientFormFields values={values} failure={props.failure} ssnHint={props.ssnHint} />
          {duplicates.map((d) => (
            <input type="hidden" name="dismissedDuplicates" value={d.client.personalId} />
          ))}
          {props.warningsConfirmed && <input type="hidden" name={CONFIRM_WARNINGS_FIELD} value="on" />}
          <WarningConfirmation failure={props.failure} />
          <button type="submit" class="primary">
            {editing ? 'Save changes' : 'Create client'}
          </button>
          {duplicates.length > 0 && (
            <button type="submit" name="confirm" value="not-duplicates" class="secondary">
              These are not the same person: create anyway
            </button>
          )}
        </PostForm>
      </div>
    </Layout>
  );
}
