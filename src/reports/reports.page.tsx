import { Notice } from '../views/components.js';
import { CheckboxGroupField, DateField, ErrorSummary, PostForm, RadioField, TextField, type FormFailure } from '../views/form-kit.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';
import { sitePath, type PageContext } from '../views/page-context.js';
import { REPORT_KINDS, reportKindName, type ReportFormInput, type ReportableProject, type ReportRun, type ReportRunView } from './report-runs.model.js';

export const usDate = (day: string) => `${day.slice(5, 7)}/${day.slice(8, 10)}/${day.slice(0, 4)}`;

/** Where a run stands, in words. */
export function RunStatus(props: { run: ReportRun }) {
  const { run } = props;
  switch (run.status) {
    case 'queued':
      return <>Waiting to start</>;
    case 'running':
      return (
        <>
          Running: {run.questionsDone} of {run.questionsTotal || '…'} tables{run.currentQuestion ? ` (now ${run.currentQuestion})` : ''}
        </>
      );
    case 'done':
      return <>Done</>;
    case 'failed':
      return <>Failed: {run.failure}</>;
  }
}

export const projectNames = (projects: readonly ReportableProject[]) => projects.map((p) => p.projectName).join(', ');

export interface ReportsPageProps {
  ctx: PageContext;
  projects: readonly ReportableProject[];
  runs: readonly ReportRunView[];
  values: ReportFormInput;
  failure?: FormFailure | null;
}

/** The Reports page: the form that starts a HUD report, and the reports run so far. */
export function ReportsPage(props: ReportsPageProps) {
  const { ctx, values, failure } = props;
  const errors = failure?.errors ?? {};
  const busy = props.runs.some((v) => v.run.status === 'queued' || v.run.status === 'running');
  return (
    <Layout ctx={ctx} title="HUD reports">
      <h1>HUD reports</h1>
      <p class="lede">
        The CoC APR, the ESG CAPER and the HMIS Data Quality report, computed from live data. Reports run in the background
        and are kept; every number leads to the clients behind it, and each report downloads as the zip Sage takes.
      </p>
      <ErrorSummary failure={failure} />
      <h2>New report</h2>
      <PostForm ctx={ctx} action="reports" class="stack narrow">
        <RadioField name="kind" label="Report" choices={REPORT_KINDS.map((k) => ({ value: k.kind, label: k.name, hint: k.hint }))} value={values.kind} errors={errors.kind} />
        <CheckboxGroupField
          name="projectIds"
          label="Projects"
          hint="Sage takes one project per upload; choose several for a report across projects."
          choices={props.projects.map((p) => ({ value: p.projectId, label: `${p.projectName} (${p.organizationName})` }))}
          values={values.projectIds}
          errors={errors.projectIds}
        />
        <DateField name="from" label="Report start date" value={values.from} errors={errors.from} />
        <DateField name="to" label="Report end date" value={values.to} errors={errors.to} />
        <TextField name="cocCode" label="CoC code (optional)" hint="Only enrollments in this Continuum of Care, e.g. XX-501." value={values.cocCode} errors={errors.cocCode} />
        <button type="submit" class="primary">Run the report</button>
      </PostForm>
      <h2>Reports</h2>
      {busy && (
        <p>
          <a href={sitePath(ctx, 'reports')}>Refresh to see their progress</a>
        </p>
      )}
      {props.runs.length === 0 ? (
        <p>No report yet.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Reports run, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Report</th>
                <th scope="col">Projects</th>
                <th scope="col">Period</th>
                <th scope="col">Run by</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {props.runs.map(({ run, projects }) => (
                <tr>
                  <td>
                    <a href={sitePath(ctx, `reports/${run.id}`)}>
                      {reportKindName(run.params.kind)}
                      <span class="visually-hidden"> asked for {formatDateTime(run.requestedAt, ctx.timeZone)}</span>
                    </a>
                  </td>
                  <td>{projectNames(projects)}</td>
                  <td>
                    {usDate(run.params.from)} to {usDate(run.params.to)}
                    {run.params.cocCode ? `, CoC ${run.params.cocCode}` : ''}
                  </td>
                  <td>
                    {run.requestedByName}, {formatDateTime(run.requestedAt, ctx.timeZone)}
                  </td>
                  <td>
                    <RunStatus run={run} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function QueuedNotice() {
  return <Notice kind="success">Your report has started. This page shows it when it is done; refresh it to follow its progress.</Notice>;
}
