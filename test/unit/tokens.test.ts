import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { generateToken, hashToken, looksLikeToken } from '../../src/auth/tokens.js';

const BASE64URL_43 = /^[A-Za-z0-9_-]{43}$/;

describe('tokens', () => {
  it('S30/S40 generateToken: 43 base64url characters (256 bits), 1,000 draws all distinct', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1_000; i++) {
      const token = generateToken();
      assert.match(token, BASE64URL_43);
      // 43 base64url characters decode to 32 bytes: at least 128 bits, in fact 256.
      assert.equal(Buffer.from(token, 'base64url').length, 32);
      seen.add(token);
    }
    assert.equal(seen.size, 1_000);
  });

  it('generateToken uses the whole alphabet (not, say, hex)', () => {
    const chars = new Set([...Array.from({ length: 200 }, generateToken).join('')]);
    assert.ok(chars.size > 50, `only ${chars.size} distinct characters`);
  });

  it('S3 hashToken is the SHA-256 hex digest and deterministic', () => {
    const token = generateToken();
    const digest = hashToken(token);
    assert.match(digest, /^[0-9a-f]{64}$/);
    assert.equal(digest, createHash('sha256').update(token, 'utf8').digest('hex'));
    assert.equal(hashToken(token), digest);
    assert.notEqual(hashToken(generateToken()), digest);
    assert.equal(hashToken('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.ok(!digest.includes(token));
  });

  it('looksLikeToken accepts exactly 43 base64url characters', () => {
    assert.equal(looksLikeToken(generateToken()), true);
    assert.equal(looksLikeToken('A'.repeat(43)), true);
    assert.equal(looksLikeToken('-_'.repeat(21) + 'z'), true);
  });

  it('looksLikeToken rejects wrong shapes', () => {
    const good = generateToken();
    const rejected: unknown[] = [
      '',
      good.slice(0, 42),
      `${good}A`,
      `${good.slice(0, 42)}+`,
      `${good.slice(0, 42)}/`,
      `${good.slice(0, 42)}=`,
      `${good.slice(0, 42)} `,
      ` ${good.slice(0, 42)}`,
      `${good.slice(0, 42)}\n`,
      `${good.slice(0, 42)}é`,
      '../../../../etc/passwd/../../../../../../../../',
      undefined,
      null,
      43,
      ['A'.repeat(43)],
      { toString: () => 'A'.repeat(43) },
      Buffer.from('A'.repeat(43)),
    ];
    for (const value of rejected) assert.equal(looksLikeToken(value), false, `accepted ${JSON.stringify(value)}`);
  });
});
