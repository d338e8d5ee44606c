import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../errors.js';
import { RACE_FIELDS, type RaceColumn } from '../hud/client-code-lists.js';
import { validateClientInput, type ClientFields, type ClientInput } from './client-fields.js';
import { ClientsRepository, type ClientRow, type NewClientRow } from './clients.repository.js';
import { parseSearchQuery, rankByName, type SearchKind } from './client-search.js';
import { normalizeName, soundex } from './name-matching.js';
import { isValidSsn, ssnLast4 } from './ssn.js';

/** A client profile as the rest of Hearth sees it. Pages show `ssn` only through maskSsn. */
export interface Client extends ClientFields {
  personalId: string;
  dateCreated: Date;
  dateUpdated: Date;
  userId: string;
}

export type DuplicateReason = 'SSN' | 'name' | 'date of birth';

export interface PossibleDuplicate {
  client: Client;
  reasons: DuplicateReason[];
}

export type CreateResult =
  | { status: 'created'; client: Client }
  | { status: 'possible-duplicates'; duplicates: PossibleDuplicate[] };

export interface SearchResult {
  kind: SearchKind | 'empty';
  clients: Client[];
}

const SEARCH_LIMIT = 50;
const NAME_CANDIDATE_LIMIT = 2000;
const DUPLICATE_LIMIT = 20;
// Open Path ignores dates of birth before this year when matching duplicates (placeholder dates).
const EARLIEST_DUPLICATE_DOB = '1921-01-01';

