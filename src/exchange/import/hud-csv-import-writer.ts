import type { ImportedClient } from '../../clients/clients.model.js';
import type { HudBookkeepingValues } from '../../db/hud-timestamps.js';
import type { Db } from '../../db/schema.js';
import { HUD_FILE_SOURCES, sourceColumn, type HudDataFileName, type HudFileSource } from '../hud-csv-export-sources.js';
import { isHudCode } from '../hud-csv-lists.js';
import { hudFile, type HudColumn, type HudFile, type HudFileName } from '../hud-csv-spec.js';
import { clientFieldsOfHudRow } from './hud-csv-client-fields.js';
import { bookkeepingOf, organizationOf, projectOf } from './hud-csv-import-rows.js';
import type { AcceptedRow, ImportIssue } from './hud-csv-import.model.js';
import { hudCsvImportBulkRepository as bulk, hudCsvImportRepository as repo } from './hud-csv-import.repository.js';

/**
 * Writing an import's accepted rows, file by file, in batches, inside the import's one transaction. HUD columns go
 * to table columns through the export's mapping (HUD_FILE_SOURCES, read in reverse), so what the export writes
 * and what the import reads cannot drift apart. Every key and every id that names another file's row is replaced
 * by the Hearth id that source id was given (import_source_ids): new rows get a new id, known ones keep theirs,
 * so a second import of the same source updates and never duplicates. A HouseholdID is mapped the same way.
 * A source client is written under the Hearth client it was matched to, when the match is certain or an
 * administrator confirmed it; otherwise as a new client.
 * A row the database refuses (a rule of Hearth's stricter than HUD's, e.g. a date of engagement before entry) is
 * rolled back alone, through a savepoint, and reported as an error of its row: the rest lands.
 */

export interface ImportWriterContext {
  db: Db;
  /** The source system (Export.csv's ImplementationID, or what stands for it). */
  source: string;
  timeZone: string;
  now: Date;
  today: string;
  /** UserID of a row that has none: the importing account. */
  importingUser: string;
  newId: () => string;
  /** The Hearth client a source PersonalID was matched to (certain, or confirmed), if any. */
  matchedClientOf: (sourcePersonalId: string) => string | null;
  writeClients: (db: Db, clients: readonly ImportedClient[]) => Promise<void>;
  /** A row the database refused: its file and issue. */
  onRefused: (file: HudFileName, issue: ImportIssue) => void;
  /** Rows written so far (refused ones included: they were dealt with). */
  onWritten: (rows: number) => void;
}

/** An id column of a file: the column, and the HUD file whose ids it holds ('Household': HouseholdIDs). */
interface IdColumn {
  column: string;
  of: HudFileName | 'Household';
}

type Values = Readonly<Record<string, string>>;
type TableRow = Record<string, unknown> & HudBookkeepingValues;

/** Values per flush (rows × columns): each file's rows go as one JSON parameter (bulk-insert.ts upsertMany). */
const VALUES_PER_BATCH = 100_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const INTEGER = /^-?\d+$/;
const MONEY = /^-?\d+(\.\d+)?$/;

/** The files an import writes: those Hearth keeps (User.csv is not: each row keeps its UserID, marked when digits only). */
export function writtenFile(name: HudFileName): name is HudDataFileName {
  return name !== 'Export' && name !== 'User' && HUD_FILE_SOURCES[name as HudDataFileName] != null;
}

export class HudCsvImportWriter {
  private file: HudFile | null = null;
  private rows: AcceptedRow[] = [];
  private savepoints = 0;

  constructor(private readonly context: ImportWriterContext) {}

  async add(file: HudFile, row: AcceptedRow): Promise<void> {
    if (!writtenFile(file.name)) return;
    if (this.file !== null && this.file.name !== file.name) await this.flush();
    this.file = file;
    this.rows.push(row);
    if (this.rows.length * file.columns.length >= VALUES_PER_BATCH) await this.flush();
  }

  async finish(): Promise<void> {
    await this.flush();
  }

