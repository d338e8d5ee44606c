import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

/** Timestamps are always written from the injected clock, never from the database's now(). */
type Timestamp = ColumnType<Date, Date, Date>;

/** HMIS administrator; agency manager (their agencies' projects and staff); case manager (clients, their agencies' enrollments). */
export type Role = 'admin' | 'agency_manager' | 'case_manager';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  first_name: string;
  last_name: string;
  email: string | null;
  is_volunteer: boolean;
  role: Role;
  password_hash: string | null;
  password_is_temporary: boolean;
  password_set_at: Timestamp | null;
  password_expires_at: Timestamp | null;
  failed_login_count: Generated<number>;
  locked_until: Timestamp | null;
  deactivated_at: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: number;
  password_hash: string;
  created_at: Timestamp;
}

/**
 * A full session reaches everything the user's role allows. The others are steps of signing in, each
 * reaching only its own page (and logout): the authentication code, the forced password change, the
 * forced second-factor enrolment.
 */
export type SessionKind = 'full' | 'password_change' | 'second_factor' | 'second_factor_enrolment';

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  kind: SessionKind;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface PasswordResetTokensTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export type MailStatus = 'queued' | 'sent' | 'abandoned';

export interface MailOutboxTable {
  id: Generated<number>;
  recipient: string;
  template: string;
  subject: string;
  /** The message body, encrypted at rest (it may hold a reset link) and erased once sent. */
  sealed_body: string | null;
  status: MailStatus;
  attempts: number;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  occurred_at: Timestamp;
  site: string;
  event: string;
  actor_user_id: number | null;
  actor_username: string | null;
  subject_user_id: number | null;
  subject_username: string | null;
  ip: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
  /** The client (PersonalID) the entry is about, if any. */
  client_personal_id: ColumnType<string | null, string | null | undefined, never>;
}

export interface AttemptEventsTable {
  id: Generated<string>;
  bucket: string;
  key: string;
  at: Timestamp;
}

export interface SecondFactorsTable {
  user_id: number;
  totp_secret_sealed: string;
  last_used_step: number | null;
  enabled_at: Timestamp;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
}

export interface KnownDevicesTable {
  user_id: number;
  device_hash: string;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  user_agent: string | null;
}

export interface SiteSettingsTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}

/** HUD Client.csv (FY2026), one row per person; codes are the HUD lists in src/hud/client-code-lists.ts. */
export interface ClientsTable {
  personal_id: string;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  name_suffix: string | null;
  name_data_quality: number;
  /** 9 characters, digits or x (unknown digit); null when missing. */
  ssn: string | null;
  ssn_data_quality: number;
  /** YYYY-MM-DD; repositories read it back as text so no time zone can shift the day. */
  dob: ColumnType<string | null, string | null, string | null>;
  dob_data_quality: number;
  am_ind_ak_native: number;
  asian: number;
  black_af_american: number;
  hispanic_latinao: number;
  mid_east_n_african: number;
  native_hi_pacific: number;
  white: number;
  race_none: number | null;
  additional_race_ethnicity: string | null;
  sex: number | null;
  veteran_status: number;
  date_created: Timestamp;
  date_updated: Timestamp;
  user_id: string;
  date_deleted: Timestamp | null;
  first_name_norm: string;
  last_name_norm: string;
  first_name_key: string;
  last_name_key: string;
  /** The last word of a last name of several words ("garcia" of "López García"), '' otherwise. */
  last_name_tail_norm: string;
  ssn_last4: string | null;
  /** Set when this record was merged into another (it is then deleted); the PersonalID kept. */
  merged_into: Generated<string | null>;
}

/** A calendar date (PostgreSQL `date`), read and written as `YYYY-MM-DD`, never through a time zone. */
type CalendarDate = ColumnType<string, string, string>;

