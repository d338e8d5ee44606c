import { BackgroundWorker, type WorkerLog } from '../jobs/background-worker.js';
import type { ExportJobService } from './export-jobs.service.js';

/**
 * Runs queued exports inside the server process, one at a time, and deletes expired zips. On start it marks the
 * exports a previous process left running as failed (they are not resumed). Polls every `pollMs` and runs at once
 * when nudged (a new request).
 */
export class ExportWorker extends BackgroundWorker {
  constructor(jobs: ExportJobService, log: WorkerLog, pollMs = 5_000) {
    super(jobs, log, 'export', pollMs);
  }
}