  private async flush(): Promise<void> {
    const file = this.file;
    const rows = this.rows;
    this.rows = [];
    if (file === null || rows.length === 0) return;
    const source = HUD_FILE_SOURCES[file.name as HudDataFileName]!;
    const fill = BLANK_FALLBACKS[file.name];
    if (fill) {
      for (const row of rows) {
        const filled = { ...row.values };
        for (const [column, fallback] of Object.entries(fill)) if ((filled[column] ?? '') === '') filled[column] = fallback(row.values);
        row.values = filled;
      }
    }
    const ids = await this.hearthIds(file, source, rows);
    const prepared: { row: number; write: TableRow | null }[] = rows.map(({ row, values }) => ({ row, write: this.tableRow(file, source, values, ids) }));
    for (const p of prepared.filter((p) => p.write === null)) {
      this.context.onRefused(file.name, { severity: 'error', row: p.row, column: null, rule: 'reference', message: 'A row it refers to was not stored: skipped.' });
    }
    const writable = prepared.filter((p): p is { row: number; write: TableRow } => p.write !== null);
    await this.write(file, source, writable);
    this.context.onWritten(rows.length);
  }

  /** The rows in one statement; if the database refuses it, each row alone, so only the refused ones are lost. */
  private async write(file: HudFile, source: HudFileSource, rows: readonly { row: number; write: TableRow }[]): Promise<void> {
    const { db } = this.context;
    const batch = `import_batch_${(this.savepoints += 1)}`;
    await bulk.savepoint(db, batch);
    try {
      await this.store(file, source, rows.map((r) => r.write));
      await bulk.releaseSavepoint(db, batch);
      return;
    } catch {
      await bulk.rollbackToSavepoint(db, batch);
      await bulk.releaseSavepoint(db, batch);
    }
    for (const { row, write } of rows) {
      const one = `import_row_${(this.savepoints += 1)}`;
      await bulk.savepoint(db, one);
      try {
        await this.store(file, source, [write]);
      } catch (error) {
        await bulk.rollbackToSavepoint(db, one);
        const reason = error instanceof Error ? error.message : String(error);
        this.context.onRefused(file.name, { severity: 'error', row, column: null, rule: 'stored', message: `Hearth’s database refused the row (${reason}): skipped.` });
      }
      await bulk.releaseSavepoint(db, one);
    }
  }

  private async store(file: HudFile, source: HudFileSource, rows: readonly TableRow[]): Promise<void> {
    const { db, timeZone, now } = this.context;
    switch (file.name) {
      case 'Client':
        return this.context.writeClients(db, rows as unknown as ImportedClient[]);
      case 'Organization':
        for (const row of rows) await repo.upsertOrganization(db, row as never, timeZone, now);
        return;
      case 'Project':
        for (const row of rows) await repo.upsertProject(db, row as never, timeZone, now);
        return;
      default:
        return bulk.upsertRows(db, { table: source.table, key: sourceColumn(source, file.key)! }, rows, timeZone, now);
    }
  }

  /**
   * The Hearth id of every source id the rows hold, by file: the rows' own keys (and HouseholdIDs) given one in a
   * single statement (new, or the one they had), the ids they refer to looked up.
   */
  private async hearthIds(file: HudFile, source: HudFileSource, rows: readonly AcceptedRow[]): Promise<Map<string, Map<string, string>>> {
    const { db, source: from, now, newId } = this.context;
    const byFile = new Map<string, Map<string, string>>();
    for (const { column, of } of idColumnsOf(file, source)) {
      const wanted = [...new Set(rows.map((r) => r.values[column] ?? '').filter((v) => v !== ''))];
      const known = byFile.get(of);
      const missing = known ? wanted.filter((id) => !known.has(id)) : wanted;
      const owned = column === file.key || of === 'Household';
      const found = owned
        ? await bulk.giveHearthIds(db, {
            source: from,
            hudFile: of,
            proposed: missing.map((id) => [id, (of === 'Client' ? this.context.matchedClientOf(id) : null) ?? newId()] as const),
            now,
          })
        : await bulk.hearthIdsOf(db, from, of, missing);
      if (known) for (const [sourceId, hearthId] of found) known.set(sourceId, hearthId);
      byFile.set(of, known ?? found);
    }
    return byFile;
  }

  /** A row as its table stores it, under Hearth ids; null when an id it refers to has none (its row was refused). */
  private tableRow(file: HudFile, source: HudFileSource, values: Values, ids: Map<string, Map<string, string>>): TableRow | null {
    const mapped: Record<string, string> = { ...values };
    for (const { column, of } of idColumnsOf(file, source)) {
      const value = values[column] ?? '';
      if (value === '') continue;
      const hearthId = ids.get(of)?.get(value);
      if (hearthId === undefined) return null;
      mapped[column] = hearthId;
    }
    const { importingUser, today } = this.context;
    switch (file.name) {
      case 'Client':
        return { personalId: mapped.PersonalID!, ...clientFieldsOfHudRow(values), ...bookkeepingOf(values, importingUser) } as unknown as TableRow;
      case 'Organization':
        return organizationOf(values, mapped.OrganizationID!, importingUser) as unknown as TableRow;
      case 'Project':
        return projectOf(values, { projectId: mapped.ProjectID!, organizationId: mapped.OrganizationID! }, importingUser, today) as unknown as TableRow;
      default: {
        const row: TableRow = { ...bookkeepingOf(values, importingUser) };
        for (const { column, name, isId } of columnPlanOf(file, source)) {
          row[name] = isId ? (mapped[column.name] || null) : storedValue(column, values[column.name] ?? '');
        }
        return row;
      }
    }
  }
}

