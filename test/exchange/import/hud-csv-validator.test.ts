import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NotAnArchiveError, openHudCsvArchive } from '../../../src/exchange/import/hud-csv-archive.js';
import type { ImportReport } from '../../../src/exchange/import/hud-csv-import.model.js';
import { validateHudCsv } from '../../../src/exchange/import/hud-csv-validator.js';
import type { HudFileName } from '../../../src/exchange/hud-csv-spec.js';
import { FIXTURES, FY2024_ENROLLMENT, FY2026_ENROLLMENT, FY2026_VALIDATION, tempFolder, zipFixture } from './fixtures.js';

type Rows = Map<HudFileName, Record<string, string>[]>;

async function validate(location: string): Promise<{ report: ImportReport; rows: Rows }> {
  const archive = await openHudCsvArchive(location);
  const rows: Rows = new Map();
  try {
    const report = await validateHudCsv(archive, (file, row) => {
      rows.set(file.name, [...(rows.get(file.name) ?? []), { ...row.values }]);
    });
    return { report, rows };
  } finally {
    await archive.close();
  }
}

const fileOf = (report: ImportReport, name: HudFileName) => report.files.find((f) => f.file === name)!;
const counts = (report: ImportReport, name: HudFileName) => {
  const f = fileOf(report, name);
  return [f.rowsRead, f.rowsImported];
};
const errorsOf = (report: ImportReport, name: HudFileName) =>
  fileOf(report, name).issues.filter((i) => i.severity === 'error').map((i) => `${i.row} ${i.column} ${i.rule}`);