/** HUD Organization.csv, column for column (see migration 0004). */
export interface OrganizationsTable {
  organization_id: string;
  organization_name: string;
  victim_service_provider: number;
  organization_common_name: string | null;
  date_created: Timestamp;
  date_updated: Timestamp;
  /** HUD UserID: the username of whoever last changed the row. */
  user_id: string;
  date_deleted: Timestamp | null;
}

/** HUD Project.csv, column for column (see migration 0004). */
export interface ProjectsTable {
  project_id: string;
  organization_id: string;
  project_name: string;
  project_common_name: string | null;
  operating_start_date: CalendarDate;
  operating_end_date: CalendarDate | null;
  continuum_project: number;
  project_type: number | null;
  housing_type: number | null;
  rrh_sub_type: number | null;
  residential_affiliation: number | null;
  target_population: number | null;
  hopwa_med_assisted_living_fac: number | null;
  pit_count: number | null;
  date_created: Timestamp;
  date_updated: Timestamp;
  user_id: string;
  date_deleted: Timestamp | null;
}

/** HUD ProjectCoC.csv (2.03), column for column (migration 0008). CoC codes and states are stored upper case. */
export interface ProjectCocsTable {
  project_coc_id: string;
  project_id: string;
  coc_code: string;
  geocode: string;
  address1: string | null;
  address2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  geography_type: number | null;
  date_created: Timestamp;
  date_updated: Timestamp;
  user_id: string;
  date_deleted: Timestamp | null;
}

/** HUD Funder.csv (2.06), column for column (migration 0010). */
export interface FundersTable {
  funder_id: string;
  project_id: string;
  funder: number;
  other_funder: string | null;
  grant_id: string;
  start_date: CalendarDate;
  end_date: CalendarDate | null;
  date_created: Timestamp;
  date_updated: Timestamp;
  user_id: string;
  date_deleted: Timestamp | null;
}

/** HUD Inventory.csv (2.07), column for column (migration 0010). */
export interface InventoriesTable {
  inventory_id: string;
  project_id: string;
  coc_code: string;
  household_type: number;
  availability: number | null;
  unit_inventory: number;
  bed_inventory: number;
  ch_vet_bed_inventory: number | null;
  youth_vet_bed_inventory: number | null;
  vet_bed_inventory: number | null;
  ch_youth_bed_inventory: number | null;
  youth_bed_inventory: number | null;
  ch_bed_inventory: number | null;
  other_bed_inventory: number | null;
  es_bed_type: number | null;
  inventory_start_date: CalendarDate;
  inventory_end_date: CalendarDate | null;
  date_created: Timestamp;
  date_updated: Timestamp;
  user_id: string;
  date_deleted: Timestamp | null;
}

/** HUD Affiliation.csv (2.02.C), column for column (migration 0010). */
export interface AffiliationsTable {
  affiliation_id: string;
  project_id: string;
  res_project_id: string;
  date_created: Timestamp;
  date_updated: Timestamp;
  user_id: string;
  date_deleted: Timestamp | null;
}

/** HUD HMISParticipation.csv (2.08), column for column (migration 0010). */
export interface HmisParticipationsTable {
  hmis_participation_id: string;
  project_id: string;
  hmis_participation_type: number;
  hmis_participation_status_start_date: CalendarDate;
  hmis_participation_status_end_date: CalendarDate | null;
  date_created: Timestamp;
  date_updated: Timestamp;
  user_id: string;
  date_deleted: Timestamp | null;
}

/** HUD CEParticipation.csv (2.09), column for column (migration 0010). */
export interface CeParticipationsTable {
  ce_participation_id: string;
  project_id: string;
  access_point: number;
  prevention_assessment: number | null;
  crisis_assessment: number | null;
  housing_assessment: number | null;
  direct_services: number | null;
  receives_referrals: number;
  ce_participation_status_start_date: CalendarDate;
  ce_participation_status_end_date: CalendarDate | null;
  date_created: Timestamp;
  date_updated: Timestamp;
  user_id: string;
  date_deleted: Timestamp | null;
}

