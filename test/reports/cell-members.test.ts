import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { decodeMembers, encodeMembers } from '../../src/reports/cell-members.js';

/** Strictly ascending ordinals, dense or scattered, as a run's cells hold them. */
const ordinals = fc
  .oneof(
    fc.uniqueArray(fc.nat({ max: 5_000 }), { maxLength: 600 }),
    fc.tuple(fc.nat({ max: 1_000_000 }), fc.nat({ max: 3_000 })).map(([start, length]) => Array.from({ length }, (_, i) => start + i)),
    fc.uniqueArray(fc.nat({ max: 2 ** 40 }), { maxLength: 50 }),
  )
  .map((list) => [...list].sort((a, b) => a - b));

describe('A kept run’s cell members (issue 15, stored runs)', () => {
  test('any ascending list of ordinals reads back exactly', () => {
    fc.assert(fc.property(ordinals, (list) => assert.deepEqual(decodeMembers(encodeMembers(list)), list)));
  });

  test('no cell, a single member, and the members of a whole universe', () => {
    for (const list of [[], [0], [7], [2 ** 40], Array.from({ length: 20_000 }, (_, i) => i)]) assert.deepEqual(decodeMembers(encodeMembers(list)), list);
  });

  test('a whole universe takes a few bytes, and a scattered half of it about a bit per ordinal spanned', () => {
    const all = Array.from({ length: 20_000 }, (_, i) => i);
    assert.ok(encodeMembers(all).length < 10);
    const half = all.filter((i) => (i * 2_654_435_761) % 7 < 4);
    assert.ok(encodeMembers(half).length < (20_000 / 8) * 1.4, `${encodeMembers(half).length} characters`);
  });

  test('ordinals out of order, repeated or negative are refused', () => {
    for (const list of [[2, 1], [1, 1], [-1], [0.5]]) assert.throws(() => encodeMembers(list), RangeError);
  });

  test('a text it did not write is refused, never misread as members', () => {
    for (const text of ['', 'x', 'rAA', 'r__8']) assert.throws(() => decodeMembers(text), RangeError);
  });
});
