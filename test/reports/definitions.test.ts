import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ageGroup, reportAge } from '../../src/reports/definitions/age.js';
import { answerBucket } from '../../src/reports/definitions/answers.js';
import { chronicStatuses } from '../../src/reports/definitions/chronic.js';
import { householdType } from '../../src/reports/definitions/household.js';
import { annualAnniversary, annualRecord, annualRequired, categoryAmount, type IncomeCategory, incomeAt, recordOn } from '../../src/reports/definitions/income.js';
import { headMoveInDate, memberMoveInDate } from '../../src/reports/definitions/move-in.js';
import { isParentingYouth, isVeteran, isYouth, isYouthHousehold } from '../../src/reports/definitions/populations.js';
import { isLongStayer, lengthOfStay } from '../../src/reports/definitions/stay.js';
import type { IncomeRecord } from '../../src/reports/universe.model.js';

const FROM = '2025-10-01';
const TO = '2026-09-30';

describe('§1.3 age at the later of project start and report start', () => {
  it('a client entering before the report is aged on the report start; one entering during it on their entry', () => {
    // 18th birthday on 2025-10-01: an adult on the report start.
    assert.equal(reportAge('2007-10-01', '2025-01-15', FROM), 18);
    // One day short of 18 on the report start: a child, even though 18 by the report end.
    assert.equal(reportAge('2007-10-02', '2025-01-15', FROM), 17);
    // Entered 2026-03-01, the 18th birthday that day: an adult.
    assert.equal(reportAge('2008-03-01', '2026-03-01', FROM), 18);
    assert.equal(reportAge('2008-03-02', '2026-03-01', FROM), 17);
  });

  it('a leap-day birthday turns a year older on 1 March, by birthday arithmetic, not days/365', () => {
    assert.equal(reportAge('2008-02-29', '2026-02-28', FROM), 17);
    assert.equal(reportAge('2008-02-29', '2026-03-01', FROM), 18);
  });

  it('no DOB, or a DOB after the day, is an unknown age, split by DOBDataQuality', () => {
    assert.equal(reportAge(null, '2026-01-01', FROM), null);
    assert.equal(reportAge('2026-06-01', '2026-01-01', FROM), null);
    assert.equal(ageGroup(null, 8), 'dont-know');
    assert.equal(ageGroup(null, 9), 'dont-know');
    assert.equal(ageGroup(null, 99), 'not-collected');
    assert.equal(ageGroup(null, null), 'not-collected');
    assert.equal(ageGroup(18, 1), 'adult');
    assert.equal(ageGroup(0, 1), 'child');
  });
});

describe('§1.4 household type', () => {
  it('HUD precedence: adult and child, then unknown, then adults only, then children only', () => {
    assert.equal(householdType(['adult', 'child', 'not-collected']), 'adults-and-children');
    assert.equal(householdType(['adult', 'dont-know']), 'unknown');
    assert.equal(householdType(['child', 'not-collected']), 'unknown');
    assert.equal(householdType(['adult', 'adult']), 'adults-only');
    assert.equal(householdType(['child']), 'children-only');
  });
});

describe('§1.5–§1.6 stayers, leavers and length of stay', () => {
  it('a leaver counts exit minus entry; a stayer the report end + 1 minus entry; the same day is 0', () => {
    assert.equal(lengthOfStay({ entryDate: '2026-01-01', exitDate: '2026-01-31', bedNights: [] }, 2, TO), 30);
    assert.equal(lengthOfStay({ entryDate: '2026-01-01', exitDate: '2026-01-01', bedNights: [] }, 2, TO), 0);
    assert.equal(lengthOfStay({ entryDate: '2025-09-30', exitDate: null, bedNights: [] }, 3, TO), 366);
  });

  it('a night-by-night shelter counts distinct bed nights from entry to exit or report end', () => {
    const nights = ['2025-12-31', '2026-01-01', '2026-01-02', '2026-01-05', '2026-10-01'];
    assert.equal(lengthOfStay({ entryDate: '2026-01-01', exitDate: null, bedNights: nights }, 1, TO), 3);
    assert.equal(lengthOfStay({ entryDate: '2026-01-01', exitDate: '2026-01-02', bedNights: nights }, 1, TO), 2);
  });

  it('365 days or more: stayer heads, adult stayers of their households, adult stayers on their own', () => {
    const longHead = { isStayer: true, lengthOfStay: 400 };
    assert.equal(isLongStayer({ isStayer: true, isHead: true, isAdult: true, lengthOfStay: 365 }, null), true);
    assert.equal(isLongStayer({ isStayer: true, isHead: true, isAdult: true, lengthOfStay: 364 }, null), false);
    // An adult who joined later, in the household of a long-staying head.
    assert.equal(isLongStayer({ isStayer: true, isHead: false, isAdult: true, lengthOfStay: 30 }, longHead), true);
    // A child of that household is not counted.
    assert.equal(isLongStayer({ isStayer: true, isHead: false, isAdult: false, lengthOfStay: 400 }, longHead), false);
    // A leaver never.
    assert.equal(isLongStayer({ isStayer: false, isHead: true, isAdult: true, lengthOfStay: 800 }, null), false);
    assert.equal(isLongStayer({ isStayer: true, isHead: false, isAdult: true, lengthOfStay: 365 }, { isStayer: true, lengthOfStay: 10 }), true);
  });
});

