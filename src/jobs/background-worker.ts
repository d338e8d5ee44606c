/** The jobs a background worker runs: the Exports page's exports, the Reports page's reports. */
export interface BackgroundJobs<Log> {
  /** On start: marks the jobs a previous process left running as failed (they are not resumed). */
  failInterrupted(): Promise<number>;
  /** Deletes what has expired (a kept file past its time). */
  deleteExpired(): Promise<number>;
  /** Runs the oldest queued job; false when none was waiting. */
  runNext(log: Log): Promise<boolean>;
}

export interface WorkerLog {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Runs queued jobs inside the server process, one at a time, and deletes expired ones. On start it marks the jobs
 * a previous process left running as failed. Polls every `pollMs` and runs at once when nudged (a new request).
 */
export class BackgroundWorker<Log extends WorkerLog = WorkerLog> {
  #started = false;
  #timer: NodeJS.Timeout | undefined;
  #pass: Promise<void> | undefined;
  #again = false;

  constructor(
    private readonly jobs: BackgroundJobs<Log>,
    private readonly log: Log,
    /** What the jobs are, for the log ("export", "report"). */
    private readonly what: string,
    private readonly pollMs = 5_000,
  ) {}

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#pass = this.jobs
      .failInterrupted()
      .then(() => undefined, (error: unknown) => this.log.warn({ err: error }, `could not mark interrupted ${this.what}s`))
      .finally(() => {
        this.#pass = undefined;
        this.#schedule(0);
      });
  }

  async stop(): Promise<void> {
    this.#started = false;
    clearTimeout(this.#timer);
    while (this.#pass) await this.#pass;
  }

  nudge(): void {
    if (!this.#started) return;
    if (this.#pass) this.#again = true;
    else this.#schedule(0);
  }

  /** One pass: expired jobs deleted, then every queued job run. */
  async runPass(): Promise<void> {
    try {
      await this.jobs.deleteExpired();
      while (this.#started && (await this.jobs.runNext(this.log)));
    } catch (error) {
      this.log.warn({ err: error }, `${this.what} jobs could not be read; will try again`);
    }
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    if (!this.#started) return;
    this.#timer = setTimeout(() => void this.#tick(), ms);
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    if (!this.#started || this.#pass) return;
    do {
      this.#again = false;
      this.#pass = this.runPass();
      try {
        await this.#pass;
      } finally {
        this.#pass = undefined;
      }
    } while (this.#started && this.#again);
    this.#schedule(this.pollMs);
  }
}
