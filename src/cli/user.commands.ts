import { Option, type Command } from 'commander';
import { ACCOUNT_STATUSES, type AccountStatus } from '../accounts/account-status.js';
import type { AgencyFilter, Role, User } from '../accounts/accounts.model.js';
import type { IssuedPassword } from '../accounts/accounts.service.js';
import { lacksAgency, NO_AGENCY_WARNING, ROLE_DESCRIPTIONS, ROLE_NAMES, ROLES } from '../accounts/roles.js';
import { DomainError, NotFoundError } from '../errors.js';
import type { Organization } from '../projects/projects.model.js';
import { isPlainEmailAddress, normalizeEmail, PLAIN_EMAIL_RULE } from '../accounts/email-address.js';
import type { SiteServices } from '../sites/site-services.js';
import { SITE_IDS, SITE_NAMES } from '../site-id.js';
import { UsageError, type CliIo } from './cli-io.js';
import { chosenSite, cliActor, withSite } from './open-site.js';

interface SiteOptions {
  site?: string;
  json?: boolean;
}

interface CreateOptions extends SiteOptions {
  firstName: string;
  lastName: string;
  email?: string;
  volunteer?: boolean;
  role: Role;
  username?: string;
  agency?: string[];
}

interface ListOptions extends SiteOptions {
  status?: AccountStatus;
  search?: string;
  agency?: string;
}

interface AgenciesOptions extends SiteOptions {
  set?: string;
  add?: string[];
  remove?: string[];
}

/** The --agency filter value for users who work for no agency yet. */
const NO_AGENCY = 'none';
/** How many of a site's agencies an "unknown agency" error names before it stops. */
const AGENCIES_NAMED_IN_ERRORS = 20;

const siteOption = () =>
  new Option('--site <site>', 'the site to work on; required, so nobody changes Live by accident').choices(SITE_IDS);
const jsonOption = () => new Option('--json', 'print JSON on stdout instead of text');
/** A repeatable option whose values may also be comma-separated: --agency a --agency b, or --agency a,b. */
const collectIds = (value: string, previous: string[] | undefined) => [...(previous ?? []), ...splitIds(value)];
const roleHelp = ROLES.map((role) => `${role}: ${ROLE_DESCRIPTIONS[role]}`).join(' ');

