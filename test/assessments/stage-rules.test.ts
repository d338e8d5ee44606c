import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Viewer } from '../../src/access/access-policy.js';
import type { MemberAnswersInput } from '../../src/assessments/assessments.model.js';
import { ConflictError, NotFoundError, ValidationError } from '../../src/errors.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { ACTOR, ADMIN, ADULT_ANSWERS, ANNUAL_ADULT, buildAssessmentWorld, CHILD_ANSWERS, householdOfThree, type AssessmentWorld } from './fixtures.js';

async function rows(t: TestApp, table: 'income_benefits' | 'health_and_dv' | 'disabilities', enrollmentId: string) {
  const { rows: found } = await sql<Record<string, unknown>>`
    select *, to_char(information_date, 'YYYY-MM-DD') as day from ${sql.table(table)} where enrollment_id = ${enrollmentId} order by date_created, 1`.execute(t.sites.live.db);
  return found;
}

async function refusal(promise: Promise<unknown>): Promise<Record<string, readonly string[]>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ValidationError, String(error));
    return error.fieldErrors;
  }
  assert.fail('expected a refusal');
}

/**
 * HUD's stage-based elements 4.02–4.11 (reference hud-psde-rules.md §1–§2.5, §4): dependencies, who is asked
 * what, consistency with 3.08, the stages and their dates, the annual window, and visibility. On PGlite and
 * PostgreSQL.
 */
