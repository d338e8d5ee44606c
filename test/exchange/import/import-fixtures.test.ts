import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { ImportReport } from '../../../src/exchange/import/hud-csv-import.model.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { ACTOR } from '../../clients/fixtures.js';
import { FY2024_ENROLLMENT, FY2026_ENROLLMENT, FY2026_VALIDATION, tempFolder, zipFixture } from './fixtures.js';

type Site = TestApp['sites']['live'];

/** What an import wrote, by source id: each table's rows with their ids read back as the source's (import_source_ids). */
async function written(site: Site) {
  const { rows } = await sql<Record<string, unknown>>`
    select 'client' as what, sc.source_id as id, null as a, null as b, c.first_name as c, to_char(c.dob, 'YYYY-MM-DD') as d
      from clients c join import_source_ids sc on sc.hud_file = 'Client' and sc.hearth_id = c.personal_id
    union all
    select 'enrollment', se.source_id, sc.source_id, sp.source_id, to_char(e.entry_date, 'YYYY-MM-DD'), e.relationship_to_hoh::text
      from enrollments e
      join import_source_ids se on se.hud_file = 'Enrollment' and se.hearth_id = e.enrollment_id
      join import_source_ids sc on sc.hud_file = 'Client' and sc.hearth_id = e.personal_id
      join import_source_ids sp on sp.hud_file = 'Project' and sp.hearth_id = e.project_id
    union all
    select 'exit', sx.source_id, se.source_id, null, to_char(x.exit_date, 'YYYY-MM-DD'), x.destination::text
      from exits x
      join import_source_ids sx on sx.hud_file = 'Exit' and sx.hearth_id = x.exit_id
      join import_source_ids se on se.hud_file = 'Enrollment' and se.hearth_id = x.enrollment_id
    union all
    select 'service', ss.source_id, se.source_id, s.record_type::text, to_char(s.date_provided, 'YYYY-MM-DD'), s.type_provided::text
      from services s
      join import_source_ids ss on ss.hud_file = 'Services' and ss.hearth_id = s.services_id
      join import_source_ids se on se.hud_file = 'Enrollment' and se.hearth_id = s.enrollment_id
    union all
    select 'cls', sl.source_id, se.source_id, null, to_char(l.information_date, 'YYYY-MM-DD'), l.current_living_situation::text
      from current_living_situations l
      join import_source_ids sl on sl.hud_file = 'CurrentLivingSituation' and sl.hearth_id = l.current_living_sit_id
      join import_source_ids se on se.hud_file = 'Enrollment' and se.hearth_id = l.enrollment_id
    union all
    select 'assessment', sa.source_id, se.source_id, null, to_char(a.assessment_date, 'YYYY-MM-DD'), a.assessment_type::text
      from assessments a
      join import_source_ids sa on sa.hud_file = 'Assessment' and sa.hearth_id = a.assessment_id
      join import_source_ids se on se.hud_file = 'Enrollment' and se.hearth_id = a.enrollment_id
    union all
    select 'event', sv.source_id, se.source_id, null, to_char(v.event_date, 'YYYY-MM-DD'), v.event::text
      from events v
      join import_source_ids sv on sv.hud_file = 'Event' and sv.hearth_id = v.event_id
      join import_source_ids se on se.hud_file = 'Enrollment' and se.hearth_id = v.enrollment_id
    union all
    select 'funder', sf.source_id, sp.source_id, null, to_char(f.start_date, 'YYYY-MM-DD'), f.funder::text
      from funders f
      join import_source_ids sf on sf.hud_file = 'Funder' and sf.hearth_id = f.funder_id
      join import_source_ids sp on sp.hud_file = 'Project' and sp.hearth_id = f.project_id
    order by 1, 2`.execute(site.db);
  return rows;
}

const countsOf = (rows: Record<string, unknown>[]) => {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.what as string] = (counts[row.what as string] ?? 0) + 1;
  return counts;
};

const fileCounts = (report: ImportReport) => Object.fromEntries(report.files.filter((f) => f.rowsRead > 0).map((f) => [f.file, [f.rowsRead, f.rowsImported, f.errors]]));

