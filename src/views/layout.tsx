import { roleCanExport, roleCanImport, roleCanRunReports } from '../access/access-policy.js';
import type { ComponentChildren } from 'preact';
import { formatDate } from './format.js';
import { sitePath, type PageContext } from './page-context.js';

export function Layout(props: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Pages with their own client search box leave out the one in the header. */
  quickSearch?: boolean;
}) {
  const { ctx } = props;
  const training = ctx.site?.id === 'training';
  const fullTitle = `${props.title} · ${ctx.site ? `Hearth ${ctx.site.name}` : 'Hearth HMIS'}`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/hearth.css" />
        <script src="/assets/hearth.js" defer></script>
      </head>
      <body class={training ? 'site-training' : ctx.site ? 'site-live' : ''}>
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        {training && (
          <aside class="training-banner" aria-label="Training site notice">
            TRAINING SITE — practice only, fictitious data. Never enter real client information here.
          </aside>
        )}
        <header class="site-header">
          <a class="brand" href={ctx.site ? sitePath(ctx) : '/'}>
            Hearth <span class="brand-site">{ctx.site ? ctx.site.name : 'HMIS'}</span>
          </a>
          {ctx.user && ctx.site && (
            <nav aria-label="Main">
              <ul>
                {!ctx.user.signInPending && (
                  <>
                    <li>
                      <a href={sitePath(ctx)}>Home</a>
                    </li>
                    <li>
                      <a href={sitePath(ctx, 'clients')}>Clients</a>
                    </li>
                    <li>
                      <a href={sitePath(ctx, 'agencies')}>Agencies</a>
                    </li>
                    {roleCanExport(ctx.user.role) && (
                      <li>
                        <a href={sitePath(ctx, 'exports')}>Exports</a>
                      </li>
                    )}
                    {roleCanRunReports(ctx.user.role) && (
                      <li>
                        <a href={sitePath(ctx, 'reports')}>Reports</a>
                      </li>
                    )}
                    {roleCanRunReports(ctx.user.role) && (
                      <li>
                        <a href={sitePath(ctx, 'data-quality')}>Data quality</a>
                      </li>
                    )}
                    {roleCanImport(ctx.user.role) && (
                      <li>
                        <a href={sitePath(ctx, 'imports')}>Imports</a>
                      </li>
                    )}
                    {ctx.user.role === 'admin' && (
                      <>
                        <li>
                          <a href={sitePath(ctx, 'admin/users')}>Users</a>
                        </li>
                        <li>
                          <a href={sitePath(ctx, 'admin/audit')}>Audit log</a>
                        </li>
                        <li>
                          <a href={sitePath(ctx, 'admin/settings')}>Settings</a>
                        </li>
                        {training && (
                          <li>
                            <a href={sitePath(ctx, 'admin/training-data')}>Training data</a>
                          </li>
                        )}
                      </>
                    )}
                    <li>
                      <a href={sitePath(ctx, 'security')}>Security</a>
                    </li>
                    <li>
                      <a href={sitePath(ctx, 'password/change')}>Change password</a>
                    </li>
                  </>
                )}
                <li>
                  <form method="post" action={sitePath(ctx, 'logout')} class="inline">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <button type="submit" class="link-button">
                      Log out {ctx.user.username}
                    </button>
                  </form>
                </li>
              </ul>
            </nav>
          )}
          {ctx.user && ctx.site && !ctx.user.signInPending && props.quickSearch !== false && (
            <form method="get" action={sitePath(ctx, 'clients')} class="header-search" role="search" aria-label="Quick client search">
              <label for="header-q" class="visually-hidden">
                Search clients
              </label>
              <input id="header-q" name="q" type="search" maxLength={200} autocomplete="off" placeholder="Search clients" aria-keyshortcuts="/" />
              <button type="submit">Search</button>
            </form>
          )}
        </header>
        {ctx.passwordExpiresAt && ctx.user && !ctx.user.signInPending && (
          <div class="notice warning" role="status">
            Your password expires on {formatDate(ctx.passwordExpiresAt, ctx.timeZone)}.{' '}
            <a href={sitePath(ctx, 'password/change')}>Change it now</a>.
          </div>
        )}
        <main id="main">{props.children}</main>
        <footer class="site-footer">
          Trouble signing in? Contact the HMIS Administration Team at{' '}
          <a href={`mailto:${ctx.supportEmail}`}>{ctx.supportEmail}</a>.
        </footer>
      </body>
    </html>
  );
}
