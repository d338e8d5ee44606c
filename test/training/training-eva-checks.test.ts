import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addYears, calendarMonthsInclusive } from '../../src/hud/calendar-days.js';
import { generateTrainingData } from '../../src/training/training-data.js';

/**
 * Issue 11 finding 12: the Training generator counts months homeless as HUD does, so Eva's checks 70, 71 and 105
 * find nothing in it. (The full scan of Eva's checks over the Training data is still to come; bed nights, Eva
 * 106/107, wait for the bed-night element.)
 */
describe('Training data against Eva’s 3.917 history checks', () => {
  for (const today of ['2026-12-03', '2028-02-29']) {
    it(`months homeless are calendar months from the start month to entry, capped (Eva 70, 71, 105), today ${today}`, () => {
      const data = generateTrainingData({ today, now: new Date(`${today}T15:00:00Z`) });
      const found: string[] = [];
      for (const e of data.enrollments) {
        const { dateToStreetEssh: date, timesHomelessPastThreeYears: times, monthsHomelessPastThreeYears: months } = e;
        if (times === 1 && months !== null && [8, 9, 99].includes(months)) found.push(`70 ${e.enrollmentId}`);
        if (times === 1 && date !== null && months !== null && ![8, 9, 99].includes(months) && months !== 100 + Math.min(calendarMonthsInclusive(date, e.entryDate), 13)) {
          found.push(`71 ${e.enrollmentId}: ${date} → ${e.entryDate} gave ${months}`);
        }
        if (date !== null && date <= addYears(e.entryDate, -3) && (times !== 1 || months === null || months < 112)) found.push(`105 ${e.enrollmentId}`);
      }
      assert.deepEqual(found.slice(0, 10), [], `${found.length} records Eva would flag`);
    });
  }
});
