import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { AuditLog, SYSTEM_ACTOR } from '../../src/audit/audit-log.js';
import type { AuditRecord } from '../../src/audit/audit.model.js';
import { withSiteDatabase } from '../../src/cli/open-site.js';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { siteDataDir } from '../../src/db/database.js';
import { createSiteServices, siteSealer } from '../../src/sites/site-services.js';
import { SKIP_IN_POSTGRES_PASS } from '../helpers/database.js';
import { assertOneLineError, cleanEnv, hearth, lines, listed, parseIssued, SLOW, statusOf, tempDir } from '../helpers/hearth-cli.js';

/** Agencies made the way the web pages make them, straight in a data folder's Live site (no server running). */
async function createAgencies(dataDir: string, names: string[]): Promise<string[]> {
  const config = loadConfig({ HEARTH_DATA_DIR: dataDir });
  return withSiteDatabase(
    'live',
    async ({ db }) => {
      const projects = createSiteServices({ id: 'live', db, config, clock: systemClock, sealer: siteSealer(config, siteDataDir(config, 'live')) }).projects;
      const ids: string[] = [];
      for (const name of names) ids.push((await projects.createOrganization({ name, commonName: '', victimServiceProvider: '0' }, SYSTEM_ACTOR)).organizationId);
      return ids;
    },
    config,
  );
}

async function auditOf(dataDir: string, username: string): Promise<AuditRecord[]> {
  const config = loadConfig({ HEARTH_DATA_DIR: dataDir });
  return withSiteDatabase('live', ({ db }) => new AuditLog('live', systemClock).list(db, { username, event: 'account.agencies_changed' }), config);
}

