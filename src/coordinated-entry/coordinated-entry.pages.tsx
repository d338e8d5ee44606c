import type { ComponentChildren } from 'preact';
import { clientName } from '../clients/client-name.js';
import { formatDay } from '../enrollments/enrollment-fields.js';
import type { EnrollmentDetail } from '../enrollments/enrollments.model.js';
import { label, NO_YES_MISSING } from '../hud/code-lists.js';
import { ASSESSMENT_LEVEL, ASSESSMENT_TYPE, EVENT_TYPE, PRIORITIZATION_STATUS, REFERRAL_RESULT, SELECTABLE_EVENTS } from '../hud/occurrence-code-lists.js';
import { choicesOf, DateField, ErrorSummary, InlinePostButton, PostForm, SelectField, TextField, type FormFailure } from '../views/form-kit.js';
import { Layout } from '../views/layout.js';
import { sitePath, type PageContext } from '../views/page-context.js';
import type { CeAssessmentInput, CeEventInput, CoordinatedEntrySection } from './coordinated-entry.model.js';

/** The enrollment page's 4.19 and 4.20 section. */
export function CoordinatedEntrySectionView(props: { ctx: PageContext; section: CoordinatedEntrySection }) {
  const { ctx, section } = props;
  const base = `enrollments/${section.enrollmentId}`;
  return (
    <section aria-labelledby="ce-heading">
      <h2 id="ce-heading">Coordinated entry</h2>
      {section.canRecord && (
        <nav class="actions" aria-label="Coordinated entry actions">
          <a class="button" href={sitePath(ctx, `${base}/ce-assessments/new`)}>
            Record an assessment
          </a>
          <a class="button" href={sitePath(ctx, `${base}/ce-events/new`)}>
            Record an event
          </a>
        </nav>
      )}
      <h3>Assessments (4.19)</h3>
      {section.assessments.length === 0 ? (
        <p class="empty">No assessment recorded yet.</p>
      ) : (
        <ul>
          {section.assessments.map((a) => (
            <li>
              {formatDay(a.assessmentDate)}: {label(ASSESSMENT_LEVEL, a.assessmentLevel)}, {label(ASSESSMENT_TYPE, a.assessmentType).toLowerCase()} at {a.assessmentLocation};{' '}
              {label(PRIORITIZATION_STATUS, a.prioritizationStatus).toLowerCase()}.
              {section.canRecord && <DeleteButton ctx={ctx} action={`${base}/ce-assessments/${a.assessmentId}/delete`} what={`the assessment of ${formatDay(a.assessmentDate)}`} />}
            </li>
          ))}
        </ul>
      )}
      <h3>Events (4.20)</h3>
      {section.events.length === 0 ? (
        <p class="empty">No event recorded yet.</p>
      ) : (
        <ul>
          {section.events.map((e) => (
            <li>
              {formatDay(e.eventDate)}: {label(EVENT_TYPE, e.event)}
              {e.locationCrisisOrPhHousing && ` (${e.locationCrisisOrPhHousing})`}
              {e.referralResult !== null && `; ${label(REFERRAL_RESULT, e.referralResult)} on ${formatDay(e.resultDate)}`}.
              {section.canRecord && <DeleteButton ctx={ctx} action={`${base}/ce-events/${e.eventId}/delete`} what={`the event of ${formatDay(e.eventDate)}`} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Deleting a record made by mistake (HUD's DateDeleted; audited). */
function DeleteButton(props: { ctx: PageContext; action: string; what: string }) {
  return <InlinePostButton ctx={props.ctx} action={props.action} label="Delete" what={props.what} />;
}

function Frame(props: { ctx: PageContext; detail: EnrollmentDetail; title: string; failure?: FormFailure | null; children: ComponentChildren }) {
  const { ctx, detail } = props;
  return (
    <Layout ctx={ctx} title={props.title}>
      <div class="narrow">
        <p>
          <a href={sitePath(ctx, `enrollments/${detail.enrollment.enrollmentId}`)}>← Back to the enrollment</a>
        </p>
        <h1>{props.title}</h1>
        <p class="lede">
          {clientName(detail.client)} (head of household) in {detail.project.projectName}, since {formatDay(detail.enrollment.entryDate)}.
        </p>
        <ErrorSummary failure={props.failure} />
        {props.children}
      </div>
    </Layout>
  );
}

export function AssessmentPage(props: { ctx: PageContext; detail: EnrollmentDetail; values: CeAssessmentInput; failure?: FormFailure | null }) {
  const { ctx, detail, values, failure } = props;
  const errors = failure?.errors ?? {};
  return (
    <Frame ctx={ctx} detail={detail} title="Record a coordinated entry assessment" failure={failure}>
      <PostForm ctx={ctx} action={`enrollments/${detail.enrollment.enrollmentId}/ce-assessments/new`}>
        <DateField name="assessmentDate" label="Date of assessment (4.19.1)" value={values.assessmentDate} errors={errors.assessmentDate} />
        <TextField name="assessmentLocation" label="Assessment location (4.19.2)" value={values.assessmentLocation} maxLength={250} errors={errors.assessmentLocation} />
        <SelectField name="assessmentType" label="Assessment type (4.19.3)" value={values.assessmentType} choices={choicesOf(ASSESSMENT_TYPE)} errors={errors.assessmentType} />
        <SelectField name="assessmentLevel" label="Assessment level (4.19.4)" value={values.assessmentLevel} choices={choicesOf(ASSESSMENT_LEVEL)} errors={errors.assessmentLevel} />
        <SelectField name="prioritizationStatus" label="Prioritization status (4.19.7)" value={values.prioritizationStatus} choices={choicesOf(PRIORITIZATION_STATUS)} errors={errors.prioritizationStatus} />
        <button type="submit" class="primary">
          Save the assessment
        </button>
      </PostForm>
    </Frame>
  );
}

export function EventPage(props: { ctx: PageContext; detail: EnrollmentDetail; values: CeEventInput; failure?: FormFailure | null }) {
  const { ctx, detail, values, failure } = props;
  const errors = failure?.errors ?? {};
  const noYes = choicesOf(NO_YES_MISSING);
  return (
    <Frame ctx={ctx} detail={detail} title="Record a coordinated entry event" failure={failure}>
      <PostForm ctx={ctx} action={`enrollments/${detail.enrollment.enrollmentId}/ce-events/new`}>
        <DateField name="eventDate" label="Date of event (4.20.1)" value={values.eventDate} errors={errors.eventDate} />
        <SelectField name="event" label="Event (4.20.2)" value={values.event} choices={choicesOf(EVENT_TYPE, SELECTABLE_EVENTS)} errors={errors.event} />
        <SelectField name="probSolDivRrResult" label="Client housed or re-housed in a safe alternative (4.20.A)" hint="Only for a problem solving, diversion or rapid resolution event." emptyLabel="Not applicable" value={values.probSolDivRrResult} choices={noYes} errors={errors.probSolDivRrResult} />
        <SelectField name="referralCaseManageAfter" label="Enrolled in aftercare project (4.20.B)" hint="Only for a referral to post-placement or follow-up case management." emptyLabel="Not applicable" value={values.referralCaseManageAfter} choices={noYes} errors={errors.referralCaseManageAfter} />
        <TextField name="locationCrisisOrPhHousing" label="Location of crisis housing or permanent housing referral (4.20.C)" hint="Only for a referral to a shelter, transitional or permanent housing opening: the project's name." value={values.locationCrisisOrPhHousing} maxLength={250} errors={errors.locationCrisisOrPhHousing} />
        <SelectField name="referralResult" label="Referral result (4.20.D)" hint="Only for a referral to a housing opening or a Housing Stability Voucher, once known." emptyLabel="Not yet known" value={values.referralResult} choices={choicesOf(REFERRAL_RESULT)} errors={errors.referralResult} />
        <DateField name="resultDate" label="Date of the result (4.20.E)" hint="With a referral result." value={values.resultDate} errors={errors.resultDate} />
        <button type="submit" class="primary">
          Save the event
        </button>
      </PostForm>
    </Frame>
  );
}
