import type { ComponentChildren, VNode } from 'preact';
import { label, PROJECT_TYPE } from '../../hud/code-lists.js';
import {
  DISABLING_CONDITION,
  HEAD_OF_HOUSEHOLD,
  LENGTH_OF_STAY,
  LIVING_SITUATION,
  livingSituationGroup,
  MONTHS_HOMELESS_PAST_THREE_YEARS,
  NO_YES_DATA_NOT_COLLECTED,
  RELATIONSHIP_TO_HOH,
  RENTAL_SUBSIDY_TYPE,
  TIMES_HOMELESS_PAST_THREE_YEARS,
} from '../../hud/enrollment-code-lists.js';
import { Notice } from '../../views/components.js';
import { formatDateTime } from '../../views/format.js';
import { Layout } from '../../views/layout.js';
import { savedBy, sitePath, type PageContext } from '../../views/page-context.js';
import { formatDay, NIGHT_BEFORE_QUESTION, type MemberEntryInput } from '../enrollment-fields.js';
import { clientName } from '../../clients/client-name.js';
import type { EnrollmentDetail, EnrollmentSummary } from '../enrollments.model.js';
import { collects3917 } from '../enrollments.service.js';
import { DateField, PostForm, WarningConfirmation, type FormFailure } from '../../views/form-kit.js';
import { EnrollmentCocField, FormProblems, MemberEntryFields } from './fields.js';

/** A household member's stay, as the household and roster tables show it: relationship, entry, exit, destination. */
export function StayCells(props: { member: EnrollmentSummary }) {
  const m = props.member;
  return (
    <>
      <td>{label(RELATIONSHIP_TO_HOH, m.relationshipToHoH)}</td>
      <td>{formatDay(m.entryDate)}</td>
      <td>{m.exitDate ? formatDay(m.exitDate) : 'Still enrolled'}</td>
      <td>{m.destination === null ? '—' : label(LIVING_SITUATION, m.destination)}</td>
    </>
  );
}

/** The header row over a member column and `StayCells`. */
export function StayHeaders(props: { first: string }) {
  return (
    <tr>
      <th scope="col">{props.first}</th>
      <th scope="col">Relationship to head of household</th>
      <th scope="col">Entry</th>
      <th scope="col">Exit</th>
      <th scope="col">Destination</th>
    </tr>
  );
}

/** What ?done= may say after a change redirected back to the enrollment page. */
export const DONE_MESSAGES = {
  enrolled: 'Enrolled. The household’s enrollments are saved.',
  saved: 'Your changes are saved.',
  exited: 'The exit is saved.',
  'exit-saved': 'The corrected exit is saved.',
  'head-changed': 'The head of household is changed.',
  'member-added': 'The new member is added to the household.',
  'bed-night-removed': 'The bed night is removed.',
} as const;

export type Done = keyof typeof DONE_MESSAGES;

export function isDone(value: unknown): value is Done {
  return typeof value === 'string' && Object.hasOwn(DONE_MESSAGES, value);
}

/** A code with its HUD label, or "—" when empty. */
function answer(list: Readonly<Record<number, string>>, code: number | null): string {
  return code === null ? '—' : label(list, code);
}

export function losUnderThresholdText(livingSituation: number | null, value: number | null): string {
  if (value === null) return 'Not applicable';
  const threshold = livingSituation !== null && livingSituationGroup(livingSituation) === 'institutional' ? 'less than 90 days' : 'less than 7 nights';
  return `${label(NO_YES_DATA_NOT_COLLECTED, value)} (stayed ${threshold}; worked out from the length of stay)`;
}

