import { sql, type Expression, type ExpressionBuilder, type Insertable, type Kysely, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { ClientsTable, Database } from '../db/schema.js';
import type { NamePattern } from './client-search.js';

export type ClientRow = Selectable<ClientsTable>;
/** What ranking a name needs: candidates are fetched this narrow, and only the best in full. */
export type NameCandidate = Pick<ClientRow, 'personal_id' | 'first_name_norm' | 'last_name_norm'>;
export type NewClientRow = Insertable<ClientsTable>;
export type ClientRowUpdate = Updateable<ClientsTable>;

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
  'date_deleted',
  'first_name_norm',
  'last_name_norm',
  'first_name_key',
  'last_name_key',
  'ssn_last4',
  'merged_into',
] as const;

/** Only this file writes SQL for clients. Deleted rows (date_deleted set) are never returned. */
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

  async insert(row: NewClientRow): Promise<void> {
    await this.db.insertInto('clients').values(row).execute();
  }

  async update(personalId: string, changes: ClientRowUpdate): Promise<void> {
    await this.db.updateTable('clients').set(changes).where('personal_id', '=', personalId).where('date_deleted', 'is', null).execute();
  }

  private selectCandidates() {
    return this.db.selectFrom('clients').select(['personal_id', 'first_name_norm', 'last_name_norm']).where('date_deleted', 'is', null);
  }

  /** These clients, in the order given (unknown and deleted ones left out). */
  async findByPersonalIds(personalIds: readonly string[]): Promise<ClientRow[]> {
    if (personalIds.length === 0) return [];
    const rows = await this.select().where('personal_id', 'in', [...personalIds]).execute();
    const byId = new Map(rows.map((r) => [r.personal_id, r]));
    return personalIds.flatMap((id) => byId.get(id) ?? []);
  }

  findByPersonalId(personalId: string): Promise<ClientRow | undefined> {
    return this.select().where('personal_id', '=', personalId).executeTakeFirst();
  }

  findByDob(dob: string, limit: number): Promise<ClientRow[]> {
    return this.select().where('dob', '=', dob).orderBy('last_name_norm').orderBy('first_name_norm').limit(limit).execute();
  }

  findBySsnLast4(last4: string, limit: number): Promise<ClientRow[]> {
    return this.select().where('ssn_last4', '=', last4).orderBy('last_name_norm').orderBy('first_name_norm').limit(limit).execute();
  }

  findBySsn(ssn: string, limit: number): Promise<ClientRow[]> {
    return this.select().where('ssn', '=', ssn).orderBy('last_name_norm').limit(limit).execute();
  }

  /**
   * Candidates for a typed name: rows whose last name matches the last part and whose first name matches
   * the first part of one of the readings (a part matches by Soundex key or by its first letters). Rows
   * with an exactly equal first or last name come first, so a limit never drops them for near misses.
   * The service ranks what comes back.
   */
  findNameCandidates(options: { pairs: readonly { first: NamePattern; last: NamePattern }[]; exactFirst: readonly string[]; exactLast: readonly string[]; limit: number }): Promise<NameCandidate[]> {
    const pairs = options.pairs.filter((p) => matchable(p.first) && matchable(p.last));
    if (pairs.length === 0) return Promise.resolve([]);
    const exact = (column: 'first_name_norm' | 'last_name_norm', values: readonly string[]) =>
      values.length ? sql<number>`(${sql.ref(column)} in (${sql.join(values)}))::int` : sql<number>`0`;
    return this.selectCandidates()
      .where((eb) => eb.or(pairs.map((p) => eb.and([matches(eb, 'last', p.last), matches(eb, 'first', p.first)]))))
      .orderBy(sql`${exact('last_name_norm', options.exactLast)} + ${exact('first_name_norm', options.exactFirst)}`, 'desc')
      .limit(options.limit)
      .execute();
  }

  /** Rows whose first or last name is exactly this (normalized) word, by name. */
  findByExactName(word: string, limit: number): Promise<ClientRow[]> {
    return this.select()
      .where((eb) => eb.or([eb('last_name_norm', '=', word), eb('first_name_norm', '=', word)]))
      .orderBy('last_name_norm')
      .orderBy('first_name_norm')
      .limit(limit)
      .execute();
  }

  /** Rows whose first or last name matches one word by Soundex key or first letters: a generous set, ranked by the service. */
  findSingleNameCandidates(pattern: NamePattern, limit: number): Promise<NameCandidate[]> {
    if (!matchable(pattern)) return Promise.resolve([]);
    return this.selectCandidates()
      .where((eb) => eb.or([matches(eb, 'last', pattern), matches(eb, 'first', pattern)]))
      .limit(limit)
      .execute();
  }

  /** Rows sharing at least one of: this SSN, this normalized first + last name, this DOB. */
  findSharingIdentity(options: { ssn: string | null; firstNorm: string; lastNorm: string; dob: string | null; limit: number }): Promise<ClientRow[]> {
    const { ssn, firstNorm, lastNorm, dob } = options;
    return this.select()
      .where((eb) => {
        const any = [];
        if (ssn) any.push(eb('ssn', '=', ssn));
        if (firstNorm && lastNorm) any.push(eb.and([eb('first_name_norm', '=', firstNorm), eb('last_name_norm', '=', lastNorm)]));
        if (dob) any.push(eb('dob', '=', dob));
        return any.length ? eb.or(any) : eb.val(false);
      })
      .limit(options.limit)
      .execute();
  }
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
