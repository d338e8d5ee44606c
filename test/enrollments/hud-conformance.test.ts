import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Viewer } from '../../src/access/access-policy.js';
import type { MemberEntryInput } from '../../src/enrollments/enrollment-fields.js';
import { ValidationError } from '../../src/errors.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { buildWorld, createClient, enrollmentsOf, HOMELESS_ADULT, user, type World } from './fixtures.js';

/**
 * Issue 11, the enrollment findings of the HUD conformance review (../shared/reference/hud-conformance-review.md):
 * what HUD's checker (Eva) or the LSA would reject is refused, or warned about and saved once confirmed.
 */

const ACTOR = { userId: null, username: 'setup', ip: null };
const ADMIN: Viewer = { userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() };

let t: TestApp;
let w: World;
let caseA: TestClient;

before(async () => {
  t = await startTestApp({ sites: ['live'] });
  w = await buildWorld(t);
  caseA = await user(t, 'case_manager', [w.agencyA], 'Cara');
});
after(() => t.close());

/** Enrolls one adult head of household through the service; returns the stored row. */
async function enrollOne(projectId: string, entry: Partial<MemberEntryInput>, options: { entryDate?: string; dob?: string; confirmed?: boolean } = {}) {
  const person = await createClient(t, 'Conformance', `Case${Math.random().toString(36).slice(2, 8)}`, options.dob ?? '1975-03-03');
  await t.sites.live.enrollments.enroll(
    ADMIN,
    { projectId, entryDate: options.entryDate ?? '11/20/2026', personalIds: [person], entries: [{ ...HOMELESS_ADULT, ...entry }], confirmed: options.confirmed },
    ACTOR,
  );
  const [row] = await enrollmentsOf(t, person);
  return row!;
}

/** The field errors a refused enrollment names. */
async function refusal(promise: Promise<unknown>): Promise<Readonly<Record<string, readonly string[]>>> {
  const error = await promise.then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ValidationError, String(error));
  return error.fieldErrors;
}

const NO_HISTORY = { dateToStreetEssh: '', timesHomelessPastThreeYears: '', monthsHomelessPastThreeYears: '' };

describe('3.917 prior living situation (findings 4 and 14)', () => {
  it('finding 4: “other” situations (8, 9, 99) follow the 7-night threshold: LOSUnderThreshold is set and “the night before” is asked after a short stay', async () => {
    const person = await createClient(t, 'Other', 'Situation', '1980-01-01');
    const errors = await refusal(
      t.sites.live.enrollments.enroll(ADMIN, { projectId: w.servicesA, entryDate: '11/20/2026', personalIds: [person], entries: [{ ...HOMELESS_ADULT, livingSituation: '99', lengthOfStay: '11', ...NO_HISTORY }] }, ACTOR),
    );
    assert.match(errors['m0.previousStreetEssh']!.join(' '), /Answer “On the night before/);
    const short = await enrollOne(w.servicesA, { livingSituation: '99', lengthOfStay: '11', previousStreetEssh: '0', ...NO_HISTORY });
    assert.equal(short.los_under_threshold, 1);
    assert.equal(short.previous_street_essh, 0);
    const afterStreet = await enrollOne(w.servicesA, { livingSituation: '8', lengthOfStay: '10', previousStreetEssh: '1' });
    assert.equal(afterStreet.los_under_threshold, 1);
    assert.equal(afterStreet.times_homeless_past_three_years, 1, 'the homeless history follows the night on the street');
    const long = await enrollOne(w.servicesA, { livingSituation: '9', lengthOfStay: '4', ...NO_HISTORY });
    assert.equal(long.los_under_threshold, 0);
    const unknown = await enrollOne(w.servicesA, { livingSituation: '99', lengthOfStay: '99', ...NO_HISTORY });
    assert.equal(unknown.los_under_threshold, 99);
  });

  it('finding 14: shelter, outreach and safe haven projects ask 3.917A: no “night before” on the form, none stored, one sent is refused', async () => {
    const person = await createClient(t, 'Shelter', 'Guest', '1980-01-01');
    const step = await caseA.get(`/live/enrollments/new?client=${person}&projectId=${w.shelterA}&entryDate=11%2F20%2F2026&action=continue`);
    assert.equal(step.status, 200, textOf(step.body).slice(0, 500));
    assert.doesNotMatch(step.body, /previousStreetEssh/);
    const other = await caseA.get(`/live/enrollments/new?client=${person}&projectId=${w.servicesA}&entryDate=11%2F20%2F2026&action=continue`);
    assert.match(other.body, /name="m0\.previousStreetEssh"/, 'other project types ask it (3.917B)');

    const shortStay = await enrollOne(w.shelterA, { livingSituation: '314', lengthOfStay: '10' });
    assert.equal(shortStay.previous_street_essh, null);
    assert.equal(shortStay.los_under_threshold, null);
    assert.equal(shortStay.times_homeless_past_three_years, 1, '3.917A asks the history of everyone');
    const errors = await refusal(
      t.sites.live.enrollments.enroll(ADMIN, { projectId: w.shelterA, entryDate: '11/20/2026', personalIds: [person], entries: [{ ...HOMELESS_ADULT, livingSituation: '314', lengthOfStay: '10', previousStreetEssh: '1' }] }, ACTOR),
    );
    assert.match(errors['m0.previousStreetEssh']!.join(' '), /do not ask it \(HUD 3\.917A\)/);
  });
});
