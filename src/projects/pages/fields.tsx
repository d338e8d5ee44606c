import { HOPWA_MED_ASSISTED_LIVING_FAC, HOUSING_TYPE, label, NO_YES, PROJECT_TYPE, RRH_SUBTYPE, TARGET_POPULATION } from '../../hud/code-lists.js';
import { AVAILABILITY, BED_TYPE, FUNDER, GEOGRAPHY_TYPE, HMIS_PARTICIPATION_TYPE, HOUSEHOLD_TYPE, OTHER_FUNDER, RETIRED_FUNDER } from '../../hud/project-code-lists.js';
import { boundFields, CheckboxGroupField, choicesOf, DateField, RadioField, SelectField, TextField, type FieldErrors } from '../../views/form-kit.js';
import type { Organization, Project } from '../projects.model.js';
import { formatDay } from '../project-fields.js';
import { BED_CATEGORY_LABELS, CE_SERVICE_LABELS, CE_SERVICES, type CeParticipationInput, type FunderInput, type HmisParticipationInput, type InventoryContext, type InventoryInput, type ProjectCocInput } from '../project-setup-fields.js';
import { BED_CATEGORIES, type CeParticipation, type Funder, type HmisParticipation, type Inventory, type ProjectCoc } from '../project-setup.model.js';
import type { OrganizationInput, ProjectInput } from '../projects.service.js';

/**
 * The fields of the project forms, declared with the form kit. What a form holds is exactly what was typed, so a
 * refused form comes back as it was sent; `…Values` turn a stored record into what its edit form shows.
 */

export type { FieldErrors };
export type OrganizationFormValues = OrganizationInput;
export type ProjectFormValues = Required<ProjectInput>;

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
  residentialAffiliation: '',
  targetPopulation: '',
  hopwaMedAssistedLivingFac: '',
};

const code = (value: number | null) => (value === null ? '' : String(value));
const YES_NO = choicesOf(NO_YES, [1, 0]);

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
    operatingStartDate: formatDay(project.operatingStartDate),
    operatingEndDate: formatDay(project.operatingEndDate),
    continuumProject: code(project.continuumProject),
    projectType: code(project.projectType),
    housingType: code(project.housingType),
    rrhSubType: code(project.rrhSubType),
    residentialAffiliation: code(project.residentialAffiliation),
    targetPopulation: code(project.targetPopulation),
    hopwaMedAssistedLivingFac: code(project.hopwaMedAssistedLivingFac),
  };
}

export function OrganizationFields(props: { values: OrganizationFormValues; errors?: FieldErrors }) {
  const { values, errors = {} } = props;
  const field = boundFields(values, errors);
  return (
    <>
      <TextField {...field('name')} label="Agency name" required maxLength={200} autocomplete="off" />
      <TextField
        {...field('commonName')}
        label="Common name (optional)"
        maxLength={200}
        autocomplete="off"
        hint="The name people use day to day, if it differs."
      />
      <RadioField
        {...field('victimServiceProvider')}
        label="Victim service provider"
        choices={YES_NO}
        inline
        hint="Yes if the agency's primary purpose is serving survivors of domestic violence, dating violence, sexual assault or stalking. Such an agency holds no client data in Hearth (VAWA): it uses a comparable database."
      />
    </>
  );
}

export function ProjectFields(props: { values: ProjectFormValues; errors?: FieldErrors }) {
  const { values, errors = {} } = props;
  const field = boundFields(values, errors);
  return (
    <>
      <TextField {...field('name')} label="Project name" required maxLength={200} autocomplete="off" />
      <TextField {...field('commonName')} label="Common name (optional)" maxLength={200} autocomplete="off" />
      <SelectField {...field('projectType')} label="HUD project type" choices={choicesOf(PROJECT_TYPE)} />
      <DateField {...field('operatingStartDate')} label="Operating start date" hint="The first day the project served clients." />
      <DateField
        {...field('operatingEndDate')}
        label="Operating end date (optional)"
        hint="The last day the project served clients. Leave empty while it operates. Ended projects stay browsable as old project data."
      />
      <RadioField
        {...field('continuumProject')}
        label="Continuum project"
        choices={YES_NO}
        inline
        hint="Yes if the project is part of the Continuum of Care's homeless services."
      />
      <SelectField
        {...field('rrhSubType')}
        label="RRH subtype"
        choices={choicesOf(RRH_SUBTYPE)}
        emptyLabel="Not applicable"
        hint="Required for PH – Rapid Re-Housing; leave it “Not applicable” for every other project type."
      />
      <SelectField
        {...field('housingType')}
        label="Housing type"
        choices={choicesOf(HOUSING_TYPE)}
        emptyLabel="Not applicable"
        hint="Required for emergency shelters, transitional housing, safe havens, permanent housing, and Rapid Re-Housing with housing; otherwise “Not applicable”."
      />
      <SelectField
        {...field('residentialAffiliation')}
        label="Affiliated with a residential project"
        choices={YES_NO}
        emptyLabel="Not applicable"
        hint="Required for Services Only and RRH: Services Only projects: do they serve the clients of a residential project? Otherwise “Not applicable”. The affiliated projects are listed on the project’s page."
      />
      <SelectField
        {...field('targetPopulation')}
        label="Target population (optional)"
        choices={choicesOf(TARGET_POPULATION)}
        emptyLabel="Not answered"
        hint="Whom the project mainly serves, as the Housing Inventory Count reports it."
      />
      <SelectField
        {...field('hopwaMedAssistedLivingFac')}
        label="HOPWA-funded medically assisted living facility (optional)"
        choices={choicesOf(HOPWA_MED_ASSISTED_LIVING_FAC)}
        emptyLabel="Not answered"
        hint="For projects funded by HOPWA; other projects answer “Non-HOPWA Funded Project”."
      />
    </>
  );
}

