/**
 * V8's sampling profiler on the event loop (`bench:login -- --profile`): a .cpuprofile for Chrome DevTools,
 * and the self time summed by package, by folder of src/, or by what V8 itself was doing.
 */
import { writeFileSync } from 'node:fs';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** V8's sampling profiler on this thread (the event loop), ready to start and stop at the window's edges. */
export async function createProfiler(file: string) {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  let started: Promise<unknown> | undefined;
  return {
    start() {
      started = session.post('Profiler.start');
    },
    /** Writes the profile to `file` and returns it. */
    async stop(): Promise<CpuProfile> {
      await started;
      const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
      session.disconnect();
      writeFileSync(file, JSON.stringify(profile));
      return profile;
    },
  };
}

/** Which part of the code a frame belongs to: a package, a folder of src/, Node itself, PGlite's WASM, GC … */
function frameGroup(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'V8: garbage collection';
    if (functionName === '(idle)') return '(idle: waiting for work)';
    if (functionName === '(program)') return 'V8/native, unattributed';
    return `native: ${functionName}`;
  }
  if (url.startsWith('wasm://')) return 'PGlite: Postgres in WASM';
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg) return pkg === '@electric-sql/pglite' ? 'PGlite: JS side' : pkg;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, url.includes('internal/') ? 2 : 1).join('/')}`;
  const local = /\/(src|bench)\/(.+)$/.exec(url);
  if (local) return `${local[1]}/${local[2]!.split('/')[0]}`;
  return url;
}

/** Self time per group, in ms per login. */
export function summariseProfile(profile: CpuProfile, logins: number): { group: string; msPerLogin: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!);
    if (!node) continue;
    const group = frameGroup(node.callFrame);
    // A sample's time is the delta to the next one.
    totals.set(group, (totals.get(group) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  return [...totals]
    .map(([group, ms]) => ({ group, msPerLogin: ms / logins }))
    .sort((a, b) => b.msPerLogin - a.msPerLogin);
}
