import { sql, type SelectQueryBuilder } from 'kysely';
import { ssnProblem } from '../clients/ssn.js';
import type { Database, Db } from '../db/schema.js';
import { RACE_FIELDS } from '../hud/client-code-lists.js';
import { BENEFIT_SOURCES, INCOME_SOURCES, INSURANCE_SOURCES } from './definitions/sources.js';
import type { ReportParams } from './report.model.js';
import type {
  DisabilityRecord,
  HealthAndDvRecord,
  IncomeRecord,
  OtherStay,
  ReportClient,
  ReportEnrollment,
  ReportProject,
  ReportRecords,
} from './universe.model.js';

/*
 * The reads of a HUD report: the enrollments "active in the report" (§1.2, Method 1: entered by the report end, not
 * exited before its start) in one query, then their records by enrollment id, a batch of ids at a time — never one
 * query per enrollment, and never the active condition again per kind of record (at a million clients, repeating
 * that join in each of seven queries was most of a report's time). Night-by-night shelters' Method 2 and the
 * one-enrollment-per-client rule are applied by universe.ts on what is loaded here.
 */

/** Enrollment (or client) ids per record query: large enough to be few queries, small enough to plan well. */
const IDS_PER_QUERY = 20_000;

/** `column = any(ids)`: one array parameter, where `in (…)` would take one parameter per id. */
const anyOf = (column: string, ids: readonly string[]) => sql<boolean>`${sql.ref(column)} = any(${[...ids]}::text[])`;

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const nullableDay = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
/**
 * The site's calendar day of an instant (as clock.ts's calendarDate gives it), computed by the database: parsing a
 * million timestamps and formatting them with Intl took a good part of a large report's loading.
 */
const localDay = (column: string, timeZone: string) => sql<string | null>`to_char(${sql.ref(column)} at time zone ${timeZone}, 'YYYY-MM-DD')`;
const money = (value: string | number | null | undefined): number | null => (value === null || value === undefined ? null : Number(value));

type ActiveQuery = SelectQueryBuilder<
  Database & { e: Database['enrollments']; c: Database['clients']; x: Database['exits'] },
  'e' | 'c' | 'x',
  object
>;

/**
 * The enrollments active in the report in its projects, of live clients, with their live exit if any. With
 * `recordedBy` (a HUD UserID), only the households of the clients who have an enrollment that user recorded: every
 * stay of those clients and every member of those households, so that the one-enrollment-per-client rule and the
 * household definitions come out exactly as over the whole project.
 */
function active(db: Db, params: ReportParams, recordedBy?: string): ActiveQuery {
  const query = db
    .selectFrom('enrollments as e')
    .innerJoin('clients as c', 'c.personal_id', 'e.personal_id')
    .leftJoin('exits as x', (join) => join.onRef('x.enrollment_id', '=', 'e.enrollment_id').on('x.date_deleted', 'is', null))
    .where('e.date_deleted', 'is', null)
    .where('c.date_deleted', 'is', null)
    .where('e.project_id', 'in', params.projectIds)
    .where('e.entry_date', '<=', params.to)
    .where((eb) => eb.or([eb('x.exit_date', 'is', null), eb('x.exit_date', '>=', params.from)])) as unknown as ActiveQuery;
  if (recordedBy === undefined) return query;
  const theirClients = db.selectFrom('enrollments as r').where('r.user_id', '=', recordedBy).where('r.date_deleted', 'is', null).select('r.personal_id');
  const theirHouseholds = db
    .selectFrom('enrollments as h')
    .where('h.date_deleted', 'is', null)
    .where('h.project_id', 'in', params.projectIds)
    .where('h.personal_id', 'in', theirClients)
    .select('h.household_id');
  return query.where('e.household_id', 'in', theirHouseholds) as unknown as ActiveQuery;
}

