/**
 * Where the CPU goes, from Linux's /proc: per thread of this process, per other process (PostgreSQL
 * backends), and for the whole machine. Without /proc the readers give NaN or nothing, and a bench still runs.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

/** Milliseconds since the epoch with sub-millisecond resolution, comparable across threads. */
export function clockMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * CPU time in ms of one task (thread) from a /proc …/schedstat file: the scheduler's own account in
 * nanoseconds, exact (unlike utime/stime, which are sampled at each clock tick). NaN without /proc.
 */
export function schedstatCpuMs(file: string): number {
  try {
    return Number(readFileSync(file, 'utf8').split(' ', 1)[0]) / 1e6;
  } catch {
    return NaN;
  }
}

/** CPU time of the calling thread. */
export function threadCpuMs(): number {
  return schedstatCpuMs('/proc/thread-self/schedstat');
}

/** The calling thread's task id, where Linux tells it. */
export function threadId(): number | null {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return null;
  }
}

/** CPU time of the given processes (single-threaded PostgreSQL backends), by pid; NaN entries without /proc. */
export function processesCpuMs(pids: number[]): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const pid of pids) cpu.set(pid, schedstatCpuMs(`/proc/${pid}/schedstat`));
  return cpu;
}

/** CPU of each thread of this process, by task id (empty without /proc). */
export function taskCpuMs(): Map<number, number> {
  const tasks = new Map<number, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc/self/task');
  } catch {
    return tasks;
  }
  for (const tid of entries) {
    const ms = schedstatCpuMs(`/proc/self/task/${tid}/schedstat`);
    if (Number.isFinite(ms)) tasks.set(Number(tid), ms);
  }
  return tasks;
}

/** The whole machine's CPU time so far, idle and in total, summed over its cores. */
export function machineCpu(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total };
}
