import type { ComponentChildren } from 'preact';
import { HEAD_OF_HOUSEHOLD } from '../../hud/enrollment-code-lists.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { formatDay, type ExitInput, type MemberEntryInput } from '../enrollment-fields.js';
import { clientName } from '../../clients/client-name.js';
import type { ClientSummary } from '../../clients/clients.model.js';
import type { EnrollmentDetail, ExitScope } from '../enrollments.model.js';
import { collects3917 } from '../enrollments.service.js';
import { DateField, ErrorSummary, PostForm, RadioField, SelectField, TextField, WarningConfirmation, type FormFailure } from '../../views/form-kit.js';
import { HouseholdTable } from './enrollment.pages.js';
import { ExitFields, FormMessage, FormProblems, MEMBER_RELATIONSHIP_CHOICES, MemberEntryFields } from './fields.js';

interface Problems {
  failure?: FormFailure | null;
}

function Back(props: { ctx: PageContext; detail: EnrollmentDetail }) {
  return (
    <p>
      <a href={sitePath(props.ctx, `enrollments/${props.detail.enrollment.enrollmentId}`)}>← Back to the enrollment</a>
    </p>
  );
}

/** Exit a member or the whole household; or, once exited, correct the exit. */
export function ExitPage(props: Problems & { ctx: PageContext; detail: EnrollmentDetail; values: ExitInput; scope: ExitScope | ''; answers?: ComponentChildren }) {
  const { ctx, detail } = props;
  const errors = props.failure?.errors ?? {};
  const { enrollment: e, client, exit } = detail;
  const correcting = exit !== null;
  const open = detail.household.filter((m) => m.exitDate === null);
  const isHead = e.relationshipToHoH === HEAD_OF_HOUSEHOLD;
  const othersStay = open.length > 1;
  const title = correcting ? 'Correct the exit' : 'Exit';
  return (
    <Layout ctx={ctx} title={title}>
      <div class="narrow">
        <Back ctx={ctx} detail={detail} />
        <h1>{title}</h1>
        <p class="lede">
          {clientName(client)} in {detail.project.projectName}, entered {formatDay(e.entryDate)}.
        </p>
        <FormProblems ctx={ctx} failure={props.failure} />
        <PostForm ctx={ctx} action={`enrollments/${e.enrollmentId}/exit${correcting ? '/edit' : ''}`}>
          {!correcting && othersStay && (
            <RadioField
              name="scope"
              label="Who leaves the project?"
              value={props.scope}
              choices={[
                { value: 'household', label: `The whole household (${open.length} members still enrolled)` },
                { value: 'member', label: `Only ${clientName(client)}` },
              ]}
              hint={
                isHead ? (
                  <>
                    {clientName(client)} is the head of household: they can leave alone only once another member is made head of household.{' '}
                    <a href={sitePath(ctx, `enrollments/${e.enrollmentId}/head`)}>Change the head of household</a>
                  </>
                ) : undefined
              }
              errors={errors.scope}
            />
          )}
          {!correcting && !othersStay && <input type="hidden" name="scope" value="member" />}
          <ExitFields values={props.values} errors={errors} />
          {props.answers}
          <button type="submit" class="primary">
            {correcting ? 'Save the corrected exit' : 'Save the exit'}
          </button>
        </PostForm>
        <h2>Household</h2>
        <HouseholdTable ctx={ctx} detail={detail} />
      </div>
    </Layout>
  );
}

