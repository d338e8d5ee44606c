import { sql, type Kysely } from 'kysely';

/**
 * What an import keeps of where a record came from: for each source system (its Export.csv ImplementationID, unique
 * per source database) and HUD file, the source's key of the row and the Hearth id it was given. Importing the
 * same export again, or a later one from the same source, finds its records here and updates them instead of
 * adding them twice. A client keeps its source PersonalID this way.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_source_ids')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`length(source) between 1 and 200`))
    .addColumn('hud_file', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('hearth_id', 'text', (c) => c.notNull())
    .addColumn('date_created', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_source_ids_pkey', ['source', 'hud_file', 'source_id'])
    .execute();
  await sql`create index import_source_ids_hearth_idx on import_source_ids (hud_file, hearth_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_source_ids').execute();
}
