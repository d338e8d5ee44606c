import { BENEFIT_SOURCES, DISABILITY_TYPES, INCOME_SOURCES, INSURANCE_SOURCES, SUBSTANCE_USE_RESPONSE, WHEN_DV_OCCURRED } from '../../hud/assessment-code-lists.js';
import type { AnnualStatus } from '../../hud/annual-assessment.js';
import type { ChronicStatus } from '../../hud/chronic-homelessness.js';
import { label, NO_YES_REASONS_FOR_MISSING_DATA } from '../../hud/code-lists.js';
import type { CollectionPoint } from '../../hud/collection-rules.js';
import { clientName } from '../../clients/client-name.js';
import { formatDay } from '../../projects/project-fields.js';
import { Notice, Recorded } from '../../views/components.js';
import { DataTable } from '../../views/data-table.js';
import { DateField, ErrorSummary, PostForm, type FieldErrors, type FormFailure } from '../../views/form-kit.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { formatCents } from '../assessment-fields.js';
import type { AnnualDue, AssessmentOverview, MemberAnswersInput, StageAnswers, StageForm, StageMember, StageRecord } from '../assessments.model.js';
import { STAGE_TITLES } from '../assessments.service.js';
import { MemberAnswerFields } from './answer-fields.js';

const STAGE_OF_CODE: Record<number, CollectionPoint> = { 1: 'start', 2: 'update', 3: 'exit', 5: 'annual' };

const CHRONIC_TEXT: Record<ChronicStatus, string> = {
  yes: 'Chronically homeless',
  no: 'Not chronically homeless',
  'dont-know': 'Client doesn’t know or prefers not to answer',
  missing: 'Data missing',
};

/** What the annual assessment standing says, in a sentence. */
export function annualText(status: AnnualStatus): string {
  switch (status.kind) {
    case 'not-yet':
      return `Not due yet: the first annual assessment is due from ${formatDay(status.next.opens)} to ${formatDay(status.next.closes)}.`;
    case 'due':
      return `Due now: record it by ${formatDay(status.window.closes)} (${status.daysLeft} days left; anniversary ${formatDay(status.window.anniversary)}).`;
    case 'overdue':
      return `Overdue: the window around ${formatDay(status.window.anniversary)} closed on ${formatDay(status.window.closes)} without one. The next is due from ${formatDay(status.next.opens)}.`;
    case 'done':
      return `Done for the anniversary of ${formatDay(status.window.anniversary)}. The next is due from ${formatDay(status.next.opens)} to ${formatDay(status.next.closes)}.`;
  }
}

function yesSources(fields: object | null, sources: readonly { flag: string; label: string }[]): string {
  if (!fields) return '';
  const named = sources.filter((s) => (fields as Record<string, unknown>)[s.flag] === 1).map((s) => s.label);
  return named.length ? `: ${named.join(', ')}` : '';
}

/** One record's answers, element by element, as the history shows them. */
function AnswersSummary(props: { answers: StageAnswers }) {
  const { income, benefits, insurance, disabilities, domesticViolence: dv } = props.answers;
  return (
    <ul class="plain">
      {income && (
        <li>
          Income: {label(NO_YES_REASONS_FOR_MISSING_DATA, income.incomeFromAnySource)}
          {income.incomeFromAnySource === 1 &&
            `, $${formatCents(income.totalMonthlyIncome)} a month (${INCOME_SOURCES.filter((s) => income[s.flag] === 1)
              .map((s) => `${s.label} $${formatCents(income[s.amount])}`)
              .join('; ')})`}
        </li>
      )}
      {benefits && (
        <li>
          Non-cash benefits: {label(NO_YES_REASONS_FOR_MISSING_DATA, benefits.benefitsFromAnySource)}
          {yesSources(benefits, BENEFIT_SOURCES)}
        </li>
      )}
      {insurance && (
        <li>
          Health insurance: {label(NO_YES_REASONS_FOR_MISSING_DATA, insurance.insuranceFromAnySource)}
          {yesSources(insurance, INSURANCE_SOURCES)}
        </li>
      )}
      {disabilities.map((d) => (
        <li>
          {DISABILITY_TYPES.find((t) => t.type === d.disabilityType)?.label}:{' '}
          {label(d.disabilityType === 10 ? SUBSTANCE_USE_RESPONSE : NO_YES_REASONS_FOR_MISSING_DATA, d.disabilityResponse)}
          {d.indefiniteAndImpairs !== null && ` (long-continued and impairing: ${label(NO_YES_REASONS_FOR_MISSING_DATA, d.indefiniteAndImpairs)})`}
        </li>
      ))}
      {dv && (
        <li>
          Domestic violence survivor: {label(NO_YES_REASONS_FOR_MISSING_DATA, dv.domesticViolenceSurvivor)}
          {dv.whenOccurred !== null && `, ${label(WHEN_DV_OCCURRED, dv.whenOccurred).toLowerCase()}`}
          {dv.currentlyFleeing !== null && `, currently fleeing: ${label(NO_YES_REASONS_FOR_MISSING_DATA, dv.currentlyFleeing)}`}
        </li>
      )}
    </ul>
  );
}