/** Make another member still enrolled the head of household, and give everyone their relationship to them. */
export function ChangeHeadPage(props: Problems & { ctx: PageContext; detail: EnrollmentDetail; newHead: string; relationships: Readonly<Record<string, string>> }) {
  const { ctx, detail } = props;
  const errors = props.failure?.errors ?? {};
  const open = detail.household.filter((m) => m.exitDate === null);
  const candidates = open.filter((m) => m.relationshipToHoH !== HEAD_OF_HOUSEHOLD);
  return (
    <Layout ctx={ctx} title="Change the head of household">
      <div class="narrow">
        <Back ctx={ctx} detail={detail} />
        <h1>Change the head of household</h1>
        <p class="lede">{detail.project.projectName}: only members still enrolled can be head of household.</p>
        <ErrorSummary failure={props.failure} />
        <PostForm ctx={ctx} action={`enrollments/${detail.enrollment.enrollmentId}/head`}>
          <RadioField
            name="newHead"
            label="New head of household"
            value={props.newHead}
            choices={candidates.map((m) => ({ value: m.enrollmentId, label: clientName(m.client) }))}
            errors={errors.newHead}
            warnings={props.failure?.warnings?.newHead}
          />
          <fieldset>
            <legend>Everyone else’s relationship to the new head of household</legend>
            <p class="hint">Leave the new head’s own answer as it is: it is ignored.</p>
            {detail.household
              .filter((m) => m.exitDate === null || m.relationshipToHoH === HEAD_OF_HOUSEHOLD)
              .map((m) => (
                <SelectField
                  name={`rel.${m.enrollmentId}`}
                  label={`${clientName(m.client)}${m.relationshipToHoH === HEAD_OF_HOUSEHOLD ? ' (head of household until now)' : ''}`}
                  value={props.relationships[m.enrollmentId] ?? ''}
                  choices={MEMBER_RELATIONSHIP_CHOICES}
                  errors={errors[`rel.${m.enrollmentId}`]}
                  warnings={props.failure?.warnings?.[`rel.${m.enrollmentId}`]}
                />
              ))}
          </fieldset>
          <WarningConfirmation failure={props.failure} />
          <button type="submit" class="primary">
            Change the head of household
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}

export interface SearchHit {
  client: ClientSummary;
  inHousehold: boolean;
}

/** Adding a member, step one: find the client (by PersonalID or a search). */
export function ChooseMemberPage(props: Problems & { ctx: PageContext; detail: EnrollmentDetail; q: string; personalId: string; hits: SearchHit[] | null }) {
  const { ctx, detail } = props;
  const errors = props.failure?.errors ?? {};
  const base = `enrollments/${detail.enrollment.enrollmentId}/members/new`;
  return (
    <Layout ctx={ctx} title="Add a member to the household">
      <div class="narrow">
        <Back ctx={ctx} detail={detail} />
        <h1>Add a member to the household</h1>
        <p class="lede">
          Someone joining the household’s stay in {detail.project.projectName}, such as a newborn. Create the client first if they have no
          record yet.
        </p>
        <ErrorSummary failure={props.failure} />
        <form method="get" action={sitePath(ctx, base)} class="stack" role="search" novalidate>
          <TextField name="personalId" label="PersonalID" value={props.personalId} maxLength={40} autocomplete="off" errors={errors.personalId} />
          <button type="submit">Choose this client</button>
        </form>
        <form method="get" action={sitePath(ctx, base)} class="stack" role="search" novalidate>
          <TextField name="q" type="search" label="Or search by name, date of birth or last 4 of the SSN" value={props.q} maxLength={200} autocomplete="off" errors={errors.q} />
          <button type="submit">Search</button>
        </form>
        {props.hits && (
          <section aria-labelledby="hits-heading">
            <h2 id="hits-heading">{props.hits.length === 0 ? 'No clients found' : 'Clients found'}</h2>
            <ul>
              {props.hits.map((hit) => (
                <li>
                  {hit.inHousehold ? (
                    <>
                      {clientName(hit.client)} <span class="muted">(already in the household)</span>
                    </>
                  ) : (
                    <a href={sitePath(ctx, `${base}?personalId=${hit.client.personalId}`)}>
                      Add {clientName(hit.client)}
                      {hit.client.dob ? `, born ${formatDay(hit.client.dob)}` : ''}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </Layout>
  );
}

/** Adding a member, step two: their entry date and entry answers. */
export function AddMemberPage(props: Problems & { ctx: PageContext; detail: EnrollmentDetail; member: ClientSummary; entryDate: string; values: MemberEntryInput }) {
  const { ctx, detail, member } = props;
  const errors = props.failure?.errors ?? {};
  const head = detail.household.find((m) => m.relationshipToHoH === HEAD_OF_HOUSEHOLD);
  return (
    <Layout ctx={ctx} title="Add a member to the household">
      <div class="narrow">
        <Back ctx={ctx} detail={detail} />
        <h1>Add {clientName(member)} to the household</h1>
        <p class="lede">
          {detail.project.projectName}
          {head ? `, head of household ${clientName(head.client)} (entered ${formatDay(head.entryDate)})` : ''}.
        </p>
        <p>
          <a href={sitePath(ctx, `enrollments/${detail.enrollment.enrollmentId}/members/new`)}>Choose someone else</a>
        </p>
        <FormProblems ctx={ctx} failure={props.failure} />
        <PostForm ctx={ctx} action={`enrollments/${detail.enrollment.enrollmentId}/members/new`}>
          <input type="hidden" name="personalId" value={member.personalId} />
          <FormMessage name="personalId" errors={errors.personalId} />
          <DateField name="entryDate" label="Entry date" value={props.entryDate} hint="On or after the head of household’s entry date." errors={errors.entryDate} />
          <MemberEntryFields
            prefix=""
            projectType={detail.project.projectType}
            values={props.values}
            errors={errors}
            warnings={props.failure?.warnings}
            relationship="member"
            required={collects3917(0, member.dob, head?.entryDate ?? detail.enrollment.entryDate)}
          />
          <WarningConfirmation failure={props.failure} />
          <button type="submit" class="primary">
            Add to the household
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}
