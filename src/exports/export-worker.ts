import type { ExportJobLog, ExportJobService } from './export-jobs.service.js';

/**
 * Runs queued exports inside the server process, one at a time, and deletes expired zips. On start it marks the
 * exports a previous process left running as failed (they are not resumed). Polls every `pollMs` and runs at once
 * when nudged (a new request).
 */
export class ExportWorker {
  #started = false;
  #timer: NodeJS.Timeout | undefined;
  #pass: Promise<void> | undefined;
  #again = false;

  constructor(
    private readonly jobs: ExportJobService,
    private readonly log: ExportJobLog & { warn(details: object, message: string): void },
    private readonly pollMs = 5_000,
  ) {}

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#pass = this.jobs
      .failInterrupted()
      .then(() => undefined, (error: unknown) => this.log.warn({ err: error }, 'could not mark interrupted exports'))
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

  /** One pass: expired zips deleted, then every queued export run. */
  async runPass(): Promise<void> {
    try {
      await this.jobs.deleteExpired();
      while (this.#started && (await this.jobs.runNext(this.log)));
    } catch (error) {
      this.log.warn({ err: error }, 'export jobs could not be read; will try again');
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
