import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MemberAnswersInput } from '../../src/assessments/assessments.model.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { user } from '../enrollments/fixtures.js';
import { ADULT_ANSWERS, ANNUAL_ADULT, buildAssessmentWorld, CHILD_ANSWERS, householdOfThree, type AssessmentWorld } from './fixtures.js';

/** The form as a browser sends it: each member's fields prefixed m0., m1., … with the member's EnrollmentID. */
function stageForm(members: [string, MemberAnswersInput][], informationDate = ''): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = { informationDate };
  members.forEach(([id, answers], i) => {
    form[`m${i}.enrollmentId`] = id;
    for (const [key, value] of Object.entries(answers)) form[`m${i}.${key}`] = typeof value === 'string' ? value : [...value];
  });
  return form;
}

/**
 * The household stage forms through the pages: one submit for every member, each asked what HUD asks of them,
 * refusals at their fields with what was typed kept, the history on the enrollment page, corrections, the
 * annual list, and the enrollment's visibility rule.
 */
describe('stage forms on the enrollment page', () => {
  let t: TestApp;
  let world: AssessmentWorld;
  let worker: TestClient;
  let outsider: TestClient;

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    world = await buildAssessmentWorld(t);
    worker = await user(t, 'case_manager', [world.agencyA], 'Wren');
    outsider = await user(t, 'case_manager', [world.agencyB], 'Otis');
  });
  after(() => t.close());

  it('the enrollment page has an Assessments section linking to the project start form', async () => {
    const h = await householdOfThree(t, world.pshA, '2026-11-20');
    const page = await worker.get(`/live/enrollments/${h.head}`);
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /Assessments .*Record project start/);
    assert.match(page.body, new RegExp(`href="/live/enrollments/${h.head}/assessments/new\\?stage=start"`));
  });

  it('the start form asks the head and adults about income and the child only about insurance and disabilities', async () => {
    const h = await householdOfThree(t, world.pshA, '2026-11-20');
    const page = await worker.get(`/live/enrollments/${h.head}/assessments/new?stage=start`);
    assert.equal(page.status, 200);
    const childIndex = [h.head, h.partner, h.child].findIndex((id) => id === h.child);
    const fields = [...page.body.matchAll(/name="m(\d)\.enrollmentId" value="([0-9a-f]{32})"/g)].map((m) => [Number(m[1]), m[2]] as const);
    assert.equal(fields.length, 3);
    const child = fields.find(([, id]) => id === h.child)![0];
    assert.ok(childIndex >= 0);
    assert.doesNotMatch(page.body, new RegExp(`name="m${child}\\.incomeFromAnySource"`));
    assert.match(page.body, new RegExp(`name="m${child}\\.insuranceFromAnySource"`));
    assert.doesNotMatch(page.body, new RegExp(`name="m${child}\\.domesticViolenceSurvivor"`));
    const head = fields.find(([, id]) => id === h.head)![0];
    assert.match(page.body, new RegExp(`name="m${head}\\.earnedAmount"`));
    assert.doesNotMatch(page.body, /name="informationDate"/, 'project start is dated on the entry date');
  });

  it('a refused submit comes back with 422, the message at the field and what was typed kept; nothing is saved', async () => {
    const h = await householdOfThree(t, world.pshA, '2026-11-20');
    const url = `/live/enrollments/${h.head}/assessments/new?stage=start`;
    const page = await worker.get(url);
    const order = [...page.body.matchAll(/name="m\d\.enrollmentId" value="([0-9a-f]{32})"/g)].map((m) => m[1]!);
    const answers = (id: string) => (id === h.child ? CHILD_ANSWERS : id === h.head ? { ...ADULT_ANSWERS, incomeFromAnySource: '0', earnedAmount: '812.00' } : ADULT_ANSWERS);
    const refused = await worker.post(url, stageForm(order.map((id) => [id, answers(id)])));
    assert.equal(refused.status, 422, textOf(refused.body).slice(0, 800));
    const headIndex = order.indexOf(h.head);
    assert.match(refused.body, new RegExp(`id="field-m${headIndex}-incomeFromAnySource-error"`));
    assert.match(textOf(refused.body), /income from any source is No, yet amounts are typed/);
    assert.match(refused.body, /value="812.00"/);
    const section = await worker.get(`/live/enrollments/${h.head}`);
    assert.match(textOf(section.body), /No assessment recorded yet/);
  });

  it('a saved start shows on the enrollment page by date, and a correction is saved and audited', async () => {
    const h = await householdOfThree(t, world.pshA, '2026-11-20');
    const url = `/live/enrollments/${h.head}/assessments/new?stage=start`;
    const page = await worker.get(url);
    const order = [...page.body.matchAll(/name="m\d\.enrollmentId" value="([0-9a-f]{32})"/g)].map((m) => m[1]!);
    const saved = await worker.post(url, stageForm(order.map((id) => [id, id === h.child ? CHILD_ANSWERS : ADULT_ANSWERS])));
    assert.equal(saved.status, 303, textOf(saved.body).slice(0, 800));
    const enrollment = textOf((await worker.get(`/live/enrollments/${h.head}`)).body);
    assert.match(enrollment, /11\/20\/2026 Project start Income: Yes, \$1,500\.50 a month \(Earned income \(i\.e\., employment income\) \$1,200\.50; Supplemental Security Income \(SSI\) \$300\.00\)/);
    assert.match(enrollment, /Health insurance: Yes: State Children’s Health Insurance Program/);
    assert.match(enrollment, /Chronic homelessness at project start Not chronically homeless/);

    const editUrl = `/live/enrollments/${h.head}/assessments/start/2026-11-20/edit`;
    const edit = await worker.get(editUrl);
    assert.equal(edit.status, 200);
    assert.match(edit.body, /value="1,200.50"/, 'the stored answers fill the form');
    const corrected = await worker.post(editUrl, stageForm([[h.head, { ...ADULT_ANSWERS, ssiAmount: '' }]]));
    assert.equal(corrected.status, 303, textOf(corrected.body).slice(0, 800));
    assert.match(textOf((await worker.get(`/live/enrollments/${h.head}`)).body), /Income: Yes, \$1,200\.50 a month/);
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'assessment.corrected' });
    assert.ok(audit.some((a) => a.details.enrollmentId === h.head && a.details.changed === '4.02'));
  });

  it('the annual assessment form says when it is due; the project lists the household as due', async () => {
    const h = await householdOfThree(t, world.pshA, '2025-11-15');
    const section = textOf((await worker.get(`/live/enrollments/${h.partner}`)).body);
    assert.match(section, /Annual assessment Due now: record it by 12\/15\/2026/);
    const list = await worker.get(`/live/projects/${world.pshA}/annual-assessments`);
    assert.equal(list.status, 200);
    assert.match(list.body, new RegExp(`href="/live/enrollments/${h.head}/assessments/new\\?stage=annual"`));
    const url = `/live/enrollments/${h.head}/assessments/new?stage=annual`;
    const page = await worker.get(url);
    assert.match(textOf(page.body), /Due now/);
    const order = [...page.body.matchAll(/name="m\d\.enrollmentId" value="([0-9a-f]{32})"/g)].map((m) => m[1]!);
    const saved = await worker.post(url, stageForm(order.map((id) => [id, id === h.child ? { insuranceFromAnySource: '99' } : ANNUAL_ADULT]), '11/27/2026'));
    assert.equal(saved.status, 303, textOf(saved.body).slice(0, 800));
    assert.match(textOf((await worker.get(`/live/enrollments/${h.head}`)).body), /Annual assessment Done for the anniversary of 11\/15\/2026/);
    const again = await worker.post(url, stageForm(order.map((id) => [id, id === h.child ? { insuranceFromAnySource: '99' } : ANNUAL_ADULT]), '11/27/2026'));
    assert.equal(again.status, 422);
    assert.match(textOf(again.body), /already recorded .*one per window/);
  });

  it('the exit form asks each member leaving the exit-stage questions and saves them with the exit, in one submit', async () => {
    const h = await householdOfThree(t, world.pshA, '2026-11-20');
    const url = `/live/enrollments/${h.head}/exit`;
    const page = await worker.get(url);
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /Answers at exit/);
    const order = [...page.body.matchAll(/name="m\d\.enrollmentId" value="([0-9a-f]{32})"/g)].map((m) => m[1]!);
    assert.deepEqual([...order].sort(), [h.head, h.partner, h.child].sort(), 'every member still enrolled is asked');
    assert.doesNotMatch(page.body, /name="m\d\.domesticViolenceSurvivor"/, 'HUD does not ask 4.11 at exit');
    const exit = { scope: 'household', exitDate: '11/26/2026', destination: '410', destinationSubsidyType: '', otherDestination: '' };
    const exitAnswers = (id: string): MemberAnswersInput => {
      const { domesticViolenceSurvivor: _dv, ...adult } = ADULT_ANSWERS;
      return id === h.child ? CHILD_ANSWERS : id === h.head ? { ...adult, incomeFromAnySource: '0', earnedAmount: '640.00' } : adult;
    };

    // Errors in both parts come back together: the exit date and the head's income; nothing is saved.
    const refused = await worker.post(url, { ...exit, exitDate: '11/31/2026', ...stageForm(order.map((id) => [id, exitAnswers(id)])) });
    assert.equal(refused.status, 422, textOf(refused.body).slice(0, 800));
    assert.match(refused.body, /id="field-exitDate-error"/);
    assert.match(textOf(refused.body), /income from any source is No, yet amounts are typed/);
    assert.match(refused.body, /value="640.00"/, 'the answers typed are kept');
    assert.match(refused.body, /value="11\/31\/2026"/, 'the exit date typed is kept');
    assert.equal(await t.sites.live.db.selectFrom('exits').select('exit_id').where('enrollment_id', 'in', order).executeTakeFirst(), undefined);

    // An exit-stage answer refused alone still saves nothing, not even the exit.
    const answersOnly = await worker.post(url, { ...exit, ...stageForm(order.map((id) => [id, exitAnswers(id)])) });
    assert.equal(answersOnly.status, 422);
    assert.equal(await t.sites.live.db.selectFrom('exits').select('exit_id').where('enrollment_id', 'in', order).executeTakeFirst(), undefined);

    const saved = await worker.post(url, { ...exit, ...stageForm(order.map((id) => [id, id === h.head ? { ...exitAnswers(id), incomeFromAnySource: '1' } : exitAnswers(id)])) });
    assert.equal(saved.status, 303, textOf(saved.body).slice(0, 800));
    const stages = await t.sites.live.db
      .selectFrom('income_benefits')
      .select(['enrollment_id', 'data_collection_stage'])
      .where('enrollment_id', 'in', order)
      .execute();
    assert.deepEqual(stages.map((r) => r.data_collection_stage), [3, 3, 3], 'one exit-stage record per member, saved with the exit');
    const enrollment = textOf((await worker.get(`/live/enrollments/${h.head}`)).body);
    assert.match(enrollment, /11\/26\/2026 Project exit Income: Yes, \$940\.00 a month/);
    assert.doesNotMatch(enrollment, /Record project exit/, 'nothing is left to record at exit');
  });

  it('another agency’s staff get 404 for the forms, the correction and the submit; an unknown stage is 404', async () => {
    const h = await householdOfThree(t, world.pshA, '2026-11-20');
    assert.equal((await outsider.get(`/live/enrollments/${h.head}/assessments/new?stage=start`)).status, 404);
    assert.equal((await outsider.post(`/live/enrollments/${h.head}/assessments/new?stage=start`, stageForm([[h.head, ADULT_ANSWERS]]))).status, 404);
    assert.equal((await outsider.get(`/live/enrollments/${h.head}/assessments/start/2026-11-20/edit`)).status, 404);
    assert.equal((await worker.get(`/live/enrollments/${h.head}/assessments/new?stage=weekly`)).status, 404);
  });

  it('no client name reaches the application log', async () => {
    const joined = t.logs.join('\n');
    assert.doesNotMatch(joined, /Samuel|Rosalind|Imani/);
  });
});
