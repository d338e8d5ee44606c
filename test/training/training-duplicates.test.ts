import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { isValidSsn } from '../../src/clients/ssn.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { ACTOR, clientInput } from '../clients/fixtures.js';

/**
 * Finding 11: the Training site's SSNs stay fictitious (9xx, never issued, so HUD's check fails on every one), and
 * there the same nine digits still count as a duplicate reason, so the generated near-duplicates raise the warning.
 */
describe('Training SSNs and the duplicate warning', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ sites: ['training', 'live'] });
    await t.sites.training.training.reset(ACTOR);
  });
  after(() => t.close());

  test('every generated full SSN is fictitious, and each near-duplicate sharing one with its original is a likely duplicate of it', async () => {
    const db = t.sites.training.db;
    const { rows: full } = await sql<{ ssn: string }>`select ssn from clients where ssn_data_quality = 1`.execute(db);
    assert.ok(full.length > 1000);
    assert.ok(full.every((r) => r.ssn.startsWith('9') && !isValidSsn(r.ssn)));
    const { rows: pairs } = await sql<{ a: string; b: string }>`
      select min(personal_id) as a, max(personal_id) as b from clients
       where ssn_data_quality = 1 and dob is not null group by ssn, dob having count(*) = 2`.execute(db);
    assert.ok(pairs.length >= 5, `near-duplicates sharing the SSN: ${pairs.length}`);
    for (const { a, b } of pairs) {
      const found = await t.sites.training.clients.likelyDuplicatesOf(await t.sites.training.clients.get(b));
      const match = found.find((d) => d.client.personalId === a);
      assert.ok(match, `${b} finds ${a}`);
      assert.ok(match.reasons.includes('SSN'));
    }
  });

  test('on the Live site a shared impossible SSN is still no reason', async () => {
    const live = t.sites.live.clients;
    await live.create(clientInput({ firstName: 'Nina', lastName: 'Nine', ssn: '912-34-5678', dob: '09/09/1990' }), ACTOR, { warningsConfirmed: true });
    const other = await live.create(clientInput({ firstName: 'Otto', lastName: 'Nine', ssn: '912-34-5678', dob: '09/09/1990' }), ACTOR, { warningsConfirmed: true });
    assert.equal(other.status, 'created', 'only the date of birth is shared: no warning');
  });
});
