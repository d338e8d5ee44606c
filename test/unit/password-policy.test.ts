import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictionary } from '@zxcvbn-ts/language-common';
import {
  NOT_REUSED_MESSAGE,
  PASSWORD_HISTORY_SIZE,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULES,
  checkPasswordPolicy,
  generateTemporaryPassword,
  normalizePassword,
  type PasswordContext,
  type PasswordRule,
} from '../../src/auth/password/policy.js';

function failedRules(password: string, ctx: PasswordContext = {}): PasswordRule[] {
  const result = checkPasswordPolicy(password, ctx);
  return result.ok ? [] : result.failed;
}

function assertAccepted(password: string, ctx: PasswordContext = {}): void {
  const result = checkPasswordPolicy(password, ctx);
  assert.ok(result.ok, `expected acceptance, failed: ${result.ok ? '' : result.failed.join(', ')}`);
}

test('constants', () => {
  assert.equal(PASSWORD_MIN_LENGTH, 8);
  assert.equal(PASSWORD_MAX_LENGTH, 256);
  assert.equal(PASSWORD_HISTORY_SIZE, 6);
  assert.equal(
    NOT_REUSED_MESSAGE,
    "You used this password recently; choose one you haven't used in your last 6 passwords.",
  );
});

test('PASSWORD_RULES lists every displayed rule once, with short text', () => {
  const ids = PASSWORD_RULES.map((r) => r.id);
  assert.deepEqual(ids, [
    'length',
    'uppercase',
    'lowercase',
    'number',
    'symbol',
    'notUsername',
    'notPersonalInfo',
    'notCommon',
    'notReused',
  ]);
  assert.equal(PASSWORD_RULES[0]?.text, 'At least 8 characters (at most 256)');
  for (const rule of PASSWORD_RULES) assert.ok(rule.text.length > 0 && rule.text.length < 80);
});

test('a password meeting every rule is accepted and returned normalized', () => {
  const result = checkPasswordPolicy('Blue river 42', { username: 'jdoe', firstName: 'John', lastName: 'Doe' });
  assert.deepEqual(result, { ok: true, normalized: 'Blue river 42' });
});

test('S6 7 code points rejected, 8 accepted, counted in code points', () => {
  const seven = checkPasswordPolicy('Ab1!xyz', {});
  assert.equal(seven.ok, false);
  if (!seven.ok) {
    assert.deepEqual(seven.failed, ['length']);
    assert.deepEqual(seven.messages, ['Use at least 8 characters (you typed 7).']);
  }
  assertAccepted('Ab1!xyzw');

  // 7 code points but 10 UTF-16 units: still too short.
  const emoji = 'Ab1!😀😀😀';
  assert.equal(emoji.length, 10);
  assert.deepEqual(failedRules(emoji), ['length']);
  assertAccepted('Ab1!😀😀😀x');

  // Decomposed input is counted after NFKC normalization: 8 UTF-16 units, 7 code points.
  const decomposed = 'Cafe\u0301 1x';
  assert.equal(decomposed.length, 8);
  assert.deepEqual(failedRules(decomposed), ['length']);
});

test('S7 64 characters accepted, 257 rejected with a clear message', () => {
  const pad = (n: number) => 'Ab1!' + 'x'.repeat(n - 4);
  assertAccepted(pad(64));
  assertAccepted(pad(256));
  const result = checkPasswordPolicy(pad(257), {});
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.deepEqual(result.failed, ['maxLength']);
    assert.deepEqual(result.messages, ['Use at most 256 characters.']);
  }
  // Counted in code points: 256 emoji (512 UTF-16 units) plus the required classes is over.
  assert.deepEqual(failedRules('Ab1' + '😀'.repeat(254)), ['maxLength']);
  assertAccepted('Ab1' + '😀'.repeat(253));
});

