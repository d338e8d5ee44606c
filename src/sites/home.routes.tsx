import type { FastifyInstance } from 'fastify';
import { Notice } from '../views/components.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';
import { sitePath } from '../views/page-context.js';

export async function homeRoutes(app: FastifyInstance) {
  app.get('/', async (request, reply) => {
    const ctx = reply.pageContext();
    const user = request.auth!.user;
    const changed = (request.query as Record<string, unknown>).passwordChanged;
    const tz = ctx.timeZone;
    return reply.page(
      <Layout ctx={ctx} title="Home">
        {changed && <Notice kind="success">Your password has been changed. Your other sessions were signed out.</Notice>}
        <h1>Welcome, {user.first_name}</h1>
        <p class="lede">
          You are signed in to the {ctx.site!.name} as <strong>{user.username}</strong>.
        </p>
        <dl class="facts">
          <dt>Last sign-in</dt>
          <dd>{formatDateTime(user.last_login_at, tz)}</dd>
          <dt>Password expires</dt>
          <dd>
            {user.password_expires_at ? formatDateTime(user.password_expires_at, tz) : 'Never'} ·{' '}
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
