import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import { attemptEventsRepository } from './attempt-events.repository.js';

/**
 * Sliding-window event counts shared by every server instance: in the site's database, or in Redis when
 * REDIS_URL is set. Keys are client addresses or account ids, never secrets.
 */
export interface AttemptCounter {
  /** Records one event and returns how many fell in the window, this one included. */
  hit(bucket: string, key: string, windowMs: number): Promise<number>;
  count(bucket: string, key: string, windowMs: number): Promise<number>;
  /** When the oldest event in the window leaves it (for Retry-After), or null when the window is empty. */
  oldestExpiry(bucket: string, key: string, windowMs: number): Promise<Date | null>;
  clear(bucket: string, key: string): Promise<void>;
}

export class DatabaseAttemptCounter implements AttemptCounter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async hit(bucket: string, key: string, windowMs: number): Promise<number> {
    const now = this.clock.now();
    await attemptEventsRepository.insert(this.db, bucket, key, now);
    // Forget what no window can see any more (the longest window is a day).
    await attemptEventsRepository.deleteBefore(this.db, new Date(now.getTime() - 86_400_000));
    return this.count(bucket, key, windowMs);
  }

  async count(bucket: string, key: string, windowMs: number): Promise<number> {
    return attemptEventsRepository.countSince(this.db, bucket, key, new Date(this.clock.now().getTime() - windowMs));
  }

  async oldestExpiry(bucket: string, key: string, windowMs: number): Promise<Date | null> {
    const oldest = await attemptEventsRepository.oldestSince(this.db, bucket, key, new Date(this.clock.now().getTime() - windowMs));
    return oldest ? new Date(oldest.getTime() + windowMs) : null;
  }

  async clear(bucket: string, key: string): Promise<void> {
    await attemptEventsRepository.clear(this.db, bucket, key);
  }
}

/** The same windows as sorted sets in Redis: one member per event, scored by its time. */
export class RedisAttemptCounter implements AttemptCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly clock: Clock,
  ) {}

  private keyOf(bucket: string, key: string) {
    return `${this.prefix}:${bucket}:${key}`;
  }

  async hit(bucket: string, key: string, windowMs: number): Promise<number> {
    const now = this.clock.now().getTime();
    const k = this.keyOf(bucket, key);
    const result = await this.redis
      .multi()
      .zadd(k, now, `${now}-${randomBytes(6).toString('hex')}`)
      .zremrangebyscore(k, '-inf', now - windowMs)
      .zcard(k)
      .pexpire(k, Math.max(windowMs, 86_400_000))
      .exec();
    const card = result?.[2]?.[1];
    return typeof card === 'number' ? card : 0;
  }

  async count(bucket: string, key: string, windowMs: number): Promise<number> {
    const now = this.clock.now().getTime();
    return this.redis.zcount(this.keyOf(bucket, key), `(${now - windowMs}`, '+inf');
  }

  async oldestExpiry(bucket: string, key: string, windowMs: number): Promise<Date | null> {
    const now = this.clock.now().getTime();
    const [, score] = await this.redis.zrangebyscore(this.keyOf(bucket, key), `(${now - windowMs}`, '+inf', 'WITHSCORES', 'LIMIT', 0, 1);
    return score === undefined ? null : new Date(Number(score) + windowMs);
  }

  async clear(bucket: string, key: string): Promise<void> {
    await this.redis.del(this.keyOf(bucket, key));
  }
}
