/** Hand-built HMIS rows for report tests, written straight into a fresh database (tests only). */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

const id = () => randomBytes(16).toString('hex');
const STAMP = { date_created: new Date('2026-01-01T00:00:00Z'), date_updated: new Date('2026-01-01T00:00:00Z'), user_id: 'test', date_deleted: null };

export async function organization(db: Kysely<Database>, name = 'Harbor Light'): Promise<string> {
  const organizationId = id();
  await db.insertInto('organizations').values({ organization_id: organizationId, organization_name: name, victim_service_provider: 0, organization_common_name: null, ...STAMP }).execute();
  return organizationId;
}

export async function project(db: Kysely<Database>, organizationId: string, name: string, projectType: number): Promise<string> {
  const projectId = id();
  await db
    .insertInto('projects')
    .values({
      project_id: projectId,
      organization_id: organizationId,
      project_name: name,
      project_common_name: null,
      operating_start_date: '2020-01-01',
      operating_end_date: null,
      continuum_project: 1,
      project_type: projectType,
      housing_type: 1,
      rrh_sub_type: null,
      residential_affiliation: null,
      target_population: null,
      hopwa_med_assisted_living_fac: null,
      pit_count: null,
      ...STAMP,
    })
    .execute();
  return projectId;
}

export async function client(db: Kysely<Database>, firstName: string, dob: string | null = '1980-05-05'): Promise<string> {
  const personalId = id();
  const norm = firstName.toLowerCase();
  await db
    .insertInto('clients')
    .values({
      personal_id: personalId,
      first_name: firstName,
      middle_name: null,
      last_name: 'Report',
      name_suffix: null,
      name_data_quality: 1,
      ssn: null,
      ssn_data_quality: 99,
      dob,
      dob_data_quality: dob ? 1 : 99,
      am_ind_ak_native: 0,
      asian: 0,
      black_af_american: 0,
      hispanic_latinao: 0,
      mid_east_n_african: 0,
      native_hi_pacific: 0,
      white: 1,
      race_none: null,
      additional_race_ethnicity: null,
      sex: 0,
      veteran_status: 0,
      first_name_norm: norm,
      last_name_norm: 'report',
      first_name_key: norm,
      last_name_key: 'report',
      last_name_tail_norm: '',
      ssn_last4: null,
      ...STAMP,
    })
    .execute();
  return personalId;
}

export interface StayInput {
  personalId: string;
  projectId: string;
  entryDate: string;
  exitDate?: string;
  householdId?: string;
  relationshipToHoH?: number;
  /** Bed nights (night-by-night shelters). */
  bedNights?: string[];
  createdAt?: Date;
}

/** An enrollment, its exit and its bed nights; returns the enrollment id. */
export async function stay(db: Kysely<Database>, input: StayInput): Promise<string> {
  const enrollmentId = id();
  await db
    .insertInto('enrollments')
    .values({
      enrollment_id: enrollmentId,
      personal_id: input.personalId,
      project_id: input.projectId,
      entry_date: input.entryDate,
      household_id: input.householdId ?? id(),
      relationship_to_hoh: input.relationshipToHoH ?? 1,
      enrollment_coc: 'XX-501',
      living_situation: 116,
      rental_subsidy_type: null,
      length_of_stay: 4,
      los_under_threshold: null,
      previous_street_essh: null,
      date_to_street_essh: null,
      times_homeless_past_three_years: 1,
      months_homeless_past_three_years: 101,
      disabling_condition: 0,
      move_in_date: null,
      ...STAMP,
      ...(input.createdAt ? { date_created: input.createdAt } : {}),
    })
    .execute();
  if (input.exitDate) {
    await db
      .insertInto('exits')
      .values({ exit_id: id(), enrollment_id: enrollmentId, personal_id: input.personalId, exit_date: input.exitDate, destination: 116, destination_subsidy_type: null, other_destination: null, ...STAMP })
      .execute();
  }
  for (const night of input.bedNights ?? []) {
    await db
      .insertInto('services')
      .values({
        services_id: id(),
        enrollment_id: enrollmentId,
        personal_id: input.personalId,
        date_provided: night,
        record_type: 200,
        type_provided: 200,
        other_type_provided: null,
        moving_on_other_type: null,
        sub_type_provided: null,
        fa_amount: null,
        fa_start_date: null,
        fa_end_date: null,
        referral_outcome: null,
        ...STAMP,
      })
      .execute();
  }
  return enrollmentId;
}
