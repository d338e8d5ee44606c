import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../db/schema.js';
import { ENROLLMENT_RECORD_TABLES } from '../db/enrollment-records.js';

/** An arbitrary constant: the advisory lock that lets one Training reset run at a time. */
const RESET_LOCK = 4_627_261;

export interface RecordCounts {
  agencies: number;
  projects: number;
  clients: number;
  enrollments: number;
  exits: number;
}

/**
 * What the Training reset does across the site's tables: clears them before the generated data is written
 * (through each feature's service), and counts what is there.
 */
export const trainingRepository = {
  /** Waits for any other reset to finish (until the end of this transaction). */
  async lockReset(trx: Transaction<Database>): Promise<void> {
    await sql`select pg_advisory_xact_lock(${RESET_LOCK})`.execute(trx);
  },

  /**
   * Deletes every client and what hangs off them (exits, enrollments, their stage and occurrence records, recent views), and every project with its
   * set-up records. One TRUNCATE: far faster than deleting row by row with a foreign-key check per row, and still
   * undone by a rollback. A new table that references these must be added here (the statement fails until it is).
   */
  async deleteClientsAndProjects(trx: Transaction<Database>): Promise<void> {
    const tables = [...ENROLLMENT_RECORD_TABLES, 'exits', 'enrollments', 'client_recent_views', 'clients', 'project_cocs', 'funders',
      'inventories', 'affiliations', 'hmis_participations', 'ce_participations', 'projects'];
    await sql`truncate table ${sql.join(tables.map((table) => sql.table(table)))}`.execute(trx);
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
