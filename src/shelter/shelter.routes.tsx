import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Viewer } from '../access/access-policy.js';
import { clientName } from '../clients/client-name.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { actorOf, viewerOf } from '../http/actor.js';
import { formString, formStrings, submitForm } from '../http/form.js';
import { HEARTH_ID_PATTERN, HUD_ID_PATTERN } from '../hud/ids.js';
import type { FormFailure } from '../views/form-kit.js';
import { enrollmentParam } from '../move-in/move-in.routes.js';
import { CheckInPage, type CheckInDone, type CheckInSearch } from './check-in.page.js';
import { MAX_CHECK_IN } from './shelter.service.js';

/**
 * The check-in screen of night-by-night shelters, /SITE/projects/:id/check-in: the night's list (GET, with the
 * guest search), the check-in itself (POST) and the removal of a guest checked in by mistake (…/check-in/remove);
 * and the removal of a bed night from the enrollment page (/SITE/enrollments/:id/bed-nights/:servicesId/delete).
 * Who may use them is the enrollments' rule, asked by the service.
 */
export async function shelterRoutes(app: FastifyInstance) {
  const form = { preHandler: app.csrfProtection };

  app.get('/projects/:id/check-in', async (request, reply) => {
    const query = request.query;
    const night = formString(query, 'night', { max: 40 });
    let failure: FormFailure | null = null;
    let sheet;
    try {
      sheet = await request.site.shelter.sheet(await viewerOf(request), projectParam(request), night);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // A night that cannot be recorded: tonight's list, with the message on the night.
      failure = { message: error.message, errors: error.fieldErrors };
      sheet = await request.site.shelter.sheet(await viewerOf(request), projectParam(request), '');
    }
    const search = await searchFor(request, formString(query, 'q', { max: 200 }), sheet.households.flatMap((h) => h.members.map((m) => m.personalId)));
    return reply.page(<CheckInPage ctx={reply.pageContext()} sheet={sheet} search={search} failure={failure} done={doneOf(request, sheet)} />, failure ? 422 : 200);
  });

  app.post('/projects/:id/check-in', form, async (request, reply) => {
    const { site } = request;
    const body = request.body;
    const projectId = projectParam(request);
    const viewer = await viewerOf(request);
    const limits = { maxCount: MAX_CHECK_IN, max: 64 };
    const input = {
      night: formString(body, 'night', { max: 40 }),
      enrollmentIds: formStrings(body, 'enrollment', limits),
      householdIds: formStrings(body, 'household', limits),
      personalIds: formStrings(body, 'client', limits).map((id) => id.toLowerCase()),
    };
    return submitForm(reply, {
      action: () => site.shelter.checkIn(viewer, projectId, input, actorOf(request)),
      refused: async (failure) => {
        const sheet = await site.shelter.sheet(viewer, projectId, '');
        return <CheckInPage ctx={reply.pageContext()} sheet={sheet} search={null} failure={failure} />;
      },
      done: (result) => {
        const params = new URLSearchParams({ night: result.night, checkedIn: String(result.checkedIn), alreadyIn: String(result.alreadyIn) });
        if (result.opened.length > 0) params.set('opened', result.opened.map((o) => o.enrollmentId).join(','));
        return reply.redirect(`/${site.id}/projects/${projectId}/check-in?${params}`, 303);
      },
    });
  });

  // A guest checked in by mistake, unticked for the night from the check-in screen.
  app.post('/projects/:id/check-in/remove', form, async (request, reply) => {
    const { site } = request;
    const projectId = projectParam(request);
    const viewer = await viewerOf(request);
    const input = { night: formString(request.body, 'night', { max: 40 }), enrollmentId: formString(request.body, 'enrollment', { max: 64 }) };
    return submitForm(reply, {
      action: () => site.shelter.uncheck(viewer, projectId, input, actorOf(request)),
      refused: async (failure) => {
        const sheet = await site.shelter.sheet(viewer, projectId, '');
        return <CheckInPage ctx={reply.pageContext()} sheet={sheet} search={null} failure={failure} />;
      },
      done: (result) => reply.redirect(`/${site.id}/projects/${projectId}/check-in?${new URLSearchParams({ night: result.night, removed: result.enrollmentId })}`, 303),
    });
  });

  // A bed night recorded by mistake, removed from the enrollment page.
  app.post('/enrollments/:id/bed-nights/:servicesId/delete', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentParam(request);
    const servicesId = ((request.params as { servicesId?: string }).servicesId ?? '').toLowerCase();
    await site.shelter.removeBedNight(await viewerOf(request), id, servicesId, actorOf(request));
    return reply.redirect(`/${site.id}/enrollments/${id}?done=bed-night-removed#bed-nights-heading`, 303);
  });
}

function projectParam(request: FastifyRequest): string {
  const raw = (request.params as { id?: string }).id ?? '';
  if (!HUD_ID_PATTERN.test(raw)) throw new NotFoundError('There is no such project.');
  return raw;
}

/** The guest search: the client search everyone uses (audited there), each hit marked when it has a stay here. */
async function searchFor(request: FastifyRequest, query: string, withStay: readonly string[]): Promise<CheckInSearch | null> {
  if (!query) return null;
  const staying = new Set(withStay);
  try {
    const result = await request.site.clients.search(query, actorOf(request));
    return { query, error: null, hits: result.clients.map((client) => ({ client, hasStay: staying.has(client.personalId) })) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { query, error: error.message, hits: [] };
  }
}

/**
 * The redirect after a check-in says how many were checked in, and which stays were opened (named from the list);
 * after a removal, whose bed night was removed.
 */
function doneOf(request: FastifyRequest, sheet: { households: { members: { enrollmentId: string; client: Parameters<typeof clientName>[0] }[] }[] }): CheckInDone | null {
  const query = request.query;
  const members = new Map(sheet.households.flatMap((h) => h.members).map((m) => [m.enrollmentId, m]));
  const removed = members.get(formString(query, 'removed', { max: 64 }));
  if (removed) return { removed: clientName(removed.client) };
  const checkedIn = formString(query, 'checkedIn', { max: 10 });
  if (!/^[0-9]{1,6}$/.test(checkedIn)) return null;
  const alreadyIn = formString(query, 'alreadyIn', { max: 10 });
  const opened = formString(query, 'opened', { max: 33 * MAX_CHECK_IN })
    .split(',')
    .filter((id) => HEARTH_ID_PATTERN.test(id) && members.has(id))
    .map((id) => ({ enrollmentId: id, name: clientName(members.get(id)!.client) }));
  return { checkedIn: Number(checkedIn), alreadyIn: /^[0-9]{1,6}$/.test(alreadyIn) ? Number(alreadyIn) : 0, opened };
}
