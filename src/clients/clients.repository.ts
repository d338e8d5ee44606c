import { sql, type Expression, type ExpressionBuilder, type Insertable, type Kysely, type Selectable, type SqlBool } from 'kysely';
import { insertMany, type BulkColumn } from '../db/bulk-insert.js';
import type { ClientsTable, Database } from '../db/schema.js';
import { RACE_FIELDS, type RaceColumn } from '../hud/client-code-lists.js';
import type { Client, ClientFields, IndexedClient, NameCandidate, NamePattern } from './clients.model.js';
import { normalizeName, soundex } from './name-matching.js';
import { ssnLast4 } from './ssn.js';

const COLUMNS = [
  'personal_id',
  'first_name',
  'middle_name',
  'last_name',
  'name_suffix',
  'name_data_quality',
  'ssn',
  'ssn_data_quality',
  'dob_data_quality',
  'am_ind_ak_native',
  'asian',
  'black_af_american',
  'hispanic_latinao',
  'mid_east_n_african',
  'native_hi_pacific',
  'white',
  'race_none',
  'additional_race_ethnicity',
  'sex',
  'veteran_status',
  'date_created',
  'date_updated',
  'user_id',
  'first_name_norm',
  'last_name_norm',
] as const;

/** A stored client as the selection below reads it: the date of birth as `YYYY-MM-DD` text. */
type ClientRow = Pick<Selectable<ClientsTable>, (typeof COLUMNS)[number] | 'dob'>;

function toClient(row: ClientRow): Client {
  const races = Object.fromEntries(RACE_FIELDS.map((r) => [r.column, row[r.column] === 1 ? 1 : 0])) as Record<RaceColumn, 0 | 1>;
  return {
    personalId: row.personal_id,
    firstName: row.first_name,
    middleName: row.middle_name,
    lastName: row.last_name,
    nameSuffix: row.name_suffix,
    nameDataQuality: row.name_data_quality,
    ssn: row.ssn,
    ssnDataQuality: row.ssn_data_quality,
    dob: row.dob,
    dobDataQuality: row.dob_data_quality,
    races,
    raceNone: row.race_none,
    additionalRaceEthnicity: row.additional_race_ethnicity,
    sex: row.sex ?? 99,
    veteranStatus: row.veteran_status,
    dateCreated: row.date_created,
    dateUpdated: row.date_updated,
    userId: row.user_id,
  };
}

function toIndexed(row: ClientRow): IndexedClient {
  return { client: toClient(row), firstNameNorm: row.first_name_norm, lastNameNorm: row.last_name_norm };
}

/** The columns of the validated elements, with the search helpers worked out from them (normalized names, Soundex keys, last 4 of the SSN). */
export function clientColumns(fields: ClientFields) {
  const firstNorm = normalizeName(fields.firstName);
  const lastNorm = normalizeName(fields.lastName);
  return {
    first_name: fields.firstName,
    middle_name: fields.middleName,
    last_name: fields.lastName,
    name_suffix: fields.nameSuffix,
    name_data_quality: fields.nameDataQuality,
    ssn: fields.ssn,
    ssn_data_quality: fields.ssnDataQuality,
    dob: fields.dob,
    dob_data_quality: fields.dobDataQuality,
    ...fields.races,
    race_none: fields.raceNone,
    additional_race_ethnicity: fields.additionalRaceEthnicity,
    sex: fields.sex,
    veteran_status: fields.veteranStatus,
    first_name_norm: firstNorm,
    last_name_norm: lastNorm,
    first_name_key: soundex(firstNorm),
    last_name_key: soundex(lastNorm),
    ssn_last4: ssnLast4(fields.ssn),
  };
}

function toRow(client: Client): Insertable<ClientsTable> {
  const { personalId, dateCreated, dateUpdated, userId, ...fields } = client;
  return { personal_id: personalId, ...clientColumns(fields), date_created: dateCreated, date_updated: dateUpdated, user_id: userId };
}

