import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../src/errors.js';
import { isDatabaseUnavailable } from '../../src/http/unavailable.js';

/** What the error handler answers with 503 (database unreachable) rather than 500 (a bug). */
describe('isDatabaseUnavailable', () => {
  const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

  it('recognises socket failures, connection SQLSTATEs and the pool and driver messages', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', '53300']) {
      assert.equal(isDatabaseUnavailable(withCode(code)), true, code);
    }
    for (const message of [
      'Connection terminated',
      'Connection terminated unexpectedly',
      'Connection terminated due to connection timeout',
      'timeout exceeded when trying to connect',
      'Client has encountered a connection error and is not queryable',
      'Query read timeout',
    ]) {
      assert.equal(isDatabaseUnavailable(new Error(message)), true, message);
    }
  });

  it('looks inside an AggregateError (a refused dual-stack connect) and a cause chain', () => {
    const refused = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], '');
    assert.equal(isDatabaseUnavailable(refused), true);
    assert.equal(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('57P01') })), true);
  });

  it('leaves bugs and refusals alone: they stay 500 or their own status', () => {
    for (const error of [
      withCode('23505', 'duplicate key'),
      withCode('42601', 'syntax error'),
      withCode('22021', 'invalid byte sequence'),
      withCode('40P01', 'deadlock detected'),
      new ValidationError('Enter a name.'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      'ECONNREFUSED',
      null,
      undefined,
    ]) {
      assert.equal(isDatabaseUnavailable(error), false, String((error as Error | null)?.message ?? error));
    }
  });

  it('does not loop on a cyclic cause', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    assert.equal(isDatabaseUnavailable(a), false);
  });
});
