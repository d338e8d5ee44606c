import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely, type Selectable } from 'kysely';
import { SYSTEM_ACTOR } from '../../src/audit/audit-log.js';
import { validateClientInput } from '../../src/clients/client-fields.js';
import { ClientsRepository } from '../../src/clients/clients.repository.js';
import { clientToInput } from '../../src/clients/clients.service.js';
import { editDistance, nicknameVariants } from '../../src/clients/name-matching.js';
import { isValidSsn } from '../../src/clients/ssn.js';
import type { ClientsTable, Database, EnrollmentsTable } from '../../src/db/schema.js';
import { validateExit, validateMemberEntry, type FieldErrors } from '../../src/enrollments/enrollment-fields.js';
import { ForbiddenError } from '../../src/errors.js';
import { DESTINATIONS, PRIOR_LIVING_SITUATIONS } from '../../src/hud/enrollment-code-lists.js';
import { housingTypeRequired } from '../../src/projects/projects.service.js';
import { organizationIdOf } from '../../src/training/catalogue.js';
import { generateTrainingData } from '../../src/training/training-data.js';
import type { TrainingResetSummary } from '../../src/training/training.service.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const ACTOR = { userId: null, username: 'trainer', ip: '10.0.0.7' };
const TODAY = '2026-11-27'; // the FakeClock's day in America/New_York

/** A stored client, the date of birth as text. */
type ClientRow = Selectable<ClientsTable> & { dob: string | null };
/** A generated enrollment: the stored row without the columns the generator leaves to their defaults. */
type Enrollment = Omit<Selectable<EnrollmentsTable>, 'enrollment_coc' | 'date_created' | 'date_updated' | 'user_id' | 'date_deleted'>;
interface Exit {
  exit_id: string;
  enrollment_id: string;
  personal_id: string;
  exit_date: string;
  destination: number;
  destination_subsidy_type: number | null;
  other_destination: string | null;
}
interface Project {
  project_id: string;
  organization_id: string;
  project_type: number | null;
  rrh_sub_type: number | null;
  housing_type: number | null;
  continuum_project: number;
  start: string;
  end: string | null;
}

interface Stored {
  clients: ClientRow[];
  enrollments: Enrollment[];
  exits: Exit[];
  projects: Project[];
  organizations: { organization_id: string; organization_name: string }[];
}

/** Everything generated, dates as text (as the repositories read them). */
async function stored(db: Kysely<Database>): Promise<Stored> {
  const { rows: clients } = await sql<ClientRow>`select *, to_char(dob, 'YYYY-MM-DD') as dob from clients order by personal_id`.execute(db);
  const { rows: enrollments } = await sql<Enrollment>`
    select *, to_char(entry_date, 'YYYY-MM-DD') as entry_date, to_char(date_to_street_essh, 'YYYY-MM-DD') as date_to_street_essh,
           to_char(move_in_date, 'YYYY-MM-DD') as move_in_date
      from enrollments order by enrollment_id`.execute(db);
  const { rows: exits } = await sql<Exit>`select *, to_char(exit_date, 'YYYY-MM-DD') as exit_date from exits order by exit_id`.execute(db);
  const { rows: projects } = await sql<Project>`
    select *, to_char(operating_start_date, 'YYYY-MM-DD') as start, to_char(operating_end_date, 'YYYY-MM-DD') as end
      from projects order by project_id`.execute(db);
  const { rows: organizations } = await sql<{ organization_id: string; organization_name: string }>`
    select organization_id, organization_name from organizations order by organization_id`.execute(db);
  return { clients, enrollments, exits, projects, organizations };
}

/** An md5 of every generated table's rows, to compare two resets. */
async function fingerprint(db: Kysely<Database>): Promise<string> {
  const parts: string[] = [];
  for (const table of ['organizations', 'projects', 'clients', 'enrollments', 'exits'] as const) {
    const { rows } = await sql<{ part: string }>`
      select count(*)::text || ' ' || md5(coalesce(string_agg(to_jsonb(t)::text, '|' order by to_jsonb(t)::text), '')) as part
        from ${sql.table(table)} t`.execute(db);
    parts.push(`${table} ${rows[0]!.part}`);
  }
  return parts.join('\n');
}

