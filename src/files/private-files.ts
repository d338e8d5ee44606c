import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Everything Hearth keeps on disk (the embedded databases, mail written as files, the outbox key, the lock
 * file, the CLI socket) holds client data or a secret, so it is for the account that runs Hearth alone:
 * folders 0700, files 0600, whatever the umask. Every writer goes through this module.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const GROUP_AND_OTHERS = 0o077;

/**
 * Whatever this process or a library creates without a mode of its own is then private. Not enough for
 * PGlite's files: Emscripten's file system sets each new file's mode with an explicit chmod, so the umask
 * never applies to them (test/security/file-modes.test.ts shows it); makeTreePrivate covers those.
 */
export function restrictUmask(): void {
  process.umask(GROUP_AND_OTHERS);
}

/** Creates the folder, and any missing parents, private; an existing folder is made private too. */
export function ensurePrivateDir(dir: string): void {
  const firstCreated = fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir's mode is narrowed by the umask (possibly to something unusable) and an existing folder keeps its own.
  let current = path.resolve(dir);
  const stop = firstCreated ? path.dirname(path.resolve(firstCreated)) : path.dirname(current);
  while (current !== stop) {
    fs.chmodSync(current, PRIVATE_DIR_MODE);
    current = path.dirname(current);
  }
}

/** Writes a whole file that only this account can read, also when it replaces an existing one. */
export function writePrivateFileSync(file: string, data: string | Uint8Array, options: { exclusive?: boolean } = {}): void {
  const fd = fs.openSync(file, options.exclusive ? 'wx' : 'w', PRIVATE_FILE_MODE);
  try {
    // The mode given to open applies only to a file it creates.
    fs.fchmodSync(fd, PRIVATE_FILE_MODE);
    fs.writeFileSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
}

/** writePrivateFileSync for the event loop's sake, for files written while serving. */
export async function writePrivateFile(file: string, data: string | Uint8Array, options: { exclusive?: boolean } = {}): Promise<void> {
  const handle = await fs.promises.open(file, options.exclusive ? 'wx' : 'w', PRIVATE_FILE_MODE);
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}

/**
 * A stream into a new private file (refuses to replace an existing one), for files too large to hold in memory,
 * such as an export's zip.
 */
export function createPrivateWriteStream(file: string): fs.WriteStream {
  const fd = fs.openSync(file, 'wx', PRIVATE_FILE_MODE);
  fs.fchmodSync(fd, PRIVATE_FILE_MODE);
  return fs.createWriteStream(file, { fd });
}

/**
 * A private file that appears whole or not at all: written under a temporary name beside it, then renamed (for
 * files others pick up as soon as they exist, such as mail as .eml files). Refuses to replace an existing file.
 */
export async function writePrivateFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.part`;
  await writePrivateFile(temporary, data, { exclusive: true });
  try {
    // link + unlink rather than rename: rename would silently replace a file of the same name.
    await fs.promises.link(temporary, file);
  } finally {
    await fs.promises.unlink(temporary);
  }
}

/**
 * Takes every group and other permission off `root` and everything below it, and returns how many
 * paths it changed (0 when `root` does not exist). Symbolic links are left alone: chmod would follow
 * them out of the tree.
 */
export function makeTreePrivate(root: string): number {
  let corrected = 0;
  const visit = (entry: string) => {
    const stat = ifPresent(() => fs.lstatSync(entry));
    if (!stat || stat.isSymbolicLink()) return;
    if (stat.mode & GROUP_AND_OTHERS) {
      fs.chmodSync(entry, stat.mode & PRIVATE_DIR_MODE);
      corrected += 1;
    }
    if (stat.isDirectory()) for (const name of ifPresent(() => fs.readdirSync(entry)) ?? []) visit(path.join(entry, name));
  };
  visit(root);
  return corrected;
}

/** A path that went away meanwhile (a temporary file of the database) leaves nothing to protect. */
function ifPresent<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
