import { viewerOf } from '../http/actor.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canMergeClients, canReadClientAudit, type Viewer } from '../access/access-policy.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { formString, refuse, submitForm } from '../http/form.js';
import type { FormFailure } from '../views/form-kit.js';
import { ClientMergedError } from './client-merge.js';
import { actorOf, personalIdParam } from './client-request.js';
import type { Client, MergeComparison } from './clients.model.js';
import type { SearchResult } from './clients.service.js';
import { ClientHistoryPage } from './pages/client-history.page.js';
import { MergeChoosePage, MergeComparePage } from './pages/client-merge.pages.js';
import { SsnRevealPage } from './pages/ssn-reveal.page.js';

const HISTORY_PAGE_SIZE = 50;

/**
 * What a client record offers beyond its profile: the full SSN (a deliberate, audited POST), its history
 * (administrators) and merging two records of one person (administrators). Registered inside clientRoutes.
 */
export async function clientRecordRoutes(app: FastifyInstance) {
  const form = { preHandler: app.csrfProtection };

  app.post('/:id/ssn', form, async (request, reply) => {
    const client = await request.site.clients.revealSsn(personalIdParam(request), actorOf(request));
    // Every site page is no-store already; this one must never be cached whatever changes elsewhere.
    reply.header('cache-control', 'no-store');
    return reply.page(<SsnRevealPage ctx={reply.pageContext()} client={client} />);
  });

  app.get('/:id/history', async (request, reply) => {
    const { site } = request;
    const viewer = await viewerOf(request);
    if (!canReadClientAudit(viewer)) throw new ForbiddenError('Only HMIS administrators can read the history of a client record.');
    const beforeId = formString(request.query, 'beforeId', { max: 30 });
    if (beforeId && !/^[1-9][0-9]{0,17}$/.test(beforeId)) throw new ValidationError('The page link is not valid. Start again from the newest entries.');
    const client = await redirectIfMerged(request, reply, '/history', () => site.clients.get(personalIdParam(request)));
    if (!client) return reply;
    const mergedIds = await site.clients.mergedInto(client);
    // One extra row tells whether there is an older page.
    const rows = await site.audit.list(site.db, {
      clientPersonalIds: [client.personalId, ...mergedIds],
      beforeId: beforeId || undefined,
      limit: HISTORY_PAGE_SIZE + 1,
    });
    const entries = rows.slice(0, HISTORY_PAGE_SIZE);
    const olderBeforeId = rows.length > HISTORY_PAGE_SIZE ? entries[entries.length - 1]!.id : null;
    return reply.page(
      <ClientHistoryPage ctx={reply.pageContext()} client={client} mergedIds={mergedIds} entries={entries} olderBeforeId={olderBeforeId} isOlderPage={Boolean(beforeId)} />,
    );
  });

  // Merging, step 1: choose the other record (likely duplicates, a PersonalID, or a search).
  app.get('/:id/merge', async (request, reply) => {
    const { site } = request;
    await mergeViewer(request);
    const client = await redirectIfMerged(request, reply, '/merge', () => site.clients.get(personalIdParam(request)));
    if (!client) return reply;
    const q = formString(request.query, 'q', { max: 200 });
    const duplicates = await site.clients.likelyDuplicatesOf(client);
    const page = (searchResult: SearchResult | null, failure?: FormFailure) => (
      <MergeChoosePage ctx={reply.pageContext()} client={client} duplicates={duplicates} q={q} other="" searchResult={searchResult} failure={failure} />
    );
    return submitForm(reply, {
      action: async () => (q ? site.clients.search(q, actorOf(request)) : null),
      refused: (failure) => page(null, failure),
      done: (searchResult) => reply.page(page(searchResult)),
    });
  });

  // Step 2: the two records side by side.
  app.get('/:id/merge/compare', async (request, reply) => {
    const { site } = request;
    const viewer = await mergeViewer(request);
    const client = await redirectIfMerged(request, reply, '/merge', () => site.clients.get(personalIdParam(request)));
    if (!client) return reply;
    const other = formString(request.query, 'other', { max: 100 });
    return submitForm(reply, {
      action: () => site.clients.compareForMerge(viewer, client.personalId, other),
      refused: async (failure) => {
        const duplicates = await site.clients.likelyDuplicatesOf(client);
        return <MergeChoosePage ctx={reply.pageContext()} client={client} duplicates={duplicates} q="" searchResult={null} other={other} failure={failure} />;
      },
      done: async (comparison) => reply.page(<MergeComparePage ctx={await namingBoth(reply, comparison)} comparison={comparison} keep="" confirmed={false} />),
    });
  });

  // Step 3: which record to keep, confirmed; then everything moves in one transaction.
  app.post('/:id/merge', form, async (request, reply) => {
    const { site } = request;
    const viewer = await mergeViewer(request);
    const personalId = personalIdParam(request);
    const other = formString(request.body, 'other', { max: 100 }).toLowerCase();
    const keep = formString(request.body, 'keep', { max: 100 }).toLowerCase();
    const confirmed = formString(request.body, 'confirm', { max: 10 }) === 'yes';
    const comparison = await comparisonOrRefusal(() => site.clients.compareForMerge(viewer, personalId, other));
    const ctx = await namingBoth(reply, comparison);
    const page = (failure?: FormFailure) => <MergeComparePage ctx={ctx} comparison={comparison} keep={keep} confirmed={confirmed} failure={failure} />;
    // Stays in the way: the page that lists them, linked, with what to correct first.
    if (comparison.sharedHouseholds.length > 0 || comparison.overlappingStays.length > 0) return reply.page(page(), 409);
    const errors: Record<string, string[]> = {};
    if (!keep) errors.keep = ['Choose which record to keep.'];
    else if (keep !== personalId && keep !== other) errors.keep = ['Choose one of the two records.'];
    if (!confirmed) errors.confirm = ['Tick the box to confirm that both records are the same person.'];
    if (Object.keys(errors).length > 0) return refuse(reply, { message: 'Please correct the highlighted fields. Nothing was changed.', errors }, page);
    return submitForm(reply, {
      action: () => site.clients.merge(viewer, { personalIds: [personalId, other], keep }, actorOf(request)),
      refused: page,
      done: (result) => reply.redirect(`/${site.id}/clients/${result.kept}?done=merged`, 303),
    });
  });
}

