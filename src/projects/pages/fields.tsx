import { HOPWA_MED_ASSISTED_LIVING_FAC, HOUSING_TYPE, label, NO_YES, PROJECT_TYPE, RRH_SUBTYPE, TARGET_POPULATION } from '../../hud/code-lists.js';
import { AVAILABILITY, BED_TYPE, FUNDER, GEOGRAPHY_TYPE, HMIS_PARTICIPATION_TYPE, HOUSEHOLD_TYPE, OTHER_FUNDER, RETIRED_FUNDER } from '../../hud/project-code-lists.js';
import { CheckboxGroupField, choicesOf, DateField, RadioField, SelectField, TextField, type FieldErrors } from '../../views/form-kit.js';
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
  return (
    <>
      <TextField name="name" label="Agency name" value={values.name} required maxLength={200} autocomplete="off" errors={errors.name} />
      <TextField
        name="commonName"
        label="Common name (optional)"
        value={values.commonName}
        maxLength={200}
        autocomplete="off"
        hint="The name people use day to day, if it differs."
        errors={errors.commonName}
      />
      <RadioField
        name="victimServiceProvider"
        label="Victim service provider"
        value={values.victimServiceProvider}
        choices={YES_NO}
        inline
        hint="Yes if the agency's primary purpose is serving survivors of domestic violence, dating violence, sexual assault or stalking. Such an agency holds no client data in Hearth (VAWA): it uses a comparable database."
        errors={errors.victimServiceProvider}
      />
    </>
  );
}

