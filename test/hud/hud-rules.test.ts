import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { annualStatus, annualWindow, isExpectedIn, windowHolding } from '../../src/hud/annual-assessment.js';
import { addYears, calendarMonthsInclusive, wholeYears } from '../../src/hud/calendar-days.js';
import { chronicStatusAtStart, householdChronicStatus, isDisablingRecord, type ChronicInputs } from '../../src/hud/chronic-homelessness.js';

describe('calendar days', () => {
  it('a leap-day start has its anniversary on March 1 in other years, and whole years count like an age', () => {
    assert.equal(addYears('2024-02-29', 1), '2025-03-01');
    assert.equal(addYears('2024-02-29', 4), '2028-02-29');
    assert.equal(wholeYears('2021-06-01', '2022-05-31'), 0);
    assert.equal(wholeYears('2021-06-01', '2022-06-01'), 1);
  });

  it('months are counted as HUD counts them: calendar months, both ends included', () => {
    assert.equal(calendarMonthsInclusive('2026-01-20', '2026-03-02'), 3);
    assert.equal(calendarMonthsInclusive('2026-03-01', '2026-03-31'), 1);
    assert.equal(calendarMonthsInclusive('2025-12-31', '2026-01-01'), 2);
    assert.equal(calendarMonthsInclusive('2026-04-01', '2026-03-01'), 0);
  });
});

describe('annual assessment window: 30 days either side of each anniversary of the head of household’s start', () => {
  const start = '2025-06-01';

  it('the window holds 61 days, the anniversary in the middle, and nothing outside belongs to a window', () => {
    assert.deepEqual(annualWindow(start, 1), { year: 1, anniversary: '2026-06-01', opens: '2026-05-02', closes: '2026-07-01' });
    assert.equal(windowHolding(start, '2026-05-01'), null);
    assert.equal(windowHolding(start, '2026-05-02')?.year, 1);
    assert.equal(windowHolding(start, '2026-07-01')?.year, 1);
    assert.equal(windowHolding(start, '2026-07-02'), null);
    assert.equal(windowHolding(start, '2027-06-10')?.year, 2);
    assert.equal(windowHolding(start, '2025-06-15'), null, 'the first months expect none');
  });

  it('not yet, then due (with the days left), then done or overdue, then due again next year', () => {
    assert.equal(annualStatus(start, '2026-01-15', []).kind, 'not-yet');
    const due = annualStatus(start, '2026-05-20', []);
    assert.equal(due.kind, 'due');
    assert.equal(due.kind === 'due' && due.daysLeft, 42);
    assert.equal(annualStatus(start, '2026-05-20', ['2026-05-10']).kind, 'done');
    assert.equal(annualStatus(start, '2026-09-01', ['2026-05-10']).kind, 'done');
    const overdue = annualStatus(start, '2026-09-01', ['2026-04-30']);
    assert.equal(overdue.kind, 'overdue', 'an assessment a day before the window opens does not count');
    assert.equal(overdue.kind === 'overdue' && overdue.next.anniversary, '2027-06-01');
    assert.equal(annualStatus(start, '2027-05-15', ['2026-05-10']).kind, 'due');
  });

  it('a member who joined after the anniversary, or left before it, is not expected to have one', () => {
    const window = annualWindow(start, 1);
    assert.equal(isExpectedIn(window, { entryDate: start, exitDate: null }), true);
    assert.equal(isExpectedIn(window, { entryDate: '2026-06-02', exitDate: null }), false);
    assert.equal(isExpectedIn(window, { entryDate: start, exitDate: '2026-05-31' }), false);
  });
});

