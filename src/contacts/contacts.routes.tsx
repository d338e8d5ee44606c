import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFoundError } from '../errors.js';
import { HEARTH_ID_PATTERN } from '../hud/ids.js';
import { formatDay } from '../enrollments/enrollment-fields.js';
import { actorOf } from '../http/actor.js';
import { formString, submitForm } from '../http/form.js';
import { viewerOf } from '../http/actor.js';
import { enrollmentParam } from '../move-in/move-in.routes.js';
import { ContactPage, EngagementPage } from './contacts.pages.js';
import { EMPTY_CONTACT, type ContactInput } from './contacts.model.js';
import { contactToInput } from './contact-fields.js';

/**
 * 4.12 contacts and 4.13 date of engagement on an enrollment: /SITE/enrollments/:id/contacts/new, a contact's
 * correction and deletion (…/contacts/:contactId/edit and …/delete), and …/engagement.
 */
export async function contactRoutes(app: FastifyInstance) {
  const form = { preHandler: app.csrfProtection };

  app.get('/enrollments/:id/contacts/new', async (request, reply) => {
    const { site } = request;
    const detail = await site.contacts.forContact(await viewerOf(request), enrollmentParam(request));
    const values = { ...EMPTY_CONTACT, informationDate: formatDay(site.contacts.today()) };
    return reply.page(<ContactPage ctx={reply.pageContext()} detail={detail} values={values} asksVerifiedBy={detail.project.projectType === 14} />);
  });

  app.post('/enrollments/:id/contacts/new', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentParam(request);
    const viewer = await viewerOf(request);
    const values = readContact(request.body);
    return submitForm(reply, {
      action: () => site.contacts.recordContact(viewer, id, values, actorOf(request)),
      refused: async (failure) => {
        const detail = await site.contacts.forContact(viewer, id);
        return <ContactPage ctx={reply.pageContext()} detail={detail} values={values} asksVerifiedBy={detail.project.projectType === 14} failure={failure} />;
      },
      done: () => reply.redirect(`/${site.id}/enrollments/${id}?done=saved`, 303),
    });
  });

  app.get('/enrollments/:id/contacts/:contactId/edit', async (request, reply) => {
    const { detail, contact } = await request.site.contacts.contact(await viewerOf(request), enrollmentParam(request), contactParam(request));
    return reply.page(<ContactPage ctx={reply.pageContext()} detail={detail} values={contactToInput(contact)} asksVerifiedBy={detail.project.projectType === 14} contactId={contact.currentLivingSitId} />);
  });

  app.post('/enrollments/:id/contacts/:contactId/edit', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentParam(request);
    const contactId = contactParam(request);
    const viewer = await viewerOf(request);
    const values = readContact(request.body);
    return submitForm(reply, {
      action: () => site.contacts.correctContact(viewer, id, contactId, values, actorOf(request)),
      refused: async (failure) => {
        const { detail } = await site.contacts.contact(viewer, id, contactId);
        return <ContactPage ctx={reply.pageContext()} detail={detail} values={values} asksVerifiedBy={detail.project.projectType === 14} contactId={contactId} failure={failure} />;
      },
      done: () => reply.redirect(`/${site.id}/enrollments/${id}?done=saved`, 303),
    });
  });

  app.post('/enrollments/:id/contacts/:contactId/delete', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentParam(request);
    await site.contacts.deleteContact(await viewerOf(request), id, contactParam(request), actorOf(request));
    return reply.redirect(`/${site.id}/enrollments/${id}?done=saved#contacts-heading`, 303);
  });

  app.get('/enrollments/:id/engagement', async (request, reply) => {
    const { detail, dateOfEngagement } = await request.site.contacts.forEngagement(await viewerOf(request), enrollmentParam(request));
    return reply.page(<EngagementPage ctx={reply.pageContext()} detail={detail} value={dateOfEngagement ? formatDay(dateOfEngagement) : ''} />);
  });

  app.post('/enrollments/:id/engagement', form, async (request, reply) => {
    const { site } = request;
    const id = enrollmentParam(request);
    const viewer = await viewerOf(request);
    const typed = formString(request.body, 'dateOfEngagement', { max: 40 });
    return submitForm(reply, {
      action: () => site.contacts.recordEngagement(viewer, id, typed, actorOf(request)),
      refused: async (failure) => <EngagementPage ctx={reply.pageContext()} detail={(await site.contacts.forEngagement(viewer, id)).detail} value={typed} failure={failure} />,
      done: () => reply.redirect(`/${site.id}/enrollments/${id}?done=saved`, 303),
    });
  });
}

function readContact(body: unknown): ContactInput {
  return Object.fromEntries(Object.keys(EMPTY_CONTACT).map((name) => [name, formString(body, name, { max: 1000 })])) as ContactInput;
}

/** A contact's CurrentLivingSitID from the path; anything else is not found. */
function contactParam(request: FastifyRequest): string {
  const raw = ((request.params as { contactId?: string }).contactId ?? '').toLowerCase();
  if (!HEARTH_ID_PATTERN.test(raw)) throw new NotFoundError('There is no such contact.');
  return raw;
}