const BULK_COLUMNS: readonly BulkColumn<Insertable<ClientsTable>>[] = [
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

/**
 * Client profiles. Deleted rows (date_deleted set) are never returned. Besides this file, only a merge
 * (client-merge.repository.ts, which marks the record merged away and dates the one kept) and the Training
 * reset's truncate write the clients table.
 */
export class ClientsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private select() {
    return this.db
      .selectFrom('clients')
      .select(COLUMNS)
      // A date read back as text: no driver or time zone can move it by a day.
      .select(sql<string | null>`to_char(dob, 'YYYY-MM-DD')`.as('dob'))
      .where('date_deleted', 'is', null);
  }

  async insert(client: Client): Promise<void> {
    await this.db.insertInto('clients').values(toRow(client)).execute();
  }

  /** Many clients in a few statements (generated Training data). */
  insertMany(clients: readonly Client[]): Promise<void> {
    return this.insertRows(clients.map(toRow));
  }

  /** Rows already worked out, search helpers included (the search benchmark makes a million this way). */
  insertRows(rows: readonly Insertable<ClientsTable>[]): Promise<void> {
    return insertMany(this.db, 'clients', BULK_COLUMNS, rows);
  }

  async update(personalId: string, fields: ClientFields, changed: Pick<Client, 'dateUpdated' | 'userId'>): Promise<void> {
    await this.db
      .updateTable('clients')
      .set({ ...clientColumns(fields), date_updated: changed.dateUpdated, user_id: changed.userId })
      .where('personal_id', '=', personalId)
      .where('date_deleted', 'is', null)
      .execute();
  }

  private selectCandidates() {
    return this.db.selectFrom('clients').select(['personal_id', 'first_name_norm', 'last_name_norm']).where('date_deleted', 'is', null);
  }

  /** These clients, in the order given (unknown and deleted ones left out). */
  async findByPersonalIds(personalIds: readonly string[]): Promise<Client[]> {
    if (personalIds.length === 0) return [];
    const rows = await this.select().where('personal_id', 'in', [...personalIds]).execute();
    const byId = new Map(rows.map((r) => [r.personal_id, r]));
    return personalIds.flatMap((id) => byId.get(id) ?? []).map(toClient);
  }

  async findByPersonalId(personalId: string): Promise<Client | undefined> {
    const row = await this.select().where('personal_id', '=', personalId).executeTakeFirst();
    return row && toClient(row);
  }

  async findByDob(dob: string, limit: number): Promise<Client[]> {
    const rows = await this.select().where('dob', '=', dob).orderBy('last_name_norm').orderBy('first_name_norm').limit(limit).execute();
    return rows.map(toClient);
  }

  async findBySsnLast4(last4: string, limit: number): Promise<Client[]> {
    const rows = await this.select().where('ssn_last4', '=', last4).orderBy('last_name_norm').orderBy('first_name_norm').limit(limit).execute();
    return rows.map(toClient);
  }

  async findBySsn(ssn: string, limit: number): Promise<Client[]> {
    const rows = await this.select().where('ssn', '=', ssn).orderBy('last_name_norm').limit(limit).execute();
    return rows.map(toClient);
  }

  /**
   * Candidates for a typed name: rows whose last name matches the last part and whose first name matches
   * the first part of one of the readings (a part matches by Soundex key or by its first letters). Rows
   * with an exactly equal first or last name come first, so a limit never drops them for near misses.
   * The service ranks what comes back.
   */
  async findNameCandidates(options: { pairs: readonly { first: NamePattern; last: NamePattern }[]; exactFirst: readonly string[]; exactLast: readonly string[]; limit: number }): Promise<NameCandidate[]> {
    const pairs = options.pairs.filter((p) => matchable(p.first) && matchable(p.last));
    if (pairs.length === 0) return [];
    const exact = (column: 'first_name_norm' | 'last_name_norm', values: readonly string[]) =>
      values.length ? sql<number>`(${sql.ref(column)} in (${sql.join(values)}))::int` : sql<number>`0`;
    const rows = await this.selectCandidates()
      .where((eb) => eb.or(pairs.map((p) => eb.and([matches(eb, 'last', p.last), matches(eb, 'first', p.first)]))))
      .orderBy(sql`${exact('last_name_norm', options.exactLast)} + ${exact('first_name_norm', options.exactFirst)}`, 'desc')
      .limit(options.limit)
      .execute();
    return rows.map(toCandidate);
  }

  /** Rows whose first or last name is exactly this (normalized) word, by name. */
  async findByExactName(word: string, limit: number): Promise<IndexedClient[]> {
    const rows = await this.select()
      .where((eb) => eb.or([eb('last_name_norm', '=', word), eb('first_name_norm', '=', word)]))
      .orderBy('last_name_norm')
      .orderBy('first_name_norm')
      .limit(limit)
      .execute();
    return rows.map(toIndexed);
  }

  /** Rows whose first or last name matches one word by Soundex key or first letters: a generous set, ranked by the service. */
  async findSingleNameCandidates(pattern: NamePattern, limit: number): Promise<NameCandidate[]> {
    if (!matchable(pattern)) return [];
    const rows = await this.selectCandidates()
      .where((eb) => eb.or([matches(eb, 'last', pattern), matches(eb, 'first', pattern)]))
      .limit(limit)
      .execute();
    return rows.map(toCandidate);
  }

  /** Rows sharing at least one of: this SSN, this normalized first + last name, this DOB. */
  async findSharingIdentity(options: { ssn: string | null; firstNorm: string; lastNorm: string; dob: string | null; limit: number }): Promise<IndexedClient[]> {
    const { ssn, firstNorm, lastNorm, dob } = options;
    const rows = await this.select()
      .where((eb) => {
        const any = [];
        if (ssn) any.push(eb('ssn', '=', ssn));
        if (firstNorm && lastNorm) any.push(eb.and([eb('first_name_norm', '=', firstNorm), eb('last_name_norm', '=', lastNorm)]));
        if (dob) any.push(eb('dob', '=', dob));
        return any.length ? eb.or(any) : eb.val(false);
      })
      .limit(options.limit)
      .execute();
    return rows.map(toIndexed);
  }
}

function toCandidate(row: { personal_id: string; first_name_norm: string; last_name_norm: string }): NameCandidate {
  return { personalId: row.personal_id, firstNameNorm: row.first_name_norm, lastNameNorm: row.last_name_norm };
}

function matchable(pattern: NamePattern): boolean {
  return pattern.keys.length > 0 || pattern.prefixes.length > 0 || (pattern.exact?.length ?? 0) > 0;
}

/** The name part matches: its Soundex key is one of these, it starts with one of these prefixes, or it is one of these names. */
function matches(eb: ExpressionBuilder<Database, 'clients'>, part: 'first' | 'last', pattern: NamePattern): Expression<SqlBool> {
  const key = part === 'first' ? 'first_name_key' : 'last_name_key';
  const norm = part === 'first' ? 'first_name_norm' : 'last_name_norm';
  return eb.or([
    ...(pattern.keys.length ? [eb(key, 'in', pattern.keys)] : []),
    ...pattern.prefixes.map((prefix) => eb(norm, 'like', `${escapeLike(prefix)}%`)),
    ...(pattern.exact?.length ? [eb(norm, 'in', pattern.exact)] : []),
  ]);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