async function loadEnrollmentRows(db: Db, params: ReportParams, timeZone: string, recordedBy?: string) {
  return active(db, params, recordedBy)
    .select([
      'e.enrollment_id',
      'e.personal_id',
      'e.project_id',
      'e.household_id',
      'e.relationship_to_hoh',
      'e.enrollment_coc',
      day('e.entry_date').as('entry_date'),
      nullableDay('e.move_in_date').as('move_in_date'),
      nullableDay('e.date_of_engagement').as('date_of_engagement'),
      'e.living_situation',
      'e.length_of_stay',
      'e.los_under_threshold',
      'e.previous_street_essh',
      nullableDay('e.date_to_street_essh').as('date_to_street_essh'),
      'e.times_homeless_past_three_years',
      'e.months_homeless_past_three_years',
      'e.disabling_condition',
      localDay('e.date_created', timeZone).as('created_on'),
      nullableDay('x.exit_date').as('exit_date'),
      'x.destination',
      'x.destination_subsidy_type',
      localDay('x.date_created', timeZone).as('exit_created_on'),
      'c.first_name',
      'c.last_name',
      'c.name_data_quality',
      'c.ssn',
      'c.ssn_data_quality',
      nullableDay('c.dob').as('dob'),
      'c.dob_data_quality',
      ...RACE_FIELDS.map((f) => `c.${f.column}` as const),
      'c.race_none',
      'c.sex',
      'c.veteran_status',
      localDay('c.date_created', timeZone).as('client_created_on'),
    ])
    .orderBy('e.enrollment_id')
    .execute();
}

async function loadIncomes(db: Db, ids: readonly string[]): Promise<Map<string, IncomeRecord[]>> {
  const rows = await db
    .selectFrom('income_benefits as i')
    .where('i.date_deleted', 'is', null)
    .where(anyOf('i.enrollment_id', ids))
    .select([
      'i.enrollment_id',
      day('i.information_date').as('information_date'),
      'i.data_collection_stage',
      'i.income_from_any_source',
      'i.total_monthly_income',
      ...INCOME_SOURCES.map((s) => `i.${s.column}` as const),
      ...INCOME_SOURCES.map((s) => `i.${s.amount}` as const),
      'i.benefits_from_any_source',
      ...BENEFIT_SOURCES.map((s) => `i.${s.column}` as const),
      'i.insurance_from_any_source',
      ...INSURANCE_SOURCES.map((s) => `i.${s.column}` as const),
    ])
    .orderBy('i.information_date')
    .orderBy('i.income_benefits_id')
    .execute();
  return group(rows, (r) => ({
    informationDate: r.information_date,
    dataCollectionStage: r.data_collection_stage,
    incomeFromAnySource: r.income_from_any_source,
    totalMonthlyIncome: money(r.total_monthly_income),
    sources: INCOME_SOURCES.map((s) => r[s.column]),
    amounts: INCOME_SOURCES.map((s) => money(r[s.amount])),
    benefitsFromAnySource: r.benefits_from_any_source,
    benefits: BENEFIT_SOURCES.map((s) => r[s.column]),
    insuranceFromAnySource: r.insurance_from_any_source,
    insurance: INSURANCE_SOURCES.map((s) => r[s.column]),
  }));
}

async function loadDisabilities(db: Db, ids: readonly string[]): Promise<Map<string, DisabilityRecord[]>> {
  const rows = await db
    .selectFrom('disabilities as d')
    .where('d.date_deleted', 'is', null)
    .where(anyOf('d.enrollment_id', ids))
    .select([
      'd.enrollment_id',
      day('d.information_date').as('information_date'),
      'd.data_collection_stage',
      'd.disability_type',
      'd.disability_response',
      'd.indefinite_and_impairs',
    ])
    .orderBy('d.information_date')
    .orderBy('d.disabilities_id')
    .execute();
  return group(rows, (r) => ({
    informationDate: r.information_date,
    dataCollectionStage: r.data_collection_stage,
    disabilityType: r.disability_type,
    disabilityResponse: r.disability_response,
    indefiniteAndImpairs: r.indefinite_and_impairs,
  }));
}

async function loadHealthAndDv(db: Db, ids: readonly string[]): Promise<Map<string, HealthAndDvRecord[]>> {
  const rows = await db
    .selectFrom('health_and_dv as h')
    .where('h.date_deleted', 'is', null)
    .where(anyOf('h.enrollment_id', ids))
    .select([
      'h.enrollment_id',
      day('h.information_date').as('information_date'),
      'h.data_collection_stage',
      'h.domestic_violence_survivor',
      'h.when_occurred',
      'h.date_updated',
    ])
    .orderBy('h.information_date')
    .orderBy('h.date_updated')
    .execute();
  return group(rows, (r) => ({
    informationDate: r.information_date,
    dataCollectionStage: r.data_collection_stage,
    domesticViolenceSurvivor: r.domestic_violence_survivor,
    whenOccurred: r.when_occurred,
    dateUpdated: r.date_updated,
  }));
}

