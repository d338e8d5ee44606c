import { Notice } from '../views/components.js';
import { CheckboxField, CheckboxGroupField, DateField, ErrorSummary, PostForm, RadioField, TextField, type FormFailure } from '../views/form-kit.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';
import { sitePath, type PageContext } from '../views/page-context.js';
import type { ExportableProject, ExportFormInput, ExportJob } from './exports.model.js';

export interface ExportsPageProps {
  ctx: PageContext;
  projects: readonly ExportableProject[];
  jobs: readonly ExportJob[];
  values: ExportFormInput;
  failure?: FormFailure | null;
  queued?: boolean;
}

const DIRECTIVES = [
  { value: 'full', label: 'Everything active in the period', hint: 'Enrollments entered by its last day and not exited before its first, with their clients and projects.' },
  { value: 'delta', label: 'Only what changed in the period', hint: 'Records added, changed or deleted in it (deleted ones with their DateDeleted), for a system that already holds the rest.' },
];

function size(bytes: number | null): string {
  if (bytes === null) return '';
  return bytes < 1_000_000 ? `${Math.max(1, Math.round(bytes / 1000))} kB` : `${(bytes / 1_000_000).toFixed(1)} MB`;
}

const n = (count: number | null) => (count ?? 0).toLocaleString('en-US');
const usDate = (day: string) => `${day.slice(5, 7)}/${day.slice(8, 10)}/${day.slice(0, 4)}`;

function Status(props: { ctx: PageContext; job: ExportJob }) {
  const { job, ctx } = props;
  switch (job.status) {
    case 'queued':
      return <>Waiting to start</>;
    case 'running':
      return <>Running: {n(job.rowsWritten)} rows written{job.currentFile ? ` (now ${job.currentFile}.csv)` : ''}</>;
    case 'done':
      return (
        <>
          Done: {n(job.clients)} clients, {n(job.enrollments)} enrollments, {size(job.fileSize)}.{' '}
          <a href={sitePath(ctx, `exports/${job.id}/download`)}>Download the zip<span class="visually-hidden"> of the export requested {formatDateTime(job.requestedAt, ctx.timeZone)}</span></a>{' '}
          (until {formatDateTime(job.expiresAt, ctx.timeZone)})
        </>
      );
    case 'failed':
      return <>Failed: {job.failure}</>;
    case 'expired':
      return <>Deleted after 7 days</>;
  }
}

/** The Exports page: the form that starts a HUD CSV export, and the exports asked for so far. */
export function ExportsPage(props: ExportsPageProps) {
  const { ctx, values, failure } = props;
  const errors = failure?.errors ?? {};
  const busy = props.jobs.some((j) => j.status === 'queued' || j.status === 'running');
  return (
    <Layout ctx={ctx} title="HUD CSV exports">
      <h1>HUD CSV exports</h1>
      <p class="lede">
        HUD HMIS CSV (FY2026): the 24 files in one zip, for HUD’s tools, a data warehouse or another HMIS. Exports run in the
        background; each zip can be downloaded for 7 days, and every download is recorded in the audit log.
      </p>
      {props.queued && <Notice kind="success">Your export has started. It appears below; refresh the page to follow it.</Notice>}
      <ErrorSummary failure={failure} />
      <h2>Start an export</h2>
      <PostForm ctx={ctx} action="exports" class="stack narrow">
        <DateField name="from" label="First day of the period" value={values.from} errors={errors.from} />
        <DateField name="to" label="Last day of the period" value={values.to} errors={errors.to} />
        <CheckboxGroupField
          name="projectIds"
          label="Projects"
          hint="Leave them all unticked to export every project you may export."
          choices={props.projects.map((p) => ({ value: p.projectId, label: `${p.projectName} (${p.organizationName})` }))}
          values={values.projectIds}
          errors={errors.projectIds}
        />
        <TextField name="cocCode" label="Continuum of Care (optional)" hint="Only projects of this CoC, e.g. XX-501." value={values.cocCode} errors={errors.cocCode} />
        <RadioField name="directive" label="What to export" choices={DIRECTIVES} value={values.directive} errors={errors.directive} />
        <CheckboxField name="hash" label="Hash names and SSNs (for an upload to HUD)" hint="HashStatus 4: SHA-256, as HUD specifies." checked={values.hash} />
        <button type="submit" class="primary">Start the export</button>
      </PostForm>
      <h2>Exports</h2>
      {busy && (
        <p>
          <a href={sitePath(ctx, 'exports')}>Refresh to see their progress</a>
        </p>
      )}
      {props.jobs.length === 0 ? (
        <p>No export yet.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Exports asked for, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Requested</th>
              <th scope="col">By</th>
              <th scope="col">Period</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {props.jobs.map((job) => (
              <tr>
                <td>{formatDateTime(job.requestedAt, ctx.timeZone)}</td>
                <td>{job.requestedByName}</td>
                <td>
                  {usDate(job.request.from)} to {usDate(job.request.to)}
                  {job.request.directive === 'delta' ? ', changes only' : ''}
                  {job.request.hash ? ', hashed' : ''}
                </td>
                <td>
                  <Status ctx={ctx} job={job} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
