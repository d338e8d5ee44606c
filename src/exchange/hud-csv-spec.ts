/**
 * The HUD HMIS CSV FY2026 file specification as data: the 24 files, each with its columns in HUD's order and
 * spelling, their types, nullability, code lists and formats, the file's key and what it references. The exporter
 * writes from it and the importer validates against it; the FY2024 layout (for imports) is derived from it in
 * hud-csv-fy2024.ts. Source: reference `hud-csv-files.md` §1–§4 (the final FY2026 layout: HUD's draft corrected,
 * so Enrollment.csv has 67 columns) and `hud-hmis-csv.md` §1; code lists in hud-csv-lists.ts.
 *
 * Types: S (string of at most `maxLength` characters), I (non-negative integer), D (date `yyyy-mm-dd`), T (date and
 * time `yyyy-mm-dd hh:mm:ss`, no zone), M (money, two decimals, may be negative), M+ (money, not negative).
 */
import { isHudCode, type HudCode } from './hud-csv-lists.js';

export const HUD_FILE_NAMES = [
  'Export',
  'Organization',
  'User',
  'Project',
  'Funder',
  'ProjectCoC',
  'Inventory',
  'Affiliation',
  'HMISParticipation',
  'CEParticipation',
  'Client',
  'Enrollment',
  'Exit',
  'IncomeBenefits',
  'HealthAndDV',
  'EmploymentEducation',
  'Disabilities',
  'Services',
  'CurrentLivingSituation',
  'Assessment',
  'AssessmentQuestions',
  'AssessmentResults',
  'Event',
  'YouthEducationStatus',
] as const;

export type HudFileName = (typeof HUD_FILE_NAMES)[number];
export type HudType = 'S' | 'I' | 'D' | 'T' | 'M' | 'M+';
export type HudCsvVersion = 2024 | 2026;

/** What Export.csv's CSVVersion says of an FY2026 export. */
export const CSV_VERSION_2026 = '2026 v1.0';

/**
 * The code list of a column whose list depends on other columns of its row: Services.TypeProvided by RecordType,
 * SubTypeProvided by RecordType and TypeProvided, Disabilities.DisabilityResponse by DisabilityType. The key of
 * `lists` is the values of `dependsOn`, joined with ','; `otherwise` applies to every other combination.
 */
export interface DependentList {
  dependsOn: readonly string[];
  lists: Readonly<Record<string, string>>;
  otherwise?: string;
}

export interface HudColumn {
  /** HUD's spelling (headers are case-sensitive for HUD's checker). */
  name: string;
  type: HudType;
  /** S only: at most this many characters. */
  maxLength?: number;
  /** Whether the value may be empty. */
  nullable: boolean;
  /** The HUD code list (hud-csv-lists.ts) the value comes from. */
  list?: string | DependentList;
  /** Codes of the list this column may not hold (e.g. a prior living situation is never 24, Deceased). */
  excluded?: readonly number[];
  /** The shape a string must have (SSN, CoC code, Geocode, ZIP, phone …). */
  pattern?: RegExp;
  /**
   * A name or SSN column: hashed (HashStatus 4), it holds a SHA-256 digest longer than its S limit (reference §2;
   * Open Path skips the length check for them).
   */
  hashable?: boolean;
}

export interface HudReference {
  /** Columns of this file … */
  columns: readonly string[];
  /** … that name a row of that file, by these columns (its key unless said otherwise). */
  file: HudFileName;
  fileColumns: readonly string[];
}

export interface HudFile {
  name: HudFileName;
  /** The entry's name in the zip: `Client.csv`. */
  fileName: string;
  columns: readonly HudColumn[];
  /** The primary key column (unique in the file). */
  key: string;
  references: readonly HudReference[];
}

// ---------------------------------------------------------------------------------------------------------------
// Declaring columns: "Name Type[?] [list]", e.g. "ProjectType I? 2.02.6" or "SSN S9?".

