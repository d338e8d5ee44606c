import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { Viewer } from '../../src/access/access-policy.js';
import { SYSTEM_ACTOR } from '../../src/audit/audit-log.js';
import { normalizeName, soundex } from '../../src/clients/name-matching.js';
import { ForbiddenError, ValidationError } from '../../src/errors.js';
import type { HudExportRequest, HudExportSummary } from '../../src/exchange/hud-csv-export.model.js';
import { HudCsvExportService, type ExportRequester } from '../../src/exchange/hud-csv-export.service.js';
import { CSV_VERSION_2026, HUD_CSV_FILES, hudFile, hudHeader, valueProblem } from '../../src/exchange/hud-csv-spec.js';
import type { SiteServices } from '../../src/sites/site-services.js';
import { hearthVersion } from '../../src/version.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TEST_DATABASE_URL } from '../helpers/database.js';
import { readExport, readZipEntries, type CsvEntry } from './zip.js';

const OPERATOR: ExportRequester = { operator: { userId: null, username: 'cli:tester', ip: null } };
const FY2026: HudExportRequest = { from: '2025-10-01', to: '2026-09-30', projectIds: [], cocCode: null, periodType: null, directive: 'full', hash: false };

async function exportZip(site: SiteServices, requester: ExportRequester, request: Partial<HudExportRequest> = {}): Promise<{ summary: HudExportSummary; files: Map<string, CsvEntry> }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const summary = await site.hudExports.write(requester, { ...FY2026, ...request }, out);
  return { summary, files: await readExport(Buffer.concat(chunks)) };
}

const rowsOf = (files: Map<string, CsvEntry>, name: string) => files.get(`${name}.csv`)!.rows;
const column = (files: Map<string, CsvEntry>, name: string, col: string) => rowsOf(files, name).map((r) => r[col]!);
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

