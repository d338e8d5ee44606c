import { ValidationError } from '../errors.js';
import { NO_YES } from '../hud/code-lists.js';
import { AVAILABILITY, BED_TYPE, FUNDER, GEOGRAPHY_TYPE, HMIS_PARTICIPATION_TYPE, HOUSEHOLD_TYPE, OTHER_FUNDER, RETIRED_FUNDER } from '../hud/project-code-lists.js';
import { addError, formatDay, readCode, readDateField, readText, type FieldErrors } from './project-fields.js';
import { BED_CATEGORIES, type BedCategory, type CeParticipationFields, type FunderFields, type HmisParticipationFields, type InventoryFields, type ProjectCocFields } from './project-setup.model.js';

/**
 * HUD's rules for each set-up record on its own, field by field (what other records allow is the service's
 * part). Each validator returns the record's fields, or throws a ValidationError with a message per field.
 */

const CORRECT = 'Please correct the highlighted fields.';

/** HUD's CoC code: two letters, a dash, three digits (HUD26 ProjectCoC.CoCCode); stored upper case. */
export const COC_CODE_PATTERN = /^[A-Z]{2}-[0-9]{3}$/;

/** A typed CoC code, upper-cased: `xx-501` is `XX-501`. Null when it is not one. */
export function readCocCode(value: string): string | null {
  const code = value.trim().toUpperCase();
  return COC_CODE_PATTERN.test(code) ? code : null;
}

/** 2.03 as typed into its form: every value a string. */
export interface ProjectCocInput {
  cocCode: string;
  geocode: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
  geographyType: string;
}

export const EMPTY_PROJECT_COC: ProjectCocInput = { cocCode: '', geocode: '', address1: '', address2: '', city: '', state: '', zip: '', geographyType: '' };

export function validateProjectCoc(input: ProjectCocInput): ProjectCocFields {
  const errors: FieldErrors = {};
  const cocCode = readCocCode(input.cocCode);
  if (!input.cocCode.trim()) addError(errors, 'cocCode', 'Enter the CoC code, for example XX-501.');
  else if (!cocCode) addError(errors, 'cocCode', 'Enter the CoC code as HUD writes it: two letters, a dash and three digits, for example XX-501.');

  const geocode = input.geocode.trim();
  if (!geocode) addError(errors, 'geocode', 'Enter the geocode: the six digits HUD gives the area where the project operates.');
  else if (!/^[0-9]{6}$/.test(geocode)) addError(errors, 'geocode', 'Enter the geocode as six digits, for example 119999.');

  const address1 = readText(input.address1, 'address1', 'street address', { max: 100 }, errors);
  const address2 = readText(input.address2, 'address2', 'second address line', { max: 100 }, errors);
  const city = readText(input.city, 'city', 'city', { max: 50 }, errors);
  const state = input.state.trim().toUpperCase() || null;
  if (state !== null && !/^[A-Z]{2}$/.test(state)) addError(errors, 'state', 'Enter the state as its two-letter postal code, for example NY.');
  const zip = input.zip.trim() || null;
  if (zip !== null && !/^[0-9]{5}$/.test(zip)) addError(errors, 'zip', 'Enter the ZIP code as five digits.');

  const geographyType = readCode(GEOGRAPHY_TYPE, input.geographyType);
  if (geographyType === null) addError(errors, 'geographyType', 'Choose the geography type (“Unknown / data not collected” if nobody knows).');
  else if (geographyType === undefined) addError(errors, 'geographyType', 'Choose one of the geography types in the list.');

  if (Object.keys(errors).length > 0) throw new ValidationError(CORRECT, errors);
  return { cocCode: cocCode!, geocode, address1, address2, city, state, zip, geographyType: geographyType! };
}

/** The end of a period: on or after its start. */
function checkEnd(start: string | null, end: string | null, field: string, what: string, errors: FieldErrors): void {
  if (start && end && end < start) addError(errors, field, `The ${what} cannot be before the start date.`);
}

function refuseIfAny(errors: FieldErrors): void {
  if (Object.keys(errors).length > 0) throw new ValidationError(CORRECT, errors);
}

