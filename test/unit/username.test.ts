import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  UsernameError,
  baseUsername,
  foldAccents,
  nextAvailableUsername,
  normalizeRequestedUsername,
  usernameKey,
} from '../../src/accounts/username.js';

test('baseUsername: first initial + last name, lowercase ASCII', () => {
  assert.equal(baseUsername('John', 'Doe'), 'jdoe');
  assert.equal(baseUsername('Shannon', "O'Brien"), 'sobrien');
  assert.equal(baseUsername('Zoë', 'Ñúñez'), 'znunez');
  assert.equal(baseUsername('Mary-Kate', 'Smith-Jones'), 'msmithjones');
  assert.equal(baseUsername('  jane ', ' DOE '), 'jdoe');
});

test('baseUsername: accents and special letters are folded', () => {
  assert.equal(baseUsername('Åsa', 'Straße'), 'astrasse');
  assert.equal(baseUsername('Søren', 'Kierkegård'), 'skierkegard');
  assert.equal(baseUsername('Łukasz', 'Đoković'), 'ldokovic');
  assert.equal(baseUsername('Æthelred', 'Þórsson'), 'athorsson');
  assert.equal(baseUsername('Chloë', 'Œuvre'), 'coeuvre');
  assert.equal(baseUsername('Ana', 'de la Cruz'), 'adelacruz');
});

test('baseUsername: an empty first name uses just the last name', () => {
  assert.equal(baseUsername('', 'Doe'), 'doe');
  assert.equal(baseUsername('   ', 'Doe'), 'doe');
});

test('baseUsername: a name with no usable characters throws UsernameError asking for a username', () => {
  for (const [first, last] of [
    ['王', '小明'],
    ['Иван', 'Петров'],
    ['', ''],
    ['  ', "'-"],
  ] as const) {
    assert.throws(
      () => baseUsername(first, last),
      (err: unknown) => {
        assert.ok(err instanceof UsernameError);
        assert.equal(err.name, 'UsernameError');
        assert.match(err.message, /requested username/);
        return true;
      },
    );
  }
});

test('baseUsername: results always start with a letter and leave room for a suffix', () => {
  assert.equal(baseUsername('John', '3rd'), 'j3rd');
  assert.equal(baseUsername('', '42 Smith'), 'smith');
  const long = baseUsername('Hubert', 'Wolfeschlegelsteinhausenbergerdorff Senior');
  assert.ok(long.length <= 32);
  assert.ok(long.startsWith('hwolfeschlegel'));
});

test('nextAvailableUsername: base, then base2, base3 (never base1)', async () => {
  assert.equal(await nextAvailableUsername('jdoe', () => false), 'jdoe');

  const taken1 = new Set(['jdoe']);
  assert.equal(await nextAvailableUsername('jdoe', (c) => taken1.has(c)), 'jdoe2');

  const taken2 = new Set(['jdoe', 'jdoe2']);
  const asked: string[] = [];
  const result = await nextAvailableUsername('jdoe', async (c) => {
    asked.push(c);
    return taken2.has(c);
  });
  assert.equal(result, 'jdoe3');
  assert.deepEqual(asked, ['jdoe', 'jdoe2', 'jdoe3']);

  const taken3 = new Set(['jdoe', 'jdoe1', 'jdoe2']);
  assert.equal(await nextAvailableUsername('jdoe', (c) => taken3.has(c)), 'jdoe3');
});

test('normalizeRequestedUsername: accepts and normalizes valid usernames', () => {
  assert.equal(normalizeRequestedUsername('jdoe'), 'jdoe');
  assert.equal(normalizeRequestedUsername('  JDoe  '), 'jdoe');
  assert.equal(normalizeRequestedUsername('mary.kate_smith-jones2'), 'mary.kate_smith-jones2');
  assert.equal(normalizeRequestedUsername('ab'), 'ab');
  assert.equal(normalizeRequestedUsername('a'.repeat(40)), 'a'.repeat(40));
  assert.equal(normalizeRequestedUsername('ｊｄｏｅ'), 'jdoe'); // full-width folds via NFKC
});

test('normalizeRequestedUsername: rejects with a message saying what is allowed', () => {
  for (const bad of ['', ' ', 'a', 'a'.repeat(41), '2pac', '_jdoe', '.jdoe', 'j doe', 'j@doe', 'zoë', 'иван', 'jdoe!']) {
    assert.throws(
      () => normalizeRequestedUsername(bad),
      (err: unknown) => {
        assert.ok(err instanceof UsernameError, bad);
        assert.match(err.message, /2 to 40 characters/);
        assert.match(err.message, /start with a letter/);
        assert.match(err.message, /digits/);
        return true;
      },
      bad,
    );
  }
});

test('usernameKey: trim, lowercase and NFKC for case-insensitive login', () => {
  assert.equal(usernameKey('  JDoe '), 'jdoe');
  assert.equal(usernameKey('ＪＤＯＥ'), 'jdoe');
  assert.equal(usernameKey('jdoe'), usernameKey('JDOE'));
  const stored = normalizeRequestedUsername(' Mary.Kate ');
  assert.equal(usernameKey(stored), stored);
});

test('foldAccents: lowercases and strips marks, keeps other scripts', () => {
  assert.equal(foldAccents('Zoë Ñúñez'), 'zoe nunez');
  assert.equal(foldAccents('Straße'), 'strasse');
  assert.equal(foldAccents('Иван'), 'иван');
});
