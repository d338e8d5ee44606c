import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../http/actor.js';
import type { Actor } from '../audit/audit-log.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { formBoolean, formString, formStrings, submitForm } from '../http/form.js';
import { ACCOUNT_STATUSES } from './account-status.js';
import type { AgencyFilter, Role } from './accounts.model.js';
import type { AccountInput } from './accounts.service.js';
import { TemporaryPasswordPage } from './pages/temporary-password.page.js';
import { doneOf } from '../views/done.js';
import { DONE_MESSAGES, UserDetailPage, type DoneAction, type UserDetailPageProps } from './pages/user-detail.page.js';
import { EMPTY_NEW_USER, NewUserPage, type AccountFormValues, type NewUserFormValues } from './pages/user-form.page.js';
import { NO_AGENCY, STATUS_FILTERS, UsersListPage, type StatusFilter } from './pages/users-list.page.js';
import { UsernameError } from './username.js';

const PAGE_SIZE = 50;
const MAX_PAGE = 10_000;
const RECENT_AUDIT_ENTRIES = 20;
// user ids are PostgreSQL integers
const MAX_USER_ID = 2_147_483_647;
// Far more agencies than a Continuum of Care has; HUD OrganizationIDs are at most 32 characters.
const MAX_AGENCIES = 1000;
const MAX_AGENCY_ID_LENGTH = 32;
/** An administrator's change the rules refuse (the last administrator, their own account) is explained on the page. */
const ON_THE_PAGE = [ConflictError, ForbiddenError];

/** Administration of users, under /SITE/admin/users. Every route is for HMIS administrators only. */
export async function accountRoutes(app: FastifyInstance) {
  const adminOnly = { config: { access: 'admin' as const } };
  const adminForm = { config: { access: 'admin' as const }, preHandler: app.csrfProtection };

  app.get('/', adminOnly, async (request, reply) => {
    const { accounts, access, projects, clock } = request.site;
    const q = formString(request.query, 'q', { max: 200 });
    const status = parseStatusFilter(formString(request.query, 'status'));
    const page = parsePage(formString(request.query, 'page'));
    const organizations = await projects.organizations();
    const agency = formString(request.query, 'agency', { max: 100 });
    // One extra row tells whether there is a next page.
    const users = await accounts.search({
      query: q,
      status: status === 'all' ? undefined : status,
      agency: parseAgencyFilter(agency, organizations.map((o) => o.organizationId)),
      limit: PAGE_SIZE + 1,
      offset: (page - 1) * PAGE_SIZE,
    });
    const shown = users.slice(0, PAGE_SIZE);
    const agencies = await access.organizationIdsOfUsers(shown.map((u) => u.id));
    const rows = shown.map((user) => ({ user, status: accounts.status(user), agencyIds: agencies.get(user.id) ?? [] }));
    const list = (
      <UsersListPage
        ctx={reply.pageContext()}
        rows={rows}
        q={q}
        status={status}
        agency={agency}
        organizations={organizations}
        page={page}
        hasNextPage={users.length > PAGE_SIZE}
        now={clock.now()}
        unusableEmails={await accounts.withUnusableEmail()}
      />
    );
    return reply.page(list);
  });

  app.get('/suggest-username', adminOnly, async (request) => {
    const firstName = formString(request.query, 'firstName', { max: 200 });
    const lastName = formString(request.query, 'lastName', { max: 200 });
    if (!firstName && !lastName) return { username: null };
    try {
      return { username: await request.site.accounts.suggestUsername(firstName, lastName) };
    } catch (error) {
      // No usable suggestion from this name: the administrator must type a username.
      if (error instanceof UsernameError) return { username: null };
      throw error;
    }
  });

  app.get('/new', adminOnly, async (request, reply) => {
    const organizations = await request.site.projects.organizations();
    return reply.page(<NewUserPage ctx={reply.pageContext()} values={EMPTY_NEW_USER} organizations={organizations} />);
  });

  app.post('/new', adminForm, async (request, reply) => {
    const { site } = request;
    const values: NewUserFormValues = { ...readAccountForm(request.body), username: formString(request.body, 'username', { max: 200 }) };
    return submitForm(reply, {
      action: () => site.accounts.create({ ...accountInput(values), username: values.username || null }, actorOf(request)),
      refused: async (failure) => <NewUserPage ctx={reply.pageContext()} values={values} organizations={await site.projects.organizations()} failure={failure} />,
      done: async (issued) => {
        const organizations = await site.projects.organizations();
        const agencyIds = await site.access.organizationIdsOf(issued.user.id);
        // 201 with the password in the page, not a redirect: it is shown exactly once.
        const shown = (
          <TemporaryPasswordPage
            ctx={reply.pageContext()}
            user={issued.user}
            temporaryPassword={issued.temporaryPassword}
            ttlHours={site.config.tempPasswordTtlHours}
            kind="created"
            agencies={{ ids: agencyIds, organizations }}
          />
        );
        return reply.page(shown, 201);
      },
      alsoRefuses: ON_THE_PAGE,
    });
  });

  app.get('/:id', adminOnly, async (request, reply) => {
    return reply.page(await userPage(request, reply, userIdParam(request), { done: doneOf(DONE_MESSAGES, request.query) }));
  });

  app.post('/:id/temporary-password', adminForm, async (request, reply) => {
    const { site } = request;
    const issued = await site.accounts.issueTemporaryPassword(userIdParam(request), actorOf(request));
    const shown = (
      <TemporaryPasswordPage ctx={reply.pageContext()} user={issued.user} temporaryPassword={issued.temporaryPassword} ttlHours={site.config.tempPasswordTtlHours} kind="issued" />
    );
    return reply.page(shown);
  });

  app.post('/:id/unlock', adminForm, (request, reply) =>
    runAction(request, reply, 'unlocked', (id, actor) => request.site.accounts.unlock(id, actor)),
  );

  app.post('/:id/deactivate', adminForm, (request, reply) =>
    runAction(request, reply, 'deactivated', (id, actor) => request.site.accounts.deactivate(id, actor)),
  );

  app.post('/:id/reactivate', adminForm, (request, reply) =>
    runAction(request, reply, 'reactivated', (id, actor) => request.site.accounts.reactivate(id, actor)),
  );

  app.post('/:id/second-factor/reset', adminForm, (request, reply) =>
    runAction(request, reply, 'second-factor-reset', (id, actor) => request.site.secondFactors.reset(id, actor)),
  );

  app.post('/:id/edit', adminForm, async (request, reply) => {
    const { site } = request;
    const values = readAccountForm(request.body);
    const id = userIdParam(request);
    return submitForm(reply, {
      action: () => site.accounts.update(id, accountInput(values), actorOf(request)),
      refused: (failure) => userPage(request, reply, id, { failure, editValues: values }),
      done: (user) => {
        // An administrator who just made themselves an ordinary user can no longer see this page.
        if (user.id === request.auth!.user.id && user.role !== 'admin') return reply.redirect(`/${site.id}/`, 303);
        return reply.redirect(userPath(request, id, 'saved'), 303);
      },
      alsoRefuses: ON_THE_PAGE,
    });
  });
}

