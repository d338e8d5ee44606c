import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlainEmailAddress } from '../../src/accounts/email-address.js';

describe('one plain email address', () => {
  it('S28 accepts one plain address and refuses lists, display names, comments, brackets, quotes, whitespace and overlong ones', () => {
    for (const good of ['jane.doe@agency.example', 'j.o-d+hmis@mail.agency.org', "o'brien@agency.example", 'a@b.co', `${'x'.repeat(64)}@agency.example`]) {
      assert.equal(isPlainEmailAddress(good), true, good);
    }
    const bad = [
      'a@x.example,b@evil.example',
      'a@x.example;b@evil.example',
      'victim <attacker@evil.example>',
      'victim<attacker@evil.example>',
      '<attacker@evil.example>',
      'jane@agency.example (Jane)',
      '(comment)jane@agency.example',
      '"jane doe"@agency.example',
      'jane doe@agency.example',
      'jane@agency.example\n',
      'jane@agency.example\r\nBcc: attacker@evil.example',
      'Group: a@x.example, b@y.example;',
      'jane@@agency.example',
      'jane@agency',
      '.jane@agency.example',
      'jane.@agency.example',
      'ja..ne@agency.example',
      'jane@-agency.example',
      'jane@agency..example',
      'jané@agency.example',
      '@agency.example',
      'jane@',
      '',
      `${'x'.repeat(65)}@agency.example`,
      `jane@${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example`,
    ];
    for (const value of bad) assert.equal(isPlainEmailAddress(value), false, JSON.stringify(value));
  });
});
