import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../access/access-policy.js';
import { actorOf } from '../http/actor.js';
import { formStrings, submitForm } from '../http/form.js';
import { ImportPage } from './imports.page.js';

/** The largest zip the page takes: bench-sized exports belong to `hearth import` on the server. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

function viewerOf(request: FastifyRequest): Promise<Viewer> {
  return request.site.access.viewerOf(request.auth!.user);
}

/**
 * The Import page, under /SITE/imports (administrators: the access policy decides): upload a zip, read its
 * validation report, confirm likely matches, import. The zip is streamed to a private file as it arrives; an
 * upload refused on the way (too large, no CSRF token) is deleted when the response is sent.
 */
export async function importRoutes(app: FastifyInstance) {
  const uploads = new WeakMap<FastifyRequest, string>();
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 11, fieldSize: 1000 },
    async onFile(this: FastifyRequest, part) {
      // A form sent with no file chosen carries an empty part without a name.
      if (part.filename === '') return void part.file.resume();
      uploads.set(this, await this.site.hudImportUploads.receive(part.file));
    },
  });
  app.addHook('onResponse', async (request, reply) => {
    const uploadId = uploads.get(request);
    if (uploadId !== undefined && reply.statusCode >= 400) await request.site.hudImportUploads.discard(uploadId);
  });

  const page = (reply: FastifyReply, props: Omit<Parameters<typeof ImportPage>[0], 'ctx'> = {}) => <ImportPage ctx={reply.pageContext()} {...props} />;

  app.get('/imports', async (request, reply) => {
    await request.site.hudImportUploads.mayOpen(await viewerOf(request));
    return reply.page(page(reply));
  });

  app.post('/imports', { preHandler: app.csrfProtection }, async (request, reply) => {
    const viewer = await viewerOf(request);
    const uploadId = uploads.get(request) ?? null;
    return submitForm(reply, {
      action: () => request.site.hudImportUploads.check(viewer, actorOf(request), uploadId),
      refused: (failure) => page(reply, { failure }),
      done: (result) => reply.page(page(reply, { result, uploadId })),
    });
  });

  app.post('/imports/:id', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const viewer = await viewerOf(request);
    const confirmed = Object.fromEntries(
      formStrings(request.body, 'confirm', { maxCount: 10_000, max: 100 }).flatMap((pair) => {
        const [source, hearth] = pair.split(' ');
        return source && hearth ? [[source, hearth]] : [];
      }),
    );
    const result = await request.site.hudImportUploads.run(viewer, actorOf(request), id, confirmed);
    return reply.page(page(reply, { result }));
  });
}