/** The agencies (organizations) a user works for (migration 0006). */
export interface UserOrganizationsTable {
  user_id: number;
  organization_id: string;
  date_created: Timestamp;
}

/** HUD Enrollment.csv (FY2026), the columns Hearth collects (migration 0006). */
export interface EnrollmentsTable {
  enrollment_id: string;
  personal_id: string;
  project_id: string;
  entry_date: CalendarDate;
  household_id: string;
  relationship_to_hoh: number;
  enrollment_coc: string | null;
  living_situation: number | null;
  rental_subsidy_type: number | null;
  length_of_stay: number | null;
  los_under_threshold: number | null;
  previous_street_essh: number | null;
  date_to_street_essh: CalendarDate | null;
  times_homeless_past_three_years: number | null;
  months_homeless_past_three_years: number | null;
  disabling_condition: number;
  /** The 3.08 answer given, while a disability record has made 3.08 Yes (migration 0016); else null. */
  disabling_condition_given: number | null;
  move_in_date: CalendarDate | null;
  /** 4.13 (migration 0012). */
  date_of_engagement: ColumnType<string | null, string | null | undefined, string | null>;
  date_created: Timestamp;
  date_updated: Timestamp;
  user_id: string;
  date_deleted: Timestamp | null;
}

/** HUD Exit.csv (FY2026), the columns Hearth collects (migration 0006). At most one live exit per enrollment. */
export interface ExitsTable {
  exit_id: string;
  enrollment_id: string;
  personal_id: string;
  exit_date: CalendarDate;
  destination: number;
  destination_subsidy_type: number | null;
  other_destination: string | null;
  date_created: Timestamp;
  date_updated: Timestamp;
  user_id: string;
  date_deleted: Timestamp | null;
}

/** HUD's bookkeeping columns, last in every occurrence record (migration 0012). */
interface OccurrenceBookkeeping {
  enrollment_id: string;
  personal_id: string;
  date_created: Timestamp;
  date_updated: Timestamp;
  user_id: string;
  date_deleted: Timestamp | null;
}

/** HUD Services.csv (migration 0012): Hearth records 4.14 bed nights (RecordType 200) there. */
export interface ServicesTable extends OccurrenceBookkeeping {
  services_id: string;
  date_provided: CalendarDate;
  record_type: number;
  type_provided: number;
  other_type_provided: string | null;
  moving_on_other_type: string | null;
  sub_type_provided: number | null;
  fa_amount: string | null;
  fa_start_date: CalendarDate | null;
  fa_end_date: CalendarDate | null;
  referral_outcome: number | null;
}

/** HUD CurrentLivingSituation.csv (4.12, migration 0012). */
export interface CurrentLivingSituationsTable extends OccurrenceBookkeeping {
  current_living_sit_id: string;
  information_date: CalendarDate;
  current_living_situation: number;
  cls_subsidy_type: number | null;
  verified_by: string | null;
  leave_situation_14_days: number | null;
  subsequent_residence: number | null;
  resources_to_obtain: number | null;
  lease_own_60_day: number | null;
  moved_two_or_more: number | null;
  location_details: string | null;
}

/** HUD Assessment.csv (4.19, migration 0012). */
export interface AssessmentsTable extends OccurrenceBookkeeping {
  assessment_id: string;
  assessment_date: CalendarDate;
  assessment_location: string;
  assessment_type: number;
  assessment_level: number;
  prioritization_status: number;
}

/** HUD AssessmentQuestions.csv (4.19.5/A, migration 0012). */
export interface AssessmentQuestionsTable extends OccurrenceBookkeeping {
  assessment_question_id: string;
  assessment_id: string;
  assessment_question_group: string | null;
  assessment_question_order: number | null;
  assessment_question: string;
  assessment_answer: string | null;
}

/** HUD AssessmentResults.csv (4.19.6/B, migration 0012). */
export interface AssessmentResultsTable extends OccurrenceBookkeeping {
  assessment_result_id: string;
  assessment_id: string;
  assessment_result_type: string;
  assessment_result: string | null;
}

