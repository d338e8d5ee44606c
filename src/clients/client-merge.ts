import { NotFoundError } from '../errors.js';
import type { Client } from './clients.service.js';
import type { RecordCounts } from './client-merge.repository.js';

/**
 * Asked for a record that was merged into another. A NotFoundError everywhere (404 with this message);
 * the client page itself answers with a redirect to the record kept.
 */
export class ClientMergedError extends NotFoundError {
  override name = 'ClientMergedError';
  constructor(
    readonly mergedPersonalId: string,
    readonly keptPersonalId: string,
  ) {
    super(`This client record was merged into the record with PersonalID ${keptPersonalId}.`);
  }
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

export const PERSONAL_ID_PATTERN = /^[0-9a-f]{32}$/;
