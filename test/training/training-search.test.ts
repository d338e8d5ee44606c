import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { editDistance, nicknameVariants } from '../../src/clients/name-matching.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * Fuzzy search as trainees practise it, on the 2,000 generated clients: names typed as they are, with a
 * slip of the keyboard (also in the first letters, which changes a name's Soundex key), without accents, with
 * a double surname, as "Last, First"; and the near-duplicate records found together.
 */
const ACTOR = { userId: null, username: 'trainee', ip: '10.0.0.9' };

interface Named {
  personal_id: string;
  first_name: string;
  last_name: string;
  first_name_norm: string;
  last_name_norm: string;
  dob: string | null;
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

describe('client search on the Training site’s generated clients', () => {
  let t: TestApp;
  let people: Named[];

  before(async () => {
    t = await startTestApp({ sites: ['training'] });
    await t.sites.training.training.reset(ACTOR);
    const { rows } = await sql<Named>`
      select personal_id, first_name, last_name, first_name_norm, last_name_norm, to_char(dob, 'YYYY-MM-DD') as dob
        from clients where name_data_quality = 1 order by personal_id`.execute(t.sites.training.db);
    people = rows;
  });
  after(() => t.close());

  async function results(query: string): Promise<string[]> {
    return (await t.sites.training.clients.search(query, ACTOR)).clients.map((c) => c.personalId);
  }

  /** Every n-th person, for a spread of names. */
  function every(n: number, filter: (p: Named) => boolean = () => true): Named[] {
    return people.filter(filter).filter((_, i) => i % n === 0);
  }

  test('the name as typed, and as “Last, First”, finds the client first', async () => {
    const chosen = every(60);
    assert.ok(chosen.length >= 25);
    let first = 0;
    for (const p of chosen) {
      for (const query of [`${p.first_name} ${p.last_name}`, `${p.last_name}, ${p.first_name}`]) {
        const found = await results(query);
        assert.ok(found.includes(p.personal_id), `“${query}”`);
        if (found[0] === p.personal_id) first += 1;
      }
    }
    // Only a namesake (a near-duplicate record or a relative) may come before.
    assert.ok(first >= chosen.length * 2 * 0.9, `first in ${first} of ${chosen.length * 2}`);
  });

  test('a slip in the second or third letter of the last name (a different Soundex key) still finds the client', async () => {
    const chosen = every(40, (p) => /^[A-Za-z]{5,}$/.test(p.last_name));
    assert.ok(chosen.length >= 25);
    for (const p of chosen) {
      const last = p.last_name;
      for (const misspelt of [last.slice(0, 1) + last.slice(2), last.slice(0, 2) + last.slice(3), last.slice(0, 1) + last.slice(2, 3) + last.slice(1, 2) + last.slice(3)]) {
        const query = `${p.first_name} ${misspelt}`;
        assert.ok((await results(query)).includes(p.personal_id), `“${query}” for ${p.first_name} ${p.last_name}`);
      }
    }
  });

  test('a slip in the first name, a nickname, no accents, a double surname typed in full or in part', async () => {
    for (const p of every(50, (p) => /^[A-Za-z]{5,}$/.test(p.first_name))) {
      const query = `${p.first_name.slice(0, 2)}${p.first_name.slice(3)} ${p.last_name}`;
      assert.ok((await results(query)).includes(p.personal_id), `“${query}”`);
    }
    const nicknamed = people.filter((p) => nicknameVariants(p.first_name_norm).length > 0).slice(0, 15);
    assert.ok(nicknamed.length >= 5);
    for (const p of nicknamed) {
      const nickname = nicknameVariants(p.first_name_norm)[0]!;
      const query = `${nickname} ${p.last_name}`;
      assert.ok((await results(query)).includes(p.personal_id), `“${query}”`);
    }
    const accented = people.filter((p) => stripAccents(p.first_name + p.last_name) !== p.first_name + p.last_name).slice(0, 20);
    assert.ok(accented.length >= 10);
    for (const p of accented) {
      const query = `${stripAccents(p.first_name)} ${stripAccents(p.last_name)}`;
      assert.ok((await results(query)).includes(p.personal_id), `“${query}”`);
    }
    const doubled = people.filter((p) => p.last_name.split(' ').length >= 2 && !p.first_name.includes(' ')).slice(0, 15);
    assert.ok(doubled.length >= 5);
    for (const p of doubled) {
      for (const query of [`${p.first_name} ${p.last_name}`, `${p.first_name} ${p.last_name.split(' ')[0]}`]) {
        assert.ok((await results(query)).includes(p.personal_id), `“${query}”`);
      }
    }
  });

  test('a near-duplicate record is found with the client it duplicates', async () => {
    const byDob = new Map<string, Named[]>();
    for (const p of people) if (p.dob) byDob.set(p.dob, [...(byDob.get(p.dob) ?? []), p]);
    const pairs: [Named, Named][] = [];
    for (const group of byDob.values()) {
      for (const [i, a] of group.entries()) {
        for (const b of group.slice(i + 1)) {
          const sameFirst = a.first_name_norm === b.first_name_norm || nicknameVariants(a.first_name_norm).includes(b.first_name_norm) || editDistance(a.first_name_norm, b.first_name_norm) <= 1;
          if (sameFirst && editDistance(a.last_name_norm, b.last_name_norm) <= 1) pairs.push([a, b]);
        }
      }
    }
    assert.ok(pairs.length >= 15, `near-duplicate pairs: ${pairs.length}`);
    for (const [a, b] of pairs) {
      const found = await results(`${a.first_name} ${a.last_name}`);
      assert.ok(found.includes(a.personal_id) && found.includes(b.personal_id), `${a.first_name} ${a.last_name} and ${b.first_name} ${b.last_name}`);
    }
  });

  test('a name nobody has finds nobody; a single last name lists its clients', async () => {
    assert.deepEqual(await results('Xanthippe Quockenbush'), []);
    const p = people[0]!;
    const lastOnly = await results(p.last_name);
    assert.ok(lastOnly.includes(p.personal_id), `“${p.last_name}”`);
  });
});
