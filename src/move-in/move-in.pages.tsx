import { clientName } from '../clients/client-name.js';
import { formatDay } from '../enrollments/enrollment-fields.js';
import type { EnrollmentDetail } from '../enrollments/enrollments.model.js';
import { DateField, ErrorSummary, PostForm, type FormFailure } from '../views/form-kit.js';
import { Layout } from '../views/layout.js';
import { sitePath, type PageContext } from '../views/page-context.js';
import type { MoveInStatus } from './move-in.model.js';

/** The enrollment page's 3.20 section. */
export function MoveInSection(props: { ctx: PageContext; status: MoveInStatus }) {
  const { ctx, status } = props;
  return (
    <section aria-labelledby="move-in-heading">
      <h2 id="move-in-heading">Housing move-in date (3.20)</h2>
      <p>
        {status.moveInDate ? `Moved in on ${formatDay(status.moveInDate)}.` : 'Not moved in yet.'}
        {!status.isHead && (
          <span class="muted">
            {' '}
            Taken from the head of household{status.headMoveInDate ? ` (moved in ${formatDay(status.headMoveInDate)})` : ''}: a member who joins later moves in on their own entry date.
          </span>
        )}
      </p>
      {status.canRecord && (
        <p>
          <a class="button" href={sitePath(ctx, `enrollments/${status.enrollmentId}/move-in`)}>
            {status.moveInDate ? 'Correct the move-in date' : 'Record the move-in date'}
          </a>
        </p>
      )}
    </section>
  );
}

export function MoveInPage(props: { ctx: PageContext; detail: EnrollmentDetail; value: string; failure?: FormFailure | null }) {
  const { ctx, detail, failure } = props;
  const { enrollment, client, project } = detail;
  return (
    <Layout ctx={ctx} title="Housing move-in date">
      <div class="narrow">
        <p>
          <a href={sitePath(ctx, `enrollments/${enrollment.enrollmentId}`)}>← Back to the enrollment</a>
        </p>
        <h1>Housing move-in date</h1>
        <p class="lede">
          {clientName(client)} (head of household) in {project.projectName}, since {formatDay(enrollment.entryDate)}.
        </p>
        <ErrorSummary failure={failure} />
        <PostForm ctx={ctx} action={`enrollments/${enrollment.enrollmentId}/move-in`}>
          <DateField
            name="moveInDate"
            label="Date the household moved into permanent housing (3.20)"
            hint="The day they had the key and slept there, which may differ from the lease date. The household's other members take it from the head."
            value={props.value}
            errors={failure?.errors.moveInDate}
          />
          <button type="submit" class="primary">
            Save the move-in date
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}
