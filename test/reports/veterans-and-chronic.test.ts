import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { SiteDatabase } from '../../src/db/database.js';
import type { ReportParams } from '../../src/reports/report.model.js';
import { tableCsv } from '../../src/reports/sage-zip.js';
import { client, disability, enroll, household, organization, project, type ClientOptions, type EnrollmentOptions } from './fixtures.js';
import { questionWorld } from './question-world.js';

/*
 * Q25a/b/d/i/j (veterans) and Q26a/b/d/e (chronic homelessness) on hand-built households, report year
 * 2025-10-01 – 2026-09-30 (reference §1.3, §1.8, §1.9, §3; decisions 11 and 12 of docs/reports.md). TH unless said.
 * Chronic status (§1.8) by the 3.917 answers; "disabled" = 3.08 Yes; the prior living situation is always 116.
 *
 * H1  V1 veteran head (45), homeless since exactly 365 days before entry → CH; A1 non-veteran partner, 18 on the
 *     day of entry, own answers not CH but present at the start → CH by the household rule. Both left to 435 VASH.
 * H2  V2 veteran head, entered 2025-06-01, 24 on the report start (25 the day after): homeless since 364 days
 *     before entry, 4 times, 11 months → not CH. C2 child (10) with a veteran answer of Yes (never a veteran) and
 *     own chronic answers → takes the head's "not CH". Stayers.
 * H3  N3 non-veteran head (not CH) with D3, veteran "doesn't know", disabling condition not collected (CH missing).
 * H4  HP: V4 veteran head, 65 on the day of entry, 4 times and 12 months → CH; left to 435 RRH subsidy (not in Q25j:
 *     homelessness prevention).
 * H5  K5 head alone, veteran "doesn't know", disabling condition not collected.
 * H6  M6a head, veteran not collected, 4 times and months "doesn't know" → CH don't know; M6b adult, veteran not
 *     collected, disabling condition not collected.
 * H7  N7 non-veteran head, not CH; A7 joined a month later, CH on their own answers (keeps it: not present at the
 *     start): a CH member in a household without a CH head.
 * H9  U9 veteran head (66), not CH, with K9 of unknown age (DOB "doesn't know") → unknown household type.
 * H10 Y10 head alone, 17 on the day of entry (18 the day after), veteran answer Yes, CH → a child-only household.
 * H11 U11 head alone, DOB "doesn't know", veteran answer Yes (not an adult, so not a veteran), CH.
 * H12 V12 veteran head, 64 on entry (65 after), disabled, 3 times and more than 12 months → not CH, with C12 child;
 *     left to 435 Housing Stability Voucher.
 */
const PARAMS: ReportParams = { kind: 'apr', from: '2025-10-01', to: '2026-09-30', projectIds: [], cocCode: null };
const CH = { disablingCondition: 1, dateToStreetEssh: '2020-01-01' } as const;
const MISSING = { disablingCondition: 99 } as const;