test('S8 spaces, emoji and non-ASCII accepted; composed and decomposed é normalize alike', () => {
  assertAccepted('Blue river 42');
  assertAccepted('Ünïcödé ñ 9€');
  assertAccepted('Ωμέγα Δέλτα 7');
  assertAccepted('Tea🍵time42');

  const composed = 'Caf\u00e9 noir 7';
  const decomposed = 'Cafe\u0301 noir 7';
  assert.notEqual(composed, decomposed);
  assert.equal(normalizePassword(composed), normalizePassword(decomposed));
  const a = checkPasswordPolicy(composed, {});
  const b = checkPasswordPolicy(decomposed, {});
  assert.ok(a.ok && b.ok);
  assert.equal(a.normalized, b.normalized);
  assert.equal(a.normalized, composed);

  // NFKC also folds compatibility forms such as full-width letters.
  assert.equal(normalizePassword('Ｂｌｕｅ１！'), 'Blue1!');
});

test('S9 common passwords and context words rejected case-insensitively with the reason', () => {
  const common = new Set(dictionary['passwords-common']);
  for (const entry of ['p@ssw0rd', '!qaz2wsx', 'zaq!2wsx', 'qwerty123']) assert.ok(common.has(entry), entry);

  for (const pw of ['P@ssw0rd', 'P@SSW0Rd', '!Qaz2wsx', 'Zaq!2wsx']) {
    const result = checkPasswordPolicy(pw, {});
    assert.equal(result.ok, false, pw);
    if (!result.ok) {
      assert.deepEqual(result.failed, ['notCommon'], pw);
      assert.deepEqual(result.messages, ['This password is too common; choose something less guessable.']);
    }
  }
  assert.ok(failedRules('QWERTY123').includes('notCommon'));

  const pw1 = checkPasswordPolicy('Password1!', {});
  assert.equal(pw1.ok, false);
  if (!pw1.ok) {
    assert.deepEqual(pw1.failed, ['notPersonalInfo']);
    assert.deepEqual(pw1.messages, ["Don't include your name or the words “HMIS” or “password”."]);
  }
  assert.deepEqual(failedRules('my HmIs 2024!'), ['notPersonalInfo']);
  assert.deepEqual(failedRules('Ｐａｓｓｗｏｒｄ 9'), ['notPersonalInfo']);

  const ctx = { username: 'jdoe', firstName: 'Zoë', lastName: 'Smith-Jones' };
  const user = checkPasswordPolicy('Hi JDoe 2024!', ctx);
  assert.equal(user.ok, false);
  if (!user.ok) {
    assert.deepEqual(user.failed, ['notUsername']);
    assert.deepEqual(user.messages, ["Don't include your username."]);
  }
  assert.deepEqual(failedRules('Hi ZOE 2024!', ctx), ['notPersonalInfo']);
  assert.deepEqual(failedRules('Hi zoë 2024!', ctx), ['notPersonalInfo']);
  assert.deepEqual(failedRules('Hi Jones 2024!', ctx), ['notPersonalInfo']);
  assert.deepEqual(failedRules('Smith-Jones 24', ctx), ['notPersonalInfo']);
});

test('every rule fails individually with the exact rule id', () => {
  const ctx = { username: 'jdoe', firstName: 'Zoë', lastName: 'Núñez' };
  const cases: Array<[string, PasswordRule]> = [
    ['Ab1!xyz', 'length'],
    ['Ab1!' + 'x'.repeat(253), 'maxLength'],
    ['blue river 42', 'uppercase'],
    ['BLUE RIVER 42', 'lowercase'],
    ['Blue river !', 'number'],
    ['BlueRiver42', 'symbol'],
    ['Blue jdoe 42', 'notUsername'],
    ['Blue nunez 42', 'notPersonalInfo'],
    ['P@ssw0rd', 'notCommon'],
  ];
  for (const [password, rule] of cases) {
    const result = checkPasswordPolicy(password, ctx);
    assert.equal(result.ok, false, password);
    if (!result.ok) {
      assert.deepEqual(result.failed, [rule], password);
      assert.equal(result.messages.length, 1);
    }
  }
});