/** 2.06 as typed into its form. */
export interface FunderInput {
  funder: string;
  otherFunder: string;
  grantId: string;
  startDate: string;
  endDate: string;
}

export const EMPTY_FUNDER: FunderInput = { funder: '', otherFunder: '', grantId: '', startDate: '', endDate: '' };

/**
 * 2.06 Funding source. A retired 2.06.1 code is refused, unless it is the one the record already has (a record
 * from before FY2026 stays correctable without choosing a new funder).
 */
export function validateFunder(input: FunderInput, keep: number | null = null): FunderFields {
  const errors: FieldErrors = {};
  const text = input.funder.trim();
  let funder = readCode(FUNDER, text) as number | null | undefined;
  if (funder === undefined && /^[0-9]{1,3}$/.test(text) && Object.hasOwn(RETIRED_FUNDER, Number(text))) {
    if (Number(text) === keep) funder = keep;
    else addError(errors, 'funder', 'HUD retired this funding source in FY2026: choose a current one.');
  } else if (funder === undefined) addError(errors, 'funder', 'Choose one of the funding sources in the list.');
  if (funder === null) addError(errors, 'funder', 'Choose the funding source.');

  let otherFunder = readText(input.otherFunder, 'otherFunder', 'other funding source', { max: 100 }, errors);
  if (funder === OTHER_FUNDER && otherFunder === null && !errors.otherFunder) {
    addError(errors, 'otherFunder', 'Name the funding source: HUD asks for it with “Local or Other Funding Source”.');
  } else if (funder !== OTHER_FUNDER && funder !== undefined && funder !== null && otherFunder !== null) {
    addError(errors, 'otherFunder', 'Leave “Other funding source” empty: it names a “Local or Other Funding Source” only.');
    otherFunder = null;
  }
  const grantId = readText(input.grantId, 'grantId', 'grant identifier', { max: 100, required: true }, errors);
  const startDate = readDateField(input.startDate, 'startDate', 'grant start date', true, errors);
  const endDate = readDateField(input.endDate, 'endDate', 'grant end date', false, errors);
  checkEnd(startDate, endDate, 'endDate', 'grant end date', errors);
  refuseIfAny(errors);
  return { funder: funder!, otherFunder, grantId: grantId!, startDate: startDate!, endDate };
}

/** 2.07 as typed into its form: the bed categories by their model names. */
export type InventoryInput = {
  cocCode: string;
  householdType: string;
  availability: string;
  esBedType: string;
  unitInventory: string;
  inventoryStartDate: string;
  inventoryEndDate: string;
} & Record<BedCategory, string>;

export const EMPTY_INVENTORY: InventoryInput = {
  cocCode: '',
  householdType: '',
  availability: '',
  esBedType: '',
  unitInventory: '',
  inventoryStartDate: '',
  inventoryEndDate: '',
  chVetBedInventory: '',
  youthVetBedInventory: '',
  vetBedInventory: '',
  chYouthBedInventory: '',
  youthBedInventory: '',
  chBedInventory: '',
  otherBedInventory: '',
};

/** More beds or units than any one project has: a typing mistake. */
export const MAX_INVENTORY = 10_000;

/** What the project allows an inventory record: its CoC codes, whether it is a shelter, its operating dates. */
export interface InventoryContext {
  cocCodes: readonly string[];
  emergencyShelter: boolean;
  operatingStartDate: string;
  operatingEndDate: string | null;
}

function readCount(value: string, field: string, what: string, required: boolean, errors: FieldErrors): number {
  const text = value.trim();
  if (!text) {
    if (required) addError(errors, field, `Enter the number of ${what} (0 if none).`);
    return 0;
  }
  if (!/^[0-9]{1,6}$/.test(text) || Number(text) > MAX_INVENTORY) {
    addError(errors, field, `Enter the number of ${what} as a whole number from 0 to ${MAX_INVENTORY.toLocaleString('en-US')}.`);
    return 0;
  }
  return Number(text);
}

