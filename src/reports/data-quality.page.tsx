import { DateField } from '../views/form-kit.js';
import { Layout } from '../views/layout.js';
import { sitePath, type PageContext } from '../views/page-context.js';
import type { DataQualityView, ReportableProject } from './report-runs.model.js';
import { ReportTableView } from './report-run.page.js';
import { usDate } from './reports.page.js';

/** The query string that keeps a Data Quality page's period on its links. */
export const periodQuery = (view: DataQualityView) => `from=${view.params.from}&to=${view.params.to}`;

/** The projects whose data quality the viewer may check (administrators: all; agency managers: their agencies'). */
export function DataQualityListPage(props: { ctx: PageContext; projects: readonly ReportableProject[] }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Data quality">
      <h1>Data quality</h1>
      <p class="lede">
        The HMIS Data Quality report (the APR’s Q5a and Q6a–f) of each project, computed live from today’s records. Every
        number leads to the clients behind it and the records to fix.
      </p>
      <p>
        <a href={sitePath(ctx, 'data-quality/to-fix')}>Records to fix</a>: each case manager’s clients with missing or invalid
        elements, with links to the forms that fix them.
      </p>
      {props.projects.length === 0 ? (
        <p>No project is yours to check.</p>
      ) : (
        <ul>
          {props.projects.map((p) => (
            <li>
              <a href={sitePath(ctx, `data-quality/${encodeURIComponent(p.projectId)}`)}>{p.projectName}</a> ({p.organizationName})
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** One project's Data Quality tables over a period the viewer may change. */
export function DataQualityPage(props: { ctx: PageContext; view: DataQualityView }) {
  const { ctx, view } = props;
  const base = `data-quality/${encodeURIComponent(view.project.projectId)}`;
  const title = `Data quality of ${view.project.projectName}, ${usDate(view.params.from)} to ${usDate(view.params.to)}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={sitePath(ctx, 'data-quality')}>All projects</a>
      </p>
      <h1>{title}</h1>
      <form method="get" action={sitePath(ctx, base)} class="stack narrow">
        <DateField name="from" label="First day" value={usDate(view.params.from)} />
        <DateField name="to" label="Last day" value={usDate(view.params.to)} />
        <button type="submit">Show this period</button>
      </form>
      {view.tables.map((table) => (
        <ReportTableView ctx={ctx} table={table} cellPath={(row, column) => `${base}/${table.question}/${row}/${column}?${periodQuery(view)}`} />
      ))}
    </Layout>
  );
}

