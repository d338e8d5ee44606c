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

/** Who a client is, in a line: what lists of enrollments and "my recent clients" show. */
export type ClientSummary = Pick<Client, 'personalId' | 'firstName' | 'middleName' | 'lastName' | 'nameSuffix' | 'dob'>;

/** A client as "my recent clients" lists it: who, born when, opened when. */
export type RecentClient = ClientSummary & { viewedAt: Date };

/** A client's first and last name normalized (accents, case, punctuation): what search ranks and duplicate checks compare. */
export interface NormalizedName {
  firstNameNorm: string;
  lastNameNorm: string;
}

/** What ranking a name needs: candidates are fetched this narrow, and only the best in full. */
export interface NameCandidate extends NormalizedName {
  personalId: string;
}

/** A client with the normalized name it is found by. */
export interface IndexedClient extends NormalizedName {
  client: Client;
}

/**
 * What the database narrows a name part by: Soundex keys, first letters, or the whole (normalized) name, of
 * the part and of its nicknames.
 */
export interface NamePattern {
  keys: string[];
  prefixes: string[];
  exact?: string[];
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
