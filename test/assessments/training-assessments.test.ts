import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { isDisablingRecord } from '../../src/hud/chronic-homelessness.js';
import { generateTrainingData } from '../../src/training/training-data.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const TODAY = '2026-11-27'; // the FakeClock's day in America/New_York
const NOW = new Date('2026-11-27T14:00:00Z');
const ACTOR = { userId: null, username: 'trainer', ip: null };

/** Issue 12 §8: the Training generator fills the stage-based elements realistically, from its seed. */
describe('Training data: income, benefits, insurance, disabilities, domestic violence and annual assessments', () => {
  const data = generateTrainingData({ today: TODAY, now: NOW, clients: 600 });
  const records = data.stageRecords;
  const enrollments = new Map(data.enrollments.map((e) => [e.enrollmentId, e]));

  it('is deterministic: the same seed gives the same records', () => {
    const again = generateTrainingData({ today: TODAY, now: NOW, clients: 600 }).stageRecords;
    assert.equal(JSON.stringify(again), JSON.stringify(records));
    assert.equal(again[0]!.ids.incomeBenefitsId, records[0]!.ids.incomeBenefitsId);
  });

  it('has incomes with amounts (total = sum), benefits, insurance, disabilities, survivors and annual assessments', () => {
    const incomes = records.flatMap((r) => (r.answers.income ? [r.answers.income] : []));
    const withIncome = incomes.filter((i) => i.incomeFromAnySource === 1);
    assert.ok(withIncome.length > 20);
    assert.ok(withIncome.some((i) => (i.earnedAmount ?? 0) > 0));
    assert.ok(records.some((r) => r.answers.benefits?.snap === 1));
    assert.ok(records.some((r) => r.answers.insurance?.medicaid === 1));
    assert.ok(records.some((r) => r.answers.disabilities.some((d) => d.disabilityResponse === 1)));
    assert.ok(records.some((r) => r.answers.domesticViolence?.domesticViolenceSurvivor === 1 && r.answers.domesticViolence.whenOccurred !== null));
    assert.ok(records.some((r) => r.dataCollectionStage === 5), 'annual assessments for long stays');
    assert.ok(records.some((r) => r.dataCollectionStage === 3), 'exit records');
    for (const code of [8, 9, 99]) assert.ok(incomes.some((i) => i.incomeFromAnySource === code), `some ${code} answers`);
  });

  it('follows HUD’s rules: totals, cleared dependents, 3.08 consistency, stage dates', () => {
    for (const r of records) {
      const e = enrollments.get(r.enrollmentId)!;
      const income = r.answers.income;
      if (income?.incomeFromAnySource === 1) assert.equal(income.totalMonthlyIncome, [income.earnedAmount, income.ssiAmount, income.ssdiAmount, income.unemploymentAmount, income.tanfAmount, income.gaAmount, income.socSecRetirementAmount, income.childSupportAmount, income.vaDisabilityServiceAmount, income.vaDisabilityNonServiceAmount, income.privateDisabilityAmount, income.workersCompAmount, income.pensionAmount, income.alimonyAmount, income.otherIncomeAmount].reduce<number>((a, b) => a + (b ?? 0), 0));
      if (income?.incomeFromAnySource === 0) assert.equal(income.totalMonthlyIncome, 0);
      if (income && [8, 9, 99].includes(income.incomeFromAnySource!)) assert.equal(income.earned, null);
      if (e.disablingCondition === 0) assert.ok(!r.answers.disabilities.some(isDisablingRecord), 'no disabling record while 3.08 says No');
      if (r.dataCollectionStage === 1) assert.equal(r.informationDate, e.entryDate);
      assert.ok(r.informationDate <= TODAY);
    }
  });

  describe('a reset of the Training site', () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ sites: ['training'] });
    });
    after(() => t.close());

    it('writes them, and a second reset replaces them', async () => {
      await t.sites.training.training.reset(ACTOR);
      const count = async () => {
        const { rows } = await sql<{ n: string }>`select (select count(*) from income_benefits) + (select count(*) from disabilities) as n`.execute(t.sites.training.db);
        return Number(rows[0]!.n);
      };
      const first = await count();
      assert.ok(first > 1000);
      await t.sites.training.training.reset(ACTOR);
      assert.equal(await count(), first);
    });
  });
});