export function ProjectFields(props: { values: ProjectFormValues; errors?: FieldErrors }) {
  const { values, errors = {} } = props;
  return (
    <>
      <TextField name="name" label="Project name" value={values.name} required maxLength={200} autocomplete="off" errors={errors.name} />
      <TextField name="commonName" label="Common name (optional)" value={values.commonName} maxLength={200} autocomplete="off" errors={errors.commonName} />
      <SelectField name="projectType" label="HUD project type" value={values.projectType} choices={choicesOf(PROJECT_TYPE)} errors={errors.projectType} />
      <DateField name="operatingStartDate" label="Operating start date" value={values.operatingStartDate} hint="The first day the project served clients." errors={errors.operatingStartDate} />
      <DateField
        name="operatingEndDate"
        label="Operating end date (optional)"
        value={values.operatingEndDate}
        hint="The last day the project served clients. Leave empty while it operates. Ended projects stay browsable as old project data."
        errors={errors.operatingEndDate}
      />
      <RadioField
        name="continuumProject"
        label="Continuum project"
        value={values.continuumProject}
        choices={YES_NO}
        inline
        hint="Yes if the project is part of the Continuum of Care's homeless services."
        errors={errors.continuumProject}
      />
      <SelectField
        name="rrhSubType"
        label="RRH subtype"
        value={values.rrhSubType}
        choices={choicesOf(RRH_SUBTYPE)}
        emptyLabel="Not applicable"
        hint="Required for PH – Rapid Re-Housing; leave it “Not applicable” for every other project type."
        errors={errors.rrhSubType}
      />
      <SelectField
        name="housingType"
        label="Housing type"
        value={values.housingType}
        choices={choicesOf(HOUSING_TYPE)}
        emptyLabel="Not applicable"
        hint="Required for emergency shelters, transitional housing, safe havens, permanent housing, and Rapid Re-Housing with housing; otherwise “Not applicable”."
        errors={errors.housingType}
      />
      <SelectField
        name="residentialAffiliation"
        label="Affiliated with a residential project"
        value={values.residentialAffiliation}
        choices={YES_NO}
        emptyLabel="Not applicable"
        hint="Required for Services Only and RRH: Services Only projects: do they serve the clients of a residential project? Otherwise “Not applicable”. The affiliated projects are listed on the project’s page."
        errors={errors.residentialAffiliation}
      />
      <SelectField
        name="targetPopulation"
        label="Target population (optional)"
        value={values.targetPopulation}
        choices={choicesOf(TARGET_POPULATION)}
        emptyLabel="Not answered"
        hint="Whom the project mainly serves, as the Housing Inventory Count reports it."
        errors={errors.targetPopulation}
      />
      <SelectField
        name="hopwaMedAssistedLivingFac"
        label="HOPWA-funded medically assisted living facility (optional)"
        value={values.hopwaMedAssistedLivingFac}
        choices={choicesOf(HOPWA_MED_ASSISTED_LIVING_FAC)}
        emptyLabel="Not answered"
        hint="For projects funded by HOPWA; other projects answer “Non-HOPWA Funded Project”."
        errors={errors.hopwaMedAssistedLivingFac}
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
  return (
    <>
      <TextField
        name="cocCode"
        label="CoC code"
        value={values.cocCode}
        maxLength={6}
        autocomplete="off"
        hint="HUD's code of the Continuum of Care the project operates in: two letters, a dash, three digits (for example XX-501)."
        errors={errors.cocCode}
      />
      <TextField name="geocode" label="Geocode" value={values.geocode} maxLength={6} inputmode="numeric" autocomplete="off" hint="Six digits: HUD's code of the area where the project operates." errors={errors.geocode} />
      <TextField name="address1" label="Street address (optional)" value={values.address1} maxLength={100} autocomplete="off" errors={errors.address1} />
      <TextField name="address2" label="Address line 2 (optional)" value={values.address2} maxLength={100} autocomplete="off" errors={errors.address2} />
      <TextField name="city" label="City (optional)" value={values.city} maxLength={50} autocomplete="off" errors={errors.city} />
      <TextField name="state" label="State (optional)" value={values.state} maxLength={2} autocomplete="off" hint="Two-letter postal code, for example NY." errors={errors.state} />
      <TextField name="zip" label="ZIP code (optional)" value={values.zip} maxLength={5} inputmode="numeric" autocomplete="off" errors={errors.zip} />
      <SelectField name="geographyType" label="Geography type" value={values.geographyType} choices={choicesOf(GEOGRAPHY_TYPE)} hint="As HUD's ZIP code crosswalk classifies the area." errors={errors.geographyType} />
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
  const retired = props.retired != null && Object.hasOwn(RETIRED_FUNDER, props.retired) ? choicesOf(RETIRED_FUNDER, [props.retired]) : [];
  return (
    <>
      <SelectField
        name="funder"
        label="Funding source"
        value={values.funder}
        choices={[...choicesOf(FUNDER), ...retired]}
        hint="The federal partner program and component, or “Local or Other Funding Source”."
        errors={errors.funder}
      />
      <TextField
        name="otherFunder"
        label="Other funding source"
        value={values.otherFunder}
        maxLength={100}
        autocomplete="off"
        hint={`Only with “${FUNDER[OTHER_FUNDER]}”: name it.`}
        errors={errors.otherFunder}
      />
      <TextField name="grantId" label="Grant identifier" value={values.grantId} maxLength={100} autocomplete="off" errors={errors.grantId} />
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
  return (
    <>
      <SelectField
        name="cocCode"
        label="CoC"
        value={values.cocCode}
        choices={context.cocCodes.map((c) => ({ value: c, label: c }))}
        hint="One of the project's Continuum of Care codes (2.03): inventory is counted per CoC."
        errors={errors.cocCode}
      />
      <SelectField name="householdType" label="Household type" value={values.householdType} choices={choicesOf(HOUSEHOLD_TYPE)} errors={errors.householdType} />
      {/* Drawn for other projects only to say what was typed there is not asked. */}
      {(context.emergencyShelter || values.esBedType || values.availability) && (
        <>
          <SelectField name="esBedType" label="Bed type" value={values.esBedType} choices={choicesOf(BED_TYPE)} errors={errors.esBedType} />
          <SelectField name="availability" label="Availability" value={values.availability} choices={choicesOf(AVAILABILITY)} errors={errors.availability} />
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
      <TextField name="unitInventory" label="Units" value={values.unitInventory} maxLength={6} inputmode="numeric" autocomplete="off" hint="Total unit inventory (0 if none)." errors={errors.unitInventory} />
      <DateField name="inventoryStartDate" label="Inventory start date" value={values.inventoryStartDate} hint="Within the project's operating dates." errors={errors.inventoryStartDate} />
      <DateField
        name="inventoryEndDate"
        label="Inventory end date"
        value={values.inventoryEndDate}
        hint="Leave empty while these beds are available, unless the project has an operating end date."
        errors={errors.inventoryEndDate}
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
  return (
    <>
      <RadioField name="hmisParticipationType" label="HMIS participation type" value={values.hmisParticipationType} choices={choicesOf(HMIS_PARTICIPATION_TYPE)} errors={errors.hmisParticipationType} />
      <DateField name="startDate" label="Participation start date" value={values.startDate} errors={errors.startDate} />
      <DateField name="endDate" label="Participation end date (optional)" value={values.endDate} hint="Leave empty while this status lasts." errors={errors.endDate} />
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
  return (
    <>
      <RadioField
        name="accessPoint"
        label="Coordinated entry access point"
        value={values.accessPoint}
        choices={YES_NO}
        inline
        hint="Yes if the project screens, assesses or refers people for coordinated entry, or offers diversion or navigation."
        errors={errors.accessPoint}
      />
      <CheckboxGroupField
        name="services"
        label="Provided by the access point"
        values={values.services}
        choices={CE_SERVICES.map((s) => ({ value: s, label: CE_SERVICE_LABELS[s] }))}
        hint="Only for an access point: tick all that apply."
        errors={errors.services}
      />
      <RadioField name="receivesReferrals" label="Receives referrals from coordinated entry" value={values.receivesReferrals} choices={YES_NO} inline errors={errors.receivesReferrals} />
      <DateField name="startDate" label="Participation start date" value={values.startDate} errors={errors.startDate} />
      <DateField name="endDate" label="Participation end date (optional)" value={values.endDate} hint="Leave empty while this status lasts." errors={errors.endDate} />
    </>
  );
}
