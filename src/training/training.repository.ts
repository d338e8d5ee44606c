import { sql, type Insertable, type Transaction } from 'kysely';
import type { ClientsTable, Database, Db, EnrollmentsTable, ExitsTable, OrganizationsTable, ProjectsTable } from '../db/schema.js';

/** A column and its PostgreSQL type, for inserting many rows as one array per column. */
type ColumnOf<T> = readonly [keyof T & string, 'text' | 'smallint' | 'integer' | 'date' | 'timestamptz'];

const CLIENT_COLUMNS: readonly ColumnOf<Insertable<ClientsTable>>[] = [
  ['personal_id', 'text'],
  ['first_name', 'text'],
  ['middle_name', 'text'],
  ['last_name', 'text'],
  ['name_suffix', 'text'],
  ['name_data_quality', 'smallint'],
  ['ssn', 'text'],
  ['ssn_data_quality', 'smallint'],
  ['dob', 'date'],
  ['dob_data_quality', 'smallint'],
  ['am_ind_ak_native', 'smallint'],
  ['asian', 'smallint'],
  ['black_af_american', 'smallint'],
  ['hispanic_latinao', 'smallint'],
  ['mid_east_n_african', 'smallint'],
  ['native_hi_pacific', 'smallint'],
  ['white', 'smallint'],
  ['race_none', 'smallint'],
  ['additional_race_ethnicity', 'text'],
  ['sex', 'smallint'],
  ['veteran_status', 'smallint'],
  ['date_created', 'timestamptz'],
  ['date_updated', 'timestamptz'],
  ['user_id', 'text'],
  ['first_name_norm', 'text'],
  ['last_name_norm', 'text'],
  ['first_name_key', 'text'],
  ['last_name_key', 'text'],
  ['ssn_last4', 'text'],
];

const ENROLLMENT_COLUMNS: readonly ColumnOf<Insertable<EnrollmentsTable>>[] = [
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

const EXIT_COLUMNS: readonly ColumnOf<Insertable<ExitsTable>>[] = [
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

/** Rows per statement: one array parameter per column, so the count is bounded by memory, not by parameters. */
const BATCH = 5_000;

/**
 * Many rows in one statement: `insert … select * from unnest($1::text[], $2::smallint[], …)`. Much faster
 * than row-by-row inserts, and the same on PGlite and PostgreSQL.
 */
async function insertMany<T extends object>(db: Db, table: keyof Database & string, columns: readonly ColumnOf<T>[], rows: readonly T[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const arrays = columns.map(([name, type]) => {
      const values = batch.map((row) => {
        const value = (row as Record<string, unknown>)[name];
        return value instanceof Date ? value.toISOString() : (value ?? null);
      });
      return sql`${values}::${sql.raw(type)}[]`;
    });
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([name]) => sql.ref(name)))})
              select * from unnest(${sql.join(arrays)})`.execute(db);
  }
}

/** An arbitrary constant: the advisory lock that lets one Training reset run at a time. */
const RESET_LOCK = 4_627_261;

export interface RecordCounts {
  agencies: number;
  projects: number;
  clients: number;
  enrollments: number;
  exits: number;
}

/** The only place that writes the Training site's generated data in bulk. */
export const trainingRepository = {
  /** Waits for any other reset to finish (until the end of this transaction). */
  async lockReset(trx: Transaction<Database>): Promise<void> {
    await sql`select pg_advisory_xact_lock(${RESET_LOCK})`.execute(trx);
  },

  /**
   * Deletes every client and what hangs off them (exits, enrollments, recent views), and every project. One
   * TRUNCATE: far faster than deleting row by row with a foreign-key check per row, and still undone by a
   * rollback. A new table that references these must be added here (the statement fails until it is).
   */
  async deleteClientsAndProjects(trx: Transaction<Database>): Promise<void> {
    await sql`truncate table exits, enrollments, client_recent_views, clients, projects`.execute(trx);
  },

  /** Deletes every agency but these (which are about to be written again). */
  async deleteAgenciesExcept(trx: Transaction<Database>, keep: readonly string[]): Promise<void> {
    await trx.deleteFrom('organizations').where('organization_id', 'not in', keep).execute();
  },

  /** Removes memberships to agencies other than these; returns how many were removed. */
  async deleteMembershipsExcept(trx: Transaction<Database>, keep: readonly string[]): Promise<number> {
    const result = await trx.deleteFrom('user_organizations').where('organization_id', 'not in', keep).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** Writes these agencies, replacing the ones with the same OrganizationID. */
  async upsertOrganizations(trx: Transaction<Database>, rows: readonly Insertable<OrganizationsTable>[]): Promise<void> {
    await trx
      .insertInto('organizations')
      .values([...rows])
      .onConflict((oc) =>
        oc.column('organization_id').doUpdateSet((eb) => ({
          organization_name: eb.ref('excluded.organization_name'),
          organization_common_name: eb.ref('excluded.organization_common_name'),
          victim_service_provider: eb.ref('excluded.victim_service_provider'),
          date_created: eb.ref('excluded.date_created'),
          date_updated: eb.ref('excluded.date_updated'),
          user_id: eb.ref('excluded.user_id'),
          date_deleted: null,
        })),
      )
      .execute();
  },

  async insertProjects(trx: Transaction<Database>, rows: readonly Insertable<ProjectsTable>[]): Promise<void> {
    if (rows.length > 0) await trx.insertInto('projects').values([...rows]).execute();
  },

  insertClients(db: Db, rows: readonly Insertable<ClientsTable>[]): Promise<void> {
    return insertMany(db, 'clients', CLIENT_COLUMNS, rows);
  },

  insertEnrollments(db: Db, rows: readonly Insertable<EnrollmentsTable>[]): Promise<void> {
    return insertMany(db, 'enrollments', ENROLLMENT_COLUMNS, rows);
  },

  insertExits(db: Db, rows: readonly Insertable<ExitsTable>[]): Promise<void> {
    return insertMany(db, 'exits', EXIT_COLUMNS, rows);
  },

  async countUsers(db: Db): Promise<number> {
    const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async countMemberships(db: Db): Promise<number> {
    const row = await db.selectFrom('user_organizations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** What the site holds now (deleted rows excluded). */
  async countRecords(db: Db): Promise<RecordCounts> {
    const count = (table: 'organizations' | 'projects' | 'clients' | 'enrollments' | 'exits') =>
      sql<string>`(select count(*) from ${sql.table(table)} where date_deleted is null)`;
    const { rows } = await sql<Record<keyof RecordCounts, string>>`
      select ${count('organizations')} as agencies, ${count('projects')} as projects, ${count('clients')} as clients,
             ${count('enrollments')} as enrollments, ${count('exits')} as exits`.execute(db);
    const row = rows[0]!;
    return { agencies: Number(row.agencies), projects: Number(row.projects), clients: Number(row.clients), enrollments: Number(row.enrollments), exits: Number(row.exits) };
  },
};