describe('§1.7 housing move-in', () => {
  it('the head’s date counts only between entry and the earlier of exit and report end', () => {
    assert.equal(headMoveInDate({ entryDate: '2026-01-10', exitDate: null, moveInDate: '2026-02-01' }, TO), '2026-02-01');
    assert.equal(headMoveInDate({ entryDate: '2026-01-10', exitDate: null, moveInDate: '2026-01-09' }, TO), null);
    assert.equal(headMoveInDate({ entryDate: '2026-01-10', exitDate: '2026-01-31', moveInDate: '2026-02-01' }, TO), null);
    assert.equal(headMoveInDate({ entryDate: '2026-01-10', exitDate: null, moveInDate: '2026-10-01' }, TO), null);
  });

  it('the three rules: present at move-in → the head’s date; joined later → own entry; left before → none', () => {
    assert.equal(memberMoveInDate({ entryDate: '2026-01-10', exitDate: null }, '2026-02-01'), '2026-02-01');
    assert.equal(memberMoveInDate({ entryDate: '2026-03-15', exitDate: null }, '2026-02-01'), '2026-03-15');
    assert.equal(memberMoveInDate({ entryDate: '2026-01-10', exitDate: '2026-01-20' }, '2026-02-01'), null);
    assert.equal(memberMoveInDate({ entryDate: '2026-01-10', exitDate: null }, null), null);
  });
});

describe('§1.8 chronic homelessness, the household rule', () => {
  const member = (id: string, entryDate: string, role: 'head' | 'adult' | 'child', own: 'yes' | 'no' | 'dont-know' | 'missing') => ({
    enrollmentId: id,
    entryDate,
    isHead: role === 'head',
    isAdult: role !== 'child',
    own,
  });

  it('a chronically homeless adult present at the start makes every member present at the start chronic', () => {
    const s = chronicStatuses([member('h', '2026-01-01', 'head', 'no'), member('a', '2026-01-01', 'adult', 'yes'), member('c', '2026-01-01', 'child', 'missing')]);
    assert.deepEqual([s.get('h'), s.get('a'), s.get('c')], ['yes', 'yes', 'yes']);
  });

  it('members who joined later keep their own status; children take the head’s otherwise', () => {
    const s = chronicStatuses([
      member('h', '2026-01-01', 'head', 'yes'),
      member('late', '2026-02-01', 'adult', 'no'),
      member('lateChild', '2026-02-01', 'child', 'missing'),
    ]);
    assert.deepEqual([s.get('h'), s.get('late'), s.get('lateChild')], ['yes', 'no', 'missing']);
    const t = chronicStatuses([member('h', '2026-01-01', 'head', 'dont-know'), member('c', '2026-01-01', 'child', 'missing')]);
    assert.equal(t.get('c'), 'dont-know');
    const u = chronicStatuses([member('h', '2026-01-01', 'head', 'no'), member('c', '2026-01-01', 'child', 'yes')]);
    assert.equal(u.get('c'), 'no', 'a child’s own answers never make the household chronic');
  });
});

describe('§1.9 veterans, youth, parenting youth', () => {
  it('children are never veterans', () => {
    assert.equal(isVeteran(true, 1), true);
    assert.equal(isVeteran(false, 1), false);
    assert.equal(isVeteran(true, 0), false);
  });

  it('a household with nobody known to be over 24: its members aged 12–24 are youth; a parent of a child is parenting youth', () => {
    const mother = { age: 19, relationshipToHoh: 1 };
    const baby = { age: 1, relationshipToHoh: 2 };
    assert.equal(isYouthHousehold([mother, baby]), true);
    assert.equal(isYouth(mother, true), true);
    assert.equal(isYouth(baby, true), false);
    assert.equal(isParentingYouth(mother, [mother, baby]), true);
    assert.equal(isParentingYouth(mother, [mother, { age: 25, relationshipToHoh: 3 }, baby]), false);
    // A 16-year-old head with a child is a parenting youth; a 16-year-old sibling is not.
    const teen = { age: 16, relationshipToHoh: 1 };
    assert.equal(isParentingYouth(teen, [teen, baby]), true);
    assert.equal(isParentingYouth({ age: 16, relationshipToHoh: 4 }, [mother, baby, { age: 16, relationshipToHoh: 4 }]), false);
  });
});

