/**
 * `npm run bench:memory`: resident memory of a server with both sites on the embedded database (PGlite), as
 * src/server.ts starts it: just after start, and idle a while later; and where it goes, and V8's share of it. See bench/README.md.
 *
 *   npm run bench:memory
 *   npm run bench:memory -- --idle 30 --json
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { assembleHearth } from '../src/assemble.js';
import { loadConfig } from '../src/config.js';
import { loggerOptions } from '../src/http/logging.js';
import { parseBenchArgs, positiveOption, UsageError } from './lib/options.js';

const MB = 1024 * 1024;

function usage(): string {
  return [
    'Usage: npm run bench:memory -- [options]',
    '',
    '  --idle SECONDS   how long the server idles before the second reading (default 20)',
    '  --data-dir DIR   start on this data folder (kept), e.g. a second time; default a new temporary one',
    '  --json           one JSON line instead of the table',
  ].join('\n');
}

/** VmRSS and VmHWM (peak) of this process, in MB, from /proc (NaN elsewhere). */
function residentMb(): { rss: number; peak: number } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { rss: process.memoryUsage().rss / MB, peak: NaN };
  }
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseBenchArgs(process.argv.slice(2), { idle: { type: 'string' }, 'data-dir': { type: 'string' } }, usage);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${usage()}`);
    return 2;
  }
  const idleS = positiveOption('idle', parsed.values.idle, 20, 600, false);
  const given = parsed.values['data-dir']?.trim();
  const dataDir = given ? path.resolve(given) : mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-memory-'));
  const before = residentMb();
  const config = loadConfig({ HEARTH_SITES: 'live,training', HEARTH_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' });
  const hearth = await assembleHearth(config, { logger: pino(loggerOptions(config), pino.destination(2)) });
  try {
    await hearth.app.listen({ port: 0, host: '127.0.0.1' });
    const started = residentMb();
    await sleep(idleS * 1000);
    (globalThis as { gc?: () => void }).gc?.();
    const idle = residentMb();
    const v8 = process.memoryUsage();
    const result = {
      node: process.version,
      beforeStartMb: Math.round(before.rss),
      afterStartMb: Math.round(started.rss),
      peakMb: Math.round(idle.peak),
      idleMb: Math.round(idle.rss),
      idleSeconds: idleS,
      v8HeapUsedMb: Math.round(v8.heapUsed / MB),
      v8HeapTotalMb: Math.round(v8.heapTotal / MB),
      externalMb: Math.round(v8.external / MB),
      arrayBuffersMb: Math.round(v8.arrayBuffers / MB),
    };
    if (parsed.json) console.log(JSON.stringify(result));
    else {
      console.log(`  both sites on PGlite (in ${dataDir}), Node ${process.version}`);
      console.log(`  resident        ${result.beforeStartMb} MB before start, ${result.afterStartMb} MB after start, ${result.idleMb} MB after ${idleS} s idle (peak ${result.peakMb} MB)`);
      console.log(`  V8              heap ${result.v8HeapUsedMb} MB used of ${result.v8HeapTotalMb} MB; external ${result.externalMb} MB, of which array buffers ${result.arrayBuffersMb} MB`);
    }
    return 0;
  } finally {
    await hearth.close();
    if (!given) rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