async function count(db: Kysely<Database>, table: 'clients' | 'organizations' | 'user_organizations' | 'audit_log' | 'users'): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0]!.n);
}

function ageOn(dob: string, day: string): number {
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const text = (value: number | string | null) => (value === null ? '' : String(value));

describe('hearth training reset: what it generates, keeps and refuses', () => {
  let t: TestApp;
  let first: TrainingResetSummary;
  let firstPrint: string;
  let data: Stored;
  let keptUserId: number;
  let movedUserId: number;

  before(async () => {
    t = await startTestApp({ sites: ['training', 'live'] });
    const site = t.sites.training;
    // Before any reset: trainees' own agency and client, and two users.
    await site.projects.createOrganization({ name: 'Trainee Agency', commonName: '', victimServiceProvider: '0' }, ACTOR);
    keptUserId = (await t.createUser('training', { firstName: 'Kept', lastName: 'Member' })).user.id;
    movedUserId = (await t.createUser('training', { firstName: 'Moved', lastName: 'Member', role: 'agency_manager' })).user.id;
    first = await site.training.reset(ACTOR);
    firstPrint = await fingerprint(site.db);
    data = await stored(site.db);
  });
  after(() => t.close());

  test('about 2,000 clients, 6 agencies, 15 projects, households, enrollments and exits', () => {
    assert.equal(first.clients, 2000);
    assert.equal(first.agencies, 6);
    assert.equal(first.projects, 15);
    assert.ok(first.households > 1000 && first.households < 1600, `households: ${first.households}`);
    assert.ok(first.enrollments > 2500, `enrollments: ${first.enrollments}`);
    assert.ok(first.exits > 2000 && first.currentEnrollments > 150, `exits ${first.exits}, current ${first.currentEnrollments}`);
    assert.equal(first.enrollments, first.exits + first.currentEnrollments);
    assert.ok(first.nearDuplicates >= 20, `near-duplicates: ${first.nearDuplicates}`);
    assert.deepEqual(
      [data.clients.length, data.organizations.length, data.projects.length, data.enrollments.length, data.exits.length],
      [first.clients, first.agencies, first.projects, first.enrollments, first.exits],
    );
  });

  test('fictitious agencies; projects of every kind HUD knows, some ended (old project data), housing type where HUD requires it', () => {
    assert.deepEqual(data.organizations.map((o) => o.organization_name).sort(), [
      'Bramblewood Community Services',
      'Copperleaf Supportive Housing',
      'Driftwood Street Outreach Collective',
      'Fernbrook Shelter Network',
      'Kestrel Valley Housing Alliance',
      'Tallgrass Coordinated Entry Hub',
    ]);
    const kinds = new Set(data.projects.map((p) => `${p.project_type}${p.rrh_sub_type ? `/${p.rrh_sub_type}` : ''}`));
    for (const kind of ['0', '1', '2', '3', '4', '6', '8', '12', '13/1', '13/2', '14']) assert.ok(kinds.has(kind), `a project of type ${kind}`);
    const ended = data.projects.filter((p) => p.end !== null && p.end < TODAY);
    assert.ok(ended.length >= 2, 'some projects have ended');
    for (const p of data.projects) {
      const required = housingTypeRequired(p.project_type as never, p.rrh_sub_type as never);
      assert.equal(p.housing_type !== null, required, `housing type of a type ${p.project_type} project`);
      assert.ok(p.start <= TODAY);
    }
    // Every project has people in it, the ended ones included.
    const used = new Set(data.enrollments.map((e) => e.project_id));
    for (const p of data.projects) assert.ok(used.has(p.project_id), `enrollments in ${p.project_id}`);
  });

  test('universal data elements: realistic, with some partial or missing data; SSNs can never be real ones', async () => {
    const byQuality = (column: 'name_data_quality' | 'ssn_data_quality' | 'dob_data_quality', code: number) => data.clients.filter((c) => c[column] === code).length;
    for (const column of ['name_data_quality', 'ssn_data_quality', 'dob_data_quality'] as const) {
      assert.ok(byQuality(column, 1) > 1400, `${column} mostly complete`);
      assert.ok(byQuality(column, 2) > 10, `${column} sometimes partial`);
      assert.ok(byQuality(column, 8) + byQuality(column, 9) + byQuality(column, 99) > 10, `${column} sometimes missing`);
    }
    for (const c of data.clients) {
      if (c.ssn === null) continue;
      assert.equal(isValidSsn(c.ssn), false, `${c.ssn} looks issued`);
      if (/^[0-9]{9}$/.test(c.ssn)) assert.match(c.ssn, /^9/, 'a full SSN is in the never-issued 9xx area');
    }
    assert.ok(data.clients.some((c) => c.ssn?.includes('x')), 'some SSNs have unknown digits');
    const ages = data.clients.filter((c) => c.dob).map((c) => ageOn(c.dob!, TODAY));
    assert.ok(ages.filter((a) => a < 18).length > 300, 'children');
    assert.ok(ages.filter((a) => a >= 18).length > 1000, 'adults');
    assert.ok(ages.every((a) => a >= 0 && a < 100));
    assert.ok(data.clients.some((c) => c.race_none !== null), 'some have no race recorded, with a reason');
    assert.ok(data.clients.filter((c) => c.asian + c.black_af_american + c.white + c.hispanic_latinao > 1).length > 20, 'multiracial clients');
    assert.ok(data.clients.some((c) => c.veteran_status === 1), 'veterans');
    assert.ok(new Set(data.clients.map((c) => c.sex)).size >= 4, 'sex, with reasons for missing data');
    assert.ok(data.clients.some((c) => /[^\x00-\x7f]/.test(`${c.first_name}${c.last_name}`)), 'names with accents');
    // What the client form would save: every profile opens and saves again unchanged.
    const profiles = await new ClientsRepository(t.sites.training.db).findByPersonalIds(data.clients.map((c) => c.personal_id));
    assert.equal(profiles.length, data.clients.length);
    for (const client of profiles) validateClientInput(clientToInput(client), TODAY);
  });

  test('households: exactly one head, members together, newborns join on or after the head’s entry, the head never leaves alone', () => {
    const households = new Map<string, Enrollment[]>();
    for (const e of data.enrollments) households.set(e.household_id, [...(households.get(e.household_id) ?? []), e]);
    assert.equal(households.size, new Set(data.enrollments.map((e) => e.household_id)).size);
    const exitOf = new Map(data.exits.map((x) => [x.enrollment_id, x]));
    let families = 0;
    let newborns = 0;
    for (const [id, members] of households) {
      const heads = members.filter((m) => m.relationship_to_hoh === 1);
      assert.equal(heads.length, 1, `household ${id} has ${heads.length} heads`);
      const head = heads[0]!;
      assert.equal(new Set(members.map((m) => m.personal_id)).size, members.length, 'nobody twice in a household');
      assert.equal(new Set(members.map((m) => m.project_id)).size, 1, 'one project per household stay');
      if (members.some((m) => m.relationship_to_hoh === 2)) families += 1;
      const headExit = exitOf.get(head.enrollment_id);
      for (const m of members) {
        assert.ok(m.entry_date >= head.entry_date, 'members enter with or after the head');
        if (m.entry_date > head.entry_date) newborns += 1;
        assert.ok([1, 2, 3, 4, 5].includes(m.relationship_to_hoh));
        const exit = exitOf.get(m.enrollment_id);
        if (headExit) assert.ok(exit && exit.exit_date <= headExit.exit_date, `household ${id}: the head left while a member stayed`);
      }
    }
    assert.ok(families > 200, `households with children: ${families}`);
    assert.ok(newborns > 0, 'a newborn joined a household');
    assert.ok([...households.values()].some((m) => m.some((e) => e.relationship_to_hoh === 3)), 'couples');
  });

  test('stays: within the project’s operating dates, never in the future, exits after entries, no overlapping stays of one client in a project', () => {
    const projects = new Map(data.projects.map((p) => [p.project_id, p]));
    const clients = new Map(data.clients.map((c) => [c.personal_id, c]));
    const exitOf = new Map<string, Exit>();
    for (const x of data.exits) {
      assert.ok(!exitOf.has(x.enrollment_id), 'one exit per enrollment');
      exitOf.set(x.enrollment_id, x);
    }
    const stays = new Map<string, { entry: string; exit: string }[]>();
    for (const e of data.enrollments) {
      const project = projects.get(e.project_id)!;
      const exit = exitOf.get(e.enrollment_id);
      assert.ok(e.entry_date <= TODAY, 'entry not in the future');
      assert.ok(e.entry_date >= project.start, 'entry not before the project started');
      if (project.end) assert.ok(e.entry_date <= project.end && exit && exit.exit_date <= project.end, 'stays in an ended project ended with it');
      if (exit) {
        assert.equal(exit.personal_id, e.personal_id);
        assert.ok(exit.exit_date >= e.entry_date && exit.exit_date <= TODAY, `exit ${exit.exit_date} after entry ${e.entry_date}, not in the future`);
      }
      const dob = clients.get(e.personal_id)!.dob;
      if (dob) assert.ok(dob <= e.entry_date, 'nobody enters before being born');
      if (e.move_in_date) assert.ok(e.move_in_date >= e.entry_date && (!exit || e.move_in_date <= exit.exit_date));
      const key = `${e.personal_id} ${e.project_id}`;
      const stay = { entry: e.entry_date, exit: exit?.exit_date ?? '9999-12-31' };
      for (const other of stays.get(key) ?? []) {
        assert.ok(stay.entry > other.exit || other.entry > stay.exit, `${key}: overlapping stays`);
      }
      stays.set(key, [...(stays.get(key) ?? []), stay]);
    }
    assert.ok([...stays.values()].some((s) => s.length > 1), 'some clients came back to the same project');
  });

  test('entry and exit data pass the enrollment rules (3.917 dependencies, 3.12 destinations) exactly as the enrollment forms check them', () => {
    const projects = new Map(data.projects.map((p) => [p.project_id, p]));
    const clients = new Map(data.clients.map((c) => [c.personal_id, c]));
    const entries = new Map(data.enrollments.map((e) => [e.enrollment_id, e]));
    const seen = { homeless: 0, institutionalShort: 0, previousStreet: 0, subsidy: 0, childWithout: 0 };
    for (const e of data.enrollments) {
      const errors: FieldErrors = {};
      const dob = clients.get(e.personal_id)!.dob;
      const fields = validateMemberEntry(
        {
          relationshipToHoH: text(e.relationship_to_hoh),
          disablingCondition: text(e.disabling_condition),
          livingSituation: text(e.living_situation),
          rentalSubsidyType: text(e.rental_subsidy_type),
          lengthOfStay: text(e.length_of_stay),
          previousStreetEssh: text(e.previous_street_essh),
          dateToStreetEssh: text(e.date_to_street_essh),
          timesHomelessPastThreeYears: text(e.times_homeless_past_three_years),
          monthsHomelessPastThreeYears: text(e.months_homeless_past_three_years),
        },
        { prefix: '', who: '', entryDate: e.entry_date, projectType: projects.get(e.project_id)!.project_type, dob },
        errors,
      );
      assert.ok(fields, `enrollment ${e.enrollment_id}: ${JSON.stringify(errors)}`);
      assert.equal(e.los_under_threshold, fields.losUnderThreshold, 'LOSUnderThreshold as HUD computes it');
      // The same dependencies, stated independently of the form code.
      if (e.living_situation !== null) assert.ok(PRIOR_LIVING_SITUATIONS.includes(e.living_situation));
      assert.equal(e.rental_subsidy_type !== null, e.living_situation === 435);
      if (e.previous_street_essh !== null) assert.equal(e.los_under_threshold, 1);
      if (e.date_to_street_essh) assert.ok(e.date_to_street_essh <= e.entry_date);
      const adult = e.relationship_to_hoh === 1 || dob === null || ageOn(dob, e.entry_date) >= 18;
      if (adult) assert.notEqual(e.living_situation, null, 'adults and heads have a prior living situation');
      if (!adult && e.living_situation === null) seen.childWithout += 1;
      if ([116, 101, 118].includes(e.living_situation ?? 0)) seen.homeless += 1;
      if (e.los_under_threshold === 1 && e.living_situation! < 300) seen.institutionalShort += 1;
      if (e.previous_street_essh === 1) seen.previousStreet += 1;
      if (e.rental_subsidy_type !== null) seen.subsidy += 1;
    }
    for (const [what, n] of Object.entries(seen)) assert.ok(n > 5, `${what}: ${n}`);
    const destinations = new Set<number>();
    const projectEnds = new Map(data.projects.map((p) => [p.project_id, p.end as string | null]));
    for (const x of data.exits) {
      const errors: FieldErrors = {};
      const fields = validateExit(
        { exitDate: x.exit_date, destination: text(x.destination), destinationSubsidyType: text(x.destination_subsidy_type), otherDestination: text(x.other_destination) },
        { entryDate: entries.get(x.enrollment_id)!.entry_date, today: TODAY, operatingEndDate: projectEnds.get(entries.get(x.enrollment_id)!.project_id) ?? null },
        errors,
      );
      assert.ok(fields, `exit ${x.exit_id}: ${JSON.stringify(errors)}`);
      assert.ok(DESTINATIONS.includes(x.destination));
      destinations.add(x.destination);
    }
    for (const d of [410, 435, 101, 116, 312, 30, 17]) assert.ok(destinations.has(d), `destination ${d}`);
  });

  test('near-duplicates: a second record with a typo, a nickname or no accents, and the same date of birth', () => {
    const named = data.clients.filter((c) => c.first_name_norm && c.last_name_norm && c.dob);
    const byDob = new Map<string, ClientRow[]>();
    for (const c of named) byDob.set(c.dob!, [...(byDob.get(c.dob!) ?? []), c]);
    let pairs = 0;
    for (const group of byDob.values()) {
      for (const [i, a] of group.entries()) {
        for (const b of group.slice(i + 1)) {
          const first = a.first_name_norm === b.first_name_norm || nicknameVariants(a.first_name_norm).includes(b.first_name_norm) || editDistance(a.first_name_norm, b.first_name_norm) <= 1;
          const last = editDistance(a.last_name_norm, b.last_name_norm) <= 1;
          if (first && last && `${a.first_name}${a.last_name}` !== `${b.first_name}${b.last_name}`) pairs += 1;
        }
      }
    }
    assert.ok(pairs >= 20, `near-duplicate pairs: ${pairs}`);
  });

  test('the same seed gives the same data: twice in a row, and from the generator alone', async () => {
    const site = t.sites.training;
    const a = generateTrainingData({ today: TODAY, now: t.clock.now(), clients: 300 });
    const b = generateTrainingData({ today: TODAY, now: t.clock.now(), clients: 300 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(generateTrainingData({ today: TODAY, now: t.clock.now(), clients: 300, seed: 7 }).clients, a.clients);

    // Trainees practise: a new client and an agency of their own; then the data is refilled.
    const created = await site.clients.create(
      { firstName: 'Trainee', middleName: '', lastName: 'Practice', nameSuffix: '', nameDataQuality: '1', ssn: '', ssnDataQuality: '99', dob: '', dobDataQuality: '99', races: ['white'], raceNone: '', additionalRaceEthnicity: '', sex: '0', veteranStatus: '0' },
      ACTOR,
    );
    assert.equal(created.status, 'created');
    await site.projects.createOrganization({ name: 'Practice Agency', commonName: '', victimServiceProvider: '0' }, ACTOR);
    assert.notEqual(await fingerprint(site.db), firstPrint);
    await site.training.reset(ACTOR);
    assert.equal(await fingerprint(site.db), firstPrint, 'the second reset wrote exactly what the first did');
  });

  test('users are kept, with their memberships of generated agencies; memberships of agencies that are gone are removed', async () => {
    const site = t.sites.training;
    const users = await count(site.db, 'users');
    const practice = await site.projects.createOrganization({ name: 'Short-lived Agency', commonName: '', victimServiceProvider: '0' }, ACTOR);
    const generated = [organizationIdOf('fernbrook'), organizationIdOf('tallgrass')].sort();
    assert.ok(generated.every((id) => data.organizations.some((o) => o.organization_id === id)));
    await site.access.setOrganizations({ id: keptUserId, username: 'kept' }, generated, SYSTEM_ACTOR);
    await site.access.setOrganizations({ id: movedUserId, username: 'moved' }, [generated[0]!, practice.organizationId], SYSTEM_ACTOR);
    const auditRows = await count(site.db, 'audit_log');

    const summary = await site.training.reset(ACTOR);
    assert.equal(summary.usersKept, users);
    assert.equal(summary.membershipsRemoved, 1);
    assert.equal(summary.membershipsKept, 3);
    assert.equal(await count(site.db, 'users'), users);
    assert.deepEqual(await site.access.organizationIdsOf(keptUserId), generated);
    assert.deepEqual(await site.access.organizationIdsOf(movedUserId), [generated[0]]);
    assert.ok(!(await stored(site.db)).organizations.some((o) => o.organization_id === practice.organizationId), 'the practice agency is gone');

    // The audit log only grows; the reset is recorded with its counts and who ran it.
    assert.equal(await count(site.db, 'audit_log'), auditRows + 1);
    const [entry] = await site.audit.list(site.db, { event: 'training.reset', limit: 1 });
    assert.equal(entry?.actorUsername, 'trainer');
    assert.equal(entry?.ip, '10.0.0.7');
    assert.equal(entry?.details.clients, 2000);
    assert.equal(entry?.details.membershipsRemoved, 1);
  });

  test('dates follow the clock: a year later the same people, with histories up to the new today', async () => {
    const site = t.sites.training;
    t.clock.advanceDays(365);
    try {
      const later = '2027-11-27';
      await site.training.reset(ACTOR);
      const again = await stored(site.db);
      const names = (s: Stored) => s.clients.map((c) => `${c.personal_id} ${c.first_name} ${c.last_name} ${c.ssn}`);
      assert.deepEqual(names(again), names(data), 'the same people');
      assert.ok(again.enrollments.every((e) => e.entry_date <= later));
      assert.ok(again.exits.every((x) => x.exit_date <= later));
      const latestEntry = again.enrollments.map((e) => e.entry_date).sort().at(-1)!;
      assert.ok(latestEntry > '2027-10-01', `the latest entry: ${latestEntry}`);
      assert.ok(again.enrollments.every((e) => e.entry_date >= '2023-01-01'), 'histories reach back about four years');
    } finally {
      t.clock.advanceDays(-365);
    }
  });

  test('the Live site refuses, whoever asks, and writes nothing', async () => {
    const live = t.sites.live;
    const before = await count(live.db, 'audit_log');
    await assert.rejects(live.training.reset(SYSTEM_ACTOR), (error: unknown) => error instanceof ForbiddenError && /Live site never holds generated data/.test(error.message));
    assert.equal(await count(live.db, 'clients'), 0);
    assert.equal(await count(live.db, 'organizations'), 0);
    assert.equal(await count(live.db, 'audit_log'), before);
  });
});
