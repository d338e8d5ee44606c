import { sql, type RawBuilder } from 'kysely';
import type { EnrollmentScope } from '../access/access-policy.js';
import { copyOutOf, type CopyOutStream } from '../db/copy-out.js';
import type { Db } from '../db/schema.js';
import type { ExportDirective } from './hud-csv-export.model.js';
import { sourceColumn, type HudFileSource } from './hud-csv-export-sources.js';
import type { HudFile, HudType } from './hud-csv-spec.js';
import { columnRule, FORBIDDEN_PATTERN } from './hud-csv-values.js';

/*
 * The export's reads. They are written over the tables' names, not the query builder's types, because one query
 * shape serves every HUD file through its mapping table (hud-csv-export-sources.ts). The database formats every
 * value. On PostgreSQL a file is one `COPY (…) TO STDOUT` that writes its CSV, streamed: one scan of the tables
 * per file instead of one per page (a page's scope joins cost as much as the whole file's), and no per-row work
 * in Node. On PGlite, which cannot stream a COPY out, a file is read in pages walked by its key (keyset pages).
 * Either way memory stays flat however large the tables. A row created after the export started (`cutoff`) waits
 * for the next export.
 */

/** What every page of one export reads through. */
export interface ExportWindow {
  /** 'all': every project, so no query filters by project (its index would otherwise be walked for each page). */
  projectIds: readonly string[] | 'all';
  directive: ExportDirective;
  from: string;
  to: string;
  timeZone: string;
  cutoff: Date;
}

/** One page: the key of each row (for the next page) and its values, in the order of the file's columns. */
export interface SourcePage {
  lastKey: string | null;
  rows: unknown[][];
}

const periodStart = (w: ExportWindow) => sql`((${w.from}::date)::timestamp at time zone ${w.timeZone})`;
const periodEnd = (w: ExportWindow) => sql`(((${w.to}::date) + 1)::timestamp at time zone ${w.timeZone})`;
/** The condition that a row's project is one of the export's. */
function inProjects(column: RawBuilder<unknown> | ReturnType<typeof sql.ref>, w: ExportWindow): RawBuilder<boolean> {
  if (w.projectIds === 'all') return sql<boolean>`true`;
  return sql<boolean>`${column} = any(${[...w.projectIds]}::text[])`;
}

/** A delta carries what changed in the period, deleted rows included; a full export the live rows. */
function liveOrChanged(alias: string, w: ExportWindow): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  if (w.directive === 'full') return sql<boolean>`${column('date_deleted')} is null`;
  return sql<boolean>`((${column('date_updated')} >= ${periodStart(w)} and ${column('date_updated')} < ${periodEnd(w)})
    or (${column('date_deleted')} >= ${periodStart(w)} and ${column('date_deleted')} < ${periodEnd(w)}))`;
}

/**
 * The enrollments an export covers: in its projects, and, for a full export, live and active in the period
 * (entered by its end, not exited before its start). A delta covers every enrollment of its projects that changed.
 */
function enrollmentInScope(alias: string, w: ExportWindow): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const projects = inProjects(column('project_id'), w);
  if (w.directive === 'delta') return projects;
  return sql<boolean>`${projects} and ${column('date_deleted')} is null and ${column('entry_date')} <= ${w.to}::date
    and not exists (select 1 from exits x where x.enrollment_id = ${column('enrollment_id')}
                    and x.date_deleted is null and x.exit_date < ${w.from}::date)`;
}

function inScope(source: HudFileSource, w: ExportWindow): RawBuilder<boolean> {
  switch (source.scope) {
    case 'organizations':
      return sql<boolean>`t.organization_id in (select p.organization_id from projects p where ${inProjects(sql.ref('p.project_id'), w)})`;
    case 'projects':
      return inProjects(sql.ref('t.project_id'), w);
    case 'clients':
      return sql<boolean>`exists (select 1 from enrollments e where e.personal_id = t.personal_id and ${enrollmentInScope('e', w)})`;
    case 'enrollments':
      return source.table === 'enrollments'
        ? enrollmentInScope('t', w)
        : sql<boolean>`exists (select 1 from enrollments e where e.enrollment_id = t.enrollment_id and ${enrollmentInScope('e', w)})`;
  }
}

/** How an export writes its values: its ExportID, and whether names and SSNs are hashed (after the database). */
export interface ExportValues {
  exportId: string;
  hash: boolean;
}