/** What each bed category counts, as the form and its messages name it. */
export const BED_CATEGORY_LABELS: Readonly<Record<BedCategory, string>> = {
  chVetBedInventory: 'beds dedicated to chronically homeless veterans',
  youthVetBedInventory: 'beds dedicated to youth veterans',
  vetBedInventory: 'beds dedicated to any other veterans',
  chYouthBedInventory: 'beds dedicated to chronically homeless youth',
  youthBedInventory: 'beds dedicated to any other youth',
  chBedInventory: 'beds dedicated to any other chronically homeless people',
  otherBedInventory: 'non-dedicated beds',
};

/**
 * 2.07 Bed and unit inventory. The total bed inventory is the sum of the categories (HUD: they are mutually
 * exclusive and sum to the total), so it is computed, never typed. Bed type and availability are asked of
 * emergency shelters only; the inventory's period lies within the project's operating dates.
 */
export function validateInventory(input: InventoryInput, context: InventoryContext): InventoryFields {
  const errors: FieldErrors = {};
  const cocCode = readCocCode(input.cocCode);
  if (context.cocCodes.length === 0) addError(errors, 'cocCode', 'Add the project’s Continuum of Care information (2.03) first: HUD counts inventory per CoC.');
  else if (!input.cocCode.trim()) addError(errors, 'cocCode', 'Choose the CoC the beds are in.');
  else if (!cocCode || !context.cocCodes.includes(cocCode)) addError(errors, 'cocCode', `Choose one of the project’s CoCs: ${context.cocCodes.join(', ')}.`);

  const householdType = readCode(HOUSEHOLD_TYPE, input.householdType);
  if (householdType === null) addError(errors, 'householdType', 'Choose the household type the beds are for.');
  else if (householdType === undefined) addError(errors, 'householdType', 'Choose one of the household types in the list.');

  const availability = readCode(AVAILABILITY, input.availability);
  const esBedType = readCode(BED_TYPE, input.esBedType);
  if (context.emergencyShelter) {
    if (availability === null) addError(errors, 'availability', 'Choose the availability: HUD asks it of emergency shelters.');
    if (esBedType === null) addError(errors, 'esBedType', 'Choose the bed type: HUD asks it of emergency shelters.');
  } else {
    if (availability !== null) addError(errors, 'availability', 'Leave the availability empty: HUD asks it of emergency shelters only.');
    if (esBedType !== null) addError(errors, 'esBedType', 'Leave the bed type empty: HUD asks it of emergency shelters only.');
  }
  if (availability === undefined) addError(errors, 'availability', 'Choose one of the availabilities in the list.');
  if (esBedType === undefined) addError(errors, 'esBedType', 'Choose one of the bed types in the list.');

  const beds = Object.fromEntries(BED_CATEGORIES.map((c) => [c, readCount(input[c], c, BED_CATEGORY_LABELS[c], false, errors)])) as Record<BedCategory, number>;
  const unitInventory = readCount(input.unitInventory, 'unitInventory', 'units', true, errors);

  const start = readDateField(input.inventoryStartDate, 'inventoryStartDate', 'inventory start date', true, errors);
  const end = readDateField(input.inventoryEndDate, 'inventoryEndDate', 'inventory end date', false, errors);
  checkEnd(start, end, 'inventoryEndDate', 'inventory end date', errors);
  const operating = context.operatingEndDate
    ? `${formatDay(context.operatingStartDate)} to ${formatDay(context.operatingEndDate)}`
    : `from ${formatDay(context.operatingStartDate)} on`;
  if (start && start < context.operatingStartDate) addError(errors, 'inventoryStartDate', `The inventory must lie within the project’s operating dates (${operating}).`);
  if (start && context.operatingEndDate && start > context.operatingEndDate) addError(errors, 'inventoryStartDate', `The inventory must lie within the project’s operating dates (${operating}).`);
  if (context.operatingEndDate && !errors.inventoryEndDate) {
    if (end === null) addError(errors, 'inventoryEndDate', `Enter the inventory end date: the project stopped or stops operating on ${formatDay(context.operatingEndDate)}.`);
    else if (end > context.operatingEndDate) addError(errors, 'inventoryEndDate', `The inventory must lie within the project’s operating dates (${operating}).`);
  }

  refuseIfAny(errors);
  const bedInventory = BED_CATEGORIES.reduce((sum, c) => sum + beds[c], 0);
  return {
    cocCode: cocCode!,
    householdType: householdType!,
    availability: availability ?? null,
    esBedType: esBedType ?? null,
    unitInventory,
    ...beds,
    bedInventory,
    inventoryStartDate: start!,
    inventoryEndDate: end,
  };
}

