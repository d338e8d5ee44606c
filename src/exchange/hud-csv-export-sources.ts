import type { HudFileName } from './hud-csv-spec.js';

/**
 * Where each HUD file's rows come from: one mapping table per file. The exporter reads the named table, keeps the
 * rows the export's scope selects (`scope`: the table's link to the export's organizations, projects, clients or
 * enrollments), and writes each HUD column Hearth keeps from the table column of the same name in snake_case
 * (`RelationshipToHoH` → `relationship_to_hoh`; `renamed` for any other). Every other column is written as not
 * collected: empty, or 99 where HUD requires a value from a list that has it.
 *
 * A file whose records Hearth does not keep yet is `null`: the zip still carries it, with its header row, as HUD's
 * checker requires all 24. Adding one once its table exists is a line here (test/exchange/hud-csv-export-sources
 * checks every named column against the database).
 */
export type HudSourceScope = 'organizations' | 'projects' | 'clients' | 'enrollments';

export interface HudFileSource {
  table: string;
  scope: HudSourceScope;
  /** The HUD columns Hearth keeps ('all': every column but ExportID, which no table stores). */
  columns: 'all' | readonly string[];
  /** HUD column → table column, where snake_case does not give it. */
  renamed?: Readonly<Record<string, string>>;
}

/** Export.csv and User.csv are made by the exporter itself (User.csv from the UserIDs the other files hold). */
export type HudDataFileName = Exclude<HudFileName, 'Export' | 'User'>;

const TAIL = ['DateCreated', 'DateUpdated', 'UserID', 'DateDeleted'];

export const HUD_FILE_SOURCES: Readonly<Record<HudDataFileName, HudFileSource | null>> = {
  Organization: { table: 'organizations', scope: 'organizations', columns: 'all' },
  Project: { table: 'projects', scope: 'projects', columns: 'all' },
  Funder: { table: 'funders', scope: 'projects', columns: 'all' },
  ProjectCoC: { table: 'project_cocs', scope: 'projects', columns: 'all' },
  Inventory: { table: 'inventories', scope: 'projects', columns: 'all' },
  Affiliation: { table: 'affiliations', scope: 'projects', columns: 'all' },
  HMISParticipation: { table: 'hmis_participations', scope: 'projects', columns: 'all' },
  CEParticipation: { table: 'ce_participations', scope: 'projects', columns: 'all' },
  Client: {
    table: 'clients',
    scope: 'clients',
    // V1 veteran details (YearEnteredService … DischargeStatus) are not collected yet.
    columns: [
      'PersonalID', 'FirstName', 'MiddleName', 'LastName', 'NameSuffix', 'NameDataQuality', 'SSN', 'SSNDataQuality', 'DOB',
      'DOBDataQuality', 'Sex', 'AmIndAKNative', 'Asian', 'BlackAfAmerican', 'HispanicLatinao', 'MidEastNAfrican',
      'NativeHIPacific', 'White', 'RaceNone', 'AdditionalRaceEthnicity', 'VeteranStatus', ...TAIL,
    ],
  },
  Enrollment: {
    table: 'enrollments',
    scope: 'enrollments',
    columns: [
      'EnrollmentID', 'PersonalID', 'ProjectID', 'EntryDate', 'HouseholdID', 'RelationshipToHoH', 'EnrollmentCoC',
      'LivingSituation', 'RentalSubsidyType', 'LengthOfStay', 'LOSUnderThreshold', 'PreviousStreetESSH', 'DateToStreetESSH',
      'TimesHomelessPastThreeYears', 'MonthsHomelessPastThreeYears', 'DisablingCondition', 'DateOfEngagement', 'MoveInDate', ...TAIL,
    ],
  },
  Exit: {
    table: 'exits',
    scope: 'enrollments',
    columns: ['ExitID', 'EnrollmentID', 'PersonalID', 'ExitDate', 'Destination', 'DestinationSubsidyType', 'OtherDestination', ...TAIL],
  },
  IncomeBenefits: { table: 'income_benefits', scope: 'enrollments', columns: 'all' },
  HealthAndDV: { table: 'health_and_dv', scope: 'enrollments', columns: 'all', renamed: { HealthAndDVID: 'health_and_dv_id' } },
  EmploymentEducation: null,
  Disabilities: { table: 'disabilities', scope: 'enrollments', columns: 'all' },
  Services: { table: 'services', scope: 'enrollments', columns: 'all' },
  CurrentLivingSituation: {
    table: 'current_living_situations',
    scope: 'enrollments',
    columns: 'all',
    renamed: { LeaveSituation14Days: 'leave_situation_14_days', LeaseOwn60Day: 'lease_own_60_day' },
  },
  Assessment: { table: 'assessments', scope: 'enrollments', columns: 'all' },
  AssessmentQuestions: { table: 'assessment_questions', scope: 'enrollments', columns: 'all' },
  AssessmentResults: { table: 'assessment_results', scope: 'enrollments', columns: 'all' },
  Event: { table: 'events', scope: 'enrollments', columns: 'all' },
  // R4–R6 (employment, education) and C3 (youth education status) are not collected yet.
  YouthEducationStatus: null,
};

/** The table column a HUD column is kept in, by default: `RelationshipToHoH` → `relationship_to_hoh`. */
export function snakeCaseColumn(hudName: string): string {
  return hudName
    .replace(/CoC/g, 'Coc')
    .replace(/HoH/g, 'Hoh')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** The table column of a HUD column of this source, or null when Hearth does not keep it. */
export function sourceColumn(source: HudFileSource, hudName: string): string | null {
  if (hudName === 'ExportID') return null;
  if (source.columns !== 'all' && !source.columns.includes(hudName)) return null;
  return source.renamed?.[hudName] ?? snakeCaseColumn(hudName);
}
