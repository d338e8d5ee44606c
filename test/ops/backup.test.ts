import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { assembleHearth, type Hearth } from '../../src/assemble.js';
import type { Viewer } from '../../src/access/access-policy.js';
import { SYSTEM_ACTOR } from '../../src/audit/audit-log.js';
import { EMPTY_CLIENT_INPUT } from '../../src/clients/client-fields.js';
import { loadConfig } from '../../src/config.js';
import { HOMELESS_ADULT } from '../enrollments/fixtures.js';
import { addCoc } from '../helpers/project-coc.js';
import { capturedLogger } from '../helpers/app.js';
import { TestClient, textOf } from '../helpers/client.js';
import { TEST_DATABASE_URL } from '../helpers/database.js';
import { BIN, cleanEnv, ROOT, tempDir } from '../helpers/hearth-cli.js';
import { SIGNED_IN_PASSWORD } from '../helpers/users.js';

const SLOW = { timeout: 600_000 };
const ACTOR = { userId: null, username: 'setup', ip: null };
const ADMIN: Viewer = { userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() };

/** The real `hearth` command, its stdin closed (a script: no one answers a question). */
function hearth(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A new, empty PostgreSQL database beside the test database (a restore target must be a database of its own). */
async function newPostgresDatabase(created: string[]): Promise<string> {
  const name = `hearth_backup_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  created.push(name);
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPostgresDatabases(names: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  for (const name of names) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/** Hearth as the server runs it: the Live site's database opened from the data folder or the URL, not given. */
async function startServer(dataDir: string, databaseUrl: string | undefined): Promise<Hearth> {
  const env = { HEARTH_DATA_DIR: dataDir, HEARTH_SITES: 'live', HEARTH_PUBLIC_URL: 'http://hearth.test', LOG_LEVEL: 'warn', ...(databaseUrl ? { HEARTH_LIVE_DATABASE_URL: databaseUrl } : {}) };
  const config = loadConfig(env, { forgotMinResponseMs: 0 });
  const hearth = await assembleHearth(config, { logger: capturedLogger(config).log, mailPollMs: 60_000 });
  await hearth.app.ready();
  return hearth;
}

async function signIn(hearth: Hearth, username: string, password: string): Promise<TestClient> {
  const client = new TestClient(hearth.app);
  const page = await client.login('live', username, password);
  assert.equal(page.status, 303, textOf(page.body).slice(0, 300));
  return client;
}

describe(`hearth backup and restore (${TEST_DATABASE_URL ? 'PostgreSQL, pg_dump' : 'embedded database, through the server'})`, () => {
  const folders: string[] = [];
  const databases: string[] = [];
  after(async () => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
    if (databases.length > 0) await dropPostgresDatabases(databases);
  });

  it('backs up a site while it serves requests, refuses to restore over a running site, and the backup restored elsewhere holds the same users, clients and enrollments', SLOW, async () => {
    const source = tempDir('backup-source');
    const target = tempDir('backup-target');
    folders.push(source, target);
    const sourceUrl = TEST_DATABASE_URL ? await newPostgresDatabase(databases) : undefined;
    const targetUrl = TEST_DATABASE_URL ? await newPostgresDatabase(databases) : undefined;
    const envOf = (dataDir: string, url: string | undefined) =>
      cleanEnv({ HEARTH_DATA_DIR: dataDir, HEARTH_SITES: 'live', ...(url ? { HEARTH_LIVE_DATABASE_URL: url } : {}) });

    // A site with a user, a client and an enrollment.
    const server = await startServer(source, sourceUrl);
    const live = server.sites[0]!.services;
    let personalId: string;
    let username: string;
    try {
      const agency = await live.projects.createOrganization({ name: 'Harbor Light', commonName: '', victimServiceProvider: '0' }, ACTOR);
      const project = await live.projects.createProject(
        ADMIN,
        agency.organizationId,
        { name: 'Harbor Night Shelter', commonName: '', operatingStartDate: '2020-01-01', operatingEndDate: '', continuumProject: '1', projectType: '0', housingType: '1', rrhSubType: '' },
        ACTOR,
      );
      await addCoc(live, [project.projectId]);
      const created = await live.clients.create(
        { ...EMPTY_CLIENT_INPUT, firstName: 'Rosalind', lastName: 'Backupson', nameDataQuality: '1', ssnDataQuality: '99', dob: '1980-04-05', dobDataQuality: '1', races: ['white'], sex: '0', veteranStatus: '0' },
        SYSTEM_ACTOR,
      );
      assert.equal(created.status, 'created');
      if (created.status !== 'created') return;
      personalId = created.client.personalId;
      await live.enrollments.enroll(ADMIN, { projectId: project.projectId, entryDate: '11/02/2026', personalIds: [personalId], entries: [HOMELESS_ADULT] }, ACTOR);
      const { user, temporaryPassword } = await live.accounts.create(
        { firstName: 'Bea', lastName: 'Keeper', email: 'bea.keeper@agency.example', isVolunteer: false, role: 'admin' },
        SYSTEM_ACTOR,
      );
      username = user.username;
      // The user sets a password of their own at the first sign-in, as a person does.
      const chooser = new TestClient(server.app);
      const first = await chooser.login('live', username, temporaryPassword);
      assert.equal(first.location, '/live/password/expired');
      const changed = await chooser.submit('/live/password/expired', { newPassword: SIGNED_IN_PASSWORD, confirmPassword: SIGNED_IN_PASSWORD });
      assert.equal(changed.status, 303, textOf(changed.body).slice(0, 300));
      const worker = await signIn(server, username, SIGNED_IN_PASSWORD);

      // Requests keep coming while the backup is taken: pages that read and write (each view is audited).
      let serving = true;
      const statuses: number[] = [];
      const traffic = (async () => {
        while (serving) {
          statuses.push((await worker.get(`/live/clients/${personalId}`)).status);
          statuses.push((await worker.get('/live/clients?q=Backupson')).status);
          // Injected requests on the embedded database never wait for I/O: let the backup's connection in, as
          // requests arriving over the network do.
          await sleep(5);
        }
      })();
      const backup = path.join(source, 'live.backup');
      const made = await hearth(['backup', '--site', 'live', '--out', backup], envOf(source, sourceUrl));
      assert.equal(made.code, 0, made.stderr);
      assert.match(made.stdout, TEST_DATABASE_URL ? /backed up .* with pg_dump into/ : /backed up the embedded database through the running server into/);
      assert.equal(fs.statSync(backup).mode & 0o777, 0o600, 'the backup is private');
      assert.ok(fs.statSync(backup).size > 1000);

      const twice = await hearth(['backup', '--site', 'live', '--out', backup], envOf(source, sourceUrl));
      assert.equal(twice.code, 2, 'an existing file is never replaced');
      assert.match(twice.stderr, /already exists/);

      const overRunning = await hearth(['restore', '--site', 'live', '--yes', backup], envOf(source, sourceUrl));
      assert.equal(overRunning.code, 1, overRunning.stderr);
      assert.match(overRunning.stderr, TEST_DATABASE_URL ? /a Hearth server is using .* stop every server/ : /is using .*: stop the server first/);

      serving = false;
      await traffic;
      assert.ok(statuses.length >= 2, 'requests were served during the backup');
      assert.deepEqual([...new Set(statuses)], [200], 'every request during the backup answered 200');

      // Restoring asks first; a script without --yes gets no.
      const unconfirmed = await hearth(['restore', '--site', 'live', backup], envOf(target, targetUrl));
      assert.equal(unconfirmed.code, 1);
      assert.match(unconfirmed.stderr, /Type "live" to go on/);
      assert.match(unconfirmed.stderr, /not restored/);

      const restored = await hearth(['restore', '--site', 'live', '--yes', backup], envOf(target, targetUrl));
      assert.equal(restored.code, 0, restored.stderr);
      assert.match(restored.stdout, /restored/);
    } finally {
      await server.close();
    }

    // The restored copy, started as a server: the same person signs in and finds the same client and enrollment.
    const copy = await startServer(target, targetUrl);
    try {
      const worker = await signIn(copy, username, SIGNED_IN_PASSWORD);
      const profile = await worker.get(`/live/clients/${personalId}`);
      assert.equal(profile.status, 200);
      assert.match(textOf(profile.body), /Rosalind/);
      assert.match(textOf(profile.body), /Harbor Night Shelter/, 'the enrollment came back with its project');
      const restoredUser = await copy.sites[0]!.services.accounts.getByUsername(username);
      assert.equal(restoredUser.email, 'bea.keeper@agency.example');
    } finally {
      await copy.close();
    }
  });
});
