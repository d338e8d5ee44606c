import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../errors.js';
import { formString } from '../http/form.js';
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
    const user = request.auth!.user;
    const chosen = formString(request.body, 'secondFactorPolicy', { max: 40 });
    try {
      await site.settings.setSecondFactorPolicy(chosen, { userId: user.id, username: user.username, ip: request.ip });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const current = await site.settings.secondFactorPolicy();
      const page = <SettingsPage ctx={reply.pageContext()} secondFactorPolicy={current} error={error.message} errors={error.fieldErrors} />;
      return reply.page(page, 422);
    }
    return reply.redirect(`/${site.id}/admin/settings?saved=1`, 303);
  });
}
