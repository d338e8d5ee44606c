import type { FastifyInstance } from 'fastify';
import { formatDob } from '../clients/client-fields.js';
import { SEARCH_HELP } from '../clients/client-search.js';
import type { RecentClient } from '../clients/clients.model.js';
import { clientName } from '../clients/client-name.js';
import { viewerOf } from '../http/actor.js';
import { Notice } from '../views/components.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';
import { sitePath, type PageContext } from '../views/page-context.js';

export async function homeRoutes(app: FastifyInstance) {
  app.get('/', async (request, reply) => {
    const ctx = reply.pageContext();
    const user = request.auth!.user;
    const changed = (request.query as Record<string, unknown>).passwordChanged;
    const tz = ctx.timeZone;
    const recent = await request.site.clients.recentlyViewedBy(user.id);
    // Case managers' own "to fix" list, counted by the list's own rules: two statements when they recorded nothing.
    const toFix = user.role === 'case_manager' ? await request.site.toFix.countOwn(await viewerOf(request)) : null;
    return reply.page(
      <Layout ctx={ctx} title="Home" quickSearch={false}>
        {changed && <Notice kind="success">Your password has been changed. Your other sessions were signed out.</Notice>}
        <h1>Welcome, {user.firstName}</h1>
        <p class="lede">
          You are signed in to the {ctx.site!.name} as <strong>{user.username}</strong>.
        </p>
        <section aria-labelledby="quick-search-heading">
          <h2 id="quick-search-heading">Find a client</h2>
          <form method="get" action={sitePath(ctx, 'clients')} class="search" role="search" aria-label="Find a client">
            <label for="field-home-q">Search clients</label>
            <p class="hint" id="field-home-q-hint">
              {SEARCH_HELP}
            </p>
            <input id="field-home-q" name="q" type="search" maxLength={200} autocomplete="off" aria-describedby="field-home-q-hint" aria-keyshortcuts="/" />{' '}
            <button type="submit" class="primary">
              Search
            </button>
          </form>
          <p>
            Search first: the client may already have a record. Not found? <a href={sitePath(ctx, 'clients/new')}>New client</a>
          </p>
        </section>
        <RecentClients ctx={ctx} clients={recent} />
        {toFix !== null && <ToFix ctx={ctx} count={toFix} />}
        <h2>Your account</h2>
        <dl class="facts">
          <dt>Last sign-in</dt>
          <dd>{formatDateTime(user.lastLoginAt, tz)}</dd>
          <dt>Password expires</dt>
          <dd>
            {user.passwordExpiresAt ? formatDateTime(user.passwordExpiresAt, tz) : 'Never'} ·{' '}
            <a href={sitePath(ctx, 'password/change')}>Change password</a>
          </dd>
        </dl>
        <p>
          <a href={sitePath(ctx, 'security')}>Security</a>: your second factor, where you are signed in and recent
          sign-ins.
        </p>
        {user.role === 'admin' && (
          <section>
            <h2>Administration</h2>
            <ul>
              <li>
                <a href={sitePath(ctx, 'admin/users')}>Users</a>: create accounts, issue temporary passwords, unlock,
                deactivate
              </li>
              <li>
                <a href={sitePath(ctx, 'admin/audit')}>Audit log</a>
              </li>
              <li>
                <a href={sitePath(ctx, 'admin/settings')}>Settings</a>: who must use a second factor
              </li>
            </ul>
          </section>
        )}
      </Layout>,
    );
  });
}

/** The clients this user opened last (name and date of birth only), newest first. */
function RecentClients(props: { ctx: PageContext; clients: readonly RecentClient[] }) {
  const { ctx } = props;
  return (
    <section aria-labelledby="recent-clients-heading">
      <h2 id="recent-clients-heading">My recent clients</h2>
      {props.clients.length === 0 ? (
        <p class="empty" role="status">
          No clients yet: the clients you open will be listed here.
        </p>
      ) : (
        <div class="table-wrap">
          <table class="recent-clients">
            <caption class="visually-hidden">The clients you opened last, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Date of birth</th>
                <th scope="col">Last opened</th>
              </tr>
            </thead>
            <tbody>
              {props.clients.map((client) => (
                <tr>
                  <td>
                    <a href={sitePath(ctx, `clients/${client.personalId}`)}>{clientName(client)}</a>
                  </td>
                  <td>{formatDob(client.dob)}</td>
                  <td>{formatDateTime(client.viewedAt, ctx.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The link to a case manager's list of records to fix (data quality of the clients whose enrollments they recorded). */
function ToFix(props: { ctx: PageContext; count: number }) {
  const { ctx, count } = props;
  return (
    <section aria-labelledby="to-fix-heading">
      <h2 id="to-fix-heading">Data quality</h2>
      <p>
        <a href={sitePath(ctx, 'data-quality/to-fix')}>{count === 0 ? 'No records to fix' : `${count} ${count === 1 ? 'record' : 'records'} to fix`}</a>: the
        elements of your clients’ records that the HMIS Data Quality report flags, over the last twelve months.
      </p>
    </section>
  );
}
