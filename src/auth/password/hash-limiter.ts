import os from 'node:os';

/** Too many password hashes already waiting: the caller gets 503 with Retry-After instead of a pile-up. */
export class ServiceBusyError extends Error {
  override name = 'ServiceBusyError';
  readonly statusCode = 503;
  constructor() {
    super('Hearth is busy. Please try again in a moment.');
  }
}

/**
 * Bounds argon2id work: at most `maxConcurrent` hashes run at once (each holds 19 MiB), at most `maxQueue`
 * wait; past that, requests are refused at once. A flood of logins therefore queues briefly and then gets
 * 503s, while pages that do not hash stay fast.
 */
export class HashLimiter {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    readonly maxConcurrent: number,
    readonly maxQueue: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.maxConcurrent) {
      if (this.#waiting.length >= this.maxQueue) throw new ServiceBusyError();
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next(); // hand the slot over directly
      else this.#running -= 1;
    }
  }

  get stats() {
    return { running: this.#running, waiting: this.#waiting.length };
  }
}

/** argon2 runs on libuv's thread pool; more concurrent hashes than threads would only queue there. */
export function defaultHashConcurrency(): number {
  const pool = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  return Math.max(1, Math.min(pool, os.availableParallelism() * 2));
}
