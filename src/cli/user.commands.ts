import { Option, type Command } from 'commander';
import { ACCOUNT_STATUSES, type AccountStatus } from '../accounts/account-status.js';
import { ROLE_NAMES, ROLES, type IssuedPassword } from '../accounts/accounts.service.js';
import type { Role, User } from '../db/schema.js';
import { NotFoundError } from '../errors.js';
import type { SiteServices } from '../sites/site-services.js';
import { SITE_IDS, SITE_NAMES } from '../sites/site.js';
import type { CliIo } from './cli-io.js';
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
}

interface ListOptions extends SiteOptions {
  status?: AccountStatus;
  search?: string;
}

const siteOption = () =>
  new Option('--site <site>', 'the site to work on; required, so nobody changes Live by accident').choices(SITE_IDS);
const jsonOption = () => new Option('--json', 'print JSON on stdout instead of text');

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
  $ hearth user temp-password --site live jdoe
  $ hearth user list --site training --status locked
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
    .addOption(new Option('--role <role>', 'case_manager: clients and their agencies\' enrollments; agency_manager: also their agencies\' projects and staff; admin: HMIS administrator').choices(ROLES).default('case_manager'))
    .option('--username <name>', 'a requested username (default: first initial + last name, e.g. jdoe)')
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
The temporary password is shown once. It works for one login, within HEARTH_TEMP_PASSWORD_TTL_HOURS
(72 by default), and must then be changed. Give it in person or by phone, never by email.
With --json, stdout is exactly {"username": "...", "temporaryPassword": "..."}.

Examples:
  $ hearth user create --site live --first-name Jane --last-name Doe --email jane.doe@agency.example --role admin
  $ hearth user create --site training --first-name Sam --last-name Lee --volunteer --username slee.vol
  $ hearth user create --site live --first-name Ana --last-name Ruiz --email ana.ruiz@agency.example --json`,
    )
    .action(async (options: CreateOptions) => {
      const site = chosenSite(options.site);
      await withSite(site, async (services) => {
        const issued = await services.accounts.create(
          {
            firstName: options.firstName,
            lastName: options.lastName,
            email: options.email ?? null,
            isVolunteer: options.volunteer === true,
            role: options.role,
            username: options.username ?? null,
          },
          cliActor(),
        );
        const kind = `${ROLE_NAMES[issued.user.role]}${issued.user.is_volunteer ? ', volunteer' : ''}`;
        printIssued(io, services, issued, options.json, `Created ${issued.user.username} on the ${SITE_NAMES[site]} (${kind}).`);
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
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Examples:
  $ hearth user list --site live
  $ hearth user list --site live --status locked
  $ hearth user list --site training --search doe --json`,
    )
    .action(async (options: ListOptions) => {
      const site = chosenSite(options.site);
      await withSite(site, async (services) => {
        const users = await allUsers(services, { query: options.search, status: options.status });
        const rows = users.map((u) => summary(services, u));
        if (options.json) return io.out(`${JSON.stringify(rows)}\n`);
        if (rows.length === 0) return io.out(`No matching accounts on the ${SITE_NAMES[site]}.\n`);
        io.out(table(services, users));
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
        if (options.json) return io.out(`${JSON.stringify(summary(services, updated))}\n`);
        io.out(`Reset the second factor of ${updated.username} on the ${SITE_NAMES[site]}; their sessions ended.\n`);
      });
    });

  const changes = [
    {
      name: 'deactivate',
      description: 'deactivate an account: the user can no longer sign in and their sessions end',
      done: 'Deactivated',
      already: (u: User) => u.deactivated_at !== null,
      alreadyText: 'was already deactivated',
      apply: (s: SiteServices, u: User) => s.accounts.deactivate(u.id, cliActor()),
    },
    {
      name: 'reactivate',
      description: 'reactivate a deactivated account',
      done: 'Reactivated',
      already: (u: User) => u.deactivated_at === null,
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
          if (options.json) return io.out(`${JSON.stringify(summary(services, updated))}\n`);
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
      `Give it to ${user.first_name} ${user.last_name} in person or by phone, never by email.\n`,
  );
}

/** Every matching account: the service pages its results, the CLI wants them all. */
async function allUsers(services: SiteServices, filter: { query?: string; status?: AccountStatus }): Promise<User[]> {
  const pageSize = 200;
  const users: User[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await services.accounts.search({ ...filter, limit: pageSize, offset });
    users.push(...page);
    if (page.length < pageSize) return users;
  }
}

/** An account as the CLI shows it in JSON: never the password hash. */
function summary(services: SiteServices, user: User) {
  return {
    username: user.username,
    firstName: user.first_name,
    lastName: user.last_name,
    email: user.email,
    volunteer: user.is_volunteer,
    role: user.role,
    status: services.accounts.status(user),
    lastLoginAt: user.last_login_at?.toISOString() ?? null,
    passwordIsTemporary: user.password_is_temporary,
    passwordExpiresAt: user.password_expires_at?.toISOString() ?? null,
    lockedUntil: user.locked_until?.toISOString() ?? null,
    deactivatedAt: user.deactivated_at?.toISOString() ?? null,
    createdAt: user.created_at.toISOString(),
  };
}

function table(services: SiteServices, users: User[]): string {
  const when = dateFormatter(services.config.timeZone);
  const header = ['USERNAME', 'NAME', 'EMAIL', 'ROLE', 'STATUS', 'LAST LOGIN', 'PASSWORD EXPIRES'];
  const rows = users.map((u) => [
    u.username,
    `${u.first_name} ${u.last_name}`,
    u.email ? `${u.email}${u.is_volunteer ? ' (volunteer)' : ''}` : u.is_volunteer ? '(volunteer)' : '',
    u.role,
    services.accounts.status(u),
    u.last_login_at ? when(u.last_login_at) : 'never',
    u.password_expires_at ? `${when(u.password_expires_at)}${u.password_is_temporary ? ' (temporary)' : ''}` : 'never',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((cells) => `${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`).join('');
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
