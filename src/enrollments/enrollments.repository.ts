import { sql, type Insertable, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import type { EnrollmentScope } from '../access/access-policy.js';
import type { ClientSummary } from '../clients/clients.model.js';
import { insertMany, type BulkColumn } from '../db/bulk-insert.js';
import type { Database, Db, EnrollmentsTable, ExitsTable } from '../db/schema.js';
import type { ProjectSummary } from '../projects/projects.model.js';
import type { Enrollment, EnrollmentOccurrenceDates, EnrollmentSummary, Exit, ExitFields, MemberEntryFields, Stay } from './enrollments.model.js';

/*
 * Enrollments and exits. Every query that lists enrollments takes the viewer's EnrollmentScope
 * (src/access/access-policy.ts) and applies it in SQL; single enrollments are read whole and judged by the
 * service with canSeeEnrollmentsOf. Deleted rows (date_deleted set) are never returned. Dates are read back
 * as `YYYY-MM-DD` text so no driver or time zone can move them by a day. Besides this file, only a client
 * merge (clients/client-merge.repository.ts, which moves them to the record kept) and the Training reset's
 * truncate write these tables.
 */

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
}): ProjectSummary {
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

function toClient(r: { personal_id: string; first_name: string | null; middle_name: string | null; last_name: string | null; name_suffix: string | null; dob: string | null }): ClientSummary {
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

function toSummary(r: ListRow): EnrollmentSummary {
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
  'enrollment_coc',
  'living_situation',
  'rental_subsidy_type',
  'length_of_stay',
  'los_under_threshold',
  'previous_street_essh',
  nullableDay('date_to_street_essh').as('date_to_street_essh'),
  'times_homeless_past_three_years',
  'months_homeless_past_three_years',
  'disabling_condition',
  nullableDay('move_in_date').as('move_in_date'),
  'date_created',
  'date_updated',
  'user_id',
] as const;

/** Who last wrote a HUD record, and when: the same three columns on enrollments and exits. */
interface StampColumns {
  date_created: Date;
  date_updated: Date;
  user_id: string;
}
type Stamps = Pick<Enrollment, 'dateCreated' | 'dateUpdated' | 'userId'>;

function stampsOf(r: StampColumns): Stamps {
  return { dateCreated: r.date_created, dateUpdated: r.date_updated, userId: r.user_id };
}

function stampColumns(record: Stamps): StampColumns {
  return { date_created: record.dateCreated, date_updated: record.dateUpdated, user_id: record.userId };
}

/** A stored enrollment as the selection above reads it (dates as `YYYY-MM-DD` text). */
function toEnrollment(r: Omit<Selectable<EnrollmentsTable>, 'date_deleted' | 'date_of_engagement' | 'disabling_condition_given'>): Enrollment {
  return {
    enrollmentId: r.enrollment_id,
    personalId: r.personal_id,
    projectId: r.project_id,
    entryDate: r.entry_date,
    householdId: r.household_id,
    enrollmentCoc: r.enrollment_coc,
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
    moveInDate: r.move_in_date,
    ...stampsOf(r),
  };
}

const exitColumns = [
  'exit_id',
  'enrollment_id',
  'personal_id',
  day('exit_date').as('exit_date'),
  'destination',
  'destination_subsidy_type',
  'other_destination',
  'date_created',
  'date_updated',
  'user_id',
] as const;

function toExit(
  r: StampColumns & {
    exit_id: string;
    enrollment_id: string;
    personal_id: string;
    exit_date: string;
    destination: number;
    destination_subsidy_type: number | null;
    other_destination: string | null;
  },
): Exit {
  return {
    exitId: r.exit_id,
    enrollmentId: r.enrollment_id,
    personalId: r.personal_id,
    exitDate: r.exit_date,
    destination: r.destination,
    destinationSubsidyType: r.destination_subsidy_type,
    otherDestination: r.other_destination,
    ...stampsOf(r),
  };
}

/** The columns of one member's entry data. */
function entryColumns(fields: MemberEntryFields) {
  return {
    relationship_to_hoh: fields.relationshipToHoH,
    disabling_condition: fields.disablingCondition,
    living_situation: fields.livingSituation,
    rental_subsidy_type: fields.rentalSubsidyType,
    length_of_stay: fields.lengthOfStay,
    los_under_threshold: fields.losUnderThreshold,
    previous_street_essh: fields.previousStreetEssh,
    date_to_street_essh: fields.dateToStreetEssh,
    times_homeless_past_three_years: fields.timesHomelessPastThreeYears,
    months_homeless_past_three_years: fields.monthsHomelessPastThreeYears,
  };
}

function enrollmentRow(enrollment: Enrollment): Insertable<EnrollmentsTable> {
  return {
    enrollment_id: enrollment.enrollmentId,
    personal_id: enrollment.personalId,
    project_id: enrollment.projectId,
    entry_date: enrollment.entryDate,
    household_id: enrollment.householdId,
    enrollment_coc: enrollment.enrollmentCoc,
    ...entryColumns(enrollment),
    move_in_date: enrollment.moveInDate,
    ...stampColumns(enrollment),
  };
}

function exitColumnsOf(fields: ExitFields) {
  return {
    exit_date: fields.exitDate,
    destination: fields.destination,
    destination_subsidy_type: fields.destinationSubsidyType,
    other_destination: fields.otherDestination,
  };
}

function exitRow(exit: Exit): Insertable<ExitsTable> {
  return {
    exit_id: exit.exitId,
    enrollment_id: exit.enrollmentId,
    personal_id: exit.personalId,
    ...exitColumnsOf(exit),
    ...stampColumns(exit),
  };
}

const BULK_ENROLLMENT_COLUMNS: readonly BulkColumn<Insertable<EnrollmentsTable>>[] = [
  ['enrollment_id', 'text'],
  ['personal_id', 'text'],
  ['project_id', 'text'],
  ['entry_date', 'date'],
  ['household_id', 'text'],
  ['relationship_to_hoh', 'smallint'],
  ['enrollment_coc', 'text'],
  ['living_situation', 'smallint'],
  ['rental_subsidy_type', 'smallint'],
  ['length_of_stay', 'smallint'],
  ['los_under_threshold', 'smallint'],
  ['previous_street_essh', 'smallint'],
  ['date_to_street_essh', 'date'],
  ['times_homeless_past_three_years', 'smallint'],
  ['months_homeless_past_three_years', 'smallint'],
  ['disabling_condition', 'smallint'],
  ['move_in_date', 'date'],
  ['date_created', 'timestamptz'],
  ['date_updated', 'timestamptz'],
  ['user_id', 'text'],
];

const BULK_EXIT_COLUMNS: readonly BulkColumn<Insertable<ExitsTable>>[] = [
  ['exit_id', 'text'],
  ['enrollment_id', 'text'],
  ['personal_id', 'text'],
  ['exit_date', 'date'],
  ['destination', 'smallint'],
  ['destination_subsidy_type', 'smallint'],
  ['other_destination', 'text'],
  ['date_created', 'timestamptz'],
  ['date_updated', 'timestamptz'],
  ['user_id', 'text'],
];

/** Who changed a record, and when. */
type Changed = Pick<Enrollment, 'dateUpdated' | 'userId'>;

export const enrollmentsRepository = {
  /** Projects of the agencies in the scope (the agencies a user may enroll into), by agency then name. */
  async projectsIn(db: Db, scope: EnrollmentScope): Promise<ProjectSummary[]> {
    const rows = await selectProjects(db)
      .where(visible(scope))
      .orderBy(sql`lower(organizations.organization_name)`)
      .orderBy(sql`lower(projects.project_name)`)
      .orderBy('projects.project_id')
      .execute();
    return rows.map(toProject);
  },

  async findProject(db: Db, projectId: string): Promise<ProjectSummary | undefined> {
    const row = await selectProjects(db).where('projects.project_id', '=', projectId).executeTakeFirst();
    return row && toProject(row);
  },

  /** Clients (not deleted) by PersonalID, in no particular order. */
  async findClients(db: Db, personalIds: readonly string[]): Promise<ClientSummary[]> {
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
  ): Promise<Stay[]> {
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

  async insertEnrollment(db: Db, enrollment: Enrollment): Promise<void> {
    await db.insertInto('enrollments').values(enrollmentRow(enrollment)).execute();
  },

  /** Many enrollments and their exits in a few statements (generated Training data). */
  async insertMany(db: Db, enrollments: readonly Enrollment[], exits: readonly Exit[]): Promise<void> {
    await insertMany(db, 'enrollments', BULK_ENROLLMENT_COLUMNS, enrollments.map(enrollmentRow));
    await insertMany(db, 'exits', BULK_EXIT_COLUMNS, exits.map(exitRow));
  },

  /** A corrected entry date and entry data. */
  async updateEntry(db: Db, enrollmentId: string, entryDate: string, fields: MemberEntryFields, changed: Changed): Promise<void> {
    await db
      .updateTable('enrollments')
      .set({ entry_date: entryDate, ...entryColumns(fields), date_updated: changed.dateUpdated, user_id: changed.userId })
      .where('enrollment_id', '=', enrollmentId)
      .where('date_deleted', 'is', null)
      .execute();
  },

  /** 3.16 of a household: every member carries the head's Enrollment CoC. */
  async updateHouseholdCoc(db: Db, householdId: string, cocCode: string, changed: Changed): Promise<void> {
    await db
      .updateTable('enrollments')
      .set({ enrollment_coc: cocCode, date_updated: changed.dateUpdated, user_id: changed.userId })
      .where('household_id', '=', householdId)
      .where('date_deleted', 'is', null)
      .where((eb) => eb.or([eb('enrollment_coc', 'is', null), eb('enrollment_coc', '!=', cocCode)]))
      .execute();
  },

  /** 3.20 and 4.13, the dates other features record on the enrollment (src/move-in/, src/contacts/). */
  async findOccurrenceDates(db: Db, enrollmentIds: readonly string[]): Promise<EnrollmentOccurrenceDates[]> {
    if (enrollmentIds.length === 0) return [];
    const rows = await db
      .selectFrom('enrollments')
      .select(['enrollment_id', nullableDay('move_in_date').as('move_in_date'), nullableDay('date_of_engagement').as('date_of_engagement')])
      .where('enrollment_id', 'in', [...enrollmentIds])
      .where('date_deleted', 'is', null)
      .execute();
    return rows.map((r) => ({ enrollmentId: r.enrollment_id, moveInDate: r.move_in_date, dateOfEngagement: r.date_of_engagement }));
  },

  /** 3.08 as stored, and the answer given while a disability record has made it Yes. */
  async findDisablingCondition(db: Db, enrollmentId: string): Promise<{ disablingCondition: number; given: number | null } | undefined> {
    const row = await db
      .selectFrom('enrollments')
      .select(['disabling_condition', 'disabling_condition_given'])
      .where('enrollment_id', '=', enrollmentId)
      .where('date_deleted', 'is', null)
      .executeTakeFirst();
    return row && { disablingCondition: row.disabling_condition, given: row.disabling_condition_given };
  },

  async updateDisablingCondition(db: Db, enrollmentId: string, value: { disablingCondition: number; given: number | null }, changed: Changed): Promise<void> {
    await db
      .updateTable('enrollments')
      .set({ disabling_condition: value.disablingCondition, disabling_condition_given: value.given, date_updated: changed.dateUpdated, user_id: changed.userId })
      .where('enrollment_id', '=', enrollmentId)
      .where('date_deleted', 'is', null)
      .execute();
  },

  async updateOccurrenceDates(db: Db, enrollmentId: string, dates: Partial<Omit<EnrollmentOccurrenceDates, 'enrollmentId'>>, changed: Changed): Promise<void> {
    await db
      .updateTable('enrollments')
      .set({
        ...(dates.moveInDate !== undefined ? { move_in_date: dates.moveInDate } : {}),
        ...(dates.dateOfEngagement !== undefined ? { date_of_engagement: dates.dateOfEngagement } : {}),
        date_updated: changed.dateUpdated,
        user_id: changed.userId,
      })
      .where('enrollment_id', '=', enrollmentId)
      .where('date_deleted', 'is', null)
      .execute();
  },

  async updateRelationship(db: Db, enrollmentId: string, relationshipToHoH: number, changed: Changed): Promise<void> {
    await db
      .updateTable('enrollments')
      .set({ relationship_to_hoh: relationshipToHoH, date_updated: changed.dateUpdated, user_id: changed.userId })
      .where('enrollment_id', '=', enrollmentId)
      .where('date_deleted', 'is', null)
      .execute();
  },

  /** Several enrollments in one statement (those deleted or not found left out), in no particular order. */
  async findEnrollments(db: Db, enrollmentIds: readonly string[]): Promise<Enrollment[]> {
    if (enrollmentIds.length === 0) return [];
    const rows = await db
      .selectFrom('enrollments')
      .select(enrollmentColumns)
      .where('enrollment_id', 'in', enrollmentIds)
      .where('date_deleted', 'is', null)
      .execute();
    return rows.map(toEnrollment);
  },

  async findEnrollment(db: Db, enrollmentId: string): Promise<Enrollment | undefined> {
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
  async lockHousehold(trx: Transaction<Database>, householdId: string): Promise<Enrollment[]> {
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
  async householdMembers(db: Db, householdId: string, scope: EnrollmentScope): Promise<EnrollmentSummary[]> {
    const rows = await selectEnrollmentList(db, scope)
      .where('enrollments.household_id', '=', householdId)
      .orderBy(sql`enrollments.relationship_to_hoh = 1`, 'desc')
      .orderBy('enrollments.entry_date')
      .orderBy('clients.last_name_norm')
      .orderBy('clients.first_name_norm')
      .orderBy('enrollments.enrollment_id')
      .execute();
    return rows.map(toSummary);
  },

  /** A client's enrollments the scope may see, newest first. */
  async forClient(db: Db, personalId: string, scope: EnrollmentScope): Promise<EnrollmentSummary[]> {
    const rows = await selectEnrollmentList(db, scope)
      .where('enrollments.personal_id', '=', personalId)
      .orderBy('enrollments.entry_date', 'desc')
      .orderBy('enrollments.enrollment_id')
      .execute();
    return rows.map(toSummary);
  },

  /**
   * A project's enrollments the scope may see: those still open, or (with `past`) every one, newest stays
   * first, each household together with its head first. At most `limit` rows.
   */
  async forProject(db: Db, projectId: string, scope: EnrollmentScope, options: { past: boolean; limit: number }): Promise<EnrollmentSummary[]> {
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
    return rows.map(toSummary);
  },

  async findExit(db: Db, enrollmentId: string): Promise<Exit | undefined> {
    const row = await db.selectFrom('exits').select(exitColumns).where('enrollment_id', '=', enrollmentId).where('date_deleted', 'is', null).executeTakeFirst();
    return row && toExit(row);
  },

  /** The live exits of these enrollments. */
  async findExits(db: Db, enrollmentIds: readonly string[]): Promise<Exit[]> {
    if (enrollmentIds.length === 0) return [];
    const rows = await db.selectFrom('exits').select(exitColumns).where('enrollment_id', 'in', [...enrollmentIds]).where('date_deleted', 'is', null).execute();
    return rows.map(toExit);
  },

  async insertExit(db: Db, exit: Exit): Promise<void> {
    await db.insertInto('exits').values(exitRow(exit)).execute();
  },

  async updateExit(db: Db, exitId: string, fields: ExitFields, changed: Changed): Promise<void> {
    await db
      .updateTable('exits')
      .set({ ...exitColumnsOf(fields), date_updated: changed.dateUpdated, user_id: changed.userId })
      .where('exit_id', '=', exitId)
      .where('date_deleted', 'is', null)
      .execute();
  },

  /** Live stays in a project outside [start, end]: begun before start, or begun, exited or still open past end. */
  async countStaysOutside(db: Db, projectId: string, period: { start: string; end: string | null }): Promise<number> {
    const row = await db
      .selectFrom('enrollments')
      .leftJoin('exits', (join) => join.onRef('exits.enrollment_id', '=', 'enrollments.enrollment_id').on('exits.date_deleted', 'is', null))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('enrollments.project_id', '=', projectId)
      .where('enrollments.date_deleted', 'is', null)
      .where((eb) => {
        const outside = [eb('enrollments.entry_date', '<', period.start)];
        if (period.end !== null) {
          outside.push(eb('enrollments.entry_date', '>', period.end), eb('exits.exit_date', 'is', null), eb('exits.exit_date', '>', period.end));
        }
        return eb.or(outside);
      })
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Live enrollments in the projects of an agency. */
  async countEnrollmentsOfAgency(db: Db, organizationId: string): Promise<number> {
    const row = await db
      .selectFrom('enrollments')
      .innerJoin('projects', 'projects.project_id', 'enrollments.project_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('projects.organization_id', '=', organizationId)
      .where('enrollments.date_deleted', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Live enrollments in a project with this EnrollmentCoC. */
  async countEnrollmentsInCoc(db: Db, projectId: string, cocCode: string): Promise<number> {
    const row = await db
      .selectFrom('enrollments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('project_id', '=', projectId)
      .where('enrollment_coc', '=', cocCode)
      .where('date_deleted', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