/** Unlock, deactivate, reactivate, reset the second factor: do it, then back to the user's page with a notice (or the reason it was refused). */
async function runAction(
  request: FastifyRequest,
  reply: FastifyReply,
  done: DoneAction,
  action: (userId: number, actor: Actor) => Promise<unknown>,
) {
  const id = userIdParam(request);
  return submitForm(reply, {
    action: () => action(id, actorOf(request)),
    refused: (failure) => userPage(request, reply, id, { failure }),
    done: () => reply.redirect(userPath(request, id, done), 303),
    alsoRefuses: ON_THE_PAGE,
  });
}

/** A user's page, with a notice or a refused action or edit. */
async function userPage(request: FastifyRequest, reply: FastifyReply, userId: number, extra: Pick<UserDetailPageProps, 'done' | 'failure' | 'editValues'>) {
  const { site } = request;
  const user = await site.accounts.get(userId);
  const recent = await site.audit.list(site.db, { username: user.username, limit: RECENT_AUDIT_ENTRIES });
  const secondFactor = await site.secondFactors.status(user.id);
  const agencyIds = await site.access.organizationIdsOf(user.id);
  const organizations = await site.projects.organizations();
  return (
    <UserDetailPage
      ctx={reply.pageContext()}
      user={user}
      status={site.accounts.status(user)}
      now={site.clock.now()}
      recent={recent}
      secondFactor={secondFactor}
      isSelf={user.id === request.auth!.user.id}
      agencyIds={agencyIds}
      organizations={organizations}
      {...extra}
    />
  );
}

function userPath(request: FastifyRequest, userId: number, done: DoneAction): string {
  return `/${request.site.id}/admin/users/${userId}?done=${done}`;
}

function userIdParam(request: FastifyRequest): number {
  const raw = (request.params as { id?: string }).id ?? '';
  const id = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id > MAX_USER_ID) throw new NotFoundError('There is no such user.');
  return id;
}

function readAccountForm(body: unknown): AccountFormValues {
  return {
    firstName: formString(body, 'firstName', { max: 200 }),
    lastName: formString(body, 'lastName', { max: 200 }),
    email: formString(body, 'email', { max: 300 }),
    isVolunteer: formBoolean(body, 'isVolunteer'),
    role: formString(body, 'role', { max: 20 }),
    agencies: [...new Set(formStrings(body, 'agencies', { maxCount: MAX_AGENCIES, max: MAX_AGENCY_ID_LENGTH }))],
  };
}

function accountInput(values: AccountFormValues): AccountInput {
  return {
    firstName: values.firstName,
    lastName: values.lastName,
    email: values.email || null,
    isVolunteer: values.isVolunteer,
    // Checked by the service against the known roles.
    role: values.role as Role,
    // Checked by the service against the agencies that exist.
    organizationIds: values.agencies,
  };
}

/** Any agency (empty), users of no agency yet, or the users of one existing agency. */
function parseAgencyFilter(raw: string, organizationIds: readonly string[]): AgencyFilter | undefined {
  if (!raw) return undefined;
  if (raw === NO_AGENCY) return { kind: 'none' };
  if (!organizationIds.includes(raw)) throw new ValidationError('There is no such agency to filter by. Choose one from the list.');
  return { kind: 'agency', organizationId: raw };
}

function parseStatusFilter(raw: string): StatusFilter {
  if (!raw) return 'all';
  const status = STATUS_FILTERS.find((s) => s === raw);
  if (!status) {
    throw new ValidationError(`Unknown status “${raw}”. Choose one of: all, ${ACCOUNT_STATUSES.join(', ')}.`);
  }
  return status;
}

function parsePage(raw: string): number {
  if (!raw) return 1;
  const page = /^[0-9]{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(page >= 1 && page <= MAX_PAGE)) {
    throw new ValidationError(`The page number must be a whole number from 1 to ${MAX_PAGE} (got “${raw}”).`);
  }
  return page;
}
