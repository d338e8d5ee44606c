import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { ClientsTable, Database } from '../db/schema.js';

export type ClientRow = Selectable<ClientsTable>;
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
   * Rows whose first or last name has one of these Soundex keys or starts with one of these prefixes:
   * a generous candidate set, ranked by the service.
   */
  findNameCandidates(options: { keys: string[]; prefixes: string[]; limit: number }): Promise<ClientRow[]> {
    const { keys, prefixes } = options;
    if (keys.length === 0 && prefixes.length === 0) return Promise.resolve([]);
    return this.select()
      .where((eb) =>
        eb.or([
          ...(keys.length ? [eb('last_name_key', 'in', keys), eb('first_name_key', 'in', keys)] : []),
          ...prefixes.flatMap((prefix) => [
            eb('last_name_norm', 'like', `${escapeLike(prefix)}%`),
            eb('first_name_norm', 'like', `${escapeLike(prefix)}%`),
          ]),
        ]),
      )
      .limit(options.limit)
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

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