test('each failure has one precise message', () => {
  const expected: Record<string, string> = {
    uppercase: 'Add an uppercase letter.',
    lowercase: 'Add a lowercase letter.',
    number: 'Add a number.',
  };
  for (const [pw, rule] of [
    ['blue river 42', 'uppercase'],
    ['BLUE RIVER 42', 'lowercase'],
    ['Blue river !', 'number'],
  ] as const) {
    const result = checkPasswordPolicy(pw, {});
    assert.ok(!result.ok);
    assert.deepEqual(result.messages, [expected[rule]]);
  }
  const symbol = checkPasswordPolicy('BlueRiver42', {});
  assert.ok(!symbol.ok);
  assert.match(symbol.messages[0] ?? '', /symbol/);
});

test('multiple failures are listed together, in PASSWORD_RULES order', () => {
  const result = checkPasswordPolicy('jdoe', { username: 'jdoe' });
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.deepEqual(result.failed, ['length', 'uppercase', 'number', 'symbol', 'notUsername']);
    assert.equal(result.messages.length, 5);
    assert.equal(result.messages[0], 'Use at least 8 characters (you typed 4).');
  }
  assert.deepEqual(failedRules('password'), ['uppercase', 'number', 'symbol', 'notPersonalInfo', 'notCommon']);
  assert.deepEqual(failedRules(''), ['length', 'uppercase', 'lowercase', 'number', 'symbol']);
  assert.deepEqual(failedRules('X'.repeat(300)), ['maxLength', 'lowercase', 'number', 'symbol']);
});

test('messages never contain the password', () => {
  const secret = 'zqxjvkw';
  const result = checkPasswordPolicy(secret, {});
  assert.ok(!result.ok);
  for (const message of result.messages) assert.ok(!message.includes(secret));
});

test('symbol: emoji alone, a space alone, and non-ASCII symbols count', () => {
  assertAccepted('Tea😀time42');
  assertAccepted('Blue river42');
  assertAccepted('Price€100x');
  assertAccepted('Blue¿river42');
  // Non-ASCII letters and digits are not symbols.
  assert.deepEqual(failedRules('ÉcoleNº42'), ['symbol']);
  assert.deepEqual(failedRules('ÉcoleÑandú42'), ['symbol']);
});

test('uppercase accepts titlecase and non-Latin capitals; number needs a decimal digit', () => {
  assertAccepted('ᾈblue river 42'); // U+1F88 is titlecase (\p{Lt}) and survives NFKC
  assertAccepted('Ωmega river 42');
  assertAccepted('Blue river ٤٢'); // Arabic-Indic digits are \p{Nd}
  assert.deepEqual(failedRules('Blue river 〇𐄇'), ['number']); // numbers, but not decimal digits
});

test('context: short usernames and names are ignored, absent context is fine', () => {
  assertAccepted('Blue river ab1', { username: 'ab', firstName: 'Al', lastName: 'Ng' });
  assertAccepted('Blue river 42', {});
  assertAccepted('Blue river 42', { username: '', firstName: '', lastName: '' });
});

test('generated temporary passwords: 200 all pass the policy, are 16 chars, are distinct', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const pw = generateTemporaryPassword();
    assert.equal(pw.length, 16);
    assert.match(pw, /^[A-HJ-NP-Za-km-z2-9\-_.!#%+=?@]{16}$/);
    assert.match(pw, /[A-Z]/);
    assert.match(pw, /[a-z]/);
    assert.match(pw, /[2-9]/);
    assert.match(pw, /[-_.!#%+=?@]/);
    assert.ok(checkPasswordPolicy(pw, {}).ok, pw);
    seen.add(pw);
  }
  assert.equal(seen.size, 200);
});