export function HouseholdTable(props: { ctx: PageContext; detail: EnrollmentDetail }) {
  const { ctx, detail } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">Members of the household</caption>
        <thead>
          <StayHeaders first="Member" />
        </thead>
        <tbody>
          {detail.household.map((m) => (
            <tr>
              <th scope="row">
                {m.enrollmentId === detail.enrollment.enrollmentId ? (
                  <>
                    {clientName(m.client)} <span class="muted">(this enrollment)</span>
                  </>
                ) : (
                  <a href={sitePath(ctx, `enrollments/${m.enrollmentId}`)}>{clientName(m.client)}</a>
                )}
              </th>
              <StayCells member={m} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EnrollmentPage(props: { ctx: PageContext; detail: EnrollmentDetail; done?: Done | null; occurrences?: VNode; assessments?: ComponentChildren }) {
  const { ctx, detail } = props;
  const { enrollment: e, client, project, exit } = detail;
  const tz = ctx.timeZone;
  const open = detail.household.filter((m) => m.exitDate === null);
  const head = detail.household.find((m) => m.relationshipToHoH === HEAD_OF_HOUSEHOLD);
  const headOpen = head !== undefined && head.exitDate === null;
  const base = `enrollments/${e.enrollmentId}`;
  return (
    <Layout ctx={ctx} title={`${clientName(client)} · ${project.projectName}`}>
      <p>
        <a href={sitePath(ctx, `clients/${client.personalId}`)}>← {clientName(client)}</a>
      </p>
      {props.done && <Notice kind="success">{DONE_MESSAGES[props.done]}</Notice>}
      <h1>
        {clientName(client)} in {project.projectName}
      </h1>
      <dl class="facts">
        <dt>Client</dt>
        <dd>
          <a href={sitePath(ctx, `clients/${client.personalId}`)}>{clientName(client)}</a>
        </dd>
        <dt>Project</dt>
        <dd>
          <a href={sitePath(ctx, `projects/${project.projectId}`)}>{project.projectName}</a> ({label(PROJECT_TYPE, project.projectType)})
        </dd>
        <dt>Agency</dt>
        <dd>{project.organizationName}</dd>
        <dt>Entry date</dt>
        <dd>{formatDay(e.entryDate)}</dd>
        <dt>Exit date</dt>
        <dd>{exit ? formatDay(exit.exitDate) : 'Still enrolled'}</dd>
        <dt>Relationship to head of household</dt>
        <dd>{label(RELATIONSHIP_TO_HOH, e.relationshipToHoH)}</dd>
        <dt>Continuum of Care (head of household’s, at entry)</dt>
        <dd>{e.enrollmentCoc ?? 'Not recorded'}</dd>
        <dt>EnrollmentID</dt>
        <dd>
          <code>{e.enrollmentId}</code>
        </dd>
        <dt>HouseholdID</dt>
        <dd>
          <code>{e.householdId}</code>
        </dd>
      </dl>
      {detail.canChange && (
        <nav class="actions" aria-label="Enrollment actions">
          <a class="button" href={sitePath(ctx, `${base}/edit`)}>
            Edit entry data
          </a>
          <a class="button" href={sitePath(ctx, `${base}/exit`)}>
            {exit ? 'Correct the exit' : 'Exit'}
          </a>
          {headOpen && (
            <a class="button" href={sitePath(ctx, `${base}/members/new`)}>
              Add a member to the household
            </a>
          )}
          {open.length > 1 && (
            <a class="button" href={sitePath(ctx, `${base}/head`)}>
              Change the head of household
            </a>
          )}
        </nav>
      )}

      <section aria-labelledby="household-heading">
        <h2 id="household-heading">Household ({detail.household.length})</h2>
        <HouseholdTable ctx={ctx} detail={detail} />
      </section>
      {props.assessments}

      <section aria-labelledby="entry-heading">
        <h2 id="entry-heading">At entry</h2>
        <dl class="facts">
          <dt>Disabling condition</dt>
          <dd>{label(DISABLING_CONDITION, e.disablingCondition)}</dd>
          <dt>Prior living situation</dt>
          <dd>{answer(LIVING_SITUATION, e.livingSituation)}</dd>
          <dt>Rental subsidy type</dt>
          <dd>{e.rentalSubsidyType === null ? 'Not applicable' : label(RENTAL_SUBSIDY_TYPE, e.rentalSubsidyType)}</dd>
          <dt>Length of stay</dt>
          <dd>{answer(LENGTH_OF_STAY, e.lengthOfStay)}</dd>
          <dt>Short stay</dt>
          <dd>{losUnderThresholdText(e.livingSituation, e.losUnderThreshold)}</dd>
          <dt>{NIGHT_BEFORE_QUESTION}</dt>
          <dd>{e.previousStreetEssh === null ? 'Not applicable' : label(NO_YES_DATA_NOT_COLLECTED, e.previousStreetEssh)}</dd>
          <dt>Approximate date this episode of homelessness started</dt>
          <dd>{e.dateToStreetEssh ? formatDay(e.dateToStreetEssh) : 'Not applicable'}</dd>
          <dt>Times homeless in the past three years</dt>
          <dd>{e.timesHomelessPastThreeYears === null ? 'Not applicable' : label(TIMES_HOMELESS_PAST_THREE_YEARS, e.timesHomelessPastThreeYears)}</dd>
          <dt>Months homeless in the past three years</dt>
          <dd>{e.monthsHomelessPastThreeYears === null ? 'Not applicable' : label(MONTHS_HOMELESS_PAST_THREE_YEARS, e.monthsHomelessPastThreeYears)}</dd>
        </dl>
      </section>

      {props.occurrences}

      <section aria-labelledby="exit-heading">
        <h2 id="exit-heading">Exit</h2>
        {exit ? (
          <dl class="facts">
            <dt>Exit date</dt>
            <dd>{formatDay(exit.exitDate)}</dd>
            <dt>Destination</dt>
            <dd>{label(LIVING_SITUATION, exit.destination)}</dd>
            {exit.destinationSubsidyType !== null && (
              <>
                <dt>Rental subsidy type</dt>
                <dd>{label(RENTAL_SUBSIDY_TYPE, exit.destinationSubsidyType)}</dd>
              </>
            )}
            {exit.otherDestination !== null && (
              <>
                <dt>Other destination</dt>
                <dd>{exit.otherDestination}</dd>
              </>
            )}
            <dt>Recorded</dt>
            <dd>
              {savedBy(ctx, exit)}
            </dd>
          </dl>
        ) : (
          <p>The client is still enrolled.</p>
        )}
      </section>
      <p class="muted">
        Enrolled {formatDateTime(e.dateCreated, tz)}; last changed {savedBy(ctx, e)}.
      </p>
    </Layout>
  );
}

export function EditEnrollmentPage(props: {
  ctx: PageContext;
  detail: EnrollmentDetail;
  entryDate: string;
  values: MemberEntryInput;
  /** 3.16 Enrollment CoC, asked of the head of household only: the project's codes and the one chosen. */
  coc: { choices: readonly string[]; value: string } | null;
  failure?: FormFailure | null;
}) {
  const { ctx, detail } = props;
  const errors = props.failure?.errors ?? {};
  const { enrollment: e, client, project } = detail;
  const isHead = e.relationshipToHoH === HEAD_OF_HOUSEHOLD;
  return (
    <Layout ctx={ctx} title="Edit entry data">
      <div class="narrow">
        <p>
          <a href={sitePath(ctx, `enrollments/${e.enrollmentId}`)}>← Back to the enrollment</a>
        </p>
        <h1>Edit entry data</h1>
        <p class="lede">
          {clientName(client)} in {project.projectName} ({project.organizationName}).
        </p>
        <FormProblems ctx={ctx} failure={props.failure} />
        <PostForm ctx={ctx} action={`enrollments/${e.enrollmentId}/edit`}>
          <DateField name="entryDate" label="Entry date" value={props.entryDate} errors={errors.entryDate} />
          {props.coc && (
            <EnrollmentCocField
              value={props.coc.value}
              choices={props.coc.choices}
              hint="Where the head of household was at project entry (HUD 3.16 Enrollment CoC); saving changes it for every member of the household."
              errors={errors.enrollmentCoc}
            />
          )}
          <MemberEntryFields
            prefix=""
            projectType={project.projectType}
            values={props.values}
            errors={errors}
            warnings={props.failure?.warnings}
            relationship={isHead ? 'head' : 'member'}
            required={collects3917(e.relationshipToHoH, client.dob, e.entryDate)}
          />
          <WarningConfirmation failure={props.failure} />
          <button type="submit" class="primary">
            Save changes
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}
