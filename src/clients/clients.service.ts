import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { changedFields } from '../audit/changed-fields.js';
import { calendarDate, type Clock } from '../clock.js';
import type { Database, Db } from '../db/schema.js';
import { canMergeClients, canSeeEnrollmentsOf, type Viewer } from '../access/access-policy.js';
import { ConflictError, ForbiddenError, NotFoundError, requireConfirmation, ValidationError } from '../errors.js';
import { RACE_FIELDS } from '../hud/client-code-lists.js';
import { HEAD_OF_HOUSEHOLD } from '../hud/enrollment-code-lists.js';
import { HEARTH_ID_PATTERN, hudUserId } from '../hud/ids.js';
import { clientWarnings, formatDob, validateClientInput, type ClientInput } from './client-fields.js';
import { ClientMergedError } from './client-merge.js';
import { clientMergeRepository } from './client-merge.repository.js';
import { recentViewsRepository } from './recent-views.repository.js';
import { ClientsRepository } from './clients.repository.js';
import type {
  Client,
  ClientFields,
  DuplicateReason,
  ImportedClient,
  IndexedClient,
  MergeComparison,
  MergeResult,
  PossibleDuplicate,
  ClientStay,
  RecentClient,
  StaysOfClients,
  TypedIdentifiers,
} from './clients.model.js';
import { candidatePlan, parseSearchQuery, withoutSsnDigits, type NameQuery, type SearchKind } from './client-search.js';
import { normalizeName } from './name-matching.js';
import { CLOSE, rankCandidates, type Ranked } from './search-ranking.js';
import { isValidSsn, ssnLast4 } from './ssn.js';

export type CreateResult =
  | { status: 'created'; client: Client }
  | { status: 'possible-duplicates'; duplicates: PossibleDuplicate[] };

export interface SearchResult {
  kind: SearchKind | 'empty';
  /** For a name: the date of birth and SSN digits typed with it, which ranked the results too. */
  with: ('dob' | 'ssn-last4' | 'ssn')[];
  clients: Client[];
  /** Weaker matches of a name, below the useful similarity of `clients`: shown apart, if at all. */
  lessLikely: Client[];
}

const RECENT_CLIENTS_SHOWN = 10;
// More than are shown, so a merged or deleted record still leaves a full list.
const RECENT_VIEWS_KEPT = 30;
const SEARCH_LIMIT = 50;
const LESS_LIKELY_LIMIT = 10;
const DUPLICATE_LIMIT = 20;
const DUPLICATE_BATCH = 1_000;
// Open Path ignores dates of birth before this year when matching duplicates (placeholder dates).
const EARLIEST_DUPLICATE_DOB = '1921-01-01';

