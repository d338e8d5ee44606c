/**
 * Hand-built HMIS data for the report tests, inserted straight into a fresh database: each test writes exactly the
 * HUD records its case needs (a client in two households, a DOB on a birthday, data at the wrong stage …), which
 * the services would rightly refuse to record in some of these shapes.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/schema.js';

const AT = new Date('2026-11-01T12:00:00Z');
const BOOK = { date_created: AT, date_updated: AT, user_id: 'test', date_deleted: null };
/** HUD ids as Hearth makes them: 32 hex digits (the prefix only says what the id is for, when reading the code). */
const nextId = (_for: string) => randomUUID().replaceAll('-', '');

export async function organization(db: Db, name = 'Harbor Light'): Promise<string> {
  const id = nextId('org');
  await db.insertInto('organizations').values({ organization_id: id, organization_name: name, victim_service_provider: 0, organization_common_name: null, ...BOOK }).execute();
  return id;
}

export async function project(db: Db, organizationId: string, projectType: number, options: { name?: string; coc?: string; funders?: number[] } = {}): Promise<string> {
  const id = nextId('prj');
  await db
    .insertInto('projects')
    .values({
      project_id: id,
      organization_id: organizationId,
      project_name: options.name ?? `Project ${id}`,
      project_common_name: null,
      operating_start_date: '2015-01-01',
      operating_end_date: null,
      continuum_project: 1,
      project_type: projectType,
      housing_type: 1,
      rrh_sub_type: projectType === 13 ? 2 : null,
      residential_affiliation: null,
      target_population: null,
      hopwa_med_assisted_living_fac: null,
      pit_count: null,
      ...BOOK,
    })
    .execute();
  await db
    .insertInto('project_cocs')
    .values({ project_coc_id: nextId('coc'), project_id: id, coc_code: options.coc ?? 'XX-501', geocode: '119999', address1: null, address2: null, city: null, state: null, zip: null, geography_type: 1, ...BOOK })
    .execute();
  for (const funder of options.funders ?? []) {
    await db
      .insertInto('funders')
      .values({ funder_id: nextId('fun'), project_id: id, funder, other_funder: null, grant_id: 'G-1', start_date: '2015-01-01', end_date: null, ...BOOK })
      .execute();
  }
  return id;
}

/**
 * Two agencies, each with a project: Harbor Light's night-by-night shelter (type 0) and Northside Housing's
 * transitional housing (type 2), the world of the report pages', Data Quality and "to fix" tests.
 */
export async function twoAgencies(db: Db): Promise<{ agencyA: string; agencyB: string; shelterA: string; housingB: string }> {
  const agencyA = await organization(db, 'Harbor Light');
  const agencyB = await organization(db, 'Northside Housing');
  const shelterA = await project(db, agencyA, 0, { name: 'Harbor Night Shelter' });
  const housingB = await project(db, agencyB, 2, { name: 'Northside Transitional' });
  return { agencyA, agencyB, shelterA, housingB };
}

export type RaceColumn = 'am_ind_ak_native' | 'asian' | 'black_af_american' | 'hispanic_latinao' | 'mid_east_n_african' | 'native_hi_pacific' | 'white';

export interface ClientOptions {
  dob?: string | null;
  dobDataQuality?: number;
  veteranStatus?: number;
  ssn?: string | null;
  ssnDataQuality?: number;
  firstName?: string | null;
  nameDataQuality?: number;
  white?: number;
  /** Race columns set to 1 (the others 0, White included unless listed). */
  races?: RaceColumn[];
  raceNone?: number | null;
  sex?: number | null;
}

const RACE_COLUMNS: readonly RaceColumn[] = ['am_ind_ak_native', 'asian', 'black_af_american', 'hispanic_latinao', 'mid_east_n_african', 'native_hi_pacific', 'white'];

