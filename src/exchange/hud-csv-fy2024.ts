/**
 * The FY2024 layout, for imports: FY2026 with the differences of reference `hud-csv-files.md` §5 (HUD's FY2024
 * machine-readable specification against FY2026's, confirmed by Open Path's `hmis_structure`), and the FY2024 →
 * FY2026 mapping of the columns that changed.
 */
import { HUD_CSV_FILES, type HudColumn, type HudFile, type HudFileName } from './hud-csv-spec.js';

const integer = (name: string, list?: string, nullable = true): HudColumn => ({ name, type: 'I', nullable, ...(list ? { list } : {}) });
const string = (name: string, maxLength: number): HudColumn => ({ name, type: 'S', maxLength, nullable: true });

/** FY2024's gender columns (3.06), replaced by Sex (4.21) in FY2026. */
export const FY2024_GENDER_COLUMNS = ['Woman', 'Man', 'NonBinary', 'CulturallySpecific', 'Transgender', 'Questioning', 'DifferentIdentity'] as const;

/** Columns FY2026 renamed: FY2024 name → FY2026 name. */
export const FY2024_RENAMED_COLUMNS: Readonly<Partial<Record<HudFileName, Readonly<Record<string, string>>>>> = {
  Client: { HispanicLatinaeo: 'HispanicLatinao' },
};

/** FY2024 columns with no FY2026 column: an import reports their values as not carried over. */
export const FY2024_DROPPED_COLUMNS: Readonly<Partial<Record<HudFileName, readonly string[]>>> = {
  Client: [...FY2024_GENDER_COLUMNS, 'GenderNone', 'DifferentIdentityText'],
  Enrollment: ['SexualOrientation', 'SexualOrientationOther', 'TranslationNeeded', 'PreferredLanguage', 'PreferredLanguageDifferent'],
};

/** FY2026 columns FY2024 files do not have (left empty when importing them). */
export const FY2026_NEW_COLUMNS: Readonly<Partial<Record<HudFileName, readonly string[]>>> = {
  Client: ['Sex'],
  Enrollment: ['MentalHealthConsultation'],
};

/** Lists that changed: in FY2024 these columns took the list given here. */
const FY2024_LISTS: Readonly<Partial<Record<HudFileName, Readonly<Record<string, string>>>>> = {
  Enrollment: Object.fromEntries(
    ['UnemploymentFam', 'MentalHealthDisorderFam', 'PhysicalDisabilityFam', 'AlcoholDrugUseDisorderFam', 'InsufficientIncome', 'IncarceratedParent'].map((c) => [c, '1.7']),
  ),
  Exit: Object.fromEntries(['CounselingReceived', 'PostExitCounselingPlan', 'EmailSocialMedia', 'Telephone', 'InPersonIndividual', 'InPersonGroup'].map((c) => [c, '1.7'])),
};

function fy2024(file: HudFile): HudFile {
  const lists = FY2024_LISTS[file.name] ?? {};
  let columns = file.columns.map((c): HudColumn => {
    const list = lists[c.name];
    return list ? { ...c, list } : c;
  });
  const replace = (name: string, by: (c: HudColumn) => HudColumn[]) => {
    columns = columns.flatMap((c) => (c.name === name ? by(c) : [c]));
  };
  switch (file.name) {
    case 'Export':
      replace('SourceID', (c) => [{ ...c, maxLength: 32 }]);
      break;
    case 'Client':
      replace('Sex', () => []);
      replace('HispanicLatinao', (c) => [{ ...c, name: 'HispanicLatinaeo' }]);
      replace('AdditionalRaceEthnicity', (c) => [
        c,
        ...FY2024_GENDER_COLUMNS.map((g) => integer(g, '1.10', false)),
        integer('GenderNone', '1.6'),
        string('DifferentIdentityText', 100),
      ]);
      break;
    case 'Enrollment':
      replace('MentalHealthConsultation', () => []);
      replace('RunawayYouth', (c) => [c, integer('SexualOrientation', 'R3.1'), string('SexualOrientationOther', 100)]);
      // PreferredLanguage is list C4.A (several hundred languages), which FY2026 dropped with it: not checked.
      replace('ThresholdScore', (c) => [c, integer('TranslationNeeded', '1.8'), integer('PreferredLanguage'), string('PreferredLanguageDifferent', 100)]);
      break;
    case 'Services':
      replace('TypeProvided', (c) =>
        typeof c.list === 'object' ? [{ ...c, list: { ...c.list, lists: { ...c.list.lists, '152': 'V3.3' } } }] : [c],
      );
      break;
    case 'CurrentLivingSituation':
      replace('VerifiedBy', (c) => [{ ...c, maxLength: 100 }]);
      break;
    default:
      break;
  }
  return { ...file, columns };
}

/** The FY2024 files, in HUD's order. */
export const HUD_CSV_FY2024_FILES: readonly HudFile[] = HUD_CSV_FILES.map(fy2024);