/** HUD Event.csv (4.20, migration 0012). */
export interface EventsTable extends OccurrenceBookkeeping {
  event_id: string;
  event_date: CalendarDate;
  event: number;
  prob_sol_div_rr_result: number | null;
  referral_case_manage_after: number | null;
  location_crisis_or_ph_housing: string | null;
  referral_result: number | null;
  result_date: CalendarDate | null;
}

/** The clients a user opened last ("my recent clients"); one row per user and client. */
export interface ClientRecentViewsTable {
  user_id: number;
  personal_id: string;
  viewed_at: Timestamp;
}

type Money = ColumnType<string, string | number, string | number>;
type IncomeSourceColumn = 'earned' | 'unemployment' | 'ssi' | 'ssdi' | 'va_disability_service' | 'va_disability_non_service' | 'private_disability'
  | 'workers_comp' | 'tanf' | 'ga' | 'soc_sec_retirement' | 'pension' | 'child_support' | 'alimony' | 'other_income_source';
type IncomeAmountColumn = `${Exclude<IncomeSourceColumn, 'other_income_source'>}_amount` | 'other_income_amount';
type BenefitColumn = 'snap' | 'wic' | 'tanf_child_care' | 'tanf_transportation' | 'other_tanf' | 'other_benefits_source';
type InsuranceColumn = 'medicaid' | 'medicare' | 'schip' | 'vha_services' | 'employer_provided' | 'cobra' | 'private_pay' | 'state_health_ins'
  | 'indian_health_services' | 'other_insurance';
type NoInsuranceReasonColumn = `no_${Exclude<InsuranceColumn, 'other_insurance' | 'vha_services'>}_reason` | 'no_vha_reason';

/** HUD's stage key and bookkeeping, shared by the stage-based files (migration 0011). */
interface StageRecordColumns {
  enrollment_id: string;
  personal_id: string;
  information_date: CalendarDate;
  data_collection_stage: number;
  date_created: Timestamp;
  date_updated: Timestamp;
  user_id: string;
  date_deleted: Timestamp | null;
}

/** HUD IncomeBenefits.csv (FY2026): 4.02, 4.03, 4.04 and the W3/P4 columns of the same row (migration 0011). */
export type IncomeBenefitsTable = StageRecordColumns & {
  income_benefits_id: string;
  income_from_any_source: number | null;
  total_monthly_income: Money | null;
  other_income_source_identify: string | null;
  benefits_from_any_source: number | null;
  other_benefits_source_identify: string | null;
  insurance_from_any_source: number | null;
  other_insurance_identify: string | null;
  adap: number | null;
  no_adap_reason: number | null;
  ryan_white_med_dent: number | null;
  no_ryan_white_reason: number | null;
  connection_with_soar: number | null;
} & Record<IncomeSourceColumn | BenefitColumn | InsuranceColumn | NoInsuranceReasonColumn, number | null> &
  Record<IncomeAmountColumn, Money | null>;

/** HUD HealthAndDV.csv (FY2026): 4.11 and RHY's R7–R10 (migration 0011). */
export interface HealthAndDvTable extends StageRecordColumns {
  health_and_dv_id: string;
  domestic_violence_survivor: number | null;
  when_occurred: number | null;
  currently_fleeing: number | null;
  general_health_status: number | null;
  dental_health_status: number | null;
  mental_health_status: number | null;
  pregnancy_status: number | null;
  due_date: CalendarDate | null;
}

/** HUD Disabilities.csv (FY2026): 4.05–4.10, one row per type, with HOPWA's W4 (migration 0011). */
export interface DisabilitiesTable extends StageRecordColumns {
  disabilities_id: string;
  disability_type: number;
  disability_response: number;
  indefinite_and_impairs: number | null;
  t_cell_count_available: number | null;
  t_cell_count: number | null;
  t_cell_source: number | null;
  viral_load_available: number | null;
  viral_load: number | null;
  viral_load_source: number | null;
  anti_retroviral: number | null;
}

