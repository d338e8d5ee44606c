import { sql, type Insertable, type RawBuilder, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { EnrollmentScope } from '../access/access-policy.js';
import type { Database, Db, EnrollmentsTable, ExitsTable } from '../db/schema.js';

/**
 * The only place that reads or writes enrollments and exits. Every query that lists enrollments takes the
 * viewer's EnrollmentScope (src/access/access-policy.ts) and applies it in SQL; single enrollments are read
 * whole and judged by the service with canSeeEnrollmentsOf. Deleted rows (date_deleted set) are never
 * returned. Dates are read back as `YYYY-MM-DD` text so no driver or time zone can move them by a day.
 */

export interface ProjectRow {
  projectId: string;
  projectName: string;
  projectType: number | null;
  organizationId: string;
  organizationName: string;
  operatingStartDate: string;
  operatingEndDate: string | null;
}

export interface ClientRow {
  personalId: string;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  nameSuffix: string | null;
  dob: string | null;
}

export interface EnrollmentRow {
  enrollmentId: string;
  personalId: string;
  projectId: string;
  entryDate: string;
  householdId: string;
  relationshipToHoH: number;
  livingSituation: number | null;
  rentalSubsidyType: number | null;
  lengthOfStay: number | null;
  losUnderThreshold: number | null;
  previousStreetEssh: number | null;
  dateToStreetEssh: string | null;
  timesHomelessPastThreeYears: number | null;
  monthsHomelessPastThreeYears: number | null;
  disablingCondition: number;
  dateCreated: Date;
  dateUpdated: Date;
  userId: string;
}

export interface ExitRow {
  exitId: string;
  enrollmentId: string;
  exitDate: string;
  destination: number;
  destinationSubsidyType: number | null;
  otherDestination: string | null;
  dateCreated: Date;
  dateUpdated: Date;
  userId: string;
}

/** An enrollment with what every page shows next to it. */
export interface EnrollmentListRow {
  enrollmentId: string;
  personalId: string;
  householdId: string;
  relationshipToHoH: number;
  entryDate: string;
  exitDate: string | null;
  destination: number | null;
  project: ProjectRow;
  client: ClientRow;
  householdSize: number;
}

/** Stays of one client in one project that overlap a period (for the one-stay-at-a-time rule). */
export interface StayRow {
  enrollmentId: string;
  entryDate: string;
  exitDate: string | null;
}

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const nullableDay = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** The SQL condition of a scope, on the joined `projects` table. */
function visible(scope: EnrollmentScope): RawBuilder<boolean> {
  if (scope.kind === 'all') return sql<boolean>`true`;
  if (scope.organizationIds.length === 0) return sql<boolean>`false`;
  return sql<boolean>`projects.organization_id in (${sql.join(scope.organizationIds)})`;
}

function selectProjects(db: Db) {
  return db
    .selectFrom('projects')
    .innerJoin('organizations', 'organizations.organization_id', 'projects.organization_id')
    .select([
      'projects.project_id',
      'projects.project_name',
      'projects.project_type',
      'projects.organization_id',
      'organizations.organization_name',
      day('projects.operating_start_date').as('operating_start_date'),
      nullableDay('projects.operating_end_date').as('operating_end_date'),
    ])
    .where('projects.date_deleted', 'is', null)
    .where('organizations.date_deleted', 'is', null);
}

function toProject(r: {
  project_id: string;
  project_name: string;
  project_type: number | null;
  organization_id: string;
  organization_name: string;
  operating_start_date: string;
  operating_end_date: string | null;
}): ProjectRow {
  return {
    projectId: r.project_id,
    projectName: r.project_name,
    projectType: r.project_type,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    operatingStartDate: r.operating_start_date,
    operatingEndDate: r.operating_end_date,
  };
}

function toClient(r: { personal_id: string; first_name: string | null; middle_name: string | null; last_name: string | null; name_suffix: string | null; dob: string | null }): ClientRow {
  return { personalId: r.personal_id, firstName: r.first_name, middleName: r.middle_name, lastName: r.last_name, nameSuffix: r.name_suffix, dob: r.dob };
}

/** Enrollments with their project, agency, client, live exit and household size. */
function selectEnrollmentList(db: Db, scope: EnrollmentScope) {
  return db
    .selectFrom('enrollments')
    .innerJoin('projects', 'projects.project_id', 'enrollments.project_id')
    .innerJoin('organizations', 'organizations.organization_id', 'projects.organization_id')
    .innerJoin('clients', 'clients.personal_id', 'enrollments.personal_id')
    .leftJoin('exits', (join) => join.onRef('exits.enrollment_id', '=', 'enrollments.enrollment_id').on('exits.date_deleted', 'is', null))
    .select([
      'enrollments.enrollment_id',
      'enrollments.personal_id',
      'enrollments.household_id',
      'enrollments.relationship_to_hoh',
      day('enrollments.entry_date').as('entry_date'),
      nullableDay('exits.exit_date').as('exit_date'),
      'exits.destination',
      'projects.project_id',
      'projects.project_name',
      'projects.project_type',
      'projects.organization_id',
      'organizations.organization_name',
      day('projects.operating_start_date').as('operating_start_date'),
      nullableDay('projects.operating_end_date').as('operating_end_date'),
      'clients.first_name',
      'clients.middle_name',
      'clients.last_name',
      'clients.name_suffix',
      nullableDay('clients.dob').as('dob'),
      sql<string>`(select count(*) from enrollments members
                    where members.household_id = enrollments.household_id and members.date_deleted is null)::text`.as('household_size'),
    ])
    .where('enrollments.date_deleted', 'is', null)
    .where(visible(scope));
}

type ListRow = Awaited<ReturnType<ReturnType<typeof selectEnrollmentList>['execute']>>[number];

function toListRow(r: ListRow): EnrollmentListRow {
  return {
    enrollmentId: r.enrollment_id,
    personalId: r.personal_id,
    householdId: r.household_id,
    relationshipToHoH: r.relationship_to_hoh,
    entryDate: r.entry_date,
    exitDate: r.exit_date,
    destination: r.destination,
    project: toProject(r),
    client: toClient(r),
    householdSize: Number(r.household_size),
  };
}

const enrollmentColumns = [
  'enrollment_id',
  'personal_id',
  'project_id',
  day('entry_date').as('entry_date'),
  'household_id',
  'relationship_to_hoh',
  'living_situation',
  'rental_subsidy_type',
  'length_of_stay',
  'los_under_threshold',
  'previous_street_essh',
  nullableDay('date_to_street_essh').as('date_to_street_essh'),
  'times_homeless_past_three_years',
  'months_homeless_past_three_years',
  'disabling_condition',
  'date_created',
  'date_updated',
  'user_id',
] as const;

/** A stored enrollment as the selection above reads it (dates as `YYYY-MM-DD` text). */
function toEnrollment(r: Omit<Selectable<EnrollmentsTable>, 'enrollment_coc' | 'move_in_date' | 'date_deleted'>): EnrollmentRow {
  return {
    enrollmentId: r.enrollment_id,
    personalId: r.personal_id,
    projectId: r.project_id,
    entryDate: r.entry_date,
    householdId: r.household_id,
    relationshipToHoH: r.relationship_to_hoh,
    livingSituation: r.living_situation,
    rentalSubsidyType: r.rental_subsidy_type,
    lengthOfStay: r.length_of_stay,
    losUnderThreshold: r.los_under_threshold,
    previousStreetEssh: r.previous_street_essh,
    dateToStreetEssh: r.date_to_street_essh,
    timesHomelessPastThreeYears: r.times_homeless_past_three_years,
    monthsHomelessPastThreeYears: r.months_homeless_past_three_years,
    disablingCondition: r.disabling_condition,
    dateCreated: r.date_created,
    dateUpdated: r.date_updated,
    userId: r.user_id,
  };
}

const exitColumns = [
  'exit_id',
  'enrollment_id',
  day('exit_date').as('exit_date'),
  'destination',
  'destination_subsidy_type',
  'other_destination',
  'date_created',
  'date_updated',
  'user_id',
] as const;

function toExit(r: {
  exit_id: string;
  enrollment_id: string;
  exit_date: string;
  destination: number;
  destination_subsidy_type: number | null;
  other_destination: string | null;
  date_created: Date;
  date_updated: Date;
  user_id: string;
}): ExitRow {
  return {
    exitId: r.exit_id,
    enrollmentId: r.enrollment_id,
    exitDate: r.exit_date,
    destination: r.destination,
    destinationSubsidyType: r.destination_subsidy_type,
    otherDestination: r.other_destination,
    dateCreated: r.date_created,
    dateUpdated: r.date_updated,
    userId: r.user_id,
  };
}

export const enrollmentsRepository = {
  /** Projects of the agencies in the scope (the agencies a user may enroll into), by agency then name. */
  async projectsIn(db: Db, scope: EnrollmentScope): Promise<ProjectRow[]> {
    const rows = await selectProjects(db)
      .where(visible(scope))
      .orderBy(sql`lower(organizations.organization_name)`)
      .orderBy(sql`lower(projects.project_name)`)
      .orderBy('projects.project_id')
      .execute();
    return rows.map(toProject);
  },

  async findProject(db: Db, projectId: string): Promise<ProjectRow | undefined> {
    const row = await selectProjects(db).where('projects.project_id', '=', projectId).executeTakeFirst();
    return row && toProject(row);
  },

  /** Clients (not deleted) by PersonalID, in no particular order. */
  async findClients(db: Db, personalIds: readonly string[]): Promise<ClientRow[]> {
    if (personalIds.length === 0) return [];
    const rows = await db
      .selectFrom('clients')
      .select(['personal_id', 'first_name', 'middle_name', 'last_name', 'name_suffix', nullableDay('dob').as('dob')])
      .where('personal_id', 'in', [...personalIds])
      .where('date_deleted', 'is', null)
      .execute();
    return rows.map(toClient);
  },

  /**
   * Locks these clients' rows until the transaction ends (in PersonalID order, so two transactions never wait
   * on each other), so two enrollments of the same client cannot both pass the overlap check.
   */
  async lockClients(trx: Transaction<Database>, personalIds: readonly string[]): Promise<string[]> {
    if (personalIds.length === 0) return [];
    const rows = await trx
      .selectFrom('clients')
      .select('personal_id')
      .where('personal_id', 'in', [...personalIds])
      .where('date_deleted', 'is', null)
      .orderBy('personal_id')
      .forUpdate()
      .execute();
    return rows.map((r) => r.personal_id);
  },

  /** Stays of a client in a project that share a day with [entryDate, exitDate) (an open stay runs on). */
  async overlappingStays(
    db: Db,
    options: { personalId: string; projectId: string; entryDate: string; exitDate: string | null; exceptEnrollmentId?: string },
  ): Promise<StayRow[]> {
    let query = db
      .selectFrom('enrollments')
      .leftJoin('exits', (join) => join.onRef('exits.enrollment_id', '=', 'enrollments.enrollment_id').on('exits.date_deleted', 'is', null))
      .select(['enrollments.enrollment_id', day('enrollments.entry_date').as('entry_date'), nullableDay('exits.exit_date').as('exit_date')])
      .where('enrollments.personal_id', '=', options.personalId)
      .where('enrollments.project_id', '=', options.projectId)
      .where('enrollments.date_deleted', 'is', null)
      // A stay that ended on the day this one starts does not overlap it (exit and re-entry the same day).
      .where((eb) => eb.or([eb('exits.exit_date', 'is', null), eb('exits.exit_date', '>', options.entryDate)]))
      .orderBy('enrollments.entry_date');
    if (options.exitDate !== null) query = query.where('enrollments.entry_date', '<', options.exitDate);
    if (options.exceptEnrollmentId) query = query.where('enrollments.enrollment_id', '!=', options.exceptEnrollmentId);
    const rows = await query.execute();
    return rows.map((r) => ({ enrollmentId: r.enrollment_id, entryDate: r.entry_date, exitDate: r.exit_date }));
  },

  async insertEnrollment(db: Db, row: Insertable<EnrollmentsTable>): Promise<void> {
    await db.insertInto('enrollments').values(row).execute();
  },

  async updateEnrollment(db: Db, enrollmentId: string, changes: Updateable<EnrollmentsTable>): Promise<void> {
    await db.updateTable('enrollments').set(changes).where('enrollment_id', '=', enrollmentId).where('date_deleted', 'is', null).execute();
  },

  async findEnrollment(db: Db, enrollmentId: string): Promise<EnrollmentRow | undefined> {
    const row = await db
      .selectFrom('enrollments')
      .select(enrollmentColumns)
      .where('enrollment_id', '=', enrollmentId)
      .where('date_deleted', 'is', null)
      .executeTakeFirst();
    return row && toEnrollment(row);
  },

  /**
   * Every enrollment of a household, locked until the transaction ends: changes to a household (exits, a new
   * head, a new member) apply one at a time. Ordered by enrollment id so lockers never wait on each other.
   */
  async lockHousehold(trx: Transaction<Database>, householdId: string): Promise<EnrollmentRow[]> {
    const rows = await trx
      .selectFrom('enrollments')
      .select(enrollmentColumns)
      .where('household_id', '=', householdId)
      .where('date_deleted', 'is', null)
      .orderBy('enrollment_id')
      .forUpdate()
      .execute();
    return rows.map(toEnrollment);
  },

  /** The members of a household the scope may see (all of them or none: a household is in one project). */
  async householdMembers(db: Db, householdId: string, scope: EnrollmentScope): Promise<EnrollmentListRow[]> {
    const rows = await selectEnrollmentList(db, scope)
      .where('enrollments.household_id', '=', householdId)
      .orderBy(sql`enrollments.relationship_to_hoh = 1`, 'desc')
      .orderBy('enrollments.entry_date')
      .orderBy('clients.last_name_norm')
      .orderBy('clients.first_name_norm')
      .orderBy('enrollments.enrollment_id')
      .execute();
    return rows.map(toListRow);
  },

  /** A client's enrollments the scope may see, newest first. */
  async forClient(db: Db, personalId: string, scope: EnrollmentScope): Promise<EnrollmentListRow[]> {
    const rows = await selectEnrollmentList(db, scope)
      .where('enrollments.personal_id', '=', personalId)
      .orderBy('enrollments.entry_date', 'desc')
      .orderBy('enrollments.enrollment_id')
      .execute();
    return rows.map(toListRow);
  },

  /**
   * A project's enrollments the scope may see: those still open, or (with `past`) every one, newest stays
   * first, each household together with its head first. At most `limit` rows.
   */
  async forProject(db: Db, projectId: string, scope: EnrollmentScope, options: { past: boolean; limit: number }): Promise<EnrollmentListRow[]> {
    let query = selectEnrollmentList(db, scope).where('enrollments.project_id', '=', projectId);
    if (!options.past) query = query.where('exits.exit_id', 'is', null);
    const rows = await query
      .orderBy(sql`max(enrollments.entry_date) over (partition by enrollments.household_id)`, 'desc')
      .orderBy('enrollments.household_id')
      .orderBy(sql`enrollments.relationship_to_hoh = 1`, 'desc')
      .orderBy('enrollments.entry_date')
      .orderBy('clients.last_name_norm')
      .orderBy('enrollments.enrollment_id')
      .limit(options.limit)
      .execute();
    return rows.map(toListRow);
  },

  async findExit(db: Db, enrollmentId: string): Promise<ExitRow | undefined> {
    const row = await db.selectFrom('exits').select(exitColumns).where('enrollment_id', '=', enrollmentId).where('date_deleted', 'is', null).executeTakeFirst();
    return row && toExit(row);
  },

  /** The live exits of these enrollments. */
  async findExits(db: Db, enrollmentIds: readonly string[]): Promise<ExitRow[]> {
    if (enrollmentIds.length === 0) return [];
    const rows = await db.selectFrom('exits').select(exitColumns).where('enrollment_id', 'in', [...enrollmentIds]).where('date_deleted', 'is', null).execute();
    return rows.map(toExit);
  },

  async insertExit(db: Db, row: Insertable<ExitsTable>): Promise<void> {
    await db.insertInto('exits').values(row).execute();
  },

  async updateExit(db: Db, exitId: string, changes: Updateable<ExitsTable>): Promise<void> {
    await db.updateTable('exits').set(changes).where('exit_id', '=', exitId).where('date_deleted', 'is', null).execute();
  },
};