function col(spec: string, extra: Partial<HudColumn> = {}): HudColumn {
  const [name, rawType, listId] = spec.split(' ') as [string, string, string | undefined];
  const nullable = rawType.endsWith('?');
  const type = nullable ? rawType.slice(0, -1) : rawType;
  const string = /^S(\d+)$/.exec(type);
  if (!string && !['I', 'D', 'T', 'M', 'M+'].includes(type)) throw new Error(`Bad HUD column type in "${spec}"`);
  return {
    name,
    type: string ? 'S' : (type as HudType),
    ...(string ? { maxLength: Number(string[1]) } : {}),
    nullable,
    ...(listId ? { list: listId } : {}),
    ...extra,
  };
}

const cols = (...specs: (string | HudColumn)[]): HudColumn[] => specs.map((s) => (typeof s === 'string' ? col(s) : s));

/** The last five columns of every file but Export and User. */
const TAIL = cols('DateCreated T', 'DateUpdated T', 'UserID S32', 'DateDeleted T?', 'ExportID S32');

const COC_CODE = /^[A-Za-z]{2}-[0-9]{3}$/;
const PHONE = /^[2-9][0-9]{2}[2-9][0-9]{2}[0-9]{4}$/;
const EXTENSION = /^[0-9]{1,5}$/;
/** Loose on purpose: the checkers ask for "a valid e-mail", and the exporter writes what accounts hold. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

// Living situations HUD excludes, per use of list 3.12.1 (reference §4 and §6, "CSV Lists Validation").
const NOT_PRIOR_LIVING_SITUATION = [312, 313, 327, 422, 423, 426, 30, 17, 24, 37];
const NOT_CURRENT_LIVING_SITUATION = [312, 313, 327, 422, 423, 426, 30, 24];
const NOT_DESTINATION = [336, 335, 37];

/** A file of enrollment data: its key, then EnrollmentID and PersonalID (which name the enrollment together). */
function enrollmentFile(name: HudFileName, key: string, columns: HudColumn[], extra: HudReference[] = []): HudFile {
  return file(name, key, columns, [
    { columns: ['EnrollmentID', 'PersonalID'], file: 'Enrollment', fileColumns: ['EnrollmentID', 'PersonalID'] },
    { columns: ['PersonalID'], file: 'Client', fileColumns: ['PersonalID'] },
    ...extra,
  ]);
}

function file(name: HudFileName, key: string, columns: HudColumn[], references: HudReference[] = []): HudFile {
  const userReference: HudReference[] = columns.some((c) => c.name === 'UserID') && name !== 'User' ? [{ columns: ['UserID'], file: 'User', fileColumns: ['UserID'] }] : [];
  return { name, fileName: `${name}.csv`, columns, key, references: [...references, ...userReference] };
}

const toProject = (column = 'ProjectID'): HudReference => ({ columns: [column], file: 'Project', fileColumns: ['ProjectID'] });

// ---------------------------------------------------------------------------------------------------------------
// The files (reference §4), in HUD's order.

