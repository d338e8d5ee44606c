import { label, PROJECT_TYPE } from '../../hud/code-lists.js';
import { LIVING_SITUATION, RELATIONSHIP_TO_HOH } from '../../hud/enrollment-code-lists.js';
import { DataTable } from '../../views/data-table.js';
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
          <DataTable
            caption={
              <>
                {project.projectName} <span class="muted">· {project.organizationName} · {label(PROJECT_TYPE, project.projectType)}</span>
              </>
            }
            rows={enrollments}
            columns={[
              { header: 'Entry', cell: (e) => formatDay(e.entryDate) },
              { header: 'Exit', cell: (e) => (e.exitDate ? formatDay(e.exitDate) : 'Still enrolled') },
              { header: 'Destination', cell: (e) => (e.destination === null ? '—' : label(LIVING_SITUATION, e.destination)) },
              { header: 'Relationship', cell: (e) => label(RELATIONSHIP_TO_HOH, e.relationshipToHoH) },
              { header: 'Household', cell: (e) => `${e.householdSize} ${e.householdSize === 1 ? 'person' : 'people'}` },
              {
                header: 'Link',
                hidden: true,
                cell: (e) => (
                  <a href={sitePath(ctx, `enrollments/${e.enrollmentId}`)}>
                    Open<span class="visually-hidden"> the enrollment of {formatDay(e.entryDate)} in {project.projectName}</span>
                  </a>
                ),
              },
            ]}
          />
        ))
      )}
    </section>
  );
}