describe('chronic homelessness at project start (HUD glossary flowchart)', () => {
  const base: ChronicInputs = {
    projectType: 3,
    projectStart: '2026-06-01',
    disablingCondition: 1,
    disabilities: [],
    livingSituation: 116,
    losUnderThreshold: null,
    previousStreetEssh: null,
    dateToStreetEssh: '2026-01-01',
    timesHomelessPastThreeYears: 4,
    monthsHomelessPastThreeYears: 112,
  };

  it('disability: 3.08 Yes, or a disabling 4.05–4.10 record; 3.08 No is not chronic; 8/9 and 99 are unknown and missing', () => {
    assert.equal(chronicStatusAtStart(base), 'yes');
    assert.equal(chronicStatusAtStart({ ...base, disablingCondition: 0 }), 'no');
    assert.equal(chronicStatusAtStart({ ...base, disablingCondition: 8 }), 'dont-know');
    assert.equal(chronicStatusAtStart({ ...base, disablingCondition: 99 }), 'missing');
    assert.equal(chronicStatusAtStart({ ...base, disablingCondition: null }), 'missing');
    const mental = { disabilityType: 9, disabilityResponse: 1, indefiniteAndImpairs: 1 };
    assert.equal(chronicStatusAtStart({ ...base, disablingCondition: 0, disabilities: [mental] }), 'yes');
    assert.equal(chronicStatusAtStart({ ...base, disablingCondition: 0, disabilities: [{ ...mental, indefiniteAndImpairs: 0 }] }), 'no');
  });

  it('which 4.05–4.10 answers are disabling', () => {
    assert.equal(isDisablingRecord({ disabilityType: 6, disabilityResponse: 1, indefiniteAndImpairs: null }), true);
    assert.equal(isDisablingRecord({ disabilityType: 8, disabilityResponse: 1, indefiniteAndImpairs: null }), true);
    assert.equal(isDisablingRecord({ disabilityType: 10, disabilityResponse: 3, indefiniteAndImpairs: 1 }), true);
    assert.equal(isDisablingRecord({ disabilityType: 10, disabilityResponse: 2, indefiniteAndImpairs: 0 }), false);
    assert.equal(isDisablingRecord({ disabilityType: 5, disabilityResponse: 8, indefiniteAndImpairs: 1 }), false);
  });

  it('3.917B: from an institution or other housing, only a short stay after a night on the street, in shelter or a safe haven goes on', () => {
    const institution = { ...base, livingSituation: 207, dateToStreetEssh: '2025-01-01' };
    assert.equal(chronicStatusAtStart({ ...institution, losUnderThreshold: 1, previousStreetEssh: 1 }), 'yes');
    assert.equal(chronicStatusAtStart({ ...institution, losUnderThreshold: 0 }), 'no');
    assert.equal(chronicStatusAtStart({ ...institution, losUnderThreshold: 1, previousStreetEssh: 0 }), 'no');
    assert.equal(chronicStatusAtStart({ ...institution, losUnderThreshold: null }), 'missing');
    assert.equal(chronicStatusAtStart({ ...base, livingSituation: 8, losUnderThreshold: 1, previousStreetEssh: 1 }), 'yes', '"other" 8/9/99 too');
    assert.equal(chronicStatusAtStart({ ...base, livingSituation: null }), 'missing');
  });

  it('3.917A (shelter, outreach, safe haven) asks no more and goes straight to the time', () => {
    assert.equal(chronicStatusAtStart({ ...base, projectType: 1, livingSituation: 410, losUnderThreshold: 0 }), 'yes');
  });

  it('time: a start at least 365 days before project start; else four or more times and 12 or more months', () => {
    assert.equal(chronicStatusAtStart({ ...base, dateToStreetEssh: '2025-06-01', timesHomelessPastThreeYears: 1 }), 'yes');
    assert.equal(chronicStatusAtStart({ ...base, dateToStreetEssh: '2025-06-02', timesHomelessPastThreeYears: 1 }), 'no');
    assert.equal(chronicStatusAtStart({ ...base, timesHomelessPastThreeYears: 9 }), 'dont-know');
    assert.equal(chronicStatusAtStart({ ...base, timesHomelessPastThreeYears: 99 }), 'missing');
    assert.equal(chronicStatusAtStart({ ...base, monthsHomelessPastThreeYears: 113 }), 'yes');
    assert.equal(chronicStatusAtStart({ ...base, monthsHomelessPastThreeYears: 111 }), 'no');
    assert.equal(chronicStatusAtStart({ ...base, monthsHomelessPastThreeYears: 8 }), 'dont-know');
    assert.equal(chronicStatusAtStart({ ...base, monthsHomelessPastThreeYears: null }), 'missing');
  });

  it('a household is chronic when any head or adult present at its start is; children never make it', () => {
    assert.equal(householdChronicStatus([{ isHeadOrAdult: true, status: 'no' }, { isHeadOrAdult: true, status: 'yes' }]), 'yes');
    assert.equal(householdChronicStatus([{ isHeadOrAdult: true, status: 'no' }, { isHeadOrAdult: false, status: 'yes' }]), 'no');
    assert.equal(householdChronicStatus([{ isHeadOrAdult: true, status: 'no' }, { isHeadOrAdult: true, status: 'missing' }]), 'missing');
    assert.equal(householdChronicStatus([{ isHeadOrAdult: true, status: 'dont-know' }, { isHeadOrAdult: true, status: 'missing' }]), 'dont-know');
  });
});