export async function client(db: Db, options: ClientOptions = {}): Promise<string> {
  const id = nextId('cli');
  await db
    .insertInto('clients')
    .values({
      personal_id: id,
      first_name: options.firstName === undefined ? 'Test' : options.firstName,
      middle_name: null,
      last_name: 'Person',
      name_suffix: null,
      name_data_quality: options.nameDataQuality ?? 1,
      ssn: options.ssn === undefined ? '287654321' : options.ssn,
      ssn_data_quality: options.ssnDataQuality ?? 1,
      dob: options.dob === undefined ? '1980-05-05' : options.dob,
      dob_data_quality: options.dobDataQuality ?? (options.dob === null ? 99 : 1),
      am_ind_ak_native: 0,
      asian: 0,
      black_af_american: 0,
      hispanic_latinao: 0,
      mid_east_n_african: 0,
      native_hi_pacific: 0,
      white: options.white ?? 1,
      race_none: options.raceNone ?? null,
      ...(options.races ? Object.fromEntries(RACE_COLUMNS.map((c) => [c, options.races!.includes(c) ? 1 : 0])) : {}),
      additional_race_ethnicity: null,
      sex: options.sex === undefined ? 0 : options.sex,
      veteran_status: options.veteranStatus ?? 0,
      ...BOOK,
      first_name_norm: 'test',
      last_name_norm: 'person',
      first_name_key: 'test',
      last_name_key: 'person',
      last_name_tail_norm: '',
      ssn_last4: null,
    })
    .execute();
  return id;
}

export interface EnrollmentOptions {
  householdId: string;
  relationshipToHoh?: number;
  exitDate?: string | null;
  destination?: number;
  destinationSubsidyType?: number | null;
  moveInDate?: string | null;
  dateOfEngagement?: string | null;
  livingSituation?: number | null;
  lengthOfStay?: number | null;
  losUnderThreshold?: number | null;
  previousStreetEssh?: number | null;
  dateToStreetEssh?: string | null;
  timesHomeless?: number | null;
  monthsHomeless?: number | null;
  disablingCondition?: number;
  enrollmentCoc?: string | null;
  createdAt?: Date;
  exitCreatedAt?: Date;
}

export async function enroll(db: Db, personalId: string, projectId: string, entryDate: string, o: EnrollmentOptions): Promise<string> {
  const id = nextId('enr');
  const relationship = o.relationshipToHoh ?? 1;
  await db
    .insertInto('enrollments')
    .values({
      enrollment_id: id,
      personal_id: personalId,
      project_id: projectId,
      entry_date: entryDate,
      household_id: o.householdId,
      relationship_to_hoh: relationship,
      enrollment_coc: o.enrollmentCoc === undefined ? (relationship === 1 ? 'XX-501' : null) : o.enrollmentCoc,
      living_situation: o.livingSituation === undefined ? 116 : o.livingSituation,
      rental_subsidy_type: null,
      length_of_stay: o.lengthOfStay === undefined ? 4 : o.lengthOfStay,
      los_under_threshold: o.losUnderThreshold ?? null,
      previous_street_essh: o.previousStreetEssh ?? null,
      date_to_street_essh: o.dateToStreetEssh === undefined ? entryDate : o.dateToStreetEssh,
      times_homeless_past_three_years: o.timesHomeless === undefined ? 1 : o.timesHomeless,
      months_homeless_past_three_years: o.monthsHomeless === undefined ? 101 : o.monthsHomeless,
      disabling_condition: o.disablingCondition ?? 0,
      move_in_date: o.moveInDate ?? null,
      date_of_engagement: o.dateOfEngagement ?? null,
      ...BOOK,
      date_created: o.createdAt ?? new Date(`${entryDate}T12:00:00Z`),
    })
    .execute();
  if (o.exitDate) {
    await db
      .insertInto('exits')
      .values({
        exit_id: nextId('ext'),
        enrollment_id: id,
        personal_id: personalId,
        exit_date: o.exitDate,
        destination: o.destination ?? 410,
        destination_subsidy_type: o.destinationSubsidyType ?? null,
        other_destination: null,
        ...BOOK,
        date_created: o.exitCreatedAt ?? new Date(`${o.exitDate}T12:00:00Z`),
      })
      .execute();
  }
  return id;
}