/** `hearth user …`: account administration from the command line, on one site at a time. */
export function registerUserCommands(program: Command, io: CliIo): void {
  const user = program
    .command('user')
    .description('create and administer user accounts')
    .addHelpText(
      'after',
      `
Examples:
  $ hearth user create --site live --first-name Jane --last-name Doe --email jane.doe@agency.example --role admin
  $ hearth user create --site live --first-name Sam --last-name Lee --email sam.lee@agency.example --agency 5b9f3c0e2d4a4f6b8c1d2e3f4a5b6c7d
  $ hearth user agencies --site live slee --add 9c1e7a2b3d4e4f5a8b6c7d8e9f0a1b2c
  $ hearth user temp-password --site live jdoe
  $ hearth user list --site training --status locked
  $ hearth user check-emails --site live
  $ hearth user reset-second-factor --site live jdoe`,
    );

  user
    .command('create')
    .description('create an account and print its username and a one-time temporary password')
    .addOption(siteOption())
    .requiredOption('--first-name <name>', 'first name')
    .requiredOption('--last-name <name>', 'last name')
    .option('--email <address>', 'work email address (required unless --volunteer)')
    .option('--volunteer', 'the person is a volunteer; the email address becomes optional')
    .addOption(new Option('--role <role>', roleHelp).choices(ROLES).default('case_manager'))
    .option('--agency <OrganizationID>', 'an agency the person works for (repeat it, or separate ids with commas); each agency\'s page in Hearth shows its Organization ID', collectIds)
    .option('--username <name>', 'a requested username (default: first initial + last name, e.g. jdoe)')
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
The temporary password is shown once. It works for one login, within HEARTH_TEMP_PASSWORD_TTL_HOURS
(72 by default), and must then be changed. Give it in person or by phone, never by email.
With --json, stdout is exactly {"username": "...", "temporaryPassword": "..."}.
A case manager or agency manager created without --agency can search clients but sees no enrollments
until given an agency (\`hearth user agencies\`); a warning says so on stderr.

Examples:
  $ hearth user create --site live --first-name Jane --last-name Doe --email jane.doe@agency.example --role admin
  $ hearth user create --site live --first-name Ana --last-name Ruiz --email ana.ruiz@agency.example --role agency_manager --agency 5b9f3c0e2d4a4f6b8c1d2e3f4a5b6c7d --agency 9c1e7a2b3d4e4f5a8b6c7d8e9f0a1b2c
  $ hearth user create --site training --first-name Sam --last-name Lee --volunteer --username slee.vol
  $ hearth user create --site live --first-name Ana --last-name Ruiz --email ana.ruiz@agency.example --json`,
    )
    .action(async (options: CreateOptions) => {
      const site = chosenSite(options.site);
      const email = options.email === undefined ? undefined : normalizeEmail(options.email);
      if (email && !isPlainEmailAddress(email)) throw new UsageError(`--email: ${PLAIN_EMAIL_RULE}`);
      await withSite(site, async (services) => {
        const organizations = await services.projects.organizations();
        const organizationIds = knownAgencies(services, organizations, options.agency ?? []);
        const issued = await services.accounts.create(
          {
            firstName: options.firstName,
            lastName: options.lastName,
            email: email || null,
            isVolunteer: options.volunteer === true,
            role: options.role,
            username: options.username ?? null,
            organizationIds,
          },
          cliActor(),
        );
        const { user } = issued;
        const kind = `${ROLE_NAMES[user.role]}${user.isVolunteer ? ', volunteer' : ''}`;
        printIssued(io, services, issued, options.json, `Created ${user.username} on the ${SITE_NAMES[site]} (${kind}).`);
        if (organizationIds.length > 0 && !options.json) io.out(`Works for: ${agencyNames(organizations, organizationIds)}.\n`);
        if (lacksAgency(user.role, organizationIds)) {
          io.err(`Warning: ${user.username} ${NO_AGENCY_WARNING}. Give them an agency with \`hearth user agencies --site ${site} ${user.username} --add <OrganizationID>\`.\n`);
        }
      });
    });

  user
    .command('agencies')
    .description('list the agencies a user works for, or change them')
    .argument('<username>', 'the account')
    .addOption(siteOption())
    .addOption(new Option('--set <ids>', 'exactly these agencies (OrganizationIDs, comma-separated; "" for none)').conflicts(['add', 'remove']))
    .option('--add <OrganizationID>', 'add an agency (repeatable, or comma-separated)', collectIds)
    .option('--remove <OrganizationID>', 'remove an agency (repeatable, or comma-separated)', collectIds)
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Case managers and agency managers see the enrollments of their agencies; agency managers also manage
their agencies' projects and see their staff. Administrators see every agency. Each agency's page in
Hearth shows its Organization ID. Every change is recorded in the audit log.
With --json, stdout is {"username": "...", "role": "...", "agencies": [{"organizationId": "...", "name": "..."}]}.

Examples:
  $ hearth user agencies --site live jdoe
  $ hearth user agencies --site live jdoe --add 5b9f3c0e2d4a4f6b8c1d2e3f4a5b6c7d
  $ hearth user agencies --site live jdoe --add 5b9f3c0e2d4a4f6b8c1d2e3f4a5b6c7d --remove 9c1e7a2b3d4e4f5a8b6c7d8e9f0a1b2c
  $ hearth user agencies --site live jdoe --set 5b9f3c0e2d4a4f6b8c1d2e3f4a5b6c7d,9c1e7a2b3d4e4f5a8b6c7d8e9f0a1b2c --json
  $ hearth user agencies --site live jdoe --set ""`,
    )
    .action(async (username: string, options: AgenciesOptions) => {
      const site = chosenSite(options.site);
      const add = options.add ?? [];
      const remove = options.remove ?? [];
      const both = add.filter((id) => remove.includes(id));
      if (both.length > 0) throw new UsageError(`--add and --remove both name ${both.join(', ')}; choose one`);
      await withSite(site, async (services) => {
        const account = await findUser(services, username);
        const organizations = await services.projects.organizations();
        const before = await services.access.organizationIdsOf(account.id);
        const changing = options.set !== undefined || add.length > 0 || remove.length > 0;
        let after = before;
        if (changing) {
          const wanted =
            options.set !== undefined
              ? knownAgencies(services, organizations, splitIds(options.set))
              : [...before, ...knownAgencies(services, organizations, add)].filter((id) => !remove.includes(id));
          await services.access.setOrganizations(account, wanted, cliActor());
          after = await services.access.organizationIdsOf(account.id);
        }
        if (options.json) {
          return io.out(`${JSON.stringify({ username: account.username, role: account.role, agencies: agencyList(organizations, after) })}\n`);
        }
        const where = `${account.username} on the ${SITE_NAMES[site]}`;
        if (changing) {
          const added = after.filter((id) => !before.includes(id));
          const removed = before.filter((id) => !after.includes(id));
          io.out(
            added.length || removed.length
              ? `Changed the agencies of ${where}: ${[added.length ? `added ${agencyNames(organizations, added)}` : '', removed.length ? `removed ${agencyNames(organizations, removed)}` : ''].filter(Boolean).join('; ')}.\n`
              : `The agencies of ${where} are unchanged.\n`,
          );
        }
        io.out(agencyListing(`${where} (${ROLE_NAMES[account.role]})`, account.role, organizations, after));
      });
    });

  user
    .command('temp-password')
    .description("issue a new one-time temporary password, replacing the user's password")
    .argument('<username>', 'the account')
    .addOption(siteOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
The old password stops working, the user's sessions end and their reset links are cancelled.
With --json, stdout is exactly {"username": "...", "temporaryPassword": "..."}.

Examples:
  $ hearth user temp-password --site live jdoe
  $ hearth user temp-password --site training jdoe --json`,
    )
    .action(async (username: string, options: SiteOptions) => {
      const site = chosenSite(options.site);
      await withSite(site, async (services) => {
        const account = await findUser(services, username);
        const issued = await services.accounts.issueTemporaryPassword(account.id, cliActor());
        const status = services.accounts.status(issued.user);
        if (status !== 'active') {
          io.err(`Note: ${issued.user.username} is ${status}; run \`hearth user ${status === 'locked' ? 'unlock' : 'reactivate'} --site ${site} ${issued.user.username}\` before they can sign in.\n`);
        }
        printIssued(io, services, issued, options.json, `New temporary password for ${issued.user.username} on the ${SITE_NAMES[site]}; the old one no longer works.`);
      });
    });

  user
    .command('list')
    .description('list accounts with their status, last login and password expiry')
    .addOption(siteOption())
    .addOption(new Option('--status <status>', 'only accounts with this status').choices(ACCOUNT_STATUSES))
    .option('--search <text>', 'only accounts whose username, name or email contains the text')
    .option('--agency <OrganizationID>', `only accounts of this agency, or "${NO_AGENCY}" for accounts of no agency yet`)
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Each account's agencies are listed by name (in --json: "agencies": [{"organizationId", "name"}]).

