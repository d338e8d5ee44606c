import { NotFoundError } from '../errors.js';

/**
 * Asked for a record that was merged into another. A NotFoundError everywhere (404 with this message);
 * the client page itself answers with a redirect to the record kept.
 */
export class ClientMergedError extends NotFoundError {
  constructor(
    readonly mergedPersonalId: string,
    readonly keptPersonalId: string,
  ) {
    super(`This client record was merged into the record with PersonalID ${keptPersonalId}.`);
  }
}
