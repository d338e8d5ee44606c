/** Reading an export back as HUD's checker would: the zip's entries, each CSV parsed by its header (tests only). */
import { parse } from 'csv-parse/sync';
import yauzl from 'yauzl';

export interface CsvEntry {
  header: string[];
  rows: Record<string, string>[];
  text: string;
}

export async function readZipEntries(zip: Buffer): Promise<Map<string, string>> {
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  const entries = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    file.on('error', reject);
    file.on('end', resolve);
    file.on('entry', (entry: yauzl.Entry) => {
      file.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
          file.readEntry();
        });
      });
    });
    file.readEntry();
  });
  return entries;
}

export async function readExport(zip: Buffer): Promise<Map<string, CsvEntry>> {
  const result = new Map<string, CsvEntry>();
  for (const [name, text] of await readZipEntries(zip)) {
    const records = parse(text, { relax_column_count: false }) as string[][];
    const [header = [], ...body] = records;
    result.set(name, { header, text, rows: body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))) });
  }
  return result;
}
