/**
 * The load generator of bench/pages.ts, run as a worker thread: `connections` keep-alive HTTP clients, each
 * carrying the same real session cookie (as browser tabs of one signed-in person would), asking for one page again
 * and again until the deadline. Plain HTTP clients, not browsers: nothing is rendered, no asset is fetched.
 */
import http from 'node:http';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { httpRequest } from './login-client.js';
import { clockMs } from './lib/cpu.js';

export const PAGES_WORKER_MARK = 'hearth-bench-pages-client';

export interface PagesJob {
  mark: typeof PAGES_WORKER_MARK;
  port: number;
  path: string;
  cookie: string;
  connections: number;
  /** clockMs() times: only answers completing in [windowStart, deadline] count. */
  windowStart: number;
  deadline: number;
  maxOpsPerConnection: number;
}

export type PagesReport = { type: 'done'; latencies: number[]; failure: string | null } | { type: 'error'; message: string };

async function runJob(job: PagesJob): Promise<PagesReport> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
  const latencies: number[] = [];
  let failure: string | null = null;
  const connection = async () => {
    for (let n = 0; n < job.maxOpsPerConnection && failure === null; n++) {
      const t0 = clockMs();
      if (t0 >= job.deadline) return;
      const res = await httpRequest(agent, job.port, 'GET', job.path, { cookie: job.cookie, accept: 'text/html' }, undefined, false);
      const t1 = clockMs();
      if (res.status !== 200) {
        failure ??= `GET ${job.path} answered ${res.status}${res.headers.location ? ` to ${res.headers.location}` : ''}`;
        return;
      }
      if (t1 >= job.windowStart && t1 <= job.deadline) latencies.push(t1 - t0);
    }
  };
  try {
    await Promise.all(Array.from({ length: job.connections }, connection));
  } finally {
    agent.destroy();
  }
  return { type: 'done', latencies, failure };
}

if (!isMainThread && (workerData as PagesJob | undefined)?.mark === PAGES_WORKER_MARK) {
  runJob(workerData as PagesJob)
    .catch((error: unknown): PagesReport => ({ type: 'error', message: error instanceof Error ? error.message : String(error) }))
    .then((report) => {
      parentPort!.postMessage(report);
      parentPort!.close();
    });
}