describe('HUD CSV import: reading and validating an export (no writes)', () => {
  let dir: string;
  before(() => {
    dir = tempFolder('import-validate');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the FY2026 enrollment set from a zip: 3 clients, 4 enrollments, 18 services, every file reported in HUD’s order', async () => {
    const { report, rows } = await validate(await zipFixture(FY2026_ENROLLMENT, dir));
    assert.deepEqual(report.fatal, []);
    assert.equal(report.version, 2026);
    assert.equal(report.exportId, '31a77b417911747e41ef9936f9a4b657');
    assert.equal(report.files.length, 24);
    assert.equal(report.files[0]!.file, 'Export');
    assert.deepEqual(counts(report, 'Client'), [3, 3]);
    assert.deepEqual(counts(report, 'Enrollment'), [4, 4]);
    assert.deepEqual(counts(report, 'Services'), [18, 18]);
    assert.equal(fileOf(report, 'IncomeBenefits').present, false, 'a file the zip lacks reads as empty');
    assert.equal(rows.get('Client')!.length, 3);
  });

  it('skips rows that refer to an enrollment the export does not hold, with a reference error naming it', async () => {
    const { report } = await validate(await zipFixture(FY2026_ENROLLMENT, dir));
    assert.deepEqual(counts(report, 'CurrentLivingSituation'), [3, 0]);
    const issue = fileOf(report, 'CurrentLivingSituation').issues.find((i) => i.rule === 'reference' && i.severity === 'error')!;
    assert.equal(issue.row, 2);
    assert.equal(issue.column, 'EnrollmentID');
    assert.match(issue.message, /EnrollmentID 2141 and PersonalID 6805: not in Enrollment\.csv/);
    assert.deepEqual(counts(report, 'AssessmentQuestions'), [4, 0], 'and what hangs off a skipped row is skipped too');
  });

  it('imports with a warning what HUD tolerates: an empty required value, a UserID missing from User.csv, another ExportID', async () => {
    const { report } = await validate(await zipFixture(FY2026_ENROLLMENT, dir));
    const enrollment = fileOf(report, 'Enrollment');
    assert.equal(enrollment.errors, 0);
    assert.ok(enrollment.issues.some((i) => i.severity === 'warning' && i.rule === 'required' && i.column === 'RelationshipToHoH' && i.row === 2));
    assert.ok(enrollment.issues.some((i) => i.severity === 'warning' && i.rule === 'reference' && i.column === 'UserID'));
    assert.ok(fileOf(report, 'User').issues.some((i) => i.rule === 'export-id' && i.row === null));
  });

  it('reads the FY2024 set as FY2024 and hands on the same clients, enrollments and services in the FY2026 layout', async () => {
    const fy2026 = await validate(await zipFixture(FY2026_ENROLLMENT, dir));
    const fy2024 = await validate(await zipFixture(FY2024_ENROLLMENT, dir));
    assert.equal(fy2024.report.version, 2024);
    for (const name of ['Client', 'Enrollment', 'Services', 'Exit', 'Project'] as const) {
      assert.deepEqual(fy2024.rows.get(name), fy2026.rows.get(name), name);
    }
    assert.ok('HispanicLatinao' in fy2024.rows.get('Client')![0]!, 'HispanicLatinaeo is renamed');
  });

  it('reports FY2024 values that FY2026 has no column for as not carried over', async () => {
    const { report } = await validate(await zipFixture(FY2024_ENROLLMENT, dir));
    const notMapped = fileOf(report, 'Client').issues.filter((i) => i.rule === 'not-mapped');
    assert.ok(notMapped.some((i) => i.column === 'Woman' && /3 rows hold a value in Woman/.test(i.message)));
    assert.ok(notMapped.every((i) => i.severity === 'warning' && i.row === null));
  });

  it('tells FY2024 from FY2026 by Client.csv’s header when CSVVersion is empty', async () => {
    const blankVersion = (name: string, text: string) => (name === 'Export.csv' ? text.replace(/,2024 v1\.3,|,2026 v1\.0,/, ',,') : text);
    assert.equal((await validate(await zipFixture(FY2024_ENROLLMENT, dir, blankVersion))).report.version, 2024);
    assert.equal((await validate(await zipFixture(FY2026_ENROLLMENT, dir, blankVersion))).report.version, 2026);
  });

  it('refuses an export without Export.csv, or of another version, as a whole', async () => {
    const noExport = await validate(await zipFixture(FY2026_ENROLLMENT, dir, (name, text) => (name === 'Export.csv' ? null : text)));
    assert.match(noExport.report.fatal[0]!, /no Export\.csv/);
    assert.equal(noExport.rows.size, 0);
    const fy2022 = await validate(await zipFixture(FY2026_ENROLLMENT, dir, (name, text) => (name === 'Export.csv' ? text.replace('2026 v1.0', '2022 v1.2') : text)));
    assert.match(fy2022.report.fatal[0]!, /CSVVersion "2022 v1\.2": Hearth imports FY2026 and FY2024 exports only/);
  });

  it('reads an unpacked export (a folder) as it reads the zip', async () => {
    const zipped = await validate(await zipFixture(FY2026_ENROLLMENT, dir));
    const folder = await validate(path.join(FIXTURES, FY2026_ENROLLMENT));
    assert.deepEqual(folder.report, zipped.report);
  });

  it('refuses a file that is not a zip', async () => {
    const file = path.join(dir, 'not-a.zip');
    fs.writeFileSync(file, 'PersonalID,FirstName\n1,Ann\n');
    await assert.rejects(openHudCsvArchive(file), NotAnArchiveError);
  });

  describe('the validation set: broken rows are reported and skipped, the rest imported', () => {
    let report: ImportReport;
    let rows: Rows;
    before(async () => {
      ({ report, rows } = await validate(await zipFixture(FY2026_VALIDATION, dir)));
    });

    it('skips a row whose key is empty or already taken', () => {
      assert.deepEqual(errorsOf(report, 'Organization'), ['4 OrganizationID key-blank', '5 OrganizationID key-duplicate']);
      assert.deepEqual(counts(report, 'Organization'), [4, 2]);
      assert.deepEqual(errorsOf(report, 'Client'), ['6 PersonalID key-blank']);
      assert.deepEqual(rows.get('Client')!.map((c) => c.PersonalID), ['VALID', 'VALIDATION', 'ERROR', 'FAILURE']);
    });

    it('skips a row without what it cannot do without, and what refers to a skipped row, down the chain', () => {
      assert.deepEqual(errorsOf(report, 'Project'), ['4 OrganizationID blank', '4 ProjectName blank', '5 ProjectID key-duplicate', '5 OrganizationID reference']);
      assert.deepEqual(rows.get('Project')!.map((p) => p.ProjectID), ['VALID', 'VALIDATION', 'RRHSSO', 'RRHHOUSING']);
      assert.ok(errorsOf(report, 'Enrollment').includes('4 EntryDate blank'));
      assert.ok(errorsOf(report, 'Enrollment').includes('5 ProjectID reference'));
      assert.deepEqual(rows.get('Enrollment')!.map((e) => e.EnrollmentID), ['VALID', 'VALIDATION', 'PRE_ENTRY_1', 'PRE_ENTRY_2', 'RRHSSO', 'RRHHOUSING']);
      assert.ok(errorsOf(report, 'Exit').includes('3 ExitDate blank'));
      assert.ok(!rows.get('Exit')!.some((x) => x.EnrollmentID === 'FAILURE' || x.ExitID === 'ERROR'));
    });

    it('skips a row with more or fewer values than the header', () => {
      assert.ok(errorsOf(report, 'Assessment').includes('5 null column-count'));
      assert.ok(!rows.get('Assessment')!.some((a) => a.AssessmentID === 'FAILURE'));
    });

    it('imports with a warning a code outside its list and an empty required value', () => {
      const client = fileOf(report, 'Client').issues;
      assert.ok(client.some((i) => i.severity === 'warning' && i.rule === 'code-list' && i.row === 3 && i.column === 'NameDataQuality'));
      assert.ok(client.some((i) => i.severity === 'warning' && i.rule === 'required' && i.row === 3 && i.column === 'VeteranStatus'));
      assert.equal(rows.get('Client')![1]!.NameDataQuality, '999', 'kept as written: the writer decides');
    });

    it('does not carry over a value of the wrong type, with a warning', () => {
      const issue = fileOf(report, 'HealthAndDV').issues.find((i) => i.column === 'MentalHealthStatus')!;
      assert.deepEqual([issue.severity, issue.rule, issue.row], ['warning', 'type', 2]);
      assert.equal(rows.get('HealthAndDV')![0]!.MentalHealthStatus, '');
    });

    it('maps headers by name, case-insensitively (Zip, WorkPlaceViolenceThreats)', () => {
      assert.deepEqual(report.files.flatMap((f) => f.issues.filter((i) => i.rule === 'header')), []);
      assert.equal(rows.get('ProjectCoC')![0]!.ZIP, '01339');
    });
  });
});