/**
 * The enrollment page's "Assessments" section: the annual assessment standing, chronic homelessness, the stage
 * forms that can be filled in now, and every member's answers by date with a link to correct them.
 */
export function AssessmentsSection(props: { ctx: PageContext; overview: AssessmentOverview }) {
  const { ctx, overview } = props;
  const base = `enrollments/${overview.enrollmentId}/assessments`;
  return (
    <section aria-labelledby="assessments-heading">
      <h2 id="assessments-heading">Assessments</h2>
      <dl class="facts">
        {overview.annual && (
          <>
            <dt>Annual assessment</dt>
            <dd>
              {annualText(overview.annual)} <a href={sitePath(ctx, `projects/${overview.projectId}/annual-assessments`)}>Households of the project with an annual assessment due</a>
            </dd>
          </>
        )}
        {overview.chronic && (
          <>
            <dt>Chronic homelessness at project start</dt>
            <dd>
              {CHRONIC_TEXT[overview.chronic.member]}; household: {CHRONIC_TEXT[overview.chronic.household].toLowerCase()}
            </dd>
          </>
        )}
      </dl>
      {overview.stagesOpen.length > 0 && (
        <nav class="actions" aria-label="Record an assessment">
          {overview.stagesOpen.map((stage) => (
            <a class="button" href={sitePath(ctx, `${base}/new?stage=${stage}`)}>
              Record {STAGE_TITLES[stage].toLowerCase()}
            </a>
          ))}
        </nav>
      )}
      {overview.members.map((member) => (
        <>
          <h3>
            {clientName(member.client)}
            {member.isHead && <span class="muted"> (head of household)</span>}
          </h3>
          {member.records.length === 0 ? (
            <p class="muted">No assessment recorded yet.</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">Assessments of {clientName(member.client)} by date</caption>
                <thead>
                  <tr>
                    <th scope="col">Information date</th>
                    <th scope="col">Stage</th>
                    <th scope="col">Answers</th>
                    <th scope="col">Recorded</th>
                  </tr>
                </thead>
                <tbody>{member.records.map((record) => <RecordRow ctx={ctx} record={record} canChange={overview.canChange} />)}</tbody>
              </table>
            </div>
          )}
        </>
      ))}
    </section>
  );
}

function RecordRow(props: { ctx: PageContext; record: StageRecord; canChange: boolean }) {
  const { ctx, record } = props;
  const stage = STAGE_OF_CODE[record.dataCollectionStage]!;
  return (
    <tr>
      <td>{formatDay(record.informationDate)}</td>
      <td>{STAGE_TITLES[stage]}</td>
      <td>
        <AnswersSummary answers={record.answers} />
      </td>
      <td>
        <Recorded
          ctx={ctx}
          record={record}
          correct={
            props.canChange && {
              href: sitePath(ctx, `enrollments/${record.enrollmentId}/assessments/${stage}/${record.informationDate}/edit`),
              what: `the ${STAGE_TITLES[stage].toLowerCase()} of ${formatDay(record.informationDate)}`,
            }
          }
        />
      </td>
    </tr>
  );
}