// 2.03 Continuum of Care information

export function projectCocValues(record: ProjectCoc): ProjectCocInput {
  return {
    cocCode: record.cocCode,
    geocode: record.geocode,
    address1: record.address1 ?? '',
    address2: record.address2 ?? '',
    city: record.city ?? '',
    state: record.state ?? '',
    zip: record.zip ?? '',
    geographyType: code(record.geographyType),
  };
}

export function ProjectCocFields(props: { values: ProjectCocInput; errors: FieldErrors }) {
  const { values, errors } = props;
  const field = boundFields(values, errors);
  return (
    <>
      <TextField
        {...field('cocCode')}
        label="CoC code"
        maxLength={6}
        autocomplete="off"
        hint="HUD's code of the Continuum of Care the project operates in: two letters, a dash, three digits (for example XX-501)."
      />
      <TextField {...field('geocode')} label="Geocode" maxLength={6} inputmode="numeric" autocomplete="off" hint="Six digits: HUD's code of the area where the project operates." />
      <TextField {...field('address1')} label="Street address (optional)" maxLength={100} autocomplete="off" />
      <TextField {...field('address2')} label="Address line 2 (optional)" maxLength={100} autocomplete="off" />
      <TextField {...field('city')} label="City (optional)" maxLength={50} autocomplete="off" />
      <TextField {...field('state')} label="State (optional)" maxLength={2} autocomplete="off" hint="Two-letter postal code, for example NY." />
      <TextField {...field('zip')} label="ZIP code (optional)" maxLength={5} inputmode="numeric" autocomplete="off" />
      <SelectField {...field('geographyType')} label="Geography type" choices={choicesOf(GEOGRAPHY_TYPE)} hint="As HUD's ZIP code crosswalk classifies the area." />
    </>
  );
}

// 2.06 Funding sources

export function funderValues(record: Funder): FunderInput {
  return {
    funder: String(record.funder),
    otherFunder: record.otherFunder ?? '',
    grantId: record.grantId,
    startDate: formatDay(record.startDate),
    endDate: formatDay(record.endDate),
  };
}

/** FY2026's funders; a record with a retired one shows it too, so it can be kept while the grant is corrected. */
export function FunderFields(props: { values: FunderInput; errors: FieldErrors; warnings?: FieldErrors; retired?: number | null }) {
  const { values, errors, warnings = {} } = props;
  const field = boundFields(values, errors);
  const retired = props.retired != null && Object.hasOwn(RETIRED_FUNDER, props.retired) ? choicesOf(RETIRED_FUNDER, [props.retired]) : [];
  return (
    <>
      <SelectField
        {...field('funder')}
        label="Funding source"
        choices={[...choicesOf(FUNDER), ...retired]}
        hint="The federal partner program and component, or “Local or Other Funding Source”."
      />
      <TextField
        {...field('otherFunder')}
        label="Other funding source"
        maxLength={100}
        autocomplete="off"
        hint={`Only with “${FUNDER[OTHER_FUNDER]}”: name it.`}
      />
      <TextField {...field('grantId')} label="Grant identifier" maxLength={100} autocomplete="off" />
      <DateField name="startDate" label="Grant start date" value={values.startDate} errors={errors.startDate} warnings={warnings.startDate} />
      <DateField name="endDate" label="Grant end date (optional)" value={values.endDate} hint="Leave empty while the grant runs." errors={errors.endDate} warnings={warnings.endDate} />
    </>
  );
}

// 2.07 Bed and unit inventory

export function inventoryValues(record: Inventory): InventoryInput {
  return {
    cocCode: record.cocCode,
    householdType: String(record.householdType),
    availability: code(record.availability),
    esBedType: code(record.esBedType),
    unitInventory: String(record.unitInventory),
    inventoryStartDate: formatDay(record.inventoryStartDate),
    inventoryEndDate: formatDay(record.inventoryEndDate),
    ...(Object.fromEntries(BED_CATEGORIES.map((c) => [c, String(record[c])])) as Record<(typeof BED_CATEGORIES)[number], string>),
  };
}