async function buildWorld(db: SiteDatabase['db'], params: ReportParams, ids: Record<string, string>) {
  const org = await organization(db);
  const th = await project(db, org, 2);
  const hp = await project(db, org, 12);
  params.projectIds.push(th, hp);
  const personal: Record<string, string> = {};
  const member = async (name: string, projectId: string, householdId: string, entry: string, who: ClientOptions, o: Partial<EnrollmentOptions> = {}) => {
    personal[name] = await client(db, who);
    ids[name] = await enroll(db, personal[name], projectId, entry, { householdId, ...o });
  };
  const partner = { relationshipToHoh: 3 };
  const child = { relationshipToHoh: 2 };

  const h1 = household();
  const h1Exit = { exitDate: '2026-05-01', destination: 435, destinationSubsidyType: 419 };
  await member('V1', th, h1, '2026-01-05', { dob: '1980-05-05', veteranStatus: 1 }, { ...h1Exit, disablingCondition: 1, dateToStreetEssh: '2025-01-05' });
  await member('A1', th, h1, '2026-01-05', { dob: '2008-01-05', veteranStatus: 0 }, { ...h1Exit, ...partner });
  await disability(db, ids.V1!, personal.V1!, '2026-01-05', 1, 9, 1, 1);
  await disability(db, ids.V1!, personal.V1!, '2026-05-01', 3, 9, 1, 1);

  const h2 = household();
  await member('V2', th, h2, '2025-06-01', { dob: '2000-10-02', veteranStatus: 1 }, { disablingCondition: 1, dateToStreetEssh: '2024-06-02', timesHomeless: 4, monthsHomeless: 111 });
  await member('C2', th, h2, '2025-06-01', { dob: '2015-01-01', veteranStatus: 1 }, { ...child, ...CH });

  const h3 = household();
  await member('N3', th, h3, '2026-02-01', { dob: '1990-01-01', veteranStatus: 0 });
  await member('D3', th, h3, '2026-02-01', { dob: '1992-01-01', veteranStatus: 8 }, { ...partner, ...MISSING });

  await member('V4', hp, household(), '2026-02-01', { dob: '1961-02-01', veteranStatus: 1 }, {
    disablingCondition: 1,
    dateToStreetEssh: null,
    timesHomeless: 4,
    monthsHomeless: 112,
    exitDate: '2026-08-01',
    destination: 435,
    destinationSubsidyType: 431,
  });

  await member('K5', th, household(), '2026-03-01', { dob: '1985-01-01', veteranStatus: 8 }, MISSING);

  const h6 = household();
  await member('M6a', th, h6, '2026-03-01', { dob: '1970-01-01', veteranStatus: 99 }, { disablingCondition: 1, dateToStreetEssh: null, timesHomeless: 4, monthsHomeless: 8 });
  await member('M6b', th, h6, '2026-03-01', { dob: '1972-01-01', veteranStatus: 99 }, { ...partner, ...MISSING });

  const h7 = household();
  await member('N7', th, h7, '2026-03-01', { dob: '1975-01-01', veteranStatus: 0 });
  await member('A7', th, h7, '2026-04-01', { dob: '1978-01-01', veteranStatus: 0 }, { ...partner, ...CH });
  await disability(db, ids.N7!, personal.N7!, '2026-03-01', 1, 9, 1, 1);
  await disability(db, ids.A7!, personal.A7!, '2026-04-01', 1, 10, 3, 1);
  await disability(db, ids.A7!, personal.A7!, '2026-06-01', 2, 5, 1, 1);

  const h9 = household();
  await member('U9', th, h9, '2026-03-01', { dob: '1960-01-01', veteranStatus: 1 });
  await member('K9', th, h9, '2026-03-01', { dob: null, dobDataQuality: 8, veteranStatus: 0 }, partner);

  await member('Y10', th, household(), '2026-03-01', { dob: '2008-03-02', veteranStatus: 1 }, CH);
  await member('U11', th, household(), '2026-03-01', { dob: null, dobDataQuality: 9, veteranStatus: 1 }, CH);

  const h12 = household();
  const h12Exit = { exitDate: '2026-06-01', destination: 435, destinationSubsidyType: 436 };
  await member('V12', th, h12, '2026-01-05', { dob: '1961-06-02', veteranStatus: 1 }, { ...h12Exit, disablingCondition: 1, dateToStreetEssh: null, timesHomeless: 3, monthsHomeless: 113 });
  await member('C12', th, h12, '2026-01-05', { dob: '2016-01-01', veteranStatus: 0 }, { ...h12Exit, ...child });
}

const DK = 'Client Doesn’t Know/Prefers Not to Answer';
const DNC = 'Data Not Collected';
const Q25_HEADER = [' ', 'Total', 'Without Children', 'With Children and Adults', 'Unknown Household Type'];
const HH_HEADER = [' ', 'Total', 'Without Children', 'With Children and Adults', 'With Only Children', 'Unknown Household Type'];

