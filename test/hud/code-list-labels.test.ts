import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HOPWA_MED_ASSISTED_LIVING_FAC, HOUSING_TYPE, RRH_SUBTYPE, TARGET_POPULATION } from '../../src/hud/code-lists.js';
import { LENGTH_OF_STAY, LIVING_SITUATION, RELATIONSHIP_TO_HOH } from '../../src/hud/enrollment-code-lists.js';

/**
 * HUD's labels, as Appendix B "Lists" of the HMIS CSV Format Specifications FY2026 (version 1.0, October 2025)
 * prints them. The short reference `hud-hmis-csv.md` abbreviates some of these lists ("1=DV"), so the table is
 * written out here. HUD prints a right single quote (’) in "doesn’t" and "friend’s"; Hearth stores the ASCII one.
 */
const HUD_FY2026_LABELS: Record<string, Record<number, string>> = {
  '2.02.7 TargetPopulation': { 1: 'DV: Survivor of Domestic Violence', 3: 'HIV: Persons with HIV/AIDS', 4: 'NA: Not applicable' },
  '2.02.8 HOPWAMedAssistedLivingFac': { 0: 'No', 1: 'Yes', 2: 'Non-HOPWA Funded Project' },
  '2.02.A RRHSubType': { 1: 'RRH: Services Only', 2: 'RRH: Housing with or without services' },
  '2.02.D HousingType': { 1: 'Site-based – single site', 2: 'Site-based – clustered / multiple sites', 3: 'Tenant-based – scattered site' },
  '3.12.1 LivingSituation': {
    116: 'Place not meant for habitation (e.g., a vehicle, an abandoned building, bus/train/subway station/airport or anywhere outside)',
    101: 'Emergency shelter, including hotel or motel paid for with emergency shelter voucher, Host Home shelter',
    118: 'Safe Haven',
    215: 'Foster care home or foster care group home',
    206: 'Hospital or other residential non-psychiatric medical facility',
    207: 'Jail, prison, or juvenile detention facility',
    225: 'Long-term care facility or nursing home',
    204: 'Psychiatric hospital or other psychiatric facility',
    205: 'Substance abuse treatment facility or detox center',
    302: 'Transitional housing for homeless persons (including homeless youth)',
    329: 'Residential project or halfway house with no homeless criteria',
    314: 'Hotel or motel paid for without emergency shelter voucher',
    332: 'Host Home (non-crisis)',
    312: 'Staying or living with family, temporary tenure (e.g. room, apartment, or house)',
    313: 'Staying or living with friends, temporary tenure (e.g. room, apartment, or house)',
    327: 'Moved from one HOPWA funded project to HOPWA TH',
    336: 'Staying or living in a friend’s room, apartment, or house',
    335: 'Staying or living in a family member’s room, apartment, or house',
    422: 'Staying or living with family, permanent tenure',
    423: 'Staying or living with friends, permanent tenure',
    426: 'Moved from one HOPWA funded project to HOPWA PH',
    410: 'Rental by client, no ongoing housing subsidy',
    435: 'Rental by client, with ongoing housing subsidy',
    421: 'Owned by client, with ongoing housing subsidy',
    411: 'Owned by client, no ongoing housing subsidy',
    30: 'No exit interview completed',
    17: 'Other',
    24: 'Deceased',
    37: 'Worker unable to determine',
    8: 'Client doesn’t know',
    9: 'Client prefers not to answer',
    99: 'Data not collected',
  },
  '3.15.1 RelationshipToHoH': {
    1: 'Self (Head of Household)',
    2: 'Head of household’s child',
    3: 'Head of household’s spouse or partner',
    4: 'Head of household’s other relation member',
    5: 'Other: non-relation member',
    99: 'Data not collected',
  },
  '3.917.2 LengthOfStay': {
    2: 'One week or more, but less than one month',
    3: 'One month or more, but less than 90 days',
    4: '90 days or more but less than one year',
    5: 'One year or longer',
    8: 'Client doesn’t know',
    9: 'Client prefers not to answer',
    10: 'One night or less',
    11: 'Two to six nights',
    99: 'Data not collected',
  },
};

const HEARTH: Record<string, Readonly<Record<number, string>>> = {
  '2.02.7 TargetPopulation': TARGET_POPULATION,
  '2.02.8 HOPWAMedAssistedLivingFac': HOPWA_MED_ASSISTED_LIVING_FAC,
  '2.02.A RRHSubType': RRH_SUBTYPE,
  '2.02.D HousingType': HOUSING_TYPE,
  '3.12.1 LivingSituation': LIVING_SITUATION,
  '3.15.1 RelationshipToHoH': RELATIONSHIP_TO_HOH,
  '3.917.2 LengthOfStay': LENGTH_OF_STAY,
};

const asHearthWrites = (label: string) => label.replaceAll('’', "'");

describe('HUD code list labels (finding 18)', () => {
  for (const [list, expected] of Object.entries(HUD_FY2026_LABELS)) {
    it(`${list}: every code and label exactly as HUD's FY2026 CSV lists print them`, () => {
      const hearth = HEARTH[list]!;
      assert.deepEqual(
        Object.keys(hearth).map(Number).sort((a, b) => a - b),
        Object.keys(expected).map(Number).sort((a, b) => a - b),
      );
      for (const [code, label] of Object.entries(expected)) assert.equal(hearth[Number(code)], asHearthWrites(label), `${list} code ${code}`);
    });
  }
});