const BOOKKEEPING = ['DateCreated', 'DateUpdated', 'UserID', 'DateDeleted'];

const createdDay = (values: Values) => (values.DateCreated ?? '').slice(0, 10);

/**
 * What stands for a value HUD requires and legacy data leaves blank (the validator has warned of each), where
 * Hearth cannot store the row without one: an enrollment without a HouseholdID is a household of its own; a
 * missing start date is the day the record was created; a project in an HMIS export takes part in the HMIS; a grant
 * and a geocode nobody recorded are marked so.
 */
const BLANK_FALLBACKS: Partial<Record<HudFileName, Record<string, (values: Values) => string>>> = {
  Enrollment: { HouseholdID: (values) => `(enrollment ${values.EnrollmentID})` },
  Funder: { GrantID: () => 'Unknown', StartDate: createdDay },
  ProjectCoC: { Geocode: () => '000000' },
  Inventory: { InventoryStartDate: createdDay },
  HMISParticipation: { HMISParticipationType: () => '1', HMISParticipationStatusStartDate: createdDay },
  CEParticipation: { CEParticipationStatusStartDate: createdDay },
};

const columnPlanCache = new Map<HudFileName, { column: HudColumn; name: string; isId: boolean }[]>();

/** The columns of a file its table stores (bookkeeping aside): the table's name for each, and whether it holds an id. */
function columnPlanOf(file: HudFile, source: HudFileSource) {
  let plan = columnPlanCache.get(file.name);
  if (!plan) {
    const ids = idColumnsOf(file, source);
    plan = file.columns.flatMap((column) => {
      const name = sourceColumn(source, column.name);
      return name === null || BOOKKEEPING.includes(column.name) ? [] : [{ column, name, isId: ids.some((c) => c.column === column.name) }];
    });
    columnPlanCache.set(file.name, plan);
  }
  return plan;
}

const idColumnCache = new Map<HudFileName, IdColumn[]>();

/** The columns of a file that hold ids of rows: its key, what it refers to by key, and a HouseholdID. */
function idColumnsOf(file: HudFile, source: HudFileSource): IdColumn[] {
  const cached = idColumnCache.get(file.name);
  if (cached) return cached;
  const columns: IdColumn[] = [{ column: file.key, of: file.name }];
  for (const ref of file.references) {
    if (ref.file === 'User') continue;
    const targetKey = hudFile(ref.file).key;
    ref.fileColumns.forEach((fileColumn, i) => {
      const column = ref.columns[i]!;
      if (fileColumn === targetKey && !columns.some((c) => c.column === column)) columns.push({ column, of: ref.file });
    });
  }
  if (file.columns.some((c) => c.name === 'HouseholdID')) columns.push({ column: 'HouseholdID', of: 'Household' });
  const kept = columns.filter((c) => sourceColumn(source, c.column) !== null);
  idColumnCache.set(file.name, kept);
  return kept;
}

/**
 * A HUD value as its column stores it. The validator has reported every value outside its list or of the wrong
 * shape; such a value, which Hearth's checks refuse, is stored empty, or as 99 ("data not collected") where HUD
 * requires a value from a list that has it, as the export writes an empty one (hud-csv-values.ts).
 */
function storedValue(column: HudColumn, value: string): unknown {
  const notCollected = !column.nullable && typeof column.list === 'string' && isHudCode(column.list, 99) ? 99 : null;
  switch (column.type) {
    case 'I': {
      if (!INTEGER.test(value)) return notCollected;
      const n = Number(value);
      return typeof column.list === 'string' && !isHudCode(column.list, n) ? notCollected : n;
    }
    case 'M':
    case 'M+':
      return MONEY.test(value) ? value : null;
    case 'D':
      return DATE.test(value) ? value : null;
    case 'T':
      return DATETIME.test(value) ? value : null;
    case 'S':
      if (value === '') return null;
      return column.maxLength !== undefined && !column.hashable ? value.slice(0, column.maxLength) : value;
  }
}