describe('HUD report questions Q25 (veterans) and Q26 (chronic homelessness) on hand-built households', () => {
  const { table, values, who, named } = questionWorld(PARAMS, buildWorld);
  /** The table as Sage reads it back: header row, then label and values from B2. */
  const csv = (id: string) => parse(tableCsv(table(id))) as string[][];
  const column = (id: string, label: string, n: number) => values(id).find((r) => r[0] === label)![n];

  it('Q25a: every adult by veteran status and chronic homelessness; children are never veterans', () => {
    assert.deepEqual(values('Q25a'), [
      ['Chronically Homeless Veteran', 2, 2, 0, 0],
      ['Non-Chronically Homeless Veteran', 3, 0, 2, 1],
      ['Not a Veteran', 4, 4, 0, 0],
      [DK, 2, 2, 0, 0],
      [DNC, 2, 2, 0, 0],
      ['Total', 13, 10, 2, 1],
    ]);
    assert.deepEqual(who('Q25a', 'Chronically Homeless Veteran', 1), named('V1', 'V4'), 'homeless since exactly 365 days; 4 times and 12 months');
    assert.deepEqual(who('Q25a', 'Non-Chronically Homeless Veteran', 1), named('V2', 'U9', 'V12'), '364 days and 11 months, or 3 times: not chronic');
    assert.deepEqual(who('Q25a', 'Not a Veteran', 1), named('A1', 'N3', 'N7', 'A7'));
    assert.ok(!who('Q25a', 'Total', 1)!.some((id) => [named('C2', 'Y10', 'U11', 'K9')].flat().includes(id)), 'the child veteran answers and unknown ages are not adults');
  });

  it('Q25a’s adults are Q7a’s adults, column by column; its veterans are Q5a’s', () => {
    const adults = values('Q7a').find((r) => r[0] === 'Adults')!;
    assert.deepEqual(values('Q25a').at(-1)!.slice(1), [adults[1], adults[2], adults[3], adults[5]]);
    assert.equal(adults[4], null, 'no adult in a child-only household: the column Q25a does not have');
    const veterans = (column('Q25a', 'Chronically Homeless Veteran', 1) as number) + (column('Q25a', 'Non-Chronically Homeless Veteran', 1) as number);
    assert.equal(veterans, column('Q5a', 'Number of veterans', 2));
    assert.equal(column('Q25d', 'Total', 1), veterans);
  });

  it('Q25b: households not child-only, through their head, in the first category any adult is in (decision 11)', () => {
    assert.deepEqual(values('Q25b'), [
      ['Chronically Homeless Veteran', 2, 2, 0, 0],
      ['Non-Chronically Homeless Veteran', 3, 0, 2, 1],
      ['Not a Veteran', 2, 2, 0, 0],
      [DK, 1, 1, 0, 0],
      [DNC, 2, 1, 0, 1],
      ['Total', 10, 6, 2, 2],
    ]);
    assert.deepEqual(who('Q25b', 'Chronically Homeless Veteran', 1), named('V1', 'V4'));
    assert.deepEqual(who('Q25b', 'Not a Veteran', 1), named('N3', 'N7'), 'H3: a non-veteran adult comes before the partner’s "doesn’t know"');
    assert.deepEqual(who('Q25b', DNC, 1), named('M6a', 'U11'), 'H11 has no adult: data not collected');
    const households = values('Q8a').find((r) => r[0] === 'Total Households')!;
    assert.equal(column('Q25b', 'Total', 1), (households[1] as number) - (households[4] as number), 'every household but the child-only ones');
  });

  it('Q25d: veterans by age at the later of project start and report start, from 18', () => {
    assert.deepEqual(values('Q25d'), [
      ['18-24', 1, 0, 1, 0],
      ['25-34', 0, 0, 0, 0],
      ['35-44', 0, 0, 0, 0],
      ['45-54', 1, 1, 0, 0],
      ['55-64', 1, 0, 1, 0],
      ['65+', 2, 1, 0, 1],
      [DK, 0, 0, 0, 0],
      [DNC, 0, 0, 0, 0],
      ['Total', 5, 2, 2, 1],
    ]);
    assert.deepEqual(who('Q25d', '18-24', 1), named('V2'), '24 on the report start, though 25 by its end');
    assert.deepEqual(who('Q25d', '55-64', 1), named('V12'), '64 on the day of entry');
    assert.deepEqual(who('Q25d', '65+', 1), named('V4', 'U9'), '65 on the day of entry');
  });

  it('Q25i: Q23c’s destinations for the veterans who left', () => {
    const rows = values('Q25i');
    assert.equal(rows.length, 42);
    assert.deepEqual(rows.find((r) => r[0] === 'Rental by client, with ongoing housing subsidy'), ['Rental by client, with ongoing housing subsidy', 3, 2, 1, 0, 0]);
    assert.deepEqual(rows.slice(38), [
      ['TOTAL', 3, 2, 1, 0, 0],
      ['Total persons exiting to positive housing destinations', 3, 2, 1, 0, 0],
      ['Total persons whose destinations excluded them from the calculation', 0, 0, 0, 0, 0],
      ['Percentage of persons exiting to positive housing destinations', '1.0000', '1.0000', '1.0000', '0.0000', '0.0000'],
    ]);
    assert.deepEqual(who('Q25i', 'TOTAL', 1), named('V1', 'V4', 'V12'), 'A1 and C12 left too, but are not veterans');
  });

  it('Q25j: veterans who left to a rental with a subsidy, by subsidy type; homelessness prevention left out', () => {
    const rows = values('Q25j');
    assert.equal(rows.length, 12);
    assert.deepEqual(rows[1], ['VASH housing subsidy', 1, 1, 0, 0]);
    assert.deepEqual(rows[2], ['RRH or equivalent subsidy', 0, 0, 0, 0], 'V4 left an HP project');
    assert.deepEqual(rows[6], ['Housing Stability Voucher', 1, 0, 1, 0]);
    assert.deepEqual(rows[11], ['Total', 2, 1, 1, 0]);
    assert.equal(rows.slice(0, 11).reduce((n, r) => n + (r[1] as number), 0), 2);
    assert.deepEqual(who('Q25j', 'Total', 1), named('V1', 'V12'));
  });

  it('Q26b: every person by chronic status; the household rule at the start, a later member keeping their own', () => {
    assert.deepEqual(values('Q26b'), [
      ['Chronically Homeless', 6, 4, 0, 1, 1],
      ['Not Chronically Homeless', 8, 2, 4, 0, 2],
      [DK, 1, 1, 0, 0, 0],
      [DNC, 3, 3, 0, 0, 0],
      ['Total', 18, 10, 4, 1, 3],
    ]);
    assert.deepEqual(who('Q26b', 'Chronically Homeless', 1), named('V1', 'A1', 'V4', 'A7', 'Y10', 'U11'));
    assert.ok(who('Q26b', 'Not Chronically Homeless', 1)!.includes(named('C2')[0]!), 'a child takes the head’s status, not their own');
    assert.ok(who('Q26b', 'Not Chronically Homeless', 1)!.includes(named('N7')[0]!), 'a CH member who joined later does not make the head CH');
    assert.equal(column('Q26b', 'Chronically Homeless', 1), column('Q5a', 'Number of chronically homeless persons', 2));
    assert.equal(column('Q26b', 'Total', 1), column('Q5a', 'Total number of persons served', 2));
    assert.deepEqual(values('Q26b').at(-1), ['Total', ...values('Q7a').find((r) => r[0] === 'Total')!.slice(1)]);
  });

  it('Q26a: households through their head, by their adults and head only: CH > don’t know > not collected > not CH (decision 12)', () => {
    assert.deepEqual(values('Q26a'), [
      ['Chronically Homeless', 5, 3, 0, 1, 1],
      ['Not Chronically Homeless', 3, 0, 2, 0, 1],
      [DK, 1, 1, 0, 0, 0],
      [DNC, 2, 2, 0, 0, 0],
      ['Total', 11, 6, 2, 1, 2],
    ]);
    assert.deepEqual(who('Q26a', 'Chronically Homeless', 1), named('V1', 'V4', 'N7', 'Y10', 'U11'), 'H7 through its head, who is not CH');
    assert.deepEqual(who('Q26a', 'Not Chronically Homeless', 1), named('V2', 'U9', 'V12'), 'C2’s own answers never make H2 CH');
    assert.deepEqual(who('Q26a', DK, 1), named('M6a'), 'don’t know before not collected');
    assert.deepEqual(who('Q26a', DNC, 1), named('N3', 'K5'), 'H3: not collected before not CH');
    assert.deepEqual(values('Q26a').at(-1), ['Total', ...values('Q8a').find((r) => r[0] === 'Total Households')!.slice(1)]);
  });

  it('Q26d: chronically homeless persons by age, every child in one row; HUD’s blanks C2 and E3–E10', () => {
    assert.deepEqual(values('Q26d'), [
      ['0 - 17', 1, null, 0, 1, 0],
      ['18-24', 1, 1, 0, null, 0],
      ['25-34', 0, 0, 0, null, 0],
      ['35-44', 0, 0, 0, null, 0],
      ['45-54', 2, 2, 0, null, 0],
      ['55-64', 0, 0, 0, null, 0],
      ['65+', 1, 1, 0, null, 0],
      [DK, 1, 0, 0, null, 1],
      [DNC, 0, 0, 0, null, 0],
      ['Total', 6, 4, 0, 1, 1],
    ]);
    assert.deepEqual(who('Q26d', '0 - 17', 1), named('Y10'), '17 on the day of entry');
    assert.deepEqual(who('Q26d', '18-24', 1), named('A1'), '18 on the day of entry');
    assert.deepEqual(who('Q26d', DK, 1), named('U11'));
  });

  it('Q26e: conditions of the chronically homeless at start, at the latest assessment of stayers, at exit of leavers', () => {
    assert.deepEqual(values('Q26e'), [
      ['Mental Health Disorder', 1, 0, 1],
      ['Alcohol Use Disorder', 0, 0, 0],
      ['Drug Use Disorder', 0, 0, 0],
      ['Both Alcohol and Drug Use Disorders', 1, 0, 0],
      ['Chronic Health Condition', 0, 0, 0],
      ['HIV/AIDS', 0, 0, 0],
      ['Developmental Disability', 0, 0, 0],
      ['Physical Disability', 0, 1, 0],
    ]);
    assert.deepEqual(who('Q26e', 'Mental Health Disorder', 1), named('V1'), 'N7’s condition is not counted: N7 is not CH');
    assert.deepEqual(who('Q13a1', 'Mental Health Disorder', 1), named('V1', 'N7'));
    assert.deepEqual(who('Q26e', 'Physical Disability', 2), named('A7'), 'the latest assessment only, not the start’s');
    values('Q26e').forEach(([label, start, latest, exit]) => {
      assert.ok((start as number) <= (column('Q13a1', label as string, 1) as number), `${label}: at start, within Q13a1`);
      assert.ok((latest as number) <= (column('Q13c1', label as string, 1) as number), `${label}: stayers, within Q13c1`);
      assert.ok((exit as number) <= (column('Q13b1', label as string, 1) as number), `${label}: at exit, within Q13b1`);
    });
  });

  it('the Sage CSVs: each table’s header and row labels as HUD lays them out', () => {
    for (const id of ['Q25a', 'Q25b']) {
      assert.deepEqual(csv(id)[0], Q25_HEADER);
      assert.deepEqual(
        csv(id).slice(1).map((r) => r[0]),
        ['Chronically Homeless Veteran', 'Non-Chronically Homeless Veteran', 'Not a Veteran', DK, DNC, 'Total'],
      );
    }
    assert.deepEqual(csv('Q25d')[0], Q25_HEADER);
    assert.deepEqual(csv('Q25d').slice(1).map((r) => r[0]), ['18-24', '25-34', '35-44', '45-54', '55-64', '65+', DK, DNC, 'Total']);
    assert.deepEqual(csv('Q25i')[0], HH_HEADER);
    assert.deepEqual(csv('Q25i').map((r) => r[0]), csv('Q23c').map((r) => r[0]));
    assert.deepEqual(csv('Q25j')[0], Q25_HEADER);
    assert.deepEqual(csv('Q25j').slice(1).map((r) => r[0]), [
      'GPD TIP housing subsidy',
      'VASH housing subsidy',
      'RRH or equivalent subsidy',
      'HCV voucher (tenant or project based) (not dedicated)',
      'Public housing unit',
      'Rental by client, with other ongoing housing subsidy',
      'Housing Stability Voucher',
      'Family Unification Program Voucher (FUP)',
      'Foster Youth to Independence Initiative (FYI)',
      'Permanent Supportive Housing',
      'Other permanent housing dedicated for formerly homeless persons',
      'Total',
    ]);
    for (const id of ['Q26a', 'Q26b']) {
      assert.deepEqual(csv(id)[0], HH_HEADER);
      assert.deepEqual(csv(id).slice(1).map((r) => r[0]), ['Chronically Homeless', 'Not Chronically Homeless', DK, DNC, 'Total']);
    }
    assert.deepEqual(csv('Q26d')[0], HH_HEADER);
    assert.deepEqual(csv('Q26d').slice(1).map((r) => r[0]), ['0 - 17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+', DK, DNC, 'Total']);
    assert.deepEqual(csv('Q26d')[1], ['0 - 17', '1', '', '0', '1', '0'], 'a blank cell is an empty field');
    assert.deepEqual(csv('Q26e')[0], [' ', 'Conditions At Start', 'Conditions at Latest Assessment for Stayers', 'Conditions at Exit for Leavers']);
    assert.equal(csv('Q26e').length, 9);
  });
});
