import { Notice } from '../views/components.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';
import { sitePath, type PageContext } from '../views/page-context.js';
import { isCount, type ReportTable } from './report.model.js';
import { columnLetter, reportKindName, type ReportRunWithTables } from './report-runs.model.js';
import { projectNames, QueuedNotice, RunStatus, usDate } from './reports.page.js';

/**
 * One table as HUD lays it out: its header row, the row labels in the first column, every non-zero count a link
 * (`cellPath` gives its path under the site: row as the spreadsheet numbers it, column a letter from B).
 */
export function ReportTableView(props: { ctx: PageContext; table: ReportTable; cellPath: (row: number, column: string) => string; csvPath?: string }) {
  const { ctx, table } = props;
  const [corner = '', ...columns] = table.header;
  return (
    <section aria-labelledby={`t-${table.question}`}>
      <h2 id={`t-${table.question}`}>
        {table.question} {table.title}
      </h2>
      {props.csvPath && (
        <p>
          <a href={sitePath(ctx, props.csvPath)}>Download {table.question} as CSV</a>
        </p>
      )}
      {/* Wide tables scroll sideways: the region is focusable so keyboard users can scroll it too. */}
      <div class="table-wrap" tabIndex={0} role="region" aria-label={`${table.question} ${table.title}`}>
        <table class="report-table">
          <caption class="visually-hidden">
            {table.question} {table.title}
          </caption>
          <thead>
            <tr>
              <th scope="col">{corner}</th>
              {columns.map((c) => (
                <th scope="col">{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell, c) => (
                  <td>
                    {isCount(cell) && cell.value !== 0 && cell.value !== null ? (
                      <a href={sitePath(ctx, props.cellPath(r + 2, columnLetter(c)))}>
                        {cell.value}
                        <span class="visually-hidden">
                          : {row.label}, {columns[c]}
                        </span>
                      </a>
                    ) : (
                      cell.value
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A report run: its parameters, where it stands, and once done its tables and downloads. */
export function ReportRunPage(props: { ctx: PageContext; view: ReportRunWithTables; queued?: boolean }) {
  const { ctx, view } = props;
  const { run } = view;
  const title = `${reportKindName(run.params.kind)}, ${usDate(run.params.from)} to ${usDate(run.params.to)}`;
  const busy = run.status === 'queued' || run.status === 'running';
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={sitePath(ctx, 'reports')}>All reports</a>
      </p>
      <h1>{title}</h1>
      {props.queued && <QueuedNotice />}
      <dl class="summary">
        <dt>Projects</dt>
        <dd>{projectNames(view.projects)}</dd>
        <dt>CoC</dt>
        <dd>{run.params.cocCode ?? 'Every CoC of these projects'}</dd>
        <dt>Run by</dt>
        <dd>
          {run.requestedByName}, {formatDateTime(run.requestedAt, ctx.timeZone)}
        </dd>
        <dt>Status</dt>
        <dd>
          <RunStatus run={run} />
        </dd>
        {run.generator && (
          <>
            <dt>Generator</dt>
            <dd>{run.generator}</dd>
          </>
        )}
      </dl>
      {busy && (
        <p>
          <a href={sitePath(ctx, `reports/${run.id}`)}>Refresh to see its progress</a>
        </p>
      )}
      {run.status === 'done' && (
        <>
          <p>
            <a class="button" href={sitePath(ctx, `reports/${run.id}/sage.zip`)}>
              Download the Sage zip
            </a>
          </p>
          {view.tables.length === 0 && <Notice>This report has no table yet in this version of Hearth.</Notice>}
          <nav aria-label="Tables">
            <ul class="inline-list">
              {view.tables.map((t) => (
                <li>
                  <a href={`#t-${t.question}`}>{t.question}</a>
                </li>
              ))}
            </ul>
          </nav>
          {view.tables.map((table) => (
            <ReportTableView
              ctx={ctx}
              table={table}
              cellPath={(row, column) => `reports/${run.id}/${table.question}/${row}/${column}`}
              csvPath={`reports/${run.id}/${table.question}.csv`}
            />
          ))}
        </>
      )}
    </Layout>
  );
}
