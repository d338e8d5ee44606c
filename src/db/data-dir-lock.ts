import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, writePrivateFileSync } from '../files/private-files.js';

/**
 * PGlite holds its files exclusively: two processes must never open the same data folder.
 * The process that opens it writes a lock file naming itself and, when it serves the database
 * to the CLI, the socket folder to connect to.
 */
export interface LockInfo {
  pid: number;
  socketDir?: string;
}

export class DataDirBusyError extends Error {
  override name = 'DataDirBusyError';
}

function lockPath(siteDir: string) {
  return path.join(siteDir, 'hearth.lock');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder of the folder, if any; a stale lock left by a crashed process counts as none. */
export function readLock(siteDir: string): LockInfo | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(lockPath(siteDir), 'utf8')) as LockInfo;
    return typeof info.pid === 'number' && alive(info.pid) && info.pid !== process.pid ? info : undefined;
  } catch {
    return undefined;
  }
}

export function acquireLock(siteDir: string, info: LockInfo): () => void {
  ensurePrivateDir(siteDir);
  const file = lockPath(siteDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writePrivateFileSync(file, JSON.stringify(info), { exclusive: true });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(siteDir);
      if (holder) {
        throw new DataDirBusyError(`${siteDir} is in use by another Hearth process (pid ${holder.pid}).`);
      }
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new DataDirBusyError(`Could not lock ${siteDir}.`);
}

export function updateLock(siteDir: string, info: LockInfo): void {
  writePrivateFileSync(lockPath(siteDir), JSON.stringify(info));
}