async function loadContacts(db: Db, params: ReportParams, ids: readonly string[]) {
  const rows = await db
    .selectFrom('current_living_situations as s')
    .where('s.date_deleted', 'is', null)
    .where(anyOf('s.enrollment_id', ids))
    .where('s.information_date', '<=', params.to)
    .select(['s.enrollment_id', day('s.information_date').as('information_date'), 's.current_living_situation'])
    .orderBy('s.information_date')
    .orderBy('s.current_living_sit_id')
    .execute();
  return group(rows, (r) => ({ informationDate: r.information_date, currentLivingSituation: r.current_living_situation }));
}

/** Bed nights (200) up to the report end and Moving On assistance (300). */
async function loadServices(db: Db, params: ReportParams, ids: readonly string[]) {
  const rows = await db
    .selectFrom('services as v')
    .where('v.date_deleted', 'is', null)
    .where(anyOf('v.enrollment_id', ids))
    .where('v.record_type', 'in', [200, 300])
    .where('v.date_provided', '<=', params.to)
    .select(['v.enrollment_id', 'v.record_type', day('v.date_provided').as('date_provided'), 'v.type_provided'])
    .orderBy('v.date_provided')
    .execute();
  return {
    bedNights: group(
      rows.filter((r) => r.record_type === 200),
      (r) => r.date_provided,
    ),
    movingOn: group(
      rows.filter((r) => r.record_type === 300),
      (r) => ({ dateProvided: r.date_provided, typeProvided: r.type_provided }),
    ),
  };
}

async function loadProjects(db: Db, params: ReportParams): Promise<ReportProject[]> {
  const ids = params.projectIds;
  const [projects, cocs, funders, affiliations, ce] = await Promise.all([
    db
      .selectFrom('projects as p')
      .innerJoin('organizations as o', 'o.organization_id', 'p.organization_id')
      .where('p.project_id', 'in', ids)
      .where('p.date_deleted', 'is', null)
      .select([
        'p.project_id',
        'p.project_name',
        'o.organization_id',
        'o.organization_name',
        'o.victim_service_provider',
        'p.project_type',
        'p.rrh_sub_type',
        'p.residential_affiliation',
        nullableDay('p.operating_end_date').as('operating_end_date'),
      ])
      .orderBy('p.project_name')
      .orderBy('p.project_id')
      .execute(),
    db
      .selectFrom('project_cocs')
      .where('project_id', 'in', ids)
      .where('date_deleted', 'is', null)
      .select(['project_id', 'coc_code', 'geocode'])
      .orderBy('coc_code')
      .execute(),
    db
      .selectFrom('funders as f')
      .where('f.project_id', 'in', ids)
      .where('f.date_deleted', 'is', null)
      .select(['f.project_id', 'f.funder', day('f.start_date').as('start_date'), nullableDay('f.end_date').as('end_date')])
      .execute(),
    db
      .selectFrom('affiliations')
      .where('project_id', 'in', ids)
      .where('date_deleted', 'is', null)
      .select(['project_id', 'res_project_id'])
      .orderBy('res_project_id')
      .execute(),
    db
      .selectFrom('ce_participations as p')
      .where('p.project_id', 'in', ids)
      .where('p.date_deleted', 'is', null)
      .select([
        'p.project_id',
        'p.access_point',
        day('p.ce_participation_status_start_date').as('start_date'),
        nullableDay('p.ce_participation_status_end_date').as('end_date'),
        'p.date_updated',
      ])
      .execute(),
  ]);
  const cocsOf = group(cocs, (r) => ({ cocCode: r.coc_code, geocode: r.geocode }), 'project_id');
  const fundersOf = group(funders, (r) => ({ funder: r.funder, startDate: r.start_date, endDate: r.end_date }), 'project_id');
  const affiliationsOf = group(affiliations, (r) => r.res_project_id, 'project_id');
  const ceOf = group(ce, (r) => ({ accessPoint: r.access_point, startDate: r.start_date, endDate: r.end_date, dateUpdated: r.date_updated }), 'project_id');
  return projects.map((p) => ({
    projectId: p.project_id,
    projectName: p.project_name,
    organizationId: p.organization_id,
    organizationName: p.organization_name,
    victimServiceProvider: p.victim_service_provider,
    projectType: p.project_type,
    rrhSubType: p.rrh_sub_type,
    residentialAffiliation: p.residential_affiliation,
    operatingEndDate: p.operating_end_date,
    cocs: cocsOf.get(p.project_id) ?? [],
    funders: fundersOf.get(p.project_id) ?? [],
    affiliatedProjectIds: affiliationsOf.get(p.project_id) ?? [],
    ceParticipations: ceOf.get(p.project_id) ?? [],
  }));
}