/**
 * Each column as HUD writes it (hud-csv-values.ts): dates `yyyy-mm-dd`, date-times `yyyy-mm-dd hh:mm:ss` in the
 * site's time zone, amounts with two decimals, strings without the forbidden characters (null when that leaves them
 * empty, unless they are still to be hashed), 99 for a required code not collected, and the ExportID.
 */
function selected(file: HudFile, source: HudFileSource, w: ExportWindow, values: ExportValues): RawBuilder<unknown>[] {
  return file.columns.map((column, index) => {
    const rule = columnRule(column, values);
    const name = sourceColumn(source, column.name);
    let value: RawBuilder<unknown>;
    if (rule.exportId) value = sql`${values.exportId}::text`;
    else if (name === null) value = sql`null`;
    else {
      const ref = sql.ref(`t.${name}`);
      value = formatted(column.type, ref, w);
      // regexp_replace, not translate: 3 to 4 times faster (bench/README.md).
      if (rule.string) {
        value = rule.hash
          ? sql`regexp_replace(nullif(${value}, ''), ${FORBIDDEN_PATTERN}, '', 'g')`
          : sql`nullif(regexp_replace(${value}, ${FORBIDDEN_PATTERN}, '', 'g'), '')`;
      }
    }
    if (rule.whenMissing !== null) value = sql`coalesce(${value}, ${sql.lit(rule.whenMissing)})`;
    return sql`${value} as ${sql.raw(`c${index}`)}`;
  });
}

function formatted(type: HudType, ref: RawBuilder<unknown> | ReturnType<typeof sql.ref>, w: ExportWindow): RawBuilder<unknown> {
  switch (type) {
    case 'D':
      return sql`to_char(${ref}, 'YYYY-MM-DD')`;
    case 'T':
      return sql`to_char(${ref} at time zone ${w.timeZone}, 'YYYY-MM-DD HH24:MI:SS')`;
    case 'M':
    case 'M+':
      return sql`to_char(${ref}, 'FM999999990.00')`;
    default:
      return sql`${ref}`;
  }
}

/** A file's rows in the export: its table, within the export's scope and window. */
function rowsInExport(source: HudFileSource, w: ExportWindow): RawBuilder<unknown> {
  return sql`${sql.table(source.table)} t
      where ${inScope(source, w)} and ${liveOrChanged('t', w)} and t.date_created <= ${w.cutoff}`;
}