/** The signed-in administrator as the access policy sees them; everyone else gets 403 on every merge route. */
/** The merge page's context, naming who last changed each record. */
function namingBoth(reply: FastifyReply, comparison: MergeComparison) {
  return reply.pageContextNaming(comparison.records.map((side) => side.client.userId));
}

async function mergeViewer(request: FastifyRequest): Promise<Viewer> {
  const viewer = await viewerOf(request);
  if (!canMergeClients(viewer)) throw new ForbiddenError('Only HMIS administrators can merge client records.');
  return viewer;
}

/** A merge POST whose pair cannot be compared (itself, a merged or unknown record) is refused with the reason. */
async function comparisonOrRefusal<T>(compare: () => Promise<T>): Promise<T> {
  try {
    return await compare();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const reasons = Object.values(error.fieldErrors).flat().join(' ');
    throw new ValidationError(`${reasons || error.message} Nothing was changed.`);
  }
}

/**
 * Loads a client; when the PersonalID was merged into another record, answers with a 303 to the same page
 * of the record kept (the profile says which record was opened) and returns null.
 */
export async function redirectIfMerged<T extends Client>(request: FastifyRequest, reply: FastifyReply, page: '' | '/edit' | '/history' | '/merge', load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof ClientMergedError)) throw error;
    const kept = `/${request.site.id}/clients/${error.keptPersonalId}`;
    void reply.redirect(page ? `${kept}${page}` : `${kept}?mergedFrom=${error.mergedPersonalId}`, 303);
    return null;
  }
}
