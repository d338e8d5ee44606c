import { viewerOf } from '../http/actor.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formConfirmsWarnings, formString, formStrings, submitForm } from '../http/form.js';
import type { FormFailure } from '../views/form-kit.js';
import { canMergeClients, canReadClientAudit } from '../access/access-policy.js';
import { clientRecordRoutes, redirectIfMerged } from './client-record.routes.js';
import { actorOf, personalIdParam } from './client-request.js';
import { HEARTH_ID_PATTERN } from '../hud/ids.js';
import { EMPTY_CLIENT_INPUT, type ClientInput } from './client-fields.js';
import { clientToInput, type SearchResult } from './clients.service.js';
import { ClientFormPage } from './pages/client-form.page.js';
import { ClientProfilePage } from './pages/client-profile.page.js';
import { ClientSearchPage } from './pages/client-search.page.js';
import { maskSsn } from './ssn.js';

/**
 * Client search, creation and profiles under /SITE/clients: every signed-in user may use them. Merging and a
 * client's history are for those the access policy allows (src/access/access-policy.ts).
 */
export async function clientRoutes(app: FastifyInstance) {
  const form = { preHandler: app.csrfProtection };
  // The full SSN, a client's history, merging records.
  await app.register(clientRecordRoutes);

  app.get('/', async (request, reply) => {
    const q = formString(request.query, 'q', { max: 200 });
    const page = (result: SearchResult | null, failure?: FormFailure) => <ClientSearchPage ctx={reply.pageContext()} q={q} result={result} failure={failure} />;
    return submitForm(reply, {
      action: async () => (q ? request.site.clients.search(q, actorOf(request)) : null),
      refused: (failure) => page(null, failure),
      done: (result) => reply.page(page(result)),
    });
  });

  app.get('/new', async (_request, reply) => reply.page(<ClientFormPage ctx={reply.pageContext()} values={EMPTY_CLIENT_INPUT} />));

  app.post('/new', form, async (request, reply) => {
    const { site } = request;
    const values = readClientForm(request.body);
    const confirmed = formString(request.body, 'confirm', { max: 40 }) === 'not-duplicates';
    const dismissedDuplicates = confirmed ? formStrings(request.body, 'dismissedDuplicates') : [];
    const warningsConfirmed = formConfirmsWarnings(request.body);
    return submitForm(reply, {
      action: () => site.clients.create(values, actorOf(request), { dismissedDuplicates, warningsConfirmed }),
      refused: (failure) => <ClientFormPage ctx={reply.pageContext()} values={values} failure={failure} />,
      done: (result) =>
        result.status === 'created'
          ? reply.redirect(`/${site.id}/clients/${result.client.personalId}?done=created`, 303)
          : reply.page(<ClientFormPage ctx={reply.pageContext()} values={values} duplicates={result.duplicates} warningsConfirmed={warningsConfirmed} />, 409),
    });
  });

  app.get('/:id', async (request, reply) => {
    const { site } = request;
    const client = await redirectIfMerged(request, reply, '', () => site.clients.view(personalIdParam(request), actorOf(request)));
    if (!client) return reply;
    const viewer = await viewerOf(request);
    const enrollments = await site.enrollments.forProfile(viewer, client.personalId);
    const done = formString(request.query, 'done', { max: 20 });
    const mergedFrom = formString(request.query, 'mergedFrom', { max: 40 });
    // The notice states a fact, so it is shown only when it is true.
    const mergedNotice = HEARTH_ID_PATTERN.test(mergedFrom) && (await site.clients.keptRecordOf(mergedFrom)) === client.personalId ? mergedFrom : null;
    return reply.page(
      <ClientProfilePage
        ctx={await reply.pageContextNaming([client.userId])}
        client={client}
        done={done === 'created' || done === 'saved' || done === 'merged' ? done : null}
        mergedFrom={mergedNotice}
        actions={{ canMerge: canMergeClients(viewer), canReadHistory: canReadClientAudit(viewer) }}
        enrollments={enrollments}
      />,
    );
  });

  app.get('/:id/edit', async (request, reply) => {
    const client = await redirectIfMerged(request, reply, '/edit', () => request.site.clients.view(personalIdParam(request), actorOf(request)));
    if (!client) return reply;
    return reply.page(editPage(reply, client.personalId, { ...clientToInput(client), ssn: '' }, client.ssn));
  });

  app.post('/:id/edit', form, async (request, reply) => {
    const { site } = request;
    const client = await site.clients.get(personalIdParam(request));
    const values = readClientForm(request.body);
    // The SSN is never sent to the browser: an empty SSN field keeps the stored one, unless a reason for missing data
    // is chosen instead of an SSN.
    const keepsSsn = values.ssn === '' && client.ssn && (values.ssnDataQuality === '1' || values.ssnDataQuality === '2');
    const input = keepsSsn ? { ...values, ssn: client.ssn! } : values;
    return submitForm(reply, {
      action: async () => {
        const viewer = await viewerOf(request);
        return site.clients.update(client.personalId, input, actorOf(request), { warningsConfirmed: formConfirmsWarnings(request.body), viewer });
      },
      refused: (failure) => editPage(reply, client.personalId, values, client.ssn, failure),
      done: () => reply.redirect(`/${site.id}/clients/${client.personalId}?done=saved`, 303),
    });
  });
}

function editPage(reply: FastifyReply, personalId: string, values: ClientInput, storedSsn: string | null, failure?: FormFailure) {
  const ssnHint = storedSsn ? `Leave empty to keep the SSN on file (${maskSsn(storedSsn)}).` : undefined;
  return <ClientFormPage ctx={reply.pageContext()} values={values} personalId={personalId} failure={failure} ssnHint={ssnHint} />;
}

function readClientForm(body: unknown): ClientInput {
  return {
    firstName: formString(body, 'firstName', { max: 200 }),
    middleName: formString(body, 'middleName', { max: 200 }),
    lastName: formString(body, 'lastName', { max: 200 }),
    nameSuffix: formString(body, 'nameSuffix', { max: 200 }),
    nameDataQuality: formString(body, 'nameDataQuality', { max: 20 }),
    ssn: formString(body, 'ssn', { max: 40 }),
    ssnDataQuality: formString(body, 'ssnDataQuality', { max: 20 }),
    dob: formString(body, 'dob', { max: 40 }),
    dobDataQuality: formString(body, 'dobDataQuality', { max: 20 }),
    races: formStrings(body, 'races'),
    raceNone: formString(body, 'raceNone', { max: 20 }),
    additionalRaceEthnicity: formString(body, 'additionalRaceEthnicity', { max: 400 }),
    sex: formString(body, 'sex', { max: 20 }),
    veteranStatus: formString(body, 'veteranStatus', { max: 20 }),
  };
}