export class ClientService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly timeZone: string,
  ) {}

  /** Today in the site's time zone, YYYY-MM-DD. */
  today(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(this.clock.now());
  }

  /**
   * Creates a client after checking HUD's rules. When likely duplicates exist that the user has not
   * yet seen and dismissed (`dismissedDuplicates`: their PersonalIDs), nothing is saved and they are returned.
   */
  async create(input: ClientInput, actor: Actor, options: { dismissedDuplicates?: readonly string[] } = {}): Promise<CreateResult> {
    const fields = validateClientInput(input, this.today());
    const duplicates = await this.findLikelyDuplicates(fields);
    const dismissed = new Set(options.dismissedDuplicates ?? []);
    if (duplicates.some((d) => !dismissed.has(d.client.personalId))) return { status: 'possible-duplicates', duplicates };

    const now = this.clock.now();
    const personalId = randomBytes(16).toString('hex');
    const row: NewClientRow = { personal_id: personalId, ...toRow(fields), date_created: now, date_updated: now, user_id: actor.username ?? 'system', date_deleted: null };
    await this.db.transaction().execute(async (trx) => {
      await new ClientsRepository(trx).insert(row);
      await this.audit.record(trx, {
        event: 'client.created',
        actor,
        client: personalId,
        details: { personalId, duplicatesDismissed: duplicates.length },
      });
    });
    return { status: 'created', client: await this.get(personalId) };
  }

  /** Changes a client's universal data elements; the audit lists which elements changed (never their values). */
  async update(personalId: string, input: ClientInput, actor: Actor): Promise<Client> {
    const before = await this.get(personalId);
    const fields = validateClientInput(input, this.today());
    const changed = changedFields(before, fields);
    if (changed.length === 0) return before;
    await this.db.transaction().execute(async (trx) => {
      await new ClientsRepository(trx).update(personalId, { ...toRow(fields), date_updated: this.clock.now(), user_id: actor.username ?? 'system' });
      await this.audit.record(trx, { event: 'client.changed', actor, client: personalId, details: { personalId, changed: changed.join(', ') } });
    });
    return this.get(personalId);
  }

  async get(personalId: string): Promise<Client> {
    const row = /^[0-9a-f]{32}$/.test(personalId) ? await new ClientsRepository(this.db).findByPersonalId(personalId) : undefined;
    if (!row) throw new NotFoundError('There is no client with this PersonalID.');
    return fromRow(row);
  }

  /** A client's profile, opened by a user: audited. */
  async view(personalId: string, actor: Actor): Promise<Client> {
    const client = await this.get(personalId);
    await this.audit.record(this.db, { event: 'client.viewed', actor, client: personalId, details: { personalId } });
    return client;
  }

  /**
   * One search box: a PersonalID, a full SSN, the last 4 of an SSN, a date of birth or a name
   * (fuzzy). Audited with what kind of search it was; SSN digits are never recorded.
   */
  async search(query: string, actor: Actor): Promise<SearchResult> {
    const parsed = parseSearchQuery(query);
    if (parsed.kind === 'empty') return { kind: 'empty', clients: [] };
    const repository = new ClientsRepository(this.db);
    let rows: ClientRow[];
    switch (parsed.kind) {
      case 'personal-id':
        rows = [await repository.findByPersonalId(parsed.personalId)].filter((r): r is ClientRow => r !== undefined);
        break;
      case 'ssn':
        rows = await repository.findBySsn(parsed.ssn, SEARCH_LIMIT);
        break;
      case 'ssn-last4':
        rows = await repository.findBySsnLast4(parsed.last4, SEARCH_LIMIT);
        break;
      case 'dob':
        rows = await repository.findByDob(parsed.dob, SEARCH_LIMIT);
        break;
      case 'name': {
        const candidates = await repository.findNameCandidates({ keys: parsed.keys, prefixes: parsed.prefixes, limit: NAME_CANDIDATE_LIMIT });
        rows = rankByName(parsed, candidates).slice(0, SEARCH_LIMIT);
        break;
      }
    }
    const recordsQuery = parsed.kind === 'name' || parsed.kind === 'dob' || parsed.kind === 'personal-id';
    await this.audit.record(this.db, {
      event: 'client.searched',
      actor,
      details: { kind: parsed.kind, results: rows.length, ...(recordsQuery ? { query: query.trim().slice(0, 200) } : {}) },
    });
    return { kind: parsed.kind, clients: rows.map(fromRow) };
  }

  /** Existing clients matching two of: the same valid SSN, the same normalized first + last name, the same DOB. */
  async findLikelyDuplicates(fields: ClientFields): Promise<PossibleDuplicate[]> {
    const ssn = isValidSsn(fields.ssn) ? fields.ssn : null;
    const firstNorm = normalizeName(fields.firstName);
    const lastNorm = normalizeName(fields.lastName);
    const dob = fields.dob && fields.dob >= EARLIEST_DUPLICATE_DOB ? fields.dob : null;
    const rows = await new ClientsRepository(this.db).findSharingIdentity({ ssn, firstNorm, lastNorm, dob, limit: 500 });
    const duplicates: PossibleDuplicate[] = [];
    for (const row of rows) {
      const reasons: DuplicateReason[] = [];
      if (ssn && row.ssn === ssn) reasons.push('SSN');
      if (firstNorm && lastNorm && row.first_name_norm === firstNorm && row.last_name_norm === lastNorm) reasons.push('name');
      if (dob && row.dob === dob) reasons.push('date of birth');
      if (reasons.length >= 2) duplicates.push({ client: fromRow(row), reasons });
    }
    return duplicates.sort((a, b) => b.reasons.length - a.reasons.length).slice(0, DUPLICATE_LIMIT);
  }
}

function toRow(fields: ClientFields) {
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

export function fromRow(row: ClientRow): Client {
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

/** Names of the elements that differ (for the audit log; values are never recorded). */
function changedFields(before: ClientFields, after: ClientFields): string[] {
  const changed: string[] = [];
  for (const key of Object.keys(after) as (keyof ClientFields)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed.push(key);
  }
  return changed;
}

/** The form values that show a stored client again (for editing). */
export function clientToInput(client: Client): ClientInput {
  return {
    firstName: client.firstName ?? '',
    middleName: client.middleName ?? '',
    lastName: client.lastName ?? '',
    nameSuffix: client.nameSuffix ?? '',
    nameDataQuality: String(client.nameDataQuality),
    ssn: client.ssn ?? '',
    ssnDataQuality: String(client.ssnDataQuality),
    dob: client.dob ?? '',
    dobDataQuality: String(client.dobDataQuality),
    races: RACE_FIELDS.filter((r) => client.races[r.column] === 1).map((r) => r.column),
    raceNone: client.raceNone === null ? '' : String(client.raceNone),
    additionalRaceEthnicity: client.additionalRaceEthnicity ?? '',
    sex: String(client.sex),
    veteranStatus: String(client.veteranStatus),
  };
}
