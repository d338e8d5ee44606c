import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../access/access-policy.js';
import { NotFoundError } from '../errors.js';
import { actorOf, viewerOf } from '../http/actor.js';
import { formBoolean, formString, formStrings, submitForm } from '../http/form.js';
import { EMPTY_EXPORT_FORM, type ExportFormInput } from './exports.model.js';
import { ExportsPage } from './exports.page.js';

const JOB_ID = /^[0-9a-f]{32}$/;


/** The Exports page, under /SITE/exports: administrators and agency managers (the access policy decides). */
export async function exportRoutes(app: FastifyInstance) {
  const page = async (request: FastifyRequest, reply: FastifyReply, viewer: Viewer, values: ExportFormInput, extra: { queued?: boolean; failure?: Parameters<typeof ExportsPage>[0]['failure'] } = {}) => {
    const { site } = request;
    const [jobs, projects] = await Promise.all([site.exportJobs.list(viewer), site.exportJobs.exportableProjects(viewer)]);
    return <ExportsPage ctx={reply.pageContext()} jobs={jobs} projects={projects} values={values} {...extra} />;
  };

  app.get('/exports', async (request, reply) => {
    const viewer = await viewerOf(request);
    const queued = (request.query as Record<string, unknown>).queued === '1';
    return reply.page(await page(request, reply, viewer, EMPTY_EXPORT_FORM, { queued }));
  });

  app.post('/exports', { preHandler: app.csrfProtection }, async (request, reply) => {
    const viewer = await viewerOf(request);
    const values: ExportFormInput = {
      from: formString(request.body, 'from', { max: 20 }),
      to: formString(request.body, 'to', { max: 20 }),
      projectIds: formStrings(request.body, 'projectIds', { maxCount: 500, max: 32 }),
      cocCode: formString(request.body, 'cocCode', { max: 10 }),
      directive: formString(request.body, 'directive', { max: 10 }),
      hash: formBoolean(request.body, 'hash'),
    };
    return submitForm(reply, {
      action: () => request.site.exportJobs.request(viewer, actorOf(request), values),
      refused: (failure) => page(request, reply, viewer, values, { failure }),
      done: () => reply.redirect(`/${request.site.id}/exports?queued=1`, 303),
    });
  });

  app.get('/exports/:id/download', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!JOB_ID.test(id)) throw new NotFoundError('There is no such export.');
    const download = await request.site.exportJobs.download(await viewerOf(request), actorOf(request), id);
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${download.fileName}"`)
      .header('cache-control', 'no-store')
      .send(fs.createReadStream(download.file));
  });
}
