import { Layout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';
import { SITE_DESCRIPTIONS, SITE_NAMES, type SiteId } from '../site-id.js';

/** The front door: Hearth's two separate sites. */
export function SitesIndexPage(props: { ctx: PageContext; sites: SiteId[] }) {
  return (
    <Layout ctx={props.ctx} title="Choose a site">
      <h1>Hearth HMIS</h1>
      <p class="lede">
        Hearth has two separate websites. Usernames, passwords, sessions and reset links are not shared between them:
        you cannot log in to the Live site with your Training username and password.
      </p>
      <div class="site-cards">
        {props.sites.map((id) => (
          <section class={`site-card site-card-${id}`}>
            <h2>
              <a href={`/${id}/`}>{SITE_NAMES[id]}</a>
            </h2>
            <p>{SITE_DESCRIPTIONS[id]}</p>
            <p>
              <a class="button" href={`/${id}/login`}>
                Log in to the {SITE_NAMES[id]}
              </a>
            </p>
          </section>
        ))}
      </div>
    </Layout>
  );
}