const FY2026_FILES: readonly HudFile[] = [
  file(
    'Export',
    'ExportID',
    cols(
      'ExportID S32',
      'SourceType I 1.9',
      col('SourceID S350?', { pattern: /^[A-Za-z]{2}-[0-9]{3}(;[A-Za-z]{2}-[0-9]{3})*$/ }),
      'SourceName S50?',
      'SourceContactFirst S50?',
      'SourceContactLast S50?',
      col('SourceContactPhone S10?', { pattern: PHONE }),
      col('SourceContactExtension S5?', { pattern: EXTENSION }),
      col('SourceContactEmail S320?', { pattern: EMAIL }),
      'ExportDate T',
      'ExportStartDate D',
      'ExportEndDate D',
      'SoftwareName S50',
      'SoftwareVersion S50?',
      'CSVVersion S50?',
      'ExportPeriodType I 1.1',
      'ExportDirective I 1.2',
      'HashStatus I 1.5',
      'ImplementationID S200',
    ),
  ),
  file('Organization', 'OrganizationID', cols('OrganizationID S32', 'OrganizationName S200', 'VictimServiceProvider I 1.10', 'OrganizationCommonName S200?', ...TAIL)),
  file(
    'User',
    'UserID',
    cols(
      'UserID S32',
      'UserFirstName S50?',
      'UserLastName S50?',
      col('UserPhone S10?', { pattern: PHONE }),
      col('UserExtension S5?', { pattern: EXTENSION }),
      col('UserEmail S320?', { pattern: EMAIL }),
      'DateCreated T',
      'DateUpdated T',
      'DateDeleted T?',
      'ExportID S32',
    ),
  ),
  file(
    'Project',
    'ProjectID',
    cols(
      'ProjectID S32',
      'OrganizationID S32',
      'ProjectName S200',
      'ProjectCommonName S200?',
      'OperatingStartDate D',
      'OperatingEndDate D?',
      'ContinuumProject I 1.10',
      'ProjectType I? 2.02.6',
      'HousingType I? 2.02.D',
      'RRHSubType I? 2.02.A',
      'ResidentialAffiliation I? 1.10',
      'TargetPopulation I? 2.02.7',
      'HOPWAMedAssistedLivingFac I? 2.02.8',
      'PITCount I?',
      ...TAIL,
    ),
    [{ columns: ['OrganizationID'], file: 'Organization', fileColumns: ['OrganizationID'] }],
  ),
  file(
    'Funder',
    'FunderID',
    cols('FunderID S32', 'ProjectID S32', 'Funder I 2.06.1', 'OtherFunder S100?', 'GrantID S100', 'StartDate D', 'EndDate D?', ...TAIL),
    [toProject()],
  ),
  file(
    'ProjectCoC',
    'ProjectCoCID',
    cols(
      'ProjectCoCID S32',
      'ProjectID S32',
      col('CoCCode S6', { pattern: COC_CODE }),
      col('Geocode S6', { pattern: /^[0-9]{6}$/ }),
      'Address1 S100?',
      'Address2 S100?',
      'City S50?',
      col('State S2?', { pattern: /^[A-Za-z]{2}$/ }),
      col('ZIP S5?', { pattern: /^[0-9]{5}$/ }),
      'GeographyType I? 2.03.4',
      ...TAIL,
    ),
    [toProject()],
  ),
  file(
    'Inventory',
    'InventoryID',
    cols(
      'InventoryID S32',
      'ProjectID S32',
      col('CoCCode S6', { pattern: COC_CODE }),
      'HouseholdType I 2.07.4',
      'Availability I? 2.07.6',
      'UnitInventory I',
      'BedInventory I',
      'CHVetBedInventory I?',
      'YouthVetBedInventory I?',
      'VetBedInventory I?',
      'CHYouthBedInventory I?',
      'YouthBedInventory I?',
      'CHBedInventory I?',
      'OtherBedInventory I?',
      'ESBedType I? 2.07.5',
      'InventoryStartDate D',
      'InventoryEndDate D?',
      ...TAIL,
    ),
    [toProject(), { columns: ['ProjectID', 'CoCCode'], file: 'ProjectCoC', fileColumns: ['ProjectID', 'CoCCode'] }],
  ),
  file('Affiliation', 'AffiliationID', cols('AffiliationID S32', 'ProjectID S32', 'ResProjectID S32', ...TAIL), [toProject(), toProject('ResProjectID')]),
  file(
    'HMISParticipation',
    'HMISParticipationID',
    cols('HMISParticipationID S32', 'ProjectID S32', 'HMISParticipationType I 2.08.1', 'HMISParticipationStatusStartDate D', 'HMISParticipationStatusEndDate D?', ...TAIL),
    [toProject()],
  ),
  file(
    'CEParticipation',
    'CEParticipationID',
    cols(
      'CEParticipationID S32',
      'ProjectID S32',
      'AccessPoint I 1.10',
      'PreventionAssessment I? 1.10',
      'CrisisAssessment I? 1.10',
      'HousingAssessment I? 1.10',
      'DirectServices I? 1.10',
      'ReceivesReferrals I 1.10',
      'CEParticipationStatusStartDate D',
      'CEParticipationStatusEndDate D?',
      ...TAIL,
    ),
    [toProject()],
  ),
  file(
    'Client',
    'PersonalID',
    cols(
      'PersonalID S32',
      col('FirstName S50?', { hashable: true }),
      col('MiddleName S50?', { hashable: true }),
      col('LastName S50?', { hashable: true }),
      'NameSuffix S50?',
      'NameDataQuality I 3.01.5',
      col('SSN S9?', { pattern: /^[0-9xX]{9}$/, hashable: true }),
      'SSNDataQuality I 3.02.2',
      'DOB D?',
      'DOBDataQuality I 3.03.2',
      'Sex I? 4.21',
      'AmIndAKNative I 1.10',
      'Asian I 1.10',
      'BlackAfAmerican I 1.10',
      'HispanicLatinao I 1.10',
      'MidEastNAfrican I 1.10',
      'NativeHIPacific I 1.10',
      'White I 1.10',
      'RaceNone I? 1.6',
      'AdditionalRaceEthnicity S100?',
      'VeteranStatus I 1.8',
      'YearEnteredService I?',
      'YearSeparated I?',
      'WorldWarII I? 1.8',
      'KoreanWar I? 1.8',
      'VietnamWar I? 1.8',
      'DesertStorm I? 1.8',
      'AfghanistanOEF I? 1.8',
      'IraqOIF I? 1.8',
      'IraqOND I? 1.8',
      'OtherTheater I? 1.8',
      'MilitaryBranch I? V1.11',
      'DischargeStatus I? V1.12',
      ...TAIL,
    ),
  ),
  file(
    'Enrollment',
    'EnrollmentID',
    cols(
      'EnrollmentID S32',
      'PersonalID S32',
      'ProjectID S32',
      'EntryDate D',
      'HouseholdID S32',
      'RelationshipToHoH I 3.15.1',
      col('EnrollmentCoC S6', { pattern: COC_CODE }),
      col('LivingSituation I? 3.12.1', { excluded: NOT_PRIOR_LIVING_SITUATION }),
      'RentalSubsidyType I? 3.12.A',
      'LengthOfStay I? 3.917.2',
      'LOSUnderThreshold I? 1.7',
      'PreviousStreetESSH I? 1.7',
      'DateToStreetESSH D?',
      'TimesHomelessPastThreeYears I? 3.917.4',
      'MonthsHomelessPastThreeYears I? 3.917.5',
      'DisablingCondition I 1.8',
      'DateOfEngagement D?',
      'MoveInDate D?',
      'DateOfPATHStatus D?',
      'ClientEnrolledInPATH I? 1.7',
      'ReasonNotEnrolled I? P3.A',
      'PercentAMI I? V4.1',
      'ReferralSource I? R1.1',
      'CountOutreachReferralApproaches I?',
      'DateOfBCPStatus D?',
      'EligibleForRHY I? 1.7',
      'ReasonNoServices I? R2.A',
      'RunawayYouth I? 1.8',
      'FormerWardChildWelfare I? 1.8',
      'ChildWelfareYears I? R11.A',
      'ChildWelfareMonths I?',
      'FormerWardJuvenileJustice I? 1.8',
      'JuvenileJusticeYears I? R11.A',
      'JuvenileJusticeMonths I?',
      'UnemploymentFam I? 1.8',
      'MentalHealthDisorderFam I? 1.8',
      'PhysicalDisabilityFam I? 1.8',
      'AlcoholDrugUseDisorderFam I? 1.8',
      'InsufficientIncome I? 1.8',
      'IncarceratedParent I? 1.8',
      'VAMCStation S5? V6.1',
      'TargetScreenReqd I? 1.7',
      'TimeToHousingLoss I? V7.A',
      'AnnualPercentAMI I? V7.B',
      'LiteralHomelessHistory I? V7.C',
      'ClientLeaseholder I? 1.7',
      'HOHLeaseholder I? 1.7',
      'SubsidyAtRisk I? 1.7',
      'EvictionHistory I? V7.G',
      'CriminalRecord I? 1.7',
      'IncarceratedAdult I? V7.I',
      'PrisonDischarge I? 1.7',
      'SexOffender I? 1.7',
      'DisabledHoH I? 1.7',
      'CurrentPregnant I? 1.7',
      'SingleParent I? 1.7',
      'DependentUnder6 I? V7.O',
      'HH5Plus I? 1.7',
      'CoCPrioritized I? 1.7',
      'HPScreeningScore I?',
      'ThresholdScore I?',
      'MentalHealthConsultation I? V10',
      ...TAIL,
    ),
    [
      { columns: ['PersonalID'], file: 'Client', fileColumns: ['PersonalID'] },
      toProject(),
      { columns: ['ProjectID', 'EnrollmentCoC'], file: 'ProjectCoC', fileColumns: ['ProjectID', 'CoCCode'] },
    ],
  ),
  enrollmentFile(
    'Exit',
    'ExitID',
    cols(
      'ExitID S32',
      'EnrollmentID S32',
      'PersonalID S32',
      'ExitDate D',
      col('Destination I 3.12.1', { excluded: NOT_DESTINATION }),
      'DestinationSubsidyType I? 3.12.A',
      'OtherDestination S50?',
      'HousingAssessment I? W5.1',
      'SubsidyInformation I? W5.AB',
      'ProjectCompletionStatus I? R17.1',
      'EarlyExitReason I? R17.A',
      'ExchangeForSex I? 1.8',
      'ExchangeForSexPastThreeMonths I? 1.8',
      'CountOfExchangeForSex I? R15.B',
      'AskedOrForcedToExchangeForSex I? 1.8',
      'AskedOrForcedToExchangeForSexPastThreeMonths I? 1.8',
      'WorkplaceViolenceThreats I? 1.8',
      'WorkplacePromiseDifference I? 1.8',
      'CoercedToContinueWork I? 1.8',
      'LaborExploitPastThreeMonths I? 1.8',
      'CounselingReceived I? 1.10',
      // HUD's draft lists 1.7, Bitfocus's FY2026 notes 1.10 (reference §1): 1.7 holds 0, 1 and 99, so both pass.
      'IndividualCounseling I? 1.7',
      'FamilyCounseling I? 1.7',
      'GroupCounseling I? 1.7',
      'SessionCountAtExit I?',
      'PostExitCounselingPlan I? 1.10',
      'SessionsInPlan I?',
      'DestinationSafeClient I? 1.8',
      'DestinationSafeWorker I? R19.A',
      'PosAdultConnections I? R19.A',
      'PosPeerConnections I? R19.A',
      'PosCommunityConnections I? R19.A',
      'AftercareDate D?',
      'AftercareProvided I? R20.2',
      'EmailSocialMedia I? 1.10',
      'Telephone I? 1.10',
      'InPersonIndividual I? 1.10',
      'InPersonGroup I? 1.10',
      'CMExitReason I? V9.1',
      ...TAIL,
    ),
  ),
  enrollmentFile(
    'IncomeBenefits',
    'IncomeBenefitsID',
    cols(
      'IncomeBenefitsID S32',
      'EnrollmentID S32',
      'PersonalID S32',
      'InformationDate D',
      'IncomeFromAnySource I? 1.8',
      'TotalMonthlyIncome M+?',
      ...['Earned', 'Unemployment', 'SSI', 'SSDI', 'VADisabilityService', 'VADisabilityNonService', 'PrivateDisability', 'WorkersComp', 'TANF', 'GA', 'SocSecRetirement', 'Pension', 'ChildSupport', 'Alimony'].flatMap(
        (source) => [`${source} I? 1.7`, `${source}Amount M+?`],
      ),
      'OtherIncomeSource I? 1.7',
      'OtherIncomeAmount M+?',
      'OtherIncomeSourceIdentify S50?',
      'BenefitsFromAnySource I? 1.8',
      'SNAP I? 1.7',
      'WIC I? 1.7',
      'TANFChildCare I? 1.7',
      'TANFTransportation I? 1.7',
      'OtherTANF I? 1.7',
      'OtherBenefitsSource I? 1.7',
      'OtherBenefitsSourceIdentify S50?',
      'InsuranceFromAnySource I? 1.8',
      ...['Medicaid', 'Medicare', 'SCHIP'].flatMap((insurance) => [`${insurance} I? 1.7`, `No${insurance}Reason I? 4.04.A`]),
      'VHAServices I? 1.7',
      'NoVHAReason I? 4.04.A',
      ...['EmployerProvided', 'COBRA', 'PrivatePay', 'StateHealthIns', 'IndianHealthServices'].flatMap((insurance) => [`${insurance} I? 1.7`, `No${insurance}Reason I? 4.04.A`]),
      'OtherInsurance I? 1.7',
      'OtherInsuranceIdentify S50?',
      'ADAP I? 1.8',
      'NoADAPReason I? W3',
      'RyanWhiteMedDent I? 1.8',
      'NoRyanWhiteReason I? W3',
      'ConnectionWithSOAR I? 1.8',
      'DataCollectionStage I 5.03.1',
      ...TAIL,
    ),
  ),
  enrollmentFile(
    'HealthAndDV',
    'HealthAndDVID',
    cols(
      'HealthAndDVID S32',
      'EnrollmentID S32',
      'PersonalID S32',
      'InformationDate D',
      'DomesticViolenceSurvivor I? 1.8',
      'WhenOccurred I? 4.11.A',
      'CurrentlyFleeing I? 1.8',
      'GeneralHealthStatus I? R7.1',
      'DentalHealthStatus I? R7.1',
      'MentalHealthStatus I? R7.1',
      'PregnancyStatus I? 1.8',
      'DueDate D?',
      'DataCollectionStage I 5.03.1',
      ...TAIL,
    ),
  ),
  enrollmentFile(
    'EmploymentEducation',
    'EmploymentEducationID',
    cols(
      'EmploymentEducationID S32',
      'EnrollmentID S32',
      'PersonalID S32',
      'InformationDate D',
      'LastGradeCompleted I? R4.1',
      'SchoolStatus I? R5.1',
      'Employed I? 1.8',
      'EmploymentType I? R6.A',
      'NotEmployedReason I? R6.B',
      'DataCollectionStage I 5.03.1',
      ...TAIL,
    ),
  ),
  enrollmentFile(
    'Disabilities',
    'DisabilitiesID',
    cols(
      'DisabilitiesID S32',
      'EnrollmentID S32',
      'PersonalID S32',
      'InformationDate D',
      'DisabilityType I 1.3',
      col('DisabilityResponse I', { list: { dependsOn: ['DisabilityType'], lists: { '10': '4.10.2' }, otherwise: '1.8' } }),
      'IndefiniteAndImpairs I? 1.8',
      'TCellCountAvailable I? 1.8',
      'TCellCount I?',
      'TCellSource I? W4.B',
      'ViralLoadAvailable I? W4.3',
      'ViralLoad I?',
      'ViralLoadSource I? W4.B',
      'AntiRetroviral I? 1.8',
      'DataCollectionStage I 5.03.1',
      ...TAIL,
    ),
  ),
  enrollmentFile(
    'Services',
    'ServicesID',
    cols(
      'ServicesID S32',
      'EnrollmentID S32',
      'PersonalID S32',
      'DateProvided D',
      'RecordType I 1.4',
      col('TypeProvided I', {
        list: {
          dependsOn: ['RecordType'],
          lists: { '141': 'P1.2', '142': 'R14.2', '143': 'W1.2', '144': 'V2.2', '151': 'W2.2', '152': 'V3.4', '161': 'P2.2', '200': '4.14', '210': 'V8.2', '300': 'C2.2' },
        },
      }),
      'OtherTypeProvided S50?',
      'MovingOnOtherType S50?',
      col('SubTypeProvided I?', { list: { dependsOn: ['RecordType', 'TypeProvided'], lists: { '144,3': 'V2.A', '144,4': 'V2.B', '144,5': 'V2.C' } } }),
      'FAAmount M?',
      'FAStartDate D?',
      'FAEndDate D?',
      'ReferralOutcome I? P2.A',
      ...TAIL,
    ),
  ),
  enrollmentFile(
    'CurrentLivingSituation',
    'CurrentLivingSitID',
    cols(
      'CurrentLivingSitID S32',
      'EnrollmentID S32',
      'PersonalID S32',
      'InformationDate D',
      col('CurrentLivingSituation I 3.12.1', { excluded: NOT_CURRENT_LIVING_SITUATION }),
      'CLSSubsidyType I? 3.12.A',
      'VerifiedBy S200?',
      'LeaveSituation14Days I? 1.8',
      'SubsequentResidence I? 1.8',
      'ResourcesToObtain I? 1.8',
      'LeaseOwn60Day I? 1.8',
      'MovedTwoOrMore I? 1.8',
      'LocationDetails S250?',
      ...TAIL,
    ),
  ),
  enrollmentFile(
    'Assessment',
    'AssessmentID',
    cols(
      'AssessmentID S32',
      'EnrollmentID S32',
      'PersonalID S32',
      'AssessmentDate D',
      'AssessmentLocation S250',
      'AssessmentType I 4.19.3',
      'AssessmentLevel I 4.19.4',
      'PrioritizationStatus I 4.19.7',
      ...TAIL,
    ),
  ),
  enrollmentFile(
    'AssessmentQuestions',
    'AssessmentQuestionID',
    cols(
      'AssessmentQuestionID S32',
      'AssessmentID S32',
      'EnrollmentID S32',
      'PersonalID S32',
      'AssessmentQuestionGroup S250?',
      'AssessmentQuestionOrder I?',
      'AssessmentQuestion S250',
      'AssessmentAnswer S500?',
      ...TAIL,
    ),
    [{ columns: ['AssessmentID'], file: 'Assessment', fileColumns: ['AssessmentID'] }],
  ),
  enrollmentFile(
    'AssessmentResults',
    'AssessmentResultID',
    cols('AssessmentResultID S32', 'AssessmentID S32', 'EnrollmentID S32', 'PersonalID S32', 'AssessmentResultType S250', 'AssessmentResult S250?', ...TAIL),
    [{ columns: ['AssessmentID'], file: 'Assessment', fileColumns: ['AssessmentID'] }],
  ),
  enrollmentFile(
    'Event',
    'EventID',
    cols(
      'EventID S32',
      'EnrollmentID S32',
      'PersonalID S32',
      'EventDate D',
      'Event I 4.20.2',
      'ProbSolDivRRResult I? 1.7',
      'ReferralCaseManageAfter I? 1.7',
      'LocationCrisisOrPHHousing S250?',
      'ReferralResult I? 4.20.D',
      'ResultDate D?',
      ...TAIL,
    ),
  ),
  enrollmentFile(
    'YouthEducationStatus',
    'YouthEducationStatusID',
    cols(
      'YouthEducationStatusID S32',
      'EnrollmentID S32',
      'PersonalID S32',
      'InformationDate D',
      'CurrentSchoolAttend I? C3.2',
      'MostRecentEdStatus I? C3.A',
      'CurrentEdStatus I? C3.B',
      'DataCollectionStage I 5.03.1',
      ...TAIL,
    ),
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// Looking things up

/** The FY2026 files, in HUD's order. */
export const HUD_CSV_FILES: readonly HudFile[] = FY2026_FILES;

const BY_NAME = new Map(FY2026_FILES.map((f) => [f.name, f]));

export function hudFile(name: HudFileName): HudFile {
  return BY_NAME.get(name)!;
}

/** The header row of a file, exactly as HUD spells it. */
export function hudHeader(name: HudFileName): string[] {
  return hudFile(name).columns.map((c) => c.name);
}

/**
 * How a header cell is compared with HUD's name: trimmed and case-insensitive, because real exports differ
 * (`WorkPlaceViolenceThreats`, `Zip`, `HoHLeaseholder`, `"PersonalID "`: reference §1).
 */
export function headerKey(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().toLowerCase();
}

/** The column a header cell names in this file, matched as headerKey says; undefined for a column HUD does not have. */
export function columnOfHeader(file: HudFile, header: string): HudColumn | undefined {
  const key = headerKey(header);
  return file.columns.find((c) => c.name.toLowerCase() === key);
}

/** The zip entry name a file is known by (Open Path matches file names case-insensitively too). */
export function fileOfEntryName(files: readonly HudFile[], entryName: string): HudFile | undefined {
  const base = entryName.split('/').pop()!.toLowerCase();
  return files.find((f) => f.fileName.toLowerCase() === base);
}

// ---------------------------------------------------------------------------------------------------------------
// Values

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const INTEGER = /^(0|[1-9][0-9]*)$/;
const MONEY = /^-?(0|[1-9][0-9]*)(\.[0-9]{1,2})?$/;

function realDate(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

/** The list a column's value must come from in this row, if any (a dependent list reads the row's other columns). */
export function listOf(column: HudColumn, row: (columnName: string) => string | undefined): string | undefined {
  const { list } = column;
  if (list === undefined || typeof list === 'string') return list;
  const key = list.dependsOn.map((name) => (row(name) ?? '').trim()).join(',');
  return list.lists[key] ?? list.otherwise;
}

/**
 * What is wrong with one value as written in a CSV cell (empty = null), or null when nothing is: a missing required
 * value, the type and its format, a string's length (not for a hashed name or SSN), a code list (with the column's
 * exclusions) and a pattern. `row` gives the other values of the row, for dependent lists. Conditional rules
 * ("null unless …") and references between files are left to the caller.
 */
export function valueProblem(
  column: HudColumn,
  value: string,
  options: { hashed?: boolean; row?: (columnName: string) => string | undefined } = {},
): string | null {
  if (value === '') return column.nullable ? null : `${column.name} is required`;
  const hashed = options.hashed === true && column.hashable === true;
  switch (column.type) {
    case 'S':
      if (!hashed && column.maxLength !== undefined && [...value].length > column.maxLength) {
        return `${column.name} is longer than ${column.maxLength} characters`;
      }
      if (/[<>[\]{}]/.test(value)) return `${column.name} holds one of < > [ ] { }, which FY2026 does not allow`;
      break;
    case 'I':
      if (!INTEGER.test(value)) return `${column.name} is not a whole number`;
      break;
    case 'D': {
      const m = DATE.exec(value);
      if (!m || !realDate(m[1]!, m[2]!, m[3]!)) return `${column.name} is not a date written yyyy-mm-dd`;
      break;
    }
    case 'T': {
      const m = DATETIME.exec(value);
      if (!m || !realDate(m[1]!, m[2]!, m[3]!) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) {
        return `${column.name} is not a date and time written yyyy-mm-dd hh:mm:ss`;
      }
      break;
    }
    case 'M':
    case 'M+':
      if (!MONEY.test(value)) return `${column.name} is not an amount of money`;
      if (column.type === 'M+' && value.startsWith('-')) return `${column.name} may not be negative`;
      break;
  }
  if (column.pattern && !hashed && !column.pattern.test(value)) return `${column.name} does not have HUD's format`;
  const listId = listOf(column, options.row ?? (() => undefined));
  if (listId) {
    const code: HudCode = column.type === 'I' ? Number(value) : value;
    if (!isHudCode(listId, code) || (typeof code === 'number' && column.excluded?.includes(code))) {
      return `${column.name} ${value} is not a value of HUD list ${listId}`;
    }
  }
  return null;
}
