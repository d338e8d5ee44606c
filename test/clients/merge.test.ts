import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Client } from '../../src/clients/clients.model.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf } from '../helpers/client.js';
import { signedInUser, type SignedInUser } from '../helpers/users.js';
import { createClient, insertEnrollment, insertProject, tableRows } from './fixtures.js';

describe('merging two client records (administrators only)', () => {
  let t: TestApp;
  let admin: SignedInUser;
  let caseManager: SignedInUser;
  let agencyManager: SignedInUser;
  /** Created first (the earlier creation date), merged away. */
  let older: Client;
  /** Created a day later, kept. */
  let kept: Client;
  let projectId: string;
  let olderEnrollments: { enrollmentId: string; exitId: string | null }[];

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    older = await createClient(t, { firstName: 'Jon', lastName: 'Smith', ssn: '234-57-7890', dob: '03/15/1980', veteranStatus: '1' });
    t.clock.advanceDays(1);
    const project = await insertProject(t);
    projectId = project.projectId;
    admin = await signedInUser(t, { role: 'admin', firstName: 'Ada' });
    caseManager = await signedInUser(t, { role: 'case_manager', firstName: 'Casey', agencies: [project.organizationId] });
    agencyManager = await signedInUser(t, { role: 'agency_manager', firstName: 'Manon', agencies: [project.organizationId] });
    kept = await createClient(t, { firstName: 'John', lastName: 'Smith', ssn: '234-57-7890', dob: '03/15/1980' });
    olderEnrollments = [
      await insertEnrollment(t, { personalId: older.personalId, projectId, entryDate: '2025-01-10', exitDate: '2025-03-01' }),
      await insertEnrollment(t, { personalId: older.personalId, projectId, entryDate: '2026-06-01' }),
    ];
    await insertEnrollment(t, { personalId: kept.personalId, projectId, entryDate: '2024-05-05', exitDate: '2024-06-06' });
  });
  after(() => t.close());

  const mergePath = (c: Client, rest = '') => `/live/clients/${c.personalId}/merge${rest}`;

  test('case managers and agency managers get 403 on every merge route, and see no merge link', async () => {
    for (const user of [caseManager, agencyManager]) {
      const profile = await user.client.get(`/live/clients/${kept.personalId}`);
      assert.equal(profile.status, 200);
      assert.doesNotMatch(profile.body, /Merge with another record/);
      const refusals = [
        await user.client.get(mergePath(kept)),
        await user.client.get(mergePath(kept, `/compare?other=${older.personalId}`)),
        await user.client.post(mergePath(kept), { other: older.personalId, keep: kept.personalId, confirm: 'yes' }),
        // An unknown record answers 403 too: nothing about records is revealed before the right is checked.
        await user.client.get(`/live/clients/${'0'.repeat(32)}/merge`),
      ];
      for (const page of refusals) {
        assert.equal(page.status, 403, user.username);
        assert.match(textOf(page.body), /Only HMIS administrators can merge client records\./);
      }
    }
    const stillThere = await t.sites.live.db.selectFrom('clients').select(['personal_id', 'merged_into']).where('personal_id', '=', older.personalId).executeTakeFirstOrThrow();
    assert.equal(stillThere.merged_into, null);
  });

  test('the profile links administrators to the merge page, which lists likely duplicates and finds records', async () => {
    const profile = await admin.client.get(`/live/clients/${kept.personalId}`);
    assert.match(profile.body, new RegExp(`<a href="${mergePath(kept)}">Merge with another record</a>`));

    const choose = await admin.client.get(mergePath(kept));
    assert.equal(choose.status, 200);
    assert.match(textOf(choose.body), /Merge Smith, John with another record/);
    const duplicates = tableRows(/<section aria-labelledby="duplicates-heading">([\s\S]*?)<\/section>/.exec(choose.body)![1]!);
    assert.equal(duplicates.length, 1);
    assert.deepEqual(duplicates[0]!.slice(0, 5), ['Smith, Jon', '03/15/1980', '***-**-7890', 'SSN, date of birth', older.personalId]);
    assert.ok(choose.body.includes(`href="${mergePath(kept, `/compare?other=${older.personalId}`)}"`));
    assert.match(choose.body, /<label for="field-other">PersonalID of the other record<\/label>/);

    const searched = await admin.client.get(mergePath(kept, '?q=Smith'));
    assert.equal(searched.status, 200);
    const results = tableRows(/<section aria-labelledby="search-heading">([\s\S]*?)<\/section>/.exec(searched.body)![1]!);
    assert.deepEqual(results.map((r) => r[0]), ['Smith, Jon'], 'the record itself is left out');
    assert.match(searched.body, /<input id="field-merge-q" name="q" type="search" value="Smith"/);

    const badSearch = await admin.client.get(mergePath(kept, '?q=02%2F30%2F1980'));
    assert.equal(badSearch.status, 422);
    assert.match(textOf(badSearch.body), /is not a real date/);
  });

  test('a PersonalID that cannot be compared is a 422 with the reason on the field, what was typed kept', async () => {
    const cases: [string, RegExp][] = [
      ['', /Type the PersonalID of the other record, or choose one of the likely duplicates\./],
      ['not-a-personal-id', /A PersonalID is 32 characters: digits 0–9 and letters a–f\./],
      [kept.personalId, /This is the record you started from\. Choose a different record\./],
      [kept.personalId.toUpperCase(), /This is the record you started from\./],
      ['f'.repeat(32), /There is no client with this PersonalID/],
    ];
    for (const [other, message] of cases) {
      const page = await admin.client.get(mergePath(kept, `/compare?other=${encodeURIComponent(other)}`));
      assert.equal(page.status, 422, other);
      assert.match(textOf(page.body), message, other);
      assert.match(page.body, /<input id="field-other" name="other" type="text"[^>]*aria-invalid="true"/, other);
      if (other) assert.ok(page.body.includes(`value="${other}"`), `${other} is kept`);
    }
  });

  test('the comparison shows both records side by side, what differs, and their enrollments', async () => {
    const page = await admin.client.get(mergePath(kept, `/compare?other=${older.personalId}`));
    assert.equal(page.status, 200, textOf(page.body));
    const rows = Object.fromEntries(tableRows(page.body).map(([label, ...cells]) => [label, cells]));
    assert.deepEqual(rows['Name'], ['Smith, John', 'Smith, Jon', 'Differs']);
    assert.deepEqual(rows['SSN'], ['***-**-7890', '***-**-7890', 'Same']);
    assert.deepEqual(rows['Date of birth'], ['03/15/1980', '03/15/1980', 'Same']);
    assert.deepEqual(rows['Veteran status'], ['No', 'Yes', 'Differs']);
    assert.deepEqual(rows['Enrollments'], ['1', '2', 'Differs']);
    assert.deepEqual(rows['Exits'], ['1', '1', 'Same']);
    assert.deepEqual(rows['PersonalID'], [kept.personalId, older.personalId, '—']);
    assert.match(page.body, /<legend>Which record do you keep\?<\/legend>/);
    assert.match(page.body, new RegExp(`<input id="field-keep-${kept.personalId}" name="keep" type="radio" value="${kept.personalId}"/><label for="field-keep-${kept.personalId}">Keep this record: Smith, John`));
    assert.match(page.body, new RegExp(`<input id="field-keep-${older.personalId}" name="keep" type="radio" value="${older.personalId}"/><label for="field-keep-${older.personalId}">Keep the other record: Smith, Jon`));
    assert.match(page.body, /<input id="field-confirm" name="confirm" type="checkbox" value="yes"\/><label for="field-confirm">I have compared both records: they are the same person\. A merge cannot be undone\.<\/label>/);
    assert.ok(page.body.includes(`<input type="hidden" name="other" value="${older.personalId}"/>`));
  });

  test('without a choice or the confirmation nothing changes: 422, the choices kept', async () => {
    await admin.client.get(mergePath(kept, `/compare?other=${older.personalId}`));
    const none = await admin.client.post(mergePath(kept), { other: older.personalId });
    assert.equal(none.status, 422);
    const text = textOf(none.body);
    assert.match(text, /Please correct the highlighted fields\. Nothing was changed\./);
    assert.match(text, /Choose which record to keep\./);
    assert.match(text, /Tick the box to confirm that both records are the same person\./);
    assert.match(none.body, /<fieldset id="field-keep" class="choices has-error" aria-describedby="field-keep-hint field-keep-error">/);

    const unconfirmed = await admin.client.post(mergePath(kept), { other: older.personalId, keep: kept.personalId });
    assert.equal(unconfirmed.status, 422);
    assert.match(unconfirmed.body, new RegExp(`value="${kept.personalId}" checked/>`), 'the choice is kept');
    assert.doesNotMatch(textOf(unconfirmed.body), /Choose which record to keep\./);

    const stranger = await admin.client.post(mergePath(kept), { other: older.personalId, keep: 'e'.repeat(32), confirm: 'yes' });
    assert.equal(stranger.status, 422);
    assert.match(textOf(stranger.body), /Choose one of the two records\./);
    assert.match(stranger.body, /name="confirm" type="checkbox" value="yes" checked/);

    const rows = await t.sites.live.db.selectFrom('clients').select(['personal_id', 'date_deleted']).where('personal_id', 'in', [kept.personalId, older.personalId]).execute();
    assert.ok(rows.every((r) => r.date_deleted === null));
    const audit = await t.sites.live.db.selectFrom('audit_log').select('id').where('event', '=', 'client.merged').execute();
    assert.equal(audit.length, 0);
  });

  test('merging moves enrollments, exits and recent views, keeps the earliest creation date, and audits both records', async () => {
    // Recent views: the case manager opened both (the older one last); the agency manager only the older one.
    t.clock.advanceMinutes(1);
    await caseManager.client.get(`/live/clients/${kept.personalId}`);
    t.clock.advanceMinutes(1);
    await caseManager.client.get(`/live/clients/${older.personalId}`);
    const caseManagerLatest = t.clock.now();
    t.clock.advanceMinutes(1);
    await agencyManager.client.get(`/live/clients/${older.personalId}`);
    const agencyManagerLatest = t.clock.now();
    t.clock.advanceMinutes(1);

    await admin.client.get(mergePath(kept, `/compare?other=${older.personalId}`));
    const merged = await admin.client.post(mergePath(kept), { other: older.personalId, keep: kept.personalId, confirm: 'yes' });
    assert.equal(merged.status, 303, textOf(merged.body));
    assert.equal(merged.location, `/live/clients/${kept.personalId}?done=merged`);
    const profile = await admin.client.follow(merged);
    assert.match(textOf(profile.body), /The records were merged into this one\./);

    const db = t.sites.live.db;
    const enrollments = await db.selectFrom('enrollments').select(['enrollment_id', 'personal_id']).execute();
    assert.equal(enrollments.length, 3);
    assert.ok(enrollments.every((e) => e.personal_id === kept.personalId), 'every enrollment is on the kept record');
    const exits = await db.selectFrom('exits').select(['exit_id', 'personal_id']).execute();
    assert.equal(exits.length, 2);
    assert.ok(exits.every((e) => e.personal_id === kept.personalId));
    assert.ok(olderEnrollments.every((e) => enrollments.some((row) => row.enrollment_id === e.enrollmentId)));

    const rows = await db.selectFrom('clients').select(['personal_id', 'date_created', 'date_deleted', 'merged_into', 'user_id']).where('personal_id', 'in', [kept.personalId, older.personalId]).execute();
    const keptRow = rows.find((r) => r.personal_id === kept.personalId)!;
    const goneRow = rows.find((r) => r.personal_id === older.personalId)!;
    assert.equal(keptRow.date_created.toISOString(), older.dateCreated.toISOString(), 'the earlier creation date is kept');
    assert.ok(keptRow.date_created < kept.dateCreated);
    assert.equal(keptRow.date_deleted, null);
    assert.equal(keptRow.user_id, String(admin.user.id));
    assert.equal(goneRow.merged_into, kept.personalId);
    assert.equal(goneRow.date_deleted?.toISOString(), t.clock.now().toISOString());

    const views = await db.selectFrom('client_recent_views').selectAll().orderBy('user_id').execute();
    assert.ok(views.every((v) => v.personal_id === kept.personalId), 'no recent view points at the merged record');
    const viewOf = (userId: number) => views.filter((v) => v.user_id === userId);
    assert.equal(viewOf(caseManager.user.id).length, 1, 'one row per user and client');
    assert.equal(viewOf(caseManager.user.id)[0]!.viewed_at.toISOString(), caseManagerLatest.toISOString(), 'the later of the two openings');
    assert.equal(viewOf(agencyManager.user.id)[0]!.viewed_at.toISOString(), agencyManagerLatest.toISOString());

    const audit = await db.selectFrom('audit_log').selectAll().where('event', '=', 'client.merged').orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.client_personal_id).sort(), [kept.personalId, older.personalId].sort());
    for (const row of audit) {
      assert.equal(row.actor_user_id, admin.user.id);
      assert.equal(row.ip, '127.0.0.1');
      assert.deepEqual(row.details, { keptPersonalId: kept.personalId, mergedPersonalId: older.personalId, enrollmentsMoved: 2, exitsMoved: 1 });
    }
  });

  test("the merged record's addresses lead to the kept one, with a notice", async () => {
    const opened = await caseManager.client.get(`/live/clients/${older.personalId}`);
    assert.equal(opened.status, 303);
    assert.equal(opened.location, `/live/clients/${kept.personalId}?mergedFrom=${older.personalId}`);
    const profile = await caseManager.client.follow(opened);
    assert.equal(profile.status, 200);
    assert.match(textOf(profile.body), new RegExp(`The record you opened \\(PersonalID ${older.personalId} ?\\) was merged into this client’s record\\.`));
    assert.match(textOf(profile.body), /Smith, John/);
    // A made-up notice is not shown.
    const forged = await caseManager.client.get(`/live/clients/${kept.personalId}?mergedFrom=${'a'.repeat(32)}`);
    assert.doesNotMatch(textOf(forged.body), /was merged into this client’s record/);

    const edit = await caseManager.client.get(`/live/clients/${older.personalId.toUpperCase()}/edit`);
    assert.equal(edit.status, 303);
    assert.equal(edit.location, `/live/clients/${kept.personalId}/edit`);
    const history = await admin.client.get(`/live/clients/${older.personalId}/history`);
    assert.equal(history.location, `/live/clients/${kept.personalId}/history`);
    const choose = await admin.client.get(`/live/clients/${older.personalId}/merge`);
    assert.equal(choose.location, `/live/clients/${kept.personalId}/merge`);

    // Elsewhere the merged record is simply gone, with a message that says where it went.
    const edited = await caseManager.client.post(`/live/clients/${older.personalId}/edit`, { firstName: 'X' });
    assert.equal(edited.status, 404);
    assert.match(textOf(edited.body), new RegExp(`This client record was merged into the record with PersonalID ${kept.personalId}\\.`));
    const search = await t.sites.live.clients.search('Smith', { userId: null, username: 'test', ip: null });
    assert.deepEqual(search.clients.map((c) => c.personalId), [kept.personalId]);
    // A PersonalID written down before the merge still finds the person.
    const byOldId = await t.sites.live.clients.search(older.personalId, { userId: null, username: 'test', ip: null });
    assert.deepEqual([byOldId.kind, byOldId.clients.map((c) => c.personalId)], ['personal-id', [kept.personalId]]);
  });

  test('merging with itself, or with a merged or deleted record, is refused with a clear message', async () => {
    const deleted = await createClient(t, { firstName: 'Dee', lastName: 'Leted', ssn: '345-68-8901', dob: '01/01/1970' });
    await t.sites.live.db.updateTable('clients').set({ date_deleted: t.clock.now() }).where('personal_id', '=', deleted.personalId).execute();
    await admin.client.get(mergePath(kept));
    const cases: [string, string, number, RegExp][] = [
      [kept.personalId, kept.personalId, 400, /This is the record you started from\. Choose a different record\. Nothing was changed\./],
      [kept.personalId, older.personalId, 400, new RegExp(`That record was already merged into ${kept.personalId}\\. Nothing was changed\\.`)],
      [kept.personalId, deleted.personalId, 400, /There is no client with this PersonalID \(it may have been deleted\)\. Nothing was changed\./],
      [older.personalId, kept.personalId, 404, /This client record was merged into the record with PersonalID/],
    ];
    for (const [from, other, status, message] of cases) {
      const page = await admin.client.post(`/live/clients/${from}/merge`, { other, keep: from, confirm: 'yes' });
      assert.equal(page.status, status, `${from} ← ${other}`);
      assert.match(textOf(page.body), message);
    }
    const compared = await admin.client.get(mergePath(kept, `/compare?other=${older.personalId}`));
    assert.equal(compared.status, 422);
    assert.match(textOf(compared.body), new RegExp(`That record was already merged into ${kept.personalId}\\.`));
    const audit = await t.sites.live.db.selectFrom('audit_log').select('id').where('event', '=', 'client.merged').execute();
    assert.equal(audit.length, 2, 'only the one merge was recorded');
  });

  test('the service refuses too: a non-administrator, itself, a deleted record', async () => {
    const clients = t.sites.live.clients;
    const other = await createClient(t, { firstName: 'Otto', lastName: 'Other', ssn: '456-79-9012', dob: '02/02/1972' });
    const actor = { userId: caseManager.user.id, username: caseManager.username, ip: null };
    const caseViewer = await t.sites.live.access.viewerOf(caseManager.user);
    await assert.rejects(clients.merge(caseViewer, { personalIds: [kept.personalId, other.personalId], keep: kept.personalId }, actor), { name: 'ForbiddenError' });
    const adminViewer = await t.sites.live.access.viewerOf(admin.user);
    await assert.rejects(clients.merge(adminViewer, { personalIds: [kept.personalId, kept.personalId], keep: kept.personalId }, actor), /cannot be merged with itself/);
    await assert.rejects(clients.merge(adminViewer, { personalIds: [kept.personalId, older.personalId], keep: kept.personalId }, actor), (error: Error) => {
      assert.equal(error.name, 'ConflictError');
      assert.match(error.message, new RegExp(`The record ${older.personalId} was already merged into ${kept.personalId}\\. Nothing was changed\\.`));
      return true;
    });
  });

  test('records of one household cannot be merged; a record merged earlier follows the next merge', async () => {
    const head = await createClient(t, { firstName: 'Hana', lastName: 'Head', ssn: '567-80-0123', dob: '05/05/1985' });
    const twin = await createClient(t, { firstName: 'Hanna', lastName: 'Head', ssn: '567-80-0123', dob: '05/05/1985' });
    const { householdId } = await insertEnrollment(t, { personalId: head.personalId, projectId, entryDate: '2026-01-01' });
    await insertEnrollment(t, { personalId: twin.personalId, projectId, entryDate: '2026-01-01', householdId, relationship: 4 });
    const compared = await admin.client.get(mergePath(head, `/compare?other=${twin.personalId}`));
    assert.equal(compared.status, 200);
    assert.match(textOf(compared.body), new RegExp(`These records cannot be merged\\. Both are members of the same household \\(HouseholdID ${householdId}\\)`));
    assert.doesNotMatch(compared.body, /Merge the records/);
    const refused = await admin.client.post(mergePath(head), { other: twin.personalId, keep: head.personalId, confirm: 'yes' });
    assert.equal(refused.status, 409);
    assert.match(textOf(refused.body), /These records cannot be merged\. Both are members of the same household/);
    const twinRow = await t.sites.live.db.selectFrom('clients').select('date_deleted').where('personal_id', '=', twin.personalId).executeTakeFirstOrThrow();
    assert.equal(twinRow.date_deleted, null);

    // older → kept happened above; now kept → third: older must point straight at third.
    const third = await createClient(t, { firstName: 'Johnny', lastName: 'Smith', ssn: '234-57-7890', dob: '03/15/1980' });
    await admin.client.get(mergePath(third, `/compare?other=${kept.personalId}`));
    const merged = await admin.client.post(mergePath(third), { other: kept.personalId, keep: third.personalId, confirm: 'yes' });
    assert.equal(merged.status, 303, textOf(merged.body));
    const { rows } = await sql<{ personal_id: string; merged_into: string }>`select personal_id, merged_into from clients where merged_into is not null order by personal_id`.execute(t.sites.live.db);
    assert.deepEqual(rows.map((r) => r.merged_into), [third.personalId, third.personalId]);
    const opened = await caseManager.client.get(`/live/clients/${older.personalId}`);
    assert.equal(opened.location, `/live/clients/${third.personalId}?mergedFrom=${older.personalId}`);
    const thirdRow = await t.sites.live.db.selectFrom('clients').select('date_created').where('personal_id', '=', third.personalId).executeTakeFirstOrThrow();
    assert.equal(thirdRow.date_created.toISOString(), older.dateCreated.toISOString(), 'still the earliest creation date of all three');
    const enrollments = await t.sites.live.db.selectFrom('enrollments').select('personal_id').where('household_id', '!=', householdId).execute();
    assert.ok(enrollments.every((e) => e.personal_id === third.personalId));
  });

  test('records with overlapping stays in one project cannot be merged: the page lists the stays, linked, and says what to correct (finding 16)', async () => {
    const a = await createClient(t, { firstName: 'Olive', lastName: 'Lap', ssn: '412-43-1234', dob: '08/08/1988' });
    const b = await createClient(t, { firstName: 'Oliver', lastName: 'Lap', ssn: '412-43-1234', dob: '08/08/1988' });
    const stayA = await insertEnrollment(t, { personalId: a.personalId, projectId, entryDate: '2026-02-01', exitDate: '2026-04-01' });
    const stayB = await insertEnrollment(t, { personalId: b.personalId, projectId, entryDate: '2026-03-15' });
    // Leaving on the day the other stay begins is no overlap.
    await insertEnrollment(t, { personalId: b.personalId, projectId, entryDate: '2025-01-01', exitDate: '2026-02-01' });
    const compared = await admin.client.get(mergePath(a, `/compare?other=${b.personalId}`));
    assert.equal(compared.status, 200);
    const text = textOf(compared.body);
    assert.match(text, /These records cannot be merged\. The two records have a stay in the same project at the same time, and one person cannot stay in a project twice at once\. Correct one stay of each pair first: exit it, or correct its entry or exit date, then merge\./);
    assert.match(text, /Night Shelter: this record’s stay 02\/01\/2026 to 04\/01\/2026 and the other record’s stay 03\/15\/2026 to now \(still enrolled\)/);
    assert.ok(compared.body.includes(`<a href="/live/enrollments/${stayA.enrollmentId}">`));
    assert.ok(compared.body.includes(`<a href="/live/enrollments/${stayB.enrollmentId}">`));
    assert.doesNotMatch(compared.body, /Merge the records/);

    const refused = await admin.client.post(mergePath(a), { other: b.personalId, keep: a.personalId, confirm: 'yes' });
    assert.equal(refused.status, 409);
    assert.ok(refused.body.includes(`<a href="/live/enrollments/${stayB.enrollmentId}">`));
    const adminViewer = await t.sites.live.access.viewerOf(admin.user);
    const actor = { userId: admin.user.id, username: admin.username, ip: '10.0.0.1' };
    await assert.rejects(t.sites.live.clients.merge(adminViewer, { personalIds: [a.personalId, b.personalId], keep: a.personalId }, actor), /a stay in the same project at the same time/);
    const bRow = await t.sites.live.db.selectFrom('clients').select('merged_into').where('personal_id', '=', b.personalId).executeTakeFirstOrThrow();
    assert.equal(bRow.merged_into, null, 'nothing was merged');
  });

  test('a merge moves the stage and occurrence records with the stays, so each record still names its enrollment’s client', async () => {
    const a = await createClient(t, { firstName: 'Rowan', lastName: 'Record', ssn: '423-54-2345', dob: '09/09/1979' });
    const b = await createClient(t, { firstName: 'Rowen', lastName: 'Record', ssn: '423-54-2345', dob: '09/09/1979' });
    const stay = await insertEnrollment(t, { personalId: b.personalId, projectId, entryDate: '2026-05-01' });
    const db = t.sites.live.db;
    const now = new Date();
    const bookkeeping = { enrollment_id: stay.enrollmentId, personal_id: b.personalId, date_created: now, date_updated: now, user_id: 'system', date_deleted: null };
    await db.insertInto('health_and_dv').values({ ...bookkeeping, health_and_dv_id: 'a'.repeat(32), information_date: '2026-05-01', data_collection_stage: 1, domestic_violence_survivor: 0 }).execute();
    await db.insertInto('services').values({ ...bookkeeping, services_id: 'b'.repeat(32), date_provided: '2026-05-01', record_type: 200, type_provided: 200 }).execute();
    const adminViewer = await t.sites.live.access.viewerOf(admin.user);
    const actor = { userId: admin.user.id, username: admin.username, ip: null };
    await t.sites.live.clients.merge(adminViewer, { personalIds: [a.personalId, b.personalId], keep: a.personalId }, actor);
    for (const table of ['health_and_dv', 'services'] as const) {
      const rows = await db.selectFrom(table).select(['personal_id', 'enrollment_id']).where('enrollment_id', '=', stay.enrollmentId).execute();
      assert.deepEqual(rows, [{ personal_id: a.personalId, enrollment_id: stay.enrollmentId }], table);
    }
  });
});