export const hudCsvExportRepository = {
  /** The next page of a file's rows after `afterKey` (null: the first page), formatted. */
  async page(db: Db, file: HudFile, source: HudFileSource, w: ExportWindow, values: ExportValues, afterKey: string | null, limit: number): Promise<SourcePage> {
    const key = sql.ref(`t.${sourceColumn(source, file.key)}`);
    const { rows } = await sql<Record<string, unknown>>`
      select ${key} as k, ${sql.join(selected(file, source, w, values))}
      from ${rowsInExport(source, w)}
        ${afterKey === null ? sql`` : sql`and ${key} > ${afterKey}`}
      order by ${key}
      limit ${limit}`.execute(db);
    const width = file.columns.length;
    return {
      lastKey: rows.length > 0 ? String(rows[rows.length - 1]!.k) : null,
      rows: rows.map((row) => Array.from({ length: width }, (_, i) => row[`c${i}`])),
    };
  },

  /**
   * All of a file's rows, formatted, in the order of its pages, as CSV that PostgreSQL writes itself (strings
   * quoted, as hud-csv-values.ts says): one statement for the whole file, streamed. Null where the database cannot
   * COPY out (PGlite): its reader walks the pages instead.
   */
  async copyCsv(db: Db, file: HudFile, source: HudFileSource, w: ExportWindow, values: ExportValues): Promise<CopyOutStream | null> {
    const copyOut = copyOutOf(db);
    if (copyOut === null) return null;
    const key = sql.ref(`t.${sourceColumn(source, file.key)}`);
    const quoted = file.columns.flatMap((column, index) => (columnRule(column, values).quoted ? [sql.raw(`c${index}`)] : []));
    return copyOut(
      sql`copy (select ${sql.join(selected(file, source, w, values))} from ${rowsInExport(source, w)} order by ${key})
          to stdout with (format csv, force_quote (${sql.join(quoted)}))`.compile(db),
    );
  },

  /** The HUD UserIDs a file's rows in the export name. */
  async userIds(db: Db, source: HudFileSource, w: ExportWindow): Promise<string[]> {
    const { rows } = await sql<{ user_id: string }>`
      select distinct t.user_id from ${rowsInExport(source, w)} and t.user_id is not null`.execute(db);
    return rows.map((r) => r.user_id);
  },

  /** Projects by id, with their agency: to judge a request for them. */
  async projectsByIds(db: Db, projectIds: readonly string[]): Promise<{ projectId: string; organizationId: string }[]> {
    if (projectIds.length === 0) return [];
    const rows = await db
      .selectFrom('projects')
      .select(['project_id', 'organization_id'])
      .where('project_id', 'in', [...projectIds])
      .where('date_deleted', 'is', null)
      .execute();
    return rows.map((r) => ({ projectId: r.project_id, organizationId: r.organization_id }));
  },

  /**
   * The projects an export covers: those asked for (every one when none is), within the requester's scope, and with
   * a ProjectCoC record for the CoC code when one is given. A delta also covers projects deleted in its period.
   */
  async projectIdsInScope(
    db: Db,
    filter: { scope: EnrollmentScope; projectIds: readonly string[]; cocCode: string | null; window: Omit<ExportWindow, 'projectIds'> },
  ): Promise<string[]> {
    const w = { ...filter.window, projectIds: [] };
    const rows = await sql<{ project_id: string }>`
      select t.project_id from projects t
      where ${liveOrChangedProject(w)}
        ${filter.projectIds.length > 0 ? sql`and t.project_id = any(${[...filter.projectIds]}::text[])` : sql``}
        ${filter.scope.kind === 'organizations' ? sql`and t.organization_id = any(${[...filter.scope.organizationIds]}::text[])` : sql``}
        ${filter.cocCode === null ? sql`` : sql`and exists (select 1 from project_cocs c where c.project_id = t.project_id
                                                            and c.coc_code = ${filter.cocCode} and c.date_deleted is null)`}
      order by t.project_id`.execute(db);
    return rows.rows.map((r) => r.project_id);
  },

  /** The live projects within a scope, by agency and name: the export form's choices. */
  async projectsInScope(db: Db, scope: EnrollmentScope): Promise<{ projectId: string; projectName: string; organizationName: string }[]> {
    let query = db
      .selectFrom('projects')
      .innerJoin('organizations', 'organizations.organization_id', 'projects.organization_id')
      .select(['projects.project_id', 'projects.project_name', 'organizations.organization_name'])
      .where('projects.date_deleted', 'is', null)
      .orderBy('organizations.organization_name')
      .orderBy('projects.project_name');
    if (scope.kind === 'organizations') {
      if (scope.organizationIds.length === 0) return [];
      query = query.where('projects.organization_id', 'in', [...scope.organizationIds]);
    }
    return (await query.execute()).map((r) => ({ projectId: r.project_id, projectName: r.project_name, organizationName: r.organization_name }));
  },

  /** The CoC codes of these projects' live ProjectCoC records, for Export.csv's SourceID. */
  async cocCodesOf(db: Db, projectIds: readonly string[]): Promise<string[]> {
    if (projectIds.length === 0) return [];
    const { rows } = await sql<{ coc_code: string }>`
      select distinct coc_code from project_cocs
      where project_id = any(${[...projectIds]}::text[]) and date_deleted is null order by coc_code`.execute(db);
    return rows.map((r) => r.coc_code);
  },

  /** The accounts among these HUD UserIDs (an account's id as text: hudUserId), formatted for User.csv. */
  async usersByHudUserIds(
    db: Db,
    hudUserIds: readonly string[],
    timeZone: string,
  ): Promise<{ userId: string; firstName: string; lastName: string; email: string | null; dateCreated: string; dateUpdated: string }[]> {
    const ids = hudUserIds.filter((id) => /^[0-9]{1,15}$/.test(id)).map(Number);
    if (ids.length === 0) return [];
    const { rows } = await sql<{ id: number; first_name: string; last_name: string; email: string | null; created: string; updated: string }>`
      select id, first_name, last_name, email,
             to_char(created_at at time zone ${timeZone}, 'YYYY-MM-DD HH24:MI:SS') as created,
             to_char(updated_at at time zone ${timeZone}, 'YYYY-MM-DD HH24:MI:SS') as updated
      from users where id = any(${ids}::bigint[])`.execute(db);
    return rows.map((r) => ({ userId: String(r.id), firstName: r.first_name, lastName: r.last_name, email: r.email, dateCreated: r.created, dateUpdated: r.updated }));
  },
};

/** A full export covers live projects; a delta also those deleted in its period. */
function liveOrChangedProject(w: ExportWindow): RawBuilder<boolean> {
  if (w.directive === 'full') return sql<boolean>`t.date_deleted is null`;
  return sql<boolean>`(t.date_deleted is null or t.date_deleted >= ${periodStart(w)})`;
}
