import type { HudBookkeepingValues } from '../db/hud-timestamps.js';
import type { RaceColumn } from '../hud/client-code-lists.js';

/** The universal data elements once they follow HUD's rules, as stored. */
export interface ClientFields {
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  nameSuffix: string | null;
  nameDataQuality: number;
  /** 9 characters, digits or x (an unknown digit). Pages show it only through maskSsn. */
  ssn: string | null;
  ssnDataQuality: number;
  /** YYYY-MM-DD */
  dob: string | null;
  dobDataQuality: number;
  /** HUD's race and ethnicity elements, each 0 or 1, by their HUD names. */
  races: Record<RaceColumn, 0 | 1>;
  raceNone: number | null;
  additionalRaceEthnicity: string | null;
  sex: number;
  veteranStatus: number;
}

/** A client profile (HUD Client.csv) as the rest of Hearth sees it. Deleted and merged records never leave the repository. */
export interface Client extends ClientFields {
  personalId: string;
  dateCreated: Date;
  dateUpdated: Date;
  /** HUD UserID: the username of whoever last changed it. */
  userId: string;
}

/**
 * A client as an import writes it (HUD Client.csv): its bookkeeping as the source wrote it, in the site's time zone;
 * a row with DateDeleted deletes the record.
 */
export type ImportedClient = ClientFields & HudBookkeepingValues & { personalId: string };

/** A client's stay as the client's own rules need it (the date of birth against each entry, age at entry). */
export interface ClientStay {
  enrollmentId: string;
  entryDate: string;
  relationshipToHoH: number;
  project: { projectName: string; organizationId: string };
}

/**
 * What clients ask the enrollments feature (given late, as a function, in site-services.ts): every live stay of a
 * client, whoever may see it, newest first.
 */
export interface StaysOfClients {
  staysOfClient(personalId: string): Promise<ClientStay[]>;
}

/** Who a client is, in a line: what lists of enrollments and "my recent clients" show. */
export type ClientSummary = Pick<Client, 'personalId' | 'firstName' | 'middleName' | 'lastName' | 'nameSuffix' | 'dob'>;

/** A client as "my recent clients" lists it: who, born when, opened when. */
export type RecentClient = ClientSummary & { viewedAt: Date };

/** A client's first and last name normalized (accents, case, punctuation): what search ranks and duplicate checks compare. */
export interface NormalizedName {
  firstNameNorm: string;
  lastNameNorm: string;
}

/**
 * What ranking a typed name needs (search-ranking.ts): candidates are fetched this narrow, and only those shown in
 * full.
 */
export interface NameCandidate extends ClientSummary, NormalizedName {
  ssnLast4: string | null;
  /** Whether the full SSN typed is this client's: the SSN itself never leaves the database for ranking. */
  ssnMatches: boolean;
}

/** A client with the normalized name it is found by. */
export interface IndexedClient extends NormalizedName {
  client: Client;
}

/** The identifying details typed besides a name, or alone. */
export interface TypedIdentifiers {
  dob: string | null;
  ssnLast4: string | null;
  ssn: string | null;
}

/**
 * What the database narrows one name part by: any of Soundex keys, first letters, whole (normalized) names, or
 * trigram similarity (pg_trgm) to a typed part. A last name's `exact` also matches its last word (a second surname).
 */
export interface NamePattern {
  keys?: string[];
  prefixes?: string[];
  exact?: string[];
  similarTo?: string;
}

/** Rows matching both parts of one pair, or (a single word) first or last name matching one of `either`. */
export interface CandidateBranch {
  pairs: { first: NamePattern; last: NamePattern }[];
  either: NamePattern[];
  /** Rows with any of these (the date of birth or SSN digits typed with a name). */
  identifiers?: TypedIdentifiers;
  limit: number;
}

/**
 * The candidates a name query needs from the database: the rows of each branch, each branch with its own limit so
 * that a broad one (every name sounding like the typed one) never crowds out a narrow one (the typed first name
 * with a last name one slip away). Within a branch, rows with what was typed exactly come first.
 */
export interface CandidatePlan {
  branches: CandidateBranch[];
  /**
   * Fetched only when the branches find nobody likely: names a little off in ways Soundex cannot see, by trigrams.
   * The trigram index answers in a few milliseconds, but more than all the other branches together.
   */
  fallback: CandidateBranch[];
  /** Names typed exactly: rows with them sort first. */
  exactFirst: string[];
  exactLast: string[];
  /** First + last name pairs that use every typed word: rows with one sort before all others. */
  exactPairs: { first: string; last: string }[];
  /** A row with this date of birth or these SSN digits sorts first. */
  identifiers: TypedIdentifiers;
}

export type DuplicateReason = 'SSN' | 'name' | 'date of birth';

export interface PossibleDuplicate {
  client: Client;
  reasons: DuplicateReason[];
}

/** Live enrollments and exits of a client record, compared before a merge. */
export interface RecordCounts {
  enrollments: number;
  exits: number;
}

/** What a merge needs to know about each record, deleted or not. */
export interface MergeCandidate {
  personalId: string;
  dateCreated: Date;
  dateDeleted: Date | null;
  mergedInto: string | null;
}

/** Two records side by side before an administrator merges them. */
export interface MergeComparison {
  /** The record the merge was started from, then the other one. */
  records: [MergeSide, MergeSide];
  /** HouseholdIDs of stays both records are members of: such a pair cannot be merged. */
  sharedHouseholds: string[];
  /** Stays of the two records in one project that overlap: such a pair cannot be merged until one is corrected. */
  overlappingStays: OverlappingStays[];
}

/** A stay of each record (this one first) in the same project, sharing at least a day. */
export interface OverlappingStays {
  projectName: string;
  stays: [MergeStay, MergeStay];
}

export interface MergeStay {
  enrollmentId: string;
  entryDate: string;
  exitDate: string | null;
}

export interface MergeSide {
  client: Client;
  counts: RecordCounts;
}

export interface MergeResult {
  kept: string;
  merged: string;
  enrollmentsMoved: number;
  exitsMoved: number;
}