export function InventoryFields(props: { values: InventoryInput; errors: FieldErrors; context: InventoryContext }) {
  const { values, errors, context } = props;
  const field = boundFields(values, errors);
  return (
    <>
      <SelectField
        {...field('cocCode')}
        label="CoC"
        choices={context.cocCodes.map((c) => ({ value: c, label: c }))}
        hint="One of the project's Continuum of Care codes (2.03): inventory is counted per CoC."
      />
      <SelectField {...field('householdType')} label="Household type" choices={choicesOf(HOUSEHOLD_TYPE)} />
      {/* Drawn for other projects only to say what was typed there is not asked. */}
      {(context.emergencyShelter || values.esBedType || values.availability) && (
        <>
          <SelectField {...field('esBedType')} label="Bed type" choices={choicesOf(BED_TYPE)} />
          <SelectField {...field('availability')} label="Availability" choices={choicesOf(AVAILABILITY)} />
        </>
      )}
      <fieldset>
        <legend>Beds</legend>
        <p class="hint">Each bed in one category only; an empty box counts as 0. The total bed inventory is their sum.</p>
        {BED_CATEGORIES.map((category) => (
          <TextField
            name={category}
            label={BED_CATEGORY_LABELS[category].charAt(0).toUpperCase() + BED_CATEGORY_LABELS[category].slice(1)}
            value={values[category]}
            maxLength={6}
            inputmode="numeric"
            autocomplete="off"
            errors={errors[category]}
          />
        ))}
      </fieldset>
      <TextField {...field('unitInventory')} label="Units" maxLength={6} inputmode="numeric" autocomplete="off" hint="Total unit inventory (0 if none)." />
      <DateField {...field('inventoryStartDate')} label="Inventory start date" hint="Within the project's operating dates." />
      <DateField
        {...field('inventoryEndDate')}
        label="Inventory end date"
        hint="Leave empty while these beds are available, unless the project has an operating end date."
      />
    </>
  );
}

// 2.02.C Affiliated residential projects

export function AffiliationFields(props: { value: string; errors: FieldErrors; candidates: readonly Project[] }) {
  return (
    <SelectField
      name="resProjectId"
      label="Residential project"
      value={props.value}
      choices={props.candidates.map((p) => ({ value: p.projectId, label: `${p.projectName} — ${label(PROJECT_TYPE, p.projectType)}` }))}
      hint="The residential projects of this project's CoCs (2.03) whose clients it serves."
      errors={props.errors.resProjectId}
    />
  );
}

// 2.08 HMIS participation

export function hmisParticipationValues(record: HmisParticipation): HmisParticipationInput {
  return { hmisParticipationType: String(record.hmisParticipationType), startDate: formatDay(record.startDate), endDate: formatDay(record.endDate) };
}

export function HmisParticipationFields(props: { values: HmisParticipationInput; errors: FieldErrors }) {
  const { values, errors } = props;
  const field = boundFields(values, errors);
  return (
    <>
      <RadioField {...field('hmisParticipationType')} label="HMIS participation type" choices={choicesOf(HMIS_PARTICIPATION_TYPE)} />
      <DateField {...field('startDate')} label="Participation start date" />
      <DateField {...field('endDate')} label="Participation end date (optional)" hint="Leave empty while this status lasts." />
    </>
  );
}

// 2.09 Coordinated entry participation

export function ceParticipationValues(record: CeParticipation): CeParticipationInput {
  return {
    accessPoint: String(record.accessPoint),
    services: CE_SERVICES.filter((s) => record[s] === 1),
    receivesReferrals: String(record.receivesReferrals),
    startDate: formatDay(record.startDate),
    endDate: formatDay(record.endDate),
  };
}

export function CeParticipationFields(props: { values: CeParticipationInput; errors: FieldErrors }) {
  const { values, errors } = props;
  const field = boundFields(values, errors);
  return (
    <>
      <RadioField
        {...field('accessPoint')}
        label="Coordinated entry access point"
        choices={YES_NO}
        inline
        hint="Yes if the project screens, assesses or refers people for coordinated entry, or offers diversion or navigation."
      />
      <CheckboxGroupField
        name="services"
        label="Provided by the access point"
        values={values.services}
        choices={CE_SERVICES.map((s) => ({ value: s, label: CE_SERVICE_LABELS[s] }))}
        hint="Only for an access point: tick all that apply."
        errors={errors.services}
      />
      <RadioField {...field('receivesReferrals')} label="Receives referrals from coordinated entry" choices={YES_NO} inline />
      <DateField {...field('startDate')} label="Participation start date" />
      <DateField {...field('endDate')} label="Participation end date (optional)" hint="Leave empty while this status lasts." />
    </>
  );
}