/** Every live stay, in the report's projects, of these clients (those active in it). */
async function loadStays(db: Db, params: ReportParams, personalIds: readonly string[]): Promise<OtherStay[]> {
  const rows = await db
    .selectFrom('enrollments as e')
    .leftJoin('exits as x', (join) => join.onRef('x.enrollment_id', '=', 'e.enrollment_id').on('x.date_deleted', 'is', null))
    .where('e.date_deleted', 'is', null)
    .where('e.project_id', 'in', params.projectIds)
    .where(anyOf('e.personal_id', personalIds))
    .select(['e.enrollment_id', 'e.personal_id', 'e.project_id', day('e.entry_date').as('entry_date'), nullableDay('x.exit_date').as('exit_date')])
    .orderBy('e.personal_id')
    .orderBy('e.entry_date')
    .execute();
  return rows.map((r) => ({ enrollmentId: r.enrollment_id, personalId: r.personal_id, projectId: r.project_id, entryDate: r.entry_date, exitDate: r.exit_date }));
}

/** A loader run over the ids a batch at a time, one after the other; its maps (disjoint by id) merged. */
async function inBatches<T>(ids: readonly string[], load: (batch: readonly string[]) => Promise<T>, merge: (into: T, batch: T) => void): Promise<T | undefined> {
  let out: T | undefined;
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const batch = await load(ids.slice(start, start + IDS_PER_QUERY));
    if (out === undefined) out = batch;
    else merge(out, batch);
  }
  return out;
}

const mergeMaps = <V>(into: Map<string, V>, batch: Map<string, V>) => {
  for (const [k, v] of batch) into.set(k, v);
};

function group<R extends Record<string, unknown>, T>(rows: R[], map: (row: R) => T, key: keyof R = 'enrollment_id'): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = row[key] as string;
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(map(row));
  }
  return out;
}

