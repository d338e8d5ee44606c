import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expiryWarning, isExpired, temporaryPasswordExpiresAt, userPasswordExpiresAt } from '../../src/auth/password/expiry.js';
import { DAY, HOUR } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';

const config = loadConfig({});
const SET_AT = new Date('2026-11-27T14:00:00Z');
const at = (ms: number) => new Date(SET_AT.getTime() + ms);

describe('password expiry', () => {
  it('userPasswordExpiresAt: 60 days after the password was set by default', () => {
    assert.equal(config.passwordMaxAgeDays, 60);
    assert.equal(userPasswordExpiresAt(SET_AT, config)?.toISOString(), '2027-01-26T14:00:00.000Z');
    assert.equal(userPasswordExpiresAt(SET_AT, config)?.getTime(), SET_AT.getTime() + 60 * DAY);
  });

  it('userPasswordExpiresAt: configurable, and 0 means never', () => {
    assert.equal(userPasswordExpiresAt(SET_AT, { ...config, passwordMaxAgeDays: 90 })?.getTime(), SET_AT.getTime() + 90 * DAY);
    assert.equal(userPasswordExpiresAt(SET_AT, { ...config, passwordMaxAgeDays: 0 }), null);
    assert.equal(userPasswordExpiresAt(SET_AT, loadConfig({ HEARTH_PASSWORD_MAX_AGE_DAYS: '0' })), null);
  });

  it('temporaryPasswordExpiresAt: 72 hours after it was issued', () => {
    assert.equal(config.tempPasswordTtlHours, 72);
    assert.equal(temporaryPasswordExpiresAt(SET_AT, config).toISOString(), '2026-11-30T14:00:00.000Z');
    assert.equal(temporaryPasswordExpiresAt(SET_AT, { ...config, tempPasswordTtlHours: 1 }).getTime(), SET_AT.getTime() + HOUR);
  });

  it('S26 isExpired: exactly at the expiry time is expired; 1 ms before is not; null never expires', () => {
    const expiresAt = at(60 * DAY);
    assert.equal(isExpired(expiresAt, at(60 * DAY)), true);
    assert.equal(isExpired(expiresAt, at(60 * DAY - 1)), false);
    assert.equal(isExpired(expiresAt, at(60 * DAY + 1_000)), true);
    assert.equal(isExpired(expiresAt, at(60 * DAY - 1_000)), false);
    assert.equal(isExpired(null, at(10_000 * DAY)), false);
  });

  it('S27 expiryWarning: from 7 days before expiry on; not at 7 days + 1 ms; null once expired or when never', () => {
    assert.equal(config.passwordWarnDays, 7);
    const expiresAt = at(60 * DAY);
    assert.equal(expiryWarning(expiresAt, at(60 * DAY - 7 * DAY), config)?.getTime(), expiresAt.getTime());
    assert.equal(expiryWarning(expiresAt, at(60 * DAY - 7 * DAY - 1), config), null);
    assert.equal(expiryWarning(expiresAt, at(60 * DAY - 1), config)?.getTime(), expiresAt.getTime());
    assert.equal(expiryWarning(expiresAt, at(60 * DAY), config), null, 'expired: no warning (the change page takes over)');
    assert.equal(expiryWarning(expiresAt, at(61 * DAY), config), null);
    assert.equal(expiryWarning(expiresAt, SET_AT, config), null);
    assert.equal(expiryWarning(null, SET_AT, config), null);
  });
});