Examples:
  $ hearth user list --site live
  $ hearth user list --site live --status locked
  $ hearth user list --site live --agency none
  $ hearth user list --site training --search doe --json`,
    )
    .action(async (options: ListOptions) => {
      const site = chosenSite(options.site);
      await withSite(site, async (services) => {
        const organizations = await services.projects.organizations();
        let agency: AgencyFilter | undefined;
        if (options.agency === NO_AGENCY) agency = { kind: 'none' };
        else if (options.agency !== undefined) agency = { kind: 'agency', organizationId: knownAgencies(services, organizations, [options.agency])[0]! };
        const users = await allUsers(services, { query: options.search, status: options.status, agency });
        const agencies = await services.access.organizationIdsOfUsers(users.map((u) => u.id));
        const rows = users.map((u) => ({ user: u, agencyIds: agencies.get(u.id) ?? [] }));
        if (options.json) return io.out(`${JSON.stringify(rows.map((r) => summary(services, r.user, agencyList(organizations, r.agencyIds))))}\n`);
        if (rows.length === 0) return io.out(`No matching accounts on the ${SITE_NAMES[site]}.\n`);
        io.out(table(services, rows, organizations));
      });
    });

  user
    .command('check-emails')
    .description('list accounts whose stored email is not one plain address (no mail goes to them)')
    .addOption(siteOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Addresses saved before Hearth checked them strictly may hold a list ("a@x.org,b@y.org") or a display
name ("Jane <jane@x.org>"), which could send a reset link elsewhere. Hearth sends nothing to them until
an administrator enters one plain address under Users. Exits with status 1 when it finds any.
With --json, stdout is [{"username": "...", "email": "..."}].

Examples:
  $ hearth user check-emails --site live
  $ hearth user check-emails --site training --json`,
    )
    .action(async (options: SiteOptions) => {
      const site = chosenSite(options.site);
      await withSite(site, async (services) => {
        const unusable = await services.accounts.withUnusableEmail();
        if (options.json) io.out(`${JSON.stringify(unusable.map(({ username, email }) => ({ username, email })))}\n`);
        else if (unusable.length === 0) io.out(`Every email address on the ${SITE_NAMES[site]} is one plain address.\n`);
        else io.out(unusable.map((row) => `${row.username}  ${JSON.stringify(row.email)}\n`).join(''));
        if (unusable.length > 0) {
          throw new DomainError(
            `${unusable.length} account${unusable.length === 1 ? '' : 's'} on the ${SITE_NAMES[site]} ${unusable.length === 1 ? 'has' : 'have'} an email that is not one plain address; enter one address for each under Users in Hearth`,
          );
        }
      });
    });

  user
    .command('reset-second-factor')
    .description("remove a user's authenticator app and recovery codes (a lost phone) and end their sessions")
    .argument('<username>', 'the account')
    .addOption(siteOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Check who is asking first. The user signs in with their password alone, and sets up a new second
factor at once if the site requires one. With --json, stdout is the account as one JSON object.

Examples:
  $ hearth user reset-second-factor --site live jdoe
  $ hearth user reset-second-factor --site training jdoe --json`,
    )
    .action(async (username: string, options: SiteOptions) => {
      const site = chosenSite(options.site);
      await withSite(site, async (services) => {
        const account = await findUser(services, username);
        const updated = await services.secondFactors.reset(account.id, cliActor());
        if (options.json) return io.out(`${JSON.stringify(await summaryWithAgencies(services, updated))}\n`);
        io.out(`Reset the second factor of ${updated.username} on the ${SITE_NAMES[site]}; their sessions ended.\n`);
      });
    });

  const changes = [
    {
      name: 'deactivate',
      description: 'deactivate an account: the user can no longer sign in and their sessions end',
      done: 'Deactivated',
      already: (u: User) => u.deactivatedAt !== null,
      alreadyText: 'was already deactivated',
      apply: (s: SiteServices, u: User) => s.accounts.deactivate(u.id, cliActor()),
    },
    {
      name: 'reactivate',
      description: 'reactivate a deactivated account',
      done: 'Reactivated',
      already: (u: User) => u.deactivatedAt === null,
      alreadyText: 'is not deactivated',
      apply: (s: SiteServices, u: User) => s.accounts.reactivate(u.id, cliActor()),
    },
    {
      name: 'unlock',
      description: 'unlock an account locked after too many failed logins',
      done: 'Unlocked',
      already: () => false,
      alreadyText: '',
      apply: (s: SiteServices, u: User) => s.accounts.unlock(u.id, cliActor()),
    },
  ] as const;

  for (const change of changes) {
    user
      .command(change.name)
      .description(change.description)
      .argument('<username>', 'the account')
      .addOption(siteOption())
      .addOption(jsonOption())
      .addHelpText(
        'after',
        `
With --json, stdout is the account as one JSON object (as in \`hearth user list --json\`).

Examples:
  $ hearth user ${change.name} --site live jdoe
  $ hearth user ${change.name} --site training jdoe --json`,
      )
      .action(async (username: string, options: SiteOptions) => {
        const site = chosenSite(options.site);
        await withSite(site, async (services) => {
          const account = await findUser(services, username);
          const wasAlready = change.already(account);
          const updated = await change.apply(services, account);
          if (options.json) return io.out(`${JSON.stringify(await summaryWithAgencies(services, updated))}\n`);
          io.out(
            wasAlready
              ? `${updated.username} on the ${SITE_NAMES[site]} ${change.alreadyText}; nothing changed.\n`
              : `${change.done} ${updated.username} on the ${SITE_NAMES[site]}.\n`,
          );
        });
      });
  }
}

