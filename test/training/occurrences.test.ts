import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { addDays } from '../../src/hud/calendar-days.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const ACTOR = { userId: null, username: 'trainer', ip: null };
const TODAY = '2026-11-27'; // the FakeClock's day in America/New_York

interface Stay {
  enrollment_id: string;
  project_type: number | null;
  relationship_to_hoh: number;
  entry_date: string;
  exit_date: string | null;
  age: number | null;
}

/**
 * Issue 12 item 8 and issue 11 finding 13: the Training data's occurrence records follow HUD's rules. Every
 * night-by-night shelter stay has bed nights (one on its entry date, none on or after its exit date, whose eve is
 * the last night); outreach and coordinated entry contacts are with heads of household and adults, within the stay;
 * dates of engagement where the project collects 4.13, within the stay.
 */
describe('Training data: bed nights and contacts', () => {
  let t: TestApp;
  let stays: Map<string, Stay>;
  let nights: { enrollment_id: string; night: string; record_type: number; type_provided: number }[];
  let contacts: { enrollment_id: string; day: string }[];
  let ceRecords: { enrollment_id: string; day: string; result_day: string | null }[];
  let engagements: { enrollment_id: string; day: string }[];

  before(async () => {
    t = await startTestApp({ sites: ['training'] });
    const site = t.sites.training;
    await site.training.reset(ACTOR);
    const db = site.db;
    const rows = await sql<Stay>`
      select e.enrollment_id, p.project_type, e.relationship_to_hoh, to_char(e.entry_date, 'YYYY-MM-DD') as entry_date,
             to_char(x.exit_date, 'YYYY-MM-DD') as exit_date,
             case when c.dob is null then null else date_part('year', age(e.entry_date, c.dob))::int end as age
        from enrollments e join projects p using (project_id) join clients c on c.personal_id = e.personal_id
        left join exits x on x.enrollment_id = e.enrollment_id and x.date_deleted is null`.execute(db);
    stays = new Map(rows.rows.map((r) => [r.enrollment_id, r]));
    nights = (
      await sql<{ enrollment_id: string; night: string; record_type: number; type_provided: number }>`
        select enrollment_id, to_char(date_provided, 'YYYY-MM-DD') as night, record_type, type_provided from services`.execute(db)
    ).rows;
    contacts = (await sql<{ enrollment_id: string; day: string }>`select enrollment_id, to_char(information_date, 'YYYY-MM-DD') as day from current_living_situations`.execute(db)).rows;
    ceRecords = (
      await sql<{ enrollment_id: string; day: string; result_day: string | null }>`
        select enrollment_id, to_char(assessment_date, 'YYYY-MM-DD') as day, null as result_day from assessments
        union all select enrollment_id, to_char(event_date, 'YYYY-MM-DD'), to_char(result_date, 'YYYY-MM-DD') from events`.execute(db)
    ).rows;
    engagements = (
      await sql<{ enrollment_id: string; day: string }>`
        select enrollment_id, to_char(date_of_engagement, 'YYYY-MM-DD') as day from enrollments where date_of_engagement is not null`.execute(db)
    ).rows;
  });
  after(() => t.close());

  test('every night-by-night shelter stay has at least one bed night, on its entry date (Training check)', () => {
    const nbn = [...stays.values()].filter((s) => s.project_type === 1);
    assert.ok(nbn.length > 20, `night-by-night stays: ${nbn.length}`);
    const byStay = new Map<string, Set<string>>();
    for (const n of nights) (byStay.get(n.enrollment_id) ?? byStay.set(n.enrollment_id, new Set()).get(n.enrollment_id)!).add(n.night);
    const without = nbn.filter((s) => !(byStay.get(s.enrollment_id)?.has(s.entry_date) ?? false));
    assert.deepEqual(without.map((s) => [s.entry_date, s.exit_date]), [], 'stays without a bed night on their entry date');
    for (const s of nbn) {
      if (s.exit_date === null) continue;
      const last = [...byStay.get(s.enrollment_id)!].sort().at(-1)!;
      assert.equal(addDays(last, 1), s.exit_date, 'the exit date is the day after the last bed night');
    }
  });

  test('bed nights are HUD Services rows of night-by-night stays, within the stay, never after today', () => {
    assert.ok(nights.length > 500, `bed nights: ${nights.length}`);
    for (const n of nights) {
      const stay = stays.get(n.enrollment_id)!;
      assert.equal(stay.project_type, 1);
      assert.deepEqual([n.record_type, n.type_provided], [200, 200]);
      assert.ok(n.night >= stay.entry_date && (stay.exit_date === null || n.night < stay.exit_date) && n.night <= TODAY, `${n.night} in ${stay.entry_date}–${stay.exit_date}`);
    }
  });

  test('contacts are with heads of household and adults of outreach and coordinated entry stays, within the stay', () => {
    assert.ok(contacts.length > 50, `contacts: ${contacts.length}`);
    for (const c of contacts) {
      const stay = stays.get(c.enrollment_id)!;
      assert.ok(stay.project_type === 4 || stay.project_type === 14, String(stay.project_type));
      assert.ok(stay.relationship_to_hoh === 1 || stay.age === null || stay.age >= 18, 'head or adult');
      assert.ok(c.day >= stay.entry_date && (stay.exit_date === null || c.day <= stay.exit_date) && c.day <= TODAY);
    }
  });

  test('coordinated entry assessments and events are the head of household’s, in coordinated entry stays, within the stay', () => {
    assert.ok(ceRecords.length > 20, `assessments and events: ${ceRecords.length}`);
    for (const r of ceRecords) {
      const stay = stays.get(r.enrollment_id)!;
      assert.equal(stay.project_type, 14);
      assert.equal(stay.relationship_to_hoh, 1);
      assert.ok(r.day >= stay.entry_date && (stay.exit_date === null || r.day <= stay.exit_date) && r.day <= TODAY);
      assert.ok(r.result_day === null || (r.result_day >= r.day && r.result_day <= TODAY));
    }
  });

  test('4.13 dates of engagement: heads of household and adults of outreach, night-by-night shelter and services-only stays, within the stay, on the first contact where there are contacts', () => {
    assert.ok(engagements.length > 20, `dates of engagement: ${engagements.length}`);
    const firstContact = new Map<string, string>();
    for (const c of contacts) if (!firstContact.has(c.enrollment_id) || c.day < firstContact.get(c.enrollment_id)!) firstContact.set(c.enrollment_id, c.day);
    const types = new Set<number | null>();
    for (const e of engagements) {
      const stay = stays.get(e.enrollment_id)!;
      types.add(stay.project_type);
      assert.ok([1, 4, 6, 14].includes(stay.project_type!), `project type ${stay.project_type}`);
      assert.ok(stay.relationship_to_hoh === 1 || stay.age === null || stay.age >= 18, 'head or adult');
      assert.ok(e.day >= stay.entry_date && (stay.exit_date === null || e.day <= stay.exit_date) && e.day <= TODAY, `${e.day} in ${stay.entry_date}–${stay.exit_date}`);
      if (firstContact.has(e.enrollment_id)) assert.equal(e.day, firstContact.get(e.enrollment_id), 'on the first contact');
    }
    assert.ok(types.has(4) && types.has(1), `engaged in project types ${[...types].join(', ')}`);
  });
});
