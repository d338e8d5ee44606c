import { BackgroundWorker, type WorkerLog } from '../jobs/background-worker.js';
import type { ReportService } from './reports.service.js';

/**
 * Computes queued reports inside the server process, one at a time. On start it marks the reports a previous
 * process left running as failed (they are not resumed). Polls every `pollMs` and runs at once when nudged.
 */
export class ReportWorker extends BackgroundWorker {
  constructor(reports: ReportService, log: WorkerLog, pollMs = 5_000) {
    super(reports, log, 'report', pollMs);
  }
}