/** A household's stage form: one set of questions per member it can be recorded for, saved together. */
export function StageFormPage(props: {
  ctx: PageContext;
  form: StageForm;
  informationDate: string;
  values: Readonly<Record<string, MemberAnswersInput>>;
  failure?: FormFailure | null;
}) {
  const { ctx, form, failure } = props;
  const errors = failure?.errors ?? {};
  const title = STAGE_TITLES[form.stage];
  const asked = form.members.filter((m) => m.unavailable === null);
  const others = form.members.filter((m) => m.unavailable !== null);
  const back = `enrollments/${form.enrollmentId}`;
  return (
    <Layout ctx={ctx} title={`${title} · ${form.projectName}`}>
      <p>
        <a href={sitePath(ctx, back)}>← Back to the enrollment</a>
      </p>
      <h1>{title}</h1>
      <p class="lede">
        {form.projectName}: the household’s answers, saved together.
        {form.stage === 'start' && ' Dated on each member’s entry date.'}
        {form.stage === 'exit' && ' Dated on each member’s exit date.'}
      </p>
      {form.annual && <Notice kind={form.annual.kind === 'overdue' ? 'warning' : 'info'}>{annualText(form.annual)}</Notice>}
      <ErrorSummary failure={failure} />
      {others.length > 0 && (
        <ul>
          {others.map((m) => (
            <li>
              {clientName(m.client)}: {m.unavailable}
            </li>
          ))}
        </ul>
      )}
      {asked.length === 0 ? (
        <p>There is no one in this household to record the {title.toLowerCase()} for now.</p>
      ) : (
        <PostForm ctx={ctx} action={`${back}/assessments/new?stage=${form.stage}`}>
          {!form.fixedDate && (
            <DateField
              name="informationDate"
              label="Information date"
              hint={form.stage === 'annual' ? 'Within 30 days before or after the anniversary of the head of household’s project start.' : 'The day the answers were given.'}
              value={props.informationDate}
              errors={errors.informationDate}
            />
          )}
          {asked.map((member, index) => (
            <MemberAnswerFields member={member} index={index} values={props.values[member.enrollmentId] ?? {}} errors={errors} />
          ))}
          <button type="submit" class="primary">
            Save the {title.toLowerCase()}
          </button>
        </PostForm>
      )}
    </Layout>
  );
}

/**
 * The exit form's part of the exit-stage answers (4.02–4.10 as the project asks them at exit), one set per member
 * still enrolled; saved with the exit, in the same submit. Only the answers of the members who leave are saved.
 */
export function ExitAnswerFields(props: { form: StageForm; values: Readonly<Record<string, MemberAnswersInput>>; errors: FieldErrors }) {
  const { form } = props;
  if (form.members.length === 0) return null;
  return (
    <section aria-labelledby="exit-answers-heading" class="stack">
      <h2 id="exit-answers-heading">Answers at exit</h2>
      <p class="hint">
        What HUD asks at project exit, dated on the exit date and saved with the exit.
        {form.members.length > 1 && ' Answer for every member who leaves; the answers of members who stay are not saved.'}
      </p>
      {form.members.map((member, index) => (
        <MemberAnswerFields member={member} index={index} values={props.values[member.enrollmentId] ?? {}} errors={props.errors} />
      ))}
    </section>
  );
}

/** Correcting one member's answers at one stage and date (the stage and the date stay). */
export function CorrectionPage(props: { ctx: PageContext; record: StageRecord; member: StageMember; values: MemberAnswersInput; failure?: FormFailure | null }) {
  const { ctx, record, member } = props;
  const stage = STAGE_OF_CODE[record.dataCollectionStage]!;
  const title = `Correct the ${STAGE_TITLES[stage].toLowerCase()} of ${formatDay(record.informationDate)}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={sitePath(ctx, `enrollments/${record.enrollmentId}`)}>← Back to the enrollment</a>
      </p>
      <h1>{title}</h1>
      <p class="lede">A correction keeps the stage and the information date; it is recorded in the audit log.</p>
      <ErrorSummary failure={props.failure} />
      <PostForm ctx={ctx} action={`enrollments/${record.enrollmentId}/assessments/${stage}/${record.informationDate}/edit`}>
        <MemberAnswerFields member={member} index={0} values={props.values} errors={props.failure?.errors ?? {}} />
        <button type="submit" class="primary">
          Save the correction
        </button>
      </PostForm>
    </Layout>
  );
}

/** A project's households whose annual assessment is due or overdue. */
export function AnnualsDuePage(props: { ctx: PageContext; projectId: string; projectName: string; households: readonly AnnualDue[] }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={`Annual assessments due · ${props.projectName}`}>
      <p>
        <a href={sitePath(ctx, `projects/${props.projectId}`)}>← {props.projectName}</a>
      </p>
      <h1>Annual assessments due</h1>
      <p class="lede">
        Households of {props.projectName} whose annual assessment is due now (within 30 days of the anniversary of the head of household’s project start) or overdue.
      </p>
      {props.households.length === 0 ? (
        <p>No household’s annual assessment is due or overdue.</p>
      ) : (
        <DataTable
          caption="Households with an annual assessment due or overdue"
          hiddenCaption
          rows={props.households}
          columns={[
            { header: 'Head of household', rowHeader: true, cell: (h) => <a href={sitePath(ctx, `enrollments/${h.headEnrollmentId}`)}>{clientName(h.head)}</a> },
            { header: 'Project start', cell: (h) => formatDay(h.entryDate) },
            { header: 'Annual assessment', cell: (h) => <a href={sitePath(ctx, `enrollments/${h.headEnrollmentId}/assessments/new?stage=annual`)}>{annualText(h.status)}</a> },
          ]}
        />
      )}
    </Layout>
  );
}
