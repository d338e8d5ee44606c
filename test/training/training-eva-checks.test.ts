import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addYears, calendarMonthsInclusive } from '../../src/hud/calendar-days.js';
import { generateTrainingData, type TrainingData } from '../../src/training/training-data.js';

/**
 * Issue 11: the Training data is scanned with the rules HUD's checker (Eva) applies, and Eva would find no error in
 * it. Each check names Eva's number (../shared/reference/hud-conformance-review.md, [EVA] 05_DataQuality.R) and
 * looks at the data as the export writes it (hud-csv-files.md): 27 Enrollment CoC, 41 incomplete living situation,
 * 70/71/105 the 3.917 history, 84 entry before birth, 99 exit before entry, 116–120 stays outside the operating
 * period, and the household rules (Eva 2/3, the LSA's 1–5).
 */

const OTHER_GROUP_UPPER = 99;
/** Eva 41's projects: TH, PH (PSH, PH housing only, PH housing with services, RRH), SSO and HP. */
const EVA_41_PROJECT_TYPES = new Set([2, 3, 9, 10, 13, 6, 12]);

/** Every problem Eva would call an error, as "check id: detail" (empty when there is none). */
function evaErrors(data: TrainingData, today: string): string[] {
  const found: string[] = [];
  const projects = new Map(data.projects.map((p) => [p.projectId, p]));
  const cocs = new Map<string, Set<string>>();
  for (const r of data.setup.cocs) cocs.set(r.projectId, (cocs.get(r.projectId) ?? new Set()).add(r.cocCode));
  const dobs = new Map(data.clients.map((c) => [c.personalId, c.dob]));
  const exits = new Map(data.exits.map((x) => [x.enrollmentId, x]));
  const heads = new Map<string, number>();

  for (const e of data.enrollments) {
    const project = projects.get(e.projectId);
    const exit = exits.get(e.enrollmentId);
    if (e.relationshipToHoH === 1) heads.set(e.householdId, (heads.get(e.householdId) ?? 0) + 1);
    else heads.set(e.householdId, heads.get(e.householdId) ?? 0);
    if (![1, 2, 3, 4, 5].includes(e.relationshipToHoH)) found.push(`relationship ${e.enrollmentId}: ${e.relationshipToHoH}`);

    // 27: a head of household without an Enrollment CoC, or one that is not among the project's (ProjectCoC.csv).
    if (e.relationshipToHoH === 1 && (e.enrollmentCoc === null || !cocs.get(e.projectId)?.has(e.enrollmentCoc))) found.push(`27 ${e.enrollmentId}: ${e.enrollmentCoc}`);

    // 41: a short stay in temporary, permanent or "other" housing needs LOSUnderThreshold and PreviousStreetESSH.
    const situation = e.livingSituation;
    const housedOrOther = situation !== null && (situation <= OTHER_GROUP_UPPER || (situation >= 300 && situation < 500));
    if (project && EVA_41_PROJECT_TYPES.has(project.projectType ?? -1) && housedOrOther && (e.lengthOfStay === 10 || e.lengthOfStay === 11)) {
      if (e.losUnderThreshold === null || e.previousStreetEssh === null) found.push(`41 ${e.enrollmentId}`);
    }

    // 70, 71, 105: the 3.917 history against itself.
    const { dateToStreetEssh: date, timesHomelessPastThreeYears: times, monthsHomelessPastThreeYears: months } = e;
    if (times === 1 && months !== null && [8, 9, 99].includes(months)) found.push(`70 ${e.enrollmentId}`);
    if (times === 1 && date !== null && months !== null && ![8, 9, 99].includes(months) && months !== 100 + Math.min(calendarMonthsInclusive(date, e.entryDate), 13)) {
      found.push(`71 ${e.enrollmentId}: ${date} → ${e.entryDate} gave ${months}`);
    }
    if (date !== null && date <= addYears(e.entryDate, -3) && (times !== 1 || months === null || months < 112)) found.push(`105 ${e.enrollmentId}`);

    // 84: nobody enters before being born.
    const dob = dobs.get(e.personalId);
    if (dob && e.entryDate < dob) found.push(`84 ${e.enrollmentId}: born ${dob}, entered ${e.entryDate}`);
    // 99: no exit before entry.
    if (exit && exit.exitDate < e.entryDate) found.push(`99 ${e.enrollmentId}`);

    // 116–120: the stay lies within the project's operating period.
    if (!project) {
      found.push(`project ${e.enrollmentId}`);
      continue;
    }
    const start = project.operatingStartDate;
    const end = project.operatingEndDate;
    const last = exit?.exitDate ?? null;
    if (end !== null && e.entryDate > end) found.push(`116 ${e.enrollmentId}: entered ${e.entryDate} after ${end}`);
    if (last !== null && last < start) found.push(`117 ${e.enrollmentId}`);
    else if (e.entryDate < start) found.push(`118 ${e.enrollmentId}: entered ${e.entryDate} before ${start}`);
    if (end !== null && end <= today && e.entryDate <= end && (last === null || last > end)) found.push(`119 ${e.enrollmentId}: ${last ?? 'open'} after ${end}`);
  }
  // Eva 2/3: exactly one head in every household.
  for (const [household, count] of heads) if (count !== 1) found.push(`heads ${household}: ${count}`);
  return found;
}

describe('Training data scanned with Eva’s checks', () => {
  for (const today of ['2026-12-03', '2027-06-15', '2028-02-29']) {
    it(`Eva finds no error (27, 41, 70, 71, 84, 99, 105, 116–120, one head of household, relationships 1–5), today ${today}`, () => {
      const data = generateTrainingData({ today, now: new Date(`${today}T15:00:00Z`) });
      assert.ok(data.enrollments.length > 1000, 'a real amount of data');
      const found = evaErrors(data, today);
      assert.deepEqual(found.slice(0, 10), [], `${found.length} records Eva would flag`);
    });
  }

  it('the scan is no formality: a stay it should flag is flagged', () => {
    const today = '2026-12-03';
    const data = generateTrainingData({ today, now: new Date(`${today}T15:00:00Z`) });
    const [first, second] = data.enrollments.filter((e) => e.relationshipToHoH === 1);
    data.enrollments = data.enrollments.map((e) =>
      e === first ? { ...e, enrollmentCoc: null, entryDate: '1800-01-01' } : e === second ? { ...e, relationshipToHoH: 99 as never } : e,
    );
    const found = evaErrors(data, today).map((f) => f.split(' ')[0]);
    for (const check of ['27', '84', '118', 'relationship', 'heads']) assert.ok(found.includes(check), `${check} in ${found.join(',')}`);
  });
});