export const reportsRepository = {
  /**
   * The enrollments a user recorded (HUD UserID) that are active in a period (§1.2 Method 1), of live clients, with
   * their projects: whose clients a "to fix" list covers. One query.
   */
  async enrollmentsRecordedBy(db: Db, recordedBy: string, from: string, to: string): Promise<{ enrollmentId: string; projectId: string }[]> {
    const rows = await db
      .selectFrom('enrollments as e')
      .innerJoin('clients as c', 'c.personal_id', 'e.personal_id')
      .innerJoin('projects as p', 'p.project_id', 'e.project_id')
      .leftJoin('exits as x', (join) => join.onRef('x.enrollment_id', '=', 'e.enrollment_id').on('x.date_deleted', 'is', null))
      .where('e.user_id', '=', recordedBy)
      .where('e.date_deleted', 'is', null)
      .where('c.date_deleted', 'is', null)
      .where('p.date_deleted', 'is', null)
      .where('e.entry_date', '<=', to)
      .where((eb) => eb.or([eb('x.exit_date', 'is', null), eb('x.exit_date', '>=', from)]))
      .select(['e.enrollment_id', 'e.project_id'])
      .orderBy('e.enrollment_id')
      .execute();
    return rows.map((r) => ({ enrollmentId: r.enrollment_id, projectId: r.project_id }));
  },

  /** How many enrollments are active in the report (§1.2 Method 1), in one query: the size of a run before it runs. */
  async countActiveEnrollments(db: Db, params: ReportParams): Promise<number> {
    const row = await active(db, params)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /**
   * Everything a report reads: the active enrollments with their clients and exits in one query (and the projects
   * in five, meanwhile), then the enrollments' records and their clients' other stays by id, in batches. With
   * `recordedBy`, only what the clients of one user's enrollments need (see `active`): a "to fix" list's records.
   */
  async loadRecords(db: Db, params: ReportParams, timeZone: string, recordedBy?: string): Promise<ReportRecords> {
    const [rows, projects] = await Promise.all([loadEnrollmentRows(db, params, timeZone, recordedBy), loadProjects(db, params)]);
    const ids = rows.map((r) => r.enrollment_id);
    const personalIds = [...new Set(rows.map((r) => r.personal_id))];
    const none = new Map<string, never[]>();
    const [incomes = none, disabilities = none, health = none, contacts = none, services = { bedNights: none, movingOn: none }, stays = []] = await Promise.all([
      inBatches(ids, (batch) => loadIncomes(db, batch), mergeMaps),
      inBatches(ids, (batch) => loadDisabilities(db, batch), mergeMaps),
      inBatches(ids, (batch) => loadHealthAndDv(db, batch), mergeMaps),
      inBatches(ids, (batch) => loadContacts(db, params, batch), mergeMaps),
      inBatches(
        ids,
        (batch) => loadServices(db, params, batch),
        (into, batch) => {
          mergeMaps(into.bedNights, batch.bedNights);
          mergeMaps(into.movingOn, batch.movingOn);
        },
      ),
      inBatches(personalIds, (batch) => loadStays(db, params, batch), (into, batch) => {
        for (const stay of batch) into.push(stay);
      }),
    ]);
    const clients = new Map<string, ReportClient>();
    const enrollments: ReportEnrollment[] = rows.map((r) => {
      if (!clients.has(r.personal_id)) {
        clients.set(r.personal_id, {
          personalId: r.personal_id,
          hasFirstName: Boolean(r.first_name?.trim()),
          hasLastName: Boolean(r.last_name?.trim()),
          nameDataQuality: r.name_data_quality,
          ssnBlank: !r.ssn?.trim(),
          ssnInvalid: Boolean(r.ssn?.trim()) && ssnProblem(r.ssn!) !== null,
          ssnDataQuality: r.ssn_data_quality,
          dob: r.dob,
          dobDataQuality: r.dob_data_quality,
          races: RACE_FIELDS.map((f) => r[f.column] === 1),
          raceNone: r.race_none,
          sex: r.sex,
          veteranStatus: r.veteran_status,
          createdOn: r.client_created_on!,
        });
      }
      // An exit after the report end is not an exit of this report: the client is a stayer (§1.5).
      const exited = r.exit_date !== null && r.exit_date <= params.to;
      const bedNights = [...new Set(services.bedNights.get(r.enrollment_id) ?? [])].filter((d) => d >= r.entry_date);
      return {
        enrollmentId: r.enrollment_id,
        personalId: r.personal_id,
        projectId: r.project_id,
        householdId: r.household_id,
        relationshipToHoh: r.relationship_to_hoh,
        enrollmentCoc: r.enrollment_coc,
        entryDate: r.entry_date,
        exitDate: exited ? r.exit_date : null,
        destination: exited ? r.destination : null,
        destinationSubsidyType: exited ? r.destination_subsidy_type : null,
        moveInDate: r.move_in_date,
        dateOfEngagement: r.date_of_engagement,
        livingSituation: r.living_situation,
        lengthOfStay: r.length_of_stay,
        losUnderThreshold: r.los_under_threshold,
        previousStreetEssh: r.previous_street_essh,
        dateToStreetEssh: r.date_to_street_essh,
        timesHomelessPastThreeYears: r.times_homeless_past_three_years,
        monthsHomelessPastThreeYears: r.months_homeless_past_three_years,
        disablingCondition: r.disabling_condition,
        createdOn: r.created_on!,
        exitCreatedOn: exited ? r.exit_created_on : null,
        incomes: incomes.get(r.enrollment_id) ?? [],
        disabilities: disabilities.get(r.enrollment_id) ?? [],
        healthAndDv: health.get(r.enrollment_id) ?? [],
        contacts: contacts.get(r.enrollment_id) ?? [],
        bedNights,
        movingOnServices: services.movingOn.get(r.enrollment_id) ?? [],
      };
    });
    return { projects, clients: [...clients.values()], enrollments, stays };
  },
};
