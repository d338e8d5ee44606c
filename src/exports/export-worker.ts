import { BackgroundWorker, type WorkerLog } from '../jobs/background-worker.js';
import type { ExportJobService } from './export-jobs.service.js';

/** Other files the site keeps for a while, deleted on the same passes (the Import page's abandoned uploads). */
export interface ExpiringFiles {
  deleteAbandoned(): Promise<number>;
}

/**
 * Runs queued exports inside the server process, one at a time, and deletes expired zips. On start it marks the
 * exports a previous process left running as failed (they are not resumed). Polls every `pollMs` and runs at once
 * when nudged (a new request). Its passes also delete the other kept files given to it (`alsoExpiring`).
 */
export class ExportWorker extends BackgroundWorker {
  constructor(jobs: ExportJobService, log: WorkerLog, pollMs = 5_000, alsoExpiring: readonly ExpiringFiles[] = []) {
    super(
      {
        failInterrupted: () => jobs.failInterrupted(),
        runNext: (jobLog) => jobs.runNext(jobLog),
        deleteExpired: async () => {
          let deleted = await jobs.deleteExpired();
          for (const files of alsoExpiring) deleted += await files.deleteAbandoned();
          return deleted;
        },
      },
      log,
      'export',
      pollMs,
    );
  }
}
