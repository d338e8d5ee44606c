import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';

function refused(env: Record<string, string>, variable: string): ConfigError {
  let caught: unknown;
  try {
    loadConfig(env);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ConfigError, `expected a ConfigError for ${JSON.stringify(env)}, got ${String(caught)}`);
  assert.equal(caught.name, 'ConfigError');
  assert.ok(caught.message.includes(variable), `the message names ${variable}: ${caught.message}`);
  return caught;
}

describe('configuration', () => {
  it('defaults: port 3000, both sites, New York time, 60 days, 72 h, 60 min, 30 min idle, 12 h absolute, support address', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.deepEqual([...config.sites], ['training', 'live']);
    assert.equal(config.timeZone, 'America/New_York');
    assert.equal(config.passwordMaxAgeDays, 60);
    assert.equal(config.passwordWarnDays, 7);
    assert.equal(config.tempPasswordTtlHours, 72);
    assert.equal(config.resetTokenTtlMinutes, 60);
    assert.equal(config.sessionIdleMinutes, 30);
    assert.equal(config.sessionAbsoluteHours, 12);
    assert.equal(config.supportEmail, 'hmis-admin@example.org');
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.equal(config.secureCookies, false);
    assert.equal(config.smtpUrl, undefined);
    assert.equal(config.secretKey, undefined);
    assert.equal(config.dataDir, path.resolve('./data'));
    assert.deepEqual(config.databaseUrls, {});
    assert.equal(config.lockoutThreshold, 5);
    assert.ok(Object.isFrozen(config));
  });

  it('S32 the reset link lifetime is at most 60 minutes by default', () => {
    assert.ok(loadConfig({}).resetTokenTtlMinutes <= 60);
  });

  it('values from the environment are used', () => {
    const config = loadConfig({
      PORT: '8080',
      HEARTH_SITES: ' Live ',
      HEARTH_TIMEZONE: 'America/Los_Angeles',
      HEARTH_SUPPORT_EMAIL: 'help@coc.example',
      HEARTH_PASSWORD_MAX_AGE_DAYS: '0',
      HEARTH_RESET_TOKEN_TTL_MINUTES: '30',
      SMTP_URL: 'smtp://mail.example:25',
      HEARTH_DATA_DIR: '/var/lib/hearth',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.publicUrl, 'http://localhost:8080');
    assert.deepEqual([...config.sites], ['live']);
    assert.equal(config.timeZone, 'America/Los_Angeles');
    assert.equal(config.supportEmail, 'help@coc.example');
    assert.equal(config.passwordMaxAgeDays, 0);
    assert.equal(config.resetTokenTtlMinutes, 30);
    assert.equal(config.smtpUrl, 'smtp://mail.example:25');
    assert.equal(config.dataDir, '/var/lib/hearth');
  });

  it('HEARTH_SITES=live gives only the Live site; repeats are dropped', () => {
    assert.deepEqual([...loadConfig({ HEARTH_SITES: 'live' }).sites], ['live']);
    assert.deepEqual([...loadConfig({ HEARTH_SITES: 'training' }).sites], ['training']);
    assert.deepEqual([...loadConfig({ HEARTH_SITES: 'live,training,live' }).sites], ['live', 'training']);
  });

  it('an https HEARTH_PUBLIC_URL turns on secure cookies; a trailing slash is dropped', () => {
    const secure = loadConfig({ HEARTH_PUBLIC_URL: 'https://hmis.example.org/' });
    assert.equal(secure.secureCookies, true);
    assert.equal(secure.publicUrl, 'https://hmis.example.org');
    const plain = loadConfig({ HEARTH_PUBLIC_URL: 'http://hearth.test' });
    assert.equal(plain.secureCookies, false);
    assert.equal(plain.publicUrl, 'http://hearth.test');
  });

  it('invalid values give a ConfigError that names the variable', () => {
    refused({ PORT: 'abc' }, 'PORT');
    refused({ PORT: '70000' }, 'PORT');
    refused({ PORT: '80.5' }, 'PORT');
    refused({ HEARTH_SITES: 'staging' }, 'HEARTH_SITES');
    refused({ HEARTH_SITES: 'live,staging' }, 'HEARTH_SITES');
    refused({ HEARTH_SITES: ',' }, 'HEARTH_SITES');
    refused({ HEARTH_TIMEZONE: 'Mars/Base' }, 'HEARTH_TIMEZONE');
    refused({ SMTP_URL: 'http://x' }, 'SMTP_URL');
    refused({ HEARTH_PASSWORD_MAX_AGE_DAYS: '-1' }, 'HEARTH_PASSWORD_MAX_AGE_DAYS');
    refused({ HEARTH_PASSWORD_MAX_AGE_DAYS: 'sixty' }, 'HEARTH_PASSWORD_MAX_AGE_DAYS');
    refused({ HEARTH_PUBLIC_URL: 'ftp://hearth.test' }, 'HEARTH_PUBLIC_URL');
    refused({ HEARTH_PUBLIC_URL: 'not a url' }, 'HEARTH_PUBLIC_URL');
    refused({ HEARTH_RESET_TOKEN_TTL_MINUTES: '0' }, 'HEARTH_RESET_TOKEN_TTL_MINUTES');
    refused({ HEARTH_LOCKOUT_THRESHOLD: '101' }, 'HEARTH_LOCKOUT_THRESHOLD');
  });

  it('a refused SMTP_URL does not echo its credentials', () => {
    const error = refused({ SMTP_URL: 'http://mailuser:s3cret-pw@mail.example' }, 'SMTP_URL');
    assert.ok(!error.message.includes('s3cret-pw'), error.message);
    assert.ok(!error.message.includes('mailuser'), error.message);
  });

  it('empty values fall back to the defaults', () => {
    const config = loadConfig({ PORT: '', HEARTH_SITES: '  ', HEARTH_TIMEZONE: '', SMTP_URL: '' });
    assert.equal(config.port, 3000);
    assert.deepEqual([...config.sites], ['training', 'live']);
    assert.equal(config.timeZone, 'America/New_York');
    assert.equal(config.smtpUrl, undefined);
  });
});
