import type { FastifyInstance } from 'fastify';
import { actorOf } from '../http/actor.js';
import { formString, submitForm } from '../http/form.js';
import { SettingsPage } from './settings.page.js';

/** Site settings, under /SITE/admin/settings: for HMIS administrators only. */
export async function settingsRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: 'admin' } }, async (request, reply) => {
    const saved = (request.query as Record<string, unknown>).saved === '1';
    const policy = await request.site.settings.secondFactorPolicy();
    return reply.page(<SettingsPage ctx={reply.pageContext()} secondFactorPolicy={policy} saved={saved} />);
  });

  app.post('/', { config: { access: 'admin' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { site } = request;
    const chosen = formString(request.body, 'secondFactorPolicy', { max: 40 });
    return submitForm(reply, {
      action: () => site.settings.setSecondFactorPolicy(chosen, actorOf(request)),
      // What was sent is no policy: the form shows the one in force.
      refused: async (failure) => <SettingsPage ctx={reply.pageContext()} secondFactorPolicy={await site.settings.secondFactorPolicy()} failure={failure} />,
      done: () => reply.redirect(`/${site.id}/admin/settings?saved=1`, 303),
    });
  });
}
