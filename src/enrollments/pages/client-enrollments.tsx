import { label, PROJECT_TYPE } from '../../hud/code-lists.js';
import { LIVING_SITUATION, RELATIONSHIP_TO_HOH } from '../../hud/enrollment-code-lists.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { formatDay } from '../enrollment-fields.js';
import type { ProjectEnrollments } from '../enrollments.model.js';

/**
 * The "Enrollments" section of a client's profile: every stay the viewer may see, current and past, per
 * project and agency. Stays the viewer may not see are simply absent.
 */
export function ClientEnrollmentsSection(props: { ctx: PageContext; personalId: string; groups: readonly ProjectEnrollments[]; canEnroll: boolean }) {
  const { ctx, groups } = props;
  return (
    <section aria-labelledby="enrollments-heading">
      <h2 id="enrollments-heading">Enrollments</h2>
      {props.canEnroll && (
        <p>
          <a class="button" href={sitePath(ctx, `enrollments/new?client=${props.personalId}`)}>
            Enroll in a project
          </a>
        </p>
      )}
      {groups.length === 0 ? (
        <p class="empty">No enrollments you can see.</p>
      ) : (
        groups.map(({ project, enrollments }) => (
          <div class="table-wrap">
            <table>
              <caption>
                {project.projectName} <span class="muted">· {project.organizationName} · {label(PROJECT_TYPE, project.projectType)}</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">Entry</th>
                  <th scope="col">Exit</th>
                  <th scope="col">Destination</th>
                  <th scope="col">Relationship</th>
                  <th scope="col">Household</th>
                  <th scope="col">
                    <span class="visually-hidden">Link</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {enrollments.map((e) => (
                  <tr>
                    <td>{formatDay(e.entryDate)}</td>
                    <td>{e.exitDate ? formatDay(e.exitDate) : 'Still enrolled'}</td>
                    <td>{e.destination === null ? '—' : label(LIVING_SITUATION, e.destination)}</td>
                    <td>{label(RELATIONSHIP_TO_HOH, e.relationshipToHoH)}</td>
                    <td>
                      {e.householdSize} {e.householdSize === 1 ? 'person' : 'people'}
                    </td>
                    <td>
                      <a href={sitePath(ctx, `enrollments/${e.enrollmentId}`)}>
                        Open<span class="visually-hidden"> the enrollment of {formatDay(e.entryDate)} in {project.projectName}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))
      )}
    </section>
  );
}