async function findUser(services: SiteServices, username: string): Promise<User> {
  try {
    return await services.accounts.getByUsername(username);
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new NotFoundError(`no user named ${username.trim()} on the ${SITE_NAMES[services.id]}`);
    }
    throw error;
  }
}

function printIssued(io: CliIo, services: SiteServices, issued: IssuedPassword, json: boolean | undefined, headline: string): void {
  const { user, temporaryPassword } = issued;
  if (json) {
    io.out(`${JSON.stringify({ username: user.username, temporaryPassword })}\n`);
    return;
  }
  io.out(
    `${headline}\n` +
      `Temporary password: ${temporaryPassword}   (works for one login within ${services.config.tempPasswordTtlHours} hours)\n` +
      `Give it to ${user.firstName} ${user.lastName} in person or by phone, never by email.\n`,
  );
}

function splitIds(value: string): string[] {
  return value
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
}

/**
 * The requested agencies, each checked to exist on this site (the service checks again when saving): an
 * unknown id is refused naming the site's agencies, since the CLI has no other way to look them up.
 */
function knownAgencies(services: SiteServices, organizations: readonly Organization[], requested: readonly string[]): string[] {
  const ids = [...new Set(requested)];
  const known = new Set(organizations.map((o) => o.organizationId));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length === 0) return ids;
  const site = SITE_NAMES[services.id];
  const listed = organizations.slice(0, AGENCIES_NAMED_IN_ERRORS).map((o) => `${o.organizationId} (${o.organizationName})`);
  const more = organizations.length - listed.length;
  const choices =
    organizations.length === 0
      ? `the ${site} has no agencies yet; create them under Agencies in Hearth`
      : `the agencies of the ${site} are: ${listed.join(', ')}${more > 0 ? ` and ${more} more (see Agencies in Hearth)` : ''}`;
  throw new NotFoundError(`--agency: no agency has the OrganizationID ${unknown.join(', ')}; ${choices}`);
}

