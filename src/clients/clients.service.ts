import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import { canMergeClients, type Viewer } from '../access/access-policy.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { RACE_FIELDS, type RaceColumn } from '../hud/client-code-lists.js';
import { validateClientInput, type ClientFields, type ClientInput } from './client-fields.js';
import { ClientMergedError, PERSONAL_ID_PATTERN, type MergeComparison, type MergeResult } from './client-merge.js';
import { clientMergeRepository } from './client-merge.repository.js';
import { recentViewsRepository } from './recent-views.repository.js';
import { ClientsRepository, type ClientRow, type NameCandidate, type NewClientRow } from './clients.repository.js';
import { namePattern, parseSearchQuery, rankByName, typoKeys, type NameQuery, type SearchKind } from './client-search.js';
import { nicknameVariants, normalizeName, soundex } from './name-matching.js';
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

/** A client as "my recent clients" lists it: who, born when, opened when. */
export type RecentClient = Pick<Client, 'personalId' | 'firstName' | 'middleName' | 'lastName' | 'nameSuffix' | 'dob'> & { viewedAt: Date };

const RECENT_CLIENTS_SHOWN = 10;
// More than are shown, so a merged or deleted record still leaves a full list.
const RECENT_VIEWS_KEPT = 30;
const SEARCH_LIMIT = 50;
const NAME_CANDIDATE_LIMIT = 1000;
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

  /** A live client; a record merged into another throws ClientMergedError (a NotFoundError naming the one kept). */
  async get(personalId: string): Promise<Client> {
    const valid = PERSONAL_ID_PATTERN.test(personalId);
    const row = valid ? await new ClientsRepository(this.db).findByPersonalId(personalId) : undefined;
    if (!row) {
      const kept = valid ? await clientMergeRepository.mergedInto(this.db, personalId) : null;
      if (kept) throw new ClientMergedError(personalId, kept);
      throw new NotFoundError('There is no client with this PersonalID.');
    }
    return fromRow(row);
  }

  /** A client's profile, opened by a user: audited, and first on the user's "my recent clients". */
  async view(personalId: string, actor: Actor): Promise<Client> {
    const client = await this.get(personalId);
    await this.audit.record(this.db, { event: 'client.viewed', actor, client: personalId, details: { personalId } });
    if (actor.userId !== null) {
      await recentViewsRepository.touch(this.db, actor.userId, personalId, this.clock.now());
      await recentViewsRepository.prune(this.db, actor.userId, RECENT_VIEWS_KEPT);
    }
    return client;
  }

  /** The clients this user opened last, newest first (records merged away show as the record kept). */
  async recentlyViewedBy(userId: number, limit = RECENT_CLIENTS_SHOWN): Promise<RecentClient[]> {
    const rows = await recentViewsRepository.listFor(this.db, userId, limit);
    return rows.map((r) => ({
      personalId: r.personal_id,
      firstName: r.first_name,
      middleName: r.middle_name,
      lastName: r.last_name,
      nameSuffix: r.name_suffix,
      dob: r.dob,
      viewedAt: r.viewed_at,
    }));
  }

  /**
   * The full SSN, asked for deliberately: audited (which client, never the number). A client with no SSN
   * on file is refused, so no entry claims something was shown.
   */
  async revealSsn(personalId: string, actor: Actor): Promise<Client & { ssn: string }> {
    const client = await this.get(personalId);
    const ssn = client.ssn;
    if (!ssn) throw new ConflictError('There is no SSN on file for this client, so there is nothing to show.');
    await this.audit.record(this.db, { event: 'client.ssn_revealed', actor, client: personalId, details: { personalId } });
    return { ...client, ssn };
  }

  private async keptRowOf(personalId: string): Promise<ClientRow | undefined> {
    const kept = await this.keptRecordOf(personalId);
    return kept ? new ClientsRepository(this.db).findByPersonalId(kept) : undefined;
  }

  /** The PersonalID a merged record now lives on, or null when this record was not merged. */
  keptRecordOf(personalId: string): Promise<string | null> {
    return PERSONAL_ID_PATTERN.test(personalId) ? clientMergeRepository.mergedInto(this.db, personalId) : Promise.resolve(null);
  }

  /** The records merged into this client: their audit entries are part of its history. */
  mergedInto(client: Client): Promise<string[]> {
    return clientMergeRepository.mergedIdsOf(this.db, client.personalId);
  }

  /** Likely duplicates of this client (two of: same valid SSN, name, DOB), the client itself left out. */
  async likelyDuplicatesOf(client: Client): Promise<PossibleDuplicate[]> {
    return (await this.findLikelyDuplicates(client)).filter((d) => d.client.personalId !== client.personalId);
  }

  /**
   * Two live records side by side, before an administrator merges them. The other record is what was
   * typed or chosen, so its problems are field errors for `other`.
   */
  async compareForMerge(viewer: Viewer, personalId: string, otherId: string): Promise<MergeComparison> {
    this.requireMergeRight(viewer);
    const client = await this.get(personalId);
    const other = await this.otherRecord(client.personalId, otherId);
    const counts = await clientMergeRepository.counts(this.db, [client.personalId, other.personalId]);
    return {
      records: [
        { client, counts: counts.get(client.personalId)! },
        { client: other, counts: counts.get(other.personalId)! },
      ],
      sharedHouseholds: await clientMergeRepository.sharedHouseholds(this.db, client.personalId, other.personalId),
    };
  }

  /**
   * Merges two records of one person into the one chosen to keep, in one transaction: every enrollment
   * and exit of the other moves to the kept PersonalID, so do "my recent clients" entries; the kept record
   * takes the earlier creation date; the other is deleted and points at the kept one. Audited on both.
   */
  async merge(viewer: Viewer, input: { personalIds: readonly [string, string]; keep: string }, actor: Actor): Promise<MergeResult> {
    this.requireMergeRight(viewer);
    const [first, second] = input.personalIds;
    if (!PERSONAL_ID_PATTERN.test(first) || !PERSONAL_ID_PATTERN.test(second)) throw new NotFoundError('There is no client with this PersonalID.');
    if (first === second) throw new ValidationError('A client record cannot be merged with itself. Choose a different record.', { other: ['Choose a different record.'] });
    if (input.keep !== first && input.keep !== second) {
      throw new ValidationError('Please choose which record to keep.', { keep: ['Choose which record to keep.'] });
    }
    const kept = input.keep;
    const merged = kept === first ? second : first;
    const now = this.clock.now();
    const userId = actor.username ?? 'system';
    return this.db.transaction().execute(async (trx) => {
      const rows = await clientMergeRepository.lock(trx, [kept, merged]);
      for (const id of [kept, merged]) {
        const row = rows.find((r) => r.personal_id === id);
        if (!row) throw new NotFoundError(`There is no client with PersonalID ${id}.`);
        if (row.merged_into) throw new ConflictError(`The record ${id} was already merged into ${row.merged_into}. Nothing was changed.`);
        if (row.date_deleted) throw new ConflictError(`The record ${id} was deleted and cannot be merged. Nothing was changed.`);
      }
      const shared = await clientMergeRepository.sharedHouseholds(trx, kept, merged);
      if (shared.length > 0) throw new ConflictError(sharedHouseholdMessage(shared));
      const enrollmentsMoved = await clientMergeRepository.moveEnrollments(trx, merged, kept);
      const exitsMoved = await clientMergeRepository.moveExits(trx, merged, kept);
      await clientMergeRepository.moveRecentViews(trx, merged, kept);
      await clientMergeRepository.repointMerged(trx, merged, kept);
      await clientMergeRepository.markMerged(trx, merged, kept, now, userId);
      const created = rows.map((r) => r.date_created).reduce((a, b) => (b.getTime() < a.getTime() ? b : a));
      await clientMergeRepository.updateKept(trx, kept, { dateCreated: created, now, userId });
      const details = { keptPersonalId: kept, mergedPersonalId: merged, enrollmentsMoved, exitsMoved };
      await this.audit.record(trx, { event: 'client.merged', actor, client: kept, details });
      await this.audit.record(trx, { event: 'client.merged', actor, client: merged, details });
      return { kept, merged, enrollmentsMoved, exitsMoved };
    });
  }

  private requireMergeRight(viewer: Viewer): void {
    if (!canMergeClients(viewer)) throw new ForbiddenError('Only HMIS administrators can merge client records.');
  }

  /** The record to merge with, as typed: a clear message for the field `other` when it cannot be. */
  private async otherRecord(personalId: string, typed: string): Promise<Client> {
    const otherId = typed.trim().toLowerCase();
    const refuse = (message: string): never => {
      throw new ValidationError('Please choose the other record.', { other: [message] });
    };
    if (!otherId) refuse('Type the PersonalID of the other record, or choose one of the likely duplicates.');
    if (!PERSONAL_ID_PATTERN.test(otherId)) refuse('A PersonalID is 32 characters: digits 0–9 and letters a–f.');
    if (otherId === personalId) refuse('This is the record you started from. Choose a different record.');
    try {
      return await this.get(otherId);
    } catch (error) {
      if (error instanceof ClientMergedError) return refuse(`That record was already merged into ${error.keptPersonalId}.`);
      if (error instanceof NotFoundError) return refuse('There is no client with this PersonalID (it may have been deleted).');
      throw error;
    }
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
      case 'personal-id': {
        // A PersonalID written down before a merge still finds the person, on the record kept.
        const kept = (await repository.findByPersonalId(parsed.personalId)) ?? (await this.keptRowOf(parsed.personalId));
        rows = kept ? [kept] : [];
        break;
      }
      case 'ssn':
        rows = await repository.findBySsn(parsed.ssn, SEARCH_LIMIT);
        break;
      case 'ssn-last4':
        rows = await repository.findBySsnLast4(parsed.last4, SEARCH_LIMIT);
        break;
      case 'dob':
        rows = await repository.findByDob(parsed.dob, SEARCH_LIMIT);
        break;
      case 'name':
        rows = await this.searchByName(repository, parsed);
        break;
    }
    const recordsQuery = parsed.kind === 'name' || parsed.kind === 'dob' || parsed.kind === 'personal-id';
    await this.audit.record(this.db, {
      event: 'client.searched',
      actor,
      details: { kind: parsed.kind, results: rows.length, ...(recordsQuery ? { query: query.trim().slice(0, 200) } : {}) },
    });
    return { kind: parsed.kind, clients: rows.map(fromRow) };
  }

  /**
   * A typed name, fuzzily. A single word: its exact matches first (enough of them fill the page without any
   * fuzzy query), then near matches. Several words: clients matching both the first and the last part of a
   * reading, exact matches fetched first. Ranked by how alike the names are (client-search.ts).
   */
  private async searchByName(repository: ClientsRepository, query: NameQuery): Promise<ClientRow[]> {
    let candidates: NameCandidate[];
    if (query.single) {
      const exact = await repository.findByExactName(query.single, SEARCH_LIMIT);
      if (exact.length >= SEARCH_LIMIT) return rankByName(query, exact);
      const near = await repository.findSingleNameCandidates(namePattern(query.single, true), NAME_CANDIDATE_LIMIT);
      const known = new Set(exact.map((r) => r.personal_id));
      candidates = [...exact, ...near.filter((r) => !known.has(r.personal_id))];
    } else {
      // Each reading as typed; and one part exactly as typed with the other a slip of the keyboard away (a
      // slip in the first letters changes a Soundex key), so that a record typed with a mistake, a likely
      // duplicate, is found too.
      candidates = await repository.findNameCandidates({
        pairs: query.readings.flatMap((r) => {
          const pairs = [{ first: namePattern(r.first, true), last: namePattern(r.last, false) }];
          if (r.weight === 1) {
            pairs.push(
              { first: { keys: [], prefixes: [], exact: [r.first, ...nicknameVariants(r.first)] }, last: { keys: typoKeys(r.last), prefixes: [] } },
              { first: { keys: typoKeys(r.first), prefixes: [] }, last: { keys: [], prefixes: [], exact: [r.last] } },
            );
          }
          return pairs;
        }),
        exactFirst: [...new Set(query.readings.flatMap((r) => [r.first, ...nicknameVariants(r.first)]))],
        exactLast: [...new Set(query.readings.map((r) => r.last))],
        limit: NAME_CANDIDATE_LIMIT,
      });
    }
    const best = rankByName(query, candidates).slice(0, SEARCH_LIMIT);
    return repository.findByPersonalIds(best.map((c) => c.personal_id));
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

function sharedHouseholdMessage(households: readonly string[]): string {
  return (
    `Both records are members of the same household (HouseholdID ${households.join(', ')}), and one person cannot be in a ` +
    'household twice. Correct that household first. Nothing was changed.'
  );
}

/** The stored row of validated elements, with the search helpers (also used for generated training data). */
export function toRow(fields: ClientFields) {
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
