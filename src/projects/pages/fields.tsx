import { HOUSING_TYPE, NO_YES, PROJECT_TYPE, RRH_SUBTYPE } from '../../hud/code-lists.js';
import { Field } from '../../views/components.js';
import type { Organization, Project } from '../projects.model.js';
import { choices, type OrganizationInput, type ProjectInput } from '../projects.service.js';

export type FieldErrors = Readonly<Record<string, readonly string[]>>;

/** What the forms hold: exactly what was typed, so a refused form comes back as it was sent. */
export type OrganizationFormValues = OrganizationInput;
export type ProjectFormValues = ProjectInput;

export const EMPTY_ORGANIZATION: OrganizationFormValues = { name: '', commonName: '', victimServiceProvider: '' };
export const EMPTY_PROJECT: ProjectFormValues = {
  name: '',
  commonName: '',
  operatingStartDate: '',
  operatingEndDate: '',
  continuumProject: '',
  projectType: '',
  housingType: '',
  rrhSubType: '',
};

const code = (value: number | null) => (value === null ? '' : String(value));

export function organizationValues(organization: Organization): OrganizationFormValues {
  return {
    name: organization.organizationName,
    commonName: organization.organizationCommonName ?? '',
    victimServiceProvider: code(organization.victimServiceProvider),
  };
}

export function projectValues(project: Project): ProjectFormValues {
  return {
    name: project.projectName,
    commonName: project.projectCommonName ?? '',
    operatingStartDate: project.operatingStartDate,
    operatingEndDate: project.operatingEndDate ?? '',
    continuumProject: code(project.continuumProject),
    projectType: code(project.projectType),
    housingType: code(project.housingType),
    rrhSubType: code(project.rrhSubType),
  };
}

interface SelectFieldProps {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  /** The first, empty option: "Choose…" for a required answer, "Not applicable" for a dependent one. */
  emptyLabel: string;
  hint?: string;
  errors?: readonly string[];
}

export function SelectField(props: SelectFieldProps) {
  const id = `field-${props.name}`;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.errors?.length ? `${id}-error` : undefined;
  return (
    <div class={`field${errorId ? ' has-error' : ''}`}>
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
      <select id={id} name={props.name} aria-invalid={errorId ? 'true' : undefined} aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}>
        <option value="" selected={props.value === ''}>
          {props.emptyLabel}
        </option>
        {props.options.map((option) => (
          <option value={option.value} selected={props.value === option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function OrganizationFields(props: { values: OrganizationFormValues; errors?: FieldErrors }) {
  const { values, errors = {} } = props;
  return (
    <>
      <Field name="name" label="Agency name" value={values.name} required maxLength={200} autocomplete="off" errors={errors.name} />
      <Field
        name="commonName"
        label="Common name (optional)"
        value={values.commonName}
        maxLength={200}
        autocomplete="off"
        hint="The name people use day to day, if it differs."
        errors={errors.commonName}
      />
      <SelectField
        name="victimServiceProvider"
        label="Victim service provider"
        value={values.victimServiceProvider}
        options={choices(NO_YES)}
        emptyLabel="Choose…"
        hint="Yes if the agency's primary purpose is serving survivors of domestic violence, dating violence, sexual assault or stalking."
        errors={errors.victimServiceProvider}
      />
    </>
  );
}

export function ProjectFields(props: { values: ProjectFormValues; errors?: FieldErrors }) {
  const { values, errors = {} } = props;
  return (
    <>
      <Field name="name" label="Project name" value={values.name} required maxLength={200} autocomplete="off" errors={errors.name} />
      <Field name="commonName" label="Common name (optional)" value={values.commonName} maxLength={200} autocomplete="off" errors={errors.commonName} />
      <SelectField
        name="projectType"
        label="HUD project type"
        value={values.projectType}
        options={choices(PROJECT_TYPE)}
        emptyLabel="Choose…"
        errors={errors.projectType}
      />
      <Field
        name="operatingStartDate"
        label="Operating start date"
        type="date"
        value={values.operatingStartDate}
        required
        hint="YYYY-MM-DD: the first day the project served clients."
        errors={errors.operatingStartDate}
      />
      <Field
        name="operatingEndDate"
        label="Operating end date (optional)"
        type="date"
        value={values.operatingEndDate}
        hint="YYYY-MM-DD: the last day the project served clients. Leave empty while it operates. Ended projects stay browsable as old project data."
        errors={errors.operatingEndDate}
      />
      <SelectField
        name="continuumProject"
        label="Continuum project"
        value={values.continuumProject}
        options={choices(NO_YES)}
        emptyLabel="Choose…"
        hint="Yes if the project is part of the Continuum of Care's homeless services."
        errors={errors.continuumProject}
      />
      <SelectField
        name="rrhSubType"
        label="RRH subtype"
        value={values.rrhSubType}
        options={choices(RRH_SUBTYPE)}
        emptyLabel="Not applicable"
        hint="Required for PH – Rapid Re-Housing; leave it “Not applicable” for every other project type."
        errors={errors.rrhSubType}
      />
      <SelectField
        name="housingType"
        label="Housing type"
        value={values.housingType}
        options={choices(HOUSING_TYPE)}
        emptyLabel="Not applicable"
        hint="Required for emergency shelters, transitional housing, safe havens, permanent housing, and Rapid Re-Housing with housing; otherwise “Not applicable”."
        errors={errors.housingType}
      />
    </>
  );
}