describe('HUD CSV import: the Open Path fixture sets', () => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    t = await startTestApp({ sites: ['training', 'live'] });
    dir = tempFolder('import-fixtures');
  });
  after(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the FY2026 and FY2024 enrollment sets give the same clients, enrollments, exits, services and occurrences', async () => {
    const fy2026 = await t.sites.live.hudImports.import(await zipFixture(FY2026_ENROLLMENT, dir), { dryRun: false, actor: ACTOR });
    const fy2024 = await t.sites.training.hudImports.import(await zipFixture(FY2024_ENROLLMENT, dir), { dryRun: false, actor: ACTOR });
    const rows2026 = await written(t.sites.live);
    const rows2024 = await written(t.sites.training);
    // The set's CurrentLivingSituation, Assessment* and Event rows name enrollments it does not hold: skipped. Two of its
    // bed nights are on the same night of the same stay, which Hearth keeps once.
    assert.deepEqual(countsOf(rows2026), { client: 3, enrollment: 4, exit: 1, funder: 1, service: 17 });
    assert.deepEqual(rows2024, rows2026);
    assert.deepEqual(fileCounts(fy2026.report), {
      Export: [1, 1, 0], Organization: [1, 1, 0], User: [4, 4, 0], Project: [1, 1, 0], Funder: [1, 1, 0], ProjectCoC: [1, 1, 0],
      HMISParticipation: [1, 1, 0], Client: [3, 3, 0], Enrollment: [4, 4, 0], Exit: [1, 1, 0], Services: [18, 17, 1],
      CurrentLivingSituation: [3, 0, 6], Assessment: [2, 0, 4], AssessmentQuestions: [4, 0, 12], AssessmentResults: [2, 0, 6], Event: [2, 0, 4],
      YouthEducationStatus: [3, 0, 0],
    });
    assert.deepEqual(fileCounts(fy2024.report), fileCounts(fy2026.report));
  });

  it('a household keeps its members together under one Hearth HouseholdID', async () => {
    const { rows } = await sql<{ households: number; sources: number }>`
      select count(distinct e.household_id)::int as households,
             (select count(*)::int from import_source_ids where hud_file = 'Household') as sources
      from enrollments e`.execute(t.sites.live.db);
    assert.equal(rows[0]!.households, rows[0]!.sources);
  });

  it('importing the same set again updates every record and adds none', async () => {
    const before = countsOf(await written(t.sites.live));
    const ids = await t.sites.live.db.selectFrom('import_source_ids').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    await t.sites.live.hudImports.import(await zipFixture(FY2026_ENROLLMENT, dir), { dryRun: false, actor: ACTOR });
    assert.deepEqual(countsOf(await written(t.sites.live)), before);
    const again = await t.sites.live.db.selectFrom('import_source_ids').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(again.n), Number(ids.n));
  });

  it('a Services row with DateDeleted deletes its bed night', async () => {
    const set = await zipFixture(FY2026_ENROLLMENT, dir, (name, text) => {
      if (name !== 'Services.csv') return text;
      const [header, first, ...rest] = text.split('\n');
      const cells = first!.split(',');
      cells[cells.length - 2] = '2017-10-01 10:00:00';
      return [header, cells.join(','), ...rest].join('\n');
    });
    await t.sites.live.hudImports.import(set, { dryRun: false, actor: ACTOR });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from services where date_deleted is not null`.execute(t.sites.live.db);
    assert.equal(rows[0]!.n, 1);
  });
});

/** File → [rows read, rows imported, errors] of the validation set. */
const VALIDATION_COUNTS = {
  Export: [1, 1, 0], Organization: [4, 2, 2], User: [4, 2, 2], Project: [6, 4, 4], Funder: [4, 1, 4], ProjectCoC: [4, 1, 4], Inventory: [4, 1, 4],
  Affiliation: [4, 0, 6], HMISParticipation: [4, 1, 3], Client: [5, 3, 2], Enrollment: [8, 3, 8], Exit: [8, 3, 9], IncomeBenefits: [4, 0, 6],
  HealthAndDV: [4, 1, 5], EmploymentEducation: [4, 0, 5], Disabilities: [4, 0, 6], Services: [4, 1, 5], CurrentLivingSituation: [4, 1, 5],
  Assessment: [4, 1, 4], AssessmentQuestions: [4, 1, 5], AssessmentResults: [4, 1, 5], Event: [4, 0, 6],
};

describe('HUD CSV import: the validation set', () => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    dir = tempFolder('import-validation');
  });
  after(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('skips the rows that must not land, reports them with row, column and rule, and writes the rest', async () => {
    const result = await t.sites.live.hudImports.import(await zipFixture(FY2026_VALIDATION, dir), { dryRun: false, actor: ACTOR });
    assert.equal(result.written, true);
    const counts = fileCounts(result.report);
    const rows = countsOf(await written(t.sites.live));
    assert.equal(rows.client, counts.Client![1]);
    assert.equal(rows.enrollment, counts.Enrollment![1]);
    assert.equal(rows.exit ?? 0, counts.Exit![1]);
    assert.ok(counts.Enrollment![2]! > 0 && counts.Enrollment![1]! < counts.Enrollment![0]!, 'some enrollments are skipped');
    for (const file of result.report.files) {
      for (const issue of file.issues.filter((i) => i.severity === 'error')) {
        assert.ok(issue.rule && issue.message, `${file.file}: an error names its rule`);
      }
    }
    assert.deepEqual(counts, VALIDATION_COUNTS);
    // Its agency "VALID" is a victim service provider: imported as HUD's checker and Open Path import it, and named.
    const organizations = result.report.files.find((f) => f.file === 'Organization')!;
    const vsp = organizations.issues.filter((i) => i.rule === 'victim-service-provider');
    assert.deepEqual(vsp.map((i) => [i.severity, i.message.startsWith('VALID (OrganizationID VALID) is a victim service provider')]), [['warning', true]]);
  });
});
