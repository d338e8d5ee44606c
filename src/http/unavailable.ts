/**
 * Errors that mean "the database cannot be reached right now", as opposed to a bug: the server went
 * away, is restarting or refuses connections, or the pool gave up waiting for one. The error handler
 * answers these with 503 and Retry-After; the pool reconnects by itself once the server is back.
 */

/** Socket-level failures from net/pg while connecting or mid-query. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs: class 08 connection exceptions, 57P01 admin shutdown, 57P02 crash shutdown,
 * 57P03 cannot connect now (starting up or shutting down), 53300 too many connections.
 */
const SQLSTATES = new Set(['08000', '08001', '08003', '08004', '08006', '08P01', '57P01', '57P02', '57P03', '53300']);

/** Messages pg and pg-pool use without a code. */
const MESSAGES = [
  /^Connection terminated/i, // "Connection terminated", "… unexpectedly", "… due to connection timeout"
  /timeout exceeded when trying to connect/i, // pg-pool's connectionTimeoutMillis
  /^Query read timeout$/i, // pg's query_timeout
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  return check(error, 0);
}

function check(error: unknown, depth: number): boolean {
  if (depth > 4 || error === null || typeof error !== 'object') return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATES.has(code))) return true;
  if (typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message))) return true;
  // Node reports a refused dual-stack connect as an AggregateError; wrappers keep the original as `cause`.
  if (Array.isArray(errors) && errors.some((inner) => check(inner, depth + 1))) return true;
  return check(cause, depth + 1);
}
