import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FY2024_DROPPED_COLUMNS, FY2024_RENAMED_COLUMNS, FY2026_NEW_COLUMNS, HUD_CSV_FY2024_FILES } from '../../src/exchange/hud-csv-fy2024.js';
import { HUD_CODE_LISTS } from '../../src/exchange/hud-csv-lists.js';
import {
  columnOfHeader,
  fileOfEntryName,
  HUD_CSV_FILES,
  HUD_FILE_NAMES,
  hudFile,
  hudHeader,
  valueProblem,
  type HudColumn,
  type HudFile,
} from '../../src/exchange/hud-csv-spec.js';

const REFERENCE = '../shared/reference/hud-csv-files.md';
const FIXTURES = '../shared/hud-fixtures';

/** Lists the reference names in its Rule column rather than its List column. */
const LIST_IN_RULE: Record<string, string> = { 'Export.SourceType': '1.9' };
/** hud-hmis-csv.md spells W5.A-B as W5.AB, as the code lists do. */
const LIST_SPELLING: Record<string, string> = { 'W5.A-B': 'W5.AB' };

interface ReferenceColumn {
  name: string;
  type: string;
  nullable: boolean;
  list: string;
}

/** The column tables of reference §4, with each "*tail*" row written out as the reference defines it. */
function referenceTables(): Map<string, { count: number; columns: ReferenceColumn[] }> {
  const text = readFileSync(REFERENCE, 'utf8');
  const section = text.slice(text.indexOf('## 4. Columns'), text.indexOf('## 5.'));
  const tables = new Map<string, { count: number; columns: ReferenceColumn[] }>();
  for (const part of section.split('\n### ').slice(1)) {
    const heading = /^(\w+)\.csv — (\d+) columns/.exec(part);
    assert.ok(heading, `a reference heading: ${part.slice(0, 40)}`);
    const columns: ReferenceColumn[] = [];
    for (const line of part.split('\n').filter((l) => /^\| \d/.test(l))) {
      const [, , name, type, nullable, list] = line.split('|').map((cell) => cell.trim());
      if (name === '*tail*') {
        columns.push(
          { name: 'DateCreated', type: 'T', nullable: false, list: '' },
          { name: 'DateUpdated', type: 'T', nullable: false, list: '' },
          { name: 'UserID', type: 'S32', nullable: false, list: '' },
          { name: 'DateDeleted', type: 'T', nullable: true, list: '' },
          { name: 'ExportID', type: 'S32', nullable: false, list: '' },
        );
      } else columns.push({ name: name!, type: type!, nullable: nullable === 'Y', list: LIST_IN_RULE[`${heading[1]}.${name}`] ?? LIST_SPELLING[list!] ?? list! });
    }
    tables.set(heading[1]!, { count: Number(heading[2]), columns });
  }
  return tables;
}

const typeOf = (c: HudColumn) => (c.type === 'S' ? `S${c.maxLength}` : c.type);
const listOf = (c: HudColumn) => (c.list === undefined ? '' : typeof c.list === 'string' ? c.list : 'see rule');
const fixtureHeader = (set: string, file: HudFile) =>
  readFileSync(`${FIXTURES}/${set}/${file.fileName}`, 'utf8').split(/\r?\n/)[0]!.replace(/^\uFEFF/, '').split(',').map((h) => h.replace(/^"|"$/g, ''));

