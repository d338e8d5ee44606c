import { Notice } from '../views/components.js';
import { Layout } from '../views/layout.js';
import { sitePath, type PageContext } from '../views/page-context.js';
import { DRILL_DOWN_LISTED, type CellClients } from './report-runs.model.js';
import { usDate } from './reports.page.js';

/** The clients behind one count of a report, each with links to fix their records. */
export function DrillDownPage(props: { ctx: PageContext; drill: CellClients; backPath: string; backLabel: string }) {
  const { ctx, drill } = props;
  const title = `${drill.table.question} ${drill.cell}: ${drill.rowLabel}${drill.columnLabel ? `, ${drill.columnLabel}` : ''}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={sitePath(ctx, props.backPath)}>{props.backLabel}</a>
      </p>
      <h1>{title}</h1>
      <p class="lede">
        {drill.table.question} {drill.table.title}: {drill.count} {drill.count === 1 ? 'client' : 'clients'} counted in this cell.
      </p>
      {drill.hidden > 0 && (
        <Notice kind="warning">
          {drill.hidden} of them {drill.hidden === 1 ? 'is' : 'are'} enrolled by agencies whose enrollments you may not see, so
          {drill.hidden === 1 ? ' that client is' : ' they are'} not listed.
        </Notice>
      )}
      {drill.clients.length === DRILL_DOWN_LISTED && <Notice>Only the first {DRILL_DOWN_LISTED} are listed.</Notice>}
      {drill.clients.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Clients counted in {drill.cell}</caption>
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Project</th>
                <th scope="col">Project start</th>
                <th scope="col">Exit</th>
                <th scope="col">Enrollment</th>
              </tr>
            </thead>
            <tbody>
              {drill.clients.map((c) => (
                <tr>
                  <td>
                    <a href={sitePath(ctx, `clients/${c.personalId}`)}>{c.clientName}</a>
                  </td>
                  <td>{c.projectName}</td>
                  <td>{usDate(c.entryDate)}</td>
                  <td>{c.exitDate ? usDate(c.exitDate) : 'Still enrolled'}</td>
                  <td>
                    <a href={sitePath(ctx, `enrollments/${c.enrollmentId}`)}>
                      Fix the enrollment<span class="visually-hidden"> of {c.clientName}</span>
                    </a>
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