export class ClientService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly timeZone: string,
    /** The enrollments feature, asked about a client's stays (given late: see StaysOfClients). */
    private readonly stays: () => StaysOfClients,
    /**
     * The Training site's SSNs are fictitious by construction (areas 9xx, never issued), so none is valid; there the
     * same nine digits still count as a duplicate reason, or its near-duplicates would never be found.
     */
    private readonly rules: { anyFullSsnMatches?: boolean } = {},
  ) {}

  /** Today in the site's time zone, YYYY-MM-DD. */
  today(): string {
    return calendarDate(this.clock.now(), this.timeZone);
  }

  /**
   * Creates a client after checking HUD's rules. When likely duplicates exist that the user has not
   * yet seen and dismissed (`dismissedDuplicates`: their PersonalIDs), nothing is saved and they are returned.
   */
  async create(input: ClientInput, actor: Actor, options: { dismissedDuplicates?: readonly string[]; warningsConfirmed?: boolean } = {}): Promise<CreateResult> {
    const fields = validateClientInput(input, this.today());
    requireConfirmation(clientWarnings(fields), options.warningsConfirmed ?? false);
    const duplicates = await this.findLikelyDuplicates(fields);
    const dismissed = new Set(options.dismissedDuplicates ?? []);
    if (duplicates.some((d) => !dismissed.has(d.client.personalId))) return { status: 'possible-duplicates', duplicates };

    const now = this.clock.now();
    const personalId = randomBytes(16).toString('hex');
    const client: Client = { personalId, ...fields, dateCreated: now, dateUpdated: now, userId: hudUserId(actor) };
    await this.db.transaction().execute(async (trx) => {
      await new ClientsRepository(trx).insert(client);
      await this.audit.record(trx, {
        event: 'client.created',
        actor,
        client: personalId,
        details: { personalId, duplicatesDismissed: duplicates.length },
      });
    });
    return { status: 'created', client: await this.get(personalId) };
  }

  /**
   * Changes a client's universal data elements; the audit lists which elements changed (never their values). Warnings
   * are about what changes: an SSN on file that was confirmed once is not questioned at every edit.
   */
  async update(personalId: string, input: ClientInput, actor: Actor, options: { warningsConfirmed?: boolean; viewer?: Viewer } = {}): Promise<Client> {
    const before = await this.get(personalId);
    const stays = await this.stays().staysOfClient(personalId);
    const firstEntry = stays.reduce<string | null>((first, stay) => (first === null || stay.entryDate < first ? stay.entryDate : first), null);
    const fields = validateClientInput(input, this.today(), firstEntry);
    const changed = changedFields(before, fields);
    if (changed.length === 0) return before;
    if (fields.dob && fields.dob !== before.dob) refuseDobAfterEntries(stays, fields.dob, options.viewer);
    if (changed.includes('ssn') || changed.includes('ssnDataQuality')) requireConfirmation(clientWarnings(fields), options.warningsConfirmed ?? false);
    await this.db.transaction().execute(async (trx) => {
      await new ClientsRepository(trx).update(personalId, fields, { dateUpdated: this.clock.now(), userId: hudUserId(actor) });
      await this.audit.record(trx, { event: 'client.changed', actor, client: personalId, details: { personalId, changed: changed.join(', ') } });
    });
    return this.get(personalId);
  }

  /** A live client; a record merged into another throws ClientMergedError (a NotFoundError naming the one kept). */
  async get(personalId: string): Promise<Client> {
    const valid = HEARTH_ID_PATTERN.test(personalId);
    const client = valid ? await new ClientsRepository(this.db).findByPersonalId(personalId) : undefined;
    if (!client) {
      const kept = valid ? await clientMergeRepository.mergedInto(this.db, personalId) : null;
      if (kept) throw new ClientMergedError(personalId, kept);
      throw new NotFoundError('There is no client with this PersonalID.');
    }
    return client;
  }

  /**
   * Imported clients (HUD Client.csv), written in the import's transaction, under the PersonalIDs the import chose
   * (new, or the existing client a source record was matched to). The import audits itself.
   */
  writeImported(db: Db, clients: readonly ImportedClient[]): Promise<void> {
    return new ClientsRepository(db).upsertImported(clients, this.timeZone, this.clock.now());
  }

  /** Generated Training data, written as it is, without checks or audit (the Training reset audits itself). */
  writeGenerated(db: Db, clients: readonly Client[]): Promise<void> {
    return new ClientsRepository(db).insertMany(clients);
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
    return recentViewsRepository.listFor(this.db, userId, limit);
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

  private async keptRecordFor(personalId: string): Promise<Client | undefined> {
    const kept = await this.keptRecordOf(personalId);
    return kept ? new ClientsRepository(this.db).findByPersonalId(kept) : undefined;
  }

  /** The PersonalID a merged record now lives on, or null when this record was not merged. */
  keptRecordOf(personalId: string): Promise<string | null> {
    return HEARTH_ID_PATTERN.test(personalId) ? clientMergeRepository.mergedInto(this.db, personalId) : Promise.resolve(null);
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
      overlappingStays: await clientMergeRepository.overlappingStays(this.db, client.personalId, other.personalId),
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
    if (!HEARTH_ID_PATTERN.test(first) || !HEARTH_ID_PATTERN.test(second)) throw new NotFoundError('There is no client with this PersonalID.');
    if (first === second) throw new ValidationError('A client record cannot be merged with itself. Choose a different record.', { other: ['Choose a different record.'] });
    if (input.keep !== first && input.keep !== second) {
      throw new ValidationError('Please choose which record to keep.', { keep: ['Choose which record to keep.'] });
    }
    const kept = input.keep;
    const merged = kept === first ? second : first;
    const now = this.clock.now();
    const userId = hudUserId(actor);
    return this.db.transaction().execute(async (trx) => {
      const records = await clientMergeRepository.lock(trx, [kept, merged]);
      for (const id of [kept, merged]) {
        const record = records.find((r) => r.personalId === id);
        if (!record) throw new NotFoundError(`There is no client with PersonalID ${id}.`);
        if (record.mergedInto) throw new ConflictError(`The record ${id} was already merged into ${record.mergedInto}. Nothing was changed.`);
        if (record.dateDeleted) throw new ConflictError(`The record ${id} was deleted and cannot be merged. Nothing was changed.`);
      }
      const shared = await clientMergeRepository.sharedHouseholds(trx, kept, merged);
      if (shared.length > 0) throw new ConflictError(sharedHouseholdMessage(shared));
      const overlapping = await clientMergeRepository.overlappingStays(trx, kept, merged);
      if (overlapping.length > 0) throw new ConflictError(overlappingStaysMessage(overlapping.length));
      const enrollmentsMoved = await clientMergeRepository.moveEnrollments(trx, merged, kept);
      const exitsMoved = await clientMergeRepository.moveExits(trx, merged, kept);
      await clientMergeRepository.moveEnrollmentRecords(trx, merged, kept);
      await clientMergeRepository.moveRecentViews(trx, merged, kept);
      await clientMergeRepository.repointMerged(trx, merged, kept);
      await clientMergeRepository.markMerged(trx, merged, kept, now, userId);
      const created = records.map((r) => r.dateCreated).reduce((a, b) => (b.getTime() < a.getTime() ? b : a));
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
    if (!HEARTH_ID_PATTERN.test(otherId)) refuse('A PersonalID is 32 characters: digits 0–9 and letters a–f.');
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
   * One search box: a PersonalID, a full SSN, the last 4 of an SSN, a date of birth, or a name (fuzzy), alone or
   * with a date of birth and SSN digits (client-search.ts). Audited with what kind of search it was and what was
   * typed, SSN digits left out.
   */
  async search(query: string, actor: Actor): Promise<SearchResult> {
    const parsed = parseSearchQuery(query, this.today());
    if (parsed.kind === 'empty') return { kind: 'empty', with: [], clients: [], lessLikely: [] };
    const repository = new ClientsRepository(this.db);
    let found: Found;
    switch (parsed.kind) {
      case 'personal-id': {
        // A PersonalID written down before a merge still finds the person, on the record kept.
        const kept = (await repository.findByPersonalId(parsed.personalId)) ?? (await this.keptRecordFor(parsed.personalId));
        found = { likely: kept ? [kept] : [], lessLikely: [] };
        break;
      }
      case 'ssn':
        found = { likely: matchingFirst(await repository.findBySsn(parsed.ssn, SEARCH_LIMIT), parsed), lessLikely: [] };
        break;
      case 'ssn-last4':
        found = { likely: matchingFirst(await repository.findBySsnLast4(parsed.last4, SEARCH_LIMIT), parsed), lessLikely: [] };
        break;
      case 'dob':
        found = { likely: matchingFirst(await repository.findByDob(parsed.dob, SEARCH_LIMIT), parsed), lessLikely: [] };
        break;
      case 'name':
        found = await this.searchByName(repository, parsed);
        break;
    }
    const recordsQuery = parsed.kind === 'name' || parsed.kind === 'dob' || parsed.kind === 'personal-id';
    const typedWith = parsed.kind === 'name' ? typedIdentifiers(parsed) : [];
    await this.audit.record(this.db, {
      event: 'client.searched',
      actor,
      details: {
        kind: parsed.kind,
        ...(typedWith.length ? { with: typedWith.join(', ') } : {}),
        results: found.likely.length,
        ...(found.lessLikely.length ? { lessLikely: found.lessLikely.length } : {}),
        ...(recordsQuery ? { query: withoutSsnDigits(query.trim()).slice(0, 200) } : {}),
      },
    });
    return { kind: parsed.kind, with: typedWith, clients: found.likely, lessLikely: found.lessLikely };
  }

  /**
   * A typed name, fuzzily (client-search.ts reads it, search-ranking.ts ranks it). A single word with more exact
   * matches than a page holds lists those by name without any fuzzy query; otherwise the candidates are fetched
   * narrow, ranked, and only those shown fetched in full. When nobody fits closely, a second, slower look by
   * trigrams (the plan's fallback).
   */
  private async searchByName(repository: ClientsRepository, query: NameQuery): Promise<Found> {
    if (query.single && typedIdentifiers(query).length === 0 && !query.suffix) {
      const exact = await repository.findByExactName(query.single, SEARCH_LIMIT);
      if (exact.length >= SEARCH_LIMIT) return { likely: exact, lessLikely: [] };
    }
    const plan = candidatePlan(query);
    const candidates = await repository.findNameCandidates(plan);
    let ranked = rankCandidates(query, candidates);
    if (ranked.best < CLOSE) {
      const known = new Set(candidates.map((c) => c.personalId));
      const more = (await repository.findNameCandidates(plan, 'fallback')).filter((c) => !known.has(c.personalId));
      if (more.length > 0) ranked = rankCandidates(query, [...candidates, ...more]);
    }
    const likely = ranked.likely.slice(0, SEARCH_LIMIT).map((c) => c.personalId);
    const lessLikely = ranked.lessLikely.slice(0, LESS_LIKELY_LIMIT).map((c) => c.personalId);
    const clients = await repository.findByPersonalIds([...likely, ...lessLikely]);
    return { likely: clients.slice(0, likely.length), lessLikely: clients.slice(likely.length) };
  }

  /** Existing clients matching two of: the same valid SSN, the same normalized first + last name, the same DOB. */
  async findLikelyDuplicates(fields: ClientFields): Promise<PossibleDuplicate[]> {
    const probe = this.identityOf(fields);
    const found = await new ClientsRepository(this.db).findSharingIdentity({ ...probe, limit: 500 });
    return likelyDuplicates(probe, found);
  }

  /**
   * findLikelyDuplicates for many people at once (an import's clients): one query per thousand people, not one
   * each. The answer is in the order asked.
   */
  async findLikelyDuplicatesOfMany(people: readonly ClientFields[]): Promise<PossibleDuplicate[][]> {
    const answers: PossibleDuplicate[][] = [];
    for (let start = 0; start < people.length; start += DUPLICATE_BATCH) {
      const probes = people.slice(start, start + DUPLICATE_BATCH).map((fields) => this.identityOf(fields));
      const found = await new ClientsRepository(this.db).findSharingIdentityOfMany({
        ssns: [...new Set(probes.flatMap((p) => (p.ssn ? [p.ssn] : [])))],
        names: probes.filter((p) => p.firstNorm && p.lastNorm).map((p) => ({ first: p.firstNorm, last: p.lastNorm })),
      });
      answers.push(...probes.map((probe) => likelyDuplicates(probe, found)));
    }
    return answers;
  }

  /** What the duplicate rules compare of a person. */
  private identityOf(fields: ClientFields): Identity {
    const fullSsn = fields.ssnDataQuality === 1 && /^[0-9]{9}$/.test(fields.ssn ?? '');
    return {
      ssn: isValidSsn(fields.ssn) || (this.rules.anyFullSsnMatches && fullSsn) ? fields.ssn : null,
      firstNorm: normalizeName(fields.firstName),
      lastNorm: normalizeName(fields.lastName),
      dob: fields.dob && fields.dob >= EARLIEST_DUPLICATE_DOB ? fields.dob : null,
    };
  }
}

interface Identity {
  ssn: string | null;
  firstNorm: string;
  lastNorm: string;
  dob: string | null;
}

/** The clients among `found` sharing at least two identifiers with the person, the closest first. */
function likelyDuplicates(probe: Identity, found: readonly IndexedClient[]): PossibleDuplicate[] {
  const { ssn, firstNorm, lastNorm, dob } = probe;
  const duplicates: PossibleDuplicate[] = [];
  for (const { client, firstNameNorm, lastNameNorm } of found) {
    const reasons: DuplicateReason[] = [];
    if (ssn && client.ssn === ssn) reasons.push('SSN');
    if (firstNorm && lastNorm && firstNameNorm === firstNorm && lastNameNorm === lastNorm) reasons.push('name');
    if (dob && client.dob === dob) reasons.push('date of birth');
    if (reasons.length >= 2) duplicates.push({ client, reasons });
  }
  return duplicates.sort((a, b) => b.reasons.length - a.reasons.length).slice(0, DUPLICATE_LIMIT);
}

type Found = Pick<Ranked<Client>, 'likely' | 'lessLikely'>;

function typedIdentifiers(query: TypedIdentifiers): SearchResult['with'] {
  return [...(query.dob ? (['dob'] as const) : []), ...(query.ssnLast4 ? (['ssn-last4'] as const) : []), ...(query.ssn ? (['ssn'] as const) : [])];
}

/** Clients found by one identifier, those also matching the other identifiers typed first ("03/14/1971 1234"). */
function matchingFirst(clients: Client[], typed: TypedIdentifiers): Client[] {
  const matching = (client: Client) =>
    (typed.dob === null || client.dob === typed.dob) &&
    (typed.ssnLast4 === null || ssnLast4(client.ssn) === typed.ssnLast4) &&
    (typed.ssn === null || client.ssn === typed.ssn);
  return [...clients.filter(matching), ...clients.filter((client) => !matching(client))];
}

/**
 * A date of birth must come before every entry of the client, and a head of household cannot enter on the day
 * they are born (HUD: Eva 84, the APR's and the LSA's DOB checks). The message names each stay in the way; a stay
 * the viewer may not see is named only as another agency's.
 */
function refuseDobAfterEntries(stays: readonly ClientStay[], dob: string, viewer: Viewer | undefined): void {
  const messages = stays
    .filter((stay) => stay.entryDate < dob || (stay.relationshipToHoH === HEAD_OF_HOUSEHOLD && stay.entryDate === dob))
    .map((stay) => {
      const where = viewer && canSeeEnrollmentsOf(viewer, stay.project.organizationId) ? stay.project.projectName : 'a project of another agency';
      const entry = formatDob(stay.entryDate);
      return stay.entryDate < dob
        ? `The client entered ${where} on ${entry}, before this date of birth: correct the date of birth, or that stay’s entry date first.`
        : `The client entered ${where} on ${entry} as head of household, the day of this date of birth: a head of household cannot enter on the day they are born. Correct the date of birth, or that stay first.`;
    });
  if (messages.length > 0) throw new ValidationError('The date of birth does not fit the client’s stays. Nothing was changed.', { dob: messages });
}

function sharedHouseholdMessage(households: readonly string[]): string {
  return (
    `Both records are members of the same household (HouseholdID ${households.join(', ')}), and one person cannot be in a ` +
    'household twice. Correct that household first. Nothing was changed.'
  );
}

/** Why a merge of records with overlapping stays is refused, and what resolves it (the compare page lists the stays). */
export function overlappingStaysMessage(pairs: number): string {
  return (
    `The two records have ${pairs === 1 ? 'a stay' : `${pairs} stays`} in the same project at the same time, and one person cannot stay ` +
    'in a project twice at once. Correct one stay of each pair first: exit it, or correct its entry or exit date, ' +
    'then merge. Nothing was changed.'
  );
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