describe('hearth CLI', { skip: SKIP_IN_POSTGRES_PASS }, () => {
  describe('hearth user (no server running)', () => {
    let dataDir: string;
    let env: NodeJS.ProcessEnv;

    before(() => {
      dataDir = tempDir('cli');
      env = cleanEnv({ HEARTH_DATA_DIR: dataDir });
    });
    after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    it('creates accounts: --json prints exactly the username and temporary password; usernames follow the convention', SLOW, async () => {
      const jane = ['user', 'create', '--site', 'live', '--first-name', 'Jane', '--last-name', 'Doe', '--email', 'jane.doe@agency.example'];
      const first = parseIssued(await hearth([...jane, '--role', 'admin', '--json'], env));
      assert.equal(first.username, 'jdoe');

      const second = await hearth([...jane.slice(0, -1), 'jane.doe2@agency.example'], env);
      assert.equal(second.code, 0, second.stderr);
      const out = lines(second.stdout);
      assert.equal(out.length, 3, second.stdout);
      assert.equal(out[0], 'Created jdoe2 on the Live site (Case manager).');
      assert.match(out[1]!, /^Temporary password: (\S+) {3}\(works for one login within 72 hours\)$/);
      assert.notEqual(/^Temporary password: (\S+)/.exec(out[1]!)![1], first.temporaryPassword);
      assert.equal(out[2], 'Give it to Jane Doe in person or by phone, never by email.');

      const volunteer = parseIssued(
        await hearth(['user', 'create', '--site', 'live', '--first-name', 'Sam', '--last-name', 'Lee', '--volunteer', '--username', 'Sam.Vol', '--json'], env),
      );
      assert.equal(volunteer.username, 'sam.vol');

      const users = await listed(env);
      assert.deepEqual(users.map((u) => u.username), ['jdoe', 'jdoe2', 'sam.vol']);
      assert.deepEqual(
        users.map((u) => [u.role, u.email, u.volunteer, u.status, u.passwordIsTemporary]),
        [
          ['admin', 'jane.doe@agency.example', false, 'active', true],
          ['case_manager', 'jane.doe2@agency.example', false, 'active', true],
          ['case_manager', null, true, 'active', true],
        ],
      );
      assert.deepEqual(await listed(env, '--search', 'doe2'), [users[1]]);
    });

    it('refuses a non-volunteer without email (exit 1) and an unknown user (exit 1), on one line', SLOW, async () => {
      const noEmail = await hearth(['user', 'create', '--site', 'live', '--first-name', 'Ann', '--last-name', 'Bee'], env);
      assertOneLineError(noEmail, 1, /--email: .*email/i);

      const unknown = await hearth(['user', 'temp-password', '--site', 'live', 'nobody'], env);
      assertOneLineError(unknown, 1, /no user named nobody on the Live site/);
    });

    it('issues a new temporary password', SLOW, async () => {
      const issued = parseIssued(await hearth(['user', 'temp-password', '--site', 'live', 'jdoe2', '--json'], env));
      assert.equal(issued.username, 'jdoe2');
    });

    it('deactivates and reactivates, as user list shows', SLOW, async () => {
      const off = await hearth(['user', 'deactivate', '--site', 'live', 'jdoe2'], env);
      assert.equal(off.code, 0, off.stderr);
      assert.equal(off.stdout, 'Deactivated jdoe2 on the Live site.\n');
      assert.equal(statusOf(await listed(env), 'jdoe2'), 'deactivated');
      assert.deepEqual((await listed(env, '--status', 'deactivated')).map((u) => u.username), ['jdoe2']);

      const on = await hearth(['user', 'reactivate', '--site', 'live', 'jdoe2'], env);
      assert.equal(on.code, 0, on.stderr);
      assert.equal(statusOf(await listed(env), 'jdoe2'), 'active');
    });

    it('the last administrator cannot be deactivated (exit 1)', SLOW, async () => {
      const run = await hearth(['user', 'deactivate', '--site', 'live', 'jdoe'], env);
      assertOneLineError(run, 1, /only active HMIS administrator/);
    });

    it('S28 check-emails lists accounts whose stored email is not one plain address (exit 1), and is quiet when all are', SLOW, async () => {
      const clean = await hearth(['user', 'check-emails', '--site', 'live'], env);
      assert.equal(clean.code, 0, clean.stderr);
      assert.equal(clean.stdout, 'Every email address on the Live site is one plain address.\n');

      // Saved before addresses were checked strictly: only the database itself still takes such a value.
      const bad = 'jane.doe@agency.example,attacker@evil.example';
      await withSiteDatabase('live', ({ db }) => db.updateTable('users').set({ email: bad }).where('username', '=', 'jdoe').execute(), loadConfig({ HEARTH_DATA_DIR: dataDir }));
      const found = await hearth(['user', 'check-emails', '--site', 'live'], env);
      assert.equal(found.code, 1);
      assert.equal(found.stdout, `jdoe  ${JSON.stringify(bad)}\n`);
      assert.match(found.stderr, /^hearth: 1 account on the Live site has an email that is not one plain address; enter one address for each under Users in Hearth\n$/);
      const json = await hearth(['user', 'check-emails', '--site', 'live', '--json'], env);
      assert.equal(json.code, 1);
      assert.deepEqual(JSON.parse(json.stdout), [{ username: 'jdoe', email: bad }]);
      await withSiteDatabase('live', ({ db }) => db.updateTable('users').set({ email: 'jane.doe@agency.example' }).where('username', '=', 'jdoe').execute(), loadConfig({ HEARTH_DATA_DIR: dataDir }));
    });

    describe('agencies', () => {
      let harbor: string;
      let northside: string;
      const create = (first: string, last: string, ...extra: string[]) =>
        hearth(['user', 'create', '--site', 'live', '--first-name', first, '--last-name', last, '--email', `${first.toLowerCase()}@agency.example`, ...extra], env);
      const agenciesOf = async (username: string, ...change: string[]) => {
        const run = await hearth(['user', 'agencies', '--site', 'live', username, ...change, '--json'], env);
        assert.equal(run.code, 0, run.stderr);
        assert.equal(lines(run.stdout).length, 1);
        return JSON.parse(run.stdout) as { username: string; role: string; agencies: { organizationId: string; name: string }[] };
      };

      before(async () => {
        [harbor, northside] = (await createAgencies(dataDir, ['Harbor Light Services', 'Northside Outreach'])) as [string, string];
      });

      it('create --agency (repeatable) gives the account its agencies; user agencies and user list show them', SLOW, async () => {
        const created = await create('Ava', 'Agent', '--role', 'agency_manager', '--agency', northside, '--agency', harbor);
        assert.equal(created.code, 0, created.stderr);
        assert.equal(created.stderr, '', 'no warning: the account has agencies');
        const out = lines(created.stdout);
        assert.equal(out[0], 'Created aagent on the Live site (Agency manager).');
        assert.equal(out[3], 'Works for: Harbor Light Services, Northside Outreach.');

        const shown = await agenciesOf('aagent');
        assert.equal(shown.role, 'agency_manager');
        assert.deepEqual(shown.agencies, [
          { organizationId: harbor, name: 'Harbor Light Services' },
          { organizationId: northside, name: 'Northside Outreach' },
        ]);
        const text = await hearth(['user', 'agencies', '--site', 'live', 'aagent'], env);
        assert.equal(text.code, 0, text.stderr);
        assert.match(text.stdout, /^aagent on the Live site \(Agency manager\) works for:\n/);
        assert.match(text.stdout, new RegExp(`^  ${harbor}  Harbor Light Services$`, 'm'));

        const audit = await auditOf(dataDir, 'aagent');
        assert.equal(audit.length, 1);
        assert.match(audit[0]!.actorUsername ?? '', /^cli:/);
        assert.deepEqual(audit[0]!.details, { added: [harbor, northside].sort().join(', '), removed: null });
      });

      it('a case manager created without --agency is created, with the warning on stderr (not an error)', SLOW, async () => {
        const created = await create('Nora', 'New', '--json');
        const issued = parseIssued(created);
        assert.equal(
          created.stderr,
          `Warning: nnew works for no agency yet: can search clients but sees no enrollments. Give them an agency with \`hearth user agencies --site live nnew --add <OrganizationID>\`.\n`,
        );
        assert.equal(issued.username, 'nnew');
        assert.deepEqual((await agenciesOf('nnew')).agencies, []);
        const text = await hearth(['user', 'agencies', '--site', 'live', 'nnew'], env);
        assert.equal(text.stdout, 'nnew on the Live site (Case manager) works for no agency yet: can search clients but sees no enrollments.\n');
      });

      it('an unknown agency is refused on one line naming the site’s agencies, and no account is made', SLOW, async () => {
        const run = await create('Uma', 'Unknown', '--agency', `${harbor},nope`);
        assertOneLineError(run, 1, new RegExp(`--agency: no agency has the OrganizationID nope; the agencies of the Live site are: ${harbor} \\(Harbor Light Services\\), ${northside} \\(Northside Outreach\\)$`, 'm'));
        assert.equal((await listed(env)).some((u) => u.username === 'uunknown'), false);
      });

      it('user agencies --add, --remove and --set change them, each change audited', SLOW, async () => {
        const added = await hearth(['user', 'agencies', '--site', 'live', 'nnew', '--add', harbor], env);
        assert.equal(added.code, 0, added.stderr);
        assert.equal(lines(added.stdout)[0], 'Changed the agencies of nnew on the Live site: added Harbor Light Services.');
        assert.equal(lines(added.stdout)[1], 'nnew on the Live site (Case manager) works for:');

        assert.deepEqual((await agenciesOf('nnew', '--add', northside, '--remove', harbor)).agencies.map((a) => a.organizationId), [northside]);
        assert.deepEqual((await agenciesOf('nnew', '--set', `${northside},${harbor}`)).agencies.map((a) => a.name), ['Harbor Light Services', 'Northside Outreach']);
        const same = await hearth(['user', 'agencies', '--site', 'live', 'nnew', '--set', `${northside},${harbor}`], env);
        assert.equal(lines(same.stdout)[0], 'The agencies of nnew on the Live site are unchanged.');
        assert.deepEqual((await agenciesOf('nnew', '--set', '')).agencies, []);

        const audit = await auditOf(dataDir, 'nnew');
        assert.deepEqual(
          audit.map((a) => a.details).reverse(),
          [
            { added: harbor, removed: null },
            { added: northside, removed: harbor },
            { added: harbor, removed: null },
            { added: null, removed: [harbor, northside].sort().join(', ') },
          ],
          'one entry per change, none when nothing changed',
        );
      });

      it('wrong combinations are usage errors (exit 2); an unknown user or agency fails (exit 1)', SLOW, async () => {
        // The usage errors come before the database is opened, so they may run side by side.
        const [setAndAdd, addAndRemove] = await Promise.all([
          hearth(['user', 'agencies', '--site', 'live', 'nnew', '--set', harbor, '--add', northside], env),
          hearth(['user', 'agencies', '--site', 'live', 'nnew', '--add', harbor, '--remove', harbor], env),
        ]);
        const unknownUser = await hearth(['user', 'agencies', '--site', 'live', 'nobody'], env);
        const unknownAgency = await hearth(['user', 'agencies', '--site', 'live', 'nnew', '--add', 'f'.repeat(32)], env);
        assertOneLineError(setAndAdd, 2, /option '--set <ids>' cannot be used with option '--add/);
        assertOneLineError(addAndRemove, 2, new RegExp(`--add and --remove both name ${harbor}`));
        assertOneLineError(unknownUser, 1, /no user named nobody on the Live site/);
        assertOneLineError(unknownAgency, 1, /no agency has the OrganizationID f{32}/);
        assert.deepEqual((await agenciesOf('nnew')).agencies, []);
      });

      it('user list shows each account’s agencies, in text and JSON, and filters by agency or "none"', SLOW, async () => {
        const users = await listed(env);
        const agent = users.find((u) => u.username === 'aagent')!;
        assert.deepEqual(
          (agent.agencies as { name: string }[]).map((a) => a.name).sort(),
          ['Harbor Light Services', 'Northside Outreach'],
        );
        assert.deepEqual(users.find((u) => u.username === 'nnew')!.agencies, []);
        assert.deepEqual((await listed(env, '--agency', harbor)).map((u) => u.username), ['aagent']);
        assert.deepEqual((await listed(env, '--agency', 'none')).map((u) => u.username), ['jdoe', 'jdoe2', 'nnew', 'sam.vol']);

        const text = await hearth(['user', 'list', '--site', 'live'], env);
        assert.equal(text.code, 0, text.stderr);
        const [header, ...rows] = lines(text.stdout);
        assert.match(header!, /^USERNAME +NAME +EMAIL +ROLE +AGENCIES +STATUS/);
        assert.match(rows.find((r) => r.startsWith('aagent '))!, /agency_manager +Harbor Light Services, Northside Outreach +active/);
        assert.match(rows.find((r) => r.startsWith('nnew '))!, /case_manager +NONE YET +active/);
        assert.match(rows.find((r) => r.startsWith('jdoe '))!, /admin +\(all, as admin\) +active/);
      });
    });
  });

});
