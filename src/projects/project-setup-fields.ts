import { ValidationError } from '../errors.js';
import { GEOGRAPHY_TYPE } from '../hud/project-code-lists.js';
import { addError, readCode, readText, type FieldErrors } from './project-fields.js';
import type { ProjectCocFields } from './project-setup.model.js';

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