describe('stage records: income, benefits, insurance, disabilities and domestic violence', () => {
  let t: TestApp;
  let world: AssessmentWorld;

  before(async () => {
    t = await startTestApp({ sites: ['live'] });
    world = await buildAssessmentWorld(t);
  });
  after(() => t.close());

  const start = (h: { head: string; partner: string; child: string }, overrides: Partial<Record<'head' | 'partner' | 'child', MemberAnswersInput>> = {}) =>
    t.sites.live.assessments.recordStage(
      ADMIN,
      h.head,
      'start',
      { informationDate: '', members: { [h.head]: overrides.head ?? ADULT_ANSWERS, [h.partner]: overrides.partner ?? ADULT_ANSWERS, [h.child]: overrides.child ?? CHILD_ANSWERS } },
      ACTOR,
    );

  it('the project start form asks adults and the head 4.02–4.11 and the child only 4.04–4.10 (collection-rules.ts)', async () => {
    const h = await householdOfThree(t, world.pshA, '2026-11-20');
    const form = await t.sites.live.assessments.stageForm(ADMIN, h.head, 'start');
    const byId = new Map(form.members.map((m) => [m.enrollmentId, m]));
    assert.deepEqual(byId.get(h.head)!.elements, ['4.02', '4.03', '4.04', '4.05', '4.06', '4.07', '4.08', '4.09', '4.10', '4.11']);
    assert.deepEqual(byId.get(h.partner)!.elements, byId.get(h.head)!.elements);
    assert.deepEqual(byId.get(h.child)!.elements, ['4.04', '4.05', '4.06', '4.07', '4.08', '4.09', '4.10']);
    assert.equal(form.fixedDate, true);
  });

  it('one submit records project start for every member, stage 1 on each entry date; the total income is computed', async () => {
    const h = await householdOfThree(t, world.pshA, '2026-11-20');
    const result = await start(h);
    assert.equal(result.recorded, 3);
    const [income] = await rows(t, 'income_benefits', h.head);
    assert.equal(income!.data_collection_stage, 1);
    assert.equal(income!.day, '2026-11-20');
    assert.equal(income!.income_from_any_source, 1);
    assert.equal(income!.earned, 1);
    assert.equal(Number(income!.earned_amount), 1200.5);
    assert.equal(income!.ssi, 1);
    assert.equal(income!.unemployment, 0, 'a source not typed is recorded No');
    assert.equal(income!.unemployment_amount, null);
    assert.equal(Number(income!.total_monthly_income), 1500.5);
    assert.equal(income!.snap, 1);
    assert.equal(income!.wic, 0);
    assert.equal(income!.medicaid, 1);
    assert.equal(income!.user_id, 'setup');
    const [childIncome] = await rows(t, 'income_benefits', h.child);
    assert.equal(childIncome!.income_from_any_source, null, 'a child is not asked 4.02');
    assert.equal(childIncome!.schip, 1);
    assert.equal((await rows(t, 'health_and_dv', h.child)).length, 0, 'a child is not asked 4.11');
    assert.equal((await rows(t, 'disabilities', h.child)).length, 6, 'one Disabilities row per type');
    const [dv] = await rows(t, 'health_and_dv', h.partner);
    assert.equal(dv!.domestic_violence_survivor, 0);
    const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'assessment.recorded' });
    assert.ok(audit.some((a) => a.details.enrollmentId === h.child && a.details.stage === 'start'));
  });

  it('HUD: at most one project start record per enrollment', async () => {
    const h = await householdOfThree(t, world.pshA, '2026-11-20');
    await start(h);
    await assert.rejects(start(h), ConflictError);
    assert.equal((await rows(t, 'income_benefits', h.head)).length, 1);
  });

  describe('4.02 income and sources', () => {
    it('“Yes” needs at least one source with its monthly amount', async () => {
      const h = await householdOfThree(t, world.pshA, '2026-11-20');
      const errors = await refusal(start(h, { head: { ...ADULT_ANSWERS, earnedAmount: '', ssiAmount: '' } }));
      assert.match(errors['m0.incomeFromAnySource']!.join(' '), /type the monthly amount of at least one source/);
      assert.equal((await rows(t, 'income_benefits', h.partner)).length, 0, 'all or nothing');
    });

    it('“No” forbids amounts; with none typed every source is No and the total $0.00', async () => {
      const h = await householdOfThree(t, world.pshA, '2026-11-20');
      const errors = await refusal(start(h, { head: { ...ADULT_ANSWERS, incomeFromAnySource: '0' } }));
      assert.match(errors['m0.incomeFromAnySource']!.join(' '), /No, yet amounts are typed/);
      await start(h, { head: { ...ADULT_ANSWERS, incomeFromAnySource: '0', earnedAmount: '', ssiAmount: '' } });
      const [income] = await rows(t, 'income_benefits', h.head);
      assert.equal(income!.earned, 0);
      assert.equal(income!.earned_amount, null);
      assert.equal(Number(income!.total_monthly_income), 0);
    });

    for (const [code, meaning] of [['8', 'Client doesn’t know'], ['9', 'Client prefers not to answer'], ['99', 'Data not collected']] as const) {
      it(`“${meaning}” clears the sources and amounts (stored empty, as HUD's CSV wants)`, async () => {
        const h = await householdOfThree(t, world.pshA, '2026-11-20');
        await start(h, { head: { ...ADULT_ANSWERS, incomeFromAnySource: code, benefitsFromAnySource: code, insuranceFromAnySource: code } });
        const [income] = await rows(t, 'income_benefits', h.head);
        assert.equal(income!.income_from_any_source, Number(code));
        assert.equal(income!.earned, null);
        assert.equal(income!.earned_amount, null);
        assert.equal(income!.total_monthly_income, null);
        assert.equal(income!.snap, null);
        assert.equal(income!.medicaid, null);
      });
    }

    it('an amount must be money: more than $0, dollars and cents', async () => {
      const h = await householdOfThree(t, world.pshA, '2026-11-20');
      const errors = await refusal(start(h, { head: { ...ADULT_ANSWERS, earnedAmount: '12.345', ssiAmount: '0' } }));
      assert.match(errors['m0.earnedAmount']!.join(' '), /dollars and cents/);
      assert.match(errors['m0.ssiAmount']!.join(' '), /more than \$0/);
    });

    it('“Other source” is named', async () => {
      const h = await householdOfThree(t, world.pshA, '2026-11-20');
      const errors = await refusal(start(h, { head: { ...ADULT_ANSWERS, otherIncomeAmount: '40' } }));
      assert.match(errors['m0.otherIncomeSourceIdentify']!.join(' '), /enter the other source of income/);
    });
  });

  describe('4.03 non-cash benefits and 4.04 health insurance', () => {
    it('“Yes” needs a ticked source and “No” forbids one', async () => {
      const h = await householdOfThree(t, world.pshA, '2026-11-20');
      const errors = await refusal(start(h, { head: { ...ADULT_ANSWERS, benefits: [] }, child: { ...CHILD_ANSWERS, insuranceFromAnySource: '0' } }));
      assert.match(errors['m0.benefitsFromAnySource']!.join(' '), /tick at least one source/);
      const insurance = Object.values(errors).flat().find((m) => /covered by health insurance is no/i.test(m));
      assert.match(insurance ?? '', /Kit: covered by health insurance is no, yet sources are ticked/i, 'each message names the member');
    });
  });

  describe('4.05–4.10 disabilities and 3.08', () => {
    it('“long-continued and indefinite … impairs” is asked of a positive physical, chronic, mental or substance answer only', async () => {
      const h = await householdOfThree(t, world.pshA, '2026-11-20', { headDisabling: '1' });
      const errors = await refusal(start(h, { head: { ...ADULT_ANSWERS, disability5: '1', disability10: '2' } }));
      assert.ok(errors['m0.impairs5'], 'physical: asked');
      assert.ok(errors['m0.impairs10'], 'substance use (drug): asked');
      await start(h, { head: { ...ADULT_ANSWERS, disability5: '1', impairs5: '1', disability6: '1', impairs6: '1', disability10: '2', impairs10: '0' } });
      const found = await rows(t, 'disabilities', h.head);
      const byType = new Map(found.map((r) => [r.disability_type, r]));
      assert.equal(byType.get(5)!.indefinite_and_impairs, 1);
      assert.equal(byType.get(6)!.indefinite_and_impairs, null, 'developmental disability: never asked');
      assert.equal(byType.get(10)!.disability_response, 2);
      assert.equal(byType.get(7)!.indefinite_and_impairs, null);
    });

    it('a disabling answer sets 3.08 Disabling condition to Yes and keeps the answer given; a correction that leaves none brings it back', async () => {
      const h = await householdOfThree(t, world.pshA, '2026-11-20');
      const disabling = async () =>
        (await t.sites.live.db.selectFrom('enrollments').select(['disabling_condition', 'disabling_condition_given']).where('enrollment_id', '=', h.head).executeTakeFirstOrThrow());
      // Not disabling (does not impair): consistent with No, nothing changes.
      await start(h, { head: { ...ADULT_ANSWERS, disability9: '1', impairs9: '0' } });
      assert.deepEqual(await disabling(), { disabling_condition: 0, disabling_condition_given: null });
      const { assessments } = t.sites.live;
      await assessments.correct(ADMIN, h.head, 'start', '2026-11-20', { ...ADULT_ANSWERS, disability9: '1', impairs9: '1' }, ACTOR);
      assert.deepEqual(await disabling(), { disabling_condition: 1, disabling_condition_given: 0 }, 'HUD: a disabling record makes 3.08 Yes');
      const audit = await t.sites.live.audit.list(t.sites.live.db, { event: 'enrollment.disabling_condition_set' });
      assert.ok(audit.some((a) => a.details.enrollmentId === h.head && a.details.byDisabilityRecord === true));
      // HIV/AIDS is disabling by itself: still Yes.
      await assessments.correct(ADMIN, h.head, 'start', '2026-11-20', { ...ADULT_ANSWERS, disability8: '1' }, ACTOR);
      assert.deepEqual(await disabling(), { disabling_condition: 1, disabling_condition_given: 0 });
      await assessments.correct(ADMIN, h.head, 'start', '2026-11-20', ADULT_ANSWERS, ACTOR);
      assert.deepEqual(await disabling(), { disabling_condition: 0, disabling_condition_given: null }, 'the answer given comes back');
      // A Yes given by the user stays Yes whatever the records say.
      const given = await householdOfThree(t, world.pshA, '2026-11-20', { headDisabling: '1' });
      await start(given);
      const row = await t.sites.live.db.selectFrom('enrollments').select(['disabling_condition', 'disabling_condition_given']).where('enrollment_id', '=', given.head).executeTakeFirstOrThrow();
      assert.deepEqual(row, { disabling_condition: 1, disabling_condition_given: null });
    });
  });

  describe('4.11 domestic violence', () => {
    it('when it occurred and currently fleeing are asked of survivors, and cleared otherwise', async () => {
      const h = await householdOfThree(t, world.pshA, '2026-11-20');
      const errors = await refusal(start(h, { head: { ...ADULT_ANSWERS, domesticViolenceSurvivor: '1' } }));
      assert.ok(errors['m0.whenOccurred']);
      assert.ok(errors['m0.currentlyFleeing']);
      await start(h, {
        head: { ...ADULT_ANSWERS, domesticViolenceSurvivor: '1', whenOccurred: '2', currentlyFleeing: '0' },
        partner: { ...ADULT_ANSWERS, domesticViolenceSurvivor: '8', whenOccurred: '1', currentlyFleeing: '1' },
      });
      const [survivor] = await rows(t, 'health_and_dv', h.head);
      assert.deepEqual([survivor!.domestic_violence_survivor, survivor!.when_occurred, survivor!.currently_fleeing], [1, 2, 0]);
      const [unknown] = await rows(t, 'health_and_dv', h.partner);
      assert.deepEqual([unknown!.domestic_violence_survivor, unknown!.when_occurred, unknown!.currently_fleeing], [8, null, null]);
    });
  });

  describe('stages and dates', () => {
    it('an update is dated within the stay, and asks 4.02–4.11 again', async () => {
      const h = await householdOfThree(t, world.pshA, '2026-11-20');
      const members = { [h.head]: ADULT_ANSWERS, [h.partner]: ADULT_ANSWERS, [h.child]: CHILD_ANSWERS };
      const early = await refusal(t.sites.live.assessments.recordStage(ADMIN, h.head, 'update', { informationDate: '11/01/2026', members }, ACTOR));
      assert.match(early.informationDate!.join(' '), /cannot be before .*entry date/);
      const future = await refusal(t.sites.live.assessments.recordStage(ADMIN, h.head, 'update', { informationDate: '12/01/2026', members }, ACTOR));
      assert.match(future.informationDate!.join(' '), /cannot be in the future/);
      await t.sites.live.assessments.recordStage(ADMIN, h.head, 'update', { informationDate: '11/25/2026', members }, ACTOR);
      const [income] = await rows(t, 'income_benefits', h.head);
      assert.equal(income!.data_collection_stage, 2);
      assert.equal(income!.day, '2026-11-25');
    });

    it('the exit stage waits for the exit and is dated on it', async () => {
      const h = await householdOfThree(t, world.pshA, '2026-11-20');
      const form = await t.sites.live.assessments.stageForm(ADMIN, h.head, 'exit');
      assert.ok(form.members.every((m) => m.unavailable === 'Still enrolled: record the exit first.'));
      await t.sites.live.enrollments.exit(ADMIN, h.head, { exitDate: '11/26/2026', destination: '116', destinationSubsidyType: '', otherDestination: '' }, 'household', ACTOR);
      await t.sites.live.assessments.recordStage(ADMIN, h.head, 'exit', { informationDate: '', members: { [h.head]: ADULT_ANSWERS, [h.partner]: ADULT_ANSWERS, [h.child]: CHILD_ANSWERS } }, ACTOR);
      const [income] = await rows(t, 'income_benefits', h.partner);
      assert.equal(income!.data_collection_stage, 3);
      assert.equal(income!.day, '2026-11-26');
      assert.equal((await rows(t, 'health_and_dv', h.partner)).length, 0, '4.11 is not asked at exit');
    });
  });

  describe('annual assessments', () => {
    it('asks 4.02–4.04 only, inside the window around the anniversary of the head’s start, and once per window', async () => {
      const h = await householdOfThree(t, world.pshA, '2025-11-20');
      const form = await t.sites.live.assessments.stageForm(ADMIN, h.head, 'annual');
      assert.equal(form.annual?.kind, 'due');
      assert.deepEqual(form.members.find((m) => m.enrollmentId === h.head)!.elements, ['4.02', '4.03', '4.04']);
      assert.deepEqual(form.members.find((m) => m.enrollmentId === h.child)!.elements, ['4.04']);
      const members = { [h.head]: ANNUAL_ADULT, [h.partner]: ANNUAL_ADULT, [h.child]: { insuranceFromAnySource: '0' } };
      const outside = await refusal(t.sites.live.assessments.recordStage(ADMIN, h.head, 'annual', { informationDate: '10/15/2026', members }, ACTOR));
      assert.match(outside.informationDate!.join(' '), /within 30 days before or after an anniversary/);
      await t.sites.live.assessments.recordStage(ADMIN, h.head, 'annual', { informationDate: '11/21/2026', members }, ACTOR).catch((e) => assert.fail(JSON.stringify(e.fieldErrors)));
      const [income] = await rows(t, 'income_benefits', h.head);
      assert.equal(income!.data_collection_stage, 5);
      const second = await refusal(t.sites.live.assessments.recordStage(ADMIN, h.head, 'annual', { informationDate: '11/27/2026', members }, ACTOR));
      assert.match(second.informationDate!.join(' '), /already recorded .*one per window/);
      const overview = await t.sites.live.assessments.overview(ADMIN, h.child);
      assert.equal(overview.annual?.kind, 'done');
    });

    it('a project lists its households whose annual assessment is due', async () => {
      const h = await householdOfThree(t, world.pshA, '2025-11-10');
      const list = await t.sites.live.assessments.annualsDue(ADMIN, world.pshA);
      const mine = list.households.find((d) => d.headEnrollmentId === h.head);
      assert.equal(mine?.status.kind, 'due');
    });
  });

  describe('history, corrections and chronic homelessness', () => {
    it('a correction keeps the stage and date, and is audited with the elements changed, never the values', async () => {
      const h = await householdOfThree(t, world.pshA, '2026-11-20');
      await start(h);
      const [before] = await rows(t, 'income_benefits', h.head);
      await t.sites.live.assessments.correct(ADMIN, h.head, 'start', '2026-11-20', { ...ADULT_ANSWERS, earnedAmount: '1,500' }, { ...ACTOR, username: 'fixer' });
      const [after] = await rows(t, 'income_benefits', h.head);
      assert.equal(after!.income_benefits_id, before!.income_benefits_id);
      assert.equal(Number(after!.total_monthly_income), 1800);
      assert.equal(after!.user_id, 'fixer');
      const [entry] = await t.sites.live.audit.list(t.sites.live.db, { event: 'assessment.corrected' });
      assert.equal(entry!.details.changed, '4.02');
      assert.doesNotMatch(JSON.stringify(entry!.details), /1500|1,500/);
      const overview = await t.sites.live.assessments.overview(ADMIN, h.head);
      const head = overview.members.find((m) => m.enrollmentId === h.head)!;
      assert.equal(head.records.length, 1);
      assert.equal(head.records[0]!.answers.income!.totalMonthlyIncome, 180000);
    });

    it('chronic homelessness: 3.08 No and no disabling record → No; a disabling record at start → the 3.917 history decides', async () => {
      const h = await householdOfThree(t, world.pshA, '2026-11-20', { headDisabling: '1' });
      await start(h, { head: { ...ADULT_ANSWERS, disability9: '1', impairs9: '1' } });
      const head = await t.sites.live.assessments.overview(ADMIN, h.head);
      // Homeless since 06/01/2026 (less than a year), once in three years: not chronic.
      assert.equal(head.chronic?.member, 'no');
      assert.equal(head.chronic?.household, 'no');
    });
  });

  describe('visibility', () => {
    it('another agency’s staff neither see nor record a household’s assessments (not found)', async () => {
      const h = await householdOfThree(t, world.pshA, '2026-11-20');
      const outsider: Viewer = { userId: 99, username: 'outsider', role: 'case_manager', organizationIds: new Set([world.agencyB]) };
      await assert.rejects(t.sites.live.assessments.stageForm(outsider, h.head, 'start'), NotFoundError);
      await assert.rejects(t.sites.live.assessments.overview(outsider, h.head), NotFoundError);
      await assert.rejects(t.sites.live.assessments.recordStage(outsider, h.head, 'start', { informationDate: '', members: {} }, ACTOR), NotFoundError);
      await assert.rejects(t.sites.live.assessments.correct(outsider, h.head, 'start', '2026-11-20', {}, ACTOR), NotFoundError);
    });
  });
});