describe('HUD CSV export (issue 13, items 1 and 2): the zip, its scope and its values', () => {
  let t: TestApp;
  let site: SiteServices;
  let files: Map<string, CsvEntry>;
  let summary: HudExportSummary;

  before(async () => {
    t = await startTestApp({ sites: ['training'] });
    site = t.sites.training;
    await site.training.reset(SYSTEM_ACTOR);
    ({ summary, files } = await exportZip(site, OPERATOR));
  });
  after(() => t.close());

  test('the zip is flat and holds the 24 FY2026 files, each with its header row in HUD’s order and spelling', () => {
    assert.deepEqual(sorted(files.keys()), sorted(HUD_CSV_FILES.map((f) => f.fileName)));
    for (const file of HUD_CSV_FILES) {
      const entry = files.get(file.fileName)!;
      assert.deepEqual(entry.header, hudHeader(file.name), file.name);
      assert.ok(entry.text.startsWith(`${hudHeader(file.name).join(',')}\n`), `${file.name}: a bare header line`);
    }
  });

  test('Export.csv is one row: the CoC, Hearth and its version, CSVVersion 2026 v1.0, the period, a full refresh, unhashed', () => {
    const rows = rowsOf(files, 'Export');
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.match(row.ExportID!, /^[0-9a-f]{32}$/);
    assert.equal(row.SourceType, '1');
    assert.equal(row.SourceID, 'XX-501');
    assert.equal(row.SoftwareName, 'Hearth');
    assert.equal(row.SoftwareVersion, hearthVersion());
    assert.equal(row.CSVVersion, CSV_VERSION_2026);
    assert.match(row.ExportDate!, /^2026-11-27 \d\d:\d\d:\d\d$/);
    assert.deepEqual([row.ExportStartDate, row.ExportEndDate, row.ExportPeriodType, row.ExportDirective, row.HashStatus], ['2025-10-01', '2026-09-30', '3', '2', '1']);
    assert.match(row.ImplementationID!, /^hearth-[0-9a-f]{24}$/);
    assert.equal(summary.exportId, row.ExportID);
  });

  test('every row of every file carries the one ExportID', () => {
    for (const [name, entry] of files) {
      for (const row of entry.rows) assert.equal(row.ExportID, summary.exportId, name);
    }
  });

  test('exactly the enrollments active in the period (entered by its end, not exited before its start), with their clients and exits', async () => {
    const enrollments = await site.db.selectFrom('enrollments').leftJoin('exits', 'exits.enrollment_id', 'enrollments.enrollment_id')
      .select(['enrollments.enrollment_id', 'enrollments.personal_id', 'exits.exit_id'])
      .select((eb) => [eb.fn<string>('to_char', [eb.ref('enrollments.entry_date'), eb.val('YYYY-MM-DD')]).as('entry'), eb.fn<string | null>('to_char', [eb.ref('exits.exit_date'), eb.val('YYYY-MM-DD')]).as('exit')])
      .execute();
    const active = enrollments.filter((e) => e.entry <= FY2026.to && (e.exit === null || e.exit >= FY2026.from));
    assert.ok(active.length > 100 && active.length < enrollments.length, `${active.length} of ${enrollments.length} enrollments active`);
    assert.deepEqual(sorted(column(files, 'Enrollment', 'EnrollmentID')), sorted(active.map((e) => e.enrollment_id)));
    assert.deepEqual(sorted(column(files, 'Client', 'PersonalID')), sorted(active.map((e) => e.personal_id)));
    assert.deepEqual(sorted(column(files, 'Exit', 'ExitID')), sorted(active.flatMap((e) => (e.exit_id ? [e.exit_id] : []))));
    assert.equal(summary.rows.Enrollment, active.length);
  });

  test('projects, their agencies and their set-up records are all there, and every reference resolves', () => {
    const projectIds = new Set(column(files, 'Project', 'ProjectID'));
    assert.equal(projectIds.size, 15);
    assert.deepEqual(sorted(column(files, 'Project', 'OrganizationID')), sorted(column(files, 'Organization', 'OrganizationID')));
    for (const name of ['Funder', 'ProjectCoC', 'Inventory', 'Affiliation', 'HMISParticipation', 'CEParticipation', 'Enrollment']) {
      assert.ok(rowsOf(files, name).length > 0, `${name} has rows`);
      for (const id of column(files, name, 'ProjectID')) assert.ok(projectIds.has(id), `${name} → Project ${id}`);
    }
    const clients = new Set(column(files, 'Client', 'PersonalID'));
    const enrollments = new Set(rowsOf(files, 'Enrollment').map((r) => `${r.EnrollmentID}|${r.PersonalID}`));
    for (const id of column(files, 'Enrollment', 'PersonalID')) assert.ok(clients.has(id));
    for (const r of rowsOf(files, 'Exit')) assert.ok(enrollments.has(`${r.EnrollmentID}|${r.PersonalID}`));
  });

  test('every value has HUD’s format: dates, date-times, code lists (99 where a required answer was not collected)', () => {
    const problems: string[] = [];
    for (const file of HUD_CSV_FILES) {
      for (const row of files.get(file.fileName)!.rows) {
        for (const c of file.columns) {
          const problem = valueProblem(c, row[c.name]!, { row: (name) => row[name] });
          // EnrollmentCoC too: the head's is asked at entry, and every member carries it.
          if (problem) problems.push(`${file.name}.${problem}`);
        }
      }
    }
    assert.deepEqual(problems.slice(0, 10), []);
    assert.ok(rowsOf(files, 'Client').every((r) => /^(0|1|8|9|99)$/.test(r.VeteranStatus!)), 'VeteranStatus is never empty');
    assert.match(rowsOf(files, 'Client')[0]!.DateCreated!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  test('strings are quoted (SSNs keep their leading zeros), numbers and empty values are not', () => {
    const client = files.get('Client.csv')!.text.split('\n')[1]!;
    assert.match(client, /^"[0-9a-f]{32}",/);
    assert.match(client, /,"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}",/);
    assert.match(client, /,\d,/);
    assert.match(client, /,,/);
  });

  test('every UserID that any file names is in User.csv, once', () => {
    const users = column(files, 'User', 'UserID');
    assert.equal(users.length, new Set(users).size);
    for (const file of HUD_CSV_FILES) {
      if (!file.columns.some((c) => c.name === 'UserID') || file.name === 'User') continue;
      for (const id of column(files, file.name, 'UserID')) assert.ok(users.includes(id), `${file.name} names ${id}`);
    }
  });

  test('stage and occurrence records of the enrollments in scope are exported with them, amounts with two decimals', async () => {
    const inScope = rowsOf(files, 'Enrollment')[0]!;
    const outside = await site.db.selectFrom('enrollments').select(['enrollment_id', 'personal_id'])
      .where('enrollment_id', 'not in', column(files, 'Enrollment', 'EnrollmentID')).executeTakeFirstOrThrow();
    const at = t.clock.now();
    const bookkeeping = { date_created: at, date_updated: at, user_id: 'stage-tester', date_deleted: null };
    await site.db.insertInto('income_benefits').values({
      income_benefits_id: 'ib1', enrollment_id: inScope.EnrollmentID!, personal_id: inScope.PersonalID!, information_date: inScope.EntryDate!,
      data_collection_stage: 1, income_from_any_source: 1, earned: 1, earned_amount: '250.5', total_monthly_income: '250.5', ...bookkeeping,
    } as never).execute();
    for (const [id, e] of [['s-in', { EnrollmentID: inScope.EnrollmentID!, PersonalID: inScope.PersonalID! }], ['s-out', { EnrollmentID: outside.enrollment_id, PersonalID: outside.personal_id }]] as const) {
      await site.db.insertInto('services').values({
        services_id: id, enrollment_id: e.EnrollmentID, personal_id: e.PersonalID, date_provided: inScope.EntryDate!, record_type: 200, type_provided: 200, ...bookkeeping,
      } as never).execute();
    }
    const again = await exportZip(site, OPERATOR);
    // The Training data holds stage records and bed nights of its own: look at the two rows written here.
    const income = rowsOf(again.files, 'IncomeBenefits').filter((r) => r.IncomeBenefitsID === 'ib1');
    assert.deepEqual(income.map((r) => [r.IncomeBenefitsID, r.EarnedAmount, r.TotalMonthlyIncome, r.DataCollectionStage]), [['ib1', '250.50', '250.50', '1']]);
    const services = column(again.files, 'Services', 'ServicesID');
    assert.ok(services.includes('s-in'), 'the bed night of an enrollment in scope');
    assert.ok(!services.includes('s-out'), 'not the bed night of an enrollment outside');
    assert.ok(column(again.files, 'User', 'UserID').includes('stage-tester'));
    assert.equal(valueProblem(hudFile('IncomeBenefits').columns.find((c) => c.name === 'EarnedAmount')!, income[0]!.EarnedAmount!), null);
  });

  test('files Hearth does not keep yet are there with their header alone', () => {
    for (const name of ['EmploymentEducation', 'YouthEducationStatus']) assert.equal(rowsOf(files, name).length, 0, name);
  });

  test('--project and --coc narrow the export to those projects', async () => {
    const [projectId] = column(files, 'Enrollment', 'ProjectID');
    const one = await exportZip(site, OPERATOR, { projectIds: [projectId!] });
    assert.deepEqual(sorted(column(one.files, 'Project', 'ProjectID')), [projectId]);
    assert.deepEqual(sorted(column(one.files, 'Enrollment', 'ProjectID')), [projectId]);
    const otherCoc = await exportZip(site, OPERATOR, { cocCode: 'ZZ-999' });
    assert.equal(rowsOf(otherCoc.files, 'Project').length, 0);
    assert.equal(rowsOf(otherCoc.files, 'Export')[0]!.SourceID, 'ZZ-999');
  });

  test('--hash: HashStatus 4, each name the SHA-256 of its Soundex (64 hex digits), each SSN its last four and the SHA-256 of all nine', async () => {
    const hashed = await exportZip(site, OPERATOR, { hash: true });
    assert.equal(rowsOf(hashed.files, 'Export')[0]!.HashStatus, '4');
    const plain = new Map(rowsOf(files, 'Client').map((r) => [r.PersonalID, r]));
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    let ssns = 0;
    for (const row of rowsOf(hashed.files, 'Client')) {
      const original = plain.get(row.PersonalID)!;
      for (const name of ['FirstName', 'MiddleName', 'LastName'] as const) {
        if (original[name] === '') assert.equal(row[name], '');
        else assert.equal(row[name], sha(soundex(normalizeName(original[name]))), name);
      }
      if (original.SSN !== '') {
        ssns += 1;
        assert.equal(row.SSN, `${original.SSN!.slice(-4)}${sha(original.SSN!)}`);
      }
    }
    assert.ok(ssns > 100);
    assert.equal(new Set(rowsOf(hashed.files, 'Client').flatMap((r) => [r.FirstName, r.LastName]).filter(Boolean).map((n) => n!.length)).size, 1, 'hashed names of equal length');
  });

  test('a delta export carries what changed in its period, deleted rows with their DateDeleted', async () => {
    const funder = await site.db.selectFrom('funders').select(['funder_id', 'project_id']).orderBy('funder_id').executeTakeFirstOrThrow();
    const admin: Viewer = { userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() };
    const now = t.clock.now();
    t.clock.set(new Date('2027-01-15T15:00:00Z'));
    await site.projectSetup.deleteFunder(admin, funder.project_id, funder.funder_id, { userId: null, username: 'setup', ip: null });
    const delta = await exportZip(site, OPERATOR, { from: '2027-01-01', to: '2027-01-31', directive: 'delta' });
    t.clock.set(now);
    const row = rowsOf(delta.files, 'Export')[0]!;
    assert.deepEqual([row.ExportDirective, row.ExportPeriodType], ['1', '1']);
    assert.deepEqual(column(delta.files, 'Funder', 'FunderID'), [funder.funder_id]);
    assert.equal(rowsOf(delta.files, 'Funder')[0]!.DateDeleted, '2027-01-15 10:00:00');
    assert.equal(rowsOf(delta.files, 'Enrollment').length, 0, 'nothing else changed in January');
    assert.ok(column(delta.files, 'User', 'UserID').includes('setup'));
    const full = await exportZip(site, OPERATOR, {});
    assert.ok(!column(full.files, 'Funder', 'FunderID').includes(funder.funder_id), 'a full export leaves deleted rows out');
  });

  test('an agency manager exports only their agencies’ projects and enrollments; a case manager cannot export', async () => {
    const organizationId = rowsOf(files, 'Organization')[0]!.OrganizationID!;
    const manager: Viewer = { userId: 1, username: 'manager', role: 'agency_manager', organizationIds: new Set([organizationId]) };
    const actor = { userId: 1, username: 'manager', ip: null };
    const own = await exportZip(site, { viewer: manager, actor });
    const ownProjects = rowsOf(files, 'Project').filter((p) => p.OrganizationID === organizationId).map((p) => p.ProjectID!);
    assert.deepEqual(sorted(column(own.files, 'Project', 'ProjectID')), sorted(ownProjects));
    assert.deepEqual(sorted(column(own.files, 'Enrollment', 'EnrollmentID')), sorted(rowsOf(files, 'Enrollment').filter((e) => ownProjects.includes(e.ProjectID!)).map((e) => e.EnrollmentID!)));
    const otherProject = rowsOf(files, 'Project').find((p) => p.OrganizationID !== organizationId)!.ProjectID!;
    await assert.rejects(exportZip(site, { viewer: manager, actor }, { projectIds: [otherProject] }), ForbiddenError);
    const caseManager: Viewer = { ...manager, role: 'case_manager' };
    await assert.rejects(exportZip(site, { viewer: caseManager, actor }), ForbiddenError);
  });

  test('a request that makes no sense is refused with a message per field', async () => {
    await assert.rejects(exportZip(site, OPERATOR, { from: '2026-02-30', to: '2025-01-01', cocCode: 'XX501', projectIds: ['nope'] }), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(Object.keys(error.fieldErrors).sort(), ['cocCode', 'from', 'projectIds']);
      return true;
    });
    await assert.rejects(exportZip(site, OPERATOR, { from: '2026-03-01', to: '2026-02-01' }), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.match(error.fieldErrors.to![0]!, /end on or after/);
      return true;
    });
  });

  test('the export is audited, without client data', async () => {
    const entries = await site.audit.list(site.db, {});
    const written = entries.filter((e) => e.event === 'export.written');
    assert.ok(written.length > 0);
    assert.equal(written[0]!.clientPersonalId, null);
  });

  test('hudFile and the zip agree on User.csv’s columns', () => {
    assert.deepEqual(files.get('User.csv')!.header, hudFile('User').columns.map((c) => c.name));
  });

  test('on PostgreSQL, the files COPY writes are byte for byte those the keyset pages write', { skip: TEST_DATABASE_URL ? false : 'PGlite has no COPY out' }, async () => {
    // Strings that CSV must quote or escape, characters FY2026 forbids, and a string of them alone.
    const odd = ['<b>Ann</b> {x}', '[]', 'Mc"Coy, Jr', 'two\nlines', 'back\\slash', 'Zoë ñ'];
    const exported = column(files, 'Client', 'PersonalID').slice(0, odd.length);
    for (const [i, id] of exported.entries()) await site.db.updateTable('clients').set({ middle_name: odd[i]! }).where('personal_id', '=', id).execute();
    // Another handle on the same database, not registered for COPY: it reads in pages.
    const paged = new HudCsvExportService(site.db.withoutPlugins(), t.clock, site.audit, t.config.timeZone, 'hearth-test');
    const copied = new HudCsvExportService(site.db, t.clock, site.audit, t.config.timeZone, 'hearth-test');
    const texts = async (service: HudCsvExportService, request: HudExportRequest) => {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (chunk: Buffer) => chunks.push(chunk));
      const written = await service.write(OPERATOR, request, out);
      const entries = await readZipEntries(Buffer.concat(chunks));
      return { rows: written.rows, entries: new Map([...entries].map(([name, text]) => [name, text.replaceAll(written.exportId, 'ExportID')])) };
    };
    const [project] = await site.hudExports.exportableProjects({ userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() });
    let client = '';
    for (const request of [FY2026, { ...FY2026, directive: 'delta' as const, from: '2020-01-01', to: '2026-12-31' }, { ...FY2026, projectIds: [project!.projectId] }]) {
      const [fromPages, fromCopy] = [await texts(paged, request), await texts(copied, request)];
      assert.deepEqual(fromCopy.rows, fromPages.rows);
      assert.ok(fromCopy.rows.Client > 0 && fromCopy.rows.Enrollment > 0);
      for (const [name, text] of fromPages.entries) assert.equal(fromCopy.entries.get(name), text, name);
      client ||= fromCopy.entries.get('Client.csv')!;
    }
    for (const written of ['"<b>Ann</b> {x}"'.replace(/[<>{}]/g, ''), '"Mc""Coy, Jr"', '"two\nlines"', '"back\\slash"', '"Zoë ñ"']) assert.ok(client.includes(written), written);
  });
});
