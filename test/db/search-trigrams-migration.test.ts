import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { SiteDatabase } from '../../src/db/database.js';
import { fillLastNameTails } from '../../src/db/migrations/0009_search_trigrams.js';
import { freshDatabase } from '../helpers/database.js';
import { hex32 } from '../clients/fixtures.js';

/** Migration 0009 (issue 10): pg_trgm loads (PGlite and PostgreSQL), and clients written before it get their second surname indexed. */
describe('migration 0009_search_trigrams', () => {
  let database: SiteDatabase;
  before(async () => {
    database = await freshDatabase();
  });
  after(() => database.close());

  test('pg_trgm is there: trigram similarity of a first-letter slip', async () => {
    const { rows } = await sql<{ s: number }>`select similarity('kristopher', 'christopher') as s`.execute(database.db);
    assert.ok(rows[0]!.s > 0.5, String(rows[0]!.s));
  });

  test('clients written before it get the last word of a last name of several words', async () => {
    const now = new Date();
    const row = (lastName: string | null) => ({
      personal_id: hex32(),
      first_name: 'María',
      last_name: lastName,
      name_data_quality: 1,
      ssn_data_quality: 99,
      dob_data_quality: 99,
      veteran_status: 0,
      am_ind_ak_native: 0,
      asian: 0,
      black_af_american: 0,
      hispanic_latinao: 1,
      mid_east_n_african: 0,
      native_hi_pacific: 0,
      white: 0,
      date_created: now,
      date_updated: now,
      user_id: 'test',
      first_name_norm: 'maria',
      last_name_norm: (lastName ?? '').toLowerCase().replace(/[^a-z]/g, ''),
      first_name_key: 'M600',
      last_name_key: '',
      // As a client written before 0009 has it.
      last_name_tail_norm: '',
    });
    const rows = [row('López García'), row('López-Núñez'), row('Smith'), row(null)];
    await database.db.insertInto('clients').values(rows).execute();
    await fillLastNameTails(database.db);
    const tails = await database.db.selectFrom('clients').select(['personal_id', 'last_name_tail_norm']).execute();
    const byId = new Map(tails.map((t) => [t.personal_id, t.last_name_tail_norm]));
    assert.deepEqual(rows.map((r) => byId.get(r.personal_id)), ['garcia', 'nunez', '', '']);
  });
});