describe('§1.10 don’t know / prefers not to answer / not collected', () => {
  it('8 and 9 together; 99 and nothing together', () => {
    assert.deepEqual([8, 9, 99, null, 0, 1].map(answerBucket), ['dont-know', 'dont-know', 'not-collected', 'not-collected', 'answered', 'answered']);
  });
});

describe('§1.11 income at a stage', () => {
  const record = (over: Partial<IncomeRecord>): IncomeRecord => ({
    informationDate: '2026-01-01',
    dataCollectionStage: 1,
    incomeFromAnySource: 1,
    totalMonthlyIncome: null,
    sources: Array(15).fill(0),
    amounts: Array(15).fill(null),
    benefitsFromAnySource: null,
    benefits: Array(6).fill(null),
    insuranceFromAnySource: null,
    insurance: Array(10).fill(null),
    ...over,
  });
  const withSources = (pairs: [number, number][]) => {
    const sources = Array(15).fill(0);
    const amounts = Array(15).fill(null);
    for (const [i, amount] of pairs) {
      sources[i] = 1;
      amounts[i] = amount;
    }
    return { sources, amounts };
  };

  it('the recorded total when positive, else the sum of the positive amounts of sources answered Yes', () => {
    assert.equal(incomeAt(record({ totalMonthlyIncome: 900, ...withSources([[0, 500]]) })).total, 900);
    const summed = incomeAt(record(withSources([[0, 1200.5], [2, 300]])));
    assert.deepEqual([summed.total, summed.earned], [1500.5, 1200.5]);
  });

  it('no income when 4.02 is No, or a zero total with Yes or no answer; unknown otherwise, split 8/9 from 99', () => {
    assert.equal(incomeAt(record({ incomeFromAnySource: 0 })).total, 0);
    assert.equal(incomeAt(record({ incomeFromAnySource: null, totalMonthlyIncome: 0 })).total, 0);
    assert.equal(incomeAt(record({ incomeFromAnySource: 8 })).unknown, 'dont-know');
    assert.equal(incomeAt(record({ incomeFromAnySource: 99 })).unknown, 'not-collected');
    assert.equal(incomeAt(record({ incomeFromAnySource: 1 })).unknown, 'not-collected');
    assert.equal(incomeAt(null).unknown, 'not-collected');
  });

  it('data collected at the wrong stage or on another day is not the start or exit record', () => {
    const records = [record({ dataCollectionStage: 2, informationDate: '2026-01-01' }), record({ dataCollectionStage: 1, informationDate: '2026-01-02' })];
    assert.equal(recordOn(records, 1, '2026-01-01'), null);
    assert.equal(recordOn(records, 1, '2026-01-02'), records[1]);
  });

  it('the annual assessment: anniversary of the head’s entry, ±30 days, only after a year', () => {
    assert.equal(annualAnniversary('2025-11-15', TO), null);
    assert.equal(annualAnniversary('2024-11-15', TO), '2025-11-15');
    assert.equal(annualAnniversary('2023-09-30', TO), '2026-09-30');
    assert.equal(annualRequired({ isStayer: true, entryDate: '2025-11-15' }, '2025-11-15'), true);
    assert.equal(annualRequired({ isStayer: true, entryDate: '2025-11-16' }, '2025-11-15'), false, 'joined after the anniversary');
    assert.equal(annualRequired({ isStayer: false, entryDate: '2024-11-15' }, '2025-11-15'), false);
    const records = [
      record({ dataCollectionStage: 5, informationDate: '2025-10-16' }),
      record({ dataCollectionStage: 5, informationDate: '2025-12-15' }),
      record({ dataCollectionStage: 5, informationDate: '2025-12-16' }),
    ];
    assert.equal(annualRecord(records, '2025-11-15', TO), records[1], 'the latest within 30 days; 31 days after is outside');
    assert.equal(annualRecord([records[0]!], '2025-11-15', TO), records[0]);
  });

  it('earned, other and total income (Q18, Q19a): other is total − earned; earned never exceeds a recorded total', () => {
    const both = incomeAt(record({ incomeFromAnySource: 1, ...withSources([[0, 500], [2, 300]]) }));
    assert.deepEqual(['earned', 'other', 'total'].map((c) => categoryAmount(both, c as IncomeCategory)), [500, 300, 800]);
    const capped = incomeAt(record({ incomeFromAnySource: 1, totalMonthlyIncome: 300, ...withSources([[0, 500]]) }));
    assert.deepEqual(['earned', 'other', 'total'].map((c) => categoryAmount(capped, c as IncomeCategory)), [300, 0, 300]);
    const otherOnly = incomeAt(record({ incomeFromAnySource: 1, totalMonthlyIncome: 250, sources: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0] }));
    assert.deepEqual(['earned', 'other', 'total'].map((c) => categoryAmount(otherOnly, c as IncomeCategory)), [0, 250, 250]);
    assert.equal(categoryAmount(incomeAt(record({ incomeFromAnySource: 8 })), 'other'), null);
  });
});
