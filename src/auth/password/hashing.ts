import { randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { defaultHashConcurrency, HashLimiter } from './hash-limiter.js';
import { normalizePassword } from './policy.js';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. Encoded hashes carry these, so they can be raised later. */
export const ARGON2_PARAMS = Object.freeze({
  algorithm: Algorithm.Argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
});

let limiter = new HashLimiter(defaultHashConcurrency(), 200);

/** Sets how many hashes may run and wait at once (HEARTH_HASH_CONCURRENCY, HEARTH_HASH_QUEUE). */
export function configureHashing(options: { maxConcurrent: number; maxQueue: number }): void {
  limiter = new HashLimiter(options.maxConcurrent, options.maxQueue);
}

export function hashingStats() {
  return limiter.stats;
}

export function hashPassword(password: string): Promise<string> {
  return limiter.run(() => hash(normalizePassword(password), ARGON2_PARAMS));
}

/** Throws ServiceBusyError when too many hashes are already waiting. */
export async function verifyPassword(encoded: string, password: string): Promise<boolean> {
  return limiter.run(async () => {
    try {
      return await verify(encoded, normalizePassword(password));
    } catch {
      return false; // a malformed stored hash never matches
    }
  });
}

/** True when a stored hash was made with other (older) parameters and should be replaced at the next login. */
export function needsRehash(encoded: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(encoded);
  if (!match) return true;
  const [, m, t, p] = match.map(Number);
  return m !== ARGON2_PARAMS.memoryCost || t !== ARGON2_PARAMS.timeCost || p !== ARGON2_PARAMS.parallelism;
}

let dummy: Promise<string> | undefined;
/**
 * A hash of a random secret nobody knows. Logins for unknown usernames verify against it so they
 * take as long as logins for real ones.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64'));
  return dummy;
}
