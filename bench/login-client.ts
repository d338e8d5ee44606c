/**
 * The HTTP side of bench/login.ts: a small node:http client (one keep-alive connection per simulated
 * browser) and, when started as a worker thread, the load generator for the login phase.
 *
 * The load generator runs in its own thread so that it neither shares the server's event loop nor
 * hides in its CPU figures: it reads its own thread's CPU time from /proc/thread-self.
 */
import http from 'node:http';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { clockMs, threadCpuMs, threadId } from './lib/cpu.js';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function httpRequest(
  agent: http.Agent,
  port: number,
  method: 'GET' | 'POST',
  urlPath: string,
  headers: Record<string, string | number>,
  body?: string,
  keepBody = true,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      if (keepBody) res.on('data', (c: Buffer) => chunks.push(c));
      else res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: keepBody ? Buffer.concat(chunks).toString('utf8') : '' }),
      );
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${urlPath}: no answer within 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

export function cookieValue(setCookie: string[] | undefined, name: string): string | undefined {
  for (const line of setCookie ?? []) {
    const pair = line.split(';', 1)[0]!;
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

/** What a browser holds after opening the login page: the CSRF cookie and the form's token. */
export async function openLoginPage(agent: http.Agent, port: number, site: string): Promise<{ cookie: string; token: string }> {
  const page = await httpRequest(agent, port, 'GET', `/${site}/login`, { accept: 'text/html' });
  if (page.status !== 200) throw new Error(`GET /${site}/login answered ${page.status}`);
  const cookieName = `hearth-${site}-csrf`;
  const secret = cookieValue(page.headers['set-cookie'], cookieName);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!secret || !token) throw new Error(`GET /${site}/login gave no CSRF cookie or token`);
  return { cookie: `${cookieName}=${secret}`, token };
}

export function loginForm(token: string, username: string, password: string): string {
  return new URLSearchParams({ _csrf: token, username, password }).toString();
}

export function postLogin(agent: http.Agent, port: number, site: string, cookie: string, form: string): Promise<HttpResponse> {
  return httpRequest(
    agent,
    port,
    'POST',
    `/${site}/login`,
    {
      cookie, // only the CSRF cookie: each login starts without a session, like a fresh browser
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(form),
      'user-agent': 'hearth-bench/1',
    },
    form,
    false,
  );
}

// ---------------------------------------------------------------------------------------------------
// The load generator (worker thread)

export const CLIENT_WORKER_MARK = 'hearth-bench-login-client';

export interface ClientJob {
  mark: typeof CLIENT_WORKER_MARK;
  port: number;
  site: string;
  /** The accounts each connection logs into, in turn; one list per connection (= concurrency). */
  accounts: { username: string; password: string }[][];
  /** clockMs() times: the measured window opens at windowStart; no new login starts after deadline. */
  windowStart: number;
  deadline: number;
  maxOpsPerConnection: number;
}

export type ClientReport =
  | {
      type: 'done';
      /** clockMs() at which each login completed, and its latency in ms. */
      completions: number[];
      latencies: number[];
      ok: number;
      failed: number;
      failure: string | null;
      /** CPU time of the client thread from windowStart to deadline (NaN without /proc). */
      windowCpuMs: number;
      /** The client thread's task id, so the parent can leave it out of its other threads. */
      tid: number | null;
    }
  | { type: 'error'; message: string };

/**
 * Checks one login's answer: 303 to the site's home (a complete sign-in, no further step) with a
 * session cookie. Returns the device cookie it set, if any, or throws with what went wrong.
 */
export function checkLogin(res: HttpResponse, site: string, username: string): string | undefined {
  const setCookie = res.headers['set-cookie'];
  const session = cookieValue(setCookie, `hearth-${site}-session`);
  const where = res.headers.location;
  if (res.status === 303 && session && where === `/${site}/`) return cookieValue(setCookie, `hearth-${site}-device`);
  throw new Error(
    `POST /${site}/login for ${username} answered ${res.status}` +
      (where ? ` to ${where}` : '') +
      (res.status === 303 && !session ? ' without a session cookie' : '') +
      (res.status === 303 && where !== `/${site}/` ? ` (expected /${site}/: a complete sign-in)` : ''),
  );
}

/** One simulated browser: it opened the login page once, then signs in again and again, keeping its cookies. */
export async function browser(agent: http.Agent, port: number, site: string) {
  // The CSRF cookie and token are fetched once, as a browser keeps them across attempts.
  const { cookie: csrfCookie, token } = await openLoginPage(agent, port, site);
  // The device cookie a browser keeps (one per browser and site, whoever signs in); never the session.
  let device: string | undefined;
  return {
    /** The form's CSRF token, for loginForm(). */
    token,
    async login(username: string, form: string): Promise<void> {
      const cookie = device ? `${csrfCookie}; hearth-${site}-device=${device}` : csrfCookie;
      const res = await postLogin(agent, port, site, cookie, form);
      device = checkLogin(res, site, username) ?? device;
    },
  };
}

async function runJob(job: ClientJob, stopped: () => boolean): Promise<ClientReport> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.accounts.length });
  const completions: number[] = [];
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let failure: string | null = null;
  let cpuAtOpen = NaN;
  let cpuAtClose = NaN;
  const opened = setTimeout(() => (cpuAtOpen = threadCpuMs()), Math.max(0, job.windowStart - clockMs()));
  const closed = setTimeout(() => (cpuAtClose = threadCpuMs()), Math.max(0, job.deadline - clockMs()));
  const connection = async (accounts: { username: string; password: string }[]) => {
    const { token, login } = await browser(agent, job.port, job.site);
    const forms = accounts.map((a) => ({ username: a.username, form: loginForm(token, a.username, a.password) }));
    for (let n = 0; n < job.maxOpsPerConnection && failure === null && !stopped(); n++) {
      const t0 = clockMs();
      if (t0 >= job.deadline) return;
      const { username, form } = forms[n % forms.length]!;
      try {
        await login(username, form);
      } catch (error) {
        failed++;
        failure ??= error instanceof Error ? error.message : String(error);
        return;
      }
      const t1 = clockMs();
      ok++;
      completions.push(t1);
      latencies.push(t1 - t0);
    }
  };
  try {
    await Promise.all(job.accounts.map(connection));
  } finally {
    clearTimeout(opened);
    clearTimeout(closed);
    agent.destroy();
  }
  if (Number.isNaN(cpuAtClose)) cpuAtClose = threadCpuMs();
  return { type: 'done', completions, latencies, ok, failed, failure, windowCpuMs: cpuAtClose - cpuAtOpen, tid: threadId() };
}

if (!isMainThread && (workerData as ClientJob | undefined)?.mark === CLIENT_WORKER_MARK) {
  let stop = false;
  parentPort!.on('message', (message: unknown) => {
    if (message === 'stop') stop = true;
  });
  runJob(workerData as ClientJob, () => stop)
    .catch((error: unknown): ClientReport => ({ type: 'error', message: error instanceof Error ? error.message : String(error) }))
    .then((report) => {
      parentPort!.postMessage(report);
      parentPort!.close();
    });
}