/** An IncomeBenefits record: 4.02 with the given sources (column → amount), nothing else. */
export async function income(
  db: Db,
  enrollmentId: string,
  personalId: string,
  informationDate: string,
  stage: number,
  incomeFromAnySource: number | null,
  sources: Record<string, number> = {},
  /** Other IncomeBenefits columns as they are stored (benefit and insurance flags, their "from any source"). */
  columns: Record<string, number | null> = {},
): Promise<void> {
  const values: Record<string, unknown> = {
    income_benefits_id: nextId('inc'),
    enrollment_id: enrollmentId,
    personal_id: personalId,
    information_date: informationDate,
    data_collection_stage: stage,
    income_from_any_source: incomeFromAnySource,
    ...BOOK,
  };
  for (const [column, amount] of Object.entries(sources)) {
    values[column] = 1;
    values[column === 'other_income_source' ? 'other_income_amount' : `${column}_amount`] = amount;
  }
  Object.assign(values, columns);
  await db.insertInto('income_benefits').values(values as never).execute();
}

export async function disability(db: Db, enrollmentId: string, personalId: string, informationDate: string, stage: number, type: number, response: number, indefinite: number | null): Promise<void> {
  await db
    .insertInto('disabilities')
    .values({
      disabilities_id: nextId('dis'),
      enrollment_id: enrollmentId,
      personal_id: personalId,
      information_date: informationDate,
      data_collection_stage: stage,
      disability_type: type,
      disability_response: response,
      indefinite_and_impairs: indefinite,
      t_cell_count_available: null,
      t_cell_count: null,
      t_cell_source: null,
      viral_load_available: null,
      viral_load: null,
      viral_load_source: null,
      anti_retroviral: null,
      ...BOOK,
    })
    .execute();
}

export async function bedNight(db: Db, enrollmentId: string, personalId: string, day: string): Promise<void> {
  await db
    .insertInto('services')
    .values({
      services_id: nextId('svc'),
      enrollment_id: enrollmentId,
      personal_id: personalId,
      date_provided: day,
      record_type: 200,
      type_provided: 200,
      other_type_provided: null,
      moving_on_other_type: null,
      sub_type_provided: null,
      fa_amount: null,
      fa_start_date: null,
      fa_end_date: null,
      referral_outcome: null,
      ...BOOK,
    })
    .execute();
}

export async function contact(db: Db, enrollmentId: string, personalId: string, day: string, situation: number): Promise<void> {
  await db
    .insertInto('current_living_situations')
    .values({
      current_living_sit_id: nextId('cls'),
      enrollment_id: enrollmentId,
      personal_id: personalId,
      information_date: day,
      current_living_situation: situation,
      cls_subsidy_type: null,
      verified_by: null,
      leave_situation_14_days: null,
      subsequent_residence: null,
      resources_to_obtain: null,
      lease_own_60_day: null,
      moved_two_or_more: null,
      location_details: null,
      ...BOOK,
    })
    .execute();
}

export const household = () => nextId('hh');

export async function healthAndDv(db: Db, enrollmentId: string, personalId: string, informationDate: string, stage: number, survivor: number | null, whenOccurred: number | null): Promise<void> {
  await db
    .insertInto('health_and_dv')
    .values({
      health_and_dv_id: nextId('hdv'),
      enrollment_id: enrollmentId,
      personal_id: personalId,
      information_date: informationDate,
      data_collection_stage: stage,
      domestic_violence_survivor: survivor,
      when_occurred: whenOccurred,
      currently_fleeing: null,
      general_health_status: null,
      dental_health_status: null,
      mental_health_status: null,
      pregnancy_status: null,
      due_date: null,
      ...BOOK,
    })
    .execute();
}

/** A C2 Moving On assistance service (Services RecordType 300) of the given C2.2 type. */
export async function movingOn(db: Db, enrollmentId: string, personalId: string, day: string, type: number): Promise<void> {
  await db
    .insertInto('services')
    .values({
      services_id: nextId('svc'),
      enrollment_id: enrollmentId,
      personal_id: personalId,
      date_provided: day,
      record_type: 300,
      type_provided: type,
      other_type_provided: null,
      moving_on_other_type: type === 5 ? 'Furniture' : null,
      sub_type_provided: null,
      fa_amount: null,
      fa_start_date: null,
      fa_end_date: null,
      referral_outcome: null,
      ...BOOK,
    })
    .execute();
}
