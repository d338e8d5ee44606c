/** Running the real `hearth` binary as a person would: each call starts tsx and opens PGlite (~2 s). */
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export { freePort } from './ports.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/hearth.js');
export const SLOW = { timeout: 120_000 };

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a fresh installation: no SMTP, no database URLs, our own data folder. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'SMTP_URL' || key.startsWith('HEARTH_') || key === 'PORT' || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return { ...env, LOG_LEVEL: 'info', ...extra };
}

export function hearth(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0);
}

/** A failure the CLI reports: the given status, nothing on stdout, exactly one line on stderr. */
export function assertOneLineError(run: Run, code: number, pattern: RegExp): void {
  assert.equal(run.code, code, `exit status (stderr: ${run.stderr})`);
  assert.equal(run.stdout, '');
  assert.equal(lines(run.stderr).length, 1, `one stderr line, got: ${run.stderr}`);
  assert.match(run.stderr, /^hearth: /);
  assert.match(run.stderr, pattern);
}

export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `hearth-${name}-`));
}

/** A process started in the background, ready once its output contains a given text. */
export interface Started {
  child: ChildProcess;
  output(): string;
  ready: Promise<void>;
  /** The exit status, once the process has ended and its output is all read. */
  closed: Promise<number | null>;
}

/** Starts a process and resolves `ready` once its output contains `ready`, or rejects when it exits first. */
export function startUntil(args: string[], env: NodeJS.ProcessEnv, ready: string): Started {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  let output = '';
  const readyPromise = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void closed.then((code) => reject(new Error(`exited with ${code} before "${ready}":\n${output}`)));
  });
  return { child, output: () => output, ready: readyPromise, closed };
}

/** The `--json` output of a command that issues a temporary password: exactly the username and the password. */
export function parseIssued(run: Run): { username: string; temporaryPassword: string } {
  assert.equal(run.code, 0, run.stderr);
  assert.equal(lines(run.stdout).length, 1, `exactly one line on stdout, got: ${run.stdout}`);
  const issued = JSON.parse(run.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(issued).sort(), ['temporaryPassword', 'username']);
  assert.equal(typeof issued.username, 'string');
  assert.equal(typeof issued.temporaryPassword, 'string');
  assert.ok((issued.temporaryPassword as string).length >= 12);
  return issued as { username: string; temporaryPassword: string };
}

/** `hearth user list --site live --json`, parsed; never a password hash in it. */
export async function listed(env: NodeJS.ProcessEnv, ...extra: string[]): Promise<Record<string, unknown>[]> {
  const run = await hearth(['user', 'list', '--site', 'live', '--json', ...extra], env);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(lines(run.stdout).length, 1);
  assert.doesNotMatch(run.stdout, /hash|\$argon2/i, 'no password hash in the listing');
  return JSON.parse(run.stdout) as Record<string, unknown>[];
}

export function statusOf(users: Record<string, unknown>[], username: string): unknown {
  return users.find((u) => u.username === username)?.status;
}