describe('HUD CSV FY2026 specification as data', () => {
  it('has the 24 files in HUD’s order, each named <File>.csv', () => {
    assert.deepEqual(
      HUD_CSV_FILES.map((f) => f.name),
      [...HUD_FILE_NAMES],
    );
    assert.equal(HUD_CSV_FILES.length, 24);
    for (const f of HUD_CSV_FILES) assert.equal(f.fileName, `${f.name}.csv`);
  });

  it('matches the reference tables column for column: names in order, types, nullability and code lists', () => {
    const tables = referenceTables();
    assert.equal(tables.size, 24);
    for (const file of HUD_CSV_FILES) {
      const table = tables.get(file.name);
      assert.ok(table, `${file.name} is in the reference`);
      assert.equal(file.columns.length, table.count, `${file.name}.csv has ${table.count} columns`);
      assert.deepEqual(
        file.columns.map((c) => ({ name: c.name, type: typeOf(c), nullable: c.nullable, list: listOf(c) })),
        table.columns,
        file.name,
      );
    }
  });

  it('counts the columns the reference states: Enrollment.csv has 67, Client.csv 38, IncomeBenefits.csv 77', () => {
    assert.equal(hudFile('Enrollment').columns.length, 67);
    assert.equal(hudFile('Client').columns.length, 38);
    assert.equal(hudFile('IncomeBenefits').columns.length, 77);
    assert.equal(hudHeader('Enrollment').at(-6), 'MentalHealthConsultation');
  });

  it('has the headers of a real FY2026 export (Open Path), which differs only in the spellings of reference §1', () => {
    for (const file of HUD_CSV_FILES) {
      const header = fixtureHeader('openpath-fy2026-validation', file);
      assert.deepEqual(
        header.map((h) => columnOfHeader(file, h)?.name),
        hudHeader(file.name),
        `${file.name}: every header cell maps to HUD's column, in order`,
      );
      const spelledOtherwise = header.filter((h, i) => h !== hudHeader(file.name)[i]);
      assert.ok(spelledOtherwise.every((h) => ['WorkPlaceViolenceThreats', 'Zip'].includes(h)), `${file.name}: ${spelledOtherwise.join(', ')}`);
    }
  });

  it('ends every file but Export and User with the common tail, and every file but Export with ExportID', () => {
    for (const file of HUD_CSV_FILES) {
      const names = file.columns.map((c) => c.name);
      if (file.name === 'Export') continue;
      if (file.name === 'User') assert.deepEqual(names.slice(-4), ['DateCreated', 'DateUpdated', 'DateDeleted', 'ExportID']);
      else assert.deepEqual(names.slice(-5), ['DateCreated', 'DateUpdated', 'UserID', 'DateDeleted', 'ExportID']);
    }
  });

  it('names a key and references that exist: columns of the file pointing at columns of another', () => {
    for (const file of HUD_CSV_FILES) {
      assert.equal(file.columns[0]!.name, file.key, `${file.name}: the key is the first column`);
      for (const ref of file.references) {
        for (const c of ref.columns) assert.ok(columnOfHeader(file, c), `${file.name}.${c}`);
        for (const c of ref.fileColumns) assert.ok(columnOfHeader(hudFile(ref.file), c), `${ref.file}.${c}`);
      }
    }
    const refs = (name: Parameters<typeof hudFile>[0]) => hudFile(name).references.map((r) => `${r.columns.join('+')}→${r.file}`);
    assert.deepEqual(refs('Enrollment'), ['PersonalID→Client', 'ProjectID→Project', 'ProjectID+EnrollmentCoC→ProjectCoC', 'UserID→User']);
    assert.deepEqual(refs('Exit'), ['EnrollmentID+PersonalID→Enrollment', 'PersonalID→Client', 'UserID→User']);
    assert.deepEqual(refs('User'), []);
  });

  it('names only code lists it has, and the lists hold the codes of the reference', () => {
    for (const file of [...HUD_CSV_FILES, ...HUD_CSV_FY2024_FILES]) {
      for (const c of file.columns) {
        const ids = c.list === undefined ? [] : typeof c.list === 'string' ? [c.list] : [...Object.values(c.list.lists), ...(c.list.otherwise ? [c.list.otherwise] : [])];
        for (const id of ids) assert.ok(HUD_CODE_LISTS[id], `${file.name}.${c.name}: list ${id}`);
      }
    }
    assert.deepEqual(HUD_CODE_LISTS['1.8']!.codes, [0, 1, 8, 9, 99]);
    assert.deepEqual(HUD_CODE_LISTS['1.5']!.codes, [1, 2, 3, 4]);
    assert.deepEqual([...HUD_CODE_LISTS['2.02.6']!.codes].sort((a, b) => Number(a) - Number(b)), [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('finds a file by its zip entry name whatever the case, and never by a folder path alone', () => {
    assert.equal(fileOfEntryName(HUD_CSV_FILES, 'client.CSV')?.name, 'Client');
    assert.equal(fileOfEntryName(HUD_CSV_FILES, 'CustomGender.csv'), undefined);
  });
});

describe('HUD CSV values: types, lists and formats as the specification states them', () => {
  const column = (file: Parameters<typeof hudFile>[0], name: string) => columnOfHeader(hudFile(file), name)!;

  it('requires non-nullable values and accepts empty nullable ones', () => {
    assert.equal(valueProblem(column('Enrollment', 'DisablingCondition'), ''), 'DisablingCondition is required');
    assert.equal(valueProblem(column('Enrollment', 'MoveInDate'), ''), null);
  });

  it('checks dates, datetimes, integers and money', () => {
    assert.equal(valueProblem(column('Enrollment', 'EntryDate'), '2026-02-28'), null);
    assert.match(valueProblem(column('Enrollment', 'EntryDate'), '2026-02-30')!, /yyyy-mm-dd/);
    assert.match(valueProblem(column('Enrollment', 'EntryDate'), '02/01/2026')!, /yyyy-mm-dd/);
    assert.equal(valueProblem(column('Enrollment', 'DateCreated'), '2026-11-27 09:00:00'), null);
    assert.match(valueProblem(column('Enrollment', 'DateCreated'), '2026-11-27T09:00:00Z')!, /hh:mm:ss/);
    assert.match(valueProblem(column('Project', 'PITCount'), '-1')!, /whole number/);
    assert.equal(valueProblem(column('Services', 'FAAmount'), '-12.50'), null);
    assert.match(valueProblem(column('IncomeBenefits', 'EarnedAmount'), '-12.50')!, /negative/);
    assert.match(valueProblem(column('IncomeBenefits', 'EarnedAmount'), '1,200')!, /money/);
  });

  it('checks code lists, with each column’s exclusions and lists that depend on the row', () => {
    assert.equal(valueProblem(column('Enrollment', 'LivingSituation'), '116'), null);
    assert.match(valueProblem(column('Enrollment', 'LivingSituation'), '24')!, /list 3\.12\.1/);
    assert.equal(valueProblem(column('Exit', 'Destination'), '24'), null);
    assert.match(valueProblem(column('Client', 'VeteranStatus'), '999')!, /list 1\.8/);
    const response = column('Disabilities', 'DisabilityResponse');
    assert.equal(valueProblem(response, '3', { row: (n) => (n === 'DisabilityType' ? '10' : undefined) }), null);
    assert.match(valueProblem(response, '3', { row: (n) => (n === 'DisabilityType' ? '5' : undefined) })!, /list 1\.8/);
    assert.equal(valueProblem(column('Enrollment', 'VAMCStation'), '589A4'), null);
  });

  it('checks lengths and patterns, except for names and SSNs of a hashed export', () => {
    const digest = 'a'.repeat(64);
    assert.match(valueProblem(column('Client', 'FirstName'), digest)!, /longer than 50/);
    assert.equal(valueProblem(column('Client', 'FirstName'), digest, { hashed: true }), null);
    assert.equal(valueProblem(column('Client', 'SSN'), '12345xxxx'), null);
    assert.match(valueProblem(column('Client', 'SSN'), '123-45-6789')!, /longer than 9/);
    assert.equal(valueProblem(column('Client', 'SSN'), `1234${digest}`, { hashed: true }), null);
    assert.match(valueProblem(column('ProjectCoC', 'Geocode'), '12345')!, /format/);
    assert.match(valueProblem(column('Organization', 'OrganizationName'), 'Shelter <b>')!, /< > \[ \] \{ \}/);
  });
});

describe('HUD CSV FY2024 layout (for imports)', () => {
  it('has the headers of a real FY2024 export: Client.csv 46 columns, Enrollment.csv 71', () => {
    for (const file of HUD_CSV_FY2024_FILES) {
      let header: string[];
      try {
        header = fixtureHeader('openpath-fy2024-enrollment', file);
      } catch {
        continue; // the set has no Disabilities, HealthAndDV or IncomeBenefits file
      }
      assert.deepEqual(
        header.map((h) => columnOfHeader(file, h)?.name),
        file.columns.map((c) => c.name),
        file.name,
      );
    }
    assert.equal(HUD_CSV_FY2024_FILES.find((f) => f.name === 'Client')!.columns.length, 46);
    assert.equal(HUD_CSV_FY2024_FILES.find((f) => f.name === 'Enrollment')!.columns.length, 71);
  });

  it('states what changed: renamed, dropped and new columns, SourceID S32 and VerifiedBy S100, older lists', () => {
    const fy24 = (name: string) => HUD_CSV_FY2024_FILES.find((f) => f.name === name)!;
    assert.equal(FY2024_RENAMED_COLUMNS.Client!.HispanicLatinaeo, 'HispanicLatinao');
    for (const [name, dropped] of Object.entries(FY2024_DROPPED_COLUMNS)) {
      for (const c of dropped) {
        assert.ok(columnOfHeader(fy24(name), c), `${name}.${c} is in FY2024`);
        assert.equal(columnOfHeader(hudFile(name as 'Client'), c), undefined, `${name}.${c} is not in FY2026`);
      }
    }
    for (const [name, added] of Object.entries(FY2026_NEW_COLUMNS)) {
      for (const c of added) assert.equal(columnOfHeader(fy24(name), c), undefined, `${name}.${c} is new in FY2026`);
    }
    assert.equal(columnOfHeader(fy24('Export'), 'SourceID')!.maxLength, 32);
    assert.equal(columnOfHeader(fy24('CurrentLivingSituation'), 'VerifiedBy')!.maxLength, 100);
    assert.equal(columnOfHeader(fy24('Enrollment'), 'UnemploymentFam')!.list, '1.7');
    assert.equal(columnOfHeader(hudFile('Enrollment'), 'UnemploymentFam')!.list, '1.8');
    assert.equal(columnOfHeader(fy24('Exit'), 'CounselingReceived')!.list, '1.7');
  });
});
