import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../access/access-policy.js';
import { NotFoundError } from '../errors.js';
import { actorOf } from '../http/actor.js';
import { formString, formStrings, submitForm } from '../http/form.js';
import type { FormFailure } from '../views/form-kit.js';
import { DataQualityListPage, DataQualityPage, periodQuery } from './data-quality.page.js';
import { DrillDownPage } from './drill-down.page.js';
import { EMPTY_REPORT_FORM, type ReportFormInput } from './report-runs.model.js';
import { ReportRunPage } from './report-run.page.js';
import { ReportsPage } from './reports.page.js';
import { ToFixPage } from './to-fix.page.js';

const RUN_ID = /^[0-9a-f]{32}$/;

function viewerOf(request: FastifyRequest): Promise<Viewer> {
  return request.site.access.viewerOf(request.auth!.user);
}

/** A Data Quality page's period from its query string (absent: the service's default, the last twelve months). */
function periodOf(request: FastifyRequest): { from?: string; to?: string } {
  const query = request.query as Record<string, unknown>;
  const day = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.slice(0, 20) : undefined);
  return { from: day(query.from), to: day(query.to) };
}

function runId(request: FastifyRequest): string {
  const { run } = request.params as { run: string };
  if (!RUN_ID.test(run)) throw new NotFoundError('There is no such report.');
  return run;
}

/** A file to download, never cached (it holds client counts, and a drill-down's names are a click away). */
function download(reply: FastifyReply, contentType: string, fileName: string, body: Buffer | string) {
  return reply.header('content-type', contentType).header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'no-store').send(body);
}

/** The Reports pages, under /SITE/reports: administrators and agency managers (the access policy decides). */
export async function reportRoutes(app: FastifyInstance) {
  const page = async (request: FastifyRequest, reply: FastifyReply, viewer: Viewer, values: ReportFormInput, failure?: FormFailure) => {
    const { reports } = request.site;
    const [runs, projects] = await Promise.all([reports.list(viewer), reports.reportableProjects(viewer)]);
    return <ReportsPage ctx={reply.pageContext()} runs={runs} projects={projects} values={values} failure={failure ?? null} />;
  };

  app.get('/reports', async (request, reply) => reply.page(await page(request, reply, await viewerOf(request), EMPTY_REPORT_FORM)));

  app.post('/reports', { preHandler: app.csrfProtection }, async (request, reply) => {
    const viewer = await viewerOf(request);
    const values: ReportFormInput = {
      kind: formString(request.body, 'kind', { max: 10 }),
      from: formString(request.body, 'from', { max: 20 }),
      to: formString(request.body, 'to', { max: 20 }),
      projectIds: formStrings(request.body, 'projectIds', { maxCount: 500, max: 32 }),
      cocCode: formString(request.body, 'cocCode', { max: 10 }),
    };
    return submitForm(reply, {
      action: () => request.site.reports.request(viewer, actorOf(request), values),
      refused: (failure) => page(request, reply, viewer, values, failure),
      done: (run) => reply.redirect(`/${request.site.id}/reports/${run.id}?queued=1`, 303),
    });
  });

  app.get('/reports/:run', async (request, reply) => {
    const view = await request.site.reports.run(await viewerOf(request), runId(request));
    const queued = (request.query as Record<string, unknown>).queued === '1';
    return reply.page(<ReportRunPage ctx={reply.pageContext()} view={view} queued={queued} />);
  });

  app.get('/reports/:run/sage.zip', async (request, reply) => {
    const { zip, fileName } = await request.site.reports.sageZip(await viewerOf(request), actorOf(request), runId(request));
    return download(reply, 'application/zip', fileName, zip);
  });

  app.get('/reports/:run/:question.csv', async (request, reply) => {
    const { question } = request.params as { question: string };
    const { csv, fileName } = await request.site.reports.tableCsv(await viewerOf(request), actorOf(request), runId(request), question);
    return download(reply, 'text/csv; charset=utf-8', fileName, csv);
  });

  app.get('/reports/:run/:question/:row/:column', async (request, reply) => {
    const { question, row, column } = request.params as { question: string; row: string; column: string };
    if (!/^[0-9]{1,4}$/.test(row) || !/^[B-Z]$/.test(column)) throw new NotFoundError('This cell of the table is not a count of clients.');
    const drill = await request.site.reports.drillDown(await viewerOf(request), actorOf(request), runId(request), question, Number(row), column);
    return reply.header('cache-control', 'no-store').page(<DrillDownPage ctx={reply.pageContext()} drill={drill} backPath={`reports/${drill.run.id}#t-${drill.table.question}`} backLabel="Back to the report" />);
  });

  app.get('/data-quality', async (request, reply) => {
    const projects = await request.site.reports.reportableProjects(await viewerOf(request));
    return reply.page(<DataQualityListPage ctx={reply.pageContext()} projects={projects} />);
  });

  // A user's "to fix" list (their own, unless ?user= names another they may see): static, so before ':project'.
  app.get('/data-quality/to-fix', async (request, reply) => {
    const viewer = await viewerOf(request);
    const { user } = request.query as Record<string, unknown>;
    const wanted = typeof user === 'string' && user !== '' ? user : null;
    if (wanted !== null && !/^[0-9]{1,9}$/.test(wanted)) throw new NotFoundError('There is no such user.');
    const list = await request.site.toFix.list(viewer, actorOf(request), wanted === null ? null : Number(wanted), periodOf(request));
    const own = list.subject.userId === viewer.userId;
    return reply.header('cache-control', 'no-store').page(<ToFixPage ctx={reply.pageContext()} list={list} own={own} />);
  });

  app.get('/data-quality/:project', async (request, reply) => {
    const { project } = request.params as { project: string };
    const view = await request.site.reports.dataQuality(await viewerOf(request), project, periodOf(request));
    return reply.page(<DataQualityPage ctx={reply.pageContext()} view={view} />);
  });

  app.get('/data-quality/:project/:question/:row/:column', async (request, reply) => {
    const { project, question, row, column } = request.params as { project: string; question: string; row: string; column: string };
    if (!/^[0-9]{1,4}$/.test(row) || !/^[B-Z]$/.test(column)) throw new NotFoundError('This cell of the table is not a count of clients.');
    const { reports } = request.site;
    const drill = await reports.dataQualityDrillDown(await viewerOf(request), actorOf(request), project, periodOf(request), question, Number(row), column);
    const back = `data-quality/${encodeURIComponent(drill.project.projectId)}?${periodQuery(drill)}#t-${drill.table.question}`;
    return reply.header('cache-control', 'no-store').page(<DrillDownPage ctx={reply.pageContext()} drill={drill} backPath={back} backLabel="Back to the project’s data quality" />);
  });
}
