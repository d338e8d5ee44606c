import { sql, type Expression, type ExpressionBuilder, type Insertable, type Kysely, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import { insertMany, upsertMany, type BulkColumn } from '../db/bulk-insert.js';
import type { ClientsTable, Database } from '../db/schema.js';
import { RACE_FIELDS, type RaceColumn } from '../hud/client-code-lists.js';
import type { CandidatePlan, Client, ClientFields, ImportedClient, IndexedClient, NameCandidate, NamePattern } from './clients.model.js';
import { lastNameTail, normalizeName, soundex } from './name-matching.js';
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

/** The PersonalID and the four parts of the name, as every reading of a client row starts. */
function idAndName(row: Pick<Selectable<ClientsTable>, 'personal_id' | 'first_name' | 'middle_name' | 'last_name' | 'name_suffix'>) {
  return { personalId: row.personal_id, firstName: row.first_name, middleName: row.middle_name, lastName: row.last_name, nameSuffix: row.name_suffix };
}

function toClient(row: ClientRow): Client {
  const races = Object.fromEntries(RACE_FIELDS.map((r) => [r.column, row[r.column] === 1 ? 1 : 0])) as Record<RaceColumn, 0 | 1>;
  return {
    ...idAndName(row),
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

/**
 * The columns of the validated elements, with the search helpers worked out from them (normalized names, Soundex
 * keys, the second surname, last 4 of the SSN).
 */
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
    last_name_tail_norm: lastNameTail(fields.lastName),
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
  ['last_name_tail_norm', 'text'],
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
   * Candidates for a typed name (client-search.ts, candidatePlan), one statement: the rows of each branch given, under the
   * branch's own limit, rows with what was typed exactly first (a name using every typed word before anything
   * else), so a limit only ever drops near misses. A row may come from several branches. The service ranks them.
   */
  async findNameCandidates(plan: CandidatePlan, which: 'branches' | 'fallback' = 'branches'): Promise<NameCandidate[]> {
    const { dob, ssnLast4, ssn } = plan.identifiers;
    const inList = (column: 'first_name_norm' | 'last_name_norm' | 'last_name_tail_norm', values: readonly string[]) =>
      values.length ? sql<number>`(${sql.ref(column)} in (${sql.join(values)}))::int` : sql<number>`0`;
    const exactness: RawBuilder<number>[] = [
      inList('first_name_norm', plan.exactFirst),
      sql<number>`greatest(${inList('last_name_norm', plan.exactLast)}, ${inList('last_name_tail_norm', plan.exactLast)})`,
    ];
    if (plan.exactPairs.length) exactness.push(sql<number>`2 * ((first_name_norm, last_name_norm) in (${sql.join(plan.exactPairs.map((p) => sql`(${p.first}, ${p.last})`))}))::int`);
    if (dob) exactness.push(sql<number>`2 * ((dob = ${dob}) is true)::int`);
    if (ssnLast4) exactness.push(sql<number>`2 * ((ssn_last4 = ${ssnLast4}) is true)::int`);
    if (ssn) exactness.push(sql<number>`3 * ((ssn = ${ssn}) is true)::int`);
    const branches = plan[which].flatMap((branch) => {
      const pairs = branch.pairs.filter((p) => matchable(p.first) && matchable(p.last));
      const either = branch.either.filter(matchable);
      const ids = branch.identifiers;
      if (pairs.length + either.length === 0 && !ids) return [];
      const query = this.db
        .selectFrom('clients')
        .select(CANDIDATE_COLUMNS)
        .select(sql<string | null>`to_char(dob, 'YYYY-MM-DD')`.as('dob'))
        // Whether the SSN typed is this client's: the SSN itself stays in the database.
        .select((ssn ? sql<boolean>`(ssn = ${ssn}) is true` : sql<boolean>`false`).as('ssn_matches'))
        .where('date_deleted', 'is', null)
        .where((eb) =>
          eb.or([
            ...pairs.map((p) => eb.and([matches(eb, 'last', p.last), matches(eb, 'first', p.first)])),
            ...either.map((p) => eb.or([matches(eb, 'last', p), matches(eb, 'first', p)])),
            ...(ids?.dob ? [eb('dob', '=', ids.dob)] : []),
            ...(ids?.ssnLast4 ? [eb('ssn_last4', '=', ids.ssnLast4)] : []),
            ...(ids?.ssn ? [eb('ssn', '=', ids.ssn)] : []),
          ]),
        )
        .orderBy(sql`${sql.join(exactness, sql` + `)}`, 'desc')
        .limit(branch.limit);
      return [query];
    });
    if (branches.length === 0) return [];
    const { rows } = await sql<CandidateRow>`${sql.join(branches, sql` union all `)}`.execute(this.db);
    const seen = new Set<string>();
    return rows.filter((row) => !seen.has(row.personal_id) && Boolean(seen.add(row.personal_id))).map(toCandidate);
  }

  /**
   * Clients whose first or last name is exactly this (normalized) word, by name; then those with it as a second
   * surname, as the ranking would order them.
   */
  async findByExactName(word: string, limit: number): Promise<Client[]> {
    const rows = await this.select()
      .where((eb) => eb.or([eb('last_name_norm', '=', word), eb('first_name_norm', '=', word), eb('last_name_tail_norm', '=', word)]))
      .orderBy(sql`(last_name_norm = ${word} or first_name_norm = ${word})`, 'desc')
      .orderBy('last_name_norm')
      .orderBy('first_name_norm')
      .orderBy('personal_id')
      .limit(limit)
      .execute();
    return rows.map(toClient);
  }

  /** Rows sharing at least one of: this SSN, this normalized first + last name, this DOB. */
  /**
   * Imported clients, written under their PersonalIDs: new ones inserted, known ones updated (every column, so a
   * later export from the same source wins), a few hundred per statement.
   */
  async upsertImported(clients: readonly ImportedClient[], timeZone: string, now: Date): Promise<void> {
    const rows = clients.map(({ personalId, dateCreated, dateUpdated, userId, dateDeleted, ...fields }) => ({
      columns: { personal_id: personalId, ...clientColumns(fields), user_id: userId },
      bookkeeping: { dateCreated, dateUpdated, dateDeleted },
    }));
    await upsertMany(this.db, { table: 'clients', key: 'personal_id' }, rows, { timeZone, now });
  }

  /**
   * Clients who could share two identifiers with any of many people: the same SSN, or the same normalized first
   * and last name (two of SSN, name and date of birth always include one of these). One statement per batch of
   * people, for imports.
   */
  async findSharingIdentityOfMany(probes: { ssns: readonly string[]; names: readonly { first: string; last: string }[] }): Promise<IndexedClient[]> {
    if (probes.ssns.length === 0 && probes.names.length === 0) return [];
    const rows = await this.select()
      .where((eb) =>
        eb.or([
          ...(probes.ssns.length > 0 ? [eb('ssn', 'in', [...probes.ssns])] : []),
          ...(probes.names.length > 0
            ? [eb(eb.refTuple('first_name_norm', 'last_name_norm'), 'in', probes.names.map((n) => eb.tuple(n.first, n.last)))]
            : []),
        ]),
      )
      .execute();
    return rows.map(toIndexed);
  }

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

/** What ranking needs of a client, read from the table (see NameCandidate). */
const CANDIDATE_COLUMNS = ['personal_id', 'first_name', 'middle_name', 'last_name', 'name_suffix', 'first_name_norm', 'last_name_norm', 'ssn_last4'] as const;

/** A candidate as findNameCandidates selects it: the date of birth as text, and whether the SSN typed is this client's. */
type CandidateRow = Pick<Selectable<ClientsTable>, (typeof CANDIDATE_COLUMNS)[number]> & { dob: string | null; ssn_matches: boolean };

function toCandidate(row: CandidateRow): NameCandidate {
  return {
    ...idAndName(row),
    firstNameNorm: row.first_name_norm,
    lastNameNorm: row.last_name_norm,
    dob: row.dob,
    ssnLast4: row.ssn_last4,
    ssnMatches: row.ssn_matches,
  };
}

function matchable(pattern: NamePattern): boolean {
  return Boolean(pattern.keys?.length || pattern.prefixes?.length || pattern.exact?.length || pattern.similarTo);
}

/**
 * The name part matches: its Soundex key is one of these, it starts with one of these prefixes, it is one of these
 * names (a last name: or its last word), or it is similar to this one by trigrams (pg_trgm).
 */
function matches(eb: ExpressionBuilder<Database, 'clients'>, part: 'first' | 'last', pattern: NamePattern): Expression<SqlBool> {
  const key = part === 'first' ? 'first_name_key' : 'last_name_key';
  const norm = part === 'first' ? 'first_name_norm' : 'last_name_norm';
  const any: Expression<SqlBool>[] = [];
  if (pattern.keys?.length) any.push(eb(key, 'in', pattern.keys));
  // A prefix as a range of the text_pattern_ops btree (what LIKE 'smi%' becomes there), so that the planner never
  // answers it from the trigram index, which holds every name with those letters anywhere.
  for (const prefix of pattern.prefixes ?? []) {
    const next = prefixEnd(prefix);
    any.push(next === null ? sql<SqlBool>`${sql.ref(norm)} ~>=~ ${prefix}` : sql<SqlBool>`(${sql.ref(norm)} ~>=~ ${prefix} and ${sql.ref(norm)} ~<~ ${next})`);
  }
  if (pattern.exact?.length) {
    any.push(eb(norm, 'in', pattern.exact));
    if (part === 'last') any.push(eb('last_name_tail_norm', 'in', pattern.exact));
  }
  if (pattern.similarTo) any.push(sql<SqlBool>`${sql.ref(norm)} % ${pattern.similarTo}`);
  return eb.or(any);
}

/** The first string after every string starting with this prefix (of letters a–z): "smi" → "smj", "az" → "b". */
function prefixEnd(prefix: string): string | null {
  const kept = prefix.replace(/z+$/, '');
  return kept ? kept.slice(0, -1) + String.fromCharCode(kept.charCodeAt(kept.length - 1) + 1) : null;
}
