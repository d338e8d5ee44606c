import type { ClientFields } from '../../clients/clients.model.js';
import { RACE_FIELDS, type RaceColumn } from '../../hud/client-code-lists.js';

const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : value);
const code = (value: string | undefined, missing = 99) => (value !== undefined && /^\d+$/.test(value) ? Number(value) : missing);

/**
 * A Client.csv row (FY2026 column names, as the validator hands rows on) as Hearth's client fields: what the
 * duplicate rules compare. The SSN is kept only when it has HUD's shape (digits or x), lower-cased as Hearth stores it.
 */
export function clientFieldsOfHudRow(values: Readonly<Record<string, string>>): ClientFields {
  const ssn = orNull(values.SSN);
  return {
    firstName: orNull(values.FirstName),
    middleName: orNull(values.MiddleName),
    lastName: orNull(values.LastName),
    nameSuffix: orNull(values.NameSuffix),
    nameDataQuality: code(values.NameDataQuality),
    ssn: ssn && /^[0-9xX]{9}$/.test(ssn) ? ssn.toLowerCase() : null,
    ssnDataQuality: code(values.SSNDataQuality),
    dob: orNull(values.DOB),
    dobDataQuality: code(values.DOBDataQuality),
    races: Object.fromEntries(RACE_FIELDS.map((r) => [r.column, values[r.csv] === '1' ? 1 : 0])) as Record<RaceColumn, 0 | 1>,
    raceNone: orNull(values.RaceNone) === null ? null : code(values.RaceNone),
    additionalRaceEthnicity: orNull(values.AdditionalRaceEthnicity),
    sex: code(values.Sex),
    veteranStatus: code(values.VeteranStatus),
  };
}