export type ExportJobStatus = 'queued' | 'running' | 'done' | 'failed' | 'expired';

/** A HUD CSV export asked for on the Exports page, run in the background (migration 0013). */
export interface ExportJobsTable {
  id: string;
  requested_by: number;
  requested_at: Timestamp;
  period_from: CalendarDate;
  period_to: CalendarDate;
  project_ids: string[];
  coc_code: string | null;
  period_type: number | null;
  directive: 'full' | 'delta';
  hash: boolean;
  status: ExportJobStatus;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  current_file: string | null;
  rows_written: Generated<number>;
  failure: string | null;
  export_id: string | null;
  clients: number | null;
  enrollments: number | null;
  file_size: ColumnType<string | null, number | null, number | null>;
  expires_at: Timestamp | null;
}

/** Where an imported record came from: its source system, HUD file and source key (migration 0014). */
export interface ImportSourceIdsTable {
  source: string;
  hud_file: string;
  source_id: string;
  hearth_id: string;
  date_created: Timestamp;
}

export type ReportRunStatus = 'queued' | 'running' | 'done' | 'failed';

/** A HUD report asked for (migration 0022); its tables in report_run_tables. */
export interface ReportRunsTable {
  id: string;
  kind: 'apr' | 'caper' | 'dq';
  period_from: CalendarDate;
  period_to: CalendarDate;
  project_ids: string[];
  coc_code: string | null;
  /** Null: `hearth report`, run by the server's operator. */
  requested_by: number | null;
  requested_at: Timestamp;
  status: ReportRunStatus;
  generator: string | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  questions_done: Generated<number>;
  questions_total: Generated<number>;
  current_question: string | null;
  failure: string | null;
}

/** One table of a finished run, as computed (a ReportTable as JSON, enrollment ids included). */
export interface ReportRunTablesTable {
  run_id: string;
  position: number;
  question: string;
  content: ColumnType<unknown, string, string>;
}

/** A kept run's enrollments behind its counts, numbered (migration 0023); its cells hold the ordinals. */
export interface ReportRunEnrollmentsTable {
  run_id: string;
  ordinal: number;
  enrollment_id: string;
}

export interface Database {
  clients: ClientsTable;
  attempt_events: AttemptEventsTable;
  users: UsersTable;
  password_history: PasswordHistoryTable;
  sessions: SessionsTable;
  password_reset_tokens: PasswordResetTokensTable;
  mail_outbox: MailOutboxTable;
  audit_log: AuditLogTable;
  second_factors: SecondFactorsTable;
  recovery_codes: RecoveryCodesTable;
  known_devices: KnownDevicesTable;
  site_settings: SiteSettingsTable;
  organizations: OrganizationsTable;
  projects: ProjectsTable;
  project_cocs: ProjectCocsTable;
  funders: FundersTable;
  inventories: InventoriesTable;
  affiliations: AffiliationsTable;
  hmis_participations: HmisParticipationsTable;
  ce_participations: CeParticipationsTable;
  user_organizations: UserOrganizationsTable;
  enrollments: EnrollmentsTable;
  exits: ExitsTable;
  client_recent_views: ClientRecentViewsTable;
  services: ServicesTable;
  current_living_situations: CurrentLivingSituationsTable;
  assessments: AssessmentsTable;
  assessment_questions: AssessmentQuestionsTable;
  assessment_results: AssessmentResultsTable;
  events: EventsTable;
  income_benefits: IncomeBenefitsTable;
  health_and_dv: HealthAndDvTable;
  disabilities: DisabilitiesTable;
  export_jobs: ExportJobsTable;
  import_source_ids: ImportSourceIdsTable;
  report_runs: ReportRunsTable;
  report_run_tables: ReportRunTablesTable;
  report_run_enrollments: ReportRunEnrollmentsTable;
}

/** The database or a transaction on it: repositories take either, so their caller decides what runs together. */
export type Db = Kysely<Database> | Transaction<Database>;
