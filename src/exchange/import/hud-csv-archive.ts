import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { DomainError } from '../../errors.js';

/**
 * An export to read: a zip (HUD's form) or a folder of CSV files (an unpacked zip). Entries are opened one at a
 * time, in whatever order the importer needs them, and streamed: no file is held in memory.
 */
export interface HudCsvArchive {
  /** The entry names (a zip's folders included, for the importer to flatten). */
  readonly entryNames: readonly string[];
  open(entryName: string): Promise<Readable>;
  close(): Promise<void>;
}

/** The file is not a zip Hearth can read: nothing can be imported from it. */
export class NotAnArchiveError extends DomainError {}

export async function openHudCsvArchive(location: string): Promise<HudCsvArchive> {
  const stat = await fs.promises.stat(location);
  return stat.isDirectory() ? openFolder(location) : openZip(location);
}

async function openFolder(folder: string): Promise<HudCsvArchive> {
  const names = (await fs.promises.readdir(folder, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  return {
    entryNames: names,
    open: async (name) => fs.createReadStream(path.join(folder, name)),
    close: async () => {},
  };
}

async function openZip(file: string): Promise<HudCsvArchive> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, opened) =>
      error ? reject(new NotAnArchiveError(`${path.basename(file)} is not a zip file Hearth can read (${error.message})`)) : resolve(opened),
    ),
  );
  const entries = new Map<string, yauzl.Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) => reject(new NotAnArchiveError(`${path.basename(file)} is damaged (${error.message})`)));
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    throw error;
  }
  return {
    entryNames: [...entries.keys()],
    open: (name) =>
      new Promise((resolve, reject) => {
        const entry = entries.get(name);
        if (!entry) return reject(new Error(`No entry ${name}`));
        zip.openReadStream(entry, (error, stream) => (error ? reject(new NotAnArchiveError(`${name} cannot be read (${error.message})`)) : resolve(stream)));
      }),
    close: async () => zip.close(),
  };
}
