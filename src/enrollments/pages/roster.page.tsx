import { label, PROJECT_TYPE } from '../../hud/code-lists.js';
import { HEAD_OF_HOUSEHOLD } from '../../hud/enrollment-code-lists.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { clientName } from '../../clients/client-name.js';
import type { Roster } from '../enrollments.model.js';
import { ROSTER_LIMIT } from '../enrollments.service.js';
import { StayCells, StayHeaders } from './enrollment.pages.js';

/** A project's enrollments, one row group per household with its head first. */
export function RosterPage(props: { ctx: PageContext; roster: Roster }) {
  const { ctx, roster } = props;
  const { project } = roster;
  const people = roster.households.reduce((n, h) => n + h.members.length, 0);
  const base = `projects/${project.projectId}/enrollments`;
  return (
    <Layout ctx={ctx} title={`Enrollments · ${project.projectName}`}>
      <p>
        <a href={sitePath(ctx, `projects/${project.projectId}`)}>← {project.projectName}</a>
      </p>
      <h1>Enrollments in {project.projectName}</h1>
      <p class="lede">
        {project.organizationName} · {label(PROJECT_TYPE, project.projectType)}
      </p>
      <p>
        {roster.past ? (
          <>
            Showing current and past enrollments. <a href={sitePath(ctx, base)}>Show current enrollments only</a>
          </>
        ) : (
          <>
            Showing current enrollments. <a href={sitePath(ctx, `${base}?past=1`)}>Show past enrollments too</a>
          </>
        )}
      </p>
      {roster.truncated && (
        <p class="notice warning" role="status">
          Only the {ROSTER_LIMIT} most recent enrollments are shown.
        </p>
      )}
      {roster.households.length === 0 ? (
        <p class="empty">{roster.past ? 'No one has been enrolled in this project.' : 'No one is enrolled in this project right now.'}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>
              {roster.households.length} {roster.households.length === 1 ? 'household' : 'households'}, {people} {people === 1 ? 'person' : 'people'}
            </caption>
            <thead>
              <StayHeaders first="Client" />
            </thead>
            {roster.households.map((household) => {
              const head = household.members.find((m) => m.relationshipToHoH === HEAD_OF_HOUSEHOLD) ?? household.members[0]!;
              return (
                <tbody>
                  <tr>
                    <th scope="rowgroup" colSpan={5}>
                      Household of {clientName(head.client)} ({head.householdSize} {head.householdSize === 1 ? 'person' : 'people'})
                    </th>
                  </tr>
                  {household.members.map((m) => (
                    <tr>
                      <td>
                        <a href={sitePath(ctx, `enrollments/${m.enrollmentId}`)}>{clientName(m.client)}</a>
                      </td>
                      <StayCells member={m} />
                    </tr>
                  ))}
                </tbody>
              );
            })}
          </table>
        </div>
      )}
    </Layout>
  );
}