/** The agencies by name, in the site's order of agencies (by name), as they are shown in Hearth. */
function agencyList(organizations: readonly Organization[], ids: readonly string[]): { organizationId: string; name: string | null }[] {
  const wanted = new Set(ids);
  return organizations.filter((o) => wanted.has(o.organizationId)).map((o) => ({ organizationId: o.organizationId, name: o.organizationName }));
}

function agencyNames(organizations: readonly Organization[], ids: readonly string[]): string {
  return agencyList(organizations, ids)
    .map((a) => a.name ?? a.organizationId)
    .join(', ');
}

/** "jdoe on the Live site (Case manager) works for:" and one agency a line, or what having none means. */
function agencyListing(who: string, role: Role, organizations: readonly Organization[], ids: readonly string[]): string {
  if (ids.length === 0) {
    return lacksAgency(role, ids) ? `${who} ${NO_AGENCY_WARNING}.\n` : `${who} works for no agency; administrators see every agency.\n`;
  }
  return `${who} works for:\n${agencyList(organizations, ids)
    .map((a) => `  ${a.organizationId}  ${a.name ?? '(deleted agency)'}\n`)
    .join('')}`;
}

/** Every matching account: the service pages its results, the CLI wants them all. */
async function allUsers(services: SiteServices, filter: { query?: string; status?: AccountStatus; agency?: AgencyFilter }): Promise<User[]> {
  const pageSize = 200;
  const users: User[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await services.accounts.search({ ...filter, limit: pageSize, offset });
    users.push(...page);
    if (page.length < pageSize) return users;
  }
}

/** An account as the CLI shows it in JSON: never the password hash. */
function summary(services: SiteServices, user: User, agencies: { organizationId: string; name: string | null }[]) {
  return {
    username: user.username,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    volunteer: user.isVolunteer,
    role: user.role,
    agencies,
    status: services.accounts.status(user),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    passwordIsTemporary: user.passwordIsTemporary,
    passwordExpiresAt: user.passwordExpiresAt?.toISOString() ?? null,
    lockedUntil: user.lockedUntil?.toISOString() ?? null,
    deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

async function summaryWithAgencies(services: SiteServices, user: User) {
  const ids = await services.access.organizationIdsOf(user.id);
  return summary(services, user, agencyList(await services.projects.organizations(), ids));
}

function table(services: SiteServices, rows: { user: User; agencyIds: readonly string[] }[], organizations: readonly Organization[]): string {
  const when = dateFormatter(services.config.timeZone);
  const header = ['USERNAME', 'NAME', 'EMAIL', 'ROLE', 'AGENCIES', 'STATUS', 'LAST LOGIN', 'PASSWORD EXPIRES'];
  const cells = rows.map(({ user: u, agencyIds }) => [
    u.username,
    `${u.firstName} ${u.lastName}`,
    u.email ? `${u.email}${u.isVolunteer ? ' (volunteer)' : ''}` : u.isVolunteer ? '(volunteer)' : '',
    u.role,
    agencyIds.length > 0 ? agencyNames(organizations, agencyIds) : lacksAgency(u.role, agencyIds) ? 'NONE YET' : '(all, as admin)',
    services.accounts.status(u),
    u.lastLoginAt ? when(u.lastLoginAt) : 'never',
    u.passwordExpiresAt ? `${when(u.passwordExpiresAt)}${u.passwordIsTemporary ? ' (temporary)' : ''}` : 'never',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  return [header, ...cells].map((cells) => `${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`).join('');
}

/** 2025-03-01 14:05 in the agency's time zone. */
function dateFormatter(timeZone: string): (date: Date) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (date) => {
    const part = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
    return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
  };
}
