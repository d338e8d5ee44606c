import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { ReportTable } from '../../src/reports/report.model.js';
import { sageZip, tableCsv } from '../../src/reports/sage-zip.js';
import { readZipEntries } from '../exchange/zip.js';

const Q22B: ReportTable = {
  question: 'Q22b',
  title: 'Average and Median Length of Participation in Days',
  header: ['', 'Leavers', 'Stayers'],
  rows: [
    { label: 'Average Length', cells: [{ value: '20.33' }, { value: '447.40' }] },
    { label: 'Median Length', cells: [{ value: '30.00' }, { value: null }] },
  ],
};
const Q5A: ReportTable = {
  question: 'Q5a',
  title: 'Report Validations Table',
  header: ['', 'Count of Clients for DQ', 'Count of Clients'],
  rows: [{ label: 'Client Doesn’t Know/Prefers Not to Answer, "quoted"', cells: [{ value: 12, enrollmentIds: ['a'] }, { value: 0, enrollmentIds: [] }] }],
};

describe('The Sage zip (issue 15, output; reference §5)', () => {
  test('a table is its header row, then a row per label with the values from B2, every field quoted, CRLF', () => {
    assert.equal(tableCsv(Q22B), '"","Leavers","Stayers"\r\n"Average Length","20.33","447.40"\r\n"Median Length","30.00",""\r\n');
  });

  test('the zip holds one <question>.csv per table at its root, UTF-8, which reads back as the tables', async () => {
    const zip = await sageZip([Q5A, Q22B], new Date('2026-11-27T14:00:00Z'));
    const entries = await readZipEntries(zip);
    assert.deepEqual([...entries.keys()], ['Q5a.csv', 'Q22b.csv']);
    const q5a = parse(entries.get('Q5a.csv')!) as string[][];
    assert.deepEqual(q5a, [
      ['', 'Count of Clients for DQ', 'Count of Clients'],
      ['Client Doesn’t Know/Prefers Not to Answer, "quoted"', '12', '0'],
    ]);
    assert.match(entries.get('Q5a.csv')!, /^"","Count of Clients for DQ","Count of Clients"\r\n"Client Doesn’t Know\/Prefers Not to Answer, ""quoted""","12","0"\r\n$/);
  });
});