/** 2.08 as typed into its form. */
export interface HmisParticipationInput {
  hmisParticipationType: string;
  startDate: string;
  endDate: string;
}

export const EMPTY_HMIS_PARTICIPATION: HmisParticipationInput = { hmisParticipationType: '', startDate: '', endDate: '' };

export function validateHmisParticipation(input: HmisParticipationInput): HmisParticipationFields {
  const errors: FieldErrors = {};
  const type = readCode(HMIS_PARTICIPATION_TYPE, input.hmisParticipationType);
  if (type === null) addError(errors, 'hmisParticipationType', 'Choose how the project participates.');
  else if (type === undefined) addError(errors, 'hmisParticipationType', 'Choose one of the participation types in the list.');
  const startDate = readDateField(input.startDate, 'startDate', 'participation start date', true, errors);
  const endDate = readDateField(input.endDate, 'endDate', 'participation end date', false, errors);
  checkEnd(startDate, endDate, 'endDate', 'participation end date', errors);
  refuseIfAny(errors);
  return { hmisParticipationType: type!, startDate: startDate!, endDate };
}

/** 2.09's "provided by the CE project" answers, as the form's checkboxes send them. */
export const CE_SERVICES = ['preventionAssessment', 'crisisAssessment', 'housingAssessment', 'directServices'] as const;
export type CeService = (typeof CE_SERVICES)[number];

export const CE_SERVICE_LABELS: Readonly<Record<CeService, string>> = {
  preventionAssessment: 'Homelessness prevention assessment',
  crisisAssessment: 'Crisis needs assessment (shelter assessment)',
  housingAssessment: 'Housing needs assessment',
  directServices: 'Direct services (housing search and/or placement support)',
};

/** 2.09 as typed into its form. */
export interface CeParticipationInput {
  accessPoint: string;
  /** The CE_SERVICES ticked. */
  services: readonly string[];
  receivesReferrals: string;
  startDate: string;
  endDate: string;
}

export const EMPTY_CE_PARTICIPATION: CeParticipationInput = { accessPoint: '', services: [], receivesReferrals: '', startDate: '', endDate: '' };

/**
 * 2.09 Coordinated entry participation. An access point says which CE services it provides (each stored 0 or 1,
 * as HUD asks); a project that is no access point provides none, and all four are 0.
 */
export function validateCeParticipation(input: CeParticipationInput): CeParticipationFields {
  const errors: FieldErrors = {};
  const accessPoint = readCode(NO_YES, input.accessPoint);
  if (accessPoint === null || accessPoint === undefined) addError(errors, 'accessPoint', 'Choose Yes or No: is the project a coordinated entry access point?');
  const unknown = input.services.filter((s) => !(CE_SERVICES as readonly string[]).includes(s));
  if (unknown.length > 0) addError(errors, 'services', 'Tick only the services in the list.');
  else if (accessPoint === 0 && input.services.length > 0) {
    addError(errors, 'services', 'Untick the services, or answer Yes: HUD asks which services an access point provides.');
  }
  const receivesReferrals = readCode(NO_YES, input.receivesReferrals);
  if (receivesReferrals === null || receivesReferrals === undefined) addError(errors, 'receivesReferrals', 'Choose Yes or No: does the project receive referrals from coordinated entry?');
  const startDate = readDateField(input.startDate, 'startDate', 'participation start date', true, errors);
  const endDate = readDateField(input.endDate, 'endDate', 'participation end date', false, errors);
  checkEnd(startDate, endDate, 'endDate', 'participation end date', errors);
  refuseIfAny(errors);
  const provided = (service: CeService) => (accessPoint === 1 && input.services.includes(service) ? 1 : 0);
  return {
    accessPoint: accessPoint!,
    preventionAssessment: provided('preventionAssessment'),
    crisisAssessment: provided('crisisAssessment'),
    housingAssessment: provided('housingAssessment'),
    directServices: provided('directServices'),
    receivesReferrals: receivesReferrals!,
    startDate: startDate!,
    endDate,
  };
}
